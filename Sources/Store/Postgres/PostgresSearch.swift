import Foundation

/// Full-text search on PostgreSQL: a `tsvector` column kept by the server (title weighted A, text
/// D; English stems; diacritics folded by `SearchText`, as SQLite's FTS5 folds them), a GIN index,
/// `ts_rank` for the order and `ts_headline` for the snippet.
extension PostgresStore {
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
                         -ts_rank(i.search, to_tsquery('english', ?)) AS rank
                  FROM items i JOIN feeds f ON f.id = i.feed_id
                  WHERE \((["i.search @@ to_tsquery('english', ?)"] + filters.conditions).joined(separator: " AND "))
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

    /// Lowercased, with the letters above replaced by their plain forms.
    public static func fold(_ text: String) -> String {
        let map = Dictionary(uniqueKeysWithValues: zip(accented, plain))
        return String(text.lowercased().map { map[$0] ?? $0 })
    }

    /// The same folding in SQL.
    static func foldSQL(_ expression: String) -> String {
        "translate(lower(\(expression)), '\(accented)', '\(plain)')"
    }
}
