#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns a document's bytes into clean UTF-8 for libxml2, whatever they were: the parser then reads
/// every document as UTF-8 and ignores its declaration, so a wrong declaration cannot derail it.
///
/// Nothing here fails: bytes that do not decode become U+FFFD (or, in text declared UTF-8, are read
/// as windows-1252, the usual culprit), and control characters that XML forbids become spaces.
/// Each repair is reported once, so the result can say the document was not well-formed.
enum Transcoding {
    struct Output {
        /// Replacement bytes, or nil when the input was already clean UTF-8 and can be used as is.
        var bytes: [UInt8]?
        var repairs: [String] = []
    }

    static func toUTF8(_ input: UnsafeBufferPointer<UInt8>, from encoding: String) -> Output {
        var decoded = decode(input, from: encoding)
        let entities: MarkupRepair.Output
        if let bytes = decoded.bytes {
            entities = bytes.withUnsafeBufferPointer { MarkupRepair.repair($0) }
        } else {
            entities = MarkupRepair.repair(input)
        }
        if let fixed = entities.bytes { decoded.bytes = fixed }
        decoded.repairs += entities.repairs
        return decoded
    }

    /// The bytes as UTF-8, without the markup repairs (for JSON, where `&` and `<` are plain text).
    static func decode(_ input: UnsafeBufferPointer<UInt8>, from encoding: String) -> Output {
        switch encoding {
        case "utf-8":
            return sanitizeUTF8(input)
        case "windows-1252":
            var out = decodeWindows1252(input)
            let clean = out.withUnsafeBufferPointer { sanitizeUTF8($0) }
            if let fixed = clean.bytes { out = fixed }
            return Output(bytes: out, repairs: clean.repairs)
        default:
            var converted = iconvToUTF8(input, from: encoding)
            let clean = converted.bytes!.withUnsafeBufferPointer { sanitizeUTF8($0) }
            if let fixed = clean.bytes { converted.bytes = fixed }
            converted.repairs += clean.repairs
            return converted
        }
    }

    // MARK: UTF-8

