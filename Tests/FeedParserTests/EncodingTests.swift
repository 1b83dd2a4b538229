import Foundation
import Testing

@testable import FeedParser

/// Documents in many encodings, as raw bytes: the title must come out as the same Unicode text.
@Suite("Encodings")
struct EncodingTests {
    /// A one-item RSS document whose title is `titleBytes`, declared with `declaration` (nil: none).
    static func document(declaration: String?, titleBytes: [UInt8]) -> [UInt8] {
        var bytes = Array((declaration.map { "<?xml version=\"1.0\" encoding=\"\($0)\"?>\n" } ?? "").utf8)
        bytes += Array("<rss version=\"2.0\"><channel><item><title>".utf8)
        bytes += titleBytes
        bytes += Array("</title></item></channel></rss>".utf8)
        return bytes
    }

    static func title(_ bytes: [UInt8], contentType: String? = nil) throws -> (String?, ParsedFeed) {
        let parsed = try FeedParser.parse(bytes, options: ParseOptions(contentType: contentType))
        return (parsed.entries.first?.title, parsed)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let encoding: String
        let bytes: [UInt8]
        let text: String
        var testDescription: String { encoding }
    }

    static let declared: [Case] = [
        Case(encoding: "ISO-8859-1", bytes: [0x43, 0x61, 0x66, 0xE9], text: "Café"),
        Case(encoding: "iso-8859-1", bytes: [0x93, 0x51, 0x94], text: "“Q”"),  // windows-1252 superset
        Case(encoding: "windows-1252", bytes: [0x80, 0x20, 0x96, 0x20, 0x85], text: "€ – …"),
        Case(encoding: "ISO-8859-2", bytes: [0xA3, 0xF3, 0x64, 0xBC], text: "Łódź"),
        Case(encoding: "ISO-8859-5", bytes: [0xBC, 0xDE, 0xE1, 0xDA, 0xD2, 0xD0], text: "Москва"),
        Case(encoding: "ISO-8859-7", bytes: [0xE1, 0xE8, 0xDE, 0xED, 0xE1], text: "αθήνα"),
        Case(encoding: "ISO-8859-15", bytes: [0xA4, 0x35], text: "€5"),
        Case(encoding: "windows-1250", bytes: [0x8A, 0x6B, 0x6F, 0x64, 0x61], text: "Škoda"),
        Case(encoding: "windows-1251", bytes: [0xCF, 0xF3, 0xF2, 0xE8, 0xED], text: "Путин"),
        Case(encoding: "cp1251", bytes: [0xCE, 0xF0, 0xE1, 0xE0, 0xED], text: "Орбан"),
        Case(encoding: "windows-1253", bytes: [0xC1, 0xE8, 0xDE, 0xED, 0xE1], text: "Αθήνα"),
        Case(encoding: "windows-1254", bytes: [0x49, 0x73, 0x74, 0x61, 0x6E, 0x62, 0x75, 0x6C, 0x20, 0xFD], text: "Istanbul ı"),
        Case(encoding: "windows-1256", bytes: [0xE3, 0xD1, 0xCD, 0xC8, 0xC7], text: "مرحبا"),
        Case(encoding: "KOI8-R", bytes: [0xF0, 0xD2, 0xC9, 0xD7, 0xC5, 0xD4], text: "Привет"),
        Case(encoding: "KOI8-U", bytes: [0xB4], text: "Є"),
        Case(encoding: "Shift_JIS", bytes: [0x93, 0xFA, 0x96, 0x7B], text: "日本"),
        Case(encoding: "EUC-JP", bytes: [0xC6, 0xFC, 0xCB, 0xDC], text: "日本"),
        Case(encoding: "EUC-KR", bytes: [0xC7, 0xD1, 0xB1, 0xB9], text: "한국"),
        Case(encoding: "ks_c_5601-1987", bytes: [0xC7, 0xD1, 0xB1, 0xB9], text: "한국"),  // Microsoft's label
        Case(encoding: "MS_Kanji", bytes: [0x93, 0xFA, 0x96, 0x7B], text: "日本"),
        Case(encoding: "ISO_8859-2", bytes: [0xA3, 0xF3, 0x64, 0xBC], text: "Łódź"),
        Case(encoding: "GB2312", bytes: [0xD6, 0xD0, 0xCE, 0xC4], text: "中文"),
        Case(encoding: "GBK", bytes: [0xD6, 0xD0, 0xCE, 0xC4], text: "中文"),
        Case(encoding: "GB18030", bytes: [0xD6, 0xD0, 0xCE, 0xC4], text: "中文"),
        Case(encoding: "Big5", bytes: [0xA4, 0xA4, 0xA4, 0xE5], text: "中文"),
        Case(encoding: "US-ASCII", bytes: Array("plain".utf8), text: "plain"),
        Case(encoding: "UTF-8", bytes: [0xC3, 0xA9, 0xE2, 0x82, 0xAC], text: "é€"),
        // DOS and Mac code pages, under the names Python, Java and IANA give them.
        Case(encoding: "cp437", bytes: [0x80], text: "Ç"),
        Case(encoding: "IBM437", bytes: [0x80], text: "Ç"),
        Case(encoding: "cspc8codepage437", bytes: [0x80], text: "Ç"),
        Case(encoding: "cp855", bytes: [0x80], text: "ђ"),
        Case(encoding: "cspc862latinhebrew", bytes: [0x80], text: "א"),
        Case(encoding: "ibm866", bytes: [0x80], text: "А"),
        Case(encoding: "cp737", bytes: [0x80], text: "Α"),
        Case(encoding: "cspc775baltic", bytes: [0x80], text: "Ć"),
        Case(encoding: "cp874", bytes: [0x80], text: "€"),
        Case(encoding: "cp1125", bytes: [0x80], text: "А"),
        Case(encoding: "cp_is", bytes: [0x8B], text: "Ð"),
        Case(encoding: "csmacintosh", bytes: [0x80], text: "Ä"),
        Case(encoding: "mac_roman", bytes: [0x80], text: "Ä"),
        Case(encoding: "cskoi8r", bytes: [0xF0, 0xD2, 0xC9, 0xD7, 0xC5, 0xD4], text: "Привет"),
        Case(encoding: "iso8859_15", bytes: [0xA4], text: "€"),
    ]

