import Foundation
import TestSupport
import Testing

@testable import FeedParser

/// `feedwatch parse` as a real process: output, JSON shape and exit codes.
@Suite("feedwatch parse (process)")
struct CommandLineTests {
    static func run(_ arguments: [String], stdin: Data? = nil) throws -> FeedwatchProcess.Run {
        try FeedwatchProcess.run(arguments, stdin: stdin)
    }

    static let feedPath = FixtureCase.directory.appendingPathComponent("feeds/newsroom-atom10.xml").path

    @Test("--json prints the documented shape", .enabled(if: FeedwatchProcess.isBuilt))
    func json() throws {
        let result = try Self.run(["parse", Self.feedPath, "--json"])
        #expect(result.status == 0)
        let root = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        #expect(root["version"] as? String == "atom10")
        #expect(root["wellFormed"] as? Bool == true)
        #expect(root["errors"] is [Any])
        let feed = try #require(root["feed"] as? [String: Any])
        #expect(feed["title"] as? String == "Newsroom Example")
        let entries = try #require(root["entries"] as? [[String: Any]])
        #expect(entries.count == 15)
        #expect(entries[0]["updated"] as? String == "2026-11-26T09:00:00Z")
        #expect((entries[0]["content"] as? [[String: Any]])?.first?["type"] as? String == "xhtml")
        #expect(entries[0]["guidIsPermalink"] == nil)
    }

