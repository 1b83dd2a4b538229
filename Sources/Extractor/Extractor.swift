import Foundation

/// Turns an article (title and text) into the actors, topics, quotes and co-mentions it holds.
///
/// Built once per watchlist (the phrase automaton and compiled queries are read-only afterwards), then
/// used from any number of threads at once. Knows nothing of HTTP or storage.
public final class Extractor: Sendable {
    public let watchlist: Watchlist
    private let actors: ActorMatcher
    private let mentionFilter: MentionFilter
    private let queries: [TopicQuery]
    /// Each watched person's given name (normalised), to tell "Ilona Orbán" from Viktor Orbán.
    private let givenNames: [String?]
    /// The gender a watchlist gives a person, by actor index.
    private let actorGenders: [Int: GivenNames.Gender]
    private let actorIDs: [String]
    /// The actors a quote may be credited to: not countries or places (built once, not per article).
    private let speakingActors: Set<String>

    /// Throws `WatchlistErrors` for an invalid watchlist, every problem with its JSON path.
    public init(watchlist: Watchlist) throws {
        let problems = watchlist.validate()
        if !problems.isEmpty { throw WatchlistErrors(errors: problems) }
        self.watchlist = watchlist
        actors = ActorMatcher(actors: watchlist.actors)
        mentionFilter = MentionFilter(actors: watchlist.actors, surnameOwners: actors.surnameOwners, personNames: actors.personNames)
        queries = try watchlist.topics.map { try TopicQuery.parse($0.query) }
        givenNames = watchlist.actors.map { actor in
            let words = Normalization.tokens(of: actor.name)
            return actor.type == .person && words.count >= 2 ? words[0] : nil
        }
        var genders: [Int: GivenNames.Gender] = [:]
        for (i, actor) in watchlist.actors.enumerated() {
            switch actor.gender {
            case .female?: genders[i] = .female
            case .male?: genders[i] = .male
            default: break
            }
        }
        actorGenders = genders
        actorIDs = watchlist.actors.map(\.id)
        speakingActors = Set(watchlist.actors.filter { $0.type != .country && $0.type != .place }.map(\.id))
    }

    /// States of the automaton that holds every phrase (names, aliases, titles, demonyms …): its size.
    public var stateCount: Int { actors.automaton.stateCount }

    /// Matching alone (tokenise, normalise, scan, resolve overlaps): how many actor mentions `text` holds.
    /// The cheap first step, for quick filters and for measuring the matcher.
    public func countActorMentions(in text: String) -> Int {
        actors.hits(in: text).count
    }

    /// Mentions kept per actor and article, with form and snippet; the count covers them all. An
    /// article naming someone 300,000 times (a hostile feed) must not cost 300,000 stored rows.
    public static let maxMentionsKept = 100

