import CLibXML2
import Foundation

/// Parses RSS 0.9x/1.0/2.0, Atom 0.3/1.0 and CDF documents with libxml2's SAX parser, and JSON Feed 1.0/1.1.
///
/// Built for the hostile web: bytes are transcoded to UTF-8 first (HTTP charset, BOM, declaration,
/// repairs), broken XML is read in recovery mode, external entities and DTDs are never loaded, and
/// every size and depth is bounded by `ParseLimits`. Safe to call from many threads at once.
public enum FeedParser {
    /// Parses one document. Throws only when nothing can be read at all or a hard limit is passed;
    /// a merely broken document comes back with `wellFormed == false` and its errors listed.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>, options: ParseOptions = ParseOptions()) throws -> ParsedFeed {
        try parse(bytes, options: options, entries: nil)
    }

    /// Parses one document handing each entry to `entries` as soon as it is complete, in document
    /// order, instead of collecting them: the result's `entries` is then empty. Memory then stays at
    /// the document and one entry, however many entries it has.
    public static func parse(
        _ bytes: UnsafeBufferPointer<UInt8>, options: ParseOptions = ParseOptions(), entries sink: ((FeedEntry) -> Void)?
    ) throws -> ParsedFeed {
        _ = libxmlReady
        let limits = options.limits
        guard bytes.count <= limits.maxDocumentBytes else {
            throw FeedParseError.documentTooLarge(bytes: bytes.count, limit: limits.maxDocumentBytes)
        }
        let httpCharset = options.contentType.flatMap(CharsetDetection.charset(fromContentType:))
        let detected = CharsetDetection.detect(bytes, httpCharset: httpCharset)
        var start = detected.bomLength
        var skippedLeadingSpace = false
        if !detected.encoding.hasPrefix("utf-16"), !detected.encoding.hasPrefix("utf-32") {
            // White space before the XML declaration is an error libxml2 will not recover from.
            var i = start
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
            if i > start, i + 5 <= bytes.count, bytes[i] == 0x3C, bytes[i + 1] == 0x3F, bytes[i + 2] == 0x78,
                bytes[i + 3] == 0x6D, bytes[i + 4] == 0x6C
            {
                start = i
                skippedLeadingSpace = true
            }
        }
        let body = UnsafeBufferPointer(rebasing: bytes[start...])
        // JSON is only decoded: an `&` or `<` in it is text, not markup to repair.
        let isJSON = JSONFeed.looksLikeJSON(body)
        var transcoded = isJSON ? Transcoding.decode(body, from: detected.encoding) : Transcoding.toUTF8(body, from: detected.encoding)
        if skippedLeadingSpace {
            transcoded.repairs.insert("white space before the XML declaration was skipped", at: 0)
        }

        let parse = { (utf8: UnsafeBufferPointer<UInt8>) throws -> ParsedFeed in
            var result: ParsedFeed
            if isJSON {
                result = try JSONFeed.parse(utf8, options: options, entries: sink)
            } else {
                let reader = try FeedDocumentReader(utf8: utf8, options: options)
                reader.builder.entrySink = sink
                result = try reader.read()
                result.encoding = detected.encoding
            }
            if !transcoded.repairs.isEmpty {
                result.wellFormed = false
                result.errors.insert(contentsOf: transcoded.repairs.map { ParseIssue(line: 0, message: $0) }, at: 0)
            }
            return result
        }
        if let repaired = transcoded.bytes {
            return try repaired.withUnsafeBufferPointer(parse)
        }
        return try parse(body)
    }

    public static func parse(_ bytes: [UInt8], options: ParseOptions = ParseOptions()) throws -> ParsedFeed {
        try bytes.withUnsafeBufferPointer { try parse($0, options: options) }
    }

    public static func parse(_ data: Data, options: ParseOptions = ParseOptions()) throws -> ParsedFeed {
        try data.withUnsafeBytes { raw in
            try parse(raw.bindMemory(to: UInt8.self), options: options)
        }
    }

    /// libxml2's one-time set-up, done before any parse on any thread.
    static let libxmlReady: Void = fw_xml_global_init()
}
