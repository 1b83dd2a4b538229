import Fetcher
import FlyingFox
import Foundation
import TestSupport
import Testing

@testable import Config
@testable import Monitor
@testable import Service
@testable import Store

/// The daemon end to end: the real binary, a real SQLite file, a loopback feed server.
@Suite("Daemon (processes, SQLite, loopback)", .serialized, .enabled(if: FeedwatchProcess.isBuilt))
struct DaemonTests {
    @Test("once stores and extracts new items; a second once gets 304s and re-processes nothing")
    func onceThenNotModified() async throws {
        let sandbox = try DaemonSandbox()
        defer { sandbox.remove() }
        let board = FeedBoard()
        await board.publish("/world", id: "w1", title: "Putin meets Orbán", text: "Vladimir Putin met Viktor Orbán to discuss sanctions.")
        await board.publish("/world", id: "w2", title: "Weather", text: "Rain in Budapest.")
        await board.publish("/europe", id: "e1", title: "Hungary and the EU", text: "Hungary objected.")
        try await withServer(routes: FeedBoard.routes(board)) { server in
            try sandbox.write(feeds: [server.url("/world"), server.url("/europe")])
            let first = try await FeedwatchProcess.runDetached(["once", "--config", sandbox.config.path])
            #expect(first.status == 0, "\(first.stderr)")
            #expect(first.output.contains("2 new"))
            let store = try SQLiteStore(path: sandbox.database)
            #expect(try await store.counts().items == 3)
            #expect(try await store.topActors().first { $0.id == "putin" }?.items == 1)
            #expect(try await store.topTopics().first?.id == "sanctions")

            let second = try await FeedwatchProcess.runDetached(["once", "--config", sandbox.config.path])
            #expect(second.status == 0)
            #expect(second.output.components(separatedBy: "not modified").count - 1 == 2)
            #expect(await board.notModified == 2)
            #expect(try await store.counts().items == 3)
            let metrics = try String(contentsOf: sandbox.folder.appendingPathComponent("feedwatch.prom"), encoding: .utf8)
            #expect(metrics.contains("feedwatch_polls_total{result=\"not_modified\"} 2"), "\(metrics)")
            #expect(metrics.contains("feedwatch_items 3.0"))
            #expect(metrics.contains("# TYPE feedwatch_alerts_undelivered gauge"))
            #expect(metrics.contains("feedwatch_poll_duration_seconds_count 2"), "one observation per poll")
            #expect(metrics.contains("feedwatch_poll_duration_seconds_bucket{le=\"+Inf\"} 2"))
            let lastSuccess = metrics.split(separator: "\n").first { $0.hasPrefix("feedwatch_last_success_timestamp_seconds ") }
            let stamp = try #require(lastSuccess.flatMap { Double($0.split(separator: " ").last ?? "") })
            #expect(abs(stamp - Date().timeIntervalSince1970) < 60)

            await board.publish("/world", id: "w3", title: "Sanctions extended", text: "The EU extended sanctions.")
            let third = try await FeedwatchProcess.runDetached(["once", "--config", sandbox.config.path])
            #expect(third.output.contains("1 new"))
            #expect(try await store.counts().items == 4)
            #expect(try await store.duplicateItems() == 0)
            await store.close()
        }
    }

    @Test("a permanent redirect updates the stored feed URL")
    func permanentRedirect() async throws {
        let sandbox = try DaemonSandbox()
        defer { sandbox.remove() }
        let board = FeedBoard()
        await board.publish("/new-home", id: "n1", title: "Moved", text: "Putin spoke.")
        await board.move("/old-home", to: "/new-home")
        try await withServer(routes: FeedBoard.routes(board)) { server in
            try sandbox.write(feeds: [server.url("/old-home")])
            let result = try await FeedwatchProcess.runDetached(["once", "--config", sandbox.config.path])
            #expect(result.status == 0, "\(result.stderr)")
            let store = try SQLiteStore(path: sandbox.database)
            let feed = try #require(try await store.feeds().first)
            #expect(feed.configURL == server.url("/old-home"))
            #expect(feed.url == server.url("/new-home"))
            _ = try await FeedwatchProcess.runDetached(["once", "--config", sandbox.config.path])
            #expect(await board.requests["/old-home"] == 1, "the second poll goes straight to the new URL")
            await store.close()
        }
    }

