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
            "concludes", "declares", "remembered", "remembers", "pondered", "sings", "sang", "retaliated", "barked",
            "elaborated", "elaborates", "reacted",
            "сказал", "заявил", "отметил", "подчеркнул", "добавил", "сообщил", "пояснил", "говорит", "считает",
            "заявляет", "отмечает", "рассказал", "признал", "написал",
        ].map(Normalization.fold))
    /// Verbs that introduce a quotation written after them but are not speech verbs on their own:
    /// `Harman called it "the least bad option"`, `Anthony describes her as "…"`.
    static let introducingVerbs: Set<String> = [
        "called", "calls", "describes", "described", "labeled", "labelled", "dubbed", "branded", "reads", "read",
        "puts", "put", "labeling", "labelling", "labels", "calling", "describing",
        // Verbs that characterise someone in quoted words, which are the subject's: 'Cruz is praising
        // Jeb Bush as "a man who didn't go to the gutter"', 'Palmieri accused Sanders of "…"'.
        "praised", "praising", "praises", "thanked", "thanking", "thanks", "accused", "accusing", "accuses",
        "criticized", "criticizing", "criticised", "blasted", "slammed", "mocked", "dismissed", "hailed", "touted",
        "questioning", "pledging", "promising", "vowing", "welcomed", "welcoming", "citing", "cited", "lamenting",
    ]
    static let pronouns: Set<String> = ["he", "she", "they", "we", "i"]
    /// Words that open a new clause: `"…" and he said "…"` speaks the second quote, never the first,
    /// and a speaker's words never begin with one.
    static let clauseOpeners: Set<String> = [
        "and", "but", "while", "whereas", "then", "so", "because", "although", "though", "yet", "before", "after", "when",
    ]
    /// Words that open a relative clause: 'one which X calls "…"' speaks through X.
    static let relativeWords: Set<String> = ["which", "who", "whom", "where", "whereupon", "that"]
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
        /// `opening`: the subject that opens the clause ('Fiorina backed Cruz, saying "…"'); `leadIn`:
        /// the reported speech of the sentence before a quotation that has no words of its own.
        enum Position { case after, before, according, colon, opening, leadIn }
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
            // Not inside a quotation: '"Well, according to the eyewitness, …"' quotes its own source.
            let found = accordingTo(slice(tokens, within: sentence), bytes: bytes, tokens: tokens) { offset in
                let k = partitionPoint(spans.count) { spans[$0].innerEnd <= offset }
                return !(k < spans.count && spans[k].innerStart <= offset)
            }
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
            // A next sentence that goes on into another quotation ('…." He added that members are "…"')
            // introduces that one, not this.
            var nextIntroducesAnother = false
            if afterEnd <= span.outerEnd + 1, let next = sentenceIndex(sentences, containing: nextNonSpace(bytes, span.outerEnd)) {
                afterEnd = sentences[next].end
                nextSentenceOnly = span.innerEnd > span.innerStart && bytes[span.innerEnd - 1] == 0x2E
                nextIntroducesAnother = nextSentenceOnly && sentences[next].end > nextStart
            }
            // A sentence split after an abbreviated title ("said Del. | Stacey Plaskett") goes on.
            if let s = sentenceIndex(sentences, containing: max(span.outerEnd, afterEnd - 1)), s + 1 < sentences.count {
                let words = slice(tokens, within: sentences[s].start..<sentences[s].end)
                if !words.isEmpty, abbreviatedTitle(words.endIndex - 1, bytes: bytes, tokens: tokens) {
                    afterEnd = max(afterEnd, sentences[s + 1].end)
                }
            }
            afterEnd = min(afterEnd, nextStart, lineEnd(span.outerEnd))
            let after = slice(tokens, within: span.outerEnd..<max(span.outerEnd, afterEnd)).prefix(24)
            if !(nextSentenceOnly && after.count > 6), !nextIntroducesAnother,
                let (range, verb) = speakerAfter(after, bytes: bytes, tokens: tokens)
            {
                found.cue = Cue(position: .after, tokens: range)
                found.verb = verb
            } else {
                let beforeStart = max(min(sentenceRange.lowerBound, span.outerStart), previousEnd)
                // 60 words: a long sentence ("Clinton, the former secretary of State, stressed … and said") reaches
                // back further than 40 (train: 2 speakers more, none lost).
                let before = slice(tokens, within: beforeStart..<span.outerStart).suffix(60)
                if let (range, verb, position) = speakerBefore(before, bytes: bytes, tokens: tokens) {
                    found.cue = Cue(position: position, tokens: range)
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
            // A paragraph-opening quote after reported speech (lead-in: quotes-train 21 speakers, quotes-dev
            // 2). A quote that ends with a comma goes on to words of its own ('…," Hannity started.').
            if found.cue == nil, span.innerEnd > span.innerStart, bytes[span.innerEnd - 1] != 0x2C,
                let leadIn = leadIn(before: span.outerStart, previousEnd: previousEnd, bytes: bytes, tokens: tokens, sentences: sentences)
            {
                found.cue = leadIn
            }
            results.append(found)
        }
        return results
    }

    static func text(_ bytes: [UInt8], _ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    /// `, X said` · `said X` · `X was quoted as saying` · `X, a Y, said` right after the closing quote.
    private static func speakerAfter(_ after: ArraySlice<Token>, bytes: [UInt8], tokens: [Token]) -> (Range<Int>, String)? {
        guard let v = after.indices.first(where: { isSpeechVerb($0, tokens, bytes) || tokens[$0].normalized == "quoted" }),
            v - after.startIndex <= 20
        else { return nil }
        let first = after.startIndex
        if v > first, let agent = passiveAgent(verb: v, limit: after.endIndex, bytes: bytes, tokens: tokens) {
            return (agent, tokens[v].normalized)
        }
        // '"…" in the 2008 primary, said Ohio State professor Paul Beck': a comma before the verb and a
        // capitalised word after it put the speaker after the verb.
        // Not when a name opens the words before the verb: '"…," Ramos, 58, told AFP' is Ramos
        // speaking to AFP, while '"…" that Sanders can win, said Steve Elmendorf' is inverted. A verb
        // of telling or asking takes its listener after it, never an inverted speaker (quotes-train: 10
        // speakers right that were wrong, quotes-dev 1).
        let inverted =
            v > first && v + 1 < after.endIndex && tokens[v + 1].isCapitalized
            && Lexicon.isBreak(bytes, tokens: tokens, after: v - 1)
            && !(tokens[first].isCapitalized && !SpeakerResolver.introWords.contains(tokens[first].normalized))
            && !listenerVerbs.contains(tokens[v].normalized)
        // 'said X': the speaker runs to the end of the clause (an apposition after a comma is kept apart
        // by the resolver), at most eight words. Not 'said Thursday', 'said in a statement', 'said Trump
        // had …'. A verb that may be inverted but is not goes on to its subject before it.
        func saidX() -> Range<Int>? {
            var end = v + 1
            var commas = 0
            while end < after.endIndex, end - v <= 16 {
                if Lexicon.isBreak(bytes, tokens: tokens, after: end - 1), !Lexicon.possessiveAfter(bytes, tokens: tokens, index: end - 1),
                    !abbreviatedTitle(end - 1, bytes: bytes, tokens: tokens)
                {
                    guard commas < 2, onlyCommaBetween(bytes, tokens[end - 1].end, tokens[end].start) else { break }
                    commas += 1
                }
                end += 1
            }
            guard end > v + 1 else { return nil }
            let next = tokens[v + 1]
            if NameIndex.months.contains(next.normalized) || (!next.isCapitalized && notSpeakerAfterVerb.contains(next.normalized)) {
                return nil
            }
            return opensClause(v + 1..<end, bytes: bytes, tokens: tokens) ? nil : v + 1..<end
        }
        // '"…" and added Sen. Smith' (a name after "and … said"; not '- and stressed the state's
        // importance', whose subject came before the quote).
        if v == first || (v == first + 1 && tokens[first].normalized == "and" && v + 1 < after.endIndex && tokens[v + 1].isCapitalized) {
            return saidX().map { ($0, tokens[v].normalized) }
        }
        if inverted, let range = saidX() { return (range, tokens[v].normalized) }
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
        // 'She went on to say:' introduces what follows the colon (unless the quote ends with a comma:
        // '"…," Rubio said: …'); 'giving states more power' is no
        // subject (a participle).
        if punctuationAfter(bytes, tokens[v].end, in: [0x3A]), !quoteEndsWithComma(before: tokens[first].start, bytes) { return nil }
        if tokens[first].isLowercase, tokens[first].normalized.hasSuffix("ing") { return nil }
        // '"…" and he said' starts the next clause: that speaker belongs to what follows.
        // Nor does a clause that opens with a preposition or a subordinator: 'said he "cannot walk down
        // the street" without reporters asking him' — the quote is inside its speaker's sentence. Unless
        // a comma closes that phrase before the subject ('"…" and against the gun law, Clinton said'); quotes-train 4 speakers.
        let phraseFirst = clauseOpeners.contains(tokens[first].normalized) && first + 1 < subjectEnd ? first + 1 : first
        let closedByComma = (first..<subjectEnd - 1).contains(where: { Lexicon.isBreak(bytes, tokens: tokens, after: $0) })
        if clauseOpeners.contains(tokens[first].normalized), !(closedByComma && subordinators.contains(tokens[phraseFirst].normalized)) {
            return nil
        }
        if subordinators.contains(tokens[first].normalized), !closedByComma { return nil }
        // Between the quote and the verb: a subject, maybe with an apposition set off by commas
        // ('"…," Zeke Emanuel, an oncologist, said'), but no full stop or other quotation mark.
        for k in first..<(subjectEnd - 1)
        where Lexicon.isBreak(bytes, tokens: tokens, after: k)
            && !Lexicon.possessiveAfter(bytes, tokens: tokens, index: k)
        {
            if !onlyCommaBetween(bytes, tokens[k].end, tokens[k + 1].start) { return nil }
        }
        // An apposition needs a capitalised subject: '"…," a spokesman said' is fine, a long clause is not.
        // Unless a name comes early: "state Senate leader Phil Berger and House Speaker Tim Moore, both
        // Republicans, said".
        if subjectEnd - first > 8, !tokens[first].isCapitalized,
            !(first..<min(subjectEnd, first + 5)).contains(where: { tokens[$0].isCapitalized }) || subjectEnd - first > 16
                || subordinators.contains(tokens[first].normalized)
        {
            return nil
        }
        // "the Florida senator and Republican presidential candidate said": a noun phrase with a
        // determiner may run to eight words.
        let determined = ["the", "a", "an"].contains(tokens[first].normalized)
        if subjectEnd - first > (tokens[subjectEnd - 1].isCapitalized || determined ? 8 : 6),
            !(first..<subjectEnd - 1).contains(where: { Lexicon.isBreak(bytes, tokens: tokens, after: $0) })
        {
            return nil
        }
        return (first..<subjectEnd, verb)
    }

    /// `X said: "` · `X said, "` · `X, the Y of Z, said "` · `X stated that … "`: the nearest speech
    /// verb before the quote, and its subject from the start of the clause.
    static func speakerBefore(_ before: ArraySlice<Token>, bytes: [UInt8], tokens: [Token]) -> (Range<Int>, String, Cue.Position)? {
        guard
            let v = before.indices.last(where: {
                isSpeechVerb($0, tokens, bytes)
                    || (introducingVerbs.contains(tokens[$0].normalized) && isVerbCase($0, tokens, bytes)
                        // "read" and "put" introduce only a quote close after them ("the sign read,", "as he put it,").
                        && (!["read", "reads", "put", "puts"].contains(tokens[$0].normalized) || $0 >= before.endIndex - 3
                            || ($0 + 1 < before.endIndex && tokens[$0 + 1].normalized == "it")))
            })
        else { return nil }
        if v > before.startIndex, let agent = passiveAgent(verb: v, limit: before.endIndex, bytes: bytes, tokens: tokens) {
            return (agent, text(bytes, tokens[v].start..<tokens[v].end), .before)
        }
        // '"It's not new," said Rep. Bobby Scott, adding that "…"': a verb straight after a quotation
        // has its speaker after it; the quoted words before are no subject.
        if v + 1 < before.endIndex, tokens[v + 1].isCapitalized, verbs.contains(tokens[v].normalized),
            !listenerVerbs.contains(tokens[v].normalized),
            v == before.startIndex
                || (hardBreakBetween(bytes, tokens[v - 1].end, tokens[v].start)
                    && bytes[tokens[v - 1].end..<tokens[v].start].contains(where: { $0 == 0x22 || $0 == 0x9D }))
        {
            return (v + 1..<before.endIndex, text(bytes, tokens[v].start..<tokens[v].end), .after)
        }
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
            if hardBreakBetween(bytes, tokens[previous].end, tokens[subjectStart].start) {
                // A short quoted title inside an apposition ('Sam Solovey, a contestant on Trump's show,
                // "The Apprentice," who went on to work for him, said') is part of the subject.
                guard let opening = shortQuoteOpening(endingAt: previous, from: before.startIndex, bytes: bytes, tokens: tokens),
                    opening > before.startIndex
                else { break }
                subjectStart = opening - 1
                continue
            }
            subjectStart -= 1
        }
        // 'an endorsement from Mike Lee, who declared "…"': a relative pronoun with nothing else before
        // the verb speaks for the name it follows.
        if subjectStart + 1 == subjectEnd, subjectStart > before.startIndex, ["who", "whom"].contains(tokens[subjectStart].normalized) {
            var start = subjectStart - 1
            while start > before.startIndex, !Lexicon.isBreak(bytes, tokens: tokens, after: start - 1) { start -= 1 }
            if tokens[subjectStart - 1].isCapitalized {
                return (start..<subjectStart, text(bytes, tokens[v].start..<tokens[v].end), .before)
            }
        }
        if clauseOpeners.contains(tokens[subjectStart].normalized) || relativeWords.contains(tokens[subjectStart].normalized) {
            subjectStart += 1
        }
        // 'In other words, explained CBS moderator Nancy Cordes: "…"': the speaker after the verb.
        let afterVerb = (v + 1)..<before.endIndex
        // "As Michael Dell said last week": an "as" clause has a subject of its own.
        func introduces(_ k: Int) -> Bool { SpeakerResolver.introWords.contains(tokens[k].normalized) && !opensAsClause(k, tokens) }
        let subjectIsIntroduction =
            (subjectStart..<subjectEnd).allSatisfy { k in
                k == subjectStart || !Lexicon.isBreak(bytes, tokens: tokens, after: k - 1) || introduces(k)
            } && (subjectStart >= subjectEnd || introduces(subjectStart))
        // The speaker's name ends the words before the quote, after a colon or comma: not 'now said
        // Trump had "…"', where Trump is what was said.
        if !afterVerb.isEmpty, afterVerb.count <= 8, tokens[v + 1].normalized != "that",
            SpeakerResolver.isModifier(tokens[v + 1]), !NameIndex.months.contains(tokens[v + 1].normalized),
            afterVerb.contains(where: { tokens[$0].isCapitalized }), subjectIsIntroduction,
            !(v + 1..<before.endIndex - 1).contains(where: { Lexicon.isBreak(bytes, tokens: tokens, after: $0) }),
            punctuationAfter(bytes, tokens[before.endIndex - 1].end, in: [0x3A, 0x2C])
        {
            return (afterVerb, text(bytes, tokens[v].start..<tokens[v].end), .after)
        }
        // 'Trump defended "New York values," saying …', 'Fiorina backed Sen. Ted Cruz on Wednesday,
        // saying …': a participle after a comma has the subject of the clause it hangs on, which opens
        // the sentence; the words just before it are an object. When that clause has a speech verb of
        // its own ('…, Spicer said, adding'), its subject is the participle's (quotes-train: 18 speakers
        // right, 1 lost).
        if tokens[v].normalized.hasSuffix("ing"), v > before.startIndex,
            bytes[tokens[v - 1].end..<tokens[v].start].contains(0x2C)
        {
            let earlier = before[before.startIndex..<v]
            if earlier.contains(where: { verbs.contains($0.normalized) || introducingVerbs.contains($0.normalized) }),
                var previous = speakerBefore(earlier, bytes: bytes, tokens: tokens)
            {
                previous.1 = text(bytes, tokens[v].start..<tokens[v].end)
                return previous
            }
            if let opening = clauseOpening(earlier, bytes: bytes, tokens: tokens) {
                return (opening, text(bytes, tokens[v].start..<tokens[v].end), .opening)
            }
        }
        // 'Sen. Paul said …, and called him "…"': a second verb with no subject of its own speaks
        // through the clause before.
        // With no speech verb before it ('Carson did not mention them by name, but told his supporters
        // "…"', 'Massie used to support Paul, but now said …'), the verb shares the subject that opens the
        // sentence.
        if subjectStart >= subjectEnd || subjectIsIntroduction {
            let earlier = before[before.startIndex..<max(before.startIndex, subjectStart - 1)]
            guard !earlier.isEmpty else { return nil }
            if var previous = speakerBefore(earlier, bytes: bytes, tokens: tokens) {
                previous.1 = text(bytes, tokens[v].start..<tokens[v].end)
                return previous
            }
            guard let opening = clauseOpening(earlier, bytes: bytes, tokens: tokens) else { return nil }
            return (opening, text(bytes, tokens[v].start..<tokens[v].end), .opening)
        }
        return (subjectStart..<subjectEnd, text(bytes, tokens[v].start..<tokens[v].end), .before)
    }
}
