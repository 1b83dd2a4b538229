/// Where the quotations of a text are, and the small look-ups the finder shares: sentences and
/// tokens by byte offset, the punctuation that ends a clause, the dash line and the colon that
/// introduce a quote, "according to X".
extension QuoteFinder {
    struct Span { var outerStart: Int; var innerStart: Int; var innerEnd: Int; var outerEnd: Int }

    /// Pairs of “ ” « » „ “ and straight double quotes, within a paragraph.
    static func quoteSpans(_ b: [UInt8]) -> [Span] {
        var spans: [Span] = []
        var i = 0
        let n = b.count
        while i < n {
            var closeOptions: [[UInt8]] = []
            var openLength = 0
            if b[i] == 0x22 {
                closeOptions = [[0x22]]; openLength = 1
            } else if i + 2 < n, b[i] == 0xE2, b[i + 1] == 0x80, b[i + 2] == 0x9C {
                closeOptions = [[0xE2, 0x80, 0x9D]]; openLength = 3
            } else if i + 2 < n, b[i] == 0xE2, b[i + 1] == 0x80, b[i + 2] == 0x9E {
                closeOptions = [[0xE2, 0x80, 0x9C], [0xE2, 0x80, 0x9D]]; openLength = 3
            } else if i + 1 < n, b[i] == 0xC2, b[i + 1] == 0xAB {
                closeOptions = [[0xC2, 0xBB]]; openLength = 2
            }
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

    /// `according to X` in the sentence: the token range of X.
    static func accordingTo(
        _ inSentence: ArraySlice<Token>, bytes: [UInt8], tokens: [Token], outsideQuotes: (Int) -> Bool
    ) -> Range<Int>? {
        guard
            let a = inSentence.indices.first(where: {
                tokens[$0].normalized == "according" && $0 + 2 < inSentence.endIndex
                    && tokens[$0 + 1].normalized == "to" && outsideQuotes(tokens[$0].start)
            })
        else { return nil }
        var end = a + 3
        while end < inSentence.endIndex, end - a < 10, !Lexicon.isBreak(bytes, tokens: tokens, after: end - 1) { end += 1 }
        return a + 2..<end
    }

    /// Commas and brackets only: an apposition ("Zeke Emanuel, an oncologist,", "Sen. X (D-Mo.)").
    static func onlyCommaBetween(_ bytes: [UInt8], _ from: Int, _ to: Int) -> Bool {
        guard from < to else { return false }
        return bytes[from..<to].allSatisfy { [0x2C, 0x20, 0x27, 0x2E, 0x28, 0x29, 0x2D].contains($0) }
            && bytes[from..<to].contains { $0 == 0x2C || $0 == 0x28 || $0 == 0x29 }
    }

    static func nextNonSpace(_ bytes: [UInt8], _ from: Int) -> Int {
        var i = from
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
        return i
    }

    /// '"…" — Bernie Sanders.': a line (the rest of this one or the next) that is a dash and a name.
    static func dashLine(after end: Int, bytes: [UInt8], tokens: [Token], lineEnd: (Int) -> Int) -> Range<Int>? {
        var i = end
        var lines = 0
        while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D, 0x2E, 0x2C].contains(bytes[i]) {
            if bytes[i] == 0x0A { lines += 1 }
            i += 1
        }
        guard lines <= 3, i < bytes.count else { return nil }
        let dash =
            bytes[i] == 0x2D
            ? 1
            : (i + 2 < bytes.count && bytes[i] == 0xE2 && bytes[i + 1] == 0x80
                && (bytes[i + 2] == 0x94 || bytes[i + 2] == 0x93 || bytes[i + 2] == 0x95) ? 3 : 0)  // — – ―
        guard dash > 0 else { return nil }
        let line = slice(tokens, within: (i + dash)..<lineEnd(i))
        guard !line.isEmpty, line.count <= 6, tokens[line.startIndex].isCapitalized else { return nil }
        // "– An immigrant himself –": a line between dashes is a heading, not a signature.
        if QuoteFinder.punctuationAfter(bytes, tokens[line.endIndex - 1].end, in: [0x2D, 0xE2]) { return nil }
        return line.startIndex..<line.endIndex
    }

    /// 'Sanders delivered a snappy retort: "…"': a clause ending in a colon right before the quote,
    /// spoken by the name that opens it.
    static func colonSubject(before start: Int, from clauseStart: Int, bytes: [UInt8], tokens: [Token]) -> Range<Int>? {
        var i = start - 1
        while i >= 0, bytes[i] == 0x20 || bytes[i] == 0x09 { i -= 1 }
        guard i >= clauseStart, bytes[i] == 0x3A else { return nil }
        let clause = slice(tokens, within: clauseStart..<i)
        // 30 words: "Former candidate Jeb Bush broke down exactly what was wrong with the image and message to
        // the Dutch newspaper NRC Handelsblad:" (only a name opening the clause speaks).
        guard !clause.isEmpty, clause.count <= 30 else { return nil }
        return clause.startIndex..<clause.endIndex
    }

    /// A semicolon, colon, dash, quotation mark or line break: punctuation that ends a clause (a comma
    /// does not: "X, the Y of Z, said").
    static func hardBreakBetween(_ bytes: [UInt8], _ from: Int, _ to: Int) -> Bool {
        guard from < to else { return false }
        var i = from
        while i < to {
            let b = bytes[i]
            if b == 0x3B || b == 0x3A || b == 0x22 || b == 0x0A || b == 0x21 || b == 0x3F { return true }
            if b == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80, [0x9C, 0x9D, 0x94, 0x93].contains(bytes[i + 2]) { return true }
            // A hyphen with a space beside it is a dash: "… new to Chicago - he wrote", "candidate -- John McCain".
            if b == 0x2D, (i > from && bytes[i - 1] == 0x20) || (i + 1 < to && bytes[i + 1] == 0x20) { return true }
            if b == 0xC2, i + 1 < bytes.count, bytes[i + 1] == 0xAB || bytes[i + 1] == 0xBB { return true }
            i += 1
        }
        return false
    }

    /// The tokens lying wholly inside the byte `range`. Tokens are in text order and do not overlap,
    /// so two binary searches find them: a quote costs the same in a long article as in a short one.
    static func slice(_ tokens: [Token], within range: Range<Int>) -> ArraySlice<Token> {
        let low = partitionPoint(tokens.count) { tokens[$0].start < range.lowerBound }
        let high = partitionPoint(tokens.count) { tokens[$0].end <= range.upperBound }
        return low < high ? tokens[low..<high] : tokens[low..<low]
    }

    /// The sentence holding the byte at `offset`.
    static func sentenceIndex(_ sentences: [Sentence], containing offset: Int) -> Int? {
        let index = partitionPoint(sentences.count) { sentences[$0].end <= offset }
        return index < sentences.count && sentences[index].start <= offset ? index : nil
    }
}
