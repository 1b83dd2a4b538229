import CSQLite
import Foundation

/// feedwatch's state in one SQLite file (WAL): feeds and their HTTP validators and health, items and
/// what the extractor found in them. One actor owns the connection, so writes are serialised and each
/// feed's new items land in one transaction. The queries are `SQLStore`'s, shared with PostgreSQL.
public actor SQLiteStore: SQLStore {
    let db: SQLiteConnection
    public nonisolated let path: String
    nonisolated let instance: String
    nonisolated let leaseSeconds: TimeInterval
    var sql: any SQLDatabase { db }
    /// Story keys not yet written (see `Stories.swift`): written in batches, sorted, so that a cycle
    /// of thousands of alerting items does not rewrite the key table's pages once per feed.
    var pendingStoryKeys = PendingStoryKeys()
    nonisolated var buffersStoryKeys: Bool { true }
    /// One writer at a time (`BEGIN IMMEDIATE`): claims and story lookups need no more.
    nonisolated var claimLocking: String { "" }
    func lockStoryKeys(_ keys: [Int64]) {}
    func lockClaims() {}
    /// FTS5 keeps `items_fts` in step by triggers (schema step 5): nothing waits.
    nonisolated var searchQueue: String? { nil }
    public func indexSearch(limit: Int) -> Int { 0 }

    /// The next ids after the highest: this transaction holds the only write lock until it inserts them.
    func reserveIDs(_ table: String, count: Int) throws -> [Int64] {
        guard count > 0 else { return [] }
        let highest = try db.rows("SELECT COALESCE(MAX(id), 0) AS n FROM \(table)").first?.int64("n") ?? 0
        return (1...Int64(count)).map { highest + $0 }
    }

    /// The file lock (`InstanceLock`) already keeps one process on the file.
    public func register(at now: Date) throws { try recordStart(at: now) }
    public func lockDigests() -> Bool { true }
    public func unlockDigests() {}
    /// The actor runs on a thread of its own: its SQLite calls block (see `DatabaseThread`).
    private nonisolated let thread = DatabaseThread(name: "feedwatch-sqlite")
    public nonisolated var unownedExecutor: UnownedSerialExecutor { thread.asUnownedSerialExecutor() }

    deinit { thread.stop() }

    /// Opens (creating and migrating as needed) the database at `path`. `readOnly`: for commands
    /// that only look (`explain`, a dry `replay`) beside a running daemon: nothing is created,
    /// migrated or written, and a database an older feedwatch left is an error that says so.
    /// `checkWholeFile`: read every page first (`PRAGMA quick_check`), so that a damaged file is said
    /// at once; off for `once`, which cron may start every few minutes over gigabytes (damage it
    /// meets is still reported as such, from the statement that meets it).
    /// `instance` and `leaseSeconds`: see `SQLStore` (one instance runs on SQLite; the leases guard
    /// nothing then, and cost nothing).
    public init(
        path: String, readOnly: Bool = false, checkWholeFile: Bool = true, instance: String = SQLiteStore.hostName,
        leaseSeconds: TimeInterval = 60
    ) throws {
        self.path = path
        self.instance = instance
        self.leaseSeconds = leaseSeconds
        if readOnly {
            db = try SQLiteConnection(path: path, readOnly: true)
            let version = try db.prepare("PRAGMA user_version").rows().first?.int("user_version") ?? 0
            guard version == Migrations.steps.count else {
                throw StoreError.schema(
                    "\(path) is at schema version \(version), not \(Migrations.steps.count): run feedwatch once on it first")
            }
            return
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        db = try SQLiteConnection(path: path)
        try db.execute("PRAGMA journal_mode=WAL")
        try db.execute("PRAGMA synchronous=NORMAL")
        try db.execute("PRAGMA foreign_keys=ON")
        if checkWholeFile {
            let check = try db.prepare("PRAGMA quick_check").rows()
            if let result = check.first?.columns.values.first as? String, result != "ok" {
                throw StoreError.damaged(path: path, detail: result)
            }
        }
        try Migrations.apply(to: db)
    }

    public func close() {
        try? flushStoryKeys()
        db.close()
    }

}

extension SQLiteStore {
    public nonisolated var location: String { path }

    /// The machine's name: an instance's name unless the configuration gives one.
    public static var hostName: String { ProcessInfo.processInfo.hostName }

    /// The database file and its write-ahead log.
    public func sizeOnDisk() -> Int? {
        ["", "-wal"].compactMap { try? FileManager.default.attributesOfItem(atPath: path + $0)[.size] as? Int }.reduce(0, +)
    }
}
