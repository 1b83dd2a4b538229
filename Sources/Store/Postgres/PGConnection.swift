import CLibPQ
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
}

/// One row of a result, read by column name, values as the server wrote them in text.
struct PGRow: RowReading {
    let columns: [String: String?]
    func string(_ name: String) -> String? { columns[name] ?? nil }
    func int64(_ name: String) -> Int64? { string(name).flatMap { Int64($0) } }
    func double(_ name: String) -> Double? { string(name).flatMap { Double($0) } }
    func bool(_ name: String) -> Bool? { string(name).map { $0 == "t" } }
}

/// One connection to a PostgreSQL server through libpq, used by one thread at a time (the store's
/// database thread): statements with parameters sent apart from the SQL (never spliced into it),
/// in text format, rows read by column name. The URL is libpq's (`postgresql://user@host:port/db?sslmode=…`);
/// its password never appears in a message.
final class PGConnection {
    let url: String
    /// The URL without its password, for messages and logs.
    let location: String
    private var handle: OpaquePointer?

    init(url: String, connectTimeout: Int = 10) throws {
        self.url = url
        location = Self.redacted(url)
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

    deinit { if let handle { PQfinish(handle) } }

    /// Whether the connection still works as far as libpq knows.
    var isOpen: Bool { handle.map { PQstatus($0) == CONNECTION_OK } ?? false }

    /// Connects again after the server went away (a restart): the caller retries its transaction.
    func reconnect() throws {
        guard let handle else { throw PGError.connect(location: location, message: "no connection") }
        PQreset(handle)
        guard PQstatus(handle) == CONNECTION_OK else {
            throw PGError.connect(location: location, message: Self.firstLine(String(cString: PQerrorMessage(handle))))
        }
        _ = try? execute("SET client_min_messages TO warning")
    }

    /// Runs one statement with `$1`, `$2`, … parameters (nil is NULL); returns its rows.
    @discardableResult
    func execute(_ sql: String, _ parameters: [PGValue?] = []) throws -> [PGRow] {
        guard let handle else { throw PGError.connectionLost(location: location, message: "not connected") }
        let texts = parameters.map { $0?.text }
        let result = Self.withOptionalCStrings(texts) { values in
            PQexecParams(handle, sql, Int32(texts.count), nil, values, nil, nil, 0)
        }
        defer { PQclear(result) }
        guard let result else {
            throw PGError.connectionLost(location: location, message: Self.firstLine(String(cString: PQerrorMessage(handle))))
        }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_EMPTY_QUERY: return []
        case PGRES_TUPLES_OK: return Self.rows(of: result)
        default:
            let message = Self.firstLine(String(cString: PQresultErrorMessage(result)))
            if PQstatus(handle) != CONNECTION_OK { throw PGError.connectionLost(location: location, message: message) }
            let state = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) } ?? ""
            throw PGError.statement(sqlState: state, message: message, sql: sql)
        }
    }

    /// Runs several statements without parameters (a schema step), through the simple query protocol.
    func executeScript(_ sql: String) throws {
        guard let handle else { throw PGError.connectionLost(location: location, message: "not connected") }
        let result = PQexec(handle, sql)
        defer { PQclear(result) }
        guard let result else {
            throw PGError.connectionLost(location: location, message: Self.firstLine(String(cString: PQerrorMessage(handle))))
        }
        let status = PQresultStatus(result)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY else {
            let message = Self.firstLine(String(cString: PQresultErrorMessage(result)))
            let state = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) } ?? ""
            throw PGError.statement(sqlState: state, message: message, sql: sql)
        }
    }

    /// Runs `body` in one transaction (committed when it returns, rolled back when it throws).
    func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN")
        do {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            if isOpen { _ = try? execute("ROLLBACK") }
            throw error
        }
    }

    private static func rows(of result: OpaquePointer) -> [PGRow] {
        let count = PQntuples(result), fields = PQnfields(result)
        let names = (0..<fields).map { String(cString: PQfname(result, $0)) }
        return (0..<count).map { row in
            var columns: [String: String?] = [:]
            for field in 0..<fields {
                columns[names[Int(field)]] =
                    PQgetisnull(result, row, field) == 1 ? .some(nil) : String(cString: PQgetvalue(result, row, field))
            }
            return PGRow(columns: columns)
        }
    }

    /// "postgresql://user:secret@host/db" → "postgresql://user@host/db" (also `password=` in the query).
    static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url) else { return "postgresql://(unparsable URL)" }
        components.password = nil
        components.queryItems = components.queryItems?.filter { $0.name != "password" }
        if components.queryItems?.isEmpty == true { components.queryItems = nil }
        return components.string ?? "postgresql://(unparsable URL)"
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

/// A statement parameter, sent as text.
enum PGValue {
    case text(String)
    case int(Int64)
    case double(Double)
    case bool(Bool)

    var text: String {
        switch self {
        case .text(let value): return value
        case .int(let value): return String(value)
        case .double(let value): return String(value)
        case .bool(let value): return value ? "t" : "f"
        }
    }
}
