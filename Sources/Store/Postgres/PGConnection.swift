import CLibPQ
import FeedCore
import Foundation

/// A failure talking to PostgreSQL, said as a person can act on it: where (the URL without its
/// password), and the server's or libpq's first line, with the SQLSTATE when the server gave one.
public enum PGError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The server could not be reached, refused the login, or the URL is not one.
    case connect(location: String, message: String)
    /// A statement failed: its SQLSTATE ("23505" a unique violation, "40001" a serialization
    /// failure, "57P01" the server shutting down) and message.
    case statement(sqlState: String, message: String, sql: String)
    /// The connection broke (server restarted, network): retry after reconnecting.
    case connectionLost(location: String, message: String)

    public var description: String {
        switch self {
        case let .connect(location, message): return "\(location): cannot connect: \(message)"
        case let .statement(state, message, sql): return "database error \(state): \(message) (in: \(sql.prefix(80)))"
        case let .connectionLost(location, message): return "\(location): connection lost: \(message)"
        }
    }

    /// The SQLSTATE, when the server sent one.
    public var sqlState: String? {
        if case let .statement(state, _, _) = self { return state }
        return nil
    }

    /// Worth another try: a deadlock or serialization failure, or a connection to make again.
    var isTransient: Bool {
        switch self {
        case .connectionLost: return true
        case .statement(let state, _, _): return state == "40001" || state == "40P01"
        case .connect: return false
        }
    }
}

/// One connection to a PostgreSQL server through libpq, used by one thread at a time (the store's
/// database thread): statements with parameters sent apart from the SQL (never spliced into it),
/// in text format, rows read by column name. The URL is libpq's (`postgresql://user@host:port/db?sslmode=…`);
/// its password never appears in a message.
final class PGConnection {
    /// The URL without its password, for messages and logs.
    let location: String
    private var handle: OpaquePointer?

    init(url: String, connectTimeout: Int = 10) throws {
        location = URLRedaction.withoutPassword(url)
        let keywords = ["dbname", "connect_timeout", "application_name"]
        let values = [url, String(connectTimeout), "feedwatch"]
        handle = Self.withCStrings(keywords) { keys in
            Self.withCStrings(values) { vals in PQconnectdbParams(keys, vals, 1) }
        }
        guard let handle, PQstatus(handle) == CONNECTION_OK else {
            let message = handle.map { Self.firstLine(String(cString: PQerrorMessage($0))) } ?? "out of memory"
            if let handle { PQfinish(handle) }
            self.handle = nil
            throw PGError.connect(location: location, message: message)
        }
        // Quiet: NOTICEs (e.g. "relation already exists, skipping") are not for the log.
        _ = try? execute("SET client_min_messages TO warning")
    }

    deinit { close() }

    func close() {
        if let handle { PQfinish(handle) }
        handle = nil
    }

    /// Whether the connection still works as far as libpq knows.
    var isOpen: Bool { handle.map { PQstatus($0) == CONNECTION_OK } ?? false }

    /// Connects again after the server went away (a restart): the caller retries its transaction.
    func reconnect() throws {
        guard let handle else { throw PGError.connect(location: location, message: "no connection") }
        statements = [:]
        seenOnce = []
        PQreset(handle)
        guard PQstatus(handle) == CONNECTION_OK else {
            throw PGError.connect(location: location, message: Self.firstLine(String(cString: PQerrorMessage(handle))))
        }
        reconnecting = true
        defer { reconnecting = false }
        _ = try? execute("SET client_min_messages TO warning")
        try afterReconnect?(self)
    }

    /// Inside `reconnect`: a statement failing there is not retried by reconnecting again.
    private var reconnecting = false

    /// Run after each reconnection (a session's advisory locks are to be taken again).
    var afterReconnect: ((PGConnection) throws -> Void)?

    /// Runs one statement (parameters written `?` or `$1`, `$2`, …; values as `SQLDatabase` takes
    /// them, nil is NULL); returns its rows. Each statement is prepared once per connection. Outside a
    /// transaction, a connection the server dropped (a restart) is made again and the statement retried once.
    @discardableResult
    func execute(_ sql: String, _ values: [Any?] = []) throws -> [Row] {
        guard depth == 0, !reconnecting else { return try attempt(sql, values) }
        do {
            return try attempt(sql, values)
        } catch PGError.connectionLost {
            try reconnect()
            return try attempt(sql, values)
        }
    }

