import Config
import Extractor
import FeedCore
import Foundation
import Store

/// The day's story per actor and topic: what a digest file holds (and, as is, its JSON form).
public struct Digest: Codable, Sendable, Equatable {
    public struct Article: Codable, Sendable, Equatable {
        public var title: String
        public var feed: String
        public var link: String?
        public var snippet: String
    }

    public struct QuoteLine: Codable, Sendable, Equatable {
        public var text: String
        public var speaker: String
    }

    public struct Related: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
        public var count: Int
    }

    public struct Entry: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
        public var count: Int
        /// Items per day over the previous seven days.
        public var average7: Double
        public var change: Double
        /// At least twice the 7-day average, and at least three items.
        public var spike: Bool
        /// Items per day over the last 14 days, oldest first, this day last.
        public var history: [Int]
        public var articles: [Article]
        public var quotes: [QuoteLine]
        public var related: [Related]
    }

    public var date: String
    public var timezone: String
    public var items: Int
    public var actors: [Entry]
    public var topics: [Entry]
}

/// Builds and writes daily digests from the store.
public struct DigestWriter: Sendable {
    public let configuration: Configuration
    public let store: any FeedStore

    public init(configuration: Configuration, store: any FeedStore) {
        self.configuration = configuration
        self.store = store
    }

    var timeZone: TimeZone { TimeZone(identifier: configuration.digest.timezone) ?? .gmt }

