/// Finds direct quotations and the words around each that introduce its speaker, in the forms news
/// uses: `"…," X said` · `"…," said X` · `X said: "…"` · `X, the Y of Z, said "…"` · `X stated that … "…"`
/// · `X was quoted as saying` · `according to X` · Russian `«…», — сказал X`. Which person those words
/// stand for is `SpeakerResolver`'s job.
struct QuoteFinder {
    /// Reporting verbs, as `Token.normalized` has them (Russian ones stemmed like the tokens).
    static let verbs: Set<String> = Set(
        [
            "said", "says", "say", "told", "tells", "added", "adds", "stated", "states", "noted", "notes", "declared",
            "explained", "argued", "argues", "warned", "warns", "wrote", "writes", "insisted", "insists", "claimed",
            "claims", "asserted", "remarked", "replied", "continued", "acknowledged", "admitted", "emphasized",
            "emphasised", "stressed", "announced", "commented", "spoke", "mentioned", "recalled", "quipped",
            "concluded", "suggested", "urged", "saying", "asked", "answered", "responded", "tweeted", "posted",
            "explains", "adding", "noting", "writing", "telling", "asking", "predicted", "promised", "vowed", "joked",
            "conceded", "countered", "boasted", "cautioned", "contended", "testified", "reiterated", "observed",
            "lamented", "complained", "charged", "shouted", "yelled", "recounted", "retorted", "wondered", "agreed",
            "pledged", "declared", "replies", "recalls", "adds", "asks", "tweets", "answers", "tweeting", "recalling",
            "arguing", "warning", "insisting", "explaining", "declaring", "announcing", "stating", "pressed",
            "interjected", "offered", "mused", "scoffed", "snapped", "sighed", "chimed", "cracked", "teased", "grumbled",
            "groused", "marveled", "exclaimed", "demanded", "questioned", "challenged", "assured", "reminded", "confided",
            "confirmed", "proclaimed", "revealed", "thundered", "bragged", "echoed", "opined", "intoned", "pointed",
            "continues", "proclaims", "fumed", "fumes", "reported", "reports", "raged", "seethed", "countered", "counters",
            "warned", "wonders", "predicts", "insisted", "recounts", "jokes", "quips", "notes", "observes", "concedes",
            "сказал", "заявил", "отметил", "подчеркнул", "добавил", "сообщил", "пояснил", "говорит", "считает",
            "заявляет", "отмечает", "рассказал", "признал", "написал",
        ].map(Normalization.fold))
    /// Verbs that introduce a quotation written after them but are not speech verbs on their own:
    /// `Harman called it "the least bad option"`, `Anthony describes her as "…"`.
    static let introducingVerbs: Set<String> = [
        "called", "calls", "describes", "described", "labeled", "labelled", "dubbed", "branded", "reads", "read",
        "puts", "put", "labeling", "labelling", "labels", "calling", "describing",
    ]
    static let pronouns: Set<String> = ["he", "she", "they", "we", "i"]
    /// Words that open a new clause: `"…" and he said "…"` speaks the second quote, never the first,
    /// and a speaker's words never begin with one.
    static let clauseOpeners: Set<String> = [
        "and", "but", "while", "whereas", "then", "so", "because", "although", "though", "yet", "before", "after", "when",
    ]
    /// Words that open a relative clause: 'one which X calls "…"' speaks through X.
    static let relativeWords: Set<String> = ["which", "who", "whom", "where", "whereupon"]
    static let auxiliaries: Set<String> = [
        "has", "had", "have", "was", "is", "also", "then", "later", "once", "would", "will", "did", "does", "previously", "recently",
        "often", "repeatedly", "again", "further", "simply", "only", "reportedly", "publicly", "privately", "earlier",
    ]
    static let minimumWords = 5
    /// Words after "said" that show no speaker follows it ("said in a statement", "said Thursday").
    static let notSpeakerAfterVerb: Set<String> = [
        "in", "on", "at", "during", "that", "of", "to", "about", "this", "last", "yesterday", "today", "it", "so",
        "recently", "earlier", "later", "after", "before", "while", "when", "as", "with", "for", "from", "by",
        "repeatedly", "again", "once", "then", "now", "he", "she", "they", "we", "i", "you", "there", "here",
    ]

