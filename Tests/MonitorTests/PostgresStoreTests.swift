import Foundation
import TestSupport
import Testing

@testable import Store

/// The PostgreSQL store against a real server, held to the SQLite store's behaviour: the same calls
/// give the same feeds.
@Suite("PostgreSQL store (a real server)", .serialized)
struct PostgresStoreTests {
    /// A database of this test's own on the test process's server.
    let url: String

    init() async throws { url = try await blockingWork { try PostgresServer.shared.get().newDatabase() } }

    @Test("the schema is made once, also by instances starting together, and a newer one is refused")
    func schema() async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<3 { group.addTask { _ = try PostgresStore(url: url) } }
            try await group.waitForAll()
        }
        let db = try PGConnection(url: url)
        #expect(try db.execute("SELECT count(*) AS n FROM feedwatch_schema").first?.int("n") == PostgresSchema.steps.count)
        try db.execute("INSERT INTO feedwatch_schema VALUES (99)")
        do {
            _ = try PostgresStore(url: url)
            Issue.record("opened a database from a newer feedwatch")
        } catch {
            #expect("\(error)".contains("schema version 99; this feedwatch knows up to \(PostgresSchema.steps.count)"), "\(error)")
            #expect(!"\(error)".contains(PostgresServer.password))
        }
    }

    @Test("feeds: sync, due, success, failure, broken and recovered, a changed interval — as the SQLite store does")
    func feedsAsSQLite() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pg-feeds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let sqlite = try SQLiteStore(path: folder.appendingPathComponent("db.sqlite").path)
        let postgres = try PostgresStore(url: url)
        let t0 = Date(timeIntervalSince1970: 1_796_000_000)
        let a = "https://a.example/rss", b = "https://b.example/rss"

        func both<T: Equatable>(_ label: String, _ body: (any FeedStore) async throws -> T) async throws {
            let left = try await body(sqlite), right = try await body(postgres)
            #expect(left == right, "\(label): SQLite \(left) — PostgreSQL \(right)")
        }
        try await both("sync") {
            try await $0.syncFeeds([FeedSpec(url: a, name: "A", interval: 600), FeedSpec(url: b)], at: t0); return 0
        }
        try await both("feeds") { try await $0.feeds(activeOnly: true) }
        try await both("due") { try await $0.dueFeeds(at: t0).map(\.configURL) }
        try await both("success") {
            try await $0.recordSuccess(
                feed: 1, status: 200, url: "https://a.example/feed", etag: "\"e1\"", lastModified: "Mon", nextDue: t0 + 600, at: t0)
        }
        for (k, offset) in [0.0, 4000, 5000].enumerated() {
            try await both("failure \(k)") {
                try await $0.recordFailure(
                    feed: 2, status: 503, error: "503 Service Unavailable", nextDue: t0 + offset + 60, at: t0 + offset, brokenAfter: 3600)
            }
        }
        try await both("recovered") {
            try await $0.recordSuccess(feed: 2, status: 304, url: nil, etag: nil, lastModified: nil, nextDue: t0 + 6000, at: t0 + 5500)
        }
        try await both("interval changed, b dropped") {
            try await $0.syncFeeds([FeedSpec(url: a, name: "A again", interval: 300)], at: t0 + 10)
            return 0
        }
        try await both("all feeds") { try await $0.feeds(activeOnly: false) }
        try await both("next due") { try await $0.nextDue() }
        let feeds = try await postgres.feeds(activeOnly: false)
        #expect(feeds.first?.nextDue == t0 + 310, "moved up to now + the new interval")
        #expect(feeds.first?.url == "https://a.example/feed" && feeds.first?.etag == "\"e1\"")
        #expect(feeds.last?.consecutiveErrors == 0 && feeds.last?.broken == false && feeds.last?.polls == 4)
        await sqlite.close()
    }

    @Test("three instances claiming due feeds at once: every feed to exactly one; a dead instance's leases run out")
    func leases() async throws {
        let stores = try (0..<3).map { try PostgresStore(url: url, instance: "i\($0)") }
        let t0 = Date(timeIntervalSince1970: 1_796_000_000)
        try await stores[0].syncFeeds((0..<30).map { FeedSpec(url: "https://f\($0).example/rss") }, at: t0)
        // Each instance claims batches of at most four, up to ten feeds, all three at the same time
        // (ten each: so that every instance holds some when one of them dies below).
        let claimed = try await withThrowingTaskGroup(of: (Int, [Int64]).self) { group in
            for (k, store) in stores.enumerated() {
                group.addTask {
                    var mine: [Int64] = []
                    // Bounded: a claim that handed out leased feeds again would otherwise loop for ever.
                    for _ in 0..<40 where mine.count < 10 {
                        let batch = try await store.dueFeeds(at: t0, limit: min(4, 10 - mine.count), perHost: 100)
                        if batch.isEmpty { break }
                        mine += batch.map(\.id)
                    }
                    return (k, mine)
                }
            }
            // By instance, not in the order the tasks ended.
            return try await group.reduce(into: [[Int64]](repeating: [], count: 3)) { $0[$1.0] = $1.1 }
        }
        let all = claimed.flatMap { $0 }
        #expect(all.count == 30 && Set(all).count == 30, "each feed claimed once: \(claimed.map(\.count))")
        #expect(claimed.map(\.count) == [10, 10, 10])
        // i0 dies (no heartbeat); i1 keeps its leases alive. After the lease, i2 may take i0's feeds only.
        try await stores[1].heartbeat(at: t0 + 50, polling: claimed[1])
        let early = try await stores[2].dueFeeds(at: t0 + 30, limit: 100, perHost: 100)
        #expect(early.isEmpty, "every feed is leased: \(early.count)")
        let later = try await stores[2].dueFeeds(at: t0 + 61, limit: 100, perHost: 100)
        #expect(Set(later.map(\.id)) == Set(claimed[0] + claimed[2]), "i0's feeds taken over, i1's kept")
        // A released feed is free at once.
        let given = try #require(claimed[1].first)
        try await stores[1].release(feeds: [given])
        let freed = try await stores[0].dueFeeds(at: t0 + 62, limit: 100, perHost: 100)
        #expect(freed.map(\.id) == [given])
    }

    @Test("the per-host limit holds across instances: never more feeds of a host leased than it allows")
    func perHostAcrossInstances() async throws {
        let stores = try (0..<3).map { try PostgresStore(url: url, instance: "p\($0)") }
        let t0 = Date(timeIntervalSince1970: 1_796_000_000)
        try await stores[0].syncFeeds(
            (0..<20).map { FeedSpec(url: "https://h\($0 % 2).example/rss\($0)", host: "h\($0 % 2).example") }, at: t0)
        let claimed = try await withThrowingTaskGroup(of: [FeedState].self) { group in
            for store in stores { group.addTask { try await store.dueFeeds(at: t0, limit: 10, perHost: 3) } }
            return try await group.reduce(into: [FeedState]()) { $0 += $1 }
        }
        let byHost = Dictionary(grouping: claimed.map(\.url)) { $0.hasPrefix("https://h0") ? "h0" : "h1" }.mapValues(\.count)
        #expect(byHost == ["h0": 3, "h1": 3], "\(byHost)")
        // A poll recorded frees its host's place for whoever claims next.
        _ = try await stores[0].recordSuccess(
            feed: claimed[0].id, status: 200, url: nil, etag: nil, lastModified: nil, nextDue: t0 + 600, at: t0)
        let next = try await stores[1].dueFeeds(at: t0, limit: 10, perHost: 3)
        #expect(next.count == 1 && next[0].url.hasPrefix(String(claimed[0].url.prefix(10))), "\(next.map(\.url))")
    }

    @Test("a host slowed down by one instance is slowed down for all, until the latest time any was told")
    func sharedSlowdowns() async throws {
        let a = try PostgresStore(url: url, instance: "a"), b = try PostgresStore(url: url, instance: "b")
        let t0 = Date(timeIntervalSince1970: 1_796_000_000)
        try await a.slowDown(host: "news.example", until: t0 + 100)
        try await b.slowDown(host: "news.example", until: t0 + 50)
        #expect(try await b.slowedHosts(at: t0 + 60) == ["news.example": t0 + 100])
        #expect(try await a.slowedHosts(at: t0 + 101).isEmpty)
        try await a.register(at: t0)
        try await b.register(at: t0 + 100)
        #expect(try await a.liveInstances(within: 60, at: t0 + 120) == ["b"])
    }

    @Test("a second process under a running instance's name is refused; once the first is gone, the name is free")
    func instanceNames() async throws {
        let first = try PostgresStore(url: url, instance: "desk")
        try await first.register(at: Date())
        let second = try PostgresStore(url: url, instance: "desk")
        do {
            try await second.register(at: Date())
            Issue.record("two processes registered as one instance")
        } catch {
            #expect("\(error)".contains("another feedwatch runs as instance \"desk\""), "\(error)")
        }
        await first.close()
        // The server lets the lock go when it has seen the connection end: a moment later.
        var registered = false
        for _ in 0..<50 where !registered {
            registered = (try? await second.register(at: Date())) != nil
            if !registered { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(registered, "the name is free once the first process is gone")
        await second.close()
    }
}
