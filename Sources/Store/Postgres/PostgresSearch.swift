import Foundation

/// Full-text search on PostgreSQL: `item_search` holds each item's `tsvector` (title weighted A, text
/// D; English stems; diacritics folded by `SearchText`, as SQLite's FTS5 folds them) under a GIN
/// index; `ts_rank` orders the hits and `ts_headline` makes the snippet. Items are indexed after the
/// poll that stored them (`indexSearch`): the stemming costs the server more than the rest of an
/// item's insert, and a poll's alerts should not wait for it. New and changed items wait in
/// `search_queue`, which instances take from without taking the same rows.
extension PostgresStore {
    public func indexSearch(limit: Int) throws -> Int {
        try db.transaction {
            let ids = try db.execute(
                """
                DELETE FROM search_queue WHERE item_id IN (
                    SELECT item_id FROM search_queue ORDER BY item_id LIMIT ? FOR UPDATE SKIP LOCKED)
                RETURNING item_id
                """, [limit]
            ).compactMap { $0.int64("item_id") }
            guard !ids.isEmpty else { return 0 }
            let items = try db.execute("SELECT id, title, text FROM items WHERE id IN (\(ids.map(String.init).joined(separator: ",")))")
            try db.insert(
                into: "item_search", columns: ["item_id", "search"],
                placeholders: ["?", "setweight(to_tsvector('english', ?), 'A') || to_tsvector('english', ?)"],
                rows: items.map { [$0.int64("id"), SearchText.fold($0.string("title") ?? ""), SearchText.fold($0.string("text") ?? "")] },
                conflict: "ON CONFLICT (item_id) DO UPDATE SET search = excluded.search")
            return ids.count
        }
    }

    public func search(_ request: SearchRequest) throws -> [SearchHit] {
        guard let query = request.tsquery else {
            throw StoreError.sql(message: "this search was not written for PostgreSQL", sql: request.match)
        }
        let filters = request.filters
        return try db.execute(
            """
            SELECT m.id, m.title, m.link, m.first_seen, m.feed, m.rank,
                   ts_headline('english', m.text, to_tsquery('english', ?),
                               'StartSel=[, StopSel=], MaxWords=16, MinWords=6, FragmentDelimiter=…, MaxFragments=1') AS snippet
            FROM (SELECT i.id, i.title, i.link, i.first_seen, i.text, COALESCE(f.name, f.config_url) AS feed,
                         -ts_rank(s.search, to_tsquery('english', ?)) AS rank
                  FROM item_search s JOIN items i ON i.id = s.item_id JOIN feeds f ON f.id = i.feed_id
                  WHERE \((["s.search @@ to_tsquery('english', ?)"] + filters.conditions).joined(separator: " AND "))
                  ORDER BY rank LIMIT ?) AS m
            ORDER BY m.rank
            """, [query, query, query] + filters.values + [request.limit]
        ).map(SearchHit.init)
    }
}

/// Diacritics folded the same way in the indexed text (by the server, `translate`) and in queries
/// (here): "orban" finds "Orbán" without the `unaccent` extension, which needs a superuser to install.
public enum SearchText {
    static let accented = "áàâäãåāăąçćčďđéèêëēėęěğíìîïīįıłľĺñńňóòôöõøōőŕřśšşßťţúùûüūůűųýÿźżž"
    static let plain = "aaaaaaaaacccddeeeeeeeegiiiiiiilllnnnoooooooorrssssttuuuuuuuuyyzzz"

    private static let map = Dictionary(uniqueKeysWithValues: zip(accented, plain))

    /// With the letters above (and their capitals) replaced by their plain forms; ASCII text, most of
    /// it, is given back as it is (the search's parser lowercases).
    public static func fold(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 >= 0x80 }) else { return text }
        return String(text.lowercased().map { map[$0] ?? $0 })
    }
}
