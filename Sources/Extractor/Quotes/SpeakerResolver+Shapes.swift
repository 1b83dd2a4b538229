/// What may speak, and whom a pronoun after a quotation goes on with: the rules that keep a speaker
/// a person (or a body speaking as such) rather than a place, a people or a piece of a name.
extension SpeakerResolver {
    struct Resolved {
        var speaker: Speaker
        /// The speaker's gender where known: a later "he added" may only go on with a man.
        var gender: GivenNames.Gender?
    }

    struct Previous {
        var speaker: Speaker
        var gender: GivenNames.Gender?
        var paragraph: Int
        var end: Int
        var cue: Range<Int>?
    }

    /// '"…," a spokesman for the president said. "…," he added.': a pronoun that speaks the next
    /// quotation, with no person named between (outside quotations and the cue of the one before),
    /// goes on with that quotation's speaker — the spokesman, not the president named in his cue.
    /// (On quotes-train it agrees with the nearest-name rule but for one quote, which it gets right.)
    func continuedPronoun(_ cue: QuoteFinder.Cue, after previous: Previous) -> Speaker? {
        guard cue.tokens.count == 1 else { return nil }
        let token = cue.tokens.lowerBound
        let gender: GivenNames.Gender
        switch tokens[token].normalized {
        case "he": gender = .male
        case "she": gender = .female
        default: return nil
        }
        guard previous.gender == nil || previous.gender == gender, tokens[token].start > previous.end,
            tokens[token].start - previous.end < 600
        else { return nil }
        // The tokens from the end of the previous quotation to the pronoun.
        let from = QuoteFinder.slice(tokens, within: previous.end..<tokens[token].start).startIndex
        for span in names.spans(in: min(from, token)..<token) {
            if insideQuote[span.first] || previous.cue?.contains(span.first) == true { continue }
            if names.entities[span.entity].isPerson { return nil }
        }
        var speaker = previous.speaker
        speaker.method = .pronoun
        speaker.mention = text(tokens: token..<token + 1)
        speaker.confidence = min(speaker.confidence, 0.75)
        return speaker
    }

    /// The name follows a preposition in its sentence, with only titles, roles and modifiers between:
    /// "with journalist Matei Rosca", "to President Obama".
    func followsPreposition(_ span: NameIndex.Span) -> Bool {
        var k = span.first - 1
        while k >= 0, sentenceOfToken[k] == sentenceOfToken[span.first], Self.isModifier(tokens[k]),
            !Self.prepositions.contains(tokens[k].normalized)
        { k -= 1 }
        return k >= 0 && sentenceOfToken[k] == sentenceOfToken[span.first] && Self.prepositions.contains(tokens[k].normalized)
    }

    /// "dos Santos says": a particle that opens a name.
    func opensWithParticle(_ segment: Range<Int>) -> Bool {
        segment.count > 1 && NameIndex.particles.contains(tokens[segment.lowerBound].normalized)
            && tokens[segment.lowerBound + 1].isCapitalized
    }

    /// The span follows a preposition that follows a common noun, with only titles and modifiers in
    /// between: "a spokesman for President Obama", "an aide to Clinton" (not "Secretary of State John
    /// Kerry", whose "of" follows a title).
    func isPrepositionalObject(_ span: NameIndex.Span, in segment: Range<Int>) -> Bool {
        var k = span.first - 1
        while k > segment.lowerBound, Self.isModifier(tokens[k]), !Self.prepositions.contains(tokens[k].normalized) { k -= 1 }
        guard k > segment.lowerBound, Self.prepositions.contains(tokens[k].normalized) else { return false }
        // Only a person's role has a principal; "footage of Hillary Clinton asking" is her speaking.
        let head = tokens[k - 1]
        return !head.isCapitalized && Self.isSpeakerNoun(head.normalized)
    }

