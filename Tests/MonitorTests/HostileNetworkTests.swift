import FlyingFox
import Foundation
import TestSupport
import Testing

/// `feedwatch once` against one hostile feed and five well-behaved ones on another host: the hostile
/// feed must end in an error that says what happened (or parse within bounds), quickly, with bounded
/// memory, and the other feeds must be fetched and stored as if nothing happened. Each case prints a
/// row of the table in RELIABILITY.md; `FEEDWATCH_HOSTILE_TABLE=file` appends the rows to a file.
@Suite("Hostile network (daemon process, loopback)", .serialized, .enabled(if: FeedwatchProcess.isBuilt))
struct HostileNetworkTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        /// A route on the hostile HTTP server, or `raw-reset` / `raw-malformed` for the TCP server.
        let path: String
        /// Text the feed's error must contain; nil when the feed must be stored.
        let error: String?
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "slowloris (1 byte/s)", path: "/slowloris", error: "timeout"),
        Case(name: "endless body", path: "/endless", error: "larger than"),
        Case(name: "gzip bomb (10 GB inflated)", path: "/bomb", error: "larger than"),
        Case(name: "redirect loop", path: "/loop", error: "redirect"),
        Case(name: "10,000 redirects, alternating hosts", path: "/hop/0", error: "redirect"),
        Case(name: "huge headers (200 kB)", path: "/headers", error: "headers"),
        Case(name: "429 storm, Retry-After 1 day", path: "/429", error: "429"),
        Case(name: "connection reset", path: "raw-reset", error: "connection"),
        Case(name: "malformed HTTP", path: "raw-malformed", error: "HTTP"),
        Case(name: "100,000 items", path: "/items", error: nil),
        Case(name: "5 MB title", path: "/title", error: nil),
        Case(name: "nesting 100,000 deep", path: "/nested", error: "deep"),
        Case(name: "billion laughs", path: "/laughs", error: nil),
        Case(name: "XXE (file:///etc/passwd)", path: "/xxe", error: nil),
    ]

    /// Peak resident memory allowed for a `once` over six feeds, whatever one of them does (debug build).
    static let memoryBound = 160 << 20

    @Test("a hostile feed fails fast and alone, within the memory bound", arguments: cases)
    func hostile(_ hostile: Case) async throws {
        let sandbox = try DaemonSandbox()
        defer { sandbox.remove() }
        let board = FeedBoard()
        for feed in 0..<5 {
            for item in 0..<3 {
                await board.publish("/ok\(feed)", id: "ok\(feed)-\(item)", title: "Item \(item)", text: "Vladimir Putin spoke \(item).")
            }
        }
        let raw =
            try hostile.path.hasPrefix("raw-") ? RawServer(reply: Self.rawReply(hostile.path), reset: hostile.path == "raw-reset") : nil
        defer { raw?.stop() }
        try await withServer(host: "127.0.0.2", routes: FeedBoard.routes(board)) { good in
            try await withServer(routes: Self.routes) { bad in
                let hostileURL = raw?.url("/feed") ?? bad.url(hostile.path)
                try sandbox.write(
                    feeds: [hostileURL] + (0..<5).map { good.url("/ok\($0)") },
                    extra: """
                        , "fetch": {"timeoutSeconds": 10, "lowSpeedSeconds": 3, "lowSpeedBytesPerSecond": 100}
                        """)
                let clock = ContinuousClock()
                let start = clock.now
                let run = try await FeedwatchProcess.runDetached(["once", "--config", sandbox.config.path], timeout: 60)
                let elapsed = clock.now - start
                // `once` exits 69 when a feed failed (the hostile one), 0 when every feed was polled.
                #expect(run.status == (hostile.error == nil ? 0 : 69), "\(run.stderr)")
                let lines = run.output.split(separator: "\n").map(String.init)
                let hostileLine = try #require(lines.first { $0.hasPrefix(hostileURL + " ") }, "\(run.output)")
                let others = lines.filter { $0.contains("/ok") }
                #expect(others.count == 5)
                // Another feed did not wait on the hostile one if it was done in 2 s, or, where the hostile
                // feed held on longer (slowloris: 3 s), before it gave up. (The loopback servers live in the
                // test process, whose threads the other suites keep busy: serving the good feeds alone can
                // take 2.5 s while the whole suite runs, so a fixed margin below 3 s is not a property.
                // Beside headless Chromium and PostgreSQL servers starting for other suites, they took up
                // to 3.1 s: the floor is 4 s, and 6 s under a sanitizer.)
                let floor = ProcessInfo.processInfo.environment["FEEDWATCH_SANITIZER"] == nil ? 4000 : 6000
                let bound = max(floor, Self.milliseconds(hostileLine))
                for line in others {
                    #expect(line.contains("  200  3 new"), "\(line)")
                    #expect(Self.milliseconds(line) < bound, "another feed waited on the hostile one: \(line)")
                }
                if let expected = hostile.error {
                    #expect(hostileLine.localizedCaseInsensitiveContains("error:"), "\(hostileLine)")
                    #expect(hostileLine.localizedCaseInsensitiveContains(expected), "\(hostileLine)")
                } else {
                    #expect(!hostileLine.contains("error:"), "\(hostileLine)")
                    #expect(!run.output.contains("root:x:0:0"), "no local file content")
                }
                let peak = try Self.peakResident(sandbox)
                #expect(peak > 0)
                // Under a sanitizer (scripts/sanitize.sh) RSS measures its shadow memory and quarantine.
                if ProcessInfo.processInfo.environment["FEEDWATCH_SANITIZER"] == nil {
                    #expect(peak < Self.memoryBound, "peak RSS \(peak >> 20) MB")
                }
                let slowest = others.map(Self.milliseconds).max() ?? 0
                let row =
                    "| \(hostile.name) | \(Self.milliseconds(hostileLine)) ms | \(String(format: "%.2f", elapsed / .seconds(1))) s | "
                    + "\(peak >> 20) MB | 5/5 stored, slowest \(slowest) ms | \(Self.outcome(hostileLine, url: hostileURL)) |"
                print(row)
                if let table = ProcessInfo.processInfo.environment["FEEDWATCH_HOSTILE_TABLE"],
                    let handle = FileHandle(forWritingAtPath: table)
                        ?? {
                            _ = FileManager.default.createFile(atPath: table, contents: nil); return FileHandle(forWritingAtPath: table)
                        }()
                {
                    handle.seekToEndOfFile()
                    handle.write(Data((row + "\n").utf8))
                    try? handle.close()
                }
            }
        }
    }

    static func milliseconds(_ line: String) -> Int {
        guard let open = line.range(of: "(", options: .backwards), let end = line.range(of: " ms)", options: .backwards) else { return -1 }
        return Int(line[open.upperBound..<end.lowerBound]) ?? -1
    }

    static func outcome(_ line: String, url: String) -> String {
        var text = String(line.dropFirst(url.count + 2))
        if let timing = text.range(of: "  (", options: .backwards) { text = String(text[..<timing.lowerBound]) }
        return text.replacingOccurrences(of: "|", with: "/").prefix(140).description
    }

    static func peakResident(_ sandbox: DaemonSandbox) throws -> Int {
        let metrics = try String(contentsOf: sandbox.folder.appendingPathComponent("feedwatch.prom"), encoding: .utf8)
        let line = metrics.split(separator: "\n").first { $0.hasPrefix("feedwatch_peak_resident_bytes ") }
        return Int(Double(line?.split(separator: " ").last ?? "") ?? 0)
    }

    static func rawReply(_ path: String) -> Data {
        path == "raw-reset"
            ? Data() : Data("HTTP/1.1 200 OK\r\nContent-Length: banana\r\nTransfer-Encoding: chunked, chunked\r\n\r\nzz\r\n<rss".utf8)
    }

    static func routes(_ server: HTTPServer) async {
        await server.appendRoute("GET /slowloris") { _ in
            HTTPResponse(statusCode: .ok, body: HTTPBodySequence(from: DripBody(chunk: 1, delay: .seconds(1), remaining: 600)))
        }
        await server.appendRoute("GET /endless") { _ in
            HTTPResponse(statusCode: .ok, body: HTTPBodySequence(from: DripBody(chunk: 64 << 10, delay: .zero, remaining: nil)))
        }
        await server.appendRoute("GET /bomb") { _ in
            let bomb = try Data(contentsOf: TestServer.fixtures.appendingPathComponent("bomb.gz"))
            return HTTPResponse(statusCode: .ok, headers: headers(("Content-Encoding", "gzip")), body: bomb)
        }
        await server.appendRoute("GET /loop") { _ in redirect(.found, to: "/loop") }
        await server.appendRoute("GET /hop/*") { request in
            let hop = Int(request.path.split(separator: "/").last ?? "") ?? 0
            guard hop < 10_000 else { return HTTPResponse(statusCode: .ok, body: TestServer.feedXML) }
            let port = request.headers[HTTPHeader("Host")]?.split(separator: ":").last ?? ""
            let host = hop % 2 == 0 ? "localhost" : "127.0.0.1"
            return redirect(.found, to: "http://\(host):\(port)/hop/\(hop + 1)")
        }
        await server.appendRoute("GET /headers") { _ in
            var fields = HTTPHeaders()
            for i in 0..<200 { fields[HTTPHeader("X-Filler-\(i)")] = String(repeating: "h", count: 1000) }
            return HTTPResponse(statusCode: .ok, headers: fields, body: Data("x".utf8))
        }
        await server.appendRoute("GET /429") { _ in
            HTTPResponse(statusCode: .tooManyRequests, headers: headers(("Retry-After", "86400")))
        }
        await server.appendRoute("GET /items") { _ in HTTPResponse(statusCode: .ok, body: Self.manyItems) }
        await server.appendRoute("GET /title") { _ in HTTPResponse(statusCode: .ok, body: Self.hugeTitle) }
        await server.appendRoute("GET /nested") { _ in HTTPResponse(statusCode: .ok, body: Self.nested) }
        await server.appendRoute("GET /laughs") { _ in HTTPResponse(statusCode: .ok, body: Self.laughs) }
        await server.appendRoute("GET /xxe") { _ in HTTPResponse(statusCode: .ok, body: Self.xxe) }
    }

    static let manyItems: Data = {
        var xml = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Many</title>"
        xml.reserveCapacity(8 << 20)
        for i in 0..<100_000 { xml += "<item><guid>m\(i)</guid><title>Story \(i)</title></item>" }
        return Data((xml + "</channel></rss>").utf8)
    }()

    static let hugeTitle = Data(
        ("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Big</title><item><guid>t</guid><title>"
            + String(repeating: "Putin ", count: 5 << 20 / 6) + "</title></item></channel></rss>").utf8)

    static let nested = Data(("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>" + String(repeating: "<a>", count: 100_000)).utf8)

    static let laughs = Data(
        """
        <?xml version="1.0"?>
        <!DOCTYPE rss [<!ENTITY a "lollollollollollollollollollol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
        <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
        <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
        <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">
        <!ENTITY i "&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;">]>
        <rss version="2.0"><channel><title>Laughs</title><item><guid>l</guid><title>&i;</title></item></channel></rss>
        """.utf8)

    static let xxe = Data(
        """
        <?xml version="1.0"?>
        <!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>
        <rss version="2.0"><channel><title>XXE</title><item><guid>x</guid><title>&x;</title><description>&x;</description></item></channel></rss>
        """.utf8)
}
