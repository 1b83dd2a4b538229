import Foundation
import TestSupport
import Testing

@testable import Store

/// What alerts on a feed's first poll, and what is too old to alert (`alerts.backfill`, `alerts.maxAgeHours`).
@Suite("Backfill (processes, SQLite, loopback)", .serialized, .enabled(if: FeedwatchProcess.isBuilt))
struct BackfillTests {
    func lines(_ file: URL) -> [[String: Any]] {
        ((try? String(contentsOf: file, encoding: .utf8)) ?? "").split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    func titles(_ file: URL) -> [String] {
        lines(file).compactMap { ($0["item"] as? [String: Any])?["title"] as? String }.sorted()
    }

    func configure(_ sandbox: DaemonSandbox, feed: String, backfill: String? = nil) throws -> URL {
        let alerts = sandbox.folder.appendingPathComponent("alerts.jsonl")
        let mode = backfill.map { #""backfill": "\#($0)", "# } ?? ""
        try sandbox.write(
            feeds: [feed],
            extra: """
                , "alerts": {\(mode)"sinks": [{"id": "file", "type": "jsonl", "path": "\(alerts.path)"}],
                             "rules": [{"id": "putin", "actors": ["putin"], "sinks": ["file"]}]}
                """)
        return alerts
    }

    @Test("by default a feed's first poll of 50 old items alerts nobody; what comes after does, unless it is old news")
    func quietFirstPoll() async throws {
        let sandbox = try DaemonSandbox()
        defer { sandbox.remove() }
        let board = FeedBoard()
        for i in 0..<50 {
            await board.publish(
                "/world", id: "old\(i)", title: "Old \(i)", text: "Vladimir Putin spoke on day \(i).",
                published: Date().addingTimeInterval(-Double(i + 1) * 3600))
        }
        try await withServer(routes: FeedBoard.routes(board)) { server in
            let alerts = try configure(sandbox, feed: server.url("/world"))
            let first = try await FeedwatchProcess.runDetached(["once", "--config", sandbox.config.path])
            #expect(first.status == 0, "\(first.stderr)")
            #expect(first.output.contains("alerts: 0 raised"), "\(first.output)")
            #expect(first.output.contains("50 items stored without alerts"), "\(first.output)")
            #expect(titles(alerts).isEmpty)
            let store = try SQLiteStore(path: sandbox.database)
            #expect(try await store.counts().items == 50, "stored and extracted all the same")
            #expect(try await store.topActors().first { $0.id == "putin" }?.items == 50)

            await board.publish("/world", id: "new", title: "Fresh", text: "Vladimir Putin spoke today.")
            await board.publish(
                "/world", id: "late", title: "Late arrival", text: "Vladimir Putin spoke three days ago.",
                published: Date().addingTimeInterval(-72 * 3600))
            let second = try await FeedwatchProcess.runDetached(["once", "--config", sandbox.config.path])
            #expect(second.status == 0, "\(second.stderr)")
            #expect(titles(alerts) == ["Fresh"], "the new item alerts; one published 72 h ago (> maxAgeHours 48) does not")
            #expect(try await store.counts().items == 52)
            await store.close()
        }
    }

    @Test("backfill alert: the first poll alerts, still only for items within maxAgeHours")
    func alertingFirstPoll() async throws {
        let sandbox = try DaemonSandbox()
        defer { sandbox.remove() }
        let board = FeedBoard()
        await board.publish(
            "/world", id: "recent", title: "Recent", text: "Vladimir Putin spoke.", published: Date().addingTimeInterval(-3600))
        await board.publish(
            "/world", id: "ancient", title: "Ancient", text: "Vladimir Putin spoke.",
            published: Date().addingTimeInterval(-30 * 86400))
        try await withServer(routes: FeedBoard.routes(board)) { server in
            let alerts = try configure(sandbox, feed: server.url("/world"), backfill: "alert")
            let run = try await FeedwatchProcess.runDetached(["once", "--config", sandbox.config.path])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(titles(alerts) == ["Recent"])
        }
    }
}
