import FeedCore
import Foundation
import TestSupport
import Testing

@testable import Store

/// libpq against a real PostgreSQL server started for the suite (initdb + pg_ctl on loopback).
@Suite("PostgreSQL connection (a real server)", .serialized)
struct PostgresConnectionTests {
    /// The test process's server, and a database of this test's own on it.
    let server: PostgresServer
    let url: String

    init() async throws {
        let server = try await blockingWork { try PostgresServer.shared.get() }
        self.server = server
        url = try await blockingWork { try server.newDatabase() }
    }

    @Test("parameters go apart from the SQL: text, numbers, NULL, quotes and Unicode come back as they went")
    func roundTrip() throws {
        let db = try PGConnection(url: url)
        try db.execute("CREATE TABLE t (id bigint PRIMARY KEY, name text, score double precision, flag boolean)")
        let hostile = "Orbán's \"quote\"; DROP TABLE t; --"
        try db.execute("INSERT INTO t VALUES ($1, $2, $3, $4)", [1, hostile, 0.25, true])
        try db.execute("INSERT INTO t VALUES ($1, $2, $3, $4)", [2, nil, nil, false])
        let rows = try db.execute("SELECT * FROM t ORDER BY id")
        #expect(rows.count == 2)
        #expect(rows[0].string("name") == hostile && rows[0].double("score") == 0.25 && rows[0].int("flag") == 1)
        #expect(rows[1].string("name") == nil && rows[1].double("score") == nil && rows[1].int("flag") == 0)
        #expect(rows[0].int64("id") == 1)
    }

    @Test("a failed statement says its SQLSTATE and message; a transaction that throws is rolled back")
    func errors() throws {
        let db = try PGConnection(url: url)
        try db.execute("CREATE TABLE u (k text PRIMARY KEY)")
        try db.execute("INSERT INTO u VALUES ($1)", ["a"])
        #expect(throws: PGError.self) { try db.execute("INSERT INTO u VALUES ($1)", ["a"]) }
        do {
            try db.execute("INSERT INTO u VALUES ($1)", ["a"])
        } catch let error as PGError {
            #expect(error.sqlState == "23505", "\(error)")
            #expect(error.description.contains("duplicate key value violates unique constraint"), "\(error)")
        }
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try db.transaction {
                try db.execute("INSERT INTO u VALUES ($1)", ["b"])
                throw Boom()
            }
        }
        #expect(try db.execute("SELECT count(*) AS n FROM u").first?.int("n") == 1, "rolled back")
        #expect(try db.execute("SELECT 1 AS one").first?.int("one") == 1, "usable after the rollback")
    }

    @Test("a wrong password and an unreachable server: clear errors naming the server, never the password")
    func connectErrors() throws {
        let wrong = url.replacingOccurrences(of: PostgresServer.password, with: "not-the-password")
        do {
            _ = try PGConnection(url: wrong)
            Issue.record("connected with a wrong password")
        } catch let error as PGError {
            #expect("\(error)".contains("password authentication failed for user \"feedwatch\""), "\(error)")
            #expect("\(error)".hasPrefix("postgresql://feedwatch@127.0.0.1:\(server.port)/t_"), "\(error)")
            #expect("\(error)".contains(": cannot connect: "), "\(error)")
            #expect(!"\(error)".contains("not-the-password"))
        }
        let closed = "postgresql://feedwatch:\(PostgresServer.password)@127.0.0.1:\(PostgresServer.freePort())/feedwatch"
        let start = Date()
        do {
            _ = try PGConnection(url: closed, connectTimeout: 3)
            Issue.record("connected to a closed port")
        } catch let error as PGError {
            #expect("\(error)".contains("Connection refused"), "\(error)")
            #expect(!"\(error)".contains(PostgresServer.password))
        }
        #expect(Date().timeIntervalSince(start) < 5)
        #expect(throws: PGError.self) { _ = try PGConnection(url: "postgresql://[bad") }
    }

    @Test("the server restarted under a connection: a statement reconnects and runs, a transaction runs again whole")
    func restart() async throws {
        // A server of its own: the shared one serves other suites meanwhile.
        let server = try await blockingWork { try PostgresServer() }
        defer { server.remove() }
        // Blocking work (the server stopped and started in the middle of a transaction) on a thread of its own.
        let (afterRestart, tries, rows) = try await blockingWork {
            let db = try PGConnection(url: server.url)
            try db.execute("CREATE TABLE r (n int)")
            try db.execute("INSERT INTO r VALUES (?)", [1])
            try server.stop(mode: "fast")
            try server.start()
            try db.execute("INSERT INTO r VALUES (?)", [2])
            let afterRestart = try db.execute("SELECT count(*) AS n FROM r").first?.int("n")
            // A restart in the middle of a transaction: its first try is lost with the connection,
            // the second runs on a new one.
            var tries = 0
            try db.transaction {
                tries += 1
                try db.execute("INSERT INTO r VALUES (?)", [3])
                if tries == 1 {
                    try server.stop(mode: "immediate")
                    try server.start()
                }
                try db.execute("INSERT INTO r VALUES (?)", [4])
            }
            return (afterRestart, tries, try db.execute("SELECT n FROM r ORDER BY n").compactMap { $0.int("n") })
        }
        #expect(afterRestart == 2, "the statement after the restart ran once")
        #expect(tries == 2)
        #expect(rows == [1, 2, 3, 4], "nothing of the lost try")
    }

    @Test("URLs in messages lose their password, in the user part and in the query")
    func redaction() {
        #expect(
            URLRedaction.withoutPassword("postgresql://fw:s3cret@db.example:5433/news?sslmode=require&password=x")
                == "postgresql://fw@db.example:5433/news?sslmode=require")
        #expect(URLRedaction.withoutPassword("postgresql://db.example/news") == "postgresql://db.example/news")
    }
}
