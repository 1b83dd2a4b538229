import CLibXML2
import FeedCore
import Foundation

/// HTML → clean text with libxml2's forgiving HTML parser: scripts, styles, navigation, asides and
/// forms dropped; one paragraph per block element, line breaks kept; entities resolved; the
/// `<title>` kept apart from the body.
public enum HTMLText {
    public struct Document: Sendable, Equatable {
        public var title: String?
        public var text: String
    }

    static let dropped: Set<String> = [
        "script", "style", "nav", "aside", "form", "noscript", "iframe", "svg", "template", "button", "select",
        "textarea", "canvas", "object", "embed", "head", "menu", "dialog",
    ]
    static let blocks: Set<String> = [
        "p", "div", "section", "article", "main", "header", "footer", "li", "ul", "ol", "dl", "dt", "dd",
        "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "figure", "figcaption", "table", "tr",
        "address", "details", "summary", "hr", "center",
    ]

    public static func convert(_ html: String) -> Document {
        withDocument(html) { document, root in
            var writer = TextWriter()
            write(root, into: &writer, preformatted: false)
            return Document(title: title(of: document), text: writer.finish())
        } ?? Document(title: nil, text: "")
    }

    /// Parses `html` and hands its root element to `body`; nil when nothing could be parsed.
    static func withDocument<T>(_ html: String, _ body: (htmlDocPtr, xmlNodePtr) -> T) -> T? {
        let bytes = Array(html.utf8)
        guard !bytes.isEmpty else { return nil }
        let flags =
            HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue
        fw_xml_silence_thread()
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { htmlReadMemory($0.baseAddress, Int32($0.count), nil, "UTF-8", Int32(flags)) }
        }
        guard let document else { return nil }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else { return nil }
        return body(document, root)
    }

    static func name(_ node: xmlNodePtr) -> String {
        node.pointee.name.map { String(cString: $0).asciiLowercased() } ?? ""
    }

    static func title(of document: htmlDocPtr) -> String? {
        guard let root = xmlDocGetRootElement(document) else { return nil }
        var stack: [xmlNodePtr] = [root]
        var visited = 0
        while let node = stack.popLast(), visited < 10_000 {
            visited += 1
            if node.pointee.type == XML_ELEMENT_NODE, name(node) == "title" {
                var writer = TextWriter()
                write(node, into: &writer, preformatted: false, keepDropped: true)
                let text = writer.finish()
                return text.isEmpty ? nil : text
            }
            var child = node.pointee.last
            while let current = child { stack.append(current); child = current.pointee.prev }
        }
        return nil
    }

    /// Depth-first, with an explicit stack: hostile pages nest deeply.
    static func write(_ root: xmlNodePtr, into writer: inout TextWriter, preformatted: Bool, keepDropped: Bool = false) {
        enum Step { case enter(xmlNodePtr, Bool), leave(String) }
        var stack: [Step] = [.enter(root, preformatted)]
        while let step = stack.popLast() {
            switch step {
            case let .leave(element):
                if blocks.contains(element) { writer.paragraph() }
            case let .enter(node, pre):
                switch node.pointee.type {
                case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                    if let content = node.pointee.content { writer.text(String(cString: content), preformatted: pre) }
                case XML_ELEMENT_NODE:
                    let element = name(node)
                    if !keepDropped, dropped.contains(element) { continue }
                    if element == "br" { writer.lineBreak(); continue }
                    if blocks.contains(element) { writer.paragraph() }
                    stack.append(.leave(element))
                    var child = node.pointee.last
                    let childPre = pre || element == "pre"
                    while let current = child {
                        stack.append(.enter(current, childPre))
                        child = current.pointee.prev
                    }
                default:
                    continue
                }
            }
        }
    }
}

/// Accumulates text with HTML white-space rules: runs of spaces collapse, blocks become paragraphs.
struct TextWriter {
    /// UTF-8, built byte by byte: appending scalars to a String and asking for its last Character
    /// (grapheme breaking) at every word cost more than parsing the HTML.
    private var output: [UInt8] = []
    private var pendingSpace = false
    private var pendingBreak = 0  // 1: line break, 2: paragraph

    mutating func text(_ text: String, preformatted: Bool) {
        if preformatted {
            flushBreak()
            output += text.utf8
            return
        }
        var text = text
        text.withUTF8 { bytes in
            var i = 0
            while i < bytes.count {
                let lead = bytes[i]
                let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
                let end = min(i + length, bytes.count)
                if Self.isSpace(bytes, i, length) {
                    pendingSpace = true
                } else if Self.isInvisible(bytes, i, length) {
                    // Shown as nothing, so kept as nothing: a word hyphenated with soft hyphens ("Ver&shy;fahren")
                    // must read as the word, for a reader's search and for the tokenizer.
                } else {
                    if pendingBreak > 0 {
                        flushBreak()
                    } else if pendingSpace, !output.isEmpty, output.last != 0x0A {
                        output.append(0x20)
                    }
                    pendingSpace = false
                    if length == 2, lead == 0xC2, i + 1 < bytes.count, bytes[i + 1] == 0xA0 {
                        output.append(0x20)  // a no-break space is a space that does not collapse
                    } else {
                        output += bytes[i..<end]
                    }
                }
                i = end
            }
        }
    }

