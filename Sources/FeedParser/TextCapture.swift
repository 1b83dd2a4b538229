/// Collects the value of one element while the reader walks its subtree.
///
/// - `.text`: character data only; child tags are dropped, their text kept.
/// - `.html`: the decoded character data *is* markup (escaped HTML in RSS); stray child elements
///   are serialised back into the string.
/// - `.xhtml`: inline XHTML; character data is escaped and child elements serialised, without the
///   wrapping `<div>` Atom requires.
struct TextCapture {
    enum Mode { case text, html, xhtml }

    let mode: Mode
    let depth: Int
    let maxBytes: Int
    private(set) var bytes: [UInt8]
    private(set) var truncated = false
    /// Depth of the Atom wrapper `<div>` whose own tags are left out.
    private var wrapperDepth: Int?
    private var sawChildElement = false
    /// A start tag whose `>` is held back until we know whether the element is empty (`<br />`).
    private var openTagPending = false

    init(mode: Mode, depth: Int, maxBytes: Int, reusing buffer: [UInt8]) {
        self.mode = mode
        self.depth = depth
        self.maxBytes = maxBytes
        bytes = buffer
        bytes.removeAll(keepingCapacity: true)
    }

    mutating func appendCharacters(_ pointer: UnsafePointer<UInt8>, count: Int) {
        if mode == .html, !openTagPending, !truncated, bytes.count + count <= maxBytes {
            // The common case, kept short: escaped HTML arrives in many small pieces (one per entity).
            if count == 1 { bytes.append(pointer.pointee) } else { bytes.append(contentsOf: UnsafeBufferPointer(start: pointer, count: count)) }
            return
        }
        closePendingTag()
        if mode == .xhtml {
            appendEscaped(UnsafeBufferPointer(start: pointer, count: count), inAttribute: false)
        } else {
            append(UnsafeBufferPointer(start: pointer, count: count))
        }
    }

    mutating func appendCharacters(_ utf8: [UInt8]) {
        closePendingTag()
        utf8.withUnsafeBufferPointer { buffer in
            if mode == .xhtml { appendEscaped(buffer, inAttribute: false) } else { append(buffer) }
        }
    }

    /// A child element starts at `depth` (deeper than the captured element).
    mutating func startElement(name: String, attributes: [XMLAttribute], depth elementDepth: Int, isEmpty: Bool) {
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

    private mutating func closePendingTag() {
        if openTagPending { appendASCII(">"); openTagPending = false }
    }

    mutating func endElement(name: String, depth elementDepth: Int) {
        guard mode != .text else { return }
        if elementDepth == wrapperDepth { wrapperDepth = nil; return }
        if openTagPending { appendASCII(" />"); openTagPending = false; return }
        appendASCII("</")
        appendASCII(name)
        appendASCII(">")
    }

    /// The collected value with surrounding white space (and no-break spaces) removed.
    mutating func value() -> String {
        closePendingTag()
        var start = 0, end = bytes.count
        func isSpace(at i: Int) -> Int {
            let b = bytes[i]
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { return 1 }
            return 0
        }
        while start < end {
            if isSpace(at: start) == 1 { start += 1 }
            else if bytes[start] == 0xC2, start + 1 < end, bytes[start + 1] == 0xA0 { start += 2 }
            else { break }
        }
        while end > start {
            if isSpace(at: end - 1) == 1 { end -= 1 }
            else if end - 2 >= start, bytes[end - 2] == 0xC2, bytes[end - 1] == 0xA0 { end -= 2 }
            else { break }
        }
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self) }
    }

    /// Hands the buffer back for reuse by the next capture.
    consuming func takeBuffer() -> [UInt8] { bytes }

    // MARK: Appending within the size bound

    private mutating func append(_ buffer: UnsafeBufferPointer<UInt8>) {
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

    private mutating func appendASCII(_ text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    private mutating func appendEscaped(_ buffer: UnsafeBufferPointer<UInt8>, inAttribute: Bool) {
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
