import Foundation

/// The figures `status`, `once` and the metrics show, and the daily purge (see `SQLStore`).
extension SQLStore {
    /// The database's figures; with `since`, over the items first seen since then (by the
    /// `items_first_seen` index: a cycle's summary costs what the cycle stored, not the database).
    public func counts(since: Date?) throws -> StoreCounts {
        let recent = since.map { "item_id IN (SELECT id FROM items WHERE first_seen >= \($0.timeIntervalSince1970))" }
        func filtered(_ table: String, _ what: String = "COUNT(*)") throws -> Int {
            try sql.count("SELECT \(what) AS n FROM \(table)" + (recent.map { " WHERE \($0)" } ?? ""))
        }
        return StoreCounts(
            feeds: try sql.count("SELECT COUNT(*) AS n FROM feeds WHERE active = 1"),
            items: try sql.count(
                "SELECT COUNT(*) AS n FROM items" + (since.map { " WHERE first_seen >= \($0.timeIntervalSince1970)" } ?? "")),
            itemsWithActors: try filtered("item_actors", "COUNT(DISTINCT item_id)"),
            mentions: try filtered("mentions"),
            quotes: try filtered("quotes"),
            brokenFeeds: try sql.count("SELECT COUNT(*) AS n FROM feeds WHERE active = 1 AND broken = 1"))
    }

    /// Actors and topics by the number of items mentioning them, most first.
    public func topActors(limit: Int = 10, since: Date?) throws -> [ActorTally] {
        try sql.rows(
            """
            SELECT actor_id, COUNT(*) AS items, SUM(count) AS mentions FROM item_actors
            \(since.map { "WHERE item_id IN (SELECT id FROM items WHERE first_seen >= \($0.timeIntervalSince1970))" } ?? "")
            GROUP BY actor_id ORDER BY items DESC, actor_id LIMIT ?
            """, [limit]
        ).map { ActorTally(id: $0.string("actor_id") ?? "", items: $0.int("items") ?? 0, mentions: $0.int("mentions") ?? 0) }
    }

    public func topTopics(limit: Int = 10, since: Date?) throws -> [TopicTally] {
        let recent = since.map { "WHERE item_id IN (SELECT id FROM items WHERE first_seen >= \($0.timeIntervalSince1970))" } ?? ""
        return try sql.rows(
            "SELECT topic_id, COUNT(*) AS items FROM item_topics \(recent) GROUP BY topic_id ORDER BY items DESC, topic_id LIMIT ?", [limit]
        ).map { TopicTally(id: $0.string("topic_id") ?? "", items: $0.int("items") ?? 0) }
    }

    /// Deletes items first seen before `cutoff`, with everything extracted from them.
    @discardableResult
    public func purge(before cutoff: Date) throws -> Int {
        try sql.transaction {
            let old = "SELECT id FROM items WHERE first_seen < \(cutoff.timeIntervalSince1970)"
            for table in ["mentions", "item_actors", "item_topics", "quotes", "comentions"] {
                try sql.run("DELETE FROM \(table) WHERE item_id IN (\(old))")
            }
            // Alerts outlive their items (their payload says what they were about); the reference goes.
            try sql.run("UPDATE alerts SET item_id = NULL WHERE item_id IN (\(old))")
            let removed = try sql.run("DELETE FROM items WHERE first_seen < \(cutoff.timeIntervalSince1970)")
            try purgeStories(before: cutoff)
            try sql.run("UPDATE tallies SET value = value - ? WHERE name = 'items'", [removed])
            return removed
        }
    }
}
