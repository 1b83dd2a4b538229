import FlyingFox
import Foundation
import TestSupport
import Testing

@testable import Store

/// The daemon as a new user would run it against a hostile feed: item links and redirects that
/// point into the private network (here another loopback address, 127.0.0.2) are refused.
@Suite("Private networks (processes, SQLite, two loopback addresses)", .serialized, .enabled(if: FeedwatchProcess.isBuilt))
struct PrivateNetworkTests {
    actor Hits {
        var paths: [String] = []
        func hit(_ path: String) { paths.append(path) }
    }

    static let article = """
        <html><body><article><h1>Talks in Budapest</h1>
        <p>Viktor Orbán met the delegation on Thursday to discuss the gas contract and the pipeline.</p>
        <p>The talks lasted four hours, and both sides said that the meeting had gone well for everyone.</p>
        <p>A second round is planned for next month in Vienna, officials said after the meeting ended.</p>
        </article></body></html>
        """

    /// An "internal" service: a page with credentials, and a feed, both counted.
    static func internalRoutes(_ hits: Hits) -> (HTTPServer) async -> Void {
        { server in
            await server.appendRoute("GET /internal/*") { request in
                await hits.hit(request.path)
                let secret =
                    "<html><body><article><p>Putin internal memo: token=s3cr3t-7f2a password=hunter2 for the admin "
                    + "console of the office network, which nobody outside may read.</p></article></body></html>"
                return HTTPResponse(statusCode: .ok, headers: headers(("Content-Type", "text/html")), body: Data(secret.utf8))
            }
        }
    }

    /// A public-looking feed on 127.0.0.1 whose items link to the internal service and to itself.
    static func feedRoutes(internalBase: String) -> (HTTPServer) async -> Void {
        { server in
            await server.appendRoute("GET /article") { _ in
                HTTPResponse(statusCode: .ok, headers: headers(("Content-Type", "text/html")), body: Data(article.utf8))
            }
            await server.appendRoute("GET /feed") { request in
                let base = "http://\(request.headers[HTTPHeader("Host")] ?? "")"
                let rss = """
                    <?xml version="1.0"?><rss version="2.0"><channel><title>F</title><link>\(base)/</link>
                    <item><title>Memo</title><link>\(internalBase)/internal/secret</link><guid>leak</guid>
                    <description>Putin teaser.</description></item>
                    <item><title>Talks</title><link>\(base)/article</link><guid>talks</guid><description>Short teaser.</description></item>
                    </channel></rss>
                    """
                return HTTPResponse(statusCode: .ok, headers: headers(("Content-Type", "application/rss+xml")), body: Data(rss.utf8))
            }
            await server.appendRoute("GET /moved") { _ in
                HTTPResponse(statusCode: .found, headers: headers(("Location", "\(internalBase)/internal/feed"), ("Content-Length", "0")))
            }
        }
    }

    /// A sandbox whose configuration polls the hostile feed (full text on) and its redirecting twin,
    /// with a rule on Putin and Orbán writing to `alerts`; runs `body`, then stops both servers.
    func withHostileFeed(
        allow: Bool,
        _ body: (DaemonSandbox, TestServer, TestServer, Hits, URL) async throws -> Void
    ) async throws {
        let sandbox = try DaemonSandbox()
        defer { sandbox.remove() }
        let hits = Hits()
        let internalServer = try await TestServer.start(host: "127.0.0.2", routes: Self.internalRoutes(hits))
        defer { Task { await internalServer.stop() } }
        try await withServer(routes: Self.feedRoutes(internalBase: internalServer.base)) { server in
            let alerts = sandbox.folder.appendingPathComponent("alerts.jsonl")
            try sandbox.write(
                feeds: [],
                extra: """
                    , "fetch": {"timeoutSeconds": 5\(allow ? ", \"allowPrivateNetworks\": true" : "")},
                    "alerts": {"backfill": "alert", "sinks": [{"id": "file", "type": "jsonl", "path": "\(alerts.path)"}],
                               "rules": [{"id": "people", "actors": ["putin", "orban"], "sinks": ["file"]}]}
                    """)
            let json = try String(contentsOf: sandbox.config, encoding: .utf8).replacingOccurrences(
                of: "\"feeds\": []",
                with: """
                    "feeds": [{"url": "\(server.base)/feed", "fullText": true}, {"url": "\(server.base)/moved"}]
                    """)
            try Data(json.utf8).write(to: sandbox.config)
            try await body(sandbox, server, internalServer, hits, alerts)
        }
    }