    /// A name may speak unless it is a place ("New Hampshire", "Russia": credit to a country as a
    /// speaker goes), a people or a creed ("Jewish", "Republicans"), or a piece cut out of an
    /// institution's name ("National" of "Republican National Committeeman", "Council" of "the Council
    /// on American-Islamic Relations"). Issue 25's rule, not the scorer's: quotes-train annotators
    /// often put the head on the place ("a New Hampshire Republican" → head "New Hampshire"), so
    /// this costs 2 and gains 4 speakers there (quotes-dev: 1 lost), and removes 36 non-person speakers.
    func speaks(_ span: NameIndex.Span) -> Bool {
        let entity = names.entities[span.entity]
        // The fullest form decides: "Cuban" is Mark Cuban's surname, "Latin American" is a people.
        let words = QuoteFinder.slice(tokens, within: entity.text).map(\.normalized)
        let phrase = words.joined(separator: " ")
        if words.allSatisfy({ Countries.words.contains($0) || Self.groupWords.contains($0) || Self.regionWords.contains($0) }) {
            return false
        }
        let place = Countries.byName[phrase] != nil || Self.capitals.contains(phrase) || Self.usStates.contains(phrase)
        if place, words.count > 1 { return false }
        // "Sen. Ron Johnson, R-Wis.,": a party and a state, not a name.
        if span.last == span.first + 1, tokens[span.first].end + 1 == tokens[span.last].start,
            ["r", "d", "i"].contains(tokens[span.first].normalized), bytes[tokens[span.first].end] == 0x2D
        {
            return false
        }
        // A one-word place may be a surname ("Washington", "Jordan") when the text makes it a person's.
        guard !entity.isPerson else { return true }
        if place { return false }
        if NameIndex.institutionWords.contains(tokens[span.last].normalized), span.last + 2 < tokens.count,
            ["of", "on", "for"].contains(tokens[span.last + 1].normalized),
            tokens[span.last + 2].isCapitalized, !NameIndex.months.contains(tokens[span.last + 2].normalized)
        {
            return false
        }
        // Cut out of a longer run of capitalised words by a word that is no name ("Republican National
        // Committeeman"), where that word is no title before a name.
        if span.first > 0, tokens[span.first - 1].isCapitalized, span.titles.isEmpty,
            !Lexicon.isBreak(bytes, tokens: tokens, after: span.first - 1),
            !Lexicon.functionWords.contains(tokens[span.first - 1].normalized)
        {
            return false
        }
        if span.last + 1 < tokens.count, tokens[span.last + 1].isCapitalized,
            !Lexicon.isBreak(bytes, tokens: tokens, after: span.last),
            !Lexicon.functionWords.contains(tokens[span.last + 1].normalized)
        {
            return false
        }
        return true
    }

    /// "A letter from the American Legion warns", "an email sent out by Sanders warned", "Sanders'
    /// fundraising email notes": a document speaks for its author, named after "from"/"by" or before
    /// it with a possessive. The author's span index.
    func documentAuthor(_ segment: Range<Int>) -> Int? {
        guard let k = segment.first(where: { !tokens[$0].isCapitalized && Self.documentWords.contains(tokens[$0].normalized) })
        else { return nil }
        let inside = names.spans(in: segment)
        if let owner = inside.indices.last(where: { inside[$0].last < k }), inside[owner].possessive, k - inside[owner].last <= 4,
            (inside[owner].last + 1..<k).allSatisfy({ !Lexicon.functionWords.contains(tokens[$0].normalized) })
        {
            return owner
        }
        guard let by = (k + 1..<min(segment.upperBound, k + 5)).first(where: { ["from", "by"].contains(tokens[$0].normalized) }),
            let author = inside.indices.first(where: { inside[$0].first > by }), inside[author].first - by <= 3
        else { return nil }
        return author
    }

    static let documentWords: Set<String> = [
        "letter", "email", "e-mail", "statement", "memo", "memorandum", "report", "post", "tweet", "release", "ad",
        "advertisement", "editorial", "column", "op-ed", "message", "note", "filing", "complaint", "lawsuit",
        "petition", "video", "speech", "book", "article", "story", "study", "ruling", "readout", "blog", "newsletter",
        "flier", "flyer", "mailer", "commercial", "spot", "tweets", "emails", "letters", "statements",
    ]

    /// A word a subject noun phrase in lower case opens with: a determiner, a number, a role or a
    /// modifier of one ("the Christie supporter", "former Arkansas Gov. Mike Huckabee").
    static func opensNounPhrase(_ token: Token) -> Bool {
        guard !token.isCapitalized, !introWords.contains(token.normalized), !QuoteFinder.relativeWords.contains(token.normalized)
        else { return false }
        return ["the", "a", "an", "his", "her", "their", "its", "one", "another"].contains(token.normalized)
            || isModifier(token) || isSpeakerNoun(token.normalized)
    }

    /// A noun that can head a speaker's noun phrase: a role ("spokesman", "senators"), a body
    /// ("newspaper", "committee"), a person ("woman"), or a noun of agent ("designer", "strategist").
    static func isSpeakerNoun(_ word: String) -> Bool {
        // "Democrats blasted Republicans": a party or a people in the plural is no speaker.
        if groupWords.contains(word) { return false }
        let singular =
            word.hasSuffix("men") ? String(word.dropLast(2)) + "an" : word.count > 3 && word.hasSuffix("s") ? String(word.dropLast()) : word
        for w in [word, singular] {
            if NameIndex.roleWords[w] != nil || NameIndex.institutionWords.contains(w) || personNouns.contains(w) || agentWords.contains(w)
            {
                return true
            }
        }
        // Nouns of agents by their ending ("strategist", "historian", "consultant"); not "-er", which
        // makes as many things ("letter", "order") as people.
        guard singular.count > 5 else { return false }
        return ["ist", "ian", "ant"].contains(where: { singular.hasSuffix($0) })
    }

