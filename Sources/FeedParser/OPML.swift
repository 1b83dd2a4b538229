import CLibXML2
import Foundation

/// Feed lists in OPML: reading (with category outlines as tags) and writing.
public enum OPML {
    public struct Error: Swift.Error, CustomStringConvertible {
        public var description: String
    }

    /// One feed of an OPML list.
    public struct Feed: Sendable, Equatable {
        public var url: String
        /// The outline's title or text, unless it only repeats the URL.
        public var name: String?
        /// The `text` of the category outlines it sits in, outermost first, then its own `category`
        /// attribute's entries (comma-separated; a leading "/" of OPML 2.0's category paths dropped).
        public var tags: [String]

        public init(url: String, name: String? = nil, tags: [String] = []) {
            self.url = url
            self.name = name
            self.tags = tags
        }
    }

    public static func feeds(fromFile path: String) throws -> [Feed] {
        guard let data = FileManager.default.contents(atPath: path) else { throw Error(description: "cannot read \(path)") }
        return try feeds(from: data)
    }

    /// Every `<outline xmlUrl="…">`, tagged with the `text` of the outlines it sits in.
    public static func feeds(from data: Data) throws -> [Feed] {
        let flags = XML_PARSE_RECOVER.rawValue | XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
        fw_xml_silence_thread()
        let document = data.withUnsafeBytes { raw in
            xmlReadMemory(raw.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(raw.count), nil, nil, Int32(flags))
        }
        guard let document, let root = xmlDocGetRootElement(document) else { throw Error(description: "not an OPML document") }
        defer { xmlFreeDoc(document) }
        guard String(cString: root.pointee.name).lowercased() == "opml" else { throw Error(description: "the root element is not <opml>") }
        var feeds: [Feed] = []
        func walk(_ node: xmlNodePtr?, tags: [String]) {
            var current = node
            while let element = current {
                defer { current = element.pointee.next }
                guard element.pointee.type == XML_ELEMENT_NODE else { continue }
                let name = String(cString: element.pointee.name).lowercased()
                if name == "outline", let url = property(element, "xmlUrl") {
                    // OPML requires a text; writers that have no name put the URL there.
                    let label = property(element, "title") ?? property(element, "text")
                    var own = tags
                    for category in (property(element, "category") ?? "").split(separator: ",") {
                        let tag = category.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "/"))
                        if !tag.isEmpty, !own.contains(tag) { own.append(tag) }
                    }
                    feeds.append(Feed(url: url, name: label == url ? nil : label, tags: own))
                }
                let label =
                    name == "outline" && property(element, "xmlUrl") == nil ? property(element, "text") ?? property(element, "title") : nil
                walk(element.pointee.children, tags: label.map { tags + [$0] } ?? tags)
            }
        }
        walk(root.pointee.children, tags: [])
        return feeds
    }

    /// The feeds with each URL once: a later outline of a URL already listed is dropped, its tags
    /// added to the first one's. Returns the URLs that were listed more than once, for a warning.
    public static func deduplicated(_ feeds: [Feed]) -> (feeds: [Feed], repeated: [String]) {
        var kept: [Feed] = []
        var index: [String: Int] = [:]
        var repeated: [String] = []
        for feed in feeds {
            if let first = index[feed.url] {
                if !repeated.contains(feed.url) { repeated.append(feed.url) }
                for tag in feed.tags where !kept[first].tags.contains(tag) { kept[first].tags.append(tag) }
            } else {
                index[feed.url] = kept.count
                kept.append(feed)
            }
        }
        return (kept, repeated)
    }

    public static func export(_ feeds: [Feed], title: String = "feedwatch feeds") -> String {
        var lines = [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<opml version=\"2.0\">",
            "  <head><title>\(escape(title))</title></head>", "  <body>",
        ]
        for feed in feeds {
            let name = escape(feed.name ?? feed.url)
            var attributes = "type=\"rss\" text=\"\(name)\" title=\"\(name)\" xmlUrl=\"\(escape(feed.url))\""
            if !feed.tags.isEmpty { attributes += " category=\"\(escape(feed.tags.joined(separator: ",")))\"" }
            lines.append("    <outline \(attributes)/>")
        }
        lines += ["  </body>", "</opml>"]
        return lines.joined(separator: "\n") + "\n"
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    private static func property(_ node: xmlNodePtr, _ name: String) -> String? {
        guard let value = xmlGetProp(node, name) else { return nil }
        defer { fw_xml_free(value) }
        let text = String(cString: value).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }
}
