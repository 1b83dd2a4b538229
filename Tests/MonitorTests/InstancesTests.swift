import FlyingFox
import Foundation
import TestSupport
import Testing

@testable import Store

#if canImport(Glibc)
import Glibc
#endif

/// Several `feedwatch run` processes sharing one PostgreSQL database (a server of the test's own,
/// started from Debian's packages) and one loopback feed host that keeps publishing.
@Suite("Several instances on PostgreSQL", .serialized, .enabled(if: FeedwatchProcess.isBuilt))
struct InstancesTests {
    static let feeds = 12

    @Test(
        "three instances: every published item stored once and every alert delivered once, through a SIGKILL mid-cycle and a server restart"
    )
    func threeInstances() async throws {
        let server = try await blockingWork { try PostgresServer() }
        defer { server.remove() }
        let url = try await blockingWork { try server.newDatabase() }
        let sandbox = try DaemonSandbox()
        defer { sandbox.remove() }
        let board = FeedBoard()
        let hook = KeyedHook()
        var published = 0
        func publishRound(_ round: Int) async {
            for feed in 0..<Self.feeds {
                // Short texts (no MinHash signature) and distinct titles: each item a story of its own.
                await board.publish(
                    "/f\(feed)", id: "r\(round)f\(feed)", title: "Putin item \(round * 100 + feed)",
                    text: "Vladimir Putin spoke, item \(round * 100 + feed).")
                published += 1
            }
        }
        // Each answer takes 300 ms, so that every instance is always polling some feed (and the one
        // killed holds leases); the host counts the requests it serves at once.
        let gauge = Gauge()
        try await withServer(routes: { http in
            await http.appendRoute("POST /hook") { request in await hook.receive(request) }
            await http.appendRoute("GET /*") { request in
                await gauge.enter()
                try? await Task.sleep(for: .milliseconds(300))
                await gauge.leave()
                return await board.answer(request)
            }
        }) { http in
            let json = """
                {"storage": {"postgres": "\(url)", "leaseSeconds": 10},
                 "feeds": [\((0..<Self.feeds).map { "{\"url\": \"\(http.url("/f\($0)"))\"}" }.joined(separator: ", "))],
                 "watchlist": \(DaemonSandbox.watchlist),
                 "schedule": {"intervalMinutes": 0.02, "minIntervalMinutes": 0, "jitterPercent": 0}, "logLevel": "info",
                 "fetch": {"perHost": 3},
                 "digest": {"folder": "\(sandbox.folder.appendingPathComponent("digests").path)"},
                 "alerts": {"backfill": "alert", "sinks": [{"id": "hook", "type": "webhook", "url": "\(http.url("/hook"))", "retrySeconds": 0.2}],
                            "rules": [{"id": "putin", "actors": ["putin"], "sinks": ["hook"]}]}}
                """
            try Data(json.utf8).write(to: sandbox.config)
            await publishRound(0)
            let instances = try (0..<3).map {
                try DaemonProcess(["run", "--config", sandbox.config.path, "--instance", "i\($0)"], folder: sandbox.folder)
            }
            defer { instances.forEach { $0.kill() } }
            for instance in instances { #expect(try await waitFor { instance.stderr.contains("started") }, "\(instance.stderr)") }
            var heldByKilled = 0, victim = 1, killedAt = Date.distantFuture
            for round in 1...10 {
                try await Task.sleep(for: .milliseconds(700))
                await publishRound(round)
                if round == 3 {
                    // The instance polling most at this moment is killed mid-cycle: its leases run out
                    // (10 s) and the others take its feeds.
                    let holder = try await blockingWork { () -> (String, Int) in
                        let row = try PGConnection(url: url).execute(
                            "SELECT lease_owner AS name, count(*) AS n FROM feeds WHERE lease_owner IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1"
                        ).first
                        return (row?.string("name") ?? "i1", row?.int("n") ?? 0)
                    }
                    victim = Int(holder.0.dropFirst()) ?? 1
                    heldByKilled = holder.1
                    killedAt = Date()
                    instances[victim].kill()
                }
                if round == 6 {
                    try await blockingWork {
                        try server.stop(mode: "fast")
                        try server.start()
                    }
                }
            }
            let total = published
            let allDelivered = try await waitFor(timeout: .seconds(90)) { Set(await hook.posts.map(\.key)).count == total }
            let accepted = await hook.posts.map(\.key)
            #expect(allDelivered, "\(Set(accepted).count) of \(total) alerts delivered")
            // The one repeat no sink can avoid: a delivery the killed instance made just before the kill,
            // not yet recorded, made again by another after its lease (same idempotency key). Any other
            // repeat — after the server's restart, say — is a failure.
            let posts = await hook.posts
            let twice = Dictionary(grouping: posts, by: \.key).filter { _, times in
                // (The first copy reaches the hook up to a moment after the signal: it was on its way.)
                times.count > 2 || (times.count == 2 && !(times[0].at < killedAt + 1 && times[1].at > killedAt + 1))
            }.keys.sorted()
            #expect(
                twice.isEmpty,
                "delivered twice: \(twice)\n\(instances.map(\.stderr).joined().split(separator: "\n").filter { !$0.contains(" info ") }.joined(separator: "\n"))"
            )

            let killed = victim
            let counts = try await blockingWork { () -> [String: Int] in
                let db = try PGConnection(url: url)
                var counts: [String: Int] = [:]
                for (name, sql) in [
                    ("items", "SELECT count(*) AS n FROM items"),
                    ("distinct", "SELECT count(DISTINCT (feed_id, identity)) AS n FROM items"),
                    ("alerts", "SELECT count(*) AS n FROM alerts WHERE kind = 'item'"),
                    ("delivered", "SELECT count(*) AS n FROM deliveries WHERE status = 'delivered'"),
                    (
                        "leasedByDead",
                        "SELECT count(*) AS n FROM feeds WHERE lease_owner = 'i\(killed)' AND lease_until > extract(epoch from now())"
                    ),
                ] {
                    counts[name] = try db.execute(sql).first?.int("n") ?? -1
                }
                return counts
            }
            #expect(counts["items"] == total && counts["distinct"] == total, "\(counts) for \(total) published")
            #expect(counts["alerts"] == total && counts["delivered"] == total, "\(counts)")
            #expect(counts["leasedByDead"] == 0, "the killed instance holds no live lease")
            #expect(heldByKilled > 0, "killed while polling")
            let most = await gauge.most
            #expect(most <= 3 && most >= 2, "at most fetch.perHost requests at once to the host, from all instances together: \(most)")
            let survivors = (0..<3).filter { $0 != victim }
            for k in survivors {
                instances[k].signal(SIGTERM)
                #expect(try await instances[k].waitForExit(timeout: 20) == 0, "\(instances[k].stderr)")
            }
            let logs = survivors.map { instances[$0].stderr }.joined()
            #expect(!logs.contains(" critical "), "\(logs)")
        }
    }
}

