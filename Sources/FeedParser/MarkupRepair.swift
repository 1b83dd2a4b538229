#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Rewrites, before libxml2 sees them, the characters it would drop or stop at.
///
/// - HTML named references (`&eacute;`, `&nbsp;`, `&rsquo;`), which XML does not define, become numeric
///   references to the same characters.
/// - A bare `&` that starts no reference ("AT&T", "Q&A") becomes `&amp;`, and so does a reference to
///   an entity that neither XML nor HTML defines, which is then kept as written.
/// - A `<` that cannot start markup ("1 < 2", "<3") becomes `&lt;`: libxml2's push parser gives up on
///   the whole document at such a character.
///
/// CDATA sections and comments are left alone: an `&` or `<` there is already plain text. Entities
/// declared in a document's own DTD are never expanded by the parser, so they too are kept as written.
enum MarkupRepair {
    struct Output {
        var bytes: [UInt8]?
        var htmlEntities = 0
        var bareAmpersands = 0
        var bareLessThans = 0

        var repairs: [String] {
            var notes: [String] = []
            if htmlEntities > 0 { notes.append("\(htmlEntities) HTML entity references that XML does not define were resolved") }
            if bareAmpersands > 0 { notes.append("\(bareAmpersands) unescaped '&' characters were read as text") }
            if bareLessThans > 0 { notes.append("\(bareLessThans) unescaped '<' characters were read as text") }
            return notes
        }
    }

