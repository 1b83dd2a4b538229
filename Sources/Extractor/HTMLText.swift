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
    private var output = ""
    private var pendingSpace = false
    private var pendingBreak = 0  // 1: line break, 2: paragraph

    mutating func text(_ text: String, preformatted: Bool) {
        if preformatted {
            flushBreak()
            output += text
            return
        }
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace && scalar.value != 0xA0 {
                pendingSpace = true
            } else {
                if pendingBreak > 0 {
                    flushBreak()
                } else if pendingSpace, !output.isEmpty, output.last != "\n" {
                    output.unicodeScalars.append(" ")
                }
                pendingSpace = false
                output.unicodeScalars.append(scalar == "\u{A0}" ? " " : scalar)
            }
        }
    }

    mutating func lineBreak() { pendingBreak = max(pendingBreak, 1) }
    mutating func paragraph() { pendingBreak = 2 }

    private mutating func flushBreak() {
        if !output.isEmpty, pendingBreak > 0 { output += pendingBreak >= 2 ? "\n\n" : "\n" }
        pendingBreak = 0
        pendingSpace = false
    }

    mutating func finish() -> String {
        output.trimmingASCIIWhitespace()
    }
}