    @Test("declared in the XML declaration", arguments: declared)
    func declaredEncoding(_ c: Case) throws {
        let (title, parsed) = try Self.title(Self.document(declaration: c.encoding, titleBytes: c.bytes))
        #expect(title == c.text)
        #expect(parsed.wellFormed)
    }

    @Test("given by the HTTP charset", arguments: declared)
    func httpCharset(_ c: Case) throws {
        let (title, _) = try Self.title(
            Self.document(declaration: nil, titleBytes: c.bytes),
            contentType: "application/rss+xml; charset=\(c.encoding)")
        #expect(title == c.text)
    }

    @Test("the HTTP charset wins over the declaration (RFC 3023)")
    func httpWins() throws {
        let bytes = Self.document(declaration: "ISO-8859-1", titleBytes: [0xCF, 0xF3, 0xF2, 0xE8, 0xED])
        let (title, parsed) = try Self.title(bytes, contentType: "text/xml; charset=\"windows-1251\"")
        #expect(title == "Путин")
        #expect(parsed.encoding == "windows-1251")
        let (declaredTitle, _) = try Self.title(bytes)
        #expect(declaredTitle == "Ïóòèí")
    }

    @Test("Content-Type without charset leaves the declaration in charge")
    func contentTypeWithoutCharset() throws {
        let bytes = Self.document(declaration: "KOI8-R", titleBytes: [0xF0, 0xD2, 0xC9, 0xD7, 0xC5, 0xD4])
        #expect(try Self.title(bytes, contentType: "application/xml").0 == "Привет")
    }

