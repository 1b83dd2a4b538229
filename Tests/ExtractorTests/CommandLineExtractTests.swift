import Foundation
import TestSupport
import Testing

/// `feedwatch extract` and `feedwatch text` as real processes.
@Suite("feedwatch extract / text (process)", .enabled(if: FeedwatchProcess.isBuilt))
struct CommandLineExtractTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let watchlist = fixtures.appendingPathComponent("watchlist.json").path

    @Test("extract prints the documented JSON shape")
    func extract() throws {
        let result = try FeedwatchProcess.run([
            "extract", "--watchlist", Self.watchlist,
            Self.fixtures.appendingPathComponent("putin-orban-talks.txt").path,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let root = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        #expect((root["text"] as? String)?.hasPrefix("Russian President") == true)
        let actors = try #require(root["actors"] as? [[String: Any]])
        let putin = try #require(actors.first { $0["id"] as? String == "putin" })
        #expect(putin["count"] as? Int == 5)
        let mention = try #require((putin["mentions"] as? [[String: Any]])?.first)
        #expect(Set(mention.keys) == ["form", "kind", "sentence", "start", "end", "snippet"])
        #expect(mention["start"] as? Int == 0)
        #expect((root["topics"] as? [[String: Any]])?.count == 2)
        #expect(((root["quotes"] as? [[String: Any]])?.count ?? 0) >= 4)
        #expect(root["coMentions"] is [[String: Any]])
    }

    @Test("--explain lists the refused candidates with their reasons; without it there is no such list")
    func explain() throws {
        let text = Data("Ilona Orbán, a teacher from Szeged, met Vladimir Putin.".utf8)
        let explained = try FeedwatchProcess.run(["extract", "--watchlist", Self.watchlist, "--explain", "-"], stdin: text)
        #expect(explained.status == 0, "\(explained.stderr)")
        let root = try #require(try JSONSerialization.jsonObject(with: explained.stdout) as? [String: Any])
        let refused = try #require(root["refused"] as? [[String: Any]])
        let orban = try #require(refused.first { $0["actor"] as? String == "orban" })
        #expect(orban["form"] as? String == "Ilona Orbán")
        #expect(orban["reason"] as? String == "another person of that surname")
        #expect((root["actors"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["putin"])
        let plain = try FeedwatchProcess.run(["extract", "--watchlist", Self.watchlist, "-"], stdin: text)
        let plainRoot = try #require(try JSONSerialization.jsonObject(with: plain.stdout) as? [String: Any])
        #expect(plainRoot["refused"] == nil)
    }

    @Test("--html converts first; --title adds a title")
    func html() throws {
        let html = "<html><body><nav>Menu</nav><p>Vladimir Putin met <b>Viktor Orbán</b> in Beijing.</p></body></html>"
        let result = try FeedwatchProcess.run(
            ["extract", "--watchlist", Self.watchlist, "--html", "--title", "Putin in China", "-"],
            stdin: Data(html.utf8))
        #expect(result.status == 0)
        let root = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        #expect(root["text"] as? String == "Vladimir Putin met Viktor Orbán in Beijing.")
        let putin = (root["actors"] as? [[String: Any]])?.first { $0["id"] as? String == "putin" }
        #expect((putin?["mentions"] as? [[String: Any]])?.contains { $0["sentence"] as? Int == -1 } == true)
    }

    @Test("--jsonl: one result per line, in order, with its id")
    func jsonl() throws {
        let lines =
            (0..<40).map { i in
                i % 2 == 0
                    ? #"{"id": "a\#(i)", "title": "t", "text": "Orbán met Putin."}"#
                    : #"{"id": "a\#(i)", "html": "<p>NATO and the EU.</p>"}"#
            } + ["not json"]
        let result = try FeedwatchProcess.run(
            ["extract", "--watchlist", Self.watchlist, "--jsonl"],
            stdin: Data(lines.joined(separator: "\n").utf8))
        #expect(result.status == 0)
        let outputs = result.output.split(separator: "\n").map { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(outputs.count == 41)
        for i in 0..<40 {
            #expect(outputs[i]?["id"] as? String == "a\(i)")
            let ids = ((outputs[i]?["actors"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String }
            #expect(ids == (i % 2 == 0 ? ["putin", "orban"] : ["eu", "nato"]))
        }
        #expect(outputs[40]?["error"] != nil)
    }

    @Test("an invalid watchlist exits 78 and names the path")
    func invalidWatchlist() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("watchlist-\(UUID().uuidString).json")
        try Data(#"{"topics": [{"id": "t", "name": "T", "query": "a NEAR/0 b"}]}"#.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try FeedwatchProcess.run(["extract", "--watchlist", file.path, "-"], stdin: Data("x".utf8))
        #expect(result.status == 78)
        #expect(result.stderr.contains("$.topics[0].query"))
        #expect(result.stderr.contains("column 3"))
    }

    @Test("text and text --main")
    func text() throws {
        let page = Self.fixtures.appendingPathComponent("pages/news-article.html").path
        let all = try FeedwatchProcess.run(["text", page])
        let main = try FeedwatchProcess.run(["text", "--main", page])
        #expect(all.status == 0 && main.status == 0)
        #expect(all.output.contains("Comments (3)"))
        #expect(!main.output.contains("Comments (3)"))
        #expect(main.output.contains("Hungary is one of the few EU countries"))
    }
}
