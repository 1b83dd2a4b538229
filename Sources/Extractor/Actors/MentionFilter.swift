/// A second look at each actor mention, with the words around it and the rest of the article: what the
/// phrase automaton cannot see from the phrase alone.
///
/// - A watched name inside a longer proper name is not the actor: "Michael Jordan", "Georgia State
///   University", "Amazon Mechanical Turk", "Ilona Orbán" (another given name before a watched surname),
///   "Paris Hilton", "New Mexico". Headlines in title case are exempt: every word is capitalised there.
/// - A capital stands for its country only where it acts ("Budapest said", "Moscow's decision"), not
///   where something happens in it ("the marathon started in Budapest").
/// - A demonym used for a language or in an idiom is not the country: "in French and English",
///   "Russian roulette", "a Russian accent".
/// - A surname that is also a common word or a common surname (May, Rice, Brown, Johnson) counts only
///   in an article that names the person in full or with a title, and never as a sentence-initial word
///   ("May I ask").
/// - A homonym (Georgia, Jordan, Turkey …) counts only when the article does not speak of the other
///   sense (see `Homonyms`).
/// - An acronym the article introduces ("the European Union (EU)") names the actor in that article.
struct MentionFilter: Sendable {
    struct Part {
        var tokens: [Token]
        var bytes: [UInt8]
        var hits: [ActorMatcher.Hit]
        /// For each token, whether it opens a sentence.
        var opensSentence: [Bool]
    }

    let actors: [WatchedActor]
    /// Cue phrases by actor, as normalised word sequences keyed by their first word (built once here,
    /// not per article).
    private let cues: [Int: (for: [String: [[String]]], against: [String: [[String]]])]
    /// Watched persons (by index) whose surname alone needs a full mention in the article.
    private let commonSurnames: Set<Int>

    init(actors: [WatchedActor]) {
        self.actors = actors
        var cues: [Int: (for: [String: [[String]]], against: [String: [[String]]])] = [:]
        var common: Set<Int> = []
        for (i, actor) in actors.enumerated() {
            let given = actor.cues ?? (actor.type == .country ? Homonyms.cues(forCountry: actor.name) : nil)
            if let given, !given.against.isEmpty || !given.for.isEmpty {
                cues[i] = (Self.byFirstWord(given.for), Self.byFirstWord(given.against))
            }
            if actor.type == .person, let surname = ActorMatcher.surname(actor.name),
                Self.commonWordSurnames.contains(Normalization.tokens(of: surname).joined(separator: " "))
            {
                common.insert(i)
            }
        }
        self.cues = cues
        commonSurnames = common
    }

    /// Filters the mentions of an article's parts (title, body) in place, and adds the acronyms it introduces.
    func apply(_ parts: inout [Part]) {
        guard parts.contains(where: { !$0.hits.isEmpty }) else { return }
        for p in parts.indices where !parts[p].hits.isEmpty {
            // Title case matters only for a body short enough to be a headline's, or the title itself.
            let titleCase = parts[p].tokens.count <= 40 && Self.isTitleCase(parts[p].tokens)
            parts[p].hits = parts[p].hits.filter { keep($0, in: parts[p], titleCase: titleCase) }
        }
        // Article-wide: a common-word surname needs a full mention; a homonym needs no cue of the other sense.
        var fullyNamed: Set<Int> = []
        for part in parts {
            for hit in part.hits where hit.kind != .surname { fullyNamed.insert(hit.actor) }
            // "Mrs May", "Prime Minister May": a title straight before the surname names the person too.
            for hit in part.hits
            where hit.kind == .surname && hit.first > 0 && !part.tokens[hit.first - 1].isAllCaps
                && !Lexicon.isBreak(part.bytes, tokens: part.tokens, after: hit.first - 1)
                && Self.isTitle(part.tokens[hit.first - 1])
            { fullyNamed.insert(hit.actor) }
        }
        let present = Set(parts.flatMap { $0.hits.map(\.actor) })
        var otherSense: Set<Int> = []
        for actor in present where cues[actor] != nil {
            let (forCues, againstCues) = cues[actor]!
            guard !againstCues.isEmpty else { continue }
            let against = parts.contains { Self.contains($0.tokens, any: againstCues) }
            let confirmed = parts.contains { Self.contains($0.tokens, any: forCues) }
            if against && !confirmed { otherSense.insert(actor) }
        }
        for p in parts.indices {
            parts[p].hits.removeAll { hit in
                otherSense.contains(hit.actor)
                    || (hit.kind == .surname && commonSurnames.contains(hit.actor) && !fullyNamed.contains(hit.actor))
            }
        }
        for p in parts.indices { addIntroducedAcronyms(&parts[p]) }
    }

