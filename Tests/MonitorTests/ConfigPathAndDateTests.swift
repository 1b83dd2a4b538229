import Foundation
import TestSupport
import Testing

/// How every command finds its configuration, and what it says when it cannot.
@Suite("Command line: configuration path, dates, OPML import", .enabled(if: FeedwatchProcess.isBuilt))
struct ConfigPathAndDateTests {
    @Test("check-config takes the file as an argument, as --config, or from FEEDWATCH_CONFIG; a missing one is 'no such file'")
    func configPath() async throws {
        let sandbox = try DaemonSandbox()
        defer { sandbox.remove() }
        try sandbox.write(feeds: ["http://news.example/rss"])
        let path = sandbox.config.path
        for arguments in [["check-config", path], ["check-config", "--config", path]] {
            let run = try await FeedwatchProcess.runDetached(arguments)
            #expect(run.status == 0 && run.output.hasPrefix("\(path): ok"), "\(arguments): \(run.output)\(run.stderr)")
        }
        let byEnvironment = try await FeedwatchProcess.runDetached(["check-config"], environment: ["FEEDWATCH_CONFIG": path])
        #expect(byEnvironment.status == 0 && byEnvironment.output.hasPrefix("\(path): ok"), "\(byEnvironment.stderr)")
        let status = try await FeedwatchProcess.runDetached(["status"], environment: ["FEEDWATCH_CONFIG": path])
        #expect(status.status == 0, "status finds it too: \(status.stderr)")

        let missing = sandbox.folder.appendingPathComponent("nowhere.json").path
        let run = try await FeedwatchProcess.runDetached(["once", "--config", missing])
        #expect(run.status == 78)
        #expect(run.stderr.trimmingCharacters(in: .whitespacesAndNewlines) == "no such file: \(missing)", "\(run.stderr)")
        let folder = try await FeedwatchProcess.runDetached(["check-config", sandbox.folder.path])
        #expect(folder.status == 78 && folder.stderr.contains("is a folder, not a configuration file"), "\(folder.stderr)")
        let two = try await FeedwatchProcess.runDetached(["check-config", path, "--config", missing])
        #expect(two.status == 64 && two.stderr.contains("two configuration files given"), "\(two.stderr)")
    }

    @Test("import-opml warns of a URL listed twice and prints it once")
    func opmlDuplicates() async throws {
        let sandbox = try DaemonSandbox()
        defer { sandbox.remove() }
        let file = sandbox.folder.appendingPathComponent("feeds.opml")
        try Data(
            """
            <opml version="2.0"><body><outline xmlUrl="https://a.example/rss" text="A" category="en"/>
            <outline xmlUrl="https://a.example/rss" text="A" category="world"/></body></opml>
            """.utf8
        ).write(to: file)
        let run = try await FeedwatchProcess.runDetached(["import-opml", file.path])
        #expect(run.status == 0)
        #expect(run.stderr.contains("warning: https://a.example/rss is listed more than once"), "\(run.stderr)")
        #expect(run.output.components(separatedBy: "https://a.example/rss").count == 2, "once: \(run.output)")
        #expect(run.output.contains("\"en\"") && run.output.contains("\"world\""), "\(run.output)")
    }

    @Test("digest --date refuses a day the calendar does not have, and writes nothing")
    func impossibleDates() async throws {
        let sandbox = try DaemonSandbox()
        defer { sandbox.remove() }
        let digests = sandbox.folder.appendingPathComponent("digests")
        try sandbox.write(feeds: ["http://news.example/rss"], extra: #", "digest": {"folder": "\#(digests.path)"}"#)
        for day in ["2026-13-01", "2026-02-30", "2026-00-10", "2026-1-1", "yesterday", "2026-02-28x"] {
            let run = try await FeedwatchProcess.runDetached(["digest", "--config", sandbox.config.path, "--date", day])
            #expect(run.status == 64, "\(day): \(run.status)")
            #expect(run.stderr.contains("--date \(day): not a day of the calendar"), "\(run.stderr)")
        }
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: digests.path)) ?? []).isEmpty)
        let leap = try await FeedwatchProcess.runDetached(["digest", "--config", sandbox.config.path, "--date", "2024-02-29"])
        #expect(leap.status == 0, "a leap day is a day: \(leap.stderr)")
        #expect(FileManager.default.fileExists(atPath: digests.appendingPathComponent("2024-02-29.md").path))
    }
}