    static func repair(_ input: UnsafeBufferPointer<UInt8>) -> Output {
        guard let base = input.baseAddress else { return Output() }
        let n = input.count
        var fixes: [(at: Int, length: Int, replacement: [UInt8])] = []
        var output = Output()
        var sections: [Range<Int>]?
        // Only when something looks wrong are the CDATA sections and comments found, which most feeds never need.
        func isInsideSection(_ at: Int, _ index: inout Int) -> Bool {
            if sections == nil { sections = markupSections(input) }
            while index < sections!.count, sections![index].upperBound <= at { index += 1 }
            return index < sections!.count && sections![index].contains(at)
        }
        var sectionIndex = 0
        var i = 0
        while i < n, let found = memchr(base + i, 0x3C, n - i) {
            let at = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            i = at + 1
            if at + 1 < n, canStartMarkup(base[at + 1]) { continue }
            if isInsideSection(at, &sectionIndex) { continue }
            fixes.append((at, 1, Array("&lt;".utf8)))
            output.bareLessThans += 1
        }
        let lessThanFixes = fixes
        fixes = []
        sectionIndex = 0
        i = 0
        while i < n, let found = memchr(base + i, 0x26, n - i) {
            let at = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            i = at + 1
            let reference = scanReference(input, at: at)
            if case .valid = reference { continue }
            if isInsideSection(at, &sectionIndex) { continue }
            switch reference {
            case .valid:
                break
            case let .html(length, utf8):
                fixes.append((at, length, numericReferences(utf8)))
                output.htmlEntities += 1
            case let .windows1252(length, utf8):
                fixes.append((at, length, numericReferences(utf8)))  // an interpretation, not a repair
            case .bare:
                fixes.append((at, 1, Array("&amp;".utf8)))
                output.bareAmpersands += 1
            }
        }
        if !lessThanFixes.isEmpty { fixes = (fixes + lessThanFixes).sorted { $0.at < $1.at } }
        guard !fixes.isEmpty else { return output }
        var out = [UInt8]()
        out.reserveCapacity(n + fixes.count * 8)
        var copied = 0
        for fix in fixes {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: input[copied..<fix.at]))
            out.append(contentsOf: fix.replacement)
            copied = fix.at + fix.length
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: input[copied..<n]))
        output.bytes = out
        return output
    }

    private enum Reference {
        case valid
        case html(length: Int, utf8: [UInt8])
        case windows1252(length: Int, utf8: [UInt8])
        case bare
    }

    /// What the `&` at `at` starts: an XML reference, an HTML named reference, or nothing.
    private static func scanReference(_ s: UnsafeBufferPointer<UInt8>, at: Int) -> Reference {
        var j = at + 1
        let n = s.count
        if j < n, s[j] == 0x23 {  // '#'
            j += 1
            let hex = j < n && (s[j] | 0x20) == 0x78
            if hex { j += 1 }
            let digitsStart = j
            var value: UInt32 = 0
            while j < n, j - digitsStart < 10, isDigit(s[j]) || (hex && isHexLetter(s[j])) {
                let digit = isDigit(s[j]) ? UInt32(s[j] - 0x30) : UInt32((s[j] | 0x20) - 0x61 + 10)
                value = value &* (hex ? 16 : 10) &+ digit
                j += 1
            }
            guard j > digitsStart && j < n && s[j] == 0x3B else { return .bare }
            // `&#146;`: a windows-1252 code point written as a reference, as HTML reads it (a C1
            // control character is never what a feed means).
            if value >= 0x80, value < 0xA0 {
                let scalar = Transcoding.windows1252Scalar(UInt8(value))
                if scalar != value {
                    var utf8: [UInt8] = []
                    Transcoding.appendUTF8(scalar, to: &utf8)
                    return .windows1252(length: j - at + 1, utf8: utf8)
                }
            }
            return .valid
        }
        if isPredefined(s, at: j) { return .valid }
        let nameStart = j
        while j < n, j - nameStart <= 32, isNameByte(s[j]) { j += 1 }
        guard j > nameStart, j < n, s[j] == 0x3B else { return .bare }
        let name = String(decoding: UnsafeBufferPointer(rebasing: s[nameStart..<j]), as: UTF8.self)
        switch name {
        case "amp", "lt", "gt", "quot", "apos": return .valid
        default:
            if let utf8 = HTMLEntities.utf8(named: name) { return .html(length: j - at + 1, utf8: utf8) }
            return .bare
        }
    }

    /// `lt;`, `gt;`, `amp;`, `quot;` or `apos;` at `j`, checked on bytes: these are most of the
    /// references in a feed, and this runs for each one.
    private static func isPredefined(_ s: UnsafeBufferPointer<UInt8>, at j: Int) -> Bool {
        let n = s.count
        func byte(_ k: Int) -> UInt8 { j + k < n ? s[j + k] : 0 }
        switch byte(0) {
        case 0x6C, 0x67: return byte(1) == 0x74 && byte(2) == 0x3B  // lt; gt;
        case 0x61:
            return (byte(1) == 0x6D && byte(2) == 0x70 && byte(3) == 0x3B)  // amp;
                || (byte(1) == 0x70 && byte(2) == 0x6F && byte(3) == 0x73 && byte(4) == 0x3B)  // apos;
        case 0x71: return byte(1) == 0x75 && byte(2) == 0x6F && byte(3) == 0x74 && byte(4) == 0x3B  // quot;
        default: return false
        }
    }

    /// `&#x…;` references for the characters of an HTML entity.
    private static func numericReferences(_ utf8: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        for scalar in String(decoding: utf8, as: UTF8.self).unicodeScalars {
            out.append(contentsOf: Array("&#x\(String(scalar.value, radix: 16));".utf8))
        }
        return out
    }

    /// Byte ranges of `<![CDATA[ … ]]>` and `<!-- … -->`, in order.
    private static func markupSections(_ s: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        guard let base = s.baseAddress else { return [] }
        var ranges: [Range<Int>] = []
        let n = s.count
        var i = 0
        while i < n, let found = memchr(base + i, 0x3C, n - i) {
            let at = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            i = at + 1
            guard at + 3 < n, s[at + 1] == 0x21 else { continue }  // "<!"
            let terminator: [UInt8]
            if s[at + 2] == 0x2D, s[at + 3] == 0x2D {
                terminator = Array("-->".utf8)
            } else if matches(s, at: at, "<![CDATA[") {
                terminator = Array("]]>".utf8)
            } else {
                continue
            }
            let end = find(terminator, in: s, from: at + 4) ?? n
            ranges.append(at..<end)
            i = end
        }
        return ranges
    }

    private static func matches(_ s: UnsafeBufferPointer<UInt8>, at: Int, _ literal: String) -> Bool {
        var k = at
        for b in literal.utf8 {
            guard k < s.count, s[k] == b else { return false }
            k += 1
        }
        return true
    }

    private static func find(_ needle: [UInt8], in s: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard let base = s.baseAddress else { return nil }
        var i = from
        while i < s.count, let hit = memchr(base + i, Int32(needle[0]), s.count - i) {
            let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if at + needle.count <= s.count, memcmp(base + at, needle, needle.count) == 0 { return at + needle.count }
            i = at + 1
        }
        return nil
    }

    /// After `<`: a name start character, `/`, `!` or `?`. (Bytes ≥ 0x80 start non-ASCII names.)
    private static func canStartMarkup(_ b: UInt8) -> Bool {
        (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || b == 0x2F || b == 0x21 || b == 0x3F || b == 0x5F || b == 0x3A || b >= 0x80
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    private static func isHexLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x66 }
    private static func isNameByte(_ b: UInt8) -> Bool {
        (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || isDigit(b)
    }
}