    @Test(
        "an item link and a feed redirect into another address are refused, logged once with feed, item and address; the own host's page is read"
    )
    func refusedByDefault() async throws {
        try await withHostileFeed(allow: false) { sandbox, server, internalServer, hits, alerts in
            let check = try await FeedwatchProcess.runDetached(["check-config", sandbox.config.path])
            #expect(check.status == 0 && !check.output.contains("allowPrivateNetworks"), "\(check.output)")

            let run = try await FeedwatchProcess.runDetached(["once", "--config", sandbox.config.path])
            let reached = await hits.paths
            #expect(reached.isEmpty, "the internal service was never reached: \(reached)")
            // For cron: the failed feed named, the alerts counted per sink, and a non-zero exit.
            #expect(run.status == 69, "\(run.stderr)")
            #expect(run.output.contains("polled 2 feeds: 1 ok, 1 failed"), "\(run.output)")
            #expect(run.output.contains("  failed: \(server.base)/moved — privateNetwork: refused"), "\(run.output)")
            #expect(run.output.contains("alerts: 2 raised; file: 2 delivered"), "\(run.output)")
            #expect(run.stderr.contains("feedwatch: \(server.base)/moved: privateNetwork"), "\(run.stderr)")
            let refusals = run.stderr.split(separator: "\n").filter { $0.contains("full text refused") }
            #expect(refusals.count == 1, "\(run.stderr)")
            let line = String(refusals.first ?? "")
            #expect(
                line.contains("feed=\(server.base)/feed") && line.contains("item=") && line.contains("leak")
                    && line.contains("address=127.0.0.2") && line.contains("range=loopback"), "\(line)")
            #expect(
                run.output.contains("\(server.base)/moved  302  error: privateNetwork: refused to connect to 127.0.0.2"), "\(run.output)")

            let store = try SQLiteStore(path: sandbox.database)
            #expect(try await store.counts().items == 2, "the refused item is stored with its feed text")
            #expect(try await store.topActors().first { $0.id == "putin" }?.items == 1, "from the feed's own teaser")
            #expect(try await store.topActors().first { $0.id == "orban" }?.items == 1, "the feed's own host still gives full text")
            await store.close()
            let written = try String(contentsOf: alerts, encoding: .utf8)
            #expect(written.contains("Putin teaser") && written.contains("Orbán"), "\(written)")
            #expect(!written.contains("s3cr3t") && !written.contains("hunter2"))

            let fetch = try await FeedwatchProcess.runDetached(["fetch", "\(server.base)/moved"])
            #expect(fetch.status == 69)
            #expect(fetch.output.contains("refused: 127.0.0.2 (loopback) for \(internalServer.base)/internal/feed"), "\(fetch.output)")
            #expect(await hits.paths.isEmpty)
        }
    }

    @Test("fetch.allowPrivateNetworks lifts the guard, and check-config and the daemon say so")
    func allowedWhenConfigured() async throws {
        try await withHostileFeed(allow: true) { sandbox, _, _, hits, alerts in
            let check = try await FeedwatchProcess.runDetached(["check-config", sandbox.config.path])
            #expect(check.status == 0 && check.output.contains("caution: fetch.allowPrivateNetworks is on"), "\(check.output)")
            let run = try await FeedwatchProcess.runDetached(["once", "--config", sandbox.config.path])
            #expect(run.stderr.contains("caution: fetch.allowPrivateNetworks is on"), "\(run.stderr)")
            #expect(!run.stderr.contains("full text refused"))
            let reached = await hits.paths
            #expect(Set(reached) == ["/internal/secret", "/internal/feed"], "\(reached)")
            #expect(try String(contentsOf: alerts, encoding: .utf8).contains("s3cr3t"), "the guard was what kept it out")
        }
    }
}
