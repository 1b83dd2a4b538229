import Foundation
import TestSupport
import Testing

@testable import Store

/// The PostgreSQL store against a real server, held to the SQLite store's behaviour: the same calls
/// give the same feeds.
@Suite("PostgreSQL store (a real server)", .serialized)
final class PostgresStoreTests {
    let server: PostgresServer

    init() throws { server = try PostgresServer() }
    deinit { server.remove() }

    @Test("the schema is made once, also by instances starting together, and a newer one is refused")
    func schema() async throws {
        let url = server.url
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<3 { group.addTask { _ = try PostgresStore(url: url) } }
            try await group.waitForAll()
        }
        let db = try PGConnection(url: server.url)
        #expect(try db.execute("SELECT count(*) AS n FROM feedwatch_schema").first?.int("n") == PostgresSchema.steps.count)
        try db.execute("INSERT INTO feedwatch_schema VALUES (99)")
        do {
            _ = try PostgresStore(url: server.url)
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
        let postgres = try PostgresStore(url: server.url)
        let t0 = Date(timeIntervalSince1970: 1_796_000_000)
        let a = "https://a.example/rss", b = "https://b.example/rss"

        func both<T: Equatable>(_ label: String, _ body: (any FeedStoreFeeds) async throws -> T) async throws {
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
}

/// The feed calls both stores have, to run one script against each.
protocol FeedStoreFeeds: Sendable {
    func syncFeeds(_ feeds: [FeedSpec], at now: Date) async throws
    func feeds(activeOnly: Bool) async throws -> [FeedState]
    func dueFeeds(at now: Date) async throws -> [FeedState]
    func nextDue() async throws -> Date?
    func recordSuccess(
        feed: Int64, status: Int, url: String?, etag: String?, lastModified: String?, nextDue: Date, at now: Date
    ) async throws -> Bool
    func recordFailure(
        feed: Int64, status: Int, error: String, nextDue: Date, at now: Date, brokenAfter: TimeInterval
    ) async throws -> FeedHealth
}

extension SQLiteStore: FeedStoreFeeds {}
extension PostgresStore: FeedStoreFeeds {}