    struct Cue {
        enum Position { case after, before, according, colon }
        var position: Position
        /// Token indexes of the words naming the speaker.
        var tokens: Range<Int>
    }

    struct Found {
        var text: String
        var start: Int  // byte offset of the opening quote mark
        var end: Int  // byte offset after the closing one
        var cue: Cue?
        var verb: String?
        /// Under `minimumWords`: a scare quote or a fragment, not reported, but its speaker carries on
        /// to a quotation that continues it ('"It's doable," Risch said. "Is it going to happen? …"').
        var isShort = false
    }

    /// Quoted spans of at least `minimumWords` words, with the speaker words around them.
    /// - Parameter lineBreaks: the byte offsets of the text's line breaks, in order.
    static func find(in bytes: [UInt8], spans: [Span], tokens: [Token], sentences: [Sentence], lineBreaks: [Int]) -> [Found] {
        var results: [Found] = []
        // 'according to X' is looked for once per sentence, not once per quote in it.
        var accordingBySentence: [Range<Int>: Range<Int>?] = [:]
        func according(_ sentence: Range<Int>) -> Range<Int>? {
            if let known = accordingBySentence[sentence] { return known }
            let found = accordingTo(slice(tokens, within: sentence), bytes: bytes, tokens: tokens)
            accordingBySentence[sentence] = found
            return found
        }
        // Where each line ends, found by binary search: scanning for it per quote would cost the length
        // of the line again for every quote on it.
        func lineEnd(_ offset: Int) -> Int {
            let index = partitionPoint(lineBreaks.count) { lineBreaks[$0] < offset }
            return index < lineBreaks.count ? lineBreaks[index] : bytes.count
        }
        let wordCounts = spans.map { slice(tokens, within: $0.innerStart..<$0.innerEnd).count }
        var previousLongEnd = 0
        var nextLong = 0
        for (n, span) in spans.enumerated() {
            defer { if wordCounts[n] >= minimumWords { previousLongEnd = span.outerEnd } }
            guard wordCounts[n] >= 2 else { continue }
            // A short quotation matters only as the speaker's first words before a long one close after it.
            if wordCounts[n] < minimumWords {
                guard n + 1 < spans.count, wordCounts[n + 1] >= minimumWords, spans[n + 1].outerStart - span.outerEnd < 600 else {
                    continue
                }
            }
            // Trimmed by bytes (Foundation's trimming goes through NSString); short quotes need no text.
            var from = span.innerStart, to = span.innerEnd
            let trim: Set<UInt8> = [0x20, 0x2C, 0x0A, 0x09]
            while from < to, trim.contains(bytes[from]) { from += 1 }
            while to > from, trim.contains(bytes[to - 1]) { to -= 1 }
            let quoted = wordCounts[n] < minimumWords ? "" : String(decoding: bytes[from..<to], as: UTF8.self)
            let sentence = sentenceIndex(sentences, containing: span.outerStart) ?? 0
            let last = max(sentence, sentenceIndex(sentences, containing: span.outerEnd - 1) ?? sentence)
            let sentenceRange = sentences.isEmpty ? 0..<bytes.count : sentences[sentence].start..<sentences[last].end
            var found = Found(text: quoted, start: span.outerStart, end: span.outerEnd)
            found.isShort = wordCounts[n] < minimumWords
            // Neither side reaches into the next or the previous quotation.
            // A short quotation in between ('represents "New York values," stating …') is part of the words.
            if nextLong <= n { nextLong = n + 1 }
            while nextLong < spans.count, wordCounts[nextLong] < minimumWords { nextLong += 1 }
            let nextStart = min(
                nextLong < spans.count ? spans[nextLong].outerStart : Int.max,
                n + 1 < spans.count ? spans[n + 1].outerStart : Int.max)
            let previousEnd = previousLongEnd
            // A quote that ends its sentence ('…?" Sanders replied.') is spoken by the words after it.
            // One that ends with a full stop is followed by a new sentence, which speaks it only when it is
            // short ('…." Bednarek added.'), not when it says something of its own ('Russia insisted that …').
            var afterEnd = max(span.outerEnd, sentenceRange.upperBound)
            var nextSentenceOnly = false
            if afterEnd <= span.outerEnd + 1, let next = sentenceIndex(sentences, containing: nextNonSpace(bytes, span.outerEnd)) {
                afterEnd = sentences[next].end
                nextSentenceOnly = span.innerEnd > span.innerStart && bytes[span.innerEnd - 1] == 0x2E
            }
            afterEnd = min(afterEnd, nextStart, lineEnd(span.outerEnd))
            let after = slice(tokens, within: span.outerEnd..<max(span.outerEnd, afterEnd)).prefix(24)
            if !(nextSentenceOnly && after.count > 6), let (range, verb) = speakerAfter(after, bytes: bytes, tokens: tokens) {
                found.cue = Cue(position: .after, tokens: range)
                found.verb = verb
            } else {
                let beforeStart = max(min(sentenceRange.lowerBound, span.outerStart), previousEnd)
                let before = slice(tokens, within: beforeStart..<span.outerStart).suffix(40)
                if let (range, verb) = speakerBefore(before, bytes: bytes, tokens: tokens) {
                    found.cue = Cue(position: .before, tokens: range)
                    found.verb = verb
                }
            }
            if found.cue == nil, let dash = dashLine(after: span.outerEnd, bytes: bytes, tokens: tokens, lineEnd: lineEnd) {
                found.cue = Cue(position: .after, tokens: dash)
            }
            if found.cue == nil,
                let colon = colonSubject(
                    before: span.outerStart, from: max(previousEnd, sentenceRange.lowerBound),
                    bytes: bytes, tokens: tokens)
            {
                found.cue = Cue(position: .colon, tokens: colon)
            }
            if found.cue == nil, let according = according(sentenceRange) {
                found.cue = Cue(position: .according, tokens: according)
                found.verb = "according to"
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

    private static func text(_ bytes: [UInt8], _ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    /// `, X said` · `said X` · `X was quoted as saying` · `X, a Y, said` right after the closing quote.
    private static func speakerAfter(_ after: ArraySlice<Token>, bytes: [UInt8], tokens: [Token]) -> (Range<Int>, String)? {
        guard let v = after.indices.first(where: { verbs.contains(tokens[$0].normalized) || tokens[$0].normalized == "quoted" }),
            v - after.startIndex <= 20
        else { return nil }
        let first = after.startIndex
        // '"…" in the 2008 primary, said Ohio State professor Paul Beck': a comma before the verb and a
        // capitalised word after it put the speaker after the verb.
        let inverted =
            v > first && v + 1 < after.endIndex && tokens[v + 1].isCapitalized
            && Lexicon.isBreak(bytes, tokens: tokens, after: v - 1) && !tokens[v - 1].isCapitalized
        if v == first || (v == first + 1 && tokens[first].normalized == "and") || inverted {
            // 'said X': the speaker runs to the end of the clause (an apposition after a comma is kept
            // apart by the resolver), at most eight words.
            var end = v + 1
            var commas = 0
            while end < after.endIndex, end - v <= 16 {
                if Lexicon.isBreak(bytes, tokens: tokens, after: end - 1) {
                    guard commas < 2, onlyCommaBetween(bytes, tokens[end - 1].end, tokens[end].start) else { break }
                    commas += 1
                }
                end += 1
            }
            guard end > v + 1 else { return nil }
            // 'said Thursday', 'said in a statement': the speaker is not after the verb.
            let next = tokens[v + 1]
            if NameIndex.months.contains(next.normalized) || (!next.isCapitalized && notSpeakerAfterVerb.contains(next.normalized)) {
                return nil
            }
            return (v + 1..<end, tokens[v].normalized)
        }
        var subjectEnd = v
        var verb = text(bytes, tokens[v].start..<tokens[v].end)
        if tokens[v].normalized == "quoted" {
            // 'X was quoted as saying'
            guard v - first >= 2, tokens[v - 1].normalized == "was" || tokens[v - 1].normalized == "is" else { return nil }
            subjectEnd = v - 1
            let last = min(tokens.count - 1, v + 2)
            verb = text(bytes, tokens[v - 1].start..<tokens[last].end)
        } else {
            while subjectEnd > first, auxiliaries.contains(tokens[subjectEnd - 1].normalized) { subjectEnd -= 1 }
        }
        guard subjectEnd > first else { return nil }
        // '"…" and he said' starts the next clause: that speaker belongs to what follows.
        if clauseOpeners.contains(tokens[first].normalized) { return nil }
        // Between the quote and the verb: a subject, maybe with an apposition set off by commas
        // ('"…," Zeke Emanuel, an oncologist, said'), but no full stop or other quotation mark.
        for k in first..<(subjectEnd - 1)
        where Lexicon.isBreak(bytes, tokens: tokens, after: k)
            && !Lexicon.possessiveAfter(bytes, tokens: tokens, index: k)
        {
            if !onlyCommaBetween(bytes, tokens[k].end, tokens[k + 1].start) { return nil }
        }
        // An apposition needs a capitalised subject: '"…," a spokesman said' is fine, a long clause is not.
        if subjectEnd - first > 8, !tokens[first].isCapitalized { return nil }
        if subjectEnd - first > (tokens[subjectEnd - 1].isCapitalized ? 8 : 6),
            !(first..<subjectEnd - 1).contains(where: { Lexicon.isBreak(bytes, tokens: tokens, after: $0) })
        {
            return nil
        }
        return (first..<subjectEnd, verb)
    }

    /// `X said: "` · `X said, "` · `X, the Y of Z, said "` · `X stated that … "`: the nearest speech
    /// verb before the quote, and its subject from the start of the clause.
    private static func speakerBefore(_ before: ArraySlice<Token>, bytes: [UInt8], tokens: [Token]) -> (Range<Int>, String)? {
        guard
            let v = before.indices.last(where: {
                verbs.contains(tokens[$0].normalized) || introducingVerbs.contains(tokens[$0].normalized)
            })
        else { return nil }
        var subjectEnd = v
        while subjectEnd > before.startIndex,
            auxiliaries.contains(tokens[subjectEnd - 1].normalized)
                || ["not", "n", "t", "did", "does", "do", "never"].contains(tokens[subjectEnd - 1].normalized)
        { subjectEnd -= 1 }
        guard subjectEnd > before.startIndex else { return nil }
        // The clause runs back from the verb to the start of the sentence, a semicolon or colon, or a
        // word that opens a clause.
        var subjectStart = subjectEnd - 1
        while subjectStart > before.startIndex, subjectEnd - subjectStart < 30 {
            let previous = subjectStart - 1
            // "and" opens a clause ('X said …, and called him "…"') unless an apposition closes after it
            // ('Michael Demastus, pastor of Y and a Cruz supporter, said').
            // The same for a relative clause: 'one which X calls "…"' but 'Douglas Brinkley, a historian
            // who attended the session, said'.
            if clauseOpeners.contains(tokens[subjectStart].normalized) || relativeWords.contains(tokens[subjectStart].normalized),
                !(subjectStart..<subjectEnd).contains(where: { Lexicon.isBreak(bytes, tokens: tokens, after: $0) })
            {
                break
            }
            if hardBreakBetween(bytes, tokens[previous].end, tokens[subjectStart].start) { break }
            subjectStart -= 1
        }
        if clauseOpeners.contains(tokens[subjectStart].normalized) || relativeWords.contains(tokens[subjectStart].normalized) {
            subjectStart += 1
        }
        // 'In other words, explained CBS moderator Nancy Cordes: "…"': the speaker after the verb.
        let afterVerb = (v + 1)..<before.endIndex
        let subjectIsIntroduction =
            (subjectStart..<subjectEnd).allSatisfy { k in
                k == subjectStart || !Lexicon.isBreak(bytes, tokens: tokens, after: k - 1)
                    || SpeakerResolver.introWords.contains(tokens[k].normalized)
            } && (subjectStart >= subjectEnd || SpeakerResolver.introWords.contains(tokens[subjectStart].normalized))
        if !afterVerb.isEmpty, afterVerb.count <= 8, tokens[v + 1].normalized != "that",
            afterVerb.contains(where: { tokens[$0].isCapitalized }), subjectIsIntroduction,
            !(v + 1..<before.endIndex - 1).contains(where: { Lexicon.isBreak(bytes, tokens: tokens, after: $0) })
        {
            return (afterVerb, text(bytes, tokens[v].start..<tokens[v].end))
        }
        // 'Cruz said … that Trump represents "New York values," stating …', 'Sen. Paul said …, and called
        // him "…"': a participle or a second verb with no subject of its own speaks through the clause before.
        if subjectStart >= subjectEnd || (tokens[v].normalized.hasSuffix("ing") && subjectIsIntroduction) {
            let earlier = before[before.startIndex..<max(before.startIndex, subjectStart - 1)]
            guard !earlier.isEmpty, var previous = speakerBefore(earlier, bytes: bytes, tokens: tokens) else { return nil }
            previous.1 = text(bytes, tokens[v].start..<tokens[v].end)
            return previous
        }
        return (subjectStart..<subjectEnd, text(bytes, tokens[v].start..<tokens[v].end))
    }

    /// `according to X` in the sentence: the token range of X.
    private static func accordingTo(_ inSentence: ArraySlice<Token>, bytes: [UInt8], tokens: [Token]) -> Range<Int>? {
        guard
            let a = inSentence.indices.first(where: {
                tokens[$0].normalized == "according" && $0 + 2 < inSentence.endIndex
                    && tokens[$0 + 1].normalized == "to"
            })
        else { return nil }
        var end = a + 3
        while end < inSentence.endIndex, end - a < 10, !Lexicon.isBreak(bytes, tokens: tokens, after: end - 1) { end += 1 }
        return a + 2..<end
    }

    /// Commas and brackets only: an apposition ("Zeke Emanuel, an oncologist,", "Sen. X (D-Mo.)").
    private static func onlyCommaBetween(_ bytes: [UInt8], _ from: Int, _ to: Int) -> Bool {
        guard from < to else { return false }
        return bytes[from..<to].allSatisfy { [0x2C, 0x20, 0x27, 0x2E, 0x28, 0x29, 0x2D].contains($0) }
            && bytes[from..<to].contains { $0 == 0x2C || $0 == 0x28 || $0 == 0x29 }
    }

    private static func nextNonSpace(_ bytes: [UInt8], _ from: Int) -> Int {
        var i = from
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
        return i
    }

    /// '"…" — Bernie Sanders.': a line (the rest of this one or the next) that is a dash and a name.
    private static func dashLine(after end: Int, bytes: [UInt8], tokens: [Token], lineEnd: (Int) -> Int) -> Range<Int>? {
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
        return line.startIndex..<line.endIndex
    }

    /// 'Sanders delivered a snappy retort: "…"': a clause ending in a colon right before the quote,
    /// spoken by the name that opens it.
    private static func colonSubject(before start: Int, from clauseStart: Int, bytes: [UInt8], tokens: [Token]) -> Range<Int>? {
        var i = start - 1
        while i >= 0, bytes[i] == 0x20 || bytes[i] == 0x09 { i -= 1 }
        guard i >= clauseStart, bytes[i] == 0x3A else { return nil }
        let clause = slice(tokens, within: clauseStart..<i)
        guard !clause.isEmpty, clause.count <= 20 else { return nil }
        return clause.startIndex..<clause.endIndex
    }

    /// A semicolon, colon, dash, quotation mark or line break: punctuation that ends a clause (a comma
    /// does not: "X, the Y of Z, said").
    private static func hardBreakBetween(_ bytes: [UInt8], _ from: Int, _ to: Int) -> Bool {
        guard from < to else { return false }
        var i = from
        while i < to {
            let b = bytes[i]
            if b == 0x3B || b == 0x3A || b == 0x22 || b == 0x0A || b == 0x21 || b == 0x3F { return true }
            if b == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80, [0x9C, 0x9D, 0x94].contains(bytes[i + 2]) { return true }
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
