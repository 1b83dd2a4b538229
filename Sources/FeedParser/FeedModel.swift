import Foundation

/// The syndication format a document was detected as, from its root element and namespaces.
public enum FeedVersion: String, Codable, Sendable, CaseIterable {
    case rss090, rss091, rss092, rss10, rss20, atom03, atom10, unknown
}

/// How a text construct is meant to be read: plain text, or HTML / XHTML markup kept as a string.
/// Other values are media types (Atom `content type="image/png"`), kept verbatim.
/// What a text field holds: plain text, escaped HTML, inline XHTML (Atom's `type`; RSS text is
/// HTML), or another media type an Atom `content` may declare. Written as its string in JSON.
public enum TextType: RawRepresentable, Codable, Sendable, Equatable {
    case text, html, xhtml
    /// Any other media type ("text/markdown", "image/svg+xml"), as the feed wrote it.
    case other(String)

    public init(rawValue: String) {
        switch rawValue {
        case "text": self = .text
        case "html": self = .html
        case "xhtml": self = .xhtml
        default: self = .other(rawValue)
        }
    }

    public var rawValue: String {
        switch self {
        case .text: "text"
        case .html: "html"
        case .xhtml: "xhtml"
        case .other(let type): type
        }
    }
}

public struct FeedLink: Codable, Sendable, Equatable {
    public var href: String
    public var rel: String?
    public var type: String?
    public var title: String?
    public var length: Int64?

    public init(href: String, rel: String? = nil, type: String? = nil, title: String? = nil, length: Int64? = nil) {
        self.href = href
        self.rel = rel
        self.type = type
        self.title = title
        self.length = length
    }
}

public struct FeedPerson: Codable, Sendable, Equatable {
    public var name: String?
    public var email: String?
    public var uri: String?

    public init(name: String? = nil, email: String? = nil, uri: String? = nil) {
        self.name = name
        self.email = email
        self.uri = uri
    }

    var isEmpty: Bool { name == nil && email == nil && uri == nil }
}

public struct FeedCategory: Codable, Sendable, Equatable {
    public var term: String
    public var scheme: String?
    public var label: String?

    public init(term: String, scheme: String? = nil, label: String? = nil) {
        self.term = term
        self.scheme = scheme
        self.label = label
    }
}

public struct FeedEnclosure: Codable, Sendable, Equatable {
    public var url: String
    public var type: String?
    public var length: Int64?

    public init(url: String, type: String? = nil, length: Int64? = nil) {
        self.url = url
        self.type = type
        self.length = length
    }
}

/// One content body of an entry (`content:encoded`, `atom:content`, `xhtml:body`).
public struct FeedContent: Codable, Sendable, Equatable {
    public var type: TextType
    public var language: String?
    /// The base URI in effect for the content (xml:base, else the document URL), to resolve its links.
    public var base: String?
    /// Atom's out-of-line content (`src` attribute); `value` is then empty.
    public var src: String?
    public var value: String

    public init(type: TextType, language: String? = nil, base: String? = nil, src: String? = nil, value: String) {
        self.type = type
        self.language = language
        self.base = base
        self.src = src
        self.value = value
    }
}

public struct FeedImage: Codable, Sendable, Equatable {
    public var url: String?
    public var title: String?
    public var link: String?

    public init(url: String? = nil, title: String? = nil, link: String? = nil) {
        self.url = url
        self.title = title
        self.link = link
    }
}

/// Channel-level metadata.
public struct FeedInfo: Codable, Sendable, Equatable {
    public var title: String?
    public var titleType: TextType?
    public var link: String?
    public var links: [FeedLink] = []
    public var subtitle: String?
    public var subtitleType: TextType?
    public var id: String?
    public var language: String?
    public var rights: String?
    public var generator: String?
    public var updated: Date?
    public var published: Date?
    public var authors: [FeedPerson] = []
    public var categories: [FeedCategory] = []
    public var image: FeedImage?
    public var icon: String?
    /// RSS `ttl`: minutes the channel may be cached.
    public var ttl: Int?
    /// RSS `skipHours`: hours (0–23, GMT) in which aggregators should not poll.
    public var skipHours: [Int]?
    /// RSS `skipDays`: day names in which aggregators should not poll.
    public var skipDays: [String]?

    public init() {}
}

/// One item (RSS) or entry (Atom).
public struct FeedEntry: Codable, Sendable, Equatable {
    public var id: String?
    /// RSS `guid isPermaLink` (true unless the attribute says "false"); absent for Atom.
    public var guidIsPermalink: Bool?
    public var title: String?
    public var titleType: TextType?
    public var link: String?
    public var links: [FeedLink] = []
    public var summary: String?
    public var summaryType: TextType?
    public var content: [FeedContent] = []
    public var authors: [FeedPerson] = []
    public var categories: [FeedCategory] = []
    public var enclosures: [FeedEnclosure] = []
    public var published: Date?
    public var updated: Date?
    public var comments: String?
    public var language: String?

    public init() {}
}

/// One problem met while reading a document; the parse went on past it.
public struct ParseIssue: Codable, Sendable, Equatable {
    public var line: Int
    public var message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }
}

/// The outcome of parsing one document: whatever could be read, and what was wrong with it.
public struct ParsedFeed: Codable, Sendable, Equatable {
    public var version: FeedVersion
    /// False when the document was not well-formed XML, or its bytes had to be repaired.
    public var wellFormed: Bool
    public var errors: [ParseIssue]
    /// The character encoding the bytes were read in (after BOM, HTTP charset and XML declaration).
    public var encoding: String
    public var feed: FeedInfo
    public var entries: [FeedEntry]

    public init(
        version: FeedVersion = .unknown, wellFormed: Bool = true, errors: [ParseIssue] = [],
        encoding: String = "utf-8", feed: FeedInfo = FeedInfo(), entries: [FeedEntry] = []
    ) {
        self.version = version
        self.wellFormed = wellFormed
        self.errors = errors
        self.encoding = encoding
        self.feed = feed
        self.entries = entries
    }
}
