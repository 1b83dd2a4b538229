/// The shapes of the words around a quotation that tell whether they introduce its speaker at all:
/// a name after "said" that is the subject of a clause of its own, a verb of telling whose object is
/// the listener, a passive "was asked by X".
extension QuoteFinder {
    /// Verbs whose object is the one spoken to: '"…," Graham told CBS News' — CBS News is no speaker,
    /// and '"…," a spokesman told Reuters' is never the inverted 'said X'.
    static let listenerVerbs: Set<String> = [
        "told", "tells", "telling", "asked", "asks", "asking", "reminded", "assured", "urged", "warned", "pressed",
        "challenged", "questioned", "answered", "thanked",
    ]

    /// Words that open an adverbial clause or phrase, never a speaker's noun phrase (not "as": '"…," as
    /// Cruz said on Monday').
    static let subordinators: Set<String> = [
        "if", "without", "unless", "until", "since", "with", "for", "in", "on", "at", "to", "by", "from", "of",
        "about", "into", "than", "whether", "where", "which", "that", "during", "despite", "over", "under",
        "including", "like", "unlike", "except", "plus",
    ]

    /// "As Michael Dell said", "as the Post's Ishaan Tharoor wrote": an "as" that opens a clause with a
    /// subject (a name or a determiner after it), not an introduction ("As a result,").
    static func opensAsClause(_ k: Int, _ tokens: [Token]) -> Bool {
        guard tokens[k].normalized == "as", k + 1 < tokens.count else { return false }
        return tokens[k + 1].isCapitalized && !["a", "an", "the"].contains(tokens[k + 1].normalized)
            || ["the", "his", "her", "their", "its"].contains(tokens[k + 1].normalized)
    }

    /// Token `last` ends a quotation of at most four words that opens after a comma or a word and
    /// closes with a comma: the index of the first quoted token, or nil.
    static func shortQuoteOpening(endingAt last: Int, from lower: Int, bytes: [UInt8], tokens: [Token]) -> Int? {
        guard last + 1 < tokens.count else { return nil }
        let closing = bytes[tokens[last].end..<tokens[last + 1].start]
        guard closing.contains(0x2C), closing.contains(0x22) || closing.contains(0x9D), !closing.contains(0x3A) else { return nil }
        var j = last
        while j > lower, last - j < 4 {
            let gap = bytes[tokens[j - 1].end..<tokens[j].start]
            if gap.contains(0x9C) || (gap.last == 0x22 && gap.count > 1) {
                return hardBreakBetween(bytes, tokens[j - 1].end, tokens[j].start - 1) ? nil : j
            }
            if hardBreakBetween(bytes, tokens[j - 1].end, tokens[j].start) { return nil }
            j -= 1
        }
        return nil
    }

    /// "Del. Stacey Plaskett", "Assemb. Jo Ruiz": a short capitalised word with a full stop before a
    /// name is an abbreviated title, not the end of the phrase.
    static func abbreviatedTitle(_ k: Int, bytes: [UInt8], tokens: [Token]) -> Bool {
        guard k + 1 < tokens.count, tokens[k].isCapitalized, !tokens[k].isAllCaps, tokens[k].end - tokens[k].start <= 5,
            tokens[k + 1].isCapitalized
        else { return false }
        return bytes[tokens[k].end..<tokens[k + 1].start].elementsEqual([0x2E, 0x20])
    }

    /// The quotation closing before `offset` ends with a comma: '"…," Rubio said'.
    static func quoteEndsWithComma(before offset: Int, _ bytes: [UInt8]) -> Bool {
        var i = offset - 1
        while i >= 0, offset - i <= 8, [0x20, 0x09, 0x22, 0xE2, 0x80, 0x9D, 0x99, 0xC2, 0xBB, 0x27].contains(bytes[i]) { i -= 1 }
        return i >= 0 && bytes[i] == 0x2C
    }

