import FlyingFox
import Foundation
import TestSupport
import Testing

@testable import Monitor
@testable import Store

/// Alerts end to end: the real binary, its SQLite outbox, a JSON Lines file, a loopback webhook.
@Suite("Alerts (processes, SQLite, loopback)", .serialized, .enabled(if: FeedwatchProcess.isBuilt))
struct AlertTests {
    static func lines(_ file: URL) -> [[String: Any]] {
        ((try? String(contentsOf: file, encoding: .utf8)) ?? "").split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    @Test("a webhook's 429 with Retry-After is honoured, not retried at the sink's own shorter delay")
    func webhookRetryAfter() async throws {
        let sandbox = try DaemonSandbox()
        defer { sandbox.remove() }
        let board = FeedBoard()
        await board.publish("/news", id: "a", title: "Putin", text: "Vladimir Putin spoke.")
        let hook = WebhookReceiver(failFirst: 1, retryAfter: 3)
        try await withServer(routes: { server in
            await FeedBoard.routes(board)(server)
            await server.appendRoute("POST /hook") { request in await hook.receive(request) }
        }) { server in
            try sandbox.write(
                feeds: [server.url("/news")],
                extra: """
                    , "alerts": {"backfill": "alert", "sinks": [{"id": "hook", "type": "webhook", "url": "\(server.url("/hook"))", "retrySeconds": 0.1}],
                                 "rules": [{"id": "putin", "actors": ["putin"], "sinks": ["hook"]}]}
                    """)
            let daemon = try DaemonProcess(config: sandbox.config.path, folder: sandbox.folder)
            defer { daemon.kill() }
            // Generous: under the sanitizers, with the other suites' daemons beside it, the first poll
            // alone has taken 12 s; what is tested is the spacing of the attempts, not their speed.
            #expect(try await waitFor(timeout: .seconds(60)) { await hook.accepted.count == 1 }, "\(daemon.stderr)")
            let times = await hook.attemptTimes
            #expect(times.count == 2, "one 429, then the delivery: \(times.count) attempts")
            if times.count >= 2 { #expect(times[1].timeIntervalSince(times[0]) >= 2.9, "\(times[1].timeIntervalSince(times[0])) s") }
            daemon.signal(SIGTERM)
            #expect(try await daemon.waitForExit(timeout: 15) == 0)
        }
    }

    @Test("a webhook that hangs delays neither the other sinks nor the polling")
    func hangingWebhook() async throws {
        let sandbox = try DaemonSandbox()
        defer { sandbox.remove() }
        let board = FeedBoard()
        for i in 0..<5 { await board.publish("/news", id: "a\(i)", title: "Putin \(i)", text: "Vladimir Putin spoke, item \(i).") }
        try await withServer(routes: { server in
            await FeedBoard.routes(board)(server)
            await server.appendRoute("POST /hook") { _ in
                try await Task.sleep(for: .seconds(120))
                return HTTPResponse(statusCode: .ok)
            }
        }) { server in
            let alerts = sandbox.folder.appendingPathComponent("alerts.jsonl")
            try sandbox.write(
                feeds: [server.url("/news")],
                extra: """
                    , "alerts": {"backfill": "alert", "sinks": [{"id": "hook", "type": "webhook", "url": "\(server.url("/hook"))", "timeoutSeconds": 30},
                                           {"id": "file", "type": "jsonl", "path": "\(alerts.path)"}],
                                 "rules": [{"id": "putin", "actors": ["putin"], "sinks": ["hook", "file"]}]}
                    """)
            let daemon = try DaemonProcess(config: sandbox.config.path, folder: sandbox.folder)
            defer { daemon.kill() }
            func lines() -> Int { ((try? String(contentsOf: alerts, encoding: .utf8)) ?? "").split(separator: "\n").count }
            #expect(try await waitFor(timeout: .seconds(8)) { lines() == 5 }, "the file has its alerts while the webhook hangs: \(lines())")
            await board.publish("/news", id: "late", title: "Putin again", text: "Vladimir Putin spoke again.")
            #expect(try await waitFor(timeout: .seconds(8)) { lines() == 6 }, "polling goes on and the new alert is written: \(lines())")
            daemon.signal(SIGTERM)
            #expect(try await daemon.waitForExit(timeout: 20) == 0)
        }
    }

    @Test("new items raise alerts in the JSON Lines file and at a webhook that fails twice first; bursts are grouped")
    func sinks() async throws {
        let sandbox = try DaemonSandbox()
        defer { sandbox.remove() }
        let board = FeedBoard()
        for i in 0..<6 { await board.publish("/news", id: "n\(i)", title: "Sanctions \(i)", text: "New sanctions, item \(i).") }
        await board.publish("/news", id: "p1", title: "Putin meets Orbán", text: "Vladimir Putin met Viktor Orbán.")
        let hook = WebhookReceiver(failFirst: 2)
        try await withServer(routes: { server in
            await FeedBoard.routes(board)(server)
            await server.appendRoute("POST /hook") { request in await hook.receive(request) }
        }) { server in
            let alerts = sandbox.folder.appendingPathComponent("alerts.jsonl")
            try sandbox.write(
                feeds: [server.url("/news")],
                extra: """
                    , "alerts": {"backfill": "alert", "sinks": [{"id": "file", "type": "jsonl", "path": "\(alerts.path)"},
                                           {"id": "hook", "type": "webhook", "url": "\(server.url("/hook"))", "retrySeconds": 0.1}],
                                 "rules": [{"id": "both", "actors": ["putin", "orban"], "match": "all", "sinks": ["file", "hook"]},
                                           {"id": "sanctions", "topics": ["sanctions"], "sinks": ["file"], "maxPerHour": 3}]}
                    """)
            let daemon = try DaemonProcess(config: sandbox.config.path, folder: sandbox.folder)
            defer { daemon.kill() }
            #expect(try await waitFor { await hook.accepted.count == 1 }, "delivered after two failures")
            #expect(await hook.attempts == 3)
            let written = Self.lines(alerts)
            #expect(written.filter { $0["rule"] as? String == "both" }.count == 1)
            let sanctions = written.filter { $0["rule"] as? String == "sanctions" }
            #expect(sanctions.filter { $0["kind"] as? String == "item" }.count == 3)
            #expect(sanctions.first { $0["kind"] as? String == "group" }?["count"] as? Int == 3)
            let both = try #require(written.first { $0["rule"] as? String == "both" })
            #expect((both["item"] as? [String: Any])?["title"] as? String == "Putin meets Orbán")
            #expect((both["actors"] as? [[String: Any]])?.map { $0["id"] as? String } == ["putin", "orban"])
            #expect((both["idempotencyKey"] as? String)?.hasPrefix("both:") == true)
            let posted = await hook.accepted
            #expect(posted == [both["idempotencyKey"] as? String ?? "?"])
            daemon.signal(SIGTERM)
            #expect(try await daemon.waitForExit(timeout: 10) == 0)
            let failures = daemon.stderr.split(separator: "\n").filter { $0.contains("alert not delivered") }
            #expect(failures.count == 2)
            let itemID = try #require((both["item"] as? [String: Any])?["id"] as? String)
            #expect(!itemID.isEmpty && ((both["idempotencyKey"] as? String) ?? "").contains(itemID))
            #expect(
                failures.allSatisfy {
                    $0.contains("feed=\(server.url("/news"))") && $0.contains("item=\(itemID)") && $0.contains("rule=both")
                }, "\(failures)")
            // One line per alert, not one per sink: "both" goes to the file and the webhook.
            let raised = daemon.stderr.split(separator: "\n").filter { $0.contains(" info alert raised ") && $0.contains("rule=both") }
            #expect(raised.count == 1, "\(raised)")
            #expect(raised.first?.contains("item=\(itemID)") == true && raised.first?.contains("title=\"Putin meets Orbán\"") == true)
            #expect(!daemon.stderr.contains("info alert delivered"), "deliveries are debug lines")
        }
    }

    @Test("explain says why rules fire or not; replay is a dry run unless --alert, and never alerts twice")
    func explainAndReplay() async throws {
        let sandbox = try DaemonSandbox()
        defer { sandbox.remove() }
        let board = FeedBoard()
        await board.publish(
            "/news", id: "a", title: "Orbán on sanctions", text: "Viktor Orbán spoke about sanctions. Ilona Orbán, a teacher, did not.")
        await board.publish("/news", id: "b", title: "Weather", text: "Rain.")
        try await withServer(routes: FeedBoard.routes(board)) { server in
            let alerts = sandbox.folder.appendingPathComponent("alerts.jsonl")
            func configure(_ rules: String) throws {
                try sandbox.write(
                    feeds: [server.url("/news")],
                    extra: """
                        , "alerts": {"backfill": "alert", "sinks": [{"id": "file", "type": "jsonl", "path": "\(alerts.path)"}], "rules": [\(rules)]}
                        """)
            }
            try configure(#"{"id": "putin", "actors": ["putin"], "sinks": ["file"]}"#)
            _ = try await FeedwatchProcess.runDetached(["once", "--config", sandbox.config.path])
            #expect(Self.lines(alerts).isEmpty)
            let explained = try await FeedwatchProcess.runDetached(["explain", "--config", sandbox.config.path, "http://news.example/a"])
            #expect(explained.output.contains("orban: 2 mentions"), "\(explained.output)")
            #expect(explained.output.contains("quiet putin"))
            #expect(explained.output.contains("putin (not mentioned)"))
            // The candidate refused, and why.
            let refusal = "refused:\n  orban: \"Ilona Orbán\" (sentence 1): another person of that surname"
            #expect(explained.output.contains(refusal), "\(explained.output)")

            try configure(#"{"id": "orban", "actors": ["orban"], "topics": ["sanctions"], "match": "all", "sinks": ["file"]}"#)
            let dry = try await FeedwatchProcess.runDetached(["replay", "--config", sandbox.config.path, "--since", "1d"])
            #expect(dry.output.contains("orban (new): Orbán on sanctions"), "\(dry.output)")
            #expect(dry.output.contains("the rules fire 1 time on 1 item: 0 already raised, 1 new (dry run: nothing sent)"))
            #expect(Self.lines(alerts).isEmpty)
            let real = try await FeedwatchProcess.runDetached(["replay", "--config", sandbox.config.path, "--since", "1d", "--alert"])
            #expect(real.status == 0, "\(real.stderr)")
            #expect(Self.lines(alerts).map { $0["rule"] as? String } == ["orban"])
            _ = try await FeedwatchProcess.runDetached(["replay", "--config", sandbox.config.path, "--since", "1d", "--alert"])
            #expect(Self.lines(alerts).count == 1, "a replay never raises an alert twice")
            // replay, status and once count the same thing: one alert per rule and item.
            let again = try await FeedwatchProcess.runDetached(["replay", "--config", sandbox.config.path, "--since", "1d"])
            #expect(again.output.contains("orban (already raised): Orbán on sanctions"), "\(again.output)")
            #expect(again.output.contains("1 already raised, 0 new"))
            let status = try await FeedwatchProcess.runDetached(["status", "--config", sandbox.config.path])
            #expect(status.output.contains("alerts: 1 raised; deliveries: 1 delivered, 0 pending, 0 failed"), "\(status.output)")
        }
    }

    @Test("rules on item categories and on the feed's own categories; replay sees the stored ones")
    func categoriesAndFeedTags() async throws {
        let sandbox = try DaemonSandbox()
        defer { sandbox.remove() }
        let board = FeedBoard()
        await board.categorise("/politics", as: ["Politics", "Europe"])
        await board.publish("/politics", id: "p1", title: "Budget vote", text: "The budget passed.", categories: ["Economy"])
        await board.publish("/politics", id: "p2", title: "Summit", text: "Leaders met.", categories: ["World", "Diplomacy"])
        await board.publish("/sport", id: "s1", title: "Final", text: "The final was played.", categories: ["economy"])
        try await withServer(routes: FeedBoard.routes(board)) { server in
            let alerts = sandbox.folder.appendingPathComponent("alerts.jsonl")
            func configure(_ rules: String) throws {
                try sandbox.write(
                    feeds: [server.url("/politics"), server.url("/sport")],
                    extra: """
                        , "alerts": {"backfill": "alert", "sinks": [{"id": "file", "type": "jsonl", "path": "\(alerts.path)"}], "rules": [\(rules)]}
                        """)
            }
            try configure(
                #"{"id": "economy", "categories": ["ECONOMY"], "sinks": ["file"]}, {"id": "eu-desk", "feedTags": ["europe"], "categories": ["diplomacy"], "sinks": ["file"]}"#
            )
            let once = try await FeedwatchProcess.runDetached(["once", "--config", sandbox.config.path])
            #expect(once.status == 0, "\(once.stderr)")
            let raised = Self.lines(alerts).map {
                "\($0["rule"] as? String ?? "")/\(($0["item"] as? [String: Any])?["id"] as? String ?? "")"
            }
            // Categories match in any case; feedTags need the feed document's own category.
            #expect(Set(raised) == ["economy/id:p1", "economy/id:s1", "eu-desk/id:p2"], "\(raised)")
            let summit = Self.lines(alerts).first { $0["rule"] as? String == "eu-desk" }
            #expect((summit?["item"] as? [String: Any])?["categories"] as? [String] == ["World", "Diplomacy"])

            // replay reads the stored categories: a new rule on them fires on the stored items.
            try configure(#"{"id": "world", "categories": ["world"], "feedTags": ["Politics"], "sinks": ["file"]}"#)
            let dry = try await FeedwatchProcess.runDetached(["replay", "--config", sandbox.config.path, "--since", "1d"])
            #expect(dry.output.contains("world (new): Summit"), "\(dry.output)")
            #expect(dry.output.contains("the rules fire 1 time on 1 item"), "\(dry.output)")
            let explained = try await FeedwatchProcess.runDetached(["explain", "--config", sandbox.config.path, "http://news.example/p1"])
            #expect(explained.output.contains("quiet world: the item has none of the categories world"), "\(explained.output)")
        }
    }

    @Test("a JSON Feed served as application/feed+json is polled like any feed: items, tags as categories, alerts")
    func jsonFeed() async throws {
        let sandbox = try DaemonSandbox()
        defer { sandbox.remove() }
        let document = #"""
            {"version": "https://jsonfeed.org/version/1.1", "title": "JSON desk", "home_page_url": "http://news.example/",
             "items": [
              {"id": "j1", "url": "http://news.example/j1", "title": "Orbán and the sanctions",
               "content_html": "<html><head></head><p>Viktor Orbán spoke about sanctions in Brussels.</p>", "tags": ["Europe"],
               "date_published": "2026-12-01T10:00:00Z"},
              {"id": "j2", "url": "http://news.example/j2", "title": "Weather", "content_text": "Rain all week.", "tags": ["Weather"]}
             ]}
            """#
        try await withServer(routes: { server in
            await server.appendRoute("GET /feed.json") { _ in
                HTTPResponse(statusCode: .ok, headers: [HTTPHeader("Content-Type"): "application/feed+json"], body: Data(document.utf8))
            }
        }) { server in
            let alerts = sandbox.folder.appendingPathComponent("alerts.jsonl")
            try sandbox.write(
                feeds: [server.url("/feed.json")],
                extra: """
                    , "alerts": {"backfill": "alert", "maxAgeHours": 0, "sinks": [{"id": "file", "type": "jsonl", "path": "\(alerts.path)"}],
                      "rules": [{"id": "orban-europe", "actors": ["orban"], "categories": ["europe"], "sinks": ["file"]}]}
                    """)
            let once = try await FeedwatchProcess.runDetached(["once", "--config", sandbox.config.path])
            #expect(once.status == 0, "\(once.stderr)")
            let lines = Self.lines(alerts)
            #expect(lines.map { ($0["item"] as? [String: Any])?["title"] as? String } == ["Orbán and the sanctions"], "\(lines)")
            #expect((lines.first?["item"] as? [String: Any])?["categories"] as? [String] == ["Europe"])
            let status = try await FeedwatchProcess.runDetached(["status", "--config", sandbox.config.path])
            #expect(status.output.contains("2 items"), "\(status.output)")
        }
    }

    @Test("kill -9 at random moments while items arrive: every alert exactly once in the file")
    func crashes() async throws {
        let sandbox = try DaemonSandbox()
        defer { sandbox.remove() }
        let board = FeedBoard()
        try await withServer(routes: FeedBoard.routes(board)) { server in
            let alerts = sandbox.folder.appendingPathComponent("alerts.jsonl")
            let feeds = (0..<5).map { server.url("/feed\($0)") }
            try sandbox.write(
                feeds: feeds,
                extra: """
                    , "alerts": {"backfill": "alert", "sinks": [{"id": "file", "type": "jsonl", "path": "\(alerts.path)"}],
                                 "rules": [{"id": "putin", "actors": ["putin"], "sinks": ["file"]}]}
                    """)
            var published = 0
            var generator = SystemRandomNumberGenerator()
            // scripts/crashloop.sh raises the count; the default keeps the suite quick.
            let rounds = ProcessInfo.processInfo.environment["FEEDWATCH_CRASH_ROUNDS"].flatMap(Int.init) ?? 12
            for round in 0..<rounds {
                for _ in 0..<3 {
                    let feed = Int.random(in: 0..<5, using: &generator)
                    await board.publish(
                        "/feed\(feed)", id: "r\(round)-\(published)", title: "Putin \(published)", text: "Putin said \(published).")
                    published += 1
                }
                let daemon = try DaemonProcess(config: sandbox.config.path, folder: sandbox.folder)
                try await Task.sleep(for: .milliseconds(Int.random(in: 20...700, using: &generator)))
                daemon.kill()
                _ = try await daemon.waitForExit(timeout: 10)
            }
            // A last, uninterrupted pass delivers whatever is still queued.
            let final = try await FeedwatchProcess.runDetached(["once", "--config", sandbox.config.path])
            #expect(final.status == 0, "\(final.stderr)")
            let keys = Self.lines(alerts).compactMap { $0["idempotencyKey"] as? String }
            #expect(keys.count == published, "\(keys.count) alerts for \(published) items")
            #expect(Set(keys).count == keys.count, "no alert twice")
            let store = try SQLiteStore(path: sandbox.database)
            #expect(try await store.alertCounts().pending == 0)
            await store.close()
        }
    }
}

/// A webhook endpoint that answers 500 to its first `failFirst` requests (or 429 with a Retry-After).
actor WebhookReceiver {
    let failFirst: Int
    let retryAfter: Int?
    private(set) var attempts = 0
    private(set) var attemptTimes: [Date] = []
    /// Idempotency keys of the accepted alerts.
    private(set) var accepted: [String] = []

    init(failFirst: Int, retryAfter: Int? = nil) {
        self.failFirst = failFirst
        self.retryAfter = retryAfter
    }

    func receive(_ request: HTTPRequest) async -> HTTPResponse {
        attempts += 1
        attemptTimes.append(Date())
        if attempts <= failFirst, let retryAfter {
            return HTTPResponse(statusCode: .tooManyRequests, headers: headers(("Retry-After", "\(retryAfter)")))
        }
        if attempts <= failFirst { return HTTPResponse(statusCode: .internalServerError) }
        let body = (try? await request.bodyData) ?? Data()
        if let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any],
            let key = object["idempotencyKey"] as? String
        {
            accepted.append(key)
        }
        return HTTPResponse(statusCode: .ok)
    }
}
