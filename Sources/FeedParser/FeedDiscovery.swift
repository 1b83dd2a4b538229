import CLibXML2
import FeedCore

/// A feed an HTML page announces with `<link rel="alternate" type="application/rss+xml" …>`.
public struct DiscoveredFeed: Sendable, Equatable {
    public var url: String
    public var type: String
    public var title: String?

    public init(url: String, type: String, title: String? = nil) {
        self.url = url
        self.type = type
        self.title = title
    }
}

/// Feed autodiscovery: given an HTML page instead of a feed, find the feeds it links to.
///
/// A discovered URL came from the network, not from the user: fetch it with the page's
/// `FetchResult.linkAccess` (Fetcher), so that a page cannot point feedwatch into a private network.
public enum FeedDiscovery {
    static let feedTypes: Set<String> = [
        "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json",
    ]

    /// True when the document is an HTML page rather than XML (by Content-Type, else by its first tag).
    public static func looksLikeHTML(_ body: [UInt8], contentType: String?) -> Bool {
        if let type = contentType?.split(separator: ";").first?.trimmingASCIIWhitespace().asciiLowercased() {
            if type == "text/html" || type == "application/xhtml+xml" { return true }
            if type.hasSuffix("xml") { return false }
        }
        let head = String(decoding: body.prefix(512), as: UTF8.self).asciiLowercased()
        let start = head.drop { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" || $0 == "\u{FEFF}" }
        if start.hasPrefix("{") { return false }  // JSON Feed, whose HTML content may say "<head"
        return start.hasPrefix("<!doctype html") || start.hasPrefix("<html")
            || (!start.hasPrefix("<?xml") && head.containsBytes("<head"))
    }

    /// The feeds linked from an HTML page, in document order, with URLs made absolute against
    /// `<base href>` or `pageURL`. Reads the page with libxml2's forgiving HTML parser, no network.
    public static func feeds(inHTML body: [UInt8], pageURL: String?, limit: Int = 20) -> [DiscoveredFeed] {
        guard !body.isEmpty else { return [] }
        let flags =
            HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue
        fw_xml_silence_thread()
        let document = body.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                htmlReadMemory($0.baseAddress, Int32(min($0.count, Int(Int32.max))), pageURL, nil, Int32(flags))
            }
        }
        guard let document else { return [] }
        defer { xmlFreeDoc(document) }

        var links: [(href: String, type: String, title: String?)] = []
        var base: String?
        var stack: [xmlNodePtr] = []
        if let root = xmlDocGetRootElement(document) { stack.append(root) }
        var visited = 0
        while let node = stack.popLast(), visited < 200_000, links.count < limit {
            visited += 1
            if node.pointee.type == XML_ELEMENT_NODE, let namePointer = node.pointee.name {
                switch String(cString: namePointer).asciiLowercased() {
                case "base" where base == nil:
                    base = property(node, "href")
                case "link":
                    let rel = property(node, "rel")?.asciiLowercased().split(separator: " ") ?? []
                    let type = property(node, "type")?.trimmingASCIIWhitespace().asciiLowercased() ?? ""
                    if rel.contains("alternate"), feedTypes.contains(type), let href = property(node, "href"), !href.isEmpty {
                        links.append((href, type, property(node, "title")))
                    }
                default:
                    break
                }
            }
            // Children pushed in reverse keep document order when popped.
            var children: [xmlNodePtr] = []
            var child = node.pointee.children
            while let current = child {
                if current.pointee.type == XML_ELEMENT_NODE { children.append(current) }
                child = current.pointee.next
            }
            stack.append(contentsOf: children.reversed())
        }
        let effectiveBase = base.map { URLResolution.resolve($0, against: pageURL) } ?? pageURL
        var seen: Set<String> = []
        return links.compactMap { link in
            let url = URLResolution.resolve(link.href, against: effectiveBase)
            guard seen.insert(url).inserted else { return nil }
            return DiscoveredFeed(url: url, type: link.type, title: link.title)
        }
    }

    private static func property(_ node: xmlNodePtr, _ name: String) -> String? {
        guard let value = xmlGetProp(node, name) else { return nil }
        defer { fw_xml_free(value) }
        return String(cString: value)
    }
}
