import FeedCore
import Foundation

/// Decides which character encoding a document's bytes are in.
///
/// Order of authority: a byte-order mark, then the HTTP `Content-Type` charset (RFC 3023: it wins
/// over the document's own declaration), then the XML declaration, then UTF-8. A declaration that
/// contradicts the bytes (UTF-16 declared on ASCII-compatible bytes) is ignored.
enum CharsetDetection {
    struct Result: Equatable {
        /// Canonical name understood by iconv, lowercased; "utf-8" needs no transcoding.
        var encoding: String
        /// Bytes of byte-order mark to skip.
        var bomLength: Int
    }

    static func detect(_ bytes: UnsafeBufferPointer<UInt8>, httpCharset: String?) -> Result {
        if let bom = byteOrderMark(bytes) { return bom }
        let sniffed = sniffWideEncoding(bytes)
        if let http = httpCharset.map(canonicalName), isPlausible(http, sniffed: sniffed) {
            return Result(encoding: http, bomLength: 0)
        }
        if let sniffed { return Result(encoding: sniffed, bomLength: 0) }
        if isEBCDIC(bytes) {
            // `<?xml` in EBCDIC (XML 1.0 appendix F): the declaration, read in IBM037, names the code page.
            let declared = ebcdicDeclaredEncoding(bytes).map(canonicalName)
            return Result(encoding: declared ?? "ibm037", bomLength: 0)
        }
        if let declared = declaredEncoding(bytes).map(canonicalName), isPlausible(declared, sniffed: nil) {
            return Result(encoding: declared, bomLength: 0)
        }
        return Result(encoding: "utf-8", bomLength: 0)
    }