    /// A reporting verb, or one of the verbs that report speech with "back": "Sanders shot back".
    static func isSpeechVerb(_ k: Int, _ tokens: [Token], _ bytes: [UInt8]) -> Bool {
        (verbs.contains(tokens[k].normalized)
            || (k + 1 < tokens.count && tokens[k + 1].normalized == "back"
                && ["shot", "fired", "hit", "pushed"].contains(tokens[k].normalized)))
            && isVerbCase(k, tokens, bytes)
    }

    /// A verb is written in lower case unless it opens a sentence or a line: "the United States" and
    /// "HIGHER TURNOUT IN OTHER STATES" hold no "states" (quotes-train 3 speakers, quotes-dev 1).
    static func isVerbCase(_ k: Int, _ tokens: [Token], _ bytes: [UInt8]) -> Bool {
        // "the self-described democratic socialist": the second half of a compound is no verb.
        if k > 0, tokens[k - 1].end + 1 == tokens[k].start, bytes[tokens[k - 1].end] == 0x2D { return false }
        guard tokens[k].isCapitalized || tokens[k].isAllCaps else { return true }
        guard k > 0, !tokens[k].isAllCaps else { return k == 0 }
        return bytes[tokens[k - 1].end..<tokens[k].start].contains { [0x2E, 0x21, 0x3F, 0x3A, 0x0A, 0x22, 0xE2].contains($0) }
    }

    /// Words that make what follows a name a clause of its own: 'said House Speaker Paul Ryan should
    /// resign', 'now said Trump had "…"' — the name is the subject of what was said, not its speaker.
    static let finiteVerbs: Set<String> = [
        "has", "had", "have", "was", "were", "is", "are", "would", "will", "did", "does", "do", "should", "could",
        "can", "may", "might", "must", "shall", "wants", "wanted", "needs", "needed", "thinks", "thought", "knows",
        "knew", "believes", "believed", "won", "lost",
    ]

    /// The words after the verb open a clause with its own verb: a noun phrase (names, titles, roles,
    /// determiners) followed, with no comma, by a finite verb.
    static func opensClause(_ range: Range<Int>, bytes: [UInt8], tokens: [Token]) -> Bool {
        var k = range.lowerBound
        while k < range.upperBound {
            let token = tokens[k]
            if finiteVerbs.contains(token.normalized) || verbs.contains(token.normalized) {
                return k > range.lowerBound
            }
            guard token.isCapitalized || SpeakerResolver.isModifier(token) else { return false }
            if Lexicon.isBreak(bytes, tokens: tokens, after: k), !Lexicon.possessiveAfter(bytes, tokens: tokens, index: k) {
                return false
            }
            k += 1
        }
        return false
    }

    /// 'Rubio was asked by moderator Gerard Baker whether …': the agent of a passive speech verb
    /// (a form of "be" before it, "by" after it) is the speaker, not the subject. The token range of
    /// the agent's noun phrase, up to a comma or a lower-case word that is no title, role or modifier.
    /// (quotes-train: 2 speakers, both watched actors wrongly credited before.)
    static func passiveAgent(verb v: Int, limit: Int, bytes: [UInt8], tokens: [Token]) -> Range<Int>? {
        guard v > 0, v + 2 < min(limit, tokens.count), tokens[v + 1].normalized == "by",
            ["was", "were", "is", "are", "being", "been", "be"].contains(tokens[v - 1].normalized)
                || (v > 1 && ["was", "were", "is"].contains(tokens[v - 2].normalized) && tokens[v - 1].isLowercase)
        else { return nil }
        let start = v + 2
        var end = start
        while end < min(limit, tokens.count), end - start < 8 {
            let token = tokens[end]
            guard token.isCapitalized || SpeakerResolver.isModifier(token) else { break }
            end += 1
            if Lexicon.isBreak(bytes, tokens: tokens, after: end - 1), !Lexicon.possessiveAfter(bytes, tokens: tokens, index: end - 1) {
                break
            }
        }
        return end > start && (start..<end).contains(where: { tokens[$0].isCapitalized }) ? start..<end : nil
    }
}