    var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    /// The local day `date` ("YYYY-MM-DD") as an instant range.
    func window(_ date: String) -> (Date, Date)? {
        let parts = date.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, let start = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])),
            let end = calendar.date(byAdding: .day, value: 1, to: start)
        else { return nil }
        return (start, end)
    }

    func dayString(_ date: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }

    /// The digest of one local day.
    public func build(date: String) async throws -> Digest {
        guard let (start, end) = window(date) else { throw DigestError.badDate(date) }
        let rows = try await store.digestRows(from: start, to: end)
        var history: [[String: Int]] = [], topicHistory: [[String: Int]] = []
        for back in (1...14).reversed() {
            let dayStart = calendar.date(byAdding: .day, value: -back, to: start)!
            let dayEnd = calendar.date(byAdding: .day, value: 1, to: dayStart)!
            let counts = try await store.dailyCounts(from: dayStart, to: dayEnd)
            history.append(counts.actors)
            topicHistory.append(counts.topics)
        }
        let items = Dictionary(rows.items.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var sentenceCache: [Int64: [String]] = [:]
        func sentence(_ item: Int64, _ index: Int) -> String {
            guard let text = items[item]?.text else { return "" }
            if sentenceCache[item] == nil {
                let bytes = Array(text.utf8)
                sentenceCache[item] = SentenceSplitter.split(text).map { String(decoding: bytes[$0.start..<$0.end], as: UTF8.self) }
            }
            let sentences = sentenceCache[item]!
            let chosen = index >= 0 && index < sentences.count ? sentences[index] : (sentences.first ?? "")
            return chosen.count > 280 ? String(chosen.prefix(279)) + "…" : chosen
        }
        let names = Dictionary(configuration.watchlist.actors.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let topicNames = Dictionary(configuration.watchlist.topics.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })

        func entry(id: String, name: String, itemIDs: [(Int64, Double, Int)], history: [[String: Int]]) -> Digest.Entry {
            let count = Set(itemIDs.map(\.0)).count
            let previous = history.suffix(7).map { $0[id] ?? 0 }
            let average = Double(previous.reduce(0, +)) / 7
            let ranked = itemIDs.sorted { ($0.1, items[$1.0]?.firstSeen ?? start) > ($1.1, items[$0.0]?.firstSeen ?? start) }
            var seen: Set<Int64> = []
            let articles = ranked.filter { seen.insert($0.0).inserted }.prefix(5).compactMap { item -> Digest.Article? in
                guard let row = items[item.0] else { return nil }
                return Digest.Article(title: row.title, feed: row.feed, link: row.link, snippet: sentence(item.0, item.2))
            }
            let itemSet = Set(itemIDs.map(\.0))
            let quotes = rows.quotes.filter {
                itemSet.contains($0.item) && ($0.speakerActor == id || rows.actors.isEmpty == false && names[id] == nil)
            }
            .prefix(3).map { Digest.QuoteLine(text: $0.text, speaker: $0.speakerActor.flatMap { names[$0] } ?? $0.speakerText ?? "") }
            var related: [String: Int] = [:]
            for pair in rows.coMentions where itemSet.contains(pair.item) {
                if pair.a == id { related[pair.b, default: 0] += 1 } else if pair.b == id { related[pair.a, default: 0] += 1 }
            }
            if names[id] == nil {  // a topic: the actors in its articles
                for actor in rows.actors where itemSet.contains(actor.item) { related[actor.actor, default: 0] += 1 }
            }
            return Digest.Entry(
                id: id, name: name, count: count, average7: (average * 100).rounded() / 100,
                change: Double(count) - average, spike: count >= 3 && Double(count) >= 2 * average,
                history: history.map { $0[id] ?? 0 }.suffix(13) + [count], articles: Array(articles), quotes: Array(quotes),
                related: related.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(5).map {
                    Digest.Related(id: $0.key, name: names[$0.key] ?? $0.key, count: $0.value)
                })
        }
        var byActor: [String: [(Int64, Double, Int)]] = [:]
        for row in rows.actors { byActor[row.actor, default: []].append((row.item, row.salience, row.sentence)) }
        var byTopic: [String: [(Int64, Double, Int)]] = [:]
        for row in rows.topics { byTopic[row.topic, default: []].append((row.item, 0, row.sentences.first ?? 0)) }
        let actors = byActor.map { entry(id: $0.key, name: names[$0.key] ?? $0.key, itemIDs: $0.value, history: history) }
            .sorted { ($0.count, $1.name) > ($1.count, $0.name) }
        let topics = byTopic.map { entry(id: $0.key, name: topicNames[$0.key] ?? $0.key, itemIDs: $0.value, history: topicHistory) }
            .sorted { ($0.count, $1.name) > ($1.count, $0.name) }
        return Digest(date: date, timezone: configuration.digest.timezone, items: rows.items.count, actors: actors, topics: topics)
    }

    /// Writes the day's digest in every configured format, each atomically (temporary file, then rename),
    /// so a reader or a full disk never sees half a file. Returns the paths written.
    @discardableResult
    public func write(date: String) async throws -> [String] {
        let digest = try await build(date: date)
        let folder = URL(fileURLWithPath: configuration.digest.folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var written: [String] = []
        for format in configuration.digest.formats {
            let contents: Data
            switch format {
            case .json:
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                contents = try encoder.encode(digest)
            case .md: contents = Data(DigestRendering.markdown(digest).utf8)
            case .html: contents = Data(DigestRendering.html(digest).utf8)
            }
            let target = folder.appendingPathComponent("\(date).\(format.rawValue)")
            try AtomicFile.write(contents, to: target)
            written.append(target.path)
        }
        return written
    }

    /// Days whose digest time has passed but whose files are missing (the daemon was down), oldest first,
    /// within the last `lookback` days and not before the first item was seen.
    public func missingDays(at now: Date, lookback: Int = 7) async throws -> [String] {
        guard let first = try await store.firstItemSeen() else { return [] }
        let parts = configuration.digest.time.split(separator: ":").compactMap { Int($0) }
        let today = calendar.startOfDay(for: now)
        var days: [String] = []
        for back in (1...lookback).reversed() {
            guard let day = calendar.date(byAdding: .day, value: -back, to: today),
                let due = calendar.date(byAdding: DateComponents(day: 1, hour: parts.first ?? 7, minute: parts.last ?? 0), to: day),
                due <= now, calendar.date(byAdding: .day, value: 1, to: day)! > first
            else { continue }
            let name = dayString(day)
            let exists = configuration.digest.formats.allSatisfy {
                FileManager.default.fileExists(
                    atPath: URL(fileURLWithPath: configuration.digest.folder).appendingPathComponent("\(name).\($0.rawValue)").path)
            }
            if !exists { days.append(name) }
        }
        return days
    }
}

public enum DigestError: Error, CustomStringConvertible {
    case badDate(String)

    public var description: String {
        switch self {
        case .badDate(let date): return "\"\(date)\" is not a date as YYYY-MM-DD"
        }
    }
}