    private func attempt(_ sql: String, _ values: [Any?]) throws -> [Row] {
        guard let handle else { throw PGError.connectionLost(location: location, message: "not connected") }
        if PQstatus(handle) != CONNECTION_OK { throw PGError.connectionLost(location: location, message: "connection closed") }
        let texts = values.map(Self.text)
        let result: OpaquePointer?
        if let name = try prepared(sql, parameters: values.count) {
            result = Self.withOptionalCStrings(texts) { PQexecPrepared(handle, name, Int32(texts.count), $0, nil, nil, 0) }
        } else {
            let numbered = Self.numbered(sql)
            result = Self.withOptionalCStrings(texts) { PQexecParams(handle, numbered, Int32(texts.count), nil, $0, nil, nil, 0) }
        }
        let rows = try check(result, sql: sql)
        lastChanges = result.flatMap { Int(String(cString: PQcmdTuples($0))) } ?? 0
        PQclear(result)
        return rows
    }

    /// The name of `sql`'s prepared statement on this connection, prepared the second time it runs:
    /// SQL that carries a list of ids in its text runs once, and preparing it would cost a round trip
    /// and a slot for nothing. Nil: run it unprepared.
    private func prepared(_ sql: String, parameters: Int) throws -> String? {
        if let name = statements[sql] { return name }
        guard seenOnce.remove(sql) != nil else {
            if seenOnce.count >= 4096 { seenOnce = [] }
            seenOnce.insert(sql)
            return nil
        }
        if statements.count >= 512 {
            // Bounded, as SQLite's cache is: statements of many shapes (multi-row inserts) come and go.
            let result = PQexec(handle, "DEALLOCATE ALL")
            _ = try check(result, sql: "DEALLOCATE ALL")
            PQclear(result)
            statements = [:]
        }
        nameCounter += 1
        let name = "s\(nameCounter)"
        let result = PQprepare(handle, name, Self.numbered(sql), Int32(parameters), nil)
        _ = try check(result, sql: sql)
        PQclear(result)
        statements[sql] = name
        return name
    }

