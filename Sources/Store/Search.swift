import Foundation

/// One stored item a search found, best first.
public struct SearchHit: Sendable, Equatable {
    public var id: Int64
    public var title: String?
    public var link: String?
    /// The feed's name, else its configured URL.
    public var feed: String
    public var firstSeen: Date
    /// A few words around the match, the matched words in [brackets].
    public var snippet: String
    /// FTS5's bm25 score: lower is better.
    public var rank: Double
}

/// What to look for: an FTS5 query (see `SearchQuery` in Monitor for the topic language), and filters.
public struct SearchRequest: Sendable, Equatable {
    public var match: String
    public var since: Date?
    public var actor: String?
    public var topic: String?
    public var limit: Int

    public init(match: String, since: Date? = nil, actor: String? = nil, topic: String? = nil, limit: Int = 20) {
        self.match = match
        self.since = since
        self.actor = actor
        self.topic = topic
        self.limit = limit
    }
}

extension SQLiteStore {
    /// Items matching the request, ranked (bm25), each with a snippet of its text.
    public func search(_ request: SearchRequest) throws -> [SearchHit] {
        var conditions = ["items_fts MATCH ?"]
        var values: [Any?] = [request.match]
        if let since = request.since {
            conditions.append("i.first_seen >= ?")
            values.append(since.timeIntervalSince1970)
        }
        if let actor = request.actor {
            conditions.append("EXISTS (SELECT 1 FROM item_actors a WHERE a.item_id = i.id AND a.actor_id = ?)")
            values.append(actor)
        }
        if let topic = request.topic {
            conditions.append("EXISTS (SELECT 1 FROM item_topics t WHERE t.item_id = i.id AND t.topic_id = ?)")
            values.append(topic)
        }
        values.append(request.limit)
        return try db.prepare(
            """
            SELECT i.id, i.title, i.link, i.first_seen, COALESCE(f.name, f.config_url) AS feed,
                   snippet(items_fts, 1, '[', ']', '…', 16) AS snippet, bm25(items_fts) AS rank
            FROM items_fts JOIN items i ON i.id = items_fts.rowid JOIN feeds f ON f.id = i.feed_id
            WHERE \(conditions.joined(separator: " AND "))
            ORDER BY rank LIMIT ?
            """
        ).rows(values).map { row in
            SearchHit(
                id: Int64(row.int("id") ?? 0), title: row.string("title"), link: row.string("link"), feed: row.string("feed") ?? "",
                firstSeen: row.date("first_seen") ?? Date(timeIntervalSince1970: 0), snippet: row.string("snippet") ?? "",
                rank: row.double("rank") ?? 0)
        }
    }
}
