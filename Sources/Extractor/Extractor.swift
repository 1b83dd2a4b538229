import Foundation

/// Turns an article (title and text) into the actors, topics, quotes and co-mentions it holds.
///
/// Built once per watchlist (the phrase automaton and compiled queries are read-only afterwards), then
/// used from any number of threads at once. Knows nothing of HTTP or storage.
public final class Extractor: Sendable {
    public let watchlist: Watchlist
    private let actors: ActorMatcher
    private let queries: [TopicQuery]

    /// Throws `WatchlistErrors` for an invalid watchlist, every problem with its JSON path.
    public init(watchlist: Watchlist) throws {
        let problems = watchlist.validate()
        if !problems.isEmpty { throw WatchlistErrors(errors: problems) }
        self.watchlist = watchlist
        actors = ActorMatcher(actors: watchlist.actors)
        queries = try watchlist.topics.map { try TopicQuery.parse($0.query) }
    }

    /// Phrases the automaton holds (names, aliases, titles, demonyms …) and its states.
    public var phraseCount: Int { actors.automaton.phraseLengths.count }
    public var stateCount: Int { actors.automaton.stateCount }

    /// Matching alone (tokenise, normalise, scan, resolve overlaps): how many actor mentions `text` holds.
    /// The cheap first step, for quick filters and for measuring the matcher.
    public func countActorMentions(in text: String) -> Int {
        actors.hits(in: text).count
    }

    /// Mentions kept per actor and article, with form and snippet; the count covers them all. An
    /// article naming someone 300,000 times (a hostile feed) must not cost 300,000 stored rows.
    public static let maxMentionsKept = 100

    public func extract(title: String? = nil, text: String) -> ExtractionResult {
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
            let made = sentence >= 0 && sentence < sentences.count
                ? Self.clip(textBytes[sentences[sentence].start..<sentences[sentence].end])
                : Self.clip(titleBytes[...])
            snippets[sentence] = made
            return made
        }

        // Actors
        var mentionsByActor: [Int: [Mention]] = [:]
        // Body mentions in text order, for finding a quote's speaker by binary search.
        var mentionOrder: [(offset: Int, end: Int, actor: Int)] = []
        for hit in actors.hits(in: titleTokens) {
            let start = titleTokens[hit.first].start, end = titleTokens[hit.last].end
            mentionsByActor[hit.actor, default: []].append(Mention(
                form: String(decoding: titleBytes[start..<end], as: UTF8.self), kind: hit.kind, sentence: -1,
                start: start, end: end, snippet: snippet(-1)))
        }
        var actorsBySentence: [Int: Set<Int>] = [:]
        var bodyCounts: [Int: Int] = [:]
        for hit in actors.hits(in: tokens) {
            let start = tokens[hit.first].start, end = tokens[hit.last].end
            let sentence = sentenceIndex(of: start)
            mentionOrder.append((start, end, hit.actor))
            actorsBySentence[sentence, default: []].insert(hit.actor)
            bodyCounts[hit.actor, default: 0] += 1
            // Every mention counts; the first `maxMentionsKept` per actor are kept with their snippets.
            guard bodyCounts[hit.actor]! <= Self.maxMentionsKept else { continue }
            mentionsByActor[hit.actor, default: []].append(Mention(
                form: String(decoding: textBytes[start..<end], as: UTF8.self), kind: hit.kind, sentence: sentence,
                start: start, end: end, snippet: snippet(sentence)))
        }
        mentionOrder.sort { ($0.offset, $0.end) < ($1.offset, $1.end) }
        let actorMatches = mentionsByActor.keys.sorted().map { index -> ActorMatch in
            let actor = watchlist.actors[index]
            let mentions = mentionsByActor[index]!
            let titleMentions = mentions.count { $0.sentence == -1 }
            return ActorMatch(id: actor.id, name: actor.name, count: titleMentions + (bodyCounts[index] ?? 0),
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
                sentenceWindows.append((titleCount(titleTokens) + cursor)..<(titleCount(titleTokens) + end))
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
                    matched = Array(Set(document.hits.map { hit in
                        hit.lowerBound < titleTokens.count ? -1 : sentenceIndex(of: tokens[hit.lowerBound - titleTokens.count].start)
                    })).sorted()
                }
                topicMatches.append(TopicMatch(id: topic.id, name: topic.name, sentences: matched, snippets: matched.map(snippet)))
            }
        }

        // Quotes
        let persons = PersonMentions(indexes: mentionOrder.indices.filter { watchlist.actors[mentionOrder[$0].actor].type == .person },
                                     offsets: mentionOrder.map(\.offset))
        let quotes = QuoteFinder.find(in: text, tokens: tokens, sentences: sentences).map { found -> Quote in
            var speaker: Speaker?
            if let range = found.speakerRange {
                let words = String(decoding: textBytes[range], as: UTF8.self)
                if found.pronoun {
                    // The person named last before the quote.
                    let person = persons.last(before: found.start).map { mentionOrder[$0] }
                    speaker = Speaker(actor: person.map { watchlist.actors[$0.actor].id }, text: words)
                } else {
                    // The first mention inside the words that introduce the quote.
                    let first = mentionOrder.firstIndex(atOrAfter: range.lowerBound)
                    let named = first.map { mentionOrder[$0] }.flatMap { $0.end <= range.upperBound ? $0 : nil }
                    speaker = Speaker(actor: named.map { watchlist.actors[$0.actor].id }, text: words)
                }
            }
            return Quote(text: found.text, speaker: speaker, verb: found.verb, sentence: sentenceIndex(of: found.start))
        }

        return ExtractionResult(text: text, actors: actorMatches, topics: topicMatches, quotes: quotes, coMentions: coMentions)
    }

    private func titleCount(_ titleTokens: [Token]) -> Int { titleTokens.count }

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

/// The person mentions of an article, by position in the body: which one comes last before an offset.
private struct PersonMentions {
    /// Indexes into the body mentions of those naming a person, in text order.
    let indexes: [Int]
    let offsets: [Int]

    func last(before offset: Int) -> Int? {
        let index = partitionPoint(indexes.count) { offsets[indexes[$0]] < offset }
        return index == 0 ? nil : indexes[index - 1]
    }
}

extension Array where Element == (offset: Int, end: Int, actor: Int) {
    /// The first mention starting at or after `offset` (mentions are in text order).
    fileprivate func firstIndex(atOrAfter offset: Int) -> Int? {
        let index = partitionPoint(count) { self[$0].offset < offset }
        return index < count ? index : nil
    }
}
