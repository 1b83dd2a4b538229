/// Decides who spoke each quote, the way a reader does: the name in the words that introduce it
/// ("Priorities spokesman Justin Barasky", "Zeke Emanuel, an oncologist who advised Obama,"), the
/// person a pronoun stands for (the nearest compatible person, gender from given names, titles and the
/// pronouns used of them), the person a role stands for ("the senator" → "Sen. Tester"), and the
/// speaker of the quote before for a quotation that continues it. An unwatched person is reported by
/// name and never credited to a watched actor; when the words do not settle it, no speaker is given.
struct SpeakerResolver {
    let tokens: [Token]
    let bytes: [UInt8]
    let names: NameIndex
    let sentenceOfToken: [Int32]
    let insideQuote: [Bool]
    let actorIDs: [String]
    /// Byte offsets of the line breaks, for telling paragraphs apart.
    let lineBreaks: [Int]

    init(
        tokens: [Token], bytes: [UInt8], names: NameIndex, sentenceOfToken: [Int32], insideQuote: [Bool], actorIDs: [String],
        lineBreaks: [Int]
    ) {
        self.tokens = tokens
        self.bytes = bytes
        self.names = names
        self.sentenceOfToken = sentenceOfToken
        self.insideQuote = insideQuote
        self.actorIDs = actorIDs
        self.lineBreaks = lineBreaks
    }

    func resolve(_ found: [QuoteFinder.Found]) -> [Speaker?] {
        var speakers: [Speaker?] = []
        speakers.reserveCapacity(found.count)
        var previous: Previous?
        for quote in found {
            let paragraph = partitionPoint(lineBreaks.count) { lineBreaks[$0] < quote.start }
            var speaker: Speaker?
            var gender: GivenNames.Gender?
            if let cue = quote.cue {
                if let previous, let pronoun = continuedPronoun(cue, after: previous) {
                    speaker = pronoun
                    gender = previous.gender
                } else if let resolved = resolve(cue) {
                    (speaker, gender) = (resolved.speaker, resolved.gender)
                }
            } else if let last = previous,
                last.paragraph == paragraph || (opensParagraph(quote.start) && nextParagraph(after: last.end, is: quote.start))
            {
                // A quotation with no words of its own that follows one in the same paragraph, or opens
                // the next paragraph, goes on with the same speaker.
                speaker = last.speaker
                speaker?.method = .continuation
                speaker?.confidence = (last.speaker.confidence * 0.9 * 100).rounded() / 100
                gender = last.gender
            }
            if let speaker {
                previous = Previous(speaker: speaker, gender: gender, paragraph: paragraph, end: quote.end, cue: quote.cue?.tokens)
            }
            speakers.append(speaker)
        }
        return speakers
    }

    /// The paragraph holding `offset` is the first one with text after the paragraph holding `end`.
    private func nextParagraph(after end: Int, is offset: Int) -> Bool {
        let index = partitionPoint(lineBreaks.count) { lineBreaks[$0] < end }
        guard index < lineBreaks.count, lineBreaks[index] < offset else { return false }
        var i = lineBreaks[index]
        while i < offset, i - lineBreaks[index] <= 64 {
            if bytes[i] != 0x20 && bytes[i] != 0x09 && bytes[i] != 0x0D && bytes[i] != 0x0A { return false }
            i += 1
        }
        return i == offset
    }

    /// Nothing but white space between the start of the paragraph and `offset`.
    private func opensParagraph(_ offset: Int) -> Bool {
        var i = offset - 1
        while i >= 0, bytes[i] != 0x0A, offset - i <= 64 {
            if bytes[i] != 0x20 && bytes[i] != 0x09 && bytes[i] != 0x0D { return false }
            i -= 1
        }
        return true
    }

