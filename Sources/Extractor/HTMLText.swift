import CLibXML2
import FeedCore

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

    mutating func lineBreak() { pendingBreak = max(pendingBreak, 1) }
    mutating func paragraph() { pendingBreak = 2 }

    private mutating func flushBreak() {
        if !output.isEmpty, pendingBreak > 0 { output += pendingBreak >= 2 ? [0x0A, 0x0A] : [0x0A] }
        pendingBreak = 0
        pendingSpace = false
    }

    mutating func finish() -> String {
        String(decoding: output, as: UTF8.self).trimmingASCIIWhitespace()
    }
}
