import Foundation
import TestSupport
import Testing

/// One alert per story and rule, across feeds (`alerts.storyWindowHours`, a rule's `storyUpdates`).
@Suite("Stories (processes, SQLite, loopback)", .serialized, .enabled(if: FeedwatchProcess.isBuilt))
struct StoryTests {
    struct Alert {
        var rule: String
        var kind: String
        var title: String
        var story: Int?
        var outlets: [String]
    }

    func alerts(_ file: URL) -> [Alert] {
        ((try? String(contentsOf: file, encoding: .utf8)) ?? "").split(separator: "\n").compactMap { line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
            let story = object["story"] as? [String: Any]
            return Alert(
                rule: object["rule"] as? String ?? "", kind: object["kind"] as? String ?? "",
                title: (object["item"] as? [String: Any])?["title"] as? String ?? "", story: story?["id"] as? Int,
                outlets: (story?["outlets"] as? [[String: Any]] ?? []).compactMap { $0["feed"] as? String })
        }
    }

    func configure(_ sandbox: DaemonSandbox, feeds: [String], window: Double? = nil) throws -> URL {
        let file = sandbox.folder.appendingPathComponent("alerts.jsonl")
        let setting = window.map { #""storyWindowHours": \#($0), "# } ?? ""
        try sandbox.write(
            feeds: feeds,
            extra: """
                , "alerts": {\(setting)"sinks": [{"id": "file", "type": "jsonl", "path": "\(file.path)"}],
                             "rules": [{"id": "putin", "actors": ["putin"], "sinks": ["file"]},
                                       {"id": "orban", "actors": ["orban"], "sinks": ["file"], "storyUpdates": true}]}
                """)
        return file
    }

    /// The wire story and two outlets' copies: one near-duplicate text under the same title with
    /// another suffix, one short item whose link is the wire's own article (another scheme, "www.",
    /// a slash, a tracking parameter).
    func publishStory(_ board: FeedBoard, copies: Bool = true) async {
        let text = SyntheticText.article(1, about: "Vladimir Putin and Viktor Orbán", sentences: 20)
        await board.publish(
            "/wire", id: "w1", title: "Putin and Orbán agree on gas deliveries in Moscow - Wire", text: text,
            link: "https://wire.example/world/putin-orban?utm_source=rss")
        guard copies else { return }
        var words = text.split(separator: " ").map(String.init)
        for k in stride(from: 30, to: words.count, by: 60) { words[k] = "reportedly" }
        await board.publish(
            "/daily", id: "d1", title: "Putin and Orbán agree on gas deliveries in Moscow | The Daily",
            text: words.joined(separator: " ") + " Copyright 2026 The Daily. All rights reserved.",
            link: "https://daily.example/2026/12/02/gas")
        await board.publish(
            "/weekly", id: "k1", title: "Gas for Hungary", text: "Vladimir Putin and Viktor Orbán met in Moscow.",
            link: "http://www.wire.example/world/putin-orban/")
    }

    @Test("a story published by three feeds within minutes gives one alert per rule; storyUpdates hears of the others")
    func oneAlertPerStory() async throws {
        let sandbox = try DaemonSandbox()
        defer { sandbox.remove() }
        let board = FeedBoard()
        try await withServer(routes: FeedBoard.routes(board)) { server in
            let feeds = ["/wire", "/daily", "/weekly"].map { server.url($0) }
            let file = try configure(sandbox, feeds: feeds)
            let first = try await FeedwatchProcess.runDetached(["once", "--config", sandbox.config.path])
            #expect(first.status == 0, "\(first.stderr)")

            // The wire first, then the two outlets in the same cycle, minutes (here: seconds) later.
            await publishStory(board, copies: false)
            let wire = try await FeedwatchProcess.runDetached(["once", "--config", sandbox.config.path])
            #expect(wire.status == 0, "\(wire.stderr)")
            await publishStory(board)
            await board.publish(
                "/weekly", id: "k2", title: "Putin visits Beijing for talks on trade and energy",
                text: SyntheticText.article(99, about: "Vladimir Putin", sentences: 20))
            let second = try await FeedwatchProcess.runDetached(["once", "--config", sandbox.config.path])
            #expect(second.status == 0, "\(second.stderr)")

            let all = alerts(file)
            let items = all.filter { $0.kind == "item" }
            #expect(
                items.map { "\($0.rule): \($0.title)" }.sorted() == [
                    "orban: Putin and Orbán agree on gas deliveries in Moscow - Wire",
                    "putin: Putin and Orbán agree on gas deliveries in Moscow - Wire",
                    "putin: Putin visits Beijing for talks on trade and energy",
                ], "\(all.map { "\($0.kind) \($0.rule): \($0.title)" })\n\(second.stderr)")
            let story = try #require(items.first { $0.title.hasSuffix("- Wire") }?.story)
            #expect(items.filter { $0.title.hasSuffix("- Wire") }.allSatisfy { $0.story == story && $0.outlets == [feeds[0]] })
            #expect(items.first { $0.title.hasPrefix("Putin visits") }?.story != story, "another story")

            let updates = all.filter { $0.kind == "story-update" }
            #expect(updates.allSatisfy { $0.rule == "orban" && $0.story == story }, "\(updates)")
            #expect(Set(updates.map(\.title)) == ["Putin and Orbán agree on gas deliveries in Moscow | The Daily", "Gas for Hungary"])
            // Each names the outlets stored so far, the wire first, itself last (the two copies were
            // polled side by side, so each may or may not see the other).
            #expect(
                updates.allSatisfy { $0.outlets.count >= 2 && $0.outlets.first == feeds[0] && Set($0.outlets).count == $0.outlets.count },
                "\(updates.map(\.outlets))")
            #expect(Set(updates.flatMap(\.outlets)) == Set(feeds))
            #expect(second.output.contains("3 raised"), "two story updates and one new story: \(second.output)")
            #expect(
                second.output.contains("4 item alerts not raised: their stories were already alerted"),
                "2 copies × 2 rules: \(second.output)")
        }
    }

    @Test("storyWindowHours 0: every copy is its own story and alerts")
    func storiesOff() async throws {
        let sandbox = try DaemonSandbox()
        defer { sandbox.remove() }
        let board = FeedBoard()
        try await withServer(routes: FeedBoard.routes(board)) { server in
            let file = try configure(sandbox, feeds: ["/wire", "/daily", "/weekly"].map { server.url($0) }, window: 0)
            #expect(try await FeedwatchProcess.runDetached(["once", "--config", sandbox.config.path]).status == 0)
            await publishStory(board)
            let run = try await FeedwatchProcess.runDetached(["once", "--config", sandbox.config.path])
            #expect(run.status == 0, "\(run.stderr)")
            let all = alerts(file)
            #expect(all.filter { $0.kind == "item" && $0.rule == "putin" }.count == 3, "\(all.map(\.title))")
            #expect(all.filter { $0.kind == "item" && $0.rule == "orban" }.count == 3)
            #expect(all.allSatisfy { $0.story == nil && $0.kind == "item" })
        }
    }

    @Test("a story outside the window is news again: the same title two days later alerts")
    func window() async throws {
        let sandbox = try DaemonSandbox()
        defer { sandbox.remove() }
        let board = FeedBoard()
        try await withServer(routes: FeedBoard.routes(board)) { server in
            // A window of 4 seconds stands for the default two days.
            let file = try configure(sandbox, feeds: [server.url("/wire"), server.url("/daily")], window: 4.0 / 3600)
            #expect(try await FeedwatchProcess.runDetached(["once", "--config", sandbox.config.path]).status == 0)
            let title = "Vladimir Putin speaks to the nation about the economy"
            await board.publish("/wire", id: "a", title: title, text: "Vladimir Putin spoke.")
            #expect(try await FeedwatchProcess.runDetached(["once", "--config", sandbox.config.path]).status == 0)
            try await Task.sleep(for: .seconds(5))
            await board.publish("/daily", id: "b", title: title, text: "Vladimir Putin spoke again.")
            #expect(try await FeedwatchProcess.runDetached(["once", "--config", sandbox.config.path]).status == 0)
            let putin = alerts(file).filter { $0.rule == "putin" }
            #expect(putin.map(\.kind) == ["item", "item"], "\(putin)")
            #expect(putin.count == 2 && putin[0].story != putin[1].story)
        }
    }
}
