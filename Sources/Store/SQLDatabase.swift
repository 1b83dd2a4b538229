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