    static func utf16(_ text: String, bigEndian: Bool, bom: Bool) -> [UInt8] {
        var out: [UInt8] = bom ? (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) : []
        for unit in text.utf16 {
            let hi = UInt8(unit >> 8), lo = UInt8(unit & 0xFF)
            out += bigEndian ? [hi, lo] : [lo, hi]
        }
        return out
    }

    static func utf32(_ text: String, bigEndian: Bool, bom: Bool) -> [UInt8] {
        var out: [UInt8] = bom ? (bigEndian ? [0, 0, 0xFE, 0xFF] : [0xFF, 0xFE, 0, 0]) : []
        for scalar in text.unicodeScalars {
            let v = scalar.value
            let bytes = [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
            out += bigEndian ? bytes : bytes.reversed()
        }
        return out
    }

    static let wideText =
        "<?xml version=\"1.0\" encoding=\"UTF-16\"?><rss version=\"2.0\"><channel><item><title>Zürich 日本 🚀</title></item></channel></rss>"

    @Test("UTF-16 and UTF-32, with and without a byte-order mark")
    func wideEncodings() throws {
        for bigEndian in [true, false] {
            for bom in [true, false] {
                let sixteen = Self.utf16(Self.wideText, bigEndian: bigEndian, bom: bom)
                #expect(try Self.title(sixteen).0 == "Zürich 日本 🚀", "UTF-16 \(bigEndian ? "BE" : "LE") bom=\(bom)")
                let text32 = Self.wideText.replacingOccurrences(of: "UTF-16", with: "UTF-32")
                let thirtyTwo = Self.utf32(text32, bigEndian: bigEndian, bom: bom)
                #expect(try Self.title(thirtyTwo).0 == "Zürich 日本 🚀", "UTF-32 \(bigEndian ? "BE" : "LE") bom=\(bom)")
            }
        }
    }

    @Test("a UTF-8 byte-order mark is skipped")
    func utf8BOM() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Self.document(declaration: "utf-8", titleBytes: Array("Ok".utf8))
        let (title, parsed) = try Self.title(bytes)
        #expect(title == "Ok")
        #expect(parsed.wellFormed)
    }

