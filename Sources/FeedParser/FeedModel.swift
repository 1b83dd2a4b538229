import Foundation

/// The syndication format a document was detected as, from its root element and namespaces.
public enum FeedVersion: String, Codable, Sendable, CaseIterable {
    case rss090, rss091, rss092, rss10, rss20, atom03, atom10
    /// Microsoft's Channel Definition Format (1997): `<CHANNEL HREF=…>` with `<ITEM>`s.
    case cdf
    /// JSON Feed (jsonfeed.org), read by content whatever the server called it.
    case jsonFeed10 = "json1", jsonFeed11 = "json11"
    case unknown
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

public struct FeedLink: Sendable, Equatable {
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

public struct FeedPerson: Sendable, Equatable {
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

public struct FeedCategory: Sendable, Equatable {
    public var term: String
    public var scheme: String?
    public var label: String?

    public init(term: String, scheme: String? = nil, label: String? = nil) {
        self.term = term
        self.scheme = scheme
        self.label = label
    }
}

public struct FeedEnclosure: Sendable, Equatable {
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
public struct FeedContent: Sendable, Equatable {
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

public struct FeedImage: Sendable, Equatable {
    public var url: String?
    public var title: String?
    public var link: String?

    public init(url: String? = nil, title: String? = nil, link: String? = nil) {
        self.url = url
        self.title = title
        self.link = link
    }
}

/// One Media RSS `media:content` (or `media:group` member): a file and what the feed says of it.
public struct FeedMediaObject: Sendable, Equatable {
    public var url: String?
    public var type: String?
    /// image, audio, video, document or executable.
    public var medium: String?
    public var fileSize: Int64?
    /// Seconds.
    public var duration: Int?
    public var width: Int?
    public var height: Int?
    public var language: String?

    public init(url: String? = nil, type: String? = nil, medium: String? = nil) {
        self.url = url
        self.type = type
        self.medium = medium
    }
}

/// A Media RSS `media:thumbnail`.
public struct FeedThumbnail: Sendable, Equatable {
    public var url: String
    public var width: Int?
    public var height: Int?
    /// The moment of the media the thumbnail shows (NTP time, as written).
    public var time: String?

    public init(url: String, width: Int? = nil, height: Int? = nil, time: String? = nil) {
        self.url = url
        self.width = width
        self.height = height
        self.time = time
    }
}

/// A Media RSS `media:credit`: who took part, in which role.
public struct FeedCredit: Sendable, Equatable {
    public var name: String
    public var role: String?
    public var scheme: String?

    public init(name: String, role: String? = nil, scheme: String? = nil) {
        self.name = name
        self.role = role
        self.scheme = scheme
    }
}

/// A Media RSS `media:rating` ("adult", "nonadult", or a value in the scheme's terms).
public struct FeedRating: Sendable, Equatable {
    public var value: String
    public var scheme: String?

    public init(value: String, scheme: String? = nil) {
        self.value = value
        self.scheme = scheme
    }
}

/// An entry's Media RSS fields, present only when the entry has any.
public struct FeedMedia: Sendable, Equatable {
    public var content: [FeedMediaObject] = []
    public var thumbnails: [FeedThumbnail] = []
    public var credits: [FeedCredit] = []
    public var ratings: [FeedRating] = []
    /// `media:player url`: a page that plays the media.
    public var player: String?

    public init() {}
}

/// Channel-level metadata.
public struct FeedInfo: Sendable, Equatable {
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
    /// Who publishes the feed: `itunes:owner`, `dc:publisher`, RSS `webMaster`.
    public var publisher: FeedPerson?
    /// The licence's URL: `cc:license`, `creativeCommons:license`, Atom `link rel="license"`.
    public var license: String?
    /// iTunes `explicit` (yes/true/explicit → true; no/false/clean → false).
    public var explicit: Bool?
    /// iTunes `block`: the podcast asks directories not to list it.
    public var block: Bool?

    public init() {}
}

/// One item (RSS) or entry (Atom).
public struct FeedEntry: Sendable, Equatable {
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
    /// Out of line: an entry without extras costs one pointer for them.
    private var extrasBox: ExtrasBox?

    public init() {}

    /// The fields few entries carry, together.
    public var extras: FeedEntryExtras {
        get { extrasBox?.value ?? FeedEntryExtras() }
        set { extrasBox = newValue == FeedEntryExtras() ? nil : ExtrasBox(value: newValue) }
    }

    /// The entry's licence URL, as for the feed.
    public var license: String? {
        get { extrasBox?.value.license }
        set { extras.license = newValue }
    }
    /// iTunes `explicit`, as for the feed.
    public var explicit: Bool? {
        get { extrasBox?.value.explicit }
        set { extras.explicit = newValue }
    }
    /// iTunes `block`, as for the feed.
    public var block: Bool? {
        get { extrasBox?.value.block }
        set { extras.block = newValue }
    }
    /// iTunes `duration`, as written (`1:02:03`, `3723`).
    public var duration: String? {
        get { extrasBox?.value.duration }
        set { extras.duration = newValue }
    }
    /// The entry's own picture: `itunes:image`.
    public var image: String? {
        get { extrasBox?.value.image }
        set { extras.image = newValue }
    }
    /// Media RSS fields (`media:content`, `media:thumbnail`, `media:credit`, …).
    public var media: FeedMedia? {
        get { extrasBox?.value.media }
        set { extras.media = newValue }
    }
}

/// An entry's licence, podcast and Media RSS fields: most entries have none of them, and a feed of
/// 100,000 entries should not pay for them in every one.
public struct FeedEntryExtras: Sendable, Equatable {
    public var license: String?
    public var explicit: Bool?
    public var block: Bool?
    public var duration: String?
    public var image: String?
    public var media: FeedMedia?

    public init() {}
}

/// Immutable storage for `FeedEntryExtras`; a change stores a new box, so copies never share edits.
private final class ExtrasBox: Sendable, Equatable {
    let value: FeedEntryExtras

    init(value: FeedEntryExtras) { self.value = value }

    static func == (lhs: ExtrasBox, rhs: ExtrasBox) -> Bool { lhs.value == rhs.value }
}

/// One problem met while reading a document; the parse went on past it.
public struct ParseIssue: Sendable, Equatable {
    public var line: Int
    public var message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }
}

/// The outcome of parsing one document: whatever could be read, and what was wrong with it.
public struct ParsedFeed: Sendable, Equatable {
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
