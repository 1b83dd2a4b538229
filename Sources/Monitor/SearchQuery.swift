import Extractor
import Foundation
import Store

/// The topic query language (`sanction* AND (Orbán OR Hungary) NOT football`, `"gas price" NEAR/5 Russia`,
/// `title:veto`) written as an FTS5 query and as a PostgreSQL tsquery, so that `feedwatch search`
/// reads what the watchlist's topics do. Both stem English (Porter) and fold diacritics, which stands in
/// for the extractor's own inflection rules.
public enum SearchQuery {
    public struct Unsupported: Error, CustomStringConvertible {
        public var description: String
    }

    /// Parses `text` as a topic query and writes it for FTS5's MATCH.
    public static func fts5(_ text: String) throws -> String {
        try fts5(TopicQuery.parse(text))
    }

    /// Parses `text` as a topic query and writes it for both backends.
    public static func request(
        _ text: String, since: Date? = nil, actor: String? = nil, topic: String? = nil, limit: Int = 20
    ) throws -> SearchRequest {
        let query = try TopicQuery.parse(text)
        return SearchRequest(
            match: try fts5(query), tsquery: try tsquery(query, weight: ""), since: since, actor: actor, topic: topic, limit: limit)
    }

    /// Parses `text` as a topic query and writes it for PostgreSQL's `to_tsquery`.
    public static func tsquery(_ text: String) throws -> String {
        try tsquery(TopicQuery.parse(text), weight: "")
    }

    /// `weight`: "A" inside `title:`, where only the title's words (weighted A) count.
    static func tsquery(_ query: TopicQuery, weight: String) throws -> String {
        func lexeme(_ text: String, prefix: Bool = false) -> String {
            let quoted = "'" + SearchText.fold(text).replacingOccurrences(of: "'", with: "''") + "'"
            let label = (prefix ? "*" : "") + weight
            return label.isEmpty ? quoted : quoted + ":" + label
        }
        switch query {
        case .word(let word): return lexeme(word)
        case .prefix(let stem): return lexeme(stem, prefix: true)
        case .phrase(let words): return lexeme(words.joined(separator: " "))
        case .or(let a, let b): return "(\(try tsquery(a, weight: weight)) | \(try tsquery(b, weight: weight)))"
        case .and(let a, .not(let b)), .and(.not(let b), let a):
            return "(\(try tsquery(a, weight: weight)) & !\(try tsquery(b, weight: weight)))"
        case .and(let a, let b): return "(\(try tsquery(a, weight: weight)) & \(try tsquery(b, weight: weight)))"
        case .not:
            throw Unsupported(description: "a search needs something to find: NOT only narrows another term (x NOT y)")
        case .near(let a, let b, let distance):
            guard term(a) != nil, term(b) != nil else {
                throw Unsupported(description: "NEAR joins words, prefixes or \"phrases\", not whole expressions")
            }
            // tsquery's <N> is an exact distance: within N, either way round, is each of them.
            let left = try tsquery(a, weight: weight), right = try tsquery(b, weight: weight)
            let spans = (1...max(1, min(distance + 1, 20))).flatMap { n in ["\(left) <\(n)> \(right)", "\(right) <\(n)> \(left)"] }
            return "(" + spans.joined(separator: " | ") + ")"
        case .title(let inner): return try tsquery(inner, weight: "A")
        }
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
