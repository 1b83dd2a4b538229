import Foundation

/// What a daily digest reads from the store: the items first seen in a window, what was found in them,
/// and the alerts raised in it. Texts are not read here (`itemTexts`): the digest needs one sentence
/// of a few items per story, and a day of 50,000 items' texts would not fit its memory budget.
public struct DigestRows: Sendable {
    public struct Item: Sendable {
        public var id: Int64
        public var title: String
        public var link: String?
        public var feedID: Int64
        public var feed: String
        public var published: Date?
        public var firstSeen: Date
        /// nil: the item is a story of its own (stories are looked for where a watched actor or topic appears).
        public var story: Int64?
    }
    /// An actor in an item: its salience and the sentence of its first mention.
    public struct ActorRow: Sendable {
        public var item: Int64
        public var actor: String
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
        public var verb: String?
    }
    /// An alert raised in the window (a throttled rule's summary aside: the alerts it sums up are here).
    public struct AlertRow: Sendable {
        public var rule: String
        public var kind: String
        public var item: Int64?
    }
    public var items: [Item] = []
    /// Items first seen in the window but published longer than `maxAge` before that: old news, left out.
    public var olderItems = 0
    public var actors: [ActorRow] = []
    public var topics: [TopicRow] = []
    public var quotes: [QuoteRow] = []
    public var alerts: [AlertRow] = []
}

extension SQLStore {
    /// The SQL condition "not old news": published no longer than `maxAge` before first seen.
    private func freshness(_ maxAge: TimeInterval?) -> String {
        maxAge.map { "(i.published IS NULL OR i.published >= i.first_seen - \($0))" } ?? "TRUE"
    }

    public func digestRows(from start: Date, to end: Date, maxAge: TimeInterval?) throws -> DigestRows {
        var rows = DigestRows()
        let window = [start.timeIntervalSince1970, end.timeIntervalSince1970]
        rows.olderItems =
            try sql.rows(
                "SELECT COUNT(*) AS n FROM items i WHERE i.first_seen >= ? AND i.first_seen < ? AND NOT \(freshness(maxAge))", window
            ).first?.int("n") ?? 0
        let fresh = "i.first_seen >= \(window[0]) AND i.first_seen < \(window[1]) AND \(freshness(maxAge))"
        try sql.each(
            """
            SELECT i.id, i.title, i.link, i.published, i.first_seen, i.story_id, i.feed_id, COALESCE(f.name, f.config_url) AS feed
            FROM items i JOIN feeds f ON f.id = i.feed_id WHERE \(fresh) ORDER BY i.first_seen, i.id
            """, []
        ) { row in
            rows.items.append(
                DigestRows.Item(
                    id: row.int64("id") ?? 0, title: row.string("title") ?? "(untitled)", link: row.string("link"),
                    feedID: row.int64("feed_id") ?? 0, feed: row.string("feed") ?? "", published: row.date("published"),
                    firstSeen: row.date("first_seen") ?? start, story: row.int64("story_id")))
        }
        let inWindow = "SELECT i.id FROM items i WHERE \(fresh)"
        try sql.each(
            """
            SELECT a.item_id, a.actor_id, a.salience,
                   (SELECT MIN(m.sentence) FROM mentions m WHERE m.item_id = a.item_id AND m.actor_id = a.actor_id AND m.sentence >= 0) AS sentence
            FROM item_actors a WHERE a.item_id IN (\(inWindow))
            """, []
        ) {
            rows.actors.append(
                DigestRows.ActorRow(
                    item: $0.int64("item_id") ?? 0, actor: $0.string("actor_id") ?? "", salience: $0.double("salience") ?? 0,
                    sentence: $0.int("sentence") ?? -1))
        }
        try sql.each("SELECT item_id, topic_id, sentences FROM item_topics WHERE item_id IN (\(inWindow))", []) {
            rows.topics.append(
                DigestRows.TopicRow(
                    item: $0.int64("item_id") ?? 0, topic: $0.string("topic_id") ?? "",
                    sentences: ($0.string("sentences") ?? "").split(separator: ",").compactMap { Int($0) }))
        }
        try sql.each(
            "SELECT item_id, text, speaker_actor, speaker_text, verb FROM quotes WHERE item_id IN (\(inWindow)) ORDER BY item_id, sentence",
            []
        ) {
            rows.quotes.append(
                DigestRows.QuoteRow(
                    item: $0.int64("item_id") ?? 0, text: $0.string("text") ?? "", speakerActor: $0.string("speaker_actor"),
                    speakerText: $0.string("speaker_text"), verb: $0.string("verb")))
        }
        try sql.each(
            "SELECT rule_id, kind, item_id FROM alerts WHERE created >= ? AND created < ? AND kind != 'group' ORDER BY created, id", window
        ) {
            rows.alerts.append(
                DigestRows.AlertRow(
                    rule: $0.string("rule_id") ?? "", kind: $0.string("kind") ?? "", item: $0.int64("item_id")))
        }
        return rows
    }

