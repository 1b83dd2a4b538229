/// A JSON value that remembers the line it started on, so that configuration errors can say where
/// they are. A small strict parser (RFC 8259), enough for configuration files.
public indirect enum JSONValue: Sendable, Equatable {
    case null, bool(Bool), number(Double), string(String), array([Located]), object([(String, Located)])

    public struct Located: Sendable, Equatable {
        public var value: JSONValue
        public var line: Int
    }

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.number(x), .number(y)): return x == y
        case let (.string(x), .string(y)): return x == y
        case let (.array(x), .array(y)): return x == y
        case let (.object(x), .object(y)): return x.map(\.0) == y.map(\.0) && x.map(\.1) == y.map(\.1)
        default: return false
        }
    }

    /// The value for `key` of an object.
    public subscript(key: String) -> Located? {
        if case let .object(members) = self { return members.last { $0.0 == key }?.1 }
        return nil
    }

    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "true or false"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "a list"
        case .object: return "an object"
        }
    }
}

public struct JSONSyntaxError: Error, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var message: String
    public var description: String { "line \(line), column \(column): \(message)" }
}

public enum LocatedJSONParser {
    public static func parse(_ text: String) throws -> JSONValue.Located {
        var parser = Parser(bytes: Array(text.utf8))
        parser.skipSpace()
        let value = try parser.value(depth: 0)
        parser.skipSpace()
        guard parser.i == parser.bytes.count else { throw parser.error("unexpected text after the end of the document") }
        return value
    }

    private struct Parser {
        let bytes: [UInt8]
        var i = 0
        var line = 1
        var lineStart = 0

        func error(_ message: String) -> JSONSyntaxError {
            JSONSyntaxError(line: line, column: i - lineStart + 1, message: message)
        }

        mutating func skipSpace() {
            while i < bytes.count {
                switch bytes[i] {
                case 0x0A: line += 1; i += 1; lineStart = i
                case 0x20, 0x09, 0x0D: i += 1
                default: return
                }
            }
        }

        mutating func value(depth: Int) throws -> JSONValue.Located {
            guard depth < 64 else { throw error("nested too deeply") }
            guard i < bytes.count else { throw error("unexpected end of the document") }
            let startLine = line
            switch bytes[i] {
            case 0x7B: return JSONValue.Located(value: try object(depth: depth), line: startLine)
            case 0x5B: return JSONValue.Located(value: try array(depth: depth), line: startLine)
            case 0x22: return JSONValue.Located(value: .string(try string()), line: startLine)
            case 0x74: try literal("true"); return .init(value: .bool(true), line: startLine)
            case 0x66: try literal("false"); return .init(value: .bool(false), line: startLine)
            case 0x6E: try literal("null"); return .init(value: .null, line: startLine)
            default: return .init(value: .number(try number()), line: startLine)
            }
        }

        mutating func literal(_ word: String) throws {
            let w = Array(word.utf8)
            guard i + w.count <= bytes.count, Array(bytes[i..<(i + w.count)]) == w else { throw error("expected \(word)") }
            i += w.count
        }

        mutating func number() throws -> Double {
            let start = i
            while i < bytes.count, "+-0123456789.eE".utf8.contains(bytes[i]) { i += 1 }
            guard i > start, let value = Double(String(decoding: bytes[start..<i], as: UTF8.self)) else {
                throw error("expected a value (a string, number, list, object, true, false or null)")
            }
            return value
        }

        /// Four hex digits at `start`, strictly (no sign, no space), or nil.
        func hex4(at start: Int) -> UInt32? {
            guard start + 4 <= bytes.count else { return nil }
            var value: UInt32 = 0
            for byte in bytes[start..<(start + 4)] {
                guard let digit = Character(Unicode.Scalar(byte)).hexDigitValue else { return nil }
                value = value << 4 | UInt32(digit)
            }
            return value
        }

