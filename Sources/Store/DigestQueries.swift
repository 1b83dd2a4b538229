import Foundation

/// What a daily digest reads from the store: the items first seen in a window and what was found in them.
public struct DigestRows: Sendable {
    public struct Item: Sendable {
        public var id: Int64
        public var title: String
        public var link: String?
        public var feed: String
        public var text: String
        public var firstSeen: Date
    }
    /// An actor in an item: its mentions, salience, and the sentence of its first mention.
    public struct ActorRow: Sendable {
        public var item: Int64
        public var actor: String
        public var count: Int
        public var salience: Double
        public var sentence: Int
    }
    public struct TopicRow: Sendable {
        public var item: Int64
        public var topic: String
        public var sentences: [Int]
    }
    public struct QuoteRow: Sendable {
        public var item: Int64
        public var text: String
        public var speakerActor: String?
        public var speakerText: String?
    }
    public struct CoMentionRow: Sendable {
        public var item: Int64
        public var a: String
        public var b: String
        public var count: Int
    }
    public var items: [Item] = []
    public var actors: [ActorRow] = []
    public var topics: [TopicRow] = []
    public var quotes: [QuoteRow] = []
    public var coMentions: [CoMentionRow] = []
}

extension SQLiteStore {
    public func digestRows(from start: Date, to end: Date) throws -> DigestRows {
        var rows = DigestRows()
        let window = [start.timeIntervalSince1970, end.timeIntervalSince1970]
        rows.items = try db.prepare(
            """
            SELECT i.id, i.title, i.link, i.text, i.first_seen, COALESCE(f.name, f.config_url) AS feed
            FROM items i JOIN feeds f ON f.id = i.feed_id WHERE i.first_seen >= ? AND i.first_seen < ? ORDER BY i.first_seen
            """
        ).rows(window).map { row in
            DigestRows.Item(
                id: Int64(row.int("id") ?? 0), title: row.string("title") ?? "(untitled)", link: row.string("link"),
                feed: row.string("feed") ?? "", text: row.string("text") ?? "",
                firstSeen: row.date("first_seen") ?? start)
        }
        let inWindow = "SELECT id FROM items WHERE first_seen >= \(window[0]) AND first_seen < \(window[1])"
        rows.actors = try db.prepare(
            """
            SELECT a.item_id, a.actor_id, a.count, a.salience,
                   (SELECT MIN(m.sentence) FROM mentions m WHERE m.item_id = a.item_id AND m.actor_id = a.actor_id AND m.sentence >= 0) AS sentence
            FROM item_actors a WHERE a.item_id IN (\(inWindow))
            """
        ).rows().map {
            DigestRows.ActorRow(
                item: Int64($0.int("item_id") ?? 0), actor: $0.string("actor_id") ?? "",
                count: $0.int("count") ?? 0, salience: $0.double("salience") ?? 0,
                sentence: $0.int("sentence") ?? -1)
        }
        rows.topics = try db.prepare("SELECT item_id, topic_id, sentences FROM item_topics WHERE item_id IN (\(inWindow))").rows().map {
            DigestRows.TopicRow(
                item: Int64($0.int("item_id") ?? 0), topic: $0.string("topic_id") ?? "",
                sentences: ($0.string("sentences") ?? "").split(separator: ",").compactMap { Int($0) })
        }
        rows.quotes = try db.prepare("SELECT item_id, text, speaker_actor, speaker_text FROM quotes WHERE item_id IN (\(inWindow))").rows()
            .map {
                DigestRows.QuoteRow(
                    item: Int64($0.int("item_id") ?? 0), text: $0.string("text") ?? "",
                    speakerActor: $0.string("speaker_actor"), speakerText: $0.string("speaker_text"))
            }
        rows.coMentions = try db.prepare("SELECT item_id, a, b, count FROM comentions WHERE item_id IN (\(inWindow))").rows().map {
            DigestRows.CoMentionRow(
                item: Int64($0.int("item_id") ?? 0), a: $0.string("a") ?? "", b: $0.string("b") ?? "",
                count: $0.int("count") ?? 0)
        }
        return rows
    }

    /// Items per actor and per topic first seen in the window.
    public func dailyCounts(from start: Date, to end: Date) throws -> DailyCounts {
        let window = [start.timeIntervalSince1970, end.timeIntervalSince1970]
        var actors: [String: Int] = [:], topics: [String: Int] = [:]
        for row in try db.prepare(
            """
            SELECT a.actor_id, COUNT(DISTINCT a.item_id) AS n FROM item_actors a JOIN items i ON i.id = a.item_id
            WHERE i.first_seen >= ? AND i.first_seen < ? GROUP BY a.actor_id
            """
        ).rows(window) { actors[row.string("actor_id") ?? ""] = row.int("n") ?? 0 }
        for row in try db.prepare(
            """
            SELECT t.topic_id, COUNT(DISTINCT t.item_id) AS n FROM item_topics t JOIN items i ON i.id = t.item_id
            WHERE i.first_seen >= ? AND i.first_seen < ? GROUP BY t.topic_id
            """
        ).rows(window) { topics[row.string("topic_id") ?? ""] = row.int("n") ?? 0 }
        return DailyCounts(actors: actors, topics: topics)
    }

    /// When the first item was seen, if any.
    public func firstItemSeen() throws -> Date? {
        try db.prepare("SELECT MIN(first_seen) AS t FROM items").rows().first?.date("t")
    }
}