    /// The texts of some items, by id.
    public func itemTexts(_ ids: [Int64]) throws -> [Int64: String] {
        var texts: [Int64: String] = [:]
        for chunk in stride(from: 0, to: ids.count, by: 500) {
            let part = ids[chunk..<min(ids.count, chunk + 500)]
            let list = part.map(String.init).joined(separator: ",")
            try sql.each("SELECT id, text FROM items WHERE id IN (\(list))", []) { row in
                texts[row.int64("id") ?? 0] = row.string("text") ?? ""
            }
        }
        return texts
    }

    /// Stories per actor and per topic among the items first seen in the window (old news left out):
    /// items of one story count once, an item without a story counts as one.
    public func dailyCounts(from start: Date, to end: Date, maxAge: TimeInterval?) throws -> DailyCounts {
        let window = [start.timeIntervalSince1970, end.timeIntervalSince1970]
        var actors: [String: Int] = [:], topics: [String: Int] = [:]
        for row in try sql.rows(
            """
            SELECT a.actor_id AS id, COUNT(DISTINCT COALESCE(i.story_id, -i.id)) AS n FROM item_actors a JOIN items i ON i.id = a.item_id
            WHERE i.first_seen >= ? AND i.first_seen < ? AND \(freshness(maxAge)) GROUP BY a.actor_id
            """, window)
        { actors[row.string("id") ?? ""] = row.int("n") ?? 0 }
        for row in try sql.rows(
            """
            SELECT t.topic_id AS id, COUNT(DISTINCT COALESCE(i.story_id, -i.id)) AS n FROM item_topics t JOIN items i ON i.id = t.item_id
            WHERE i.first_seen >= ? AND i.first_seen < ? AND \(freshness(maxAge)) GROUP BY t.topic_id
            """, window)
        { topics[row.string("id") ?? ""] = row.int("n") ?? 0 }
        return DailyCounts(actors: actors, topics: topics)
    }

    /// When the first item was seen, if any.
    public func firstItemSeen() throws -> Date? {
        try sql.rows("SELECT MIN(first_seen) AS t FROM items").first?.date("t")
    }

    public func digestMailsDue(day: String, sinks: [String], at now: Date) throws -> [String] {
        let query = "SELECT sent, next_attempt FROM digest_mails WHERE day = ? AND sink_id = ?"
        return try sinks.filter { sink in
            guard let row = try sql.rows(query, [day, sink]).first else { return true }
            return row.double("sent") == nil && (row.double("next_attempt") ?? 0) <= now.timeIntervalSince1970
        }
    }

    public func recordDigestMail(day: String, sink: String, error: String?, retryAt: Date?, at now: Date) throws {
        try sql.run(
            """
            INSERT INTO digest_mails (day, sink_id, sent, attempts, next_attempt, last_error) VALUES (?, ?, ?, 1, ?, ?)
            ON CONFLICT (day, sink_id) DO UPDATE SET sent = excluded.sent, attempts = digest_mails.attempts + 1,
                next_attempt = excluded.next_attempt, last_error = excluded.last_error
            """,
            [
                day, sink, error == nil ? now.timeIntervalSince1970 : nil, (retryAt ?? now).timeIntervalSince1970, error,
            ])
    }

    public func digestsWritten(_ days: [String]) throws -> Set<String> {
        Set(try days.filter { try !sql.rows("SELECT 1 AS found FROM digests_written WHERE day = ?", [$0]).isEmpty })
    }

    public func recordDigestWritten(day: String, at now: Date) throws {
        try sql.run(
            """
            INSERT INTO digests_written (day, instance, written) VALUES (?, ?, ?)
            ON CONFLICT (day) DO UPDATE SET instance = excluded.instance, written = excluded.written
            """, [day, instance, now.timeIntervalSince1970])
    }
}