    /// - Parameters:
    ///   - language: the item's language as its feed declares it (`xml:lang`), a hint for the
    ///     matcher's own guess from the words.
    ///   - explain: also report the candidate mentions refused and why (`ExtractionResult.refused`).
    public func extract(title: String? = nil, text: String, language: String? = nil, explain: Bool = false) -> ExtractionResult {
        var tokenizer = Tokenizer()
        let title = title ?? ""
        let titleTokens = tokenizer.tokens(title)
        let tokens = tokenizer.tokens(text)
        let sentences = SentenceSplitter.split(text)
        let textBytes = Array(text.utf8)
        let titleBytes = Array(title.utf8)

        func sentenceIndex(of offset: Int) -> Int {
            max(0, min(partitionPoint(sentences.count) { sentences[$0].end <= offset }, sentences.count - 1))
        }
        // One snippet per sentence, however many mentions it holds, and each built from a bounded
        // prefix: a 2 MB "sentence" naming someone 300,000 times must not cost 300,000 copies of it.
        var snippets: [Int: String] = [:]
        func snippet(_ sentence: Int) -> String {
            if let known = snippets[sentence] { return known }
            let made =
                sentence >= 0 && sentence < sentences.count
                ? Self.clip(textBytes[sentences[sentence].start..<sentences[sentence].end])
                : Self.clip(titleBytes[...])
            snippets[sentence] = made
            return made
        }

        // Actors
        var mentionsByActor: [Int: [Mention]] = [:]
        // Body mentions by token, for telling which names in the text are watched actors.
        var watchedTokens: [(first: Int, last: Int, actor: Int)] = []
        // Each body token's sentence, for the mention filter (sentence openers) and the quote speakers.
        let sentenceOfToken = Self.sentenceOfTokens(tokens, sentences)
        var parts = [
            MentionFilter.Part(
                tokens: titleTokens, bytes: titleBytes, hits: actors.hits(in: titleTokens),
                opensSentence: titleTokens.indices.map { $0 == 0 }),
            MentionFilter.Part(
                tokens: tokens, bytes: textBytes, hits: actors.hits(in: tokens),
                opensSentence: tokens.indices.map { $0 == 0 || sentenceOfToken[$0] != sentenceOfToken[$0 - 1] }),
        ]
        mentionFilter.apply(&parts, language: language)
        for hit in parts[0].hits {
            let start = titleTokens[hit.first].start, end = titleTokens[hit.last].end
            mentionsByActor[hit.actor, default: []].append(
                Mention(
                    form: String(decoding: titleBytes[start..<end], as: UTF8.self), kind: hit.kind, sentence: -1,
                    start: start, end: end, snippet: snippet(-1)))
        }
        var actorsBySentence: [Int: Set<Int>] = [:]
        var bodyCounts: [Int: Int] = [:]
        for hit in parts[1].hits {
            let start = tokens[hit.first].start, end = tokens[hit.last].end
            let sentence = sentenceIndex(of: start)
            watchedTokens.append((hit.first, hit.last, hit.actor))
            actorsBySentence[sentence, default: []].insert(hit.actor)
            bodyCounts[hit.actor, default: 0] += 1
            // Every mention counts; the first `maxMentionsKept` per actor are kept with their snippets.
            guard bodyCounts[hit.actor]! <= Self.maxMentionsKept else { continue }
            mentionsByActor[hit.actor, default: []].append(
                Mention(
                    form: String(decoding: textBytes[start..<end], as: UTF8.self), kind: hit.kind, sentence: sentence,
                    start: start, end: end, snippet: snippet(sentence)))
        }
        let actorMatches = mentionsByActor.keys.sorted().map { index -> ActorMatch in
            let actor = watchlist.actors[index]
            let mentions = mentionsByActor[index]!
            let titleMentions = mentions.count { $0.sentence == -1 }
            return ActorMatch(
                id: actor.id, name: actor.name, count: titleMentions + (bodyCounts[index] ?? 0),
                salience: Self.salience(mentions), mentions: mentions)
        }

        // Co-mentions: pairs of actors in one sentence.
        var pairs: [String: Int] = [:]
        for (_, present) in actorsBySentence {
            let ids = present.map { watchlist.actors[$0].id }.sorted()
            for i in 0..<ids.count { for j in (i + 1)..<ids.count { pairs[ids[i] + "\u{0}" + ids[j], default: 0] += 1 } }
        }
        let coMentions = pairs.map { key, count -> CoMention in
            let parts = key.split(separator: "\u{0}").map(String.init)
            return CoMention(a: parts[0], b: parts[1], count: count)
        }.sorted { ($0.count, $1.a, $1.b) > ($1.count, $0.a, $0.b) }

        // Topics
        var topicMatches: [TopicMatch] = []
        if !queries.isEmpty {
            let evaluator = TopicEvaluator(title: titleTokens, body: tokens)
            let all = 0..<(titleTokens.count + tokens.count)
            var sentenceWindows: [Range<Int>] = []
            var cursor = 0
            for sentence in sentences {
                while cursor < tokens.count, tokens[cursor].start < sentence.start { cursor += 1 }
                var end = cursor
                while end < tokens.count, tokens[end].end <= sentence.end { end += 1 }
                sentenceWindows.append((titleTokens.count + cursor)..<(titleTokens.count + end))
                cursor = end
            }
            let titleWindow = 0..<titleTokens.count
            // A window (the title, a sentence) matches when the rule holds there with words of its own.
            func holds(_ query: TopicQuery, in window: Range<Int>) -> Bool {
                let outcome = evaluator.evaluate(query, in: window)
                return outcome.matched && outcome.hits.contains { window.contains($0.lowerBound) }
            }
            for (topic, query) in zip(watchlist.topics, queries) {
                let document = evaluator.evaluate(query, in: all)
                guard document.matched else { continue }
                var matched = sentenceWindows.indices.filter { holds(query, in: sentenceWindows[$0]) }
                if !titleWindow.isEmpty, holds(query, in: titleWindow) { matched.insert(-1, at: 0) }
                if matched.isEmpty {
                    // The rule holds across sentences: report where its words are.
                    matched = Array(
                        Set(
                            document.hits.map { hit in
                                hit.lowerBound < titleTokens.count
                                    ? -1 : sentenceIndex(of: tokens[hit.lowerBound - titleTokens.count].start)
                            })
                    ).sorted()
                }
                topicMatches.append(TopicMatch(id: topic.id, name: topic.name, sentences: matched, snippets: matched.map(snippet)))
            }
        }

        // A quote is credited to a watched actor only if the item mentions that actor, and never to a
        // country or place ("the Kremlin said" is someone speaking for it, not a speaker to credit).
        let accepted = Set(actorMatches.filter { speakingActors.contains($0.id) }.map(\.id))
        let quotes = findQuotes(
            bytes: textBytes, tokens: tokens, sentences: sentences, sentenceOfToken: sentenceOfToken,
            watched: watchedTokens
        )
        .map { found, speaker in
            var speaker = speaker
            if let actor = speaker?.actor, !accepted.contains(actor) { speaker?.actor = nil }
            return Quote(text: found.text, speaker: speaker, verb: found.verb, sentence: sentenceIndex(of: found.start))
        }

        var result = ExtractionResult(text: text, actors: actorMatches, topics: topicMatches, quotes: quotes, coMentions: coMentions)
        if explain {
            result.refused = parts.enumerated().flatMap { p, part in
                part.refused.map { refusal in
                    let bytes = p == 0 ? titleBytes : textBytes
                    let start = part.tokens[refusal.first].start, end = part.tokens[refusal.last].end
                    return RefusedMention(
                        actor: watchlist.actors[refusal.hit.actor].id, form: String(decoding: bytes[start..<end], as: UTF8.self),
                        sentence: p == 0 ? -1 : sentenceIndex(of: start), reason: refusal.reason.text)
                }
            }
        }
        return result
    }