    private func keep(_ hit: ActorMatcher.Hit, in part: Part, titleCase: Bool) -> Bool {
        let tokens = part.tokens
        let actor = actors[hit.actor]
        let previous = hit.first > 0 && !Lexicon.isBreak(part.bytes, tokens: tokens, after: hit.first - 1) ? hit.first - 1 : nil
        let next = hit.last + 1 < tokens.count && !Lexicon.isBreak(part.bytes, tokens: tokens, after: hit.last) ? hit.last + 1 : nil
        if !titleCase, hit.kind != .title {
            let nameBefore = previous.map { partOfAnotherName(tokens[$0], actor: actor) } ?? false
            switch actor.type {
            case .person:
                // "Ilona Orbán", "Jim Johnson": another given name before a watched surname.
                if hit.kind == .surname, nameBefore { return false }
            case .country, .place:
                // "New Mexico", "Mechanical Turk", "Papua New Guinea".
                if nameBefore { return false }
                // "Organization of American States": inside a name of the form "X of Y Z".
                if hit.first >= 2, ["of", "for"].contains(tokens[hit.first - 1].normalized),
                    NameIndex.isNameWord(tokens[hit.first - 2]), let next, NameIndex.isNameWord(tokens[next]),
                    !tokens[next].isAllCaps
                {
                    return false
                }
                // "Planned Parenthood Federation of America", "Boy Scouts of America": a body's name.
                if hit.first >= 2, tokens[hit.first - 1].normalized == "of", tokens[hit.first - 2].isCapitalized,
                    Self.bodiesOf.contains(tokens[hit.first - 2].normalized)
                {
                    return false
                }
                // "Georgia State University", "Turkey Bowl", "Chad Smith", "Niger River", "Paris Hilton": a name
                // that is also something else, run into another name. ("U.S. Army", "US-CERT" are the country.)
                // "American Standard Code for …", "French Open": a demonym opening another name; not
                // "Russian Embassy", "Chinese Communist Party", "German Chancellor".
                if hit.kind == .demonym, let next, NameIndex.isNameWord(tokens[next]), tokens[hit.last].isCapitalized,
                    !tokens[hit.last].isAllCaps,
                    !Self.stateWords.contains(tokens[next].normalized), !Self.isPlaceWord(tokens[next].normalized)
                {
                    return false
                }
                if hit.kind == .capital || (cues[hit.actor] != nil && hit.kind == .name), let next,
                    NameIndex.isNameWord(tokens[next]), !Self.countryFollowers.contains(tokens[next].normalized),
                    !Self.isPlaceWord(tokens[next].normalized)
                {
                    return false
                }
            default:
                if nameBefore { return false }  // "Big Apple"
            }
        }
        switch hit.kind {
        case .capital:
            return Self.acts(after: hit.last, in: part)
        case .demonym:
            if let next, Self.idiomNouns.contains(tokens[next].normalized) { return false }
            if hit.first > 0, Self.languageMarkers.contains(tokens[hit.first - 1].normalized),
                next == nil || Self.languageFollowers.contains(tokens[hit.last + 1].normalized)
            {
                return false
            }
            return true
        case .surname:
            guard commonSurnames.contains(hit.actor) else { return true }
            // "May I ask", "Rice is …": a sentence-initial common word.
            if part.opensSentence[hit.first], hit.last + 1 < tokens.count,
                Self.notAfterSurname.contains(tokens[hit.last + 1].normalized)
            {
                return false
            }
            return true
        default:
            return true
        }
    }

    /// The capital is the subject of a political verb within three words ("Budapest has rejected", "Moscow
    /// said"), or owns a decision ("Moscow's position").
    private static func acts(after last: Int, in part: Part) -> Bool {
        if Lexicon.possessiveAfter(part.bytes, tokens: part.tokens, index: last), last + 1 < part.tokens.count,
            possessedByGovernments.contains(part.tokens[last + 1].normalized)
        {
            return true
        }
        var k = last + 1
        while k < part.tokens.count, k <= last + 3 {
            if politicalVerbs.contains(part.tokens[k].normalized) || QuoteFinder.verbs.contains(part.tokens[k].normalized) { return true }
            if Lexicon.isBreak(part.bytes, tokens: part.tokens, after: k - 1) { return false }
            k += 1
        }
        return false
    }

