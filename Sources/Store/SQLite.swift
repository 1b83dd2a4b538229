import CSQLite
import Foundation

/// A thin wrapper over the sqlite3 C API: one connection, prepared statements, transactions.
/// Not thread-safe by itself: the store confines it to one actor.
final class SQLiteConnection {
    private(set) var handle: OpaquePointer?
    let path: String
    /// Prepared statements by their SQL: a poll runs the same few dozen statements thousands of times,
    /// and preparing one costs more than running it. Bounded, for SQL with values written into it.
    private var statements: [String: Statement] = [:]
    private static let cachedStatements = 256

    init(path: String, readOnly: Bool = false) throws {
        self.path = path
        var db: OpaquePointer?
        let flags = (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX
        let status = sqlite3_open_v2(path, &db, flags, nil)
        handle = db
        guard status == SQLITE_OK else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close(db)
            handle = nil
            throw StoreError.open(path: path, message: message)
        }
        sqlite3_busy_timeout(db, 5000)
        sqlite3_extended_result_codes(db, 1)
    }

    deinit { close() }

    func close() {
        statements = [:]
        if let handle { sqlite3_close_v2(handle) }
        handle = nil
    }

    func execute(_ sql: String) throws {
        var error: UnsafeMutablePointer<CChar>?
        guard sqlite3_exec(handle, sql, nil, nil, &error) == SQLITE_OK else {
            let message = error.map { String(cString: $0) } ?? lastError
            sqlite3_free(error)
            throw failure(message: message, sql: sql)
        }
    }

    /// The statement for `sql`, prepared once and kept (each use binds afresh, which resets it).
    func prepare(_ sql: String) throws -> Statement {
        if let cached = statements[sql] { return cached }
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            throw failure(message: lastError, sql: sql)
        }
        let prepared = Statement(statement, connection: self)
        if statements.count >= Self.cachedStatements { statements = [:] }
        statements[sql] = prepared
        return prepared
    }

    /// Runs `body` in one transaction (BEGIN IMMEDIATE … COMMIT), rolled back if it throws.
    func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    var lastError: String { handle.map { String(cString: sqlite3_errmsg($0)) } ?? "closed" }
    /// The primary result code of the last failed call (SQLITE_BUSY, SQLITE_CORRUPT, …).
    var lastCode: Int32 { handle.map { sqlite3_extended_errcode($0) & 0xff } ?? SQLITE_MISUSE }

    /// The error for the last failed call: a damaged file and a lock held elsewhere need other actions
    /// from the person running feedwatch than a failing statement, so they are told apart here.
    func failure(message: String, sql: String) -> StoreError {
        switch lastCode {
        case SQLITE_CORRUPT, SQLITE_NOTADB: return .damaged(path: path, detail: message)
        case SQLITE_BUSY, SQLITE_LOCKED: return .locked(path: path)
        case SQLITE_FULL: return .full(path: path)
        case SQLITE_IOERR:
            // SQLite says "disk I/O error" for a full disk met while growing the WAL or shared memory.
            let cause = handle.map { sqlite3_system_errno($0) } ?? 0
            return cause == ENOSPC || cause == EDQUOT ? .full(path: path) : .io(path: path, detail: message)
        default: return .sql(message: message, sql: sql)
        }
    }
    var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }
    var changes: Int { Int(sqlite3_changes(handle)) }
}

/// A prepared statement with positional parameters (1-based, as in SQLite).
final class Statement {
    private let statement: OpaquePointer
    private unowned let connection: SQLiteConnection

    init(_ statement: OpaquePointer, connection: SQLiteConnection) {
        self.statement = statement
        self.connection = connection
    }

    deinit { sqlite3_finalize(statement) }

    /// Binds `values` (String, Int, Int64, Double, Bool, Data, or nil) from parameter 1.
    @discardableResult
    func bind(_ values: [Any?]) -> Statement {
        sqlite3_reset(statement)
        sqlite3_clear_bindings(statement)
        for (index, value) in values.enumerated() {
            let i = Int32(index + 1)
            switch value {
            case nil: sqlite3_bind_null(statement, i)
            case let v as String: sqlite3_bind_text(statement, i, v, -1, fw_sqlite_transient())
            case let v as Int: sqlite3_bind_int64(statement, i, Int64(v))
            case let v as Int64: sqlite3_bind_int64(statement, i, v)
            case let v as Double: sqlite3_bind_double(statement, i, v)
            case let v as Bool: sqlite3_bind_int64(statement, i, v ? 1 : 0)
            case let v as Data:
                _ = v.withUnsafeBytes { sqlite3_bind_blob(statement, i, $0.baseAddress, Int32($0.count), fw_sqlite_transient()) }
            default: sqlite3_bind_text(statement, i, "\(value!)", -1, fw_sqlite_transient())
            }
        }
        return self
    }