    @Test("an invalid configuration: run refuses to start, with every problem")
    func invalidConfiguration() async throws {
        let sandbox = try DaemonSandbox()
        defer { sandbox.remove() }
        try Data(#"{"feeds": [{"url": "gopher://x"}], "logLevel": "loud"}"#.utf8).write(to: sandbox.config)
        let result = try await FeedwatchProcess.runDetached(["run", "--config", sandbox.config.path], timeout: 20)
        #expect(result.status == 78)
        #expect(result.stderr.contains("line 1: $.feeds[0].url"))
        #expect(result.stderr.contains("$.logLevel"))
    }

    @Test("run: polls, reloads on SIGHUP (keeping the old configuration when the new one is bad), stops on SIGTERM")
    func runReloadStop() async throws {
        let sandbox = try DaemonSandbox()
        defer { sandbox.remove() }
        let board = FeedBoard()
        await board.publish("/a", id: "a1", title: "Putin", text: "Putin spoke.")
        await board.publish("/b", id: "b1", title: "Orbán", text: "Orbán spoke.")
        try await withServer(routes: FeedBoard.routes(board)) { server in
            try sandbox.write(feeds: [server.url("/a")])
            let daemon = try DaemonProcess(config: sandbox.config.path, folder: sandbox.folder)
            defer { daemon.kill() }
            let store = try SQLiteStore(path: sandbox.database)
            #expect(try await waitFor { try await store.counts().items == 1 })

            try sandbox.write(feeds: [server.url("/a"), server.url("/b")])
            daemon.signal(SIGHUP)
            #expect(try await waitFor { try await store.counts().items == 2 }, "the reloaded configuration adds /b")

            try Data("{ not json".utf8).write(to: sandbox.config)
            daemon.signal(SIGHUP)
            await board.publish("/b", id: "b2", title: "More", text: "Hungary again.")
            #expect(try await waitFor { try await store.counts().items == 3 }, "still polling with the old configuration")
            #expect(daemon.stderr.contains("not reloaded"))

            daemon.signal(SIGTERM)
            let status = try await daemon.waitForExit(timeout: 10)
            #expect(status == 0)
            #expect(daemon.stderr.contains("stopped"))
            await store.close()
        }
    }

    @Test("a 429 slows the whole host: its other feeds wait too")
    func hostSlowdown() async throws {
        let sandbox = try DaemonSandbox()
        defer { sandbox.remove() }
        let board = FeedBoard()
        await board.publish("/busy", id: "x1", title: "x", text: "x")
        await board.publish("/calm", id: "c1", title: "c", text: "c")
        await board.fail("/busy", status: 429, retryAfter: "3600")
        try await withServer(routes: FeedBoard.routes(board)) { server in
            try sandbox.write(feeds: [server.url("/busy"), server.url("/calm")])
            let daemon = try DaemonProcess(config: sandbox.config.path, folder: sandbox.folder)
            defer { daemon.kill() }
            #expect(try await waitFor { await board.requests["/busy"] ?? 0 >= 1 })
            try await Task.sleep(for: .seconds(1))
            let calmAfterBusy = await board.requests["/calm"] ?? 0
            try await Task.sleep(for: .seconds(4))  // the schedule would poll /calm every 1.2 s
            #expect(await board.requests["/calm"] ?? 0 == calmAfterBusy, "the host is left alone after its 429")
            #expect(await board.requests["/busy"] == 1)
            daemon.signal(SIGTERM)
            #expect(try await daemon.waitForExit(timeout: 10) == 0)
        }
    }

    @Test("a hanging feed keeps nobody else waiting; SIGTERM during its poll: a clean exit within seconds, the database whole")
    func stopDuringPoll() async throws {
        let sandbox = try DaemonSandbox()
        defer { sandbox.remove() }
        let board = FeedBoard()
        await board.publish("/a", id: "a1", title: "Putin", text: "Putin spoke.")
        try await withServer(routes: FeedBoard.routes(board)) { server in
            try sandbox.write(feeds: [server.url("/slow"), server.url("/a")])
            let daemon = try DaemonProcess(config: sandbox.config.path, folder: sandbox.folder)
            defer { daemon.kill() }
            let store = try SQLiteStore(path: sandbox.database)
            #expect(try await waitFor { try await store.counts().items == 1 })
            // The hanging feed holds a transfer; the other keeps its 1.2 s schedule meanwhile.
            let polled = await board.requests["/a"] ?? 0
            try await Task.sleep(for: .seconds(4))
            let later = await board.requests["/a"] ?? 0
            #expect(later - polled >= 2, "the other feed was polled \(later - polled) times in 4 s")
            daemon.signal(SIGTERM)
            let (status, elapsed) = try await timed { try await daemon.waitForExit(timeout: 15) }
            #expect(status == 0)
            #expect(elapsed < .seconds(9), "\(elapsed)")
            #expect(try await store.counts().items == 1)
            #expect(try await store.duplicateItems() == 0)
            await store.close()
        }
    }

    @Test("fullText: the linked page's main text is extracted; a page that fails is logged with feed, item and link")
    func fullText() async throws {
        let sandbox = try DaemonSandbox()
        defer { sandbox.remove() }
        let article = """
            <html><head><title>Talks</title></head><body><nav>Home | World | Sport</nav><article><h1>Talks in Budapest</h1>
            <p>Viktor Orbán met the delegation on Thursday to discuss the gas contract and the pipeline.</p>
            <p>The talks lasted four hours, and both sides said that the meeting had gone well for everyone.</p>
            <p>A second round is planned for next month in Vienna, officials said after the meeting ended.</p>
            </article><footer>Copyright</footer></body></html>
            """
        try await withServer(routes: { server in
            await server.appendRoute("GET /article") { _ in
                HTTPResponse(statusCode: .ok, headers: headers(("Content-Type", "text/html; charset=utf-8")), body: Data(article.utf8))
            }
            await server.appendRoute("GET /feed") { request in
                let base = "http://\(request.headers[HTTPHeader("Host")] ?? "")"
                let rss = """
                    <?xml version="1.0"?><rss version="2.0"><channel><title>F</title><link>\(base)/</link>
                    <item><title>Talks</title><link>\(base)/article</link><guid>talks</guid><description>Short teaser.</description></item>
                    <item><title>Gone</title><link>\(base)/missing</link><guid>gone</guid><description>Another teaser.</description></item>
                    </channel></rss>
                    """
                return HTTPResponse(statusCode: .ok, headers: headers(("Content-Type", "application/rss+xml")), body: Data(rss.utf8))
            }
        }) { server in
            try sandbox.write(feeds: [])
            let json = try String(contentsOf: sandbox.config, encoding: .utf8)
                .replacingOccurrences(of: "\"feeds\": []", with: "\"feeds\": [{\"url\": \"\(server.url("/feed"))\", \"fullText\": true}]")
            try Data(json.utf8).write(to: sandbox.config)
            let run = try await FeedwatchProcess.runDetached(["once", "--config", sandbox.config.path])
            #expect(run.status == 0, "\(run.stderr)")
            let store = try SQLiteStore(path: sandbox.database)
            #expect(try await store.topActors().first { $0.id == "orban" }?.items == 1, "Orbán is only in the linked page")
            let warning = run.stderr.split(separator: "\n").first { $0.contains("full text not fetched") }
            #expect(
                warning.map {
                    $0.contains("feed=\(server.url("/feed"))") && $0.contains("item=") && $0.contains("gone")
                        && $0.contains("link=\(server.url("/missing"))")
                } == true, "\(run.stderr)")
            await store.close()
        }
    }