    static let personNouns: Set<String> = [
        "man", "woman", "men", "women", "boy", "girl", "child", "children", "people", "person", "family", "friend",
        "neighbor", "neighbour", "widow", "widower", "newspaper", "paper", "police", "staff", "crowd", "audience",
        "panel", "jury", "board", "team", "group", "firm", "outlet", "site", "website", "blog", "show", "program",
        "official", "source", "insider", "backer", "loyalist", "constituent", "confidant", "protester", "protestor",
        "republican", "democrat", "independent", "conservative", "liberal", "progressive", "libertarian",
        "designer", "lawmaker", "legislator", "policymaker", "worker", "farmer", "employer", "employee", "investor",
        "customer", "viewer", "reader", "caller", "actor", "singer", "player", "negotiator", "interviewer",
        "panelist", "juror", "trustee", "regulator", "investigator", "publisher", "broadcaster", "observer",
        "pundit", "opponent", "competitor", "citizen", "immigrant", "refugee", "parent", "mom", "dad", "teen",
        "teenager", "student", "worshiper", "attendee", "participant", "delegate", "leader", "member", "owner",
        "officer", "manager", "director", "editor", "writer", "reporter", "founder", "speaker", "voter", "organizer",
        "narrator", "announcer", "host", "anchor", "caller", "commenter", "user", "poster",
    ]

    /// Nouns of people defined by whom they back or serve, which stand between a name and the name
    /// they modify as roles do: "Cruz constituent Dan Golvach", "Clinton loyalist Skip Rutherford".
    static let agentWords: Set<String> = [
        "constituent", "backer", "loyalist", "confidant", "confidante", "friend", "biographer", "protege", "ally",
        "supporter", "donor", "bundler", "surrogate", "endorser", "pal", "associate", "appointee", "nominee",
    ]

    /// Peoples, creeds and parties, as adjectives or plurals: never a person's name on their own.
    static let groupWords: Set<String> = [
        "jewish", "jews", "jew", "muslim", "muslims", "christian", "christians", "catholic", "catholics", "evangelical",
        "evangelicals", "protestant", "protestants", "hispanic", "hispanics", "latino", "latinos", "latina", "latinas",
        "arab", "arabs", "african", "asian", "asians", "european", "europeans", "western", "eastern", "republicans",
        "democrats", "conservatives", "liberals", "progressives", "americans", "islamic", "sunni", "shiite", "shia",
        "black", "white", "blacks", "whites", "native", "indigenous", "kurdish", "kurds", "palestinian", "palestinians",
        // Numbers that open a sentence ("Six in 10 Republicans said").
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozens", "hundreds", "thousands",
        "half", "most", "many", "some",
    ]

    /// Words of regions that make a place or a people with another such word ("Latin American",
    /// "Middle East", "South Florida").
    static let regionWords: Set<String> = [
        "north", "south", "east", "west", "northern", "southern", "central", "middle", "latin", "upper", "lower",
        "new", "greater", "pacific", "atlantic", "gulf", "coast", "valley", "city",
    ]

    static let capitals: Set<String> = Set(
        Countries.byName.values.compactMap { $0.capital.map { Normalization.tokens(of: $0).joined(separator: " ") } })

    static let usStates: Set<String> = Set(
        """
        alabama,alaska,arizona,arkansas,california,colorado,connecticut,delaware,florida,georgia,hawaii,idaho,\
        illinois,indiana,iowa,kansas,kentucky,louisiana,maine,maryland,massachusetts,michigan,minnesota,\
        mississippi,missouri,montana,nebraska,nevada,new hampshire,new jersey,new mexico,new york,north carolina,\
        north dakota,ohio,oklahoma,oregon,pennsylvania,rhode island,south carolina,south dakota,tennessee,texas,\
        utah,vermont,virginia,washington,west virginia,wisconsin,wyoming,puerto rico,\
        ala,ariz,ark,calif,colo,conn,del,fla,ga,ill,ind,kan,kans,ky,la,md,mass,mich,minn,miss,mo,mont,neb,nev,\
        okla,ore,pa,tenn,tex,vt,va,wash,wis,wyo
        """.split(separator: ",").map(String.init))
}