    private func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }

    func text(tokens range: Range<Int>) -> String { text(tokens[range.lowerBound].start..<tokens[range.upperBound - 1].end) }

    func resolve(_ cue: QuoteFinder.Cue) -> Resolved? {
        let range = cue.tokens
        guard !range.isEmpty else { return nil }
        if range.count == 1 {
            switch tokens[range.lowerBound].normalized {
            case "he": return pronoun(at: range.lowerBound, gender: .male)
            case "she": return pronoun(at: range.lowerBound, gender: .female)
            case "they", "we", "i", "it", "you": return nil
            default: break
            }
        }
        // The opening of a clause keeps its "as" ("As the crowd began to chant, Silverman … joked"): an
        // introduction there, not a subject.
        let segments = self.segments(range, asClauses: cue.position != .opening)
        switch cue.position {
        case .colon:
            // Only a name that opens the clause speaks: "Sanders delivered a snappy retort:".
            guard let head = segments.first(where: { !Self.introWords.contains(tokens[$0.lowerBound].normalized) }),
                let index = names.spans(in: head).indices.first,
                (head.lowerBound..<names.spans[index].first).allSatisfy({
                    Self.isModifier(tokens[$0]) || !tokens[$0].isCapitalized && $0 < head.lowerBound + 5
                }),
                !names.spans[index].possessive
            else { return nil }
            guard var resolved = named(nameInSegment(head, next: nil) ?? index) else { return nil }
            resolved.speaker.confidence = 0.7
            return resolved
        case .opening:
            return opening(segments)
        case .leadIn:
            // Reported speech in the sentence before: as sure as a cue only when it names the speaker.
            guard var resolved = subject(segments, position: .before, at: range.lowerBound) else { return nil }
            resolved.speaker.confidence = (resolved.speaker.confidence * 0.8 * 100).rounded() / 100
            return resolved
        default:
            return subject(segments, position: cue.position, at: range.lowerBound)
        }
    }

    /// The speaker among the comma-separated parts of the words that introduce a quote.
    private func subject(_ segments: [Range<Int>], position: QuoteFinder.Cue.Position, at token: Int) -> Resolved? {
        // Before the verb, a part in lower case that runs up to it with no comma is the subject itself
        // ('In Hudson, New Hampshire, the Christie supporter retorted'), not an apposition ('Zeke
        // Emanuel, an oncologist who …, said'): the names before it are introductions (quotes-train: 8
        // right, 4 lost; quotes-dev 1 right).
        if position == .before, let last = segments.last, last.count > 1 || segments.count > 1 {
            // '…, she said', 'an investment he concludes': a pronoun next to the verb is its subject.
            switch tokens[last.upperBound - 1].normalized {
            case "he": return pronoun(at: last.upperBound - 1, gender: .male)
            case "she": return pronoun(at: last.upperBound - 1, gender: .female)
            default: break
            }
        }
        // A person's bare name just before it makes the part an apposition whose closing comma is missing
        // ("Sam Lau, the communications director for the party said").
        if position == .before, segments.count > 1, let last = segments.last,
            !Lexicon.isBreak(bytes, tokens: tokens, after: last.upperBound - 1), !opensWithBracket(last),
            !(bareName(segments[segments.count - 2]).map { names.entities[names.spans[$0].entity].isPerson && speaks(names.spans[$0]) }
                ?? false)
        {
            if Self.opensNounPhrase(tokens[last.lowerBound]) { return speaker(of: last, next: nil, at: token) }
            // "…, with Donald Trump tweeting": a name that ends a phrase opening with a preposition,
            // straight before the verb, is its subject.
            if Self.prepositions.contains(tokens[last.lowerBound].normalized),
                let span = names.spans(in: last).last, span.last == last.upperBound - 1,
                let found = named(names.spans.firstIndex { $0.first == span.first }!)
            {
                return found
            }
        }
        // A relative clause set off by commas runs to the verb: in 'Michael Seaman, who lives outside the
        // state capital, Sacramento, said' the parts after "who" are inside it.
        var segments = segments
        if position == .before,
            let relative = segments.indices.dropFirst().first(where: {
                ["who", "whom", "whose"].contains(tokens[segments[$0].lowerBound].normalized)
            })
        {
            segments = Array(segments[..<relative])
        }
        // The subject is the last part that opens like a name ("In an interview, Clinton said", "Clinton's
        // campaign chairman, John Podesta, said"); parts that open in lower case or with a bracket are
        // appositions ("Zeke Emanuel, an oncologist who …, said").
        let candidates = segments.indices.filter { k in
            let first = tokens[segments[k].lowerBound]
            return (first.isCapitalized || opensWithParticle(segments[k])) && !Self.introWords.contains(first.normalized)
                && !opensWithBracket(segments[k]) && !insideQuote[segments[k].lowerBound]
        }
        // After the verb ('said Bill Dombrowski, president of the X Association') the name comes first;
        // before it ('In Iowa, Trump said', 'Clinton's chairman, John Podesta, said') last. A part whose
        // name is no speaker ("R-Ky.", "New Hampshire") gives way to the next.
        for k in position == .before ? candidates.reversed() : candidates {
            let next = k + 1 < segments.count ? segments[k + 1] : nil
            if nameInSegment(segments[k], next: next) != nil, let found = speaker(of: segments[k], next: next, at: token) {
                return found
            }
        }
        guard let head = segments.firstIndex(where: { !Self.introWords.contains(tokens[$0.lowerBound].normalized) }) else { return nil }
        return speaker(of: segments[head], next: head + 1 < segments.count ? segments[head + 1] : nil, at: token)
    }

    /// The name that is the segment's subject, or else the role or body it names as written; a name
    /// that cannot speak makes way for the noun it modifies ("a New Hampshire Republican").
    private func speaker(of segment: Range<Int>, next: Range<Int>?, at token: Int) -> Resolved? {
        if let span = nameInSegment(segment, next: next) {
            if let found = named(span) { return found }
            // A name that cannot speak before one that can, with only titles between ("Del. Stacey
            // Plaskett", a state's abbreviation taken for a name).
            let after = names.spans(in: names.spans[span].last + 1..<segment.upperBound)
            if let following = after.indices.first,
                (names.spans[span].last + 1..<after[following].first).allSatisfy({ Self.isModifier(tokens[$0]) }),
                let found = named(following)
            {
                return found
            }
        }
        if let span = documentAuthor(segment), let found = named(span) { return found }
        return nominal(segment, at: token)
    }

    /// The subject that opens a clause a participle hangs on: 'Fiorina threw her support behind Sen.
    /// Ted Cruz, saying' is Fiorina; 'The senator from Vermont said …, noting' is the senator.
    private func opening(_ segments: [Range<Int>]) -> Resolved? {
        // Introductions ("In Iowa,", "Continuing to explain his view,", "Asked about it,") come first.
        guard
            let h = segments.firstIndex(where: { segment in
                let first = tokens[segment.lowerBound].normalized
                return !Self.introWords.contains(first) && !opensWithBracket(segment)
                    && !(NameIndex.looksLikeCommonWord(first) && !first.hasSuffix("ly"))
            })
        else { return nil }
        let head = segments[h]
        switch tokens[head.lowerBound].normalized {
        case "he": return pronoun(at: head.lowerBound, gender: .male)
        case "she": return pronoun(at: head.lowerBound, gender: .female)
        case "they", "we", "i", "it", "you": return nil
        default: break
        }
        // The noun phrase: names, titles, roles and their modifiers, up to the first other word.
        var end = head.lowerBound
        while end < head.upperBound,
            Self.isModifier(tokens[end]) || tokens[end].isCapitals || Self.isSpeakerNoun(tokens[end].normalized)
                || (end > head.lowerBound && bytes[tokens[end - 1].end..<tokens[end].start].elementsEqual([0x2D]))  // "right-hand"
                || (end + 1 < head.upperBound && bytes[tokens[end].end..<tokens[end + 1].start].elementsEqual([0x2D]))
        { end += 1 }
        guard end > head.lowerBound else { return nil }
        let next = end == head.upperBound && h + 1 < segments.count ? segments[h + 1] : nil
        return speaker(of: head.lowerBound..<end, next: next, at: head.lowerBound)
    }

    private func opensWithBracket(_ segment: Range<Int>) -> Bool {
        let start = tokens[segment.lowerBound].start
        return start > 0 && (bytes[start - 1] == 0x28 || bytes[start - 1] == 0x5B)
    }

    /// The comma-separated parts of a phrase ("Zeke Emanuel" · "an oncologist who advised Obama").
    private func segments(_ range: Range<Int>, asClauses: Bool = true) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = range.lowerBound
        for k in range
        where k + 1 < range.upperBound && Lexicon.isBreak(bytes, tokens: tokens, after: k)
            && !Lexicon.possessiveAfter(bytes, tokens: tokens, index: k)
        {
            result.append(start..<k + 1)
            start = k + 1
        }
        result.append(start..<range.upperBound)
        // "As RealClearPolitics' David Byler pointed out,": the subject of an "as" clause speaks.
        return result.map { segment in
            asClauses && segment.count > 1 && QuoteFinder.opensAsClause(segment.lowerBound, tokens)
                ? segment.lowerBound + 1..<segment.upperBound : segment
        }
    }

    /// The name that is the subject of a segment. "Rubio spokesman Alex Conant" is Alex Conant (a name
    /// followed by a role and another name is the other name's modifier); "Donald Trump's campaign
    /// manager, Corey Lewandowski" is Corey Lewandowski; "a Kremlin spokesman" and "a spokesman for
    /// President Obama" have none.
    private func nameInSegment(_ segment: Range<Int>, next: Range<Int>?) -> Int? {
        let inside = names.spans(in: segment)
        guard var current = inside.indices.first else {
            return next.flatMap(bareName)
        }
        // A segment opening with a preposition ("At the rally in Iowa Trump said") speaks through its last name.
        if Self.prepositions.contains(tokens[segment.lowerBound].normalized) { current = inside.indices.last! }
        while true {
            let span = names.spans[current]
            let following = current + 1 < inside.endIndex ? current + 1 : nil
            // "Texas-based Matt Mackowiak": a name inside an adjective is none.
            if span.last + 1 < segment.upperBound, bytes[tokens[span.last].end] == 0x2D, tokens[span.last + 1].isLowercase {
                guard let following else { return nil }
                current = following
                continue
            }
            // "Legislative leaders in North Carolina", "Trump aides": a name straight before a role or a
            // person noun (not leading on to a name: "Priorities USA chief strategist Guy Cecil") only
            // says whose; the noun speaks.
            let rolesToNext = following.map { next in (span.last + 1..<names.spans[next].first).allSatisfy { Self.isModifier(tokens[$0]) } }
            if rolesToNext != true, span.last + 1 < segment.upperBound, !Lexicon.isBreak(bytes, tokens: tokens, after: span.last),
                tokens[span.last + 1].isLowercase,
                NameIndex.roleWords[tokens[span.last + 1].normalized] != nil
                    || Self.personNouns.contains(tokens[span.last + 1].normalized)
                    || Self.personNouns.contains(String(tokens[span.last + 1].normalized.dropLast())),
                !(span.last + 2 < segment.upperBound && tokens[span.last + 2].isCapitalized)
            {
                return nil
            }
            // The object of a role's preposition is whose role it is: "an aide to Hillary Clinton".
            if isPrepositionalObject(span, in: segment) {
                guard let following else { return nil }
                current = following
                continue
            }
            // "The Council on American-Islamic Relations National Executive Director Nihad Awad": a
            // body's name before a titled person is where the person works.
            if let following, !names.entities[span.entity].isPerson,
                let titled = inside[following...].firstIndex(where: { !$0.titles.isEmpty })
            {
                current = titled
                continue
            }
            let gapEnd = following.map { names.spans[$0].first } ?? segment.upperBound
            let gap = (span.last + 1)..<gapEnd
            let onlyRoles = gap.allSatisfy { Self.isModifier(tokens[$0]) || Self.agentWords.contains(tokens[$0].normalized) }
            if let following, span.modifies || (onlyRoles && (!gap.isEmpty || span.possessive)) {
                current = following
                continue
            }
            // The name only modifies a role: "a Kremlin spokesman", "Trump's campaign manager".
            if following == nil, !gap.isEmpty, onlyRoles || span.possessive,
                gap.contains(where: { NameIndex.roleWords[tokens[$0].normalized] != nil }) || span.possessive
            {
                return next.flatMap(bareName)
            }
            if span.possessive, following == nil { return next.flatMap(bareName) }
            return current
        }
    }

    /// A segment that is a name and nothing else (an apposition: ", Corey Lewandowski,").
    private func bareName(_ segment: Range<Int>) -> Int? {
        let inside = names.spans(in: segment)
        guard inside.count == 1, let span = inside.first else { return nil }
        let extra = (segment.lowerBound..<span.first).filter { !["the", "a", "an"].contains(tokens[$0].normalized) }
        return extra.isEmpty && span.last == segment.upperBound - 1 ? inside.startIndex : nil
    }

    /// The person a name stands for; nil when it is no speaker at all: a place, a people, a fragment of
    /// an institution's name.
    private func named(_ index: Int) -> Resolved? {
        let span = names.spans[index]
        guard speaks(span) else { return nil }
        let entity = names.entities[span.entity]
        let written = text(tokens: span.first..<span.last + 1)
        let full = text(entity.text)
        return Resolved(
            speaker: Speaker(
                actor: entity.actor.map { actorIDs[$0] }, text: full, method: .explicit, confidence: 0.9,
                mention: written == full ? nil : written),
            gender: entity.gender)
    }

    private func pronoun(at token: Int, gender: GivenNames.Gender) -> Resolved? {
        guard
            let (index, known) = names.antecedent(
                before: token, gender: gender, sentenceOfToken: sentenceOfToken,
                insideQuote: insideQuote, isObject: followsPreposition)
        else { return nil }
        let entity = names.entities[names.spans[index].entity]
        return Resolved(
            speaker: Speaker(
                actor: entity.actor.map { actorIDs[$0] }, text: text(entity.text), method: .pronoun,
                confidence: known ? 0.75 : 0.55, mention: text(tokens: token..<token + 1)),
            gender: gender)
    }

    /// "the senator said": the person last given that title; "a Kremlin spokesman", "the newspaper":
    /// reported as written, with a low confidence. A role is its head noun's: "the prime minister's
    /// spokesman" and "a spokesman for the president" are a spokesman (unnamed), never the principal.
    /// A phrase with no noun of a speaker in it ("Shortly", "the order released Friday") is none
    /// (issue 25; on the scorer it costs 4 and gains 1 on quotes-train, costs 2 on quotes-dev, where
    /// such texts shared a word with the annotated source).
    private func nominal(_ segment: Range<Int>, at token: Int) -> Resolved? {
        // The noun phrase ends before a relative clause or a prepositional tail ("who …", "at …"), and
        // before a verb or an adverb before one ("Republicans were quick to chime in", "Her campaign
        // quickly blasted out an email").
        var end = segment.upperBound
        if let cut = segment.dropFirst().first(where: {
            let word = tokens[$0].normalized
            return Self.phraseEnders.contains(word) || QuoteFinder.finiteVerbs.contains(word) || QuoteFinder.verbs.contains(word)
                || QuoteFinder.introducingVerbs.contains(word)
                || (word.hasSuffix("ly") && $0 + 1 < segment.upperBound && tokens[$0 + 1].isLowercase
                    && tokens[$0 + 1].normalized.hasSuffix("ed") && Self.isSpeakerNoun(tokens[$0 - 1].normalized))
        }) {
            end = cut
        }
        func isHead(_ k: Int) -> Bool {
            // A role, a body, or an acronym, which is a body's name: "the FBI", "MWW said".
            Self.isSpeakerNoun(tokens[k].normalized) || tokens[k].isAllCaps && tokens[k].end - tokens[k].start >= 2
        }
        // Nor, after its noun, with a verb form no list knows ("The candidate appeared to assert …",
        // "The group seeks to …").
        if let head = (segment.lowerBound..<end).first(where: isHead),
            let verb = (head + 1..<max(head + 1, end)).first(where: {
                let word = tokens[$0].normalized
                return tokens[$0].isLowercase
                    && (word.count > 4 && word.hasSuffix("ed")
                        || word.hasSuffix("s") && $0 + 1 < end && ["to", "that", "the", "a", "an"].contains(tokens[$0 + 1].normalized))
            })
        {
            end = verb
        }
        // A phrase that opens with a verb, or a headline in capitals, is no speaker.
        let first = tokens[segment.lowerBound]
        if first.isLowercase, first.normalized.hasSuffix("ed") || first.normalized.hasSuffix("ing"), !isHead(segment.lowerBound) {
            return nil
        }
        guard end > segment.lowerBound, !(end - segment.lowerBound > 2 && (segment.lowerBound..<end).allSatisfy { tokens[$0].isAllCaps })
        else { return nil }
        let words = segment.lowerBound..<end
        let written = text(tokens: words)
        // The principal: words up to a possessive, or after "of", "to", "for", "from" ("chief of staff
        // to the president").
        let possessive = words.last(where: { $0 + 1 < end && Lexicon.possessiveAfter(bytes, tokens: tokens, index: $0) })
        let ownWords = words.filter { k in
            (possessive.map { k > $0 } ?? true)
                && !words.contains(where: { $0 < k && ["of", "to", "for", "from"].contains(tokens[$0].normalized) })
        }
        let hasPrincipal = ownWords.count < words.count
        guard ownWords.contains(where: isHead) else { return nil }
        let gender = ownWords.lazy.compactMap { NameIndex.roleWords[self.tokens[$0].normalized] ?? nil }.first
        // "the Florida senator and Republican presidential candidate": any role in it may name the person.
        if !hasPrincipal {
            for role in ownWords.map({ tokens[$0].normalized }) {
                guard let titles = Self.titlesForRole[role], let index = names.lastTitled(before: token, titles: titles) else { continue }
                let entity = names.entities[names.spans[index].entity]
                return Resolved(
                    speaker: Speaker(
                        actor: entity.actor.map { actorIDs[$0] }, text: text(entity.text), method: .nominal,
                        confidence: 0.6, mention: written),
                    gender: entity.gender ?? gender)
            }
        }
        guard words.count <= (hasPrincipal ? 12 : 8) else { return nil }
        return Resolved(speaker: Speaker(actor: nil, text: written, method: .nominal, confidence: 0.3, mention: nil), gender: gender)
    }

    // MARK: - Words

    /// Words that open an introductory phrase before the subject ("In an interview, …", "On Monday, …").
    static let introWords: Set<String> = [
        "in", "on", "at", "during", "after", "before", "since", "until", "speaking", "asked", "addressing",
        "when", "while", "earlier", "later", "meanwhile", "however", "also", "but", "and", "then", "yesterday",
        "today", "tonight", "last", "this", "here", "there", "instead", "still", "now", "for", "with", "without",
        "as", "like", "unlike", "despite", "although", "though", "if", "because", "by", "from", "over", "under",
        "following", "responding", "writing", "appearing", "moreover", "indeed", "separately", "similarly",
        "nonetheless", "nevertheless", "yet", "so", "thus", "already", "monday", "tuesday", "wednesday", "thursday",
        "friday", "saturday", "sunday", "in", "of", "to", "about", "wait", "again", "finally", "first", "second",
        "ultimately", "overall", "specifically", "notably", "interestingly", "frankly", "honestly", "sadly",
        "amid", "amidst", "among", "across", "around", "throughout", "against", "toward", "towards", "upon", "via",
    ]
    static let prepositions: Set<String> = [
        "in", "on", "at", "during", "after", "before", "from", "with", "by", "for", "to", "of", "about",
    ]
    /// Where a role's noun phrase ends: not at "for", "to", "of", "from", which name its principal ("a
    /// spokesman for the president").
    static let phraseEnders: Set<String> = [
        "who", "which", "that", "whose", "whom", "at", "in", "on", "with", "during", "after", "when", "where",
    ]

    /// Words that may stand between a name that modifies and the name it modifies: roles, titles and the
    /// adjectives written with them ("Rubio spokesman Alex Conant", "Democratic presidential candidate").
    static func isModifier(_ token: Token) -> Bool {
        NameIndex.roleWords[token.normalized] != nil || NameIndex.personTitles.contains(token.normalized)
            || modifierWords.contains(token.normalized) || token.isCapitalized
    }

    static let modifierWords: Set<String> = [
        "former", "presidential", "democratic", "republican", "campaign", "senior", "top", "longtime", "press",
        "state", "national", "deputy", "chief", "communications", "policy", "foreign", "political", "general",
        "the", "a", "an", "its", "his", "her", "their", "then", "current", "new", "acting",
        "party", "white", "house", "u", "s", "digital", "finance", "legal", "media", "security", "defense",
        "defence", "interior", "justice", "affairs", "economic", "gop", "dnc", "rnc", "hopeful", "frontrunner",
        "front", "runner", "contender", "rival", "challenger", "incumbent", "veteran", "conservative", "liberal",
        "progressive", "independent", "local", "federal", "county", "city", "district", "senate", "congressional",
        "co", "retired", "late", "minority", "majority", "republican", "assistant", "associate", "managing",
    ]

    /// The titles that a role noun in "the senator said" can stand for.
    static let titlesForRole: [String: Set<String>] = [
        "senator": ["sen", "senator"], "president": ["president"], "governor": ["gov", "governor"],
        "congressman": ["rep", "congressman", "representative"], "congresswoman": ["rep", "congresswoman", "representative"],
        "representative": ["rep", "representative"], "minister": ["minister"], "chancellor": ["chancellor"],
        "mayor": ["mayor"], "judge": ["judge", "justice"], "general": ["gen", "general"], "secretary": ["secretary"],
        "spokesman": ["spokesman", "spokesperson"], "spokeswoman": ["spokeswoman", "spokesperson"],
        "ambassador": ["ambassador"], "premier": ["premier"], "candidate": ["candidate", "nominee"],
        "nominee": ["nominee", "candidate"], "professor": ["prof", "professor"], "doctor": ["dr"],
    ]
}