    /// The `charset` parameter of a Content-Type header value, if any.
    static func charset(fromContentType contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2,
                pair[0].trimmingASCIIWhitespace().lowercased() == "charset"
            else { continue }
            var value = pair[1].trimmingASCIIWhitespace()
            if value.hasPrefix("\"") || value.hasPrefix("'") { value = String(value.dropFirst()) }
            if value.hasSuffix("\"") || value.hasSuffix("'") { value = String(value.dropLast()) }
            return value.isEmpty ? nil : value
        }
        return nil
    }

    /// Maps the many spellings of an encoding to one iconv name. ISO-8859-1 and ASCII are read as
    /// windows-1252, their superset, as browsers do: feeds that say Latin-1 often hold curly quotes.
    static func canonicalName(_ raw: String) -> String {
        // Python's and Java's spellings (`iso8859_15`, `cp_is`) beside the IANA ones: underscores are
        // read as hyphens, so the names below are written with hyphens only.
        let name = raw.trimmingASCIIWhitespace().lowercased().replacingBytes("_", with: "-")
        switch name {
        case "utf8", "utf-8", "unicode-1-1-utf-8", "x-unicode20utf8": return "utf-8"
        case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "cp819", "ibm819",
            "us-ascii", "ascii", "iso-ir-100", "iso-8859-1:1987", "windows-1252", "cp1252", "x-cp1252":
            return "windows-1252"
        case "utf-16", "utf16", "unicode", "ucs-2": return "utf-16"
        case "utf-16le", "utf16le": return "utf-16le"
        case "utf-16be", "utf16be": return "utf-16be"
        case "utf-32", "utf32", "ucs-4": return "utf-32"
        case "utf-32le": return "utf-32le"
        case "utf-32be": return "utf-32be"
        case "shift-jis", "sjis", "x-sjis", "ms-kanji", "csshiftjis", "windows-31j", "cp932":
            return "cp932"
        case "gb2312", "gbk", "x-gbk", "euc-cn", "cp936", "csgb2312", "chinese", "gb-2312-80": return "gbk"
        case "gb18030": return "gb18030"
        case "big5", "big-5", "csbig5", "x-x-big5", "cn-big5": return "big5-hkscs"
        case "euc-kr", "ks-c-5601-1987", "korean", "cp949", "windows-949", "csksc56011987": return "cp949"
        case "euc-jp", "x-euc-jp", "cseucpkdfmtjapanese": return "euc-jp"
        case "koi8-r", "koi8r", "cskoi8r": return "koi8-r"
        case "koi8-u": return "koi8-u"
        case "cp-is", "cpis": return "cp861"
        case "ibm039": return "ibm037"
        case "macroman", "mac-roman", "x-mac-roman": return "macintosh"
        case "maciceland", "mac-iceland": return "mac-is"
        case "maclatin2", "mac-latin2", "maccentraleurope", "x-mac-ce": return "mac-centraleurope"
        case "shift-jis-2004", "shiftjis2004", "sjis-2004": return "shift_jisx0213"
        case "euc-jis-2004", "eucjis2004": return "euc-jisx0213"
        case "iso2022-jp", "iso2022jp": return "iso-2022-jp"
        case "iso2022-kr", "iso2022kr": return "iso-2022-kr"
        default:
            if name.hasPrefix("cp125"), name.count == 6 { return "windows-" + name.dropFirst(2) }
            if name.hasPrefix("win-125") { return "windows-" + name.dropFirst(4) }
            if name.hasPrefix("iso8859-") { return "iso-8859-" + name.dropFirst(8) }
            return name
        }
    }

    private static func isWide(_ encoding: String) -> Bool {
        encoding.hasPrefix("utf-16") || encoding.hasPrefix("utf-32")
    }

    /// A wide encoding is believed only when the bytes look wide, and a narrow one only when they don't.
    private static func isPlausible(_ encoding: String, sniffed: String?) -> Bool {
        if isWide(encoding) { return sniffed != nil && encoding.prefix(6) == sniffed!.prefix(6) }
        return sniffed == nil
    }

    private static func byteOrderMark(_ b: UnsafeBufferPointer<UInt8>) -> Result? {
        if b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { return Result(encoding: "utf-8", bomLength: 3) }
        if b.count >= 4, b[0] == 0xFF, b[1] == 0xFE, b[2] == 0, b[3] == 0 { return Result(encoding: "utf-32le", bomLength: 4) }
        if b.count >= 4, b[0] == 0, b[1] == 0, b[2] == 0xFE, b[3] == 0xFF { return Result(encoding: "utf-32be", bomLength: 4) }
        if b.count >= 2, b[0] == 0xFF, b[1] == 0xFE { return Result(encoding: "utf-16le", bomLength: 2) }
        if b.count >= 2, b[0] == 0xFE, b[1] == 0xFF { return Result(encoding: "utf-16be", bomLength: 2) }
        return nil
    }

    /// UTF-16/32 without a BOM, recognised by the zero bytes around the first `<` (XML 1.0 appendix F).
    private static func sniffWideEncoding(_ b: UnsafeBufferPointer<UInt8>) -> String? {
        guard b.count >= 4 else { return nil }
        switch (b[0], b[1], b[2], b[3]) {
        case (0x3C, 0, 0, 0): return "utf-32le"
        case (0, 0, 0, 0x3C): return "utf-32be"
        case (0x3C, 0, _, 0): return "utf-16le"
        case (0, 0x3C, 0, _): return "utf-16be"
        default: return nil
        }
    }

    private static func isEBCDIC(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        b.count >= 4 && b[0] == 0x4C && b[1] == 0x6F && b[2] == 0xA7 && b[3] == 0x94
    }

    /// The encoding an EBCDIC document's declaration names (read in IBM037, where the ASCII letters
    /// of a declaration are the same in every EBCDIC code page).
    private static func ebcdicDeclaredEncoding(_ b: UnsafeBufferPointer<UInt8>) -> String? {
        let head = UnsafeBufferPointer(rebasing: b[0..<min(b.count, 512)])
        guard let ascii = Transcoding.toUTF8(head, from: "ibm037").bytes else { return nil }
        return ascii.withUnsafeBufferPointer { declaredEncoding($0) }
    }

    /// The `encoding="…"` of an ASCII-compatible XML declaration.
    static func declaredEncoding(_ b: UnsafeBufferPointer<UInt8>) -> String? {
        var i = 0
        while i < b.count, i < 64, b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0A || b[i] == 0x0D { i += 1 }
        guard i + 5 < b.count, b[i] == 0x3C, b[i + 1] == 0x3F else { return nil }  // "<?"
        let end = min(b.count, i + 512)
        var j = i + 2
        var declarationEnd = end
        while j + 1 < end {
            if b[j] == 0x3F, b[j + 1] == 0x3E { declarationEnd = j; break }
            j += 1
        }
        let declaration = Array(b[i..<declarationEnd])
        let key = Array("encoding".utf8)
        guard
            let keyStart = (0...max(0, declaration.count - key.count)).first(where: {
                declaration[$0..<min(declaration.count, $0 + key.count)].elementsEqual(key)
            })
        else { return nil }
        var k = keyStart + key.count
        func skipSpace() { while k < declaration.count, [0x20, 0x09, 0x0A, 0x0D].contains(declaration[k]) { k += 1 } }
        skipSpace()
        guard k < declaration.count, declaration[k] == 0x3D else { return nil }  // '='
        k += 1
        skipSpace()
        guard k < declaration.count, declaration[k] == 0x22 || declaration[k] == 0x27 else { return nil }
        let quote = declaration[k]
        let valueStart = k + 1
        guard let valueEnd = declaration[valueStart...].firstIndex(of: quote) else { return nil }
        let value = String(decoding: declaration[valueStart..<valueEnd], as: UTF8.self)
        return value.isEmpty ? nil : String(value)
    }
}
