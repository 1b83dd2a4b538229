import Digests
import Foundation
import TestSupport
import Testing

@testable import Store

/// `feedwatch storage copy`: SQLite to PostgreSQL and back, interrupted and resumed, counts checked.
@Suite("Storage copy", .serialized)
struct StorageCopyTests {
    struct Interrupted: Error {}

    @Test("SQLite → PostgreSQL, interrupted and run again, then back to a new SQLite file: the same rows and the same digest")
    func roundTrip() async throws {
        let folder = try DigestTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let original = folder.appendingPathComponent("original.sqlite").path
        let store = try SQLiteStore(path: original)
        let feeds = try await DigestFixture.fill(store)
        // Deliveries too: one done, one waiting.
        let health = PendingAlert(
            ruleID: "health", sinks: ["hook", "file"], onUpdate: false, maxPerHour: nil, idempotencyKey: "h1", payload: "{}")
        try await store.enqueue([health], kind: .feedBroken, feed: feeds[0], at: Date())
        let due = try await store.dueDeliveries(at: Date(), sink: "file")
        try await store.markDelivered(due, at: Date())
        let configuration = DigestFixture.configuration(folder: folder, database: original)
        let expected = try await DigestWriter(configuration: configuration, store: store).build(date: DigestFixture.day)
        await store.close()
        let url = try await blockingWork { try PostgresServer.shared.get().newDatabase() }

        // Stopped after three batches of items (as a kill would leave it: whole batches only), then run again.
        let (first, second) = try await blockingWork { () -> (Int, [StorageCopy.Count]) in
            var batches = 0
            do {
                try StorageCopy(from: .sqlite(original), to: .postgres(url), batch: 50).run { table, _ in
                    if table == "items" { batches += 1 }
                    if batches == 3 { throw Interrupted() }
                }
            } catch is Interrupted {}
            let partial = try PGConnection(url: url).execute("SELECT count(*) AS n FROM items").first?.int("n") ?? -1
            return (partial, try StorageCopy(from: .sqlite(original), to: .postgres(url), batch: 50).run())
        }
        #expect(first == 150, "three whole batches landed before the interruption")
        #expect(second.allSatisfy { $0.source == $0.target }, "\(second.filter { $0.source != $0.target })")
        #expect(second.first { $0.table == "items" }.map { $0.source > 300 } == true)
        #expect(second.first { $0.table == "deliveries" }.map { $0.source > 0 } == true)

        let postgres = try PostgresStore(url: url)
        let fromPostgres = try await DigestWriter(configuration: configuration, store: postgres).build(date: DigestFixture.day)
        #expect(fromPostgres == expected, "the digest from the copy is the original's")
        // New rows go on after the copied ids.
        try await postgres.syncFeeds([FeedSpec(url: "https://new.example/rss")], at: Date())
        let ids = try await postgres.feeds(activeOnly: false).map(\.id)
        #expect(ids.last == (ids.dropLast().max() ?? 0) + 1)
        await postgres.close()

        // And back, through the command.
        let back = folder.appendingPathComponent("back.sqlite").path
        let run = try await FeedwatchProcess.runDetached(["storage", "copy", "--from", url, "--to", "sqlite:\(back)"])
        #expect(run.status == 0, "\(run.output)\n\(run.stderr)")
        #expect(run.output.contains("every table's count matches"), "\(run.output)")
        #expect(!(run.output + run.stderr).contains(PostgresServer.password), "the password is never shown")
        let returned = try SQLiteStore(path: back)
        let fromBack = try await DigestWriter(configuration: configuration, store: returned).build(date: DigestFixture.day)
        #expect(fromBack == expected)
        #expect(try await returned.search(SearchRequest(match: "\"putin\"")).isEmpty == false, "the full-text index is filled")
        await returned.close()
    }

    @Test("a target holding other feeds is refused, and so is the source itself")
    func refusals() async throws {
        let folder = try DigestTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let a = folder.appendingPathComponent("a.sqlite").path, b = folder.appendingPathComponent("b.sqlite").path
        let first = try SQLiteStore(path: a), second = try SQLiteStore(path: b)
        try await first.syncFeeds([FeedSpec(url: "https://a.example/rss")], at: Date())
        try await second.syncFeeds([FeedSpec(url: "https://b.example/rss")], at: Date())
        await first.close()
        await second.close()
        #expect(throws: StorageCopy.CopyError.self) { try StorageCopy(from: .sqlite(a), to: .sqlite(b)).run() }
        #expect(throws: StorageCopy.CopyError.self) { try StorageCopy(from: .sqlite(a), to: .sqlite(a)) }
        let run = try await FeedwatchProcess.runDetached(["storage", "copy", "--from", "sqlite:\(a)", "--to", b])
        #expect(run.status == 1 && run.stderr.contains("feed 1 is https://b.example/rss there"), "\(run.stderr)")
    }
}
