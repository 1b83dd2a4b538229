import Extractor

/// The topic query language (`sanction* AND (Orbán OR Hungary) NOT football`, `"gas price" NEAR/5 Russia`,
/// `title:veto`) written as an FTS5 query, so that `feedwatch search` reads what the watchlist's topics
/// do. FTS5 stems with Porter (English) and folds diacritics, which stands in for the extractor's own
/// inflection rules.
public enum SearchQuery {
    public struct Unsupported: Error, CustomStringConvertible {
        public var description: String
    }

    /// Parses `text` as a topic query and writes it for FTS5's MATCH.
    public static func fts5(_ text: String) throws -> String {
        try fts5(TopicQuery.parse(text))
    }

    static func fts5(_ query: TopicQuery) throws -> String {
        switch query {
        case .word(let word): return quote(word)
        case .prefix(let stem): return quote(stem) + "*"
        case .phrase(let words): return quote(words.joined(separator: " "))
        case .or(let a, let b): return "(\(try fts5(a)) OR \(try fts5(b)))"
        case .and(let a, .not(let b)), .and(.not(let b), let a): return "(\(try fts5(a)) NOT \(try fts5(b)))"
        case .and(let a, let b): return "(\(try fts5(a)) AND \(try fts5(b)))"
        case .not:
            throw Unsupported(description: "a search needs something to find: NOT only narrows another term (x NOT y)")
        case .near(let a, let b, let distance):
            guard let left = term(a), let right = term(b) else {
                throw Unsupported(description: "NEAR joins words, prefixes or \"phrases\", not whole expressions")
            }
            return "NEAR(\(left) \(right), \(distance))"
        case .title(let inner): return "title : (\(try fts5(inner)))"
        }
    }

    /// A single FTS5 phrase (what NEAR accepts), if the query is one.
    private static func term(_ query: TopicQuery) -> String? {
        switch query {
        case .word(let word): return quote(word)
        case .prefix(let stem): return quote(stem) + "*"
        case .phrase(let words): return quote(words.joined(separator: " "))
        default: return nil
        }
    }

    /// An FTS5 string: double quotes doubled, so no word can be read as an operator.
    private static func quote(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