    /// Validates UTF-8 and XML character rules; copies only when something must change.
    static func sanitizeUTF8(_ input: UnsafeBufferPointer<UInt8>) -> Output {
        guard let firstBad = firstProblem(input) else { return Output(bytes: nil) }
        var out = [UInt8]()
        out.reserveCapacity(input.count + input.count / 8)
        out.append(contentsOf: UnsafeBufferPointer(rebasing: input[0..<firstBad]))
        var invalidBytes = 0, controlChars = 0
        var i = firstBad
        let n = input.count
        while i < n {
            let b = input[i]
            if b < 0x80 {
                if b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D {
                    out.append(0x20); controlChars += 1
                } else {
                    out.append(b)
                }
                i += 1
                continue
            }
            let length = validSequenceLength(input, at: i)
            if length > 0 {
                if isC1Control(input, at: i) {
                    // U+0080–U+009F: windows-1252 bytes that went through a Latin-1 decoder on their way.
                    appendUTF8(windows1252Scalar(input[i + 1]), to: &out)
                } else if isNonCharacter(input, at: i, length: length) {
                    out.append(contentsOf: [0xEF, 0xBF, 0xBD]); invalidBytes += length
                } else {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: input[i..<(i + length)]))
                }
                i += length
            } else {
                appendUTF8(windows1252Scalar(b), to: &out)
                invalidBytes += 1
                i += 1
            }
        }
        var repairs: [String] = []
        if invalidBytes > 0 {
            repairs.append("\(invalidBytes) bytes were not valid UTF-8; read as windows-1252")
        }
        if controlChars > 0 {
            repairs.append("\(controlChars) control characters that XML forbids were replaced by spaces")
        }
        return Output(bytes: out, repairs: repairs)
    }

    /// Index of the first byte needing repair, checking eight ASCII bytes at a time.
    private static func firstProblem(_ input: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = input.baseAddress else { return nil }
        let n = input.count
        var i = 0
        let high: UInt64 = 0x8080_8080_8080_8080
        while i < n {
            if i + 8 <= n {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                if word & high == 0 {
                    // Eight ASCII bytes: fine unless one is a control character other than tab, LF, CR
                    // (indentation puts those every few bytes, so they must not send us byte by byte).
                    // For an ASCII byte b, b < 0x20 exactly when b + 0x60 leaves bit 7 clear.
                    let control = ~(word &+ 0x6060_6060_6060_6060) & high
                    if control == 0 { i += 8; continue }
                    let allowed = Self.bytesEqual(word, 0x09) | Self.bytesEqual(word, 0x0A) | Self.bytesEqual(word, 0x0D)
                    if control & ~allowed == 0 { i += 8; continue }
                }
            }
            let b = base[i]
            if b < 0x80 {
                if b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D { return i }
                i += 1
                continue
            }
            let length = validSequenceLength(input, at: i)
            if length == 0 || isNonCharacter(input, at: i, length: length) || isC1Control(input, at: i) { return i }
            i += length
        }
        return nil
    }

    /// Bit 7 set in each byte of `word` that equals `byte`, exactly (no borrow between bytes).
    @inline(__always)
    static func bytesEqual(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let x = word ^ (UInt64(byte) &* 0x0101_0101_0101_0101)
        let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        return ~(((x & low) &+ low) | x) & 0x8080_8080_8080_8080
    }

    /// Length of the well-formed UTF-8 sequence starting at `i` (RFC 3629), or 0.
    private static func validSequenceLength(_ s: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let b0 = s[i]
        let n = s.count
        func cont(_ k: Int, _ lo: UInt8 = 0x80, _ hi: UInt8 = 0xBF) -> Bool {
            i + k < n && s[i + k] >= lo && s[i + k] <= hi
        }
        switch b0 {
        case 0xC2...0xDF: return cont(1) ? 2 : 0
        case 0xE0: return cont(1, 0xA0) && cont(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE, 0xEF: return cont(1) && cont(2) ? 3 : 0
        case 0xED: return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0
        case 0xF0: return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0
        case 0xF1...0xF3: return cont(1) && cont(2) && cont(3) ? 4 : 0
        case 0xF4: return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0
        default: return 0
        }
    }

    /// A C1 control character that windows-1252 gives a printable meaning (not 0x81, 0x8D, 0x8F, 0x90, 0x9D).
    @inline(__always)
    private static func isC1Control(_ s: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        s[i] == 0xC2 && i + 1 < s.count && s[i + 1] < 0xA0 && windows1252Scalar(s[i + 1]) > 0xFF
    }

    /// U+FFFE and U+FFFF are not XML characters.
    private static func isNonCharacter(_ s: UnsafeBufferPointer<UInt8>, at i: Int, length: Int) -> Bool {
        length == 3 && s[i] == 0xEF && s[i + 1] == 0xBF && (s[i + 2] == 0xBE || s[i + 2] == 0xBF)
    }

    static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            out.append(UInt8(scalar))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | (scalar >> 6)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | (scalar >> 12)))
            out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        default:
            out.append(UInt8(0xF0 | (scalar >> 18)))
            out.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        }
    }

    // MARK: windows-1252

    /// The WHATWG mapping of 0x80–0x9F; the rest of the high half is Latin-1.
    private static let windows1252High: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    static func windows1252Scalar(_ b: UInt8) -> UInt32 {
        if b >= 0x80 && b < 0xA0 { return windows1252High[Int(b - 0x80)] }
        return UInt32(b)
    }

    private static func decodeWindows1252(_ input: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(input.count + input.count / 4)
        for b in input {
            if b < 0x80 { out.append(b) } else { appendUTF8(windows1252Scalar(b), to: &out) }
        }
        return out
    }

    // MARK: iconv

    private static func iconvToUTF8(_ input: UnsafeBufferPointer<UInt8>, from encoding: String) -> Output {
        let cd = iconv_open("UTF-8", encoding)
        if cd == iconv_t(bitPattern: -1) {
            // An encoding nobody knows: read as UTF-8 (repairing), which is right far more often than not.
            var out = sanitizeUTF8(input)
            if out.bytes == nil { out.bytes = Array(input) }
            out.repairs.insert("unknown encoding \"\(encoding)\"; read as UTF-8", at: 0)
            return out
        }
        defer { iconv_close(cd) }
        var out = [UInt8](repeating: 0, count: max(64, input.count * 2))
        var undecodable = 0
        var inOffset = 0
        var outOffset = 0
        let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]
        while inOffset < input.count {
            var inLeft = input.count - inOffset
            var outLeft = out.count - outOffset
            let result: Int = out.withUnsafeMutableBufferPointer { outBuf in
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: input.baseAddress! + inOffset)
                    .assumingMemoryBound(to: CChar.self)
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress! + outOffset)
                    .assumingMemoryBound(to: CChar.self)
                return iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
            }
            inOffset = input.count - inLeft
            outOffset = out.count - outLeft
            if result != -1 { break }
            switch errno {
            case E2BIG:
                out.append(contentsOf: [UInt8](repeating: 0, count: out.count))
            case EILSEQ, EINVAL:
                // Undecodable or truncated sequence: mark it and step over one byte.
                if outOffset + 3 > out.count { out.append(contentsOf: [UInt8](repeating: 0, count: out.count)) }
                out.replaceSubrange(outOffset..<(outOffset + 3), with: replacement)
                outOffset += 3
                inOffset += 1
                undecodable += 1
            default:
                inOffset = input.count
            }
        }
        out.removeSubrange(outOffset...)
        var repairs: [String] = []
        if undecodable > 0 {
            repairs.append("\(undecodable) bytes could not be decoded as \(encoding); replaced by U+FFFD")
        }
        return Output(bytes: out, repairs: repairs)
    }
}