    /// A result's rows, or the error it carries (the result is cleared then).
    private func check(_ result: OpaquePointer?, sql: String) throws -> [Row] {
        guard let handle, let result else {
            throw PGError.connectionLost(
                location: location, message: handle.map { Self.firstLine(String(cString: PQerrorMessage($0))) } ?? "")
        }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_EMPTY_QUERY: return []
        case PGRES_TUPLES_OK: return Self.rows(of: result)
        default:
            defer { PQclear(result) }
            let message = Self.firstLine(String(cString: PQresultErrorMessage(result)))
            if PQstatus(handle) != CONNECTION_OK { throw PGError.connectionLost(location: location, message: message) }
            let state = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) } ?? ""
            // The server shutting down or the admin ending the session: the connection is gone.
            if state.hasPrefix("57P") { throw PGError.connectionLost(location: location, message: message) }
            throw PGError.statement(sqlState: state, message: message, sql: sql)
        }
    }

    /// `?` placeholders numbered as PostgreSQL wants them (`$1`, `$2`, …), outside quoted text.
    static func numbered(_ sql: String) -> String {
        guard sql.contains("?") else { return sql }
        var out = "", number = 0, quoted = false
        for character in sql {
            if character == "'" { quoted.toggle() }
            if character == "?" && !quoted {
                number += 1
                out += "$\(number)"
            } else {
                out.append(character)
            }
        }
        return out
    }

    /// A value as PostgreSQL reads it in text format (`bytea` as `\x` and hex digits).
    static func text(_ value: Any?) -> String? {
        switch value {
        case nil: return nil
        case let v as String: return v
        case let v as Int: return String(v)
        case let v as Int64: return String(v)
        case let v as Double: return v.isFinite ? "\(v)" : nil
        case let v as Bool: return v ? "1" : "0"
        case let v as Data: return hex(v)
        case let v?: return "\(v)"
        }
    }

    /// Runs several statements without parameters (a schema step), through the simple query protocol.
    func executeScript(_ sql: String) throws {
        guard let handle else { throw PGError.connectionLost(location: location, message: "not connected") }
        let result = PQexec(handle, sql)
        _ = try check(result, sql: sql)
        PQclear(result)
    }

    /// Runs `body` in one transaction (committed when it returns, rolled back when it throws). A
    /// deadlock or serialization failure (another instance touched the same rows) runs it again, as
    /// does a connection the server dropped (made again first): up to three tries. `body` must be
    /// safe to repeat — the store's transactions are (items by identity, alerts by idempotency key).
    /// Nested calls join the outer transaction.
    func transaction<T>(_ body: () throws -> T) throws -> T {
        if depth > 0 { return try body() }
        var tries = 0
        while true {
            tries += 1
            do {
                return try once(body)
            } catch let error as PGError where tries < 3 && error.isTransient {
                if case .connectionLost = error { try reconnect() }
            }
        }
    }

    private func once<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN")
        depth += 1
        defer { depth -= 1 }
        do {
            let value = try body()
            _ = try attempt("COMMIT", [])
            return value
        } catch {
            if isOpen { _ = try? attempt("ROLLBACK", []) }
            throw error
        }
    }

    /// Rows changed by the last statement.
    private(set) var lastChanges = 0
    /// Statements prepared on this connection, by their SQL; gone with the connection.
    private var statements: [String: String] = [:]
    private var nameCounter = 0
    /// Statements run once, unprepared (see `prepared`).
    private var seenOnce: Set<String> = []
    /// Inside `transaction` (nested calls run inside the outer one).
    private var depth = 0

    /// The rows of a result, each value as the SQLite store reads it: integers (and booleans, 0/1)
    /// as Int64, floating point as Double, `bytea` as Data, the rest as text.
    private static func rows(of result: OpaquePointer) -> [Row] {
        let count = PQntuples(result), fields = PQnfields(result)
        let names = (0..<fields).map { String(cString: PQfname(result, $0)) }
        let types = (0..<fields).map { PQftype(result, $0) }
        return (0..<count).map { row in
            var columns: [String: Any?] = [:]
            for field in 0..<fields {
                let index = Int(field)
                guard PQgetisnull(result, row, field) == 0 else {
                    columns[names[index]] = .some(nil)
                    continue
                }
                let text = String(cString: PQgetvalue(result, row, field))
                columns[names[index]] = value(text, type: types[index])
            }
            return Row(columns: columns)
        }
    }

    private static func value(_ text: String, type: Oid) -> Any? {
        switch type {
        case 20, 21, 23, 26: return Int64(text)  // int8, int2, int4, oid
        case 700, 701: return Double(text)  // float4, float8
        case 1700: return Int64(text) ?? Double(text)  // numeric (SUM of bigint)
        case 16: return Int64(text == "t" ? 1 : 0)  // bool
        case 17: return bytes(fromHex: text)  // bytea
        default: return text
        }
    }

    /// Bytes in bytea's text form, `\x` and two hex digits a byte (a story's signature: 128 bytes).
    static func hex(_ data: Data) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8](repeating: 0, count: 2 + data.count * 2)
        out[0] = UInt8(ascii: "\\")
        out[1] = UInt8(ascii: "x")
        for (index, byte) in data.enumerated() {
            out[2 + index * 2] = digits[Int(byte >> 4)]
            out[3 + index * 2] = digits[Int(byte & 0x0f)]
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `\x0a1b…` (bytea's text form) as bytes.
    private static func bytes(fromHex text: String) -> Data {
        var data = Data(capacity: max(0, text.utf8.count - 2) / 2)
        var high: UInt8?
        for byte in text.utf8.dropFirst(2) {
            let nibble: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = byte - UInt8(ascii: "a") + 10
            default: continue
            }
            if let h = high {
                data.append(h << 4 | nibble)
                high = nil
            } else {
                high = nibble
            }
        }
        return data
    }

    static func firstLine(_ message: String) -> String {
        let trimmed = message.trimmingCharacters(in: .whitespacesAndNewlines)
        // libpq prefixes server errors with "ERROR:  " and adds DETAIL/HINT lines.
        let line = trimmed.split(separator: "\n").first.map(String.init) ?? trimmed
        return line.hasPrefix("ERROR:  ") ? String(line.dropFirst(8)) : line
    }

    private static func withCStrings<T>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> T) -> T {
        let pointers = strings.map { strdup($0) } + [nil]
        defer { pointers.forEach { free($0) } }
        return pointers.map { UnsafePointer($0) }.withUnsafeBufferPointer { body($0.baseAddress!) }
    }

    private static func withOptionalCStrings<T>(_ strings: [String?], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> T) -> T {
        let pointers = strings.map { $0.map { strdup($0) } ?? nil }
        defer { pointers.forEach { free($0) } }
        return pointers.map { UnsafePointer($0) }.withUnsafeBufferPointer { body($0.baseAddress) }
    }
}

extension PGConnection: SQLDatabase {
    func rows(_ sql: String, _ values: [Any?]) throws -> [Row] { try execute(sql, values) }
    func each(_ sql: String, _ values: [Any?], _ body: (Row) throws -> Void) throws { try execute(sql, values).forEach(body) }
    func run(_ sql: String, _ values: [Any?]) throws -> Int {
        try execute(sql, values)
        return lastChanges
    }
}
