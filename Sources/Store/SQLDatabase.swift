import Foundation

/// What the store's SQL runs on, whichever the backend: statements with `?` parameters (values:
/// String, Int, Int64, Double, Bool, Data or nil), rows read by column name, one transaction at a
/// time. The store's queries are written once over it (`SQLStore`), in the SQL both SQLite (3.40+)
/// and PostgreSQL understand: `ON CONFLICT … DO NOTHING`, `RETURNING`, `IS DISTINCT FROM`, `FILTER`.
protocol SQLDatabase: AnyObject {
    /// Every row of a statement's result.
    func rows(_ sql: String, _ values: [Any?]) throws -> [Row]
    /// Each row in turn (SQLite streams them; PostgreSQL reads the result whole first).
    func each(_ sql: String, _ values: [Any?], _ body: (Row) throws -> Void) throws
    /// Runs a statement; returns the number of rows it inserted, updated or deleted.
    @discardableResult
    func run(_ sql: String, _ values: [Any?]) throws -> Int
    /// Runs `body` in one transaction, committed when it returns and rolled back when it throws.
    func transaction<T>(_ body: () throws -> T) throws -> T
}

extension SQLDatabase {
    func rows(_ sql: String) throws -> [Row] { try rows(sql, []) }
    @discardableResult
    func run(_ sql: String) throws -> Int { try run(sql, []) }
    /// The first row's column `n` as an integer: for `SELECT COUNT(*) AS n …`.
    func count(_ sql: String, _ values: [Any?] = []) throws -> Int { try rows(sql, values).first?.int("n") ?? 0 }
}

extension SQLiteConnection: SQLDatabase {
    func rows(_ sql: String, _ values: [Any?]) throws -> [Row] { try prepare(sql).rows(values) }
    func each(_ sql: String, _ values: [Any?], _ body: (Row) throws -> Void) throws { try prepare(sql).each(values, body) }
    func run(_ sql: String, _ values: [Any?]) throws -> Int {
        try prepare(sql).run(values)
        return changes
    }
}

extension SQLDatabase {
    /// Inserts `rows` (each a value per column) in statements of up to `chunk` rows — one round trip
    /// each to a server, not one per row. `conflict`: e.g. "ON CONFLICT DO NOTHING"; `returning`:
    /// the columns to give back, for the rows inserted, in order.
    /// `placeholders`: an SQL expression for each column instead of `?` (taking as many values as it has `?`).
    @discardableResult
    func insert(
        into table: String, columns: [String], placeholders: [String]? = nil, rows: [[Any?]], conflict: String = "",
        returning: String? = nil, chunk: Int = 100
    ) throws -> [Row] {
        let tuple = "(" + (placeholders ?? Array(repeating: "?", count: columns.count)).joined(separator: ", ") + ")"
        var returned: [Row] = []
        for start in stride(from: 0, to: rows.count, by: chunk) {
            let part = rows[start..<min(rows.count, start + chunk)]
            let sql =
                "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
                + Array(repeating: tuple, count: part.count).joined(separator: ", ") + (conflict.isEmpty ? "" : " " + conflict)
                + (returning.map { " RETURNING " + $0 } ?? "")
            let values: [Any?] = Array(part.joined())
            if returning != nil { returned += try self.rows(sql, values) } else { try run(sql, values) }
        }
        return returned
    }

    /// The rows of `sql` (which ends in `column IN `) for each of `keys`, asked in lists of up to 64;
    /// each list padded to a power of two with its first key, so that a few statement shapes serve
    /// every count (each shape is prepared once).
    func rows(_ sql: String, in keys: [Any?], before values: [Any?] = []) throws -> [Row] {
        var result: [Row] = []
        for start in stride(from: 0, to: keys.count, by: 64) {
            var part = Array(keys[start..<min(keys.count, start + 64)])
            var width = 1
            while width < part.count { width *= 2 }
            part += Array(repeating: part[0], count: width - part.count)
            result += try rows(sql + "(" + Array(repeating: "?", count: width).joined(separator: ", ") + ")", values + part)
        }
        return result
    }
}
