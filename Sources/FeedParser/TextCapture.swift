/// Collects the value of one element while the reader walks its subtree.
///
/// - `.text`: character data only; child tags are dropped, their text kept.
/// - `.html`: the decoded character data *is* markup (escaped HTML in RSS); stray child elements
///   are serialised back into the string.
/// - `.xhtml`: inline XHTML; character data is escaped and child elements serialised, without the
///   wrapping `<div>` Atom requires.
///
/// One instance serves a whole document, reused for each captured element: a reference type, so the
/// per-event appends mutate its buffer in place (an optional struct would be copied out and back,
/// copying the buffer on every piece of text).
final class TextCapture {
    // Touched for every piece of text on the parser's one thread: no dynamic exclusivity checks.
    enum Mode { case text, html, xhtml }

    @exclusivity(unchecked) private(set) var isActive = false
    @exclusivity(unchecked) private(set) var mode: Mode = .text
    @exclusivity(unchecked) private(set) var depth = 0
    @exclusivity(unchecked) private var maxBytes = 0
    @exclusivity(unchecked) private var bytes: [UInt8] = []
    @exclusivity(unchecked) private(set) var truncated = false
    /// Depth of the Atom wrapper `<div>` whose own tags are left out.
    @exclusivity(unchecked) private var wrapperDepth: Int?
    @exclusivity(unchecked) private var sawChildElement = false
    /// A start tag whose `>` is held back until we know whether the element is empty (`<br />`).
    @exclusivity(unchecked) private var openTagPending = false

    /// Starts collecting the value of an element at `depth`.
    func begin(mode: Mode, depth: Int, maxBytes: Int) {
        self.mode = mode
        self.depth = depth
        self.maxBytes = maxBytes
        bytes.removeAll(keepingCapacity: true)
        truncated = false
        wrapperDepth = nil
        sawChildElement = false
        openTagPending = false
        isActive = true
    }

    /// Ends the capture and returns the collected value.
    func finish() -> String {
        closePendingTag()
        isActive = false
        return value()
    }

    func appendCharacters(_ pointer: UnsafePointer<UInt8>, count: Int) {
        if mode == .html, !openTagPending, !truncated, bytes.count + count <= maxBytes {
            // The common case, kept short: escaped HTML arrives in many small pieces (one per entity).
            if count == 1 {
                bytes.append(pointer.pointee)
            } else {
                bytes.append(contentsOf: UnsafeBufferPointer(start: pointer, count: count))
            }
            return
        }
        closePendingTag()
        if mode == .xhtml {
            appendEscaped(UnsafeBufferPointer(start: pointer, count: count), inAttribute: false)
        } else {
            append(UnsafeBufferPointer(start: pointer, count: count))
        }
    }

    func appendCharacters(_ utf8: [UInt8]) {
        closePendingTag()
        utf8.withUnsafeBufferPointer { buffer in
            if mode == .xhtml { appendEscaped(buffer, inAttribute: false) } else { append(buffer) }
        }
    }

    /// A child element starts at `depth` (deeper than the captured element).
    func startElement(name: String, attributes: [XMLAttribute], depth elementDepth: Int, isEmpty: Bool) {
        guard mode != .text else { return }
        closePendingTag()
        if mode == .xhtml, elementDepth == depth + 1, !sawChildElement, name == "div", !isEmpty {
            wrapperDepth = elementDepth
            sawChildElement = true
            return
        }
        sawChildElement = true
        appendASCII("<")
        appendASCII(name)
        // MathML and SVG islands keep their namespace, without which a browser renders them as text.
        if name == "math" { appendASCII(" xmlns=\"http://www.w3.org/1998/Math/MathML\"") }
        if name == "svg" { appendASCII(" xmlns=\"http://www.w3.org/2000/svg\"") }
        for attribute in attributes {
            appendASCII(" ")
            appendASCII(attribute.qualifiedName)
            appendASCII("=\"")
            var value = attribute.value
            value.withUTF8 { appendEscaped($0, inAttribute: true) }
            appendASCII("\"")
        }
        if isEmpty { appendASCII(" />") } else { openTagPending = true }
    }

    private func closePendingTag() {
        if openTagPending { appendASCII(">"); openTagPending = false }
    }

    func endElement(name: String, depth elementDepth: Int) {
        guard mode != .text else { return }
        if elementDepth == wrapperDepth { wrapperDepth = nil; return }
        if openTagPending { appendASCII(" />"); openTagPending = false; return }
        appendASCII("</")
        appendASCII(name)
        appendASCII(">")
    }

    /// The collected value with surrounding white space (and no-break spaces) removed.
    private func value() -> String {
        var start = 0, end = bytes.count
        func isSpace(at i: Int) -> Int {
            let b = bytes[i]
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { return 1 }
            return 0
        }
        while start < end {
            if isSpace(at: start) == 1 {
                start += 1
            } else if bytes[start] == 0xC2, start + 1 < end, bytes[start + 1] == 0xA0 {
                start += 2
            } else {
                break
            }
        }
        while end > start {
            if isSpace(at: end - 1) == 1 {
                end -= 1
            } else if end - 2 >= start, bytes[end - 2] == 0xC2, bytes[end - 1] == 0xA0 {
                end -= 2
            } else {
                break
            }
        }
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self) }
    }

    // MARK: Appending within the size bound

    private func append(_ buffer: UnsafeBufferPointer<UInt8>) {
        guard !truncated else { return }
        if bytes.count + buffer.count <= maxBytes {
            bytes.append(contentsOf: buffer)
            return
        }
        // Cut at a character boundary so the value stays valid UTF-8.
        var room = max(0, maxBytes - bytes.count)
        while room > 0, room < buffer.count, buffer[room] & 0xC0 == 0x80 { room -= 1 }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[0..<room]))
        truncated = true
    }

    private func appendASCII(_ text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    private func appendEscaped(_ buffer: UnsafeBufferPointer<UInt8>, inAttribute: Bool) {
        var runStart = 0
        for i in 0..<buffer.count {
            let escape: String
            switch buffer[i] {
            case 0x26: escape = "&amp;"
            case 0x3C: escape = "&lt;"
            case 0x3E: escape = "&gt;"
            case 0x22 where inAttribute: escape = "&quot;"
            default: continue
            }
            append(UnsafeBufferPointer(rebasing: buffer[runStart..<i]))
            appendASCII(escape)
            runStart = i + 1
        }
        append(UnsafeBufferPointer(rebasing: buffer[runStart..<buffer.count]))
    }
}

/// One attribute of an element, namespace declarations left out.
struct XMLAttribute {
    var localName: String
    var prefix: String?
    var namespace: Namespace
    var value: String

    var qualifiedName: String {
        if let prefix, prefix != "xhtml" { return prefix + ":" + localName }
        return localName
    }
}
