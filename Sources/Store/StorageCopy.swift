import FeedCore
import Foundation

/// Moves feedwatch's state from one database to another — SQLite to PostgreSQL or back — table by
/// table, ids kept, in batches of one transaction each: an interrupted copy run again goes on after
/// the last batch that landed. At the end every table's rows are counted on both sides.
///
/// Leases, instances and slowed-down hosts are not copied: they belong to the processes running on
/// the source, which should be stopped first.
public final class StorageCopy {
    /// Where a database is: `sqlite:PATH` (or a path), or a `postgresql://` URL.
    public enum Location: Sendable, Equatable, CustomStringConvertible {
        case sqlite(String)
        case postgres(String)

        public init(_ text: String) {
            if text.hasPrefix("postgresql://") || text.hasPrefix("postgres://") {
                self = .postgres(text)
            } else {
                self = .sqlite(text.hasPrefix("sqlite:") ? String(text.dropFirst(7)) : text)
            }
        }

        public var description: String {
            switch self {
            case .sqlite(let path): return "sqlite:\(path)"
            case .postgres(let url): return URLRedaction.withoutPassword(url)
            }
        }
    }

    /// One table's rows on each side after the copy.
    public struct Count: Sendable, Equatable {
        public var table: String
        public var source: Int
        public var target: Int
    }

    public enum CopyError: Error, CustomStringConvertible {
        case notEmpty(String)
        case sameDatabase

        public var description: String {
            switch self {
            case .notEmpty(let detail): return "the target holds other data: \(detail); copy into an empty database"
            case .sameDatabase: return "the source and the target are the same database"
            }
        }
    }

    /// A table, its columns, and how it is copied: by its own id in batches, with the rows of
    /// `children` that hang on each batch's ids (in the same transaction), or whole (small tables).
    struct Table {
        var name: String
        var columns: [String]
        var children: [(table: String, columns: [String], key: String)] = []
        var byID: Bool { columns.first == "id" }
    }

    static let feedColumns = [
        "id", "config_url", "url", "name", "active", "etag", "last_modified", "next_due", "last_status", "consecutive_errors",
        "last_error", "last_error_at", "last_success", "failing_since", "broken", "items_seen", "polls", "interval", "host",
        "categories",
    ]

    /// In the order their references need.
    static let tables: [Table] = [
        Table(name: "feeds", columns: feedColumns),
        Table(
            name: "stories", columns: ["id", "first_seen", "title"],
            children: [("story_alerts", ["story_id", "rule_id"], "story_id")]),
        Table(
            name: "items",
            columns: [
                "id", "feed_id", "identity", "title", "link", "published", "content_hash", "first_seen", "updated_at", "text",
                "story_id", "categories",
            ],
            children: [
                ("item_actors", ["item_id", "actor_id", "count", "salience"], "item_id"),
                ("mentions", ["item_id", "actor_id", "kind", "form", "sentence"], "item_id"),
                ("item_topics", ["item_id", "topic_id", "sentences"], "item_id"),
                ("quotes", ["item_id", "text", "speaker_actor", "speaker_text", "verb", "sentence"], "item_id"),
                ("comentions", ["item_id", "a", "b", "count"], "item_id"),
            ]),
        Table(
            name: "alerts", columns: ["id", "rule_id", "kind", "item_id", "feed_id", "idempotency_key", "payload", "status", "created"],
            children: [
                ("deliveries", ["alert_id", "sink_id", "status", "attempts", "next_attempt", "last_error", "delivered"], "alert_id")
            ]),
        Table(
            name: "story_entries", columns: ["id", "story_id", "signature", "seen"],
            children: [("story_keys", ["key", "entry_id", "seen"], "entry_id")]),
        Table(name: "tallies", columns: ["name", "value"]),
        Table(name: "rule_tallies", columns: ["rule_id", "alerts"]),
        Table(name: "digest_mails", columns: ["day", "sink_id", "sent", "attempts", "next_attempt", "last_error"]),
        Table(name: "digests_written", columns: ["day", "instance", "written"]),
    ]

    let source: any SQLDatabase
    let target: any SQLDatabase
    let targetIsPostgres: Bool
    /// Rows per transaction.
    let batch: Int

    /// Opens both databases (the target created and migrated as needed).
    public init(from: Location, to: Location, batch: Int = 2000) throws {
        guard from != to else { throw CopyError.sameDatabase }
        source = try Self.open(from)
        target = try Self.open(to)
        if case .postgres = to { targetIsPostgres = true } else { targetIsPostgres = false }
        self.batch = batch
    }

