import Foundation
import TestSupport
import Testing

@testable import Store

/// The backends the store's behaviour is held to, each test run on both: a SQLite file of its own,
/// and a database of its own on the test process's PostgreSQL server.
enum StoreBackend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres

    var testDescription: String { rawValue }

    /// A fresh, empty store, and what removes it.
    func open() async throws -> (store: any SQLStore, remove: @Sendable () -> Void) {
        switch self {
        case .sqlite:
            let path = StoreTests.temporaryPath()
            return (
                try SQLiteStore(path: path),
                { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
            )
        case .postgres:
            let url = try await blockingWork { try PostgresServer.shared.get().newDatabase() }
            return (try PostgresStore(url: url), {})
        }
    }
}

/// Checks the tests make of the tables, on either backend (never in the library).
extension SQLStore {
    /// Alerts per rule counted from the table, to hold the tallies against.
    func countedAlertsByRule() throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in try sql.rows("SELECT rule_id, COUNT(*) AS n FROM alerts GROUP BY rule_id") {
            counts[row.string("rule_id") ?? ""] = row.int("n") ?? 0
        }
        return counts
    }

    /// Items whose identity appears more than once for one feed (must never happen).
    func duplicateItems() throws -> Int {
        try sql.count("SELECT COUNT(*) AS n FROM (SELECT feed_id, identity FROM items GROUP BY feed_id, identity HAVING COUNT(*) > 1) AS d")
    }

    func storyRows() throws -> (stories: Int, keys: Int) {
        (try sql.count("SELECT COUNT(*) AS n FROM stories"), try sql.count("SELECT COUNT(*) AS n FROM story_keys"))
    }

    func alertKeys() throws -> [String] {
        try sql.rows("SELECT idempotency_key AS k FROM alerts ORDER BY k").compactMap { $0.string("k") }
    }
}
