import Foundation
import Testing

@testable import FeedParser

/// Hostile documents: every one must come back quickly, bounded, and without touching the system.
@Suite("Safety and limits")
struct SafetyTests {
    @Test("billion laughs: no expansion, bounded output, quick")
    func billionLaughs() throws {
        var dtd = "<!ENTITY lol \"lol\">\n"
        for level in 1...9 {
            dtd += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level == 1 ? "" : String(level - 1));", count: 10) + "\">\n"
        }
        let document =
            "<?xml version=\"1.0\"?><!DOCTYPE rss [\(dtd)]><rss version=\"2.0\"><channel><title>&lol9;</title>"
            + "<item><title>&lol9;&lol9;</title></item></channel></rss>"
        let clock = ContinuousClock()
        let start = clock.now
        let parsed = try FeedParser.parse(Array(document.utf8))
        #expect(clock.now - start < .seconds(1))
        #expect(parsed.feed.title == "&lol9;")
        #expect(parsed.entries.first?.title == "&lol9;&lol9;")
        let json = parsed.jsonData()
        #expect(json.count < 10_000)
    }

    @Test("XXE: /etc/passwd is never read, in content or attributes")
    func externalEntity() throws {
        let document = """
            <?xml version="1.0"?>
            <!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>
            <rss version="2.0"><channel><title>&xxe;</title><item><title>&xxe;</title><link>http://e.com/&xxe;</link></item></channel></rss>
            """
        let parsed = try FeedParser.parse(Array(document.utf8))
        let json = String(decoding: parsed.jsonData(), as: UTF8.self)
        #expect(!json.contains("root:"))
        #expect(parsed.feed.title == "&xxe;")
    }

    @Test("external DTD with a network URL is not fetched")
    func externalDTD() throws {
        // Port 9 (discard) on loopback: if libxml2 tried, it would fail or hang; it must not try.
        let document =
            "<?xml version=\"1.0\"?><!DOCTYPE rss SYSTEM \"http://127.0.0.1:9/rss.dtd\"><rss version=\"2.0\"><channel><title>x</title></channel></rss>"
        let clock = ContinuousClock()
        let start = clock.now
        let parsed = try FeedParser.parse(Array(document.utf8))
        #expect(clock.now - start < .seconds(1))
        #expect(parsed.feed.title == "x")
    }

    @Test("nesting deeper than the limit is a clear error with a line")
    func tooDeep() throws {
        let depth = 300
        let document =
            "<rss version=\"2.0\"><channel>\n" + String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)
            + "</channel></rss>"
        #expect(throws: FeedParseError.tooDeep(line: 2, limit: 200)) {
            try FeedParser.parse(Array(document.utf8))
        }
        let shallow =
            "<rss version=\"2.0\"><channel>" + String(repeating: "<a>", count: 50) + String(repeating: "</a>", count: 50)
            + "<title>ok</title></channel></rss>"
        #expect(try FeedParser.parse(Array(shallow.utf8)).feed.title == "ok")
    }

    @Test("the depth limit is configurable")
    func configurableDepth() throws {
        let document = "<rss version=\"2.0\"><channel><item><title>t</title></item></channel></rss>"
        var limits = ParseLimits()
        limits.maxDepth = 2
        #expect(throws: FeedParseError.self) {
            try FeedParser.parse(Array(document.utf8), options: ParseOptions(limits: limits))
        }
        limits.maxDepth = 3
        #expect(try FeedParser.parse(Array(document.utf8), options: ParseOptions(limits: limits)).entries.count == 1)
    }

    @Test("a document over the size limit is refused before parsing")
    func tooLarge() throws {
        var limits = ParseLimits()
        limits.maxDocumentBytes = 1000
        let document = Array(
            ("<rss version=\"2.0\"><channel><title>" + String(repeating: "x", count: 2000) + "</title></channel></rss>").utf8)
        #expect(throws: FeedParseError.documentTooLarge(bytes: document.count, limit: 1000)) {
            try FeedParser.parse(document, options: ParseOptions(limits: limits))
        }
    }

    @Test("a JSON Feed of too many values or too many bytes is refused before Foundation builds its tree")
    func jsonBombs() throws {
        let head = #"{"version": "https://jsonfeed.org/version/1.1", "items": ["#
        // 2 MiB of empty objects: within the byte bound, far past the value bound (~190 bytes each in memory).
        let objects = Array((head + Array(repeating: "{}", count: 700_000).joined(separator: ",") + "]}").utf8)
        #expect {
            try FeedParser.parse(objects)
        } throws: { error in
            guard case .unreadable(let why) = error as? FeedParseError else { return false }
            return why.contains("more than 500000 values")
        }
        // Commas and brackets inside strings are text, not values.
        let text = Array((head + #"{"id": "1", "content_text": ""# + String(repeating: "[{,", count: 400_000) + #""}]}"#).utf8)
        #expect(try FeedParser.parse(text).entries.first?.content.first?.value.count == 1_200_000)
        let limits = ParseLimits(maxJSONBytes: 1 << 20)
        #expect(throws: FeedParseError.documentTooLarge(bytes: text.count, limit: 1 << 20)) {
            try FeedParser.parse(text, options: ParseOptions(limits: limits))
        }
        // One for the document, then each { [ and , outside strings (an escaped quote does not end one).
        #expect(Array(#"{"a": [1, 2, {"b": "x,y\"[{"}]}"#.utf8).withUnsafeBufferPointer { JSONFeed.valueCount($0) } == 6)
    }

    @Test("a 5 MB title is truncated at the field limit, on a character boundary")
    func hugeTitle() throws {
        let title = String(repeating: "é", count: 2_500_000)  // 5 MB of UTF-8
        let document = Array(
            "<rss version=\"2.0\">\n<channel>\n<item>\n<title>\(title)</title><link>http://e.com/after</link></item></channel></rss>".utf8)
        let parsed = try FeedParser.parse(document)
        let got = try #require(parsed.entries.first?.title)
        #expect(got.utf8.count <= ParseLimits.default.maxFieldBytes)
        #expect(got.utf8.count >= ParseLimits.default.maxFieldBytes - 1)
        #expect(got.allSatisfy { $0 == "é" })
        #expect(parsed.entries.first?.link == "http://e.com/after")
        #expect(parsed.errors.contains { $0.message.contains("truncated") && $0.line == 4 }, "names the line: \(parsed.errors)")
    }

    @Test("entries past the limit are dropped and reported")
    func entryLimit() throws {
        var limits = ParseLimits()
        limits.maxEntries = 10
        let items = (0..<25).map { "<item><title>\($0)</title></item>" }.joined()
        let parsed = try FeedParser.parse(
            Array("<rss version=\"2.0\"><channel>\(items)</channel></rss>".utf8),
            options: ParseOptions(limits: limits))
        #expect(parsed.entries.count == 10)
        #expect(parsed.entries.last?.title == "9")
        #expect(parsed.errors.contains { $0.message.contains("entry limit") })
    }

    @Test("100,000 items parse within the default limits")
    func manyItems() throws {
        let items = String(repeating: "<item><title>t</title><guid>g</guid></item>", count: 100_000)
        let parsed = try FeedParser.parse(Array("<rss version=\"2.0\"><channel>\(items)</channel></rss>".utf8))
        #expect(parsed.entries.count == 100_000)
    }

    @Test("the error list is capped")
    func errorCap() throws {
        var limits = ParseLimits()
        limits.maxIssues = 5
        let broken = String(repeating: "<x a=1/>", count: 50)
        let parsed = try FeedParser.parse(
            Array("<rss version=\"2.0\"><channel>\(broken)<title>t</title></channel></rss>".utf8),
            options: ParseOptions(limits: limits))
        #expect(parsed.errors.count == 6)
        #expect(parsed.errors.last?.message.contains("more errors") == true)
        #expect(parsed.feed.title == "t")
    }

    @Test("binary garbage is unreadable, not a crash", arguments: [0, 1, 2, 3, 4, 5, 6, 7])
    func garbage(seed: Int) {
        var state = UInt64(seed + 1) &* 0x9E37_79B9_7F4A_7C15
        let bytes = (0..<4096).map { _ -> UInt8 in
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return UInt8(truncatingIfNeeded: state)
        }
        do {
            let parsed = try FeedParser.parse(bytes)
            #expect(parsed.version == .unknown || !parsed.wellFormed)
        } catch {
            #expect(error is FeedParseError)
        }
    }

    @Test("every prefix of a real feed parses without crashing")
    func truncations() throws {
        let url = FixtureCase.directory.appendingPathComponent("feeds/europe-desk-rss20.xml")
        let bytes = [UInt8](try Data(contentsOf: url))
        var entryCounts: [Int] = []
        for length in stride(from: 1, through: bytes.count, by: 97) {
            let parsed = try? FeedParser.parse(Array(bytes[0..<length]))
            entryCounts.append(parsed?.entries.count ?? 0)
        }
        #expect(entryCounts == entryCounts.sorted(), "a longer prefix never yields fewer entries")
        #expect(entryCounts.last ?? 0 > 0)
    }

    @Test("parsing from many threads at once gives the same result")
    func concurrent() async throws {
        let url = FixtureCase.directory.appendingPathComponent("feeds/europe-desk-rss20.xml")
        let bytes = [UInt8](try Data(contentsOf: url))
        let expected = try FeedParser.parse(bytes)
        try await withThrowingTaskGroup(of: ParsedFeed.self) { group in
            for _ in 0..<32 { group.addTask { try FeedParser.parse(bytes) } }
            for try await result in group { #expect(result == expected) }
        }
    }
}
