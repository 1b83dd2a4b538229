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
    /// Lower is better: FTS5's bm25 score, or PostgreSQL's `ts_rank` negated.
    public var rank: Double
}

/// What to look for: the query as SQLite's FTS5 reads it (`match`) and as PostgreSQL's `to_tsquery`
/// does (`tsquery`; see `SearchQuery` in Monitor for the topic language both are written from), and filters.
public struct SearchRequest: Sendable, Equatable {
    public var match: String
    /// Diacritics folded (`SearchText.fold`) as the indexed text is; nil: not asked of PostgreSQL.
    public var tsquery: String?
    public var since: Date?
    public var actor: String?
    public var topic: String?
    public var limit: Int

    public init(match: String, tsquery: String? = nil, since: Date? = nil, actor: String? = nil, topic: String? = nil, limit: Int = 20) {
        self.match = match
        self.tsquery = tsquery
        self.since = since
        self.actor = actor
        self.topic = topic
        self.limit = limit
    }
}

extension SearchRequest {
    /// The filters beside the text match, over items `i`, and their values.
    var filters: (conditions: [String], values: [Any?]) {
        var conditions: [String] = [], values: [Any?] = []
        if let since {
            conditions.append("i.first_seen >= ?")
            values.append(since.timeIntervalSince1970)
        }
        if let actor {
            conditions.append("EXISTS (SELECT 1 FROM item_actors a WHERE a.item_id = i.id AND a.actor_id = ?)")
            values.append(actor)
        }
        if let topic {
            conditions.append("EXISTS (SELECT 1 FROM item_topics t WHERE t.item_id = i.id AND t.topic_id = ?)")
            values.append(topic)
        }
        return (conditions, values)
    }
}

extension SearchHit {
    init(_ row: Row) {
        self.init(
            id: row.int64("id") ?? 0, title: row.string("title"), link: row.string("link"), feed: row.string("feed") ?? "",
            firstSeen: row.date("first_seen") ?? Date(timeIntervalSince1970: 0), snippet: row.string("snippet") ?? "",
            rank: row.double("rank") ?? 0)
    }
}

extension SQLiteStore {
    /// Items matching the request, ranked (bm25), each with a snippet of its text.
    public func search(_ request: SearchRequest) throws -> [SearchHit] {
        let filters = request.filters
        return try db.rows(
            """
            SELECT i.id, i.title, i.link, i.first_seen, COALESCE(f.name, f.config_url) AS feed,
                   snippet(items_fts, 1, '[', ']', '…', 16) AS snippet, bm25(items_fts) AS rank
            FROM items_fts JOIN items i ON i.id = items_fts.rowid JOIN feeds f ON f.id = i.feed_id
            WHERE \((["items_fts MATCH ?"] + filters.conditions).joined(separator: " AND "))
            ORDER BY rank LIMIT ?
            """, [request.match] + filters.values + [request.limit]
        ).map(SearchHit.init)
    }
}
