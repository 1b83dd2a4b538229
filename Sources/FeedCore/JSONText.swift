import Foundation

/// A minimal JSON writer: objects with fields in the order written, arrays, strings escaped as
/// `JSONEncoder` escapes them (quote, backslash, control characters; not "/", not non-ASCII).
public struct JSONText {
    public init() {}

    /// A writer with room for about `bytes` bytes (a large document then grows without copies).
    public init(reservingCapacity bytes: Int) { self.bytes.reserveCapacity(bytes) }

    public private(set) var bytes: [UInt8] = []
    private var needsComma = false

    public var text: String { String(decoding: bytes, as: UTF8.self) }

    public mutating func object(_ body: (inout JSONText) -> Void) {
        bytes.append(0x7B)
        needsComma = false
        body(&self)
        bytes.append(0x7D)
        needsComma = true
    }

    public mutating func array<T>(_ elements: [T], _ body: (inout JSONText, T) -> Void) {
        bytes.append(0x5B)
        for (index, element) in elements.enumerated() {
            if index > 0 { bytes.append(0x2C) }
            body(&self, element)
        }
        bytes.append(0x5D)
        needsComma = true
    }

    public mutating func field(_ name: String, _ value: (inout JSONText) -> Void) {
        if needsComma { bytes.append(0x2C) }
        string(name)
        bytes.append(0x3A)
        value(&self)
        needsComma = true
    }

    /// Bytes written as they are (structure the caller writes itself); `thenComma` says whether the
    /// next field needs a comma before it.
    public mutating func raw(_ text: StaticString, thenComma: Bool) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
        needsComma = thenComma
    }

    /// Hands over what has been written so far and starts empty (for output written as it goes).
    public mutating func drain() -> [UInt8] {
        var taken: [UInt8] = []
        taken.reserveCapacity(bytes.capacity)
        swap(&taken, &bytes)
        return taken
    }

    /// A field only when the value is present.
    public mutating func field(_ name: String, ifPresent value: String?) {
        if let value { field(name) { $0.string(value) } }
    }

    public mutating func field(_ name: String, ifPresent value: Int?) {
        if let value { field(name) { $0.number(value) } }
    }

    public mutating func field(_ name: String, ifPresent value: Bool?) {
        if let value { field(name) { $0.bool(value) } }
    }

    public mutating func null() { bytes += Array("null".utf8) }
    public mutating func bool(_ value: Bool) { bytes += Array((value ? "true" : "false").utf8) }
    /// A line end after the document (a file ends with one).
    public mutating func newline() { bytes.append(0x0A) }
    public mutating func number(_ value: Int) { bytes += Array(String(value).utf8) }
    public mutating func number(_ value: Double) {
        bytes += Array((value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)").utf8)
    }

    public mutating func string(_ value: String) {
        bytes.append(0x22)
        var value = value
        value.withUTF8 { utf8 in
            // Runs that need no escape (nearly all text) are copied whole.
            var runStart = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                if byte >= 0x20 && byte != 0x22 && byte != 0x5C { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                appendEscaped(byte)
                runStart = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
        }
        bytes.append(0x22)
    }

    private mutating func appendEscaped(_ byte: UInt8) {
        switch byte {
        case 0x22: bytes += [0x5C, 0x22]
        case 0x5C: bytes += [0x5C, 0x5C]
        case 0x0A: bytes += [0x5C, 0x6E]
        case 0x0D: bytes += [0x5C, 0x72]
        case 0x09: bytes += [0x5C, 0x74]
        case 0x08: bytes += [0x5C, 0x62]
        case 0x0C: bytes += [0x5C, 0x66]
        default:
            let hex = Array("0123456789abcdef".utf8)
            bytes += [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
        }
    }
}