    /// The sentence each token is in (the last one for tokens after it).
    static func sentenceOfTokens(_ tokens: [Token], _ sentences: [Sentence]) -> [Int32] {
        var result = [Int32](repeating: 0, count: tokens.count)
        var sentence = 0
        for (k, token) in tokens.enumerated() {
            while sentence + 1 < sentences.count, sentences[sentence].end <= token.start { sentence += 1 }
            result[k] = Int32(sentence)
        }
        return result
    }

    /// 0.4 for a mention in the title, 0.3 for one in the first two sentences, and up to 0.3 for the
    /// number of mentions (five or more give it all).
    static func salience(_ mentions: [Mention]) -> Double {
        var score = 0.0
        if mentions.contains(where: { $0.sentence == -1 }) { score += 0.4 }
        if mentions.contains(where: { $0.sentence == 0 || $0.sentence == 1 }) { score += 0.3 }
        score += 0.3 * min(1, Double(mentions.count) / 5)
        return (score * 1000).rounded() / 1000
    }

    static func clip(_ sentence: String, limit: Int = 280) -> String {
        clip(Array(sentence.utf8)[...], limit: limit)
    }

    /// At most `limit` characters of the UTF-8 `bytes`, with "…" when cut; decodes only a bounded
    /// prefix, so the cost does not grow with the sentence.
    static func clip(_ bytes: ArraySlice<UInt8>, limit: Int = 280) -> String {
        let budget = limit * 8
        var end = bytes.count > budget ? bytes.startIndex + budget : bytes.endIndex
        if end < bytes.endIndex {
            while end > bytes.startIndex, bytes[end] & 0xC0 == 0x80 { end -= 1 }  // not inside a character
        }
        let text = String(decoding: bytes[bytes.startIndex..<end], as: UTF8.self)
        guard end < bytes.endIndex || text.count > limit else { return text }
        return String(text.prefix(limit - 1)) + "…"
    }
}

extension Extractor {
    /// The quotations of the body and who said them. The names of the article are indexed only when
    /// it has a quotation: most feed items have none.
    func findQuotes(
        bytes: [UInt8], tokens: [Token], sentences: [Sentence], sentenceOfToken: [Int32],
        watched: [(first: Int, last: Int, actor: Int)]
    ) -> [(QuoteFinder.Found, Speaker?)] {
        let spans = QuoteFinder.quoteSpans(bytes)
        let lineBreaks = bytes.indices.filter { bytes[$0] == 0x0A }
        let found = QuoteFinder.find(in: bytes, spans: spans, tokens: tokens, sentences: sentences, lineBreaks: lineBreaks)
        guard found.contains(where: { !$0.isShort }) else { return [] }
        var insideQuote = [Bool](repeating: false, count: tokens.count)
        var span = 0
        for (k, token) in tokens.enumerated() {
            while span < spans.count, spans[span].innerEnd <= token.start { span += 1 }
            insideQuote[k] = span < spans.count && spans[span].innerStart <= token.start
        }
        let actors = watchlist.actors
        let watchedNames = watched.sorted { $0.first < $1.first }.map { hit in
            (
                first: hit.first, last: hit.last, actor: hit.actor, isPerson: actors[hit.actor].type == .person,
                givenName: actors[hit.actor].type == .person ? givenNames[hit.actor] : nil
            )
        }
        // Genders are read from the text's pronouns only when a quote is attributed to a pronoun.
        let pronounCue = found.contains { quote in
            guard let cue = quote.cue, cue.tokens.count == 1 else { return false }
            return ["he", "she"].contains(tokens[cue.tokens.lowerBound].normalized)
        }
        let names = NameIndex(
            tokens: tokens, bytes: bytes, sentenceOfToken: sentenceOfToken, insideQuote: insideQuote,
            watched: watchedNames, genders: actorGenders, learnGenders: pronounCue)
        let resolver = SpeakerResolver(
            tokens: tokens, bytes: bytes, names: names, sentenceOfToken: sentenceOfToken,
            insideQuote: insideQuote, actorIDs: actorIDs, lineBreaks: lineBreaks)
        return zip(found, resolver.resolve(found)).filter { !$0.0.isShort }
    }
}
