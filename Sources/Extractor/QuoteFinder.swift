/// Finds direct quotations and who said them, in the forms news uses:
/// `"…," X said` · `"…," said X` · `X said: "…"` · `X said, "…"` · `X stated that … "…"` ·
/// `X was quoted as saying` · `according to X`; a pronoun speaker ("He said") is the person named last
/// before it.
struct QuoteFinder {
    static let verbs: Set<String> = [
        "said", "says", "say", "told", "tells", "added", "adds", "stated", "states", "noted", "notes", "declared",
        "explained", "argued", "argues", "warned", "warns", "wrote", "writes", "insisted", "insists", "claimed",
        "claims", "asserted", "remarked", "replied", "continued", "acknowledged", "admitted", "emphasized",
        "emphasised", "stressed", "announced", "commented", "spoke", "mentioned", "recalled", "quipped",
        "concluded", "suggested", "urged", "saying", "asked", "answered", "responded", "tweeted", "posted",
    ]
    static let pronouns: Set<String> = ["he", "she", "they", "we", "i"]
    /// Words that open a new clause: `"…" and he said "…"` speaks the second quote, never the first,
    /// and a speaker's words never begin with one.
    static let clauseOpeners: Set<String> = [
        "and", "but", "while", "whereas", "then", "so", "because", "although", "though", "yet", "before", "after", "when",
    ]
    static let minimumWords = 5

    struct Found {
        var text: String
        var speakerRange: Range<Int>?   // byte range of the speaker words
        var pronoun: Bool
        var verb: String?
        var start: Int                  // byte offset of the opening quote
    }

    /// Quoted spans of at least `minimumWords` words, with the speaker words around them.
    static func find(in text: String, tokens: [Token], sentences: [Sentence]) -> [Found] {
        let bytes = Array(text.utf8)
        var results: [Found] = []
        // 'according to X' is looked for once per sentence, not once per quote in it.
        var accordingBySentence: [Range<Int>: Range<Int>?] = [:]
        func according(_ sentence: Range<Int>) -> Range<Int>? {
            if let known = accordingBySentence[sentence] { return known }
            let found = accordingTo(slice(tokens, within: sentence), bytes: bytes)
            accordingBySentence[sentence] = found
            return found
        }
        for span in quoteSpans(bytes) {
            let inner = String(decoding: bytes[span.innerStart..<span.innerEnd], as: UTF8.self)
            guard slice(tokens, within: span.innerStart..<span.innerEnd).count >= minimumWords else { continue }
            let quoted = inner.trimmingCharacters(in: [" ", ",", "\n", "\t"])
            let sentence = sentenceIndex(sentences, containing: span.outerStart) ?? 0
            let last = max(sentence, sentenceIndex(sentences, containing: span.outerEnd - 1) ?? sentence)
            let sentenceRange = sentences.isEmpty ? 0..<bytes.count : sentences[sentence].start..<sentences[last].end
            var found = Found(text: quoted, speakerRange: nil, pronoun: false, verb: nil, start: span.outerStart)
            // After the quote: ', X said' / 'said X' / 'X was quoted as saying'.
            let after = slice(tokens, within: span.outerEnd..<max(span.outerEnd, sentenceRange.upperBound)).prefix(10)
            if let speaker = speakerAfter(Array(after), bytes: bytes, quoteEnd: span.outerEnd) {
                found.speakerRange = speaker.range
                found.verb = speaker.verb
            } else {
                // Before it: 'X said: "', 'X said, "', 'X stated that … "'.
                let before = slice(tokens, within: min(sentenceRange.lowerBound, span.outerStart)..<span.outerStart).suffix(14)
                if let speaker = speakerBefore(Array(before), bytes: bytes) {
                    found.speakerRange = speaker.range
                    found.verb = speaker.verb
                }
            }
            if found.speakerRange == nil, let according = according(sentenceRange) {
                found.speakerRange = according
                found.verb = "according to"
            }
            if let range = found.speakerRange {
                let words = slice(tokens, within: range)
                found.pronoun = words.count == 1 && pronouns.contains(words[words.startIndex].normalized)
            }
            results.append(found)
        }
        return results
    }

    struct Span { var outerStart: Int; var innerStart: Int; var innerEnd: Int; var outerEnd: Int }

    /// Pairs of “ ” « » „ “ and straight double quotes, within a paragraph.
    static func quoteSpans(_ b: [UInt8]) -> [Span] {
        var spans: [Span] = []
        var i = 0
        let n = b.count
        while i < n {
            var closeOptions: [[UInt8]] = []
            var openLength = 0
            if b[i] == 0x22 { closeOptions = [[0x22]]; openLength = 1 }
            else if i + 2 < n, b[i] == 0xE2, b[i + 1] == 0x80, b[i + 2] == 0x9C { closeOptions = [[0xE2, 0x80, 0x9D]]; openLength = 3 }
            else if i + 2 < n, b[i] == 0xE2, b[i + 1] == 0x80, b[i + 2] == 0x9E { closeOptions = [[0xE2, 0x80, 0x9C], [0xE2, 0x80, 0x9D]]; openLength = 3 }
            else if i + 1 < n, b[i] == 0xC2, b[i + 1] == 0xAB { closeOptions = [[0xC2, 0xBB]]; openLength = 2 }
            guard openLength > 0 else { i += 1; continue }
            var j = i + openLength
            var closed: Span?
            while j < n, j - i < 3000, b[j] != 0x0A {
                let here = b[j]
                if here != 0x22 && here != 0xE2 && here != 0xC2 { j += 1; continue }
                if let close = closeOptions.first(where: { option in
                    j + option.count <= n && option.indices.allSatisfy { b[j + $0] == option[$0] }
                }) {
                    closed = Span(outerStart: i, innerStart: i + openLength, innerEnd: j, outerEnd: j + close.count)
                    break
                }
                j += 1
            }
            if let closed {
                spans.append(closed)
                i = closed.outerEnd
            } else {
                i += openLength
            }
        }
        return spans
    }

