import Foundation
import Logging
import TestSupport
import Testing

@testable import Service

/// Logs a person can read: the message first, then `key=value`; under the journal, a priority prefix.
@Suite("Log lines", .serialized)
struct LogFormatTests {
    static let date = Date(timeIntervalSince1970: 1_796_194_803)  // 2026-12-02T07:00:03Z

    @Test("message first, then key=value with the subject's keys first; spaces and quotes quoted")
    func format() {
        let line = LineLogHandler.line(
            level: .notice, message: "digest written",
            metadata: ["files": "/a b/2026-12-01.md", "date": "2026-12-01", "feed": "https://x.example/rss", "note": "say \"hi\"\nbye"],
            journal: false, at: Self.date)
        #expect(
            line
                == "2026-12-02T07:00:03Z notice digest written feed=https://x.example/rss date=2026-12-01 files=\"/a b/2026-12-01.md\" note=\"say \\\"hi\\\"\\nbye\"\n"
        )
        let journal = LineLogHandler.line(
            level: .warning, message: "unreadable feed", metadata: ["error": ""], journal: true, at: Self.date)
        #expect(journal == "<4>unreadable feed error=\"\"\n", "journald reads <4> as the priority and adds its own time")
        #expect(
            LineLogHandler.line(level: .error, message: "x", metadata: ["k": .array(["a", "b"])], journal: true, at: Self.date)
                == "<3>x k=a,b\n")
    }

    @Test("a daemon's lines over alerts, a broken feed, a reload and a stop: all readable, one info line per alert")
    func daemonLines() async throws {
        guard FeedwatchProcess.isBuilt else { return }
        let sandbox = try DaemonSandbox()
        defer { sandbox.remove() }
        let board = FeedBoard()
        try await withServer(routes: FeedBoard.routes(board)) { server in
            await board.publish("/news", id: "old", title: "Before", text: "Nothing yet.")
            await board.fail("/gone", status: 404)
            let alerts = sandbox.folder.appendingPathComponent("alerts.jsonl").path
            func configure(feeds: [String]) throws {
                try sandbox.write(
                    feeds: feeds,
                    extra: """
                        , "fetch": {"allowPrivateNetworks": true},
                        "alerts": {"sinks": [{"id": "file", "type": "jsonl", "path": "\(alerts)"},
                                             {"id": "copy", "type": "jsonl", "path": "\(alerts).copy"}],
                                   "rules": [{"id": "putin", "actors": ["putin"], "sinks": ["file", "copy"]}]}
                        """)
            }
            try configure(feeds: [server.url("/news"), server.url("/gone")])
            let daemon = try DaemonProcess(config: sandbox.config.path, folder: sandbox.folder)
            defer { daemon.kill() }
            #expect(try await waitFor { daemon.stderr.contains("polled feed=\(server.url("/news"))") })
            await board.publish("/news", id: "new", title: "Putin speaks", text: "Vladimir Putin said the talks went well.")
            #expect(try await waitFor { daemon.stderr.contains("alert raised") })
            try configure(feeds: [server.url("/news")])
            daemon.signal(SIGHUP)
            #expect(try await waitFor { daemon.stderr.contains("configuration reloaded") })
            daemon.signal(SIGTERM)
            #expect(try await daemon.waitForExit(timeout: 20) == 0)
            let lines = daemon.stderr.split(separator: "\n").map(String.init)
            let shape =
                /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ (trace|debug|info|notice|warning|error|critical) [a-z][^=]*?( [A-Za-z]+=("([^"\\]|\\.)*"|\S+))*$/
            for line in lines {
                #expect(line.wholeMatch(of: shape) != nil, "message first, then key=value: \(line)")
                for smell in ["Optional(", "Swift.", "Foundation.", "Error(", "(kind:", ": nil", "[Service]", "[Monitor]"] {
                    #expect(!line.contains(smell), "\(smell) in \(line)")
                }
            }
            let raised = lines.filter { $0.contains(" info alert raised ") }
            #expect(raised.count == 1, "one line for the alert, though it goes to two sinks: \(raised)")
            #expect(raised.first?.contains("rule=putin") == true && raised.first?.contains("title=\"Putin speaks\"") == true)
            let reload = try #require(lines.first { $0.contains("configuration reloaded") })
            #expect(reload.contains("feedsRemoved=\(server.url("/gone"))"), "\(reload)")
            #expect(lines.contains { $0.contains("next digest due") && $0.contains("due=\"") })
            #expect(lines.contains { $0.contains(" warning ") && $0.contains("feed=\(server.url("/gone"))") })
        }
    }
}
