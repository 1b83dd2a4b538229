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
        var previous: (speaker: Speaker, paragraph: Int, end: Int)?
        for quote in found {
            let paragraph = partitionPoint(lineBreaks.count) { lineBreaks[$0] < quote.start }
            var speaker: Speaker?
            if let cue = quote.cue {
                speaker = resolve(cue)
            } else if let (last, lastParagraph, lastEnd) = previous,
                lastParagraph == paragraph || (opensParagraph(quote.start) && nextParagraph(after: lastEnd, is: quote.start))
            {
                // A quotation with no words of its own that follows one in the same paragraph, or opens
                // the next paragraph, goes on with the same speaker.
                speaker = last
                speaker?.method = .continuation
                speaker?.confidence = (last.confidence * 0.9 * 100).rounded() / 100
            }
            if let speaker { previous = (speaker, paragraph, quote.end) }
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

    private func text(tokens range: Range<Int>) -> String { text(tokens[range.lowerBound].start..<tokens[range.upperBound - 1].end) }

    func resolve(_ cue: QuoteFinder.Cue) -> Speaker? {
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
        let segments = self.segments(range)
        if cue.position == .colon {
            // Only a name that opens the clause speaks: "Sanders delivered a snappy retort:".
            guard let head = segments.first(where: { !Self.introWords.contains(tokens[$0.lowerBound].normalized) }),
                let index = names.spans(in: head).indices.first,
                (head.lowerBound..<names.spans[index].first).allSatisfy({
                    Self.isModifier(tokens[$0]) || !tokens[$0].isCapitalized && $0 < head.lowerBound + 5
                }),
                !names.spans[index].possessive
            else { return nil }
            var speaker = named(nameInSegment(head, next: nil) ?? index)
            speaker.confidence = 0.7
            return speaker
        }
        // The subject is the last part that opens like a name ("In an interview, Clinton said", "Clinton's
        // campaign chairman, John Podesta, said"); parts that open in lower case or with a bracket are
        // appositions ("Zeke Emanuel, an oncologist who …, said").
        let candidates = segments.indices.filter { k in
            let first = tokens[segments[k].lowerBound]
            return first.isCapitalized && !Self.introWords.contains(first.normalized) && !opensWithBracket(segments[k])
        }
        // After the verb ('said Bill Dombrowski, president of the X Association') the name comes first;
        // before it ('In Iowa, Trump said', 'Clinton's chairman, John Podesta, said') last.
        for k in cue.position == .before ? candidates.reversed() : candidates {
            let next = k + 1 < segments.count ? segments[k + 1] : nil
            if let span = nameInSegment(segments[k], next: next) { return named(span) }
        }
        guard let head = segments.firstIndex(where: { !Self.introWords.contains(tokens[$0.lowerBound].normalized) }) else { return nil }
        let next = head + 1 < segments.count ? segments[head + 1] : nil
        if let span = nameInSegment(segments[head], next: next) { return named(span) }
        return nominal(segments[head], at: range.lowerBound)
    }

    private func opensWithBracket(_ segment: Range<Int>) -> Bool {
        let start = tokens[segment.lowerBound].start
        return start > 0 && (bytes[start - 1] == 0x28 || bytes[start - 1] == 0x5B)
    }

    /// The comma-separated parts of a phrase ("Zeke Emanuel" · "an oncologist who advised Obama").
    private func segments(_ range: Range<Int>) -> [Range<Int>] {
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
        return result
    }

    /// The name that is the subject of a segment. "Rubio spokesman Alex Conant" is Alex Conant (a name
    /// followed by a role and another name is the other name's modifier); "Donald Trump's campaign
    /// manager, Corey Lewandowski" is Corey Lewandowski; "a Kremlin spokesman" has none.
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
            let gapEnd = following.map { names.spans[$0].first } ?? segment.upperBound
            let gap = (span.last + 1)..<gapEnd
            let onlyRoles = gap.allSatisfy { Self.isModifier(tokens[$0]) }
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

    private func named(_ index: Int) -> Speaker {
        let span = names.spans[index]
        let entity = names.entities[span.entity]
        let written = text(tokens: span.first..<span.last + 1)
        let full = text(entity.text)
        return Speaker(
            actor: entity.actor.map { actorIDs[$0] }, text: full, method: .explicit, confidence: 0.9,
            mention: written == full ? nil : written)
    }

    private func pronoun(at token: Int, gender: GivenNames.Gender) -> Speaker? {
        guard
            let (index, known) = names.antecedent(
                before: token, gender: gender, sentenceOfToken: sentenceOfToken,
                insideQuote: insideQuote)
        else { return nil }
        let entity = names.entities[names.spans[index].entity]
        return Speaker(
            actor: entity.actor.map { actorIDs[$0] }, text: text(entity.text), method: .pronoun,
            confidence: known ? 0.75 : 0.55, mention: text(tokens: token..<token + 1))
    }

    /// "the senator said": the person last given that title; "a Kremlin spokesman", "the newspaper":
    /// reported as written, with a low confidence.
    private func nominal(_ segment: Range<Int>, at token: Int) -> Speaker? {
        var end = segment.upperBound
        // The noun phrase ends before a relative clause or a prepositional tail ("who …", "at …").
        if let cut = segment.dropFirst().first(where: { Self.phraseEnders.contains(tokens[$0].normalized) }) { end = cut }
        guard end > segment.lowerBound else { return nil }
        let words = segment.lowerBound..<end
        let written = text(tokens: words)
        // "the Florida senator and Republican presidential candidate": any role in it may name the person.
        for role in words.map({ tokens[$0].normalized }) {
            guard let titles = Self.titlesForRole[role], let index = names.lastTitled(before: token, titles: titles) else { continue }
            let entity = names.entities[names.spans[index].entity]
            return Speaker(
                actor: entity.actor.map { actorIDs[$0] }, text: text(entity.text), method: .nominal,
                confidence: 0.6, mention: written)
        }
        guard words.count <= 8, words.contains(where: { !Lexicon.functionWords.contains(tokens[$0].normalized) }) else { return nil }
        return Speaker(actor: nil, text: written, method: .nominal, confidence: 0.3, mention: nil)
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
    ]
    static let prepositions: Set<String> = [
        "in", "on", "at", "during", "after", "before", "from", "with", "by", "for", "to", "of", "about",
    ]
    static let phraseEnders: Set<String> = [
        "who", "which", "that", "whose", "whom", "at", "in", "on", "for", "from", "with", "during", "after", "when", "where",
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