    @Test("--base-url and --content-type reach the parser", .enabled(if: FeedwatchProcess.isBuilt))
    func options() throws {
        let document = Data("<rss><channel><item><title>\u{00CF}</title><link>/a</link></item></channel></rss>".utf8)
        let cp1251 = Data(
            [UInt8]("<rss><channel><item><title>".utf8) + [0xCF, 0xF3, 0xF2, 0xE8, 0xED]
                + [UInt8]("</title><link>/a</link></item></channel></rss>".utf8))
        _ = document
        let result = try Self.run(
            ["parse", "-", "--json", "--base-url", "http://e.com/x/feed", "--content-type", "text/xml; charset=windows-1251"], stdin: cp1251
        )
        #expect(result.status == 0)
        let text = String(decoding: result.stdout, as: UTF8.self)
        let parsed = try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any]
        let entry = (parsed?["entries"] as? [[String: Any]])?.first
        #expect(entry?["title"] as? String == "Путин", "\(text)")
        #expect(entry?["link"] as? String == "http://e.com/a")
    }

    @Test("text output lists the entries", .enabled(if: FeedwatchProcess.isBuilt))
    func text() throws {
        let result = try Self.run(["parse", Self.feedPath])
        #expect(result.status == 0)
        let text = String(decoding: result.stdout, as: UTF8.self)
        #expect(text.contains("Newsroom Example  [atom10, utf-8]"))
        #expect(text.contains("15 entries"))
    }

    @Test("exit 0 for a broken but readable feed", .enabled(if: FeedwatchProcess.isBuilt))
    func broken() throws {
        let result = try Self.run(["parse", "-", "--json"], stdin: Data("<rss><channel><item><title>A & B</title></item>".utf8))
        #expect(result.status == 0)
        let root = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        #expect(root["wellFormed"] as? Bool == false)
        #expect(((root["errors"] as? [[String: Any]])?.count ?? 0) > 0)
    }

    @Test("exit 65 for something that is not a feed", .enabled(if: FeedwatchProcess.isBuilt))
    func notAFeed() throws {
        let html = try Self.run(["parse", "-"], stdin: Data("<html><body>hi</body></html>".utf8))
        #expect(html.status == 65)
        #expect(html.stderr.contains("not a feed"))
        let garbage = try Self.run(["parse", "-"], stdin: Data([0x00, 0x01, 0x02, 0xFF]))
        #expect(garbage.status == 65)
        let empty = try Self.run(["parse", "-"], stdin: Data())
        #expect(empty.status == 65)
    }

    @Test("exit 66 for a missing file", .enabled(if: FeedwatchProcess.isBuilt))
    func missing() throws {
        let result = try Self.run(["parse", "/nonexistent/feed.xml"])
        #expect(result.status == 66)
        #expect(result.stderr.contains("/nonexistent/feed.xml"))
    }

    @Test("--stats prints counts and throughput", .enabled(if: FeedwatchProcess.isBuilt))
    func stats() throws {
        let folder = FixtureCase.directory.appendingPathComponent("feeds")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().map { folder.appendingPathComponent($0).path }
        let result = try Self.run(["parse", "--stats"] + files)
        #expect(result.status == 0)
        let text = String(decoding: result.stdout, as: UTF8.self)
        #expect(text.contains("total: 3 files, 48 entries"))
        #expect(text.contains("MB/s"))
        #expect(text.contains("peak RSS"))
    }

    @Test("--stats over many files (read without swift-argument-parser) counts the same", .enabled(if: FeedwatchProcess.isBuilt))
    func statsManyFiles() throws {
        let folder = FixtureCase.directory.appendingPathComponent("feeds")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().map { folder.appendingPathComponent($0).path }
        let many = Array(repeating: files, count: 30).flatMap { $0 }  // 90 files: past the fast path's threshold
        let result = try Self.run(["parse", "--stats", "--base-url", "http://e.com/"] + many)
        #expect(result.status == 0)
        #expect(String(decoding: result.stdout, as: UTF8.self).contains("total: 90 files, 1440 entries"))
        // An option the fast path does not know sends the whole command line to the full parser.
        let unknown = try Self.run(["parse", "--stats", "--no-such-option"] + many)
        #expect(unknown.status == 64)
        let missing = try Self.run(["parse", "--stats"] + many + ["/no/such/file"])
        #expect(missing.status == 66)
    }

    @Test("--json writes every entry of a large feed, in order, as valid JSON", .enabled(if: FeedwatchProcess.isBuilt))
    func jsonLarge() throws {
        var document = "<rss version=\"2.0\"><channel><title>Big</title>"
        for index in 0..<5000 {
            document += "<item><title>Item \(index) \"quoted\" \\ back</title><guid>id-\(index)</guid>"
            document += "<description>&lt;p&gt;Text \(index) with tab\tand line\nbreak&lt;/p&gt;</description></item>"
        }
        document += "</channel></rss>"
        let result = try Self.run(["parse", "-", "--json"], stdin: Data(document.utf8))
        #expect(result.status == 0)
        let root = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        let entries = try #require(root["entries"] as? [[String: Any]])
        #expect(entries.count == 5000)
        #expect(entries.map { $0["id"] as? String } == (0..<5000).map { "id-\($0)" })
        #expect(entries[4999]["title"] as? String == "Item 4999 \"quoted\" \\ back")
        #expect(entries[7]["summary"] as? String == "<p>Text 7 with tab\tand line\nbreak</p>")
        #expect((root["feed"] as? [String: Any])?["title"] as? String == "Big")
    }

    @Test("libcurl and libpq are loaded when first called, not at start-up", .enabled(if: FeedwatchProcess.isBuilt))
    func librariesOnDemand() throws {
        let ldd = Process()
        ldd.executableURL = URL(fileURLWithPath: "/usr/bin/ldd")
        ldd.arguments = [FeedwatchProcess.binary.path]
        let pipe = Pipe()
        ldd.standardOutput = pipe
        try ldd.run()
        let listed = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        ldd.waitUntilExit()
        #expect(listed.contains("libxml2"), "\(listed)")
        #expect(!listed.contains("libcurl") && !listed.contains("libpq"), "\(listed)")
        // A command that needs libcurl loads it: parse fetches a URL (none listens on port 9: exit 69 from libcurl's error).
        let fetched = try Self.run(["parse", "http://127.0.0.1:9/feed.xml"])
        #expect(fetched.status == 69)
        #expect(fetched.stderr.contains("127.0.0.1:9"), "\(fetched.stderr)")
    }
}