extension InstancesTests {
    @Test("a server that is down when the daemon starts: it says so, tries again, and starts polling once the server is up")
    func waitsForTheServer() async throws {
        let server = try await blockingWork { try PostgresServer() }
        defer { server.remove() }
        let url = try await blockingWork { try server.newDatabase() }
        try await blockingWork { try server.stop(mode: "fast") }
        let sandbox = try DaemonSandbox()
        defer { sandbox.remove() }
        let board = FeedBoard()
        await board.publish("/f", id: "1", title: "Putin", text: "Vladimir Putin spoke.")
        try await withServer(routes: FeedBoard.routes(board)) { http in
            let json = """
                {"storage": {"postgres": "\(url)"}, "feeds": [{"url": "\(http.url("/f"))"}], "watchlist": \(DaemonSandbox.watchlist),
                 "schedule": {"intervalMinutes": 0.02, "minIntervalMinutes": 0, "jitterPercent": 0}, "logLevel": "info",
                 "digest": {"folder": "\(sandbox.folder.appendingPathComponent("digests").path)"}}
                """
            try Data(json.utf8).write(to: sandbox.config)
            let daemon = try DaemonProcess(["run", "--config", sandbox.config.path, "--instance", "solo"], folder: sandbox.folder)
            defer { daemon.kill() }
            #expect(try await waitFor { daemon.stderr.contains("cannot start; trying again") }, "\(daemon.stderr)")
            #expect(daemon.process.isRunning)
            #expect(!daemon.stderr.contains(PostgresServer.password))
            try await blockingWork { try server.start() }
            #expect(try await waitFor(timeout: .seconds(40)) { daemon.stderr.contains("notice started") }, "\(daemon.stderr)")
            #expect(try await waitFor { (await board.requests["/f"] ?? 0) > 0 })
            daemon.signal(SIGTERM)
            #expect(try await daemon.waitForExit(timeout: 15) == 0, "\(daemon.stderr)")
        }
    }
}

/// A webhook that records each alert's idempotency key and when it came.
actor KeyedHook {
    private(set) var posts: [(key: String, at: Date)] = []

    func receive(_ request: HTTPRequest) async -> HTTPResponse {
        let body = (try? await request.bodyData) ?? Data()
        if let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any], let key = object["idempotencyKey"] as? String {
            posts.append((key, Date()))
        }
        return HTTPResponse(statusCode: .ok)
    }
}

/// Requests in progress at once, and the most there were.
actor Gauge {
    private var now = 0
    private(set) var most = 0

    func enter() {
        now += 1
        most = max(most, now)
    }

    func leave() { now -= 1 }
}
