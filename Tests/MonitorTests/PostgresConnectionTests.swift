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
        try db.execute("INSERT INTO t VALUES ($1, $2, $3, $4)", [.int(1), .text(hostile), .double(0.25), .bool(true)])
        try db.execute("INSERT INTO t VALUES ($1, $2, $3, $4)", [.int(2), nil, nil, .bool(false)])
        let rows = try db.execute("SELECT * FROM t ORDER BY id")
        #expect(rows.count == 2)
        #expect(rows[0].string("name") == hostile && rows[0].double("score") == 0.25 && rows[0].bool("flag") == true)
        #expect(rows[1].string("name") == nil && rows[1].double("score") == nil && rows[1].bool("flag") == false)
        #expect(rows[0].int64("id") == 1)
    }

    @Test("a failed statement says its SQLSTATE and message; a transaction that throws is rolled back")
    func errors() throws {
        let db = try PGConnection(url: url)
        try db.execute("CREATE TABLE u (k text PRIMARY KEY)")
        try db.execute("INSERT INTO u VALUES ($1)", [.text("a")])
        #expect(throws: PGError.self) { try db.execute("INSERT INTO u VALUES ($1)", [.text("a")]) }
        do {
            try db.execute("INSERT INTO u VALUES ($1)", [.text("a")])
        } catch let error as PGError {
            #expect(error.sqlState == "23505", "\(error)")
            #expect(error.description.contains("duplicate key value violates unique constraint"), "\(error)")
        }
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try db.transaction {
                try db.execute("INSERT INTO u VALUES ($1)", [.text("b")])
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

    @Test("the server restarted under a connection: the next statement says the connection was lost, reconnect() goes on")
    func restart() async throws {
        // A server of its own: the shared one serves other suites meanwhile.
        let server = try await blockingWork { try PostgresServer() }
        defer { server.remove() }
        let db = try PGConnection(url: server.url)
        try db.execute("CREATE TABLE r (n int)")
        try await blockingWork {
            try server.stop(mode: "fast")
            try server.start()
        }
        var lost = false
        do {
            try db.execute("INSERT INTO r VALUES (1)")
        } catch let error as PGError {
            if case .connectionLost = error { lost = true } else if error.sqlState == "57P01" { lost = true }
        }
        #expect(lost || !db.isOpen, "the broken connection is noticed")
        try db.reconnect()
        try db.execute("INSERT INTO r VALUES (2)")
        #expect(try db.execute("SELECT count(*) AS n FROM r").first?.int("n") == 1)
    }

    @Test("URLs in messages lose their password, in the user part and in the query")
    func redaction() {
        #expect(
            PGConnection.redacted("postgresql://fw:s3cret@db.example:5433/news?sslmode=require&password=x")
                == "postgresql://fw@db.example:5433/news?sslmode=require")
        #expect(PGConnection.redacted("postgresql://db.example/news") == "postgresql://db.example/news")
    }
}