    /// Runs a statement that returns no rows.
    func run(_ values: [Any?] = []) throws {
        bind(values)
        let status = sqlite3_step(statement)
        sqlite3_reset(statement)
        guard status == SQLITE_DONE || status == SQLITE_ROW else {
            throw connection.failure(message: connection.lastError, sql: String(cString: sqlite3_sql(statement)))
        }
    }

    /// Every row, as a Row each.
    func rows(_ values: [Any?] = []) throws -> [Row] {
        var rows: [Row] = []
        try each(values) { rows.append($0) }
        return rows
    }

    /// Each result row in turn, without holding them all (a day of items for the digest).
    func each(_ values: [Any?] = [], _ body: (Row) throws -> Void) throws {
        bind(values)
        defer { sqlite3_reset(statement) }
        while true {
            let status = sqlite3_step(statement)
            if status == SQLITE_DONE { break }
            guard status == SQLITE_ROW else {
                throw connection.failure(message: connection.lastError, sql: String(cString: sqlite3_sql(statement)))
            }
            var columns: [String: Any?] = [:]
            for c in 0..<sqlite3_column_count(statement) {
                let name = String(cString: sqlite3_column_name(statement, c))
                switch sqlite3_column_type(statement, c) {
                case SQLITE_INTEGER: columns[name] = sqlite3_column_int64(statement, c)
                case SQLITE_FLOAT: columns[name] = sqlite3_column_double(statement, c)
                case SQLITE_TEXT: columns[name] = String(cString: sqlite3_column_text(statement, c))
                case SQLITE_BLOB:
                    let count = Int(sqlite3_column_bytes(statement, c))
                    columns[name] = count == 0 ? Data() : Data(bytes: sqlite3_column_blob(statement, c), count: count)
                default: columns[name] = .some(nil)
                }
            }
            try body(Row(columns: columns))
        }
    }
}

/// A result row of either backend, read by column name: what turns rows into the store's values
/// (`FeedState`, …) is written once for both (PostgreSQL's rows are made of the same types).
struct Row {
    let columns: [String: Any?]
    func string(_ name: String) -> String? { columns[name] as? String }
    func int64(_ name: String) -> Int64? { columns[name] as? Int64 }
    func double(_ name: String) -> Double? { columns[name] as? Double ?? (columns[name] as? Int64).map(Double.init) }
    func int(_ name: String) -> Int? { int64(name).map(Int.init) }
    /// A time kept as seconds since 1970 (both backends store times so).
    func date(_ name: String) -> Date? { double(name).map(Date.init(timeIntervalSince1970:)) }
}

public enum StoreError: Error, CustomStringConvertible, Sendable {
    case open(path: String, message: String)
    case sql(message: String, sql: String)
    case schema(String)
    /// The file is not a usable SQLite database; it is left as it is.
    case damaged(path: String, detail: String)
    /// Another process holds a lock on the file for longer than the busy timeout.
    case locked(path: String)
    /// The disk (or the quota) is full: the transaction was rolled back whole.
    case full(path: String)
    /// The operating system failed a read or write of the file.
    case io(path: String, detail: String)
    /// Another process runs under this instance name on the shared database.
    case instanceRunning(name: String, location: String)

    public var description: String {
        switch self {
        case let .open(path, message): return "\(path): cannot open the database: \(message)"
        case let .sql(message, sql): return "database error: \(message) (in: \(sql.prefix(80)))"
        case let .schema(message): return "database schema: \(message)"
        case let .damaged(path, detail):
            return "\(path): the database is damaged (\(detail)). feedwatch leaves the file as it is: "
                + "restore a backup, or move it aside and feedwatch starts a new one"
        case let .locked(path):
            return "\(path): the database is locked by another process (another feedwatch?); gave up after 5 s"
        case let .full(path):
            return "\(path): the disk is full: the change was rolled back whole (a poll's items are fetched again once there is space)"
        case let .instanceRunning(name, location):
            return
                "\(location): another feedwatch runs as instance \"\(name)\": give each instance its own name (\"instance\" in the configuration, or --instance)"
        case let .io(path, detail):
            return "\(path): a read or write of the database failed (\(detail)); the change was rolled back whole"
        }
    }
}