    static func open(_ location: Location) throws -> any SQLDatabase {
        switch location {
        case .sqlite(let path):
            let db = try SQLiteConnection(path: path)
            try db.execute("PRAGMA journal_mode=WAL")
            try db.execute("PRAGMA foreign_keys=ON")
            try Migrations.apply(to: db)
            return db
        case .postgres(let url):
            let db = try PGConnection(url: url)
            try PostgresSchema.apply(to: db)
            return db
        }
    }

    /// Copies what is not in the target yet; `progress` hears each table's rows as they land.
    /// Returns every table's counts on both sides.
    @discardableResult
    public func run(progress: (String, Int) throws -> Void = { _, _ in }) throws -> [Count] {
        try checkTarget()
        for table in Self.tables {
            if table.byID {
                try copyByID(table, progress: progress)
            } else {
                try copyWhole(table)
                try progress(table.name, try count(table.name, in: source))
            }
        }
        if targetIsPostgres {
            // Ids were given explicitly: the identity sequences go on after the highest.
            for table in Self.tables where table.byID {
                try target.run(
                    "SELECT setval(pg_get_serial_sequence('\(table.name)', 'id'), GREATEST((SELECT MAX(id) FROM \(table.name)), 1)) AS v")
            }
        }
        return try Self.tables.flatMap { table in
            try ([table.name] + table.children.map(\.table)).map {
                Count(table: $0, source: try count($0, in: source), target: try count($0, in: target))
            }
        }
    }

    /// A target with feeds is one this copy began (the same feeds under the same ids), or not one to copy into.
    private func checkTarget() throws {
        let theirs = try target.rows("SELECT id, config_url FROM feeds ORDER BY id")
        guard !theirs.isEmpty else { return }
        let ours = Dictionary(
            try source.rows("SELECT id, config_url FROM feeds").map { ($0.int64("id") ?? 0, $0.string("config_url") ?? "") },
            uniquingKeysWith: { first, _ in first })
        for row in theirs where ours[row.int64("id") ?? 0] != row.string("config_url") {
            throw CopyError.notEmpty("feed \(row.int64("id") ?? 0) is \(row.string("config_url") ?? "?") there")
        }
    }

    private func copyByID(_ table: Table, progress: (String, Int) throws -> Void) throws {
        var last = try target.rows("SELECT MAX(id) AS n FROM \(table.name)").first?.int64("n") ?? 0
        var copied = try count(table.name, in: target)
        while true {
            let rows = try source.rows(
                "SELECT \(table.columns.joined(separator: ", ")) FROM \(table.name) WHERE id > ? ORDER BY id LIMIT ?", [last, batch])
            guard let highest = rows.last?.int64("id") else { break }
            try target.transaction {
                try insert(rows, into: table.name, columns: table.columns)
                if table.name == "items", targetIsPostgres {
                    // Indexed for search by the first instance to run on the copy.
                    try target.run(
                        "INSERT INTO search_queue SELECT id FROM items WHERE id > ? AND id <= ? ON CONFLICT DO NOTHING", [last, highest])
                }
                for child in table.children {
                    let children = try source.rows(
                        "SELECT \(child.columns.joined(separator: ", ")) FROM \(child.table) WHERE \(child.key) > ? AND \(child.key) <= ?",
                        [last, highest])
                    try insert(children, into: child.table, columns: child.columns)
                }
            }
            last = highest
            copied += rows.count
            try progress(table.name, copied)
        }
    }

    /// A small table, upserted whole (the target's rows for the same keys replaced).
    private func copyWhole(_ table: Table) throws {
        let rows = try source.rows("SELECT \(table.columns.joined(separator: ", ")) FROM \(table.name)")
        try target.transaction {
            try target.run("DELETE FROM \(table.name)")
            try insert(rows, into: table.name, columns: table.columns)
        }
    }

    private func insert(_ rows: [Row], into table: String, columns: [String]) throws {
        try target.insert(
            into: table, columns: columns, rows: rows.map { row in columns.map { row.columns[$0] ?? nil } },
            conflict: "ON CONFLICT DO NOTHING")
    }

    private func count(_ table: String, in db: any SQLDatabase) throws -> Int {
        try db.count("SELECT COUNT(*) AS n FROM \(table)")
    }
}
