import Foundation

/// feedwatch's state in a PostgreSQL database shared by several instances. One actor owns one
/// connection on a thread of its own, as `SQLiteStore` does, and runs the same queries (`SQLStore`);
/// what differs: claimed rows are locked with `FOR UPDATE SKIP LOCKED` (two instances never take the
/// same feed or delivery), story keys are written at once and looked up under advisory locks (two
/// instances polling copies of one story find one story), and full-text search uses `tsvector`.
public actor PostgresStore: SQLStore {
    let db: PGConnection
    /// The URL without its password, for messages.
    public nonisolated let location: String
    nonisolated let instance: String
    nonisolated let leaseSeconds: TimeInterval
    var sql: any SQLDatabase { db }
    var pendingStoryKeys = PendingStoryKeys()
    nonisolated var buffersStoryKeys: Bool { false }
    nonisolated var claimLocking: String { " FOR UPDATE SKIP LOCKED" }
    private nonisolated let thread = DatabaseThread(name: "feedwatch-postgres")
    public nonisolated var unownedExecutor: UnownedSerialExecutor { thread.asUnownedSerialExecutor() }

    deinit { thread.stop() }

    /// Connects (`url`: libpq's URL, `sslmode` and the rest honoured) and brings the schema up to
    /// date. `instance` names this process on its leases (see `SQLStore`).
    public init(url: String, instance: String = SQLiteStore.hostName, leaseSeconds: TimeInterval = 60, connectTimeout: Int = 10) throws {
        db = try PGConnection(url: url, connectTimeout: connectTimeout)
        location = db.location
        self.instance = instance
        self.leaseSeconds = leaseSeconds
        try PostgresSchema.apply(to: db)
    }

    /// Transaction-level advisory locks on the keys, taken in key order (so two transactions locking
    /// overlapping sets cannot deadlock), in a key space of their own (the first of two int4 keys).
    func lockStoryKeys(_ keys: [Int64]) throws {
        let unique = Set(keys).sorted()
        guard !unique.isEmpty else { return }
        try db.execute(
            "SELECT count(pg_advisory_xact_lock(\(Self.lockSpace), hashint8(k))) AS n FROM (SELECT unnest(?::bigint[]) AS k ORDER BY 1) AS keys",
            ["{" + unique.map(String.init).joined(separator: ",") + "}"])
    }

    /// Takes this instance's name for as long as the connection lasts (a session advisory lock: the
    /// server drops it when the process dies, however it dies), then records the start. Another
    /// process running under the same name is an error: two of them would void each other's leases.
    public func register(at now: Date) throws {
        try takeName()
        db.afterReconnect = { [instance] db in
            // The server restarted: the session's locks went with it.
            _ = try db.execute("SELECT pg_try_advisory_lock(?, hashtext(?)) AS taken", [Self.lockSpace + 1, instance])
        }
        try recordStart(at: now)
    }

    private func takeName() throws {
        let taken = try db.execute("SELECT pg_try_advisory_lock(?, hashtext(?)) AS taken", [Self.lockSpace + 1, instance])
        guard taken.first?.int("taken") == 1 else { throw StoreError.instanceRunning(name: instance, location: location) }
    }

    /// The first key of feedwatch's two-key advisory locks (story keys; +1: instance names; +2: digests; +3: claims).
    static let lockSpace = 1_718_449_524

    public func lockDigests() throws -> Bool {
        try db.execute("SELECT pg_try_advisory_lock(?, 0) AS taken", [Self.lockSpace + 2]).first?.int("taken") == 1
    }

    public func unlockDigests() throws {
        try db.execute("SELECT pg_advisory_unlock(?, 0) AS released", [Self.lockSpace + 2])
    }

    func lockClaims() throws {
        try db.execute("SELECT pg_advisory_xact_lock(?, 0) AS locked", [Self.lockSpace + 3])
    }

    /// Taken from the identity's sequence: other instances inserting meanwhile get others.
    func reserveIDs(_ table: String, count: Int) throws -> [Int64] {
        guard count > 0 else { return [] }
        return try db.execute(
            "SELECT nextval(pg_get_serial_sequence(?, 'id')) AS id FROM generate_series(1, ?::integer) ORDER BY 1", [table, count]
        ).compactMap { $0.int64("id") }
    }

    /// New and changed items wait in `search_queue` for `indexSearch` (see `PostgresSearch`).
    nonisolated var searchQueue: String? { "search_queue" }

    public func flush() throws {}

    public func close() {
        db.close()
    }

    /// The database's size on the server (tables, indexes, TOAST).
    public func sizeOnDisk() -> Int? {
        (try? db.execute("SELECT pg_database_size(current_database()) AS n").first?.int("n")) ?? nil
    }
}

extension PostgresStore {
    /// What `check-config` says of a server, without changing anything: reachable with these
    /// credentials, its version, and whether feedwatch's tables are there or can be made.
    public static func probe(url: String, connectTimeout: Int = 5) throws -> String {
        let db = try PGConnection(url: url, connectTimeout: connectTimeout)
        defer { db.close() }
        do {
            return try probe(db)
        } catch let error as PGError where error.sqlState == "42501" {
            throw PGError.connect(
                location: db.location,
                message:
                    "the role may not use feedwatch's tables (\(error)): connect as their owner, or grant it SELECT, INSERT, UPDATE, DELETE on them"
            )
        }
    }

    private static func probe(_ db: PGConnection) throws -> String {
        let server = try db.execute("SHOW server_version").first?.string("server_version") ?? "?"
        let schema =
            try db.execute("SELECT to_regclass('feedwatch_schema') IS NOT NULL AS present").first?.int("present") == 1
            ? try db.execute("SELECT max(version) AS v FROM feedwatch_schema").first?.int("v") ?? 0 : 0
        let steps = PostgresSchema.steps.count
        if schema == 0 {
            let allowed = try db.execute("SELECT has_schema_privilege(current_user, 'public', 'CREATE') AS ok").first?.int("ok") == 1
            guard allowed else {
                throw PGError.connect(
                    location: db.location,
                    message:
                        "the role may not create tables in schema public (GRANT CREATE ON SCHEMA public TO the role, or make it the owner)")
            }
            return "PostgreSQL \(server), no feedwatch tables yet (made at the first start)"
        }
        guard schema <= steps else {
            throw StoreError.schema("\(db.location) is at schema version \(schema); this feedwatch knows up to \(steps)")
        }
        return "PostgreSQL \(server), schema version \(schema) of \(steps)"
    }
}
