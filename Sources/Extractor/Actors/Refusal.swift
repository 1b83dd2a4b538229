/// A candidate mention the matcher found and did not count, with the reason: `feedwatch explain`
/// shows them so that an analyst can see why an actor was not reported ("Paul Smith: another
/// person's given name").
public struct RefusedMention: Codable, Sendable, Equatable {
    /// The watched actor the words could have named.
    public var actor: String
    /// The words as written, with the neighbouring words that decided ("Paul Smith", "former Foreign
    /// Secretary").
    public var form: String
    /// 0-based sentence index; -1 for the title.
    public var sentence: Int
    public var reason: String
}

/// Why a candidate mention does not count. Each is a rule about the shape or the context of a
/// mention, never about a particular name.
enum RefusalReason: Sendable, Equatable {
    /// A matched phrase with a comma or full stop inside it ("president, Obama said").
    case acrossPunctuation
    /// The watched surname is the given name of someone whose surname follows ("Paul Smith").
    case givenNameOfAnother
    /// Another given name or name word before the watched surname ("Ilona Orbán", "Ron Howard").
    case anotherBearer
    /// "Donald Trump Jr.", "Ken Griffey III".
    case generationalSuffix
    /// A body, a work or a place named after the actor ("Chelsea Clinton Foundation", "Russia Today").
    case bodyName
    /// Inside a longer proper name ("International Labour Organisation", "The Next Generation").
    case longerName
    /// A bare surname that is a common given name, surname or word, and nothing in the item names the
    /// person in full, with a title or with Mr/Mrs/Ms.
    case notDistinctive
    /// Several watched persons bear the surname and the item names none of them.
    case sharedSurname
    /// Another person of that surname is named nearest to the bare mention.
    case nearerNamesake(String)
    /// A bare surname in a line-up or credits ("Subs: Smith, Howard"), the person never named in full.
    case listOfOthers
    /// "Mr Kelly" for a woman, "Mrs Major" for a man.
    case titleGender
    /// "former Foreign Secretary", "shadow chancellor", "the late king".
    case formerOrDeputy
    /// "Scottish Conservative leader", "the Turkish deputy prime minister": another country's or body's.
    case qualifiedTitle
    /// "Foreign Secretary Jane Doe": the title is someone else's, named after it.
    case titleOfAnother
    /// "the Office of the Deputy Prime Minister", "offered the job of Foreign Secretary".
    case officeNotHolder
    /// A common word at the start of a sentence or in a title-case headline, where capitals say
    /// nothing, and no other mention in the item where they do ("Next week, …").
    case commonWordPosition
    /// Inside a quoted title of a work ("“Orange Crush”").
    case quotedTitle
    /// A country's name in another language, in English text ("chino", "Stade Français").
    case foreignForm
    /// A person's name: "Mr German said".
    case personsName
    /// A capital where something happens, not a government acting ("the marathon started in Budapest").
    case capitalNotActing
    /// A language or an idiom, not the country ("in French and English", "Russian roulette").
    case languageOrIdiom
    /// The article speaks of the other thing of that name (Georgia the US state).
    case otherSense
    /// A sentence-initial common word before a pronoun or verb ("May I ask").
    case sentenceInitialWord
    /// A title many hold ("the President") in an item that does not name the actor otherwise.
    case genericTitle
    /// A country's name as someone's nationality, for a team or body known by it: "Meligeni (Brazil)".
    case nationality
    /// A country's name as a dateline's place, for a team or body known by it: "YORK, England".
    case dateline

    var text: String {
        switch self {
        case .acrossPunctuation: return "punctuation inside the phrase"
        case .givenNameOfAnother: return "another person's given name"
        case .anotherBearer: return "another person of that surname"
        case .generationalSuffix: return "another person (a generational suffix)"
        case .bodyName: return "the name of a body, work or place"
        case .longerName: return "part of a longer name"
        case .notDistinctive:
            return "a common name or word alone, and the item never names the person in full, with a title or Mr/Mrs/Ms"
        case .sharedSurname: return "a surname several watched persons share, and the item names none of them"
        case .nearerNamesake(let name): return "\(name) is the person of that surname named nearest"
        case .listOfOthers: return "a surname in a list of names (line-up, credits), the person never named in full"
        case .titleGender: return "the title's gender is not the person's"
        case .formerOrDeputy: return "a former, deputy, shadow or acting holder of the title"
        case .qualifiedTitle: return "the title qualified by another country, region or body"
        case .titleOfAnother: return "the title of another person, named after it"
        case .officeNotHolder: return "the office, not its holder"
        case .commonWordPosition: return "a common word where capitals say nothing (sentence start, headline), no other mention"
        case .quotedTitle: return "inside a quoted title"
        case .foreignForm: return "another language's form in English text"
        case .personsName: return "a person's name"
        case .capitalNotActing: return "a capital where something happens, not a government that acts"
        case .languageOrIdiom: return "a language or an idiom"
        case .otherSense: return "the item speaks of another thing of that name"
        case .sentenceInitialWord: return "a common word opening a sentence"
        case .genericTitle: return "a title many hold, and the item does not name the actor otherwise"
        case .nationality: return "someone's nationality, not the team or body of that name"
        case .dateline: return "the place of a dateline, not the team or body of that name"
        }
    }
}
