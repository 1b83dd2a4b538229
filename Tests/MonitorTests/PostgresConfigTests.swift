import Foundation
import TestSupport
import Testing

@testable import Store

/// A configuration pointing at PostgreSQL: `check-config` says whether the server takes it, with the
/// role and grants the README gives; the URL can come from the environment.
@Suite("PostgreSQL in the configuration", .serialized, .enabled(if: FeedwatchProcess.isBuilt))
struct PostgresConfigTests {
    func config(_ storage: String, in folder: URL) throws -> String {
        let path = folder.appendingPathComponent("config-\(UUID().uuidString).json").path
        let json = """
            {"storage": \(storage), "instance": "desk-1", "feeds": [{"url": "https://news.example/rss"}],
             "watchlist": {"actors": [{"id": "putin", "name": "Vladimir Putin", "type": "person"}]}}
            """
        try Data(json.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test(
        "the README's role (owner of its database, no superuser) is taken; a wrong password, a closed port and a role that may not create tables are said clearly"
    )
    func checkConfig() async throws {
        let server = try await blockingWork { try PostgresServer.shared.get() }
        let folder = try DigestTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let suffix = UUID().uuidString.prefix(8).lowercased()
        // As the README says: a login role, and a database it owns.
        try await blockingWork {
            try server.psql("CREATE ROLE desk_\(suffix) LOGIN PASSWORD 'desk-secret'")
            try server.psql("CREATE DATABASE news_\(suffix) OWNER desk_\(suffix)")
            try server.psql("CREATE ROLE outsider_\(suffix) LOGIN PASSWORD 'outsider-secret'")
            try server.psql("CREATE DATABASE empty_\(suffix)")
        }
        let desk = "postgresql://desk_\(suffix):desk-secret@127.0.0.1:\(server.port)/news_\(suffix)"
        let good = try await FeedwatchProcess.runDetached(["check-config", try config("{\"postgres\": \"\(desk)\"}", in: folder)])
        #expect(good.status == 0, "\(good.output)\(good.stderr)")
        #expect(good.output.contains("no feedwatch tables yet") && good.output.contains("instance \"desk-1\""), "\(good.output)")
        #expect(!good.output.contains("desk-secret"))
        // The store makes its tables as that role, and check-config then sees them.
        let store = try PostgresStore(url: desk, instance: "desk-1")
        await store.close()
        let again = try await FeedwatchProcess.runDetached(["check-config", try config("{\"postgres\": \"\(desk)\"}", in: folder)])
        #expect(again.output.contains("schema version \(PostgresSchema.steps.count) of \(PostgresSchema.steps.count)"), "\(again.output)")

        let wrong = desk.replacingOccurrences(of: "desk-secret", with: "nope")
        let refused = try await FeedwatchProcess.runDetached(["check-config", try config("{\"postgres\": \"\(wrong)\"}", in: folder)])
        #expect(refused.status == 69, "\(refused.stderr)")
        #expect(
            refused.stderr.contains(
                "$.storage.postgres: postgresql://desk_\(suffix)@127.0.0.1:\(server.port)/news_\(suffix): cannot connect: "),
            "\(refused.stderr)")
        #expect(refused.stderr.contains("password authentication failed") && !refused.stderr.contains("nope"), "\(refused.stderr)")

        let closed = "postgresql://desk:x@127.0.0.1:\(PostgresServer.freePort())/news"
        let down = try await FeedwatchProcess.runDetached(["check-config", try config("{\"postgres\": \"\(closed)\"}", in: folder)])
        #expect(down.status == 69 && down.stderr.contains("Connection refused"), "\(down.stderr)")

        // Another role on the tables desk made: refused, with what to do.
        let outsider = "postgresql://outsider_\(suffix):outsider-secret@127.0.0.1:\(server.port)"
        let denied = try await FeedwatchProcess.runDetached([
            "check-config", try config("{\"postgres\": \"\(outsider)/news_\(suffix)\"}", in: folder),
        ])
        #expect(denied.status == 69 && denied.stderr.contains("the role may not use feedwatch's tables"), "\(denied.stderr)")
        if try server.version() >= 15 {
            // PostgreSQL 15 and later let only a database's owner create tables in its public schema.
            let fenced = try await FeedwatchProcess.runDetached([
                "check-config", try config("{\"postgres\": \"\(outsider)/empty_\(suffix)\"}", in: folder),
            ])
            #expect(fenced.status == 69 && fenced.stderr.contains("may not create tables"), "\(fenced.stderr)")
        }
    }

    @Test("postgresEnv names the variable holding the URL; unset, it is a configuration error at its JSON path")
    func fromEnvironment() async throws {
        let server = try await blockingWork { try PostgresServer.shared.get() }
        let url = try await blockingWork { try server.newDatabase() }
        let folder = try DigestTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try config("{\"postgresEnv\": \"FEEDWATCH_TEST_DB\", \"leaseSeconds\": 30}", in: folder)
        let unset = try await FeedwatchProcess.runDetached(["check-config", path])
        #expect(
            unset.status == 78 && unset.stderr.contains("$.storage.postgresEnv: the environment variable FEEDWATCH_TEST_DB is not set"),
            "\(unset.stderr)")
        let set = try await FeedwatchProcess.runDetached(["check-config", path], environment: ["FEEDWATCH_TEST_DB": url])
        #expect(set.status == 0 && set.output.contains("database postgresql://feedwatch@127.0.0.1:"), "\(set.output)\(set.stderr)")
        #expect(!set.output.contains(PostgresServer.password))
        let both = try config("{\"postgres\": \"\(url)\", \"postgresEnv\": \"X\"}", in: folder)
        let twice = try await FeedwatchProcess.runDetached(["check-config", both])
        #expect(twice.status == 78 && twice.stderr.contains("not both"), "\(twice.stderr)")
        let bad = try config("{\"postgres\": \"mysql://x\", \"leaseSeconds\": 5}", in: folder)
        let wrong = try await FeedwatchProcess.runDetached(["check-config", bad])
        #expect(wrong.stderr.contains("$.storage.postgres: expected a postgresql:// URL"), "\(wrong.stderr)")
        #expect(wrong.stderr.contains("$.storage.leaseSeconds: expected a number from 10"), "\(wrong.stderr)")
    }
}
