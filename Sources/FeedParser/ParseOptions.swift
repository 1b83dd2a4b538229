/// Hard bounds on what one document may cost. Every feed is treated as hostile.
public struct ParseLimits: Sendable, Equatable {
    /// Largest document accepted, in bytes (before transcoding).
    public var maxDocumentBytes: Int
    /// Deepest element nesting accepted; deeper documents are refused with an error.
    public var maxDepth: Int
    /// Entries kept; the rest of a larger feed is dropped and reported.
    public var maxEntries: Int
    /// Longest single text field, in UTF-8 bytes; longer ones are truncated and reported.
    public var maxFieldBytes: Int
    /// Problems listed in the result; more are counted in one closing message.
    public var maxIssues: Int
    /// Largest JSON Feed accepted: Foundation builds the whole JSON tree before feedwatch reads it,
    /// at up to ~200 bytes per value, so JSON gets a bound of its own (real JSON Feeds are well under 1 MiB).
    public var maxJSONBytes: Int
    /// Most values (objects, arrays, and the items between commas) a JSON Feed may hold: 8 MiB of
    /// `{},{},…` would otherwise cost over 500 MB of memory.
    public var maxJSONValues: Int

    public init(
        maxDocumentBytes: Int = 64 << 20, maxDepth: Int = 200, maxEntries: Int = 100_000,
        maxFieldBytes: Int = 2 << 20, maxIssues: Int = 100, maxJSONBytes: Int = 16 << 20, maxJSONValues: Int = 500_000
    ) {
        self.maxDocumentBytes = maxDocumentBytes
        self.maxDepth = maxDepth
        self.maxEntries = maxEntries
        self.maxFieldBytes = maxFieldBytes
        self.maxIssues = maxIssues
        self.maxJSONBytes = maxJSONBytes
        self.maxJSONValues = maxJSONValues
    }

    public static let `default` = ParseLimits()
}

/// What the caller knows about a document beyond its bytes.
public struct ParseOptions: Sendable, Equatable {
    /// The document's own URL: relative links are resolved against it (after any xml:base).
    public var baseURL: String?
    /// The HTTP `Content-Type`; its charset, if any, wins over the XML declaration (RFC 3023).
    public var contentType: String?
    public var limits: ParseLimits

    public init(baseURL: String? = nil, contentType: String? = nil, limits: ParseLimits = .default) {
        self.baseURL = baseURL
        self.contentType = contentType
        self.limits = limits
    }
}

/// Why a document could not be parsed at all. Recoverable problems are `ParseIssue`s instead.
public enum FeedParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The document is larger than `ParseLimits.maxDocumentBytes`.
    case documentTooLarge(bytes: Int, limit: Int)
    /// Elements nest deeper than `ParseLimits.maxDepth`.
    case tooDeep(line: Int, limit: Int)
    /// No XML element could be read (empty input, binary data, HTML with no feed).
    case unreadable(String)

    public var description: String {
        switch self {
        case let .documentTooLarge(bytes, limit):
            return "document too large: \(bytes) bytes, limit \(limit)"
        case let .tooDeep(line, limit):
            return "line \(line): elements nested deeper than \(limit) levels"
        case let .unreadable(why):
            return "unreadable: \(why)"
        }
    }
}