    /// "the European Union (EU)": the capitals in brackets name the same actor in the rest of the part.
    private func addIntroducedAcronyms(_ part: inout Part) {
        var introduced: [String: Int] = [:]
        for hit in part.hits where hit.kind == .name || hit.kind == .alias {
            let k = hit.last + 1
            guard k < part.tokens.count, part.tokens[k].isAllCaps,
                Self.bracketBetween(part.bytes, part.tokens[hit.last].end, part.tokens[k].start)
            else { continue }
            introduced[part.tokens[k].normalized] = hit.actor
        }
        guard !introduced.isEmpty else { return }
        var covered = [Bool](repeating: false, count: part.tokens.count)
        for hit in part.hits { for k in hit.first...hit.last { covered[k] = true } }
        var added: [ActorMatcher.Hit] = []
        for (k, token) in part.tokens.enumerated() where !covered[k] && token.isAllCaps {
            if let actor = introduced[token.normalized] { added.append(.init(actor: actor, kind: .alias, first: k, last: k)) }
        }
        guard !added.isEmpty else { return }
        part.hits = (part.hits + added).sorted { $0.first < $1.first }
    }

    private static func bracketBetween(_ bytes: [UInt8], _ from: Int, _ to: Int) -> Bool {
        from < to && to - from <= 3 && bytes[from..<to].contains(0x28)
    }

    /// Most words with letters are capitalised: a headline in title case.
    static func isTitleCase(_ tokens: [Token]) -> Bool {
        let words = tokens.filter { !($0.normalized.utf8.first.map { $0 >= 0x30 && $0 <= 0x39 } ?? true) }
        guard words.count >= 4 else { return false }
        return words.count { $0.isCapitalized || $0.isAllCaps } * 10 >= words.count * 7
    }

    private static func byFirstWord(_ phrases: [String]) -> [String: [[String]]] {
        var byFirst: [String: [[String]]] = [:]
        for phrase in phrases.map(Normalization.tokens(of:)) where !phrase.isEmpty { byFirst[phrase[0], default: []].append(phrase) }
        return byFirst
    }

    private static func contains(_ tokens: [Token], any byFirst: [String: [[String]]]) -> Bool {
        guard !byFirst.isEmpty else { return false }
        for k in tokens.indices {
            guard let candidates = byFirst[tokens[k].normalized] else { continue }
            for phrase in candidates
            where k + phrase.count <= tokens.count
                && (1..<phrase.count).allSatisfy({ tokens[k + $0].normalized == phrase[$0] })
            { return true }
        }
        return false
    }

    /// A word before a watched name that makes the two another name: a given name that is not the
    /// actor's own ("Michael Jordan", "Ilona Orbán") or a word that makes place names ("New Mexico",
    /// "Mechanical Turk"). Any capitalised word would be too many: German writes every noun so.
    private func partOfAnotherName(_ token: Token, actor: WatchedActor) -> Bool {
        guard token.isCapitalized, !Self.sameGivenName(token, actor) else { return false }
        return Self.nameMakers.contains(token.normalized)
            || (GivenNames.isGivenName(token.normalized) && !Self.isPlaceWord(token.normalized))
    }

    static let nameMakers: Set<String> = [
        "new", "north", "south", "east", "west", "upper", "lower", "big", "little", "mechanical", "equatorial",
        "papua", "great", "greater", "old", "austro", "northern", "southern", "eastern", "western",
    ]

    /// A country's name or demonym ("Russia Ukraine talks", "Hungarian Viktor Orbán").
    static func isPlaceWord(_ normalized: String) -> Bool { Countries.words.contains(normalized) }

    private static func isTitle(_ token: Token) -> Bool {
        NameIndex.personTitles.contains(token.normalized) || NameIndex.roleWords[token.normalized] != nil
            || ["prime", "foreign", "home", "chancellor", "mrs", "mr", "ms"].contains(token.normalized)
    }

    private static func sameGivenName(_ token: Token, _ actor: WatchedActor) -> Bool {
        Normalization.tokens(of: actor.name).first == token.normalized
    }

    // MARK: - Words

    /// Capitalised words that may follow a country's name without making it part of another name.
    static let countryFollowers: Set<String> = [
        "government", "ministry", "embassy", "army", "navy", "parliament", "president", "prime", "premier",
        "foreign", "defence", "defense", "interior", "minister", "officials", "today", "now", "but", "and", "or",
    ]
    /// "… of <country>" names a body, not the country's state: "Federation of America".
    static let bodiesOf: Set<String> = [
        "association", "federation", "society", "scouts", "council", "league", "club", "alliance", "institute",
        "foundation", "coalition", "conference", "museum", "orchestra", "church", "bank", "company", "corporation",
        "guild", "union", "fellowship", "collective", "network", "brotherhood", "sisters", "daughters", "sons",
    ]