    /// Whether the scalar at `i` (`length` UTF-8 bytes) is white space that collapses: Unicode's
    /// White_Space, except the no-break space U+00A0.
    private static func isSpace(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int, _ length: Int) -> Bool {
        let lead = bytes[i]
        if length == 1 { return lead == 0x20 || (lead >= 0x09 && lead <= 0x0D) }
        guard i + length <= bytes.count else { return false }
        var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for k in 1..<length { value = value << 6 | UInt32(bytes[i + k] & 0x3F) }
        return value == 0x85 || value == 0x1680 || (0x2000...0x200A).contains(value) || value == 0x2028 || value == 0x2029
            || value == 0x202F || value == 0x205F || value == 0x3000
    }

    /// U+00AD soft hyphen, U+200B zero-width space, U+2060 word joiner and U+FEFF (a byte-order mark
    /// or zero-width no-break space): invisible format characters that sit inside words. The joiners
    /// U+200C/U+200D are kept: they change how emoji and some scripts are drawn.
    private static func isInvisible(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int, _ length: Int) -> Bool {
        guard i + length <= bytes.count else { return false }
        switch length {
        case 2: return bytes[i] == 0xC2 && bytes[i + 1] == 0xAD
        case 3:
            let (a, b, c) = (bytes[i], bytes[i + 1], bytes[i + 2])
            return (a == 0xE2 && b == 0x80 && c == 0x8B) || (a == 0xE2 && b == 0x81 && c == 0xA0)
                || (a == 0xEF && b == 0xBB && c == 0xBF)
        default: return false
        }
    }

    mutating func lineBreak() { pendingBreak = max(pendingBreak, 1) }
    mutating func paragraph() { pendingBreak = 2 }

    private mutating func flushBreak() {
        if !output.isEmpty, pendingBreak > 0 { output += pendingBreak >= 2 ? [0x0A, 0x0A] : [0x0A] }
        pendingBreak = 0
        pendingSpace = false
    }

    /// The text, composed (NFC): pages written on some systems spell "ü" as "u" plus a combining
    /// diaeresis, which prints the same but compares, searches and stores differently. Only text
    /// holding combining diacritics (U+0300–U+036F, lead bytes 0xCC/0xCD) pays for the pass.
    mutating func finish() -> String {
        let text = String(decoding: output, as: UTF8.self).trimmingASCIIWhitespace()
        guard output.contains(where: { $0 == 0xCC || $0 == 0xCD }) else { return text }
        return text.precomposedStringWithCanonicalMapping
    }
}

// MARK: Node helpers

extension HTMLText {
    static func attribute(_ node: xmlNodePtr, _ name: String) -> String? {
        guard let value = xmlGetProp(node, name) else { return nil }
        defer { fw_xml_free(value) }
        return String(cString: value)
    }

    /// Hidden from every reader: the `hidden` attribute, or an inline display:none or visibility:hidden.
    static func isHidden(_ node: xmlNodePtr) -> Bool {
        var property = node.pointee.properties
        while let current = property {
            property = current.pointee.next
            guard let raw = current.pointee.name else { continue }
            let name = String(cString: raw).asciiLowercased()
            if name == "hidden" { return true }
            guard name == "style", let value = attribute(node, "style") else { continue }
            let style = String(value.asciiLowercased().filter { $0 != " " && $0 != "\t" && $0 != "\n" })
            if style.containsBytes("display:none") || style.containsBytes("visibility:hidden") { return true }
        }
        return false
    }

    static func textContent(_ node: xmlNodePtr) -> String {
        guard let content = xmlNodeGetContent(node) else { return "" }
        defer { fw_xml_free(content) }
        return String(cString: content).trimmingASCIIWhitespace()
    }

    /// The share of a node's text that sits inside links.
    static func linkDensity(_ node: xmlNodePtr) -> Double {
        let total = max(1, textContent(node).count)
        var linked = 0
        var stack: [xmlNodePtr] = [node]
        while let current = stack.popLast() {
            if current.pointee.type == XML_ELEMENT_NODE, HTMLText.name(current) == "a" {
                linked += textContent(current).count
                continue
            }
            var child = current.pointee.children
            while let next = child { stack.append(next); child = next.pointee.next }
        }
        return Double(linked) / Double(total)
    }

    static func isAncestor(_ ancestor: xmlNodePtr, of node: xmlNodePtr) -> Bool {
        var current: xmlNodePtr? = node
        while let here = current {
            if here == ancestor { return true }
            current = here.pointee.parent
        }
        return false
    }

    static func hasBlockChild(_ node: xmlNodePtr) -> Bool {
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE, HTMLText.blocks.contains(HTMLText.name(current)) { return true }
            child = current.pointee.next
        }
        return false
    }

    static func onlyElementChild(of node: xmlNodePtr) -> xmlNodePtr? {
        var only: xmlNodePtr?
        var child = node.pointee.children
        while let current = child {
            child = current.pointee.next
            if current.pointee.type == XML_ELEMENT_NODE {
                if only != nil { return nil }
                only = current
            } else if current.pointee.type == XML_TEXT_NODE, !textContent(current).isEmpty {
                return nil
            }
        }
        return only
    }

    static func nextElement(after node: xmlNodePtr) -> xmlNodePtr? {
        var next = node.pointee.next
        while let current = next, current.pointee.type != XML_ELEMENT_NODE { next = current.pointee.next }
        return next
    }

    /// The length of a text node's text but its ASCII white space (indentation between tags is layout,
    /// not text), in UTF-8 bytes or in characters.
    static func visibleLength(_ node: xmlNodePtr, bytes: Bool) -> Int {
        var length = 0
        guard var p = node.pointee.content else { return 0 }
        while p.pointee != 0 {
            let b = p.pointee
            if b != 0x20, b != 0x0A, b != 0x09, b != 0x0D, bytes || b & 0xC0 != 0x80 { length += 1 }
            p += 1
        }
        return length
    }
}