extension QuoteFinder {
    /// The first character after byte `offset` that is not a space is one of `marks`.
    static func punctuationAfter(_ bytes: [UInt8], _ offset: Int, in marks: Set<UInt8>) -> Bool {
        var i = offset
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
        return i < bytes.count && marks.contains(bytes[i])
    }

    /// The clause a participle hangs on, from the start of its sentence (or the last semicolon, colon
    /// or line break): the resolver takes its subject from the front.
    static func clauseOpening(_ words: ArraySlice<Token>, bytes: [UInt8], tokens: [Token]) -> Range<Int>? {
        guard !words.isEmpty else { return nil }
        var start = words.endIndex - 1
        while start > words.startIndex {
            // A semicolon, colon, line break or dash ends it ("WASHINGTON (UPI) — In response …").
            let gap = bytes[tokens[start - 1].end..<tokens[start].start]
            if gap.contains(where: { $0 == 0x3B || $0 == 0x3A || $0 == 0x0A }) { break }
            if gap.contains(0xE2) && (gap.contains(0x94) || gap.contains(0x93)) || (gap.contains(0x2D) && gap.contains(0x20)) { break }
            start -= 1
        }
        return start..<words.endIndex
    }

    /// A quotation with no words of its own, straight after a sentence that reports speech: 'Carter
    /// said that the critics had been wrong for decades. ¶ "That's because …"', 'Caddell continued: ¶
    /// "…"'. The sentence must lie wholly after the previous long quotation (`previousEnd`), end at
    /// most one blank line before this one, and hold a speech verb with its subject.
    static func leadIn(
        before start: Int, previousEnd: Int, bytes: [UInt8], tokens: [Token], sentences: [Sentence]
    ) -> Cue? {
        var i = start - 1
        var lineBreaks = 0
        while i >= 0, [0x20, 0x09, 0x0D, 0x0A].contains(bytes[i]) {
            if bytes[i] == 0x0A { lineBreaks += 1 }
            i -= 1
        }
        guard i >= previousEnd, i >= 0, lineBreaks <= 2, let s = sentenceIndex(sentences, containing: i),
            sentences[s].start >= previousEnd
        else { return nil }
        let from = sentences[s].start
        // Quotation marks in the sentence: it quotes someone itself and is no lead-in.
        guard !bytes[from...i].contains(where: { $0 == 0x22 }), !containsCurlyQuote(bytes, from..<i + 1) else { return nil }
        let words = slice(tokens, within: from..<i + 1)
        guard words.count >= 2 else { return nil }
        if bytes[i] == 0x3A {
            if let (range, _, position) = speakerBefore(words, bytes: bytes, tokens: tokens) {
                return Cue(position: position, tokens: range)
            }
            return Cue(position: .colon, tokens: words.startIndex..<words.endIndex)
        }
        guard bytes[i] == 0x2E,
            let verb = words.indices.first(where: {
                isSpeechVerb($0, tokens, bytes) || (introducingVerbs.contains(tokens[$0].normalized) && isVerbCase($0, tokens, bytes))
            }),
            !tokens[verb].normalized.hasSuffix("ing"),
            let (range, _, position) = speakerBefore(words[words.startIndex...verb], bytes: bytes, tokens: tokens),
            position == .before
        else { return nil }
        return Cue(position: .leadIn, tokens: range)
    }

    private static func containsCurlyQuote(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
        var i = range.lowerBound
        while i + 2 < range.upperBound {
            if bytes[i] == 0xE2, bytes[i + 1] == 0x80, bytes[i + 2] == 0x9C || bytes[i + 2] == 0x9D { return true }
            if bytes[i] == 0xC2, bytes[i + 1] == 0xAB || bytes[i + 1] == 0xBB { return true }
            i += 1
        }
        return false
    }
}