    /// Capitalised words after a demonym that keep it the country's: its state, people and institutions.
    static let stateWords: Set<String> = [
        "embassy", "consulate", "government", "ministry", "foreign", "army", "navy", "air", "communist", "party",
        "parliament", "president", "prime", "defence", "defense", "central", "national", "federal", "state",
        "people", "supreme", "court", "military", "forces", "federation", "republic", "empire", "orthodox",
        "academy", "coast", "border", "interior", "security", "intelligence", "olympic", "team", "authorities",
        "officials", "troops", "soldiers", "citizens", "duma", "senate", "congress", "bundestag", "cabinet",
        "leader", "chancellor", "minister", "premier", "king", "queen", "emperor", "navy", "guard", "police",
        "justice", "treasury", "finance", "economy", "trade", "health", "education", "energy", "agriculture",
        "environment", "post", "railways", "constitution", "constitutional", "revolution", "civil", "war",
    ]
    static let idiomNouns: Set<String> = [
        "roulette", "accent", "accents", "dressing", "fries", "toast", "kiss", "kissing", "delight", "checkers",
        "whispers", "doll", "dolls", "bath", "baths", "shepherd", "shepherds", "horn", "press", "braid", "braids",
        "manicure", "cuisine", "restaurant", "restaurants", "food", "wine", "wines", "cheese", "knife", "oven",
        "pastry", "muffin", "muffins", "wax", "blue", "flu", "bulldog", "poodle", "mastiff", "hound", "terrier",
        "salad", "vanilla", "language", "translation", "subtitles", "speakers", "speaking", "lessons", "class",
        "classes", "teacher", "literature", "novel", "novels", "poetry", "grammar",
    ]
    static let languageMarkers: Set<String> = [
        "in", "into", "speak", "speaks", "spoke", "speaking", "fluent", "learn", "learning", "learned", "translated",
        "dubbed", "from", "taught", "teaches", "teach", "study", "studied", "studies", "write", "writes", "wrote",
    ]
    static let languageFollowers: Set<String> = ["and", "or", "with", "as", "by", "than", "but", "to", "for", "at", "on"]
    static let possessedByGovernments: Set<String> = [
        "decision", "position", "response", "policy", "government", "plan", "move", "demand", "demands", "offer",
        "stance", "support", "refusal", "envoy", "ambassador", "officials", "view", "claim", "claims", "threat",
    ]
    static let politicalVerbs: Set<String> = [
        "has", "have", "had", "is", "was", "will", "would", "wants", "wanted", "rejected", "rejects", "accused",
        "accuses", "denied", "denies", "demanded", "demands", "threatened", "threatens", "responded", "responds",
        "agreed", "agrees", "signed", "signs", "imposed", "imposes", "condemned", "condemns", "urged", "urges",
        "called", "calls", "insisted", "insists", "refused", "refuses", "vowed", "vows", "blamed", "blames",
        "warned", "warns", "announced", "announces", "approved", "approves", "blocked", "blocks", "vetoed",
        "backed", "backs", "opposed", "opposes", "expelled", "expels", "recalled", "summoned", "retaliated",
        "sanctioned", "protested", "hit", "struck", "launched", "sent", "ordered", "moved", "plans", "planned",
        "says", "said", "declined", "hopes", "fears", "argues", "argued", "claims", "claimed", "sees", "saw",
    ]
    static let notAfterSurname: Set<String> = [
        "i", "we", "you", "they", "he", "she", "it", "be", "not", "the", "a", "this", "that", "have", "also", "never",
        "well", "all", "still", "only", "just", "even", "now", "so", "there", "our", "your", "their", "his", "her",
    ]

    /// Surnames that are also common words or very common surnames: matched alone only in an article
    /// that also names the person in full or with a title.
    static let commonWordSurnames: Set<String> = Set(
        """
        may rice brown bush johnson smith jones williams miller davis wilson moore taylor white black green young \
        king hill wood bell ward cook cooper price long hunt rich marsh wells lee park kim li wang zhang chen liu \
        martin clark lewis walker hall allen wright scott baker adams nelson carter mitchell roberts turner phillips \
        campbell parker evans edwards collins stewart morris rogers reed bailey gray grey james watson brooks kelly \
        sanders bennett barnes ross jenkins perry powell hughes butler foster bryant alexander russell \
        griffin hayes ford graham hope love short little bird fox wolf lamb stone rose page banks bond cash frank \
        gates jobs jordan lane major mason miles north west south street sharp strong swift warren webb church \
        day field hart holmes hood knight lord mayor moon noble paine power rivers shaw stark waters
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))
}