        mutating func string() throws -> String {
            i += 1
            var out: [UInt8] = []
            while i < bytes.count {
                let b = bytes[i]
                if b == 0x22 { i += 1; return String(decoding: out, as: UTF8.self) }
                if b == 0x0A { throw error("a string cannot span lines") }
                if b == 0x5C {
                    i += 1
                    guard i < bytes.count else { break }
                    switch bytes[i] {
                    case 0x22: out.append(0x22)
                    case 0x5C: out.append(0x5C)
                    case 0x2F: out.append(0x2F)
                    case 0x62: out.append(0x08)
                    case 0x66: out.append(0x0C)
                    case 0x6E: out.append(0x0A)
                    case 0x72: out.append(0x0D)
                    case 0x74: out.append(0x09)
                    case 0x75:
                        guard var code = hex4(at: i + 1) else { throw error("bad \\u escape") }
                        i += 4
                        // A high surrogate pairs only with a low one; anything else stays alone and
                        // becomes U+FFFD below (fuzzing found "\\uDAED\\uDAED" overflowing here).
                        if (0xD800..<0xDC00).contains(code), i + 6 < bytes.count, bytes[i + 1] == 0x5C, bytes[i + 2] == 0x75,
                            let low = hex4(at: i + 3), (0xDC00..<0xE000).contains(low)
                        {
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                            i += 6
                        }
                        out.append(contentsOf: Array(String(Unicode.Scalar(code).map(Character.init) ?? "\u{FFFD}").utf8))
                    default: throw error("bad escape")
                    }
                    i += 1
                    continue
                }
                out.append(b)
                i += 1
            }
            throw error("this string is never closed")
        }

        mutating func array(depth: Int) throws -> JSONValue {
            i += 1
            var items: [JSONValue.Located] = []
            skipSpace()
            if i < bytes.count, bytes[i] == 0x5D { i += 1; return .array(items) }
            while true {
                skipSpace()
                items.append(try value(depth: depth + 1))
                skipSpace()
                guard i < bytes.count else { throw error("this list is never closed") }
                if bytes[i] == 0x2C { i += 1; continue }
                if bytes[i] == 0x5D { i += 1; return .array(items) }
                throw error("expected , or ] in a list")
            }
        }

        mutating func object(depth: Int) throws -> JSONValue {
            i += 1
            var members: [(String, JSONValue.Located)] = []
            skipSpace()
            if i < bytes.count, bytes[i] == 0x7D { i += 1; return .object(members) }
            while true {
                skipSpace()
                guard i < bytes.count, bytes[i] == 0x22 else { throw error("expected a \"name\" in an object") }
                let key = try string()
                skipSpace()
                guard i < bytes.count, bytes[i] == 0x3A else { throw error("expected : after \"\(key)\"") }
                i += 1
                skipSpace()
                members.append((key, try value(depth: depth + 1)))
                skipSpace()
                guard i < bytes.count else { throw error("this object is never closed") }
                if bytes[i] == 0x2C { i += 1; continue }
                if bytes[i] == 0x7D { i += 1; return .object(members) }
                throw error("expected , or } in an object")
            }
        }
    }
}

/// Where a JSON path ("$.actors[3].aliases") points in a located document.
public enum JSONPath {
    /// The line of the value at `path` (given without the leading "$"), or of the nearest enclosing one.
    public static func line(of path: String, in root: JSONValue.Located) -> Int {
        var current = root
        var scanner = Substring(path)
        while !scanner.isEmpty {
            if scanner.hasPrefix(".") {
                scanner = scanner.dropFirst()
                let key = scanner.prefix { $0 != "." && $0 != "[" }
                scanner = scanner.dropFirst(key.count)
                guard let next = current.value[String(key)] else { return current.line }
                current = next
            } else if scanner.hasPrefix("[") {
                let digits = scanner.dropFirst().prefix { $0.isNumber }
                scanner = scanner.dropFirst(digits.count + 2)
                guard case let .array(items) = current.value, let index = Int(digits), index < items.count else { return current.line }
                current = items[index]
            } else {
                break
            }
        }
        return current.line
    }
}