    @Test("Ctrl-C stops once mid-poll (only run catches signals): a feed that never answers does not hold it")
    func interruptOnce() async throws {
        let sandbox = try DaemonSandbox()
        defer { sandbox.remove() }
        try await withServer(routes: { server in
            await server.appendRoute("GET /hang") { _ in
                try await Task.sleep(for: .seconds(30))
                return HTTPResponse(statusCode: .ok)
            }
        }) { server in
            try sandbox.write(feeds: [server.url("/hang")], extra: #", "fetch": {"timeoutSeconds": 25}"#)
            let once = try DaemonProcess(["once", "--config", sandbox.config.path], folder: sandbox.folder)
            defer { once.kill() }
            try await Task.sleep(for: .seconds(1))
            #expect(once.process.isRunning, "still waiting on the feed")
            let start = Date()
            once.signal(SIGINT)
            _ = try await once.waitForExit(timeout: 5)
            #expect(Date().timeIntervalSince(start) < 3, "SIGINT ended it")
            #expect(once.process.terminationReason == .uncaughtSignal && once.process.terminationStatus == SIGINT)
        }
    }

    @Test("explain and a dry replay only read the database: the feed list stays the running daemon's")
    func explainAndReplayOnlyRead() async throws {
        let sandbox = try DaemonSandbox()
        defer { sandbox.remove() }
        let board = FeedBoard()
        await board.publish("/a", id: "a1", title: "Putin meets Orbán", text: "Vladimir Putin met Viktor Orbán.")
        await board.publish("/b", id: "b1", title: "Weather", text: "Rain in Budapest.")
        try await withServer(routes: FeedBoard.routes(board)) { server in
            try sandbox.write(feeds: [server.url("/a"), server.url("/b")])
            #expect(try await FeedwatchProcess.runDetached(["once", "--config", sandbox.config.path]).status == 0)
            // The file changes under the daemon (one feed dropped) before a reload: explain and replay
            // must not apply it behind the daemon's back.
            try sandbox.write(feeds: [server.url("/a")])
            let explain = try await FeedwatchProcess.runDetached(["explain", "--config", sandbox.config.path, "1"])
            #expect(explain.status == 0 && explain.output.contains("stored item 1 from"), "\(explain.output)\(explain.stderr)")
            let replay = try await FeedwatchProcess.runDetached(["replay", "--config", sandbox.config.path])
            #expect(replay.status == 0 && replay.output.contains("2 items since 7d"), "\(replay.output)\(replay.stderr)")
            let search = try await FeedwatchProcess.runDetached(["search", "--config", sandbox.config.path, "orban", "--json"])
            #expect(search.status == 0 && search.output.contains(#""title":"Putin meets Orbán""#), "\(search.output)\(search.stderr)")
            let bad = try await FeedwatchProcess.runDetached(["search", "--config", sandbox.config.path, "NOT orban"])
            #expect(bad.status == 65 && bad.stderr.contains("NOT only narrows"), "\(bad.stderr)")
            let store = try SQLiteStore(path: sandbox.database)
            #expect(try await store.feeds().count == 2, "both feeds still active: nothing synced the shorter list")
            await store.close()
        }
    }

    @Test("a shorter interval moves the next poll of a known feed: run polls it at once, not an hour later")
    func intervalChangeMovesNextPoll() async throws {
        let sandbox = try DaemonSandbox()
        defer { sandbox.remove() }
        let board = FeedBoard()
        await board.publish("/world", id: "w1", title: "Putin meets Orbán", text: "Vladimir Putin met Viktor Orbán.")
        try await withServer(routes: FeedBoard.routes(board)) { server in
            try sandbox.write(feeds: [server.url("/world")])
            var json = try String(contentsOf: sandbox.config, encoding: .utf8)
            try Data(json.replacingOccurrences(of: #""intervalMinutes": 0.02"#, with: #""intervalMinutes": 60"#).utf8).write(
                to: sandbox.config)
            #expect(try await FeedwatchProcess.runDetached(["once", "--config", sandbox.config.path]).status == 0)
            let store = try SQLiteStore(path: sandbox.database)
            let scheduled = try #require(try await store.feeds().first).nextDue
            #expect(scheduled > Date().addingTimeInterval(50 * 60), "an hour away after the first poll")
            json = try String(contentsOf: sandbox.config, encoding: .utf8)
            try Data(json.replacingOccurrences(of: #""intervalMinutes": 60"#, with: #""intervalMinutes": 0.05"#).utf8).write(
                to: sandbox.config)
            let polled = await board.requests["/world"] ?? 0
            let daemon = try DaemonProcess(config: sandbox.config.path, folder: sandbox.folder)
            defer { daemon.kill() }
            #expect(try await waitFor(timeout: .seconds(10)) { await board.requests["/world"] ?? 0 > polled }, "\(daemon.stderr)")
            daemon.signal(SIGTERM)
            _ = try await daemon.waitForExit(timeout: 10)
            #expect(try #require(try await store.feeds().first).nextDue < Date().addingTimeInterval(60))
            await store.close()
        }
    }

    @Test("a site's page in the configuration: the feed it announces is found once, polled, stored and shown")
    func siteDiscovery() async throws {
        let sandbox = try DaemonSandbox()
        defer { sandbox.remove() }
        let board = FeedBoard()
        await board.publish("/feed", id: "f1", title: "Putin meets Orbán", text: "Vladimir Putin met Viktor Orbán.")
        let pages = FeedBoard()
        try await withServer(routes: { server in
            await server.appendRoute("GET /site") { request in
                _ = await pages.answer(request)  // counts the request
                let html = #"<html><head><link rel="alternate" type="application/rss+xml" href="/feed"></head><body>News</body></html>"#
                return HTTPResponse(statusCode: .ok, headers: headers(("Content-Type", "text/html")), body: Data(html.utf8))
            }
            await server.appendRoute("GET /bare") { _ in
                HTTPResponse(
                    statusCode: .ok, headers: headers(("Content-Type", "text/html")), body: Data("<html><body>x</body></html>".utf8))
            }
            await FeedBoard.routes(board)(server)
        }) { server in
            try sandbox.write(feeds: [server.url("/site"), server.url("/bare")])
            let first = try await FeedwatchProcess.runDetached(["once", "--config", sandbox.config.path])
            #expect(first.output.contains("\(server.url("/site"))  200  1 new"), "\(first.output)")
            #expect(first.output.contains("an HTML page, not a feed, and it announces no feed"), "\(first.output)")
            let status = try await FeedwatchProcess.runDetached(["status", "--config", sandbox.config.path])
            #expect(status.output.contains("\(server.url("/site"))  → \(server.url("/feed"))"), "\(status.output)")
            _ = try await FeedwatchProcess.runDetached(["once", "--config", sandbox.config.path])
            #expect(await pages.requests["/site"] == 1, "found once; later polls go to the feed itself")
            #expect(await board.requests["/feed"] == 2)
        }
    }

    @Test("a failing feed is marked broken, and recovers when it answers again")
    func brokenAndRecovered() async throws {
        let sandbox = try DaemonSandbox()
        defer { sandbox.remove() }
        let board = FeedBoard()
        await board.publish("/flaky", id: "f1", title: "f", text: "f")
        await board.fail("/flaky", status: 500)
        try await withServer(routes: FeedBoard.routes(board)) { server in
            try sandbox.write(feeds: [server.url("/flaky")], extra: #", "fetch": {"timeoutSeconds": 5}"#)
            var json = try String(contentsOf: sandbox.config, encoding: .utf8)
            json = json.replacingOccurrences(of: #""jitterPercent": 0}"#, with: #""jitterPercent": 0, "brokenAfterHours": 0}"#)
            try Data(json.utf8).write(to: sandbox.config)
            _ = try await FeedwatchProcess.runDetached(["once", "--config", sandbox.config.path])
            let broken = try await FeedwatchProcess.runDetached(["status", "--config", sandbox.config.path])
            #expect(broken.output.contains("BROKEN"), "\(broken.output)")
            #expect(broken.output.contains("HTTP 500"))
            await board.heal("/flaky")
            _ = try await FeedwatchProcess.runDetached(["once", "--config", sandbox.config.path])
            let healed = try await FeedwatchProcess.runDetached(["status", "--config", sandbox.config.path])
            #expect(healed.output.hasPrefix("ok"), "\(healed.output)")
            #expect(healed.output.contains("items 1"))
            // The metrics as a person reads them: sorted, no histogram buckets, Unix times as dates.
            let metrics = healed.output.components(separatedBy: "metrics (").last?.split(separator: "\n").dropFirst().map(String.init) ?? []
            #expect(metrics.contains("  feedwatch_polls_total{result=\"ok\"} 1"), "\(metrics)")
            #expect(metrics == metrics.sorted())
            #expect(
                !metrics.contains { $0.contains("_bucket") } && metrics.contains { $0.contains("feedwatch_poll_duration_seconds_count 1") })
            let started = try #require(metrics.first { $0.contains("feedwatch_start_timestamp_seconds") })
            #expect(started.hasSuffix("Z") && started.contains("T"), "\(started)")
        }
    }

    @Test("one writer per database: a second run or once exits 75 naming the first; replay --alert leaves delivery to it")
    func singleInstance() async throws {
        let sandbox = try DaemonSandbox()
        defer { sandbox.remove() }
        let board = FeedBoard()
        await board.publish("/f", id: "a", title: "Putin", text: "Vladimir Putin spoke.")
        try await withServer(routes: FeedBoard.routes(board)) { server in
            try sandbox.write(feeds: [server.url("/f")])
            let daemon = try DaemonProcess(config: sandbox.config.path, folder: sandbox.folder)
            defer { daemon.kill() }
            let pid = "\(daemon.process.processIdentifier)"
            let lockFile = sandbox.database + ".lock"
            #expect(try await waitFor { (try? String(contentsOfFile: lockFile, encoding: .utf8))?.hasPrefix(pid) == true })
            for command in ["once", "run"] {
                let second = try await FeedwatchProcess.runDetached([command, "--config", sandbox.config.path], timeout: 20)
                #expect(second.status == 75)
                #expect(second.stderr.contains("pid \(pid)") && second.stderr.contains(lockFile), "\(second.stderr)")
            }
            let replay = try await FeedwatchProcess.runDetached(["replay", "--config", sandbox.config.path, "--since", "1d", "--alert"])
            #expect(replay.status == 0, "\(replay.stderr)")
            #expect(replay.output.contains("a running feedwatch holds this database"))
            daemon.signal(SIGTERM)
            #expect(try await daemon.waitForExit(timeout: 15) == 0)
            let after = try await FeedwatchProcess.runDetached(["once", "--config", sandbox.config.path])
            #expect(after.status == 0, "the lock goes with the process: \(after.stderr)")
        }
    }

    @Test("kill -9 while polling, then a restart: nothing lost, nothing twice")
    func killAndRestart() async throws {
        let sandbox = try DaemonSandbox()
        defer { sandbox.remove() }
        let board = FeedBoard()
        for feed in 0..<20 {
            for item in 0..<10 {
                await board.publish(
                    "/f\(feed)", id: "f\(feed)-\(item)", title: "Item \(item) of \(feed)",
                    text: "Vladimir Putin and Viktor Orbán, item \(item) of feed \(feed), sanctions.")
            }
        }
        try await withServer(routes: FeedBoard.routes(board)) { server in
            try sandbox.write(feeds: (0..<20).map { server.url("/f\($0)") })
            let store = try SQLiteStore(path: sandbox.database)
            for round in 0..<3 {
                let daemon = try DaemonProcess(config: sandbox.config.path, folder: sandbox.folder)
                try await Task.sleep(for: .milliseconds(150 + 100 * round))
                daemon.kill()
                _ = try await daemon.waitForExit(timeout: 10)
                await board.publish("/f\(round)", id: "late-\(round)", title: "Late \(round)", text: "Putin again.")
            }
            let final = try await FeedwatchProcess.runDetached(["once", "--config", sandbox.config.path])
            #expect(final.status == 0, "\(final.stderr)")
            #expect(try await store.counts().items == 203)
            #expect(try await store.duplicateItems() == 0)
            await store.close()
        }
    }
}

/// Polls `condition` until it holds or `timeout` passes (three times as long under a sanitizer,
/// where every process of the parallel suites runs several times slower).
func waitFor(timeout: Duration = .seconds(20), _ condition: () async throws -> Bool) async throws -> Bool {
    let clock = ContinuousClock()
    let deadline = clock.now + (ProcessInfo.processInfo.environment["FEEDWATCH_SANITIZER"] == nil ? timeout : timeout * 3)
    while clock.now < deadline {
        if try await condition() { return true }
        try await Task.sleep(for: .milliseconds(100))
    }
    return try await condition()
}

/// `feedwatch run` (or another command) in the background, its standard error in a file.
final class DaemonProcess: @unchecked Sendable {
    let process = Process()
    let log: URL

    convenience init(config: String, folder: URL) throws {
        try self.init(["run", "--config", config], folder: folder)
    }

    init(_ arguments: [String], folder: URL) throws {
        log = folder.appendingPathComponent("daemon-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process.executableURL = FeedwatchProcess.binary
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
    }

    var stderr: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    func signal(_ signal: Int32) { Glibc.kill(process.processIdentifier, signal) }

    func kill() { if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) } }

    func waitForExit(timeout: TimeInterval) async throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
        if process.isRunning { kill(); process.waitUntilExit(); return -1 }
        return process.terminationStatus
    }
}

@Suite("Metrics endpoint", .serialized)
struct MetricsEndpointTests {
    @Test("listen addresses: loopback only, with a port; everything else says why")
    func listenAddresses() throws {
        #expect(try MetricsListen.parse("127.0.0.1:9464").get() == MetricsListen(host: "127.0.0.1", port: 9464))
        #expect(try MetricsListen.parse("localhost:1").get() == MetricsListen(host: "127.0.0.1", port: 1))
        #expect(try MetricsListen.parse("[::1]:9464").get() == MetricsListen(host: "::1", port: 9464))
        #expect(try MetricsListen.parse("9464").get() == MetricsListen(host: "127.0.0.1", port: 9464))
        #expect(try MetricsListen.parse("127.8.9.10:0").get().port == 0)
        #expect(MetricsListen.parse("0.0.0.0:9464") == .failure(.notLoopback("0.0.0.0")))
        #expect(MetricsListen.parse("[::]:9464") == .failure(.notLoopback("::")))
        #expect(MetricsListen.parse("10.1.2.3:80") == .failure(.notLoopback("10.1.2.3")))
        for bad in ["127.0.0.1", "127.0.0.1:70000", "example.org:80", "[::1]9464", ":", ""] {
            guard case .failure(.malformed) = MetricsListen.parse(bad) else { Issue.record("\(bad) accepted"); continue }
        }
    }

    @Test("the configuration names the place of a non-loopback listen address")
    func configurationProblem() throws {
        let sandbox = try DaemonSandbox()
        defer { sandbox.remove() }
        try sandbox.write(feeds: ["http://127.0.0.1:1/f"], extra: ",\n \"metrics\": {\"listen\": \"0.0.0.0:9464\"}")
        #expect(throws: ConfigErrors.self) { try Configuration.load(path: sandbox.config.path) }
        do { _ = try Configuration.load(path: sandbox.config.path) } catch {
            #expect("\(error)".contains("config.json: line 6: $.metrics.listen: 0.0.0.0 is not a loopback address"), "\(error)")
        }
    }

    @Test("requests: /metrics answers, HEAD has no body, other paths 404, other methods 405, garbage 400")
    func responses() {
        let body = { Data("feedwatch_items 3.0\n".utf8) }
        func text(_ head: String) -> String { String(decoding: MetricsServer.response(to: head, body: body), as: UTF8.self) }
        let ok = text("GET /metrics?x=1 HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(ok.hasPrefix("HTTP/1.1 200 OK\r\n") && ok.contains("version=0.0.4") && ok.hasSuffix("\r\n\r\nfeedwatch_items 3.0\n"))
        let head = text("HEAD /metrics HTTP/1.1\r\n\r\n")
        #expect(head.contains("Content-Length: 20\r\n") && head.hasSuffix("\r\n\r\n"))
        #expect(text("GET /secret HTTP/1.1\r\n\r\n").hasPrefix("HTTP/1.1 404 "))
        #expect(text("POST /metrics HTTP/1.1\r\n\r\n").hasPrefix("HTTP/1.1 405 "))
        #expect(text("\u{0}\u{1}garbage").hasPrefix("HTTP/1.1 400 "))
    }

    @Test("run serves live metrics on loopback, moves or stops on SIGHUP, and a taken port only costs the endpoint")
    func servedByTheDaemon() async throws {
        let sandbox = try DaemonSandbox()
        defer { sandbox.remove() }
        let board = FeedBoard()
        await board.publish("/f", id: "a", title: "Putin", text: "Vladimir Putin spoke.")
        let fetcher = Fetcher()
        defer { fetcher.shutdown() }
        try await withServer(routes: FeedBoard.routes(board)) { server in
            try sandbox.write(feeds: [server.url("/f")], extra: ",\n \"metrics\": {\"listen\": \"127.0.0.1:0\"}")
            let daemon = try DaemonProcess(config: sandbox.config.path, folder: sandbox.folder)
            defer { daemon.kill() }
            var endpoint = ""
            #expect(
                try await waitFor {
                    endpoint = daemon.stderr.firstMatch(of: /http:\/\/127\.0\.0\.1:\d+\/metrics/).map { String($0.0) } ?? ""
                    return !endpoint.isEmpty
                }, "\(daemon.stderr)")
            var scraped = FetchResult?.none
            #expect(
                try await waitFor {
                    scraped = await fetcher.fetch(FetchRequest(url: endpoint))
                    return String(decoding: scraped?.body ?? [], as: UTF8.self).contains("feedwatch_polls_total{result=\"ok\"}")
                })
            let page = try #require(scraped)
            let pageText = String(decoding: page.body, as: UTF8.self)
            #expect(page.status == 200)
            #expect((page.headers.contentType ?? "").hasPrefix("text/plain; version=0.0.4"))
            #expect(pageText.contains("feedwatch_resident_bytes"))
            let missing = await fetcher.fetch(FetchRequest(url: endpoint.replacingOccurrences(of: "/metrics", with: "/other")))
            #expect(missing.status == 404)

            // A port already taken: logged, and polling goes on.
            let taken = server.url("/").split(separator: ":").last!.filter(\.isNumber)
            try sandbox.write(feeds: [server.url("/f")], extra: ",\n \"metrics\": {\"listen\": \"127.0.0.1:\(taken)\"}")
            daemon.signal(SIGHUP)
            #expect(try await waitFor { daemon.stderr.contains("metrics not served") }, "\(daemon.stderr)")
            let gone = await fetcher.fetch(FetchRequest(url: endpoint))
            #expect(gone.error?.kind == .connectionRefused, "the old endpoint closes when the address changes")
            await board.publish("/f", id: "b", title: "Orbán", text: "Viktor Orbán spoke.")
            let store = try SQLiteStore(path: sandbox.database)
            #expect(try await waitFor { try await store.counts().items == 2 }, "still polling")
            await store.close()

            daemon.signal(SIGTERM)
            #expect(try await daemon.waitForExit(timeout: 15) == 0)
        }
    }
}

@Suite("Database on a full disk", .serialized, .enabled(if: FeedwatchProcess.isBuilt))
struct DatabaseDiskFullTests {
    @Test(
        "a full disk under the database: run holds the feed back, once says so and exits 74, and after space is freed every item and alert arrives once"
    )
    func fullDisk() async throws {
        try await DigestTests.withTinyDisk(size: "2m") { disk in
            let sandbox = try DaemonSandbox()
            defer { sandbox.remove() }
            let board = FeedBoard()
            await board.publish("/f", id: "first", title: "Putin", text: "Vladimir Putin spoke.")
            try await withServer(routes: FeedBoard.routes(board)) { server in
                let database = disk.appendingPathComponent("feedwatch.sqlite").path
                let alerts = sandbox.folder.appendingPathComponent("alerts.jsonl")
                let json = """
                    {"storage": {"path": "\(database)"}, "feeds": [{"url": "\(server.url("/f"))"}], "watchlist": \(DaemonSandbox.watchlist),
                     "schedule": {"intervalMinutes": 0.02, "minIntervalMinutes": 0, "jitterPercent": 0},
                     "metrics": {"file": "\(sandbox.folder.appendingPathComponent("feedwatch.prom").path)"},
                     "alerts": {"backfill": "alert", "sinks": [{"id": "file", "type": "jsonl", "path": "\(alerts.path)"}],
                                "rules": [{"id": "putin", "actors": ["putin"], "sinks": ["file"]}]}}
                    """
                try Data(json.utf8).write(to: sandbox.config)
                let first = try await FeedwatchProcess.runDetached(["once", "--config", sandbox.config.path])
                #expect(first.status == 0, "\(first.stderr)")

                // run: the database is open when the disk fills up. The poll fails to store, or the
                // feed cannot even be claimed; either way it is held back, not fetched again and again.
                let daemon = try DaemonProcess(config: sandbox.config.path, folder: sandbox.folder)
                defer { daemon.kill() }
                #expect(try await waitFor { daemon.stderr.contains("started") })
                try await Task.sleep(for: .seconds(1))
                let filler = try DigestTests.fill(disk)
                for i in 0..<30 {
                    await board.publish(
                        "/f", id: "item\(i)", title: "Talks \(i)", text: SyntheticText.article(i, about: "Vladimir Putin", sentences: 200))
                }
                #expect(
                    try await waitFor {
                        daemon.stderr.contains("could not record the poll") || daemon.stderr.contains("could not claim due feeds")
                    },
                    "\(daemon.stderr)")
                #expect(daemon.stderr.contains("\(database): the disk is full"), "\(daemon.stderr)")
                let before = await board.requests["/f"] ?? 0
                try await Task.sleep(for: .seconds(3))
                let during = (await board.requests["/f"] ?? 0) - before
                #expect(during == 0, "fetched \(during) times in 3 s while held back")
                daemon.signal(SIGTERM)
                #expect(try await daemon.waitForExit(timeout: 15) == 0, "\(daemon.stderr)")

                let full = try await FeedwatchProcess.runDetached(["once", "--config", sandbox.config.path])
                #expect(full.status == 74, "\(full.output)\n\(full.stderr)")
                #expect((full.output + full.stderr).contains("\(database): the disk is full"), "\(full.output)\n\(full.stderr)")

                try FileManager.default.removeItem(at: filler)
                let after = try await FeedwatchProcess.runDetached(["once", "--config", sandbox.config.path])
                #expect(after.status == 0, "\(after.stderr)")
                #expect(after.output.contains("30 new"), "\(after.output)")
                let keys = try String(contentsOf: alerts, encoding: .utf8).split(separator: "\n").compactMap { line in
                    (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["idempotencyKey"] as? String
                }
                #expect(keys.count == 31 && Set(keys).count == 31, "\(keys.count) alerts, \(Set(keys).count) distinct")
            }
        }
    }
}