    @Test("a BOM wins over a contradicting declaration")
    func bomWins() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Self.document(declaration: "ISO-8859-1", titleBytes: [0xC3, 0xA9])
        #expect(try Self.title(bytes).0 == "é")
    }

    @Test("UTF-16 declared on single-byte text is read as UTF-8")
    func wrongWideDeclaration() throws {
        let bytes = Self.document(declaration: "UTF-16", titleBytes: [0xC3, 0xA9])
        #expect(try Self.title(bytes).0 == "é")
    }

    @Test("invalid UTF-8 is recovered as windows-1252, not fatal")
    func invalidUTF8() throws {
        // "Café" in Latin-1 inside a document that claims UTF-8, followed by a valid "€".
        let bytes = Self.document(declaration: "UTF-8", titleBytes: [0x43, 0x61, 0x66, 0xE9, 0x20, 0xE2, 0x82, 0xAC])
        let (title, parsed) = try Self.title(bytes)
        #expect(title == "Café €")
        #expect(!parsed.wellFormed)
        #expect(parsed.errors.contains { $0.message.contains("not valid UTF-8") })
    }

    @Test("truncated and overlong UTF-8 sequences are recovered")
    func malformedSequences() throws {
        let cases: [[UInt8]] = [[0xE2, 0x82], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xFF, 0xFE]]
        for bad in cases {
            let (title, parsed) = try Self.title(Self.document(declaration: nil, titleBytes: Array("a".utf8) + bad + Array("z".utf8)))
            #expect(title?.hasPrefix("a") == true && title?.hasSuffix("z") == true, "\(bad)")
            #expect(!parsed.wellFormed)
        }
    }

    @Test("bytes that do not decode in the declared encoding become U+FFFD")
    func undecodableMultibyte() throws {
        let (title, parsed) = try Self.title(Self.document(declaration: "Shift_JIS", titleBytes: [0x93, 0xFA, 0x81, 0x20, 0x41]))
        #expect(title?.hasPrefix("日") == true)
        #expect(title?.contains("\u{FFFD}") == true)
        #expect(title?.hasSuffix("A") == true)
        #expect(!parsed.wellFormed)
    }

    @Test("an unknown encoding name is read as UTF-8 and reported")
    func unknownEncoding() throws {
        let (title, parsed) = try Self.title(Self.document(declaration: "x-no-such-charset", titleBytes: [0xC3, 0xA9]))
        #expect(title == "é")
        #expect(parsed.errors.contains { $0.message.contains("unknown encoding") })
    }

    @Test("control characters that XML forbids become spaces")
    func controlCharacters() throws {
        let (title, parsed) = try Self.title(Self.document(declaration: nil, titleBytes: [0x61, 0x0B, 0x62, 0x1F, 0x63, 0x00, 0x64]))
        #expect(title == "a b c d")
        #expect(!parsed.wellFormed)
    }

    @Test("an EBCDIC document is recognised and read in the code page its declaration names")
    func ebcdic() throws {
        // Written with Python's cp500 codec: `<?xml … encoding="cp500"?>` and a title "Été à Zürich [1]".
        let hex =
            "4c6fa7949340a58599a28996957e7ff14bf07f4085958396848995877e7f8397f5f0f07f6f6e4c99a2a240a58599a28996957e7ff2"
            + "4bf07f6e4c838881959585936e4c89a385946e4ca389a393856e71a351404440e9dc99898388404af15a4c61a389a393856e4c"
            + "6189a385946e4c61838881959585936e4c6199a2a26e"
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            bytes.append(UInt8(hex[index..<next], radix: 16)!)
            index = next
        }
        let (title, parsed) = try Self.title(bytes)
        #expect(title == "Été à Zürich [1]")
        #expect(parsed.encoding == "cp500")
        #expect(parsed.wellFormed)
    }

    @Test("windows-1252 code points written as C1 characters or references are read as windows-1252 meant them")
    func windows1252CodePoints() throws {
        // U+0092 in UTF-8, `&#146;` and `&#x96;`: what a Latin-1 round trip or an HTML editor leaves.
        let bytes = Self.document(
            declaration: "utf-8", titleBytes: Array("don".utf8) + [0xC2, 0x92] + Array("t &#146; &#x96; &#x81;".utf8))
        let (title, parsed) = try Self.title(bytes)
        #expect(title == "don’t ’ – \u{81}")
        #expect(parsed.wellFormed)
    }

    @Test("a forbidden control character is found wherever it sits among tabs and line ends, and those are kept")
    func controlCharacterAnyPosition() {
        let text = Array("ab\tcd\nef\rgh  ij\n\n\t\tklmnopqrstuvwxyz0123456789\r\nABCDEFGH".utf8)
        #expect(text.withUnsafeBufferPointer { Transcoding.sanitizeUTF8($0).bytes } == nil, "clean text is not copied")
        for position in 0..<text.count {
            for bad: UInt8 in [0x00, 0x01, 0x08, 0x0B, 0x0C, 0x0E, 0x1F] {
                var bytes = text
                bytes[position] = bad
                let repaired = bytes.withUnsafeBufferPointer { Transcoding.sanitizeUTF8($0) }.bytes
                var expected = text
                expected[position] = 0x20
                #expect(repaired == expected, "byte \(bad) at \(position)")
            }
        }
    }

    @Test("charset parameter forms")
    func charsetParameter() {
        #expect(CharsetDetection.charset(fromContentType: "text/xml; charset=UTF-8") == "UTF-8")
        #expect(CharsetDetection.charset(fromContentType: "text/xml;charset=\"koi8-r\"") == "koi8-r")
        #expect(CharsetDetection.charset(fromContentType: "application/rss+xml; q=1; Charset='cp1251' ") == "cp1251")
        #expect(CharsetDetection.charset(fromContentType: "text/xml") == nil)
        #expect(CharsetDetection.charset(fromContentType: "text/xml; charset=") == nil)
    }
}