    private static func text(_ bytes: [UInt8], _ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    /// `, X said` · `said X` · `X was quoted as saying` right after the closing quote.
    private static func speakerAfter(_ tokens: [Token], bytes: [UInt8], quoteEnd: Int) -> (range: Range<Int>, verb: String)? {
        guard let v = tokens.firstIndex(where: { verbs.contains($0.normalized) || $0.normalized == "quoted" }), v <= 6 else { return nil }
        if v == 0 || (v == 1 && tokens[0].normalized == "and") {
            // 'said X': the speaker runs to the next comma or full stop.
            var end = v + 1
            while end < tokens.count, end - v <= 6, !punctuationBetween(bytes, tokens[end - 1].end, tokens[end].start) { end += 1 }
            guard end > v + 1 else { return nil }
            return (tokens[v + 1].start..<tokens[end - 1].end, tokens[v].normalized)
        }
        var subjectEnd = v
        var verb = text(bytes, tokens[v].start..<tokens[v].end)
        if tokens[v].normalized == "quoted" {
            // 'X was quoted as saying'
            guard v >= 2, tokens[v - 1].normalized == "was" || tokens[v - 1].normalized == "is" else { return nil }
            subjectEnd = v - 1
            let last = min(tokens.count - 1, v + 2)
            verb = text(bytes, tokens[v - 1].start..<tokens[last].end)
        } else if v >= 1, ["has", "had", "have", "was", "is", "also"].contains(tokens[v - 1].normalized) {
            subjectEnd = v - 1
        }
        guard subjectEnd > 0 else { return nil }
        // '"…" and he said' starts the next clause: that speaker belongs to what follows.
        if clauseOpeners.contains(tokens[0].normalized) { return nil }
        // Nothing but a comma between the quote and the speaker.
        if punctuationBetween(bytes, tokens[0].start, tokens[subjectEnd - 1].end) { return nil }
        return (tokens[0].start..<tokens[subjectEnd - 1].end, verb)
    }

    /// `X said: "` · `X said, "` · `X stated that … "`, the nearest speech verb before the quote.
    private static func speakerBefore(_ tokens: [Token], bytes: [UInt8]) -> (range: Range<Int>, verb: String)? {
        guard let v = tokens.lastIndex(where: { verbs.contains($0.normalized) }) else { return nil }
        var subjectEnd = v
        if v >= 1, ["has", "had", "have", "was", "is", "also", "then", "later"].contains(tokens[v - 1].normalized) { subjectEnd = v - 1 }
        guard subjectEnd > 0 else { return nil }
        // The subject runs back from the verb to a comma or a word opening the clause, at most six words.
        var subjectStart = subjectEnd - 1
        while subjectStart > 0, subjectEnd - subjectStart < 6, !clauseOpeners.contains(tokens[subjectStart - 1].normalized),
              !punctuationBetween(bytes, tokens[subjectStart - 1].end, tokens[subjectStart].start) { subjectStart -= 1 }
        if clauseOpeners.contains(tokens[subjectStart].normalized) { return nil }
        return (tokens[subjectStart].start..<tokens[subjectEnd - 1].end, text(bytes, tokens[v].start..<tokens[v].end))
    }

    /// `according to X` in the sentence.
    private static func accordingTo(_ inSentence: ArraySlice<Token>, bytes: [UInt8]) -> Range<Int>? {
        let inSentence = Array(inSentence)
        guard let a = inSentence.indices.first(where: { inSentence[$0].normalized == "according" && $0 + 2 < inSentence.count
            && inSentence[$0 + 1].normalized == "to" }) else { return nil }
        var end = a + 3
        while end < inSentence.count, end - a < 8, !punctuationBetween(bytes, inSentence[end - 1].end, inSentence[end].start) { end += 1 }
        return inSentence[a + 2].start..<inSentence[end - 1].end
    }

    private static func punctuationBetween(_ bytes: [UInt8], _ from: Int, _ to: Int) -> Bool {
        guard from < to else { return false }
        return bytes[from..<to].contains { [0x2C, 0x2E, 0x3B, 0x3A, 0x21, 0x3F, 0x22].contains($0) }
            || String(decoding: bytes[from..<to], as: UTF8.self).contains { "“”—–".contains($0) }
    }

    /// The tokens lying wholly inside the byte `range`. Tokens are in text order and do not overlap,
    /// so two binary searches find them: a quote costs the same in a long article as in a short one.
    static func slice(_ tokens: [Token], within range: Range<Int>) -> ArraySlice<Token> {
        let low = partitionPoint(tokens.count) { tokens[$0].start < range.lowerBound }
        let high = partitionPoint(tokens.count) { tokens[$0].end <= range.upperBound }
        return low < high ? tokens[low..<high] : []
    }

    /// The sentence holding the byte at `offset`.
    static func sentenceIndex(_ sentences: [Sentence], containing offset: Int) -> Int? {
        let index = partitionPoint(sentences.count) { sentences[$0].end <= offset }
        return index < sentences.count && sentences[index].start <= offset ? index : nil
    }
}
