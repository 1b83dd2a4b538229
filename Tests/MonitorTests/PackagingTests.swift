import Foundation
import TestSupport
import Testing

@testable import Config
@testable import Monitor

/// The files a user installs: the example configuration, its schema, the systemd unit.
@Suite("Packaging")
struct PackagingTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func tool(_ path: String) -> Bool { FileManager.default.isExecutableFile(atPath: path) }

    static func run(_ tool: String, _ arguments: [String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    @Test("config.example.json is a valid configuration")
    func example() throws {
        let configuration = try Configuration.load(path: Self.root.appendingPathComponent("config.example.json").path)
        #expect(configuration.feeds.count >= 8)
        #expect(configuration.feeds.contains { $0.tags.contains("ru") })
        #expect(configuration.watchlist.actors.contains { $0.id == "orban" })
        #expect(!configuration.rules.isEmpty)
    }

    @Test(
        "the example validates against config.schema.json, and the schema rejects a bad file",
    )
    func schema() throws {
        let python = "/usr/bin/python3"  // Debian's, with python3-jsonschema
        let script = """
            import json, sys
            import jsonschema  # python3-jsonschema: scripts/install-deps.sh --tests
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft202012Validator.check_schema(schema)
            jsonschema.validate(json.load(open(sys.argv[2])), schema)
            try:
                jsonschema.validate({"feeds": [{"url": "ftp://x"}], "colour": 1}, schema)
                print("accepted a bad file"); sys.exit(1)
            except jsonschema.ValidationError:
                print("ok")
            """
        let (status, output) = try Self.run(
            python,
            [
                "-c", script, Self.root.appendingPathComponent("config.schema.json").path,
                Self.root.appendingPathComponent("config.example.json").path,
            ])
        #expect(status == 0, "\(output)")
        #expect(output.contains("ok"))
    }

    @Test("systemd-analyze verify accepts the unit", .enabled(if: FeedwatchProcess.isBuilt))
    func unit() throws {
        try #require(Self.tool("/usr/bin/systemd-analyze"), "systemd-analyze is missing: scripts/install-deps.sh --tests installs systemd")
        let unit = try String(contentsOf: Self.root.appendingPathComponent("systemd/feedwatch.service"), encoding: .utf8)
        for directive in [
            "Type=notify", "ExecReload=", "WatchdogSec=", "DynamicUser=yes", "StateDirectory=feedwatch",
            "ProtectSystem=strict", "ProtectHome=yes", "NoNewPrivileges=yes", "PrivateTmp=yes",
            "RestrictAddressFamilies=", "SystemCallFilter=@system-service",
            "IPAddressDeny=link-local multicast",
        ] {
            #expect(unit.contains(directive), "\(directive)")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("unit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let local = unit.replacingOccurrences(of: "/usr/local/bin/feedwatch", with: FeedwatchProcess.binary.path)
        let copy = folder.appendingPathComponent("feedwatch.service")
        try Data(local.utf8).write(to: copy)
        let (status, output) = try Self.run("/usr/bin/systemd-analyze", ["verify", copy.path])
        #expect(status == 0, "\(output)")
    }

    @Test(
        "the digest-access drop-in: systemd-analyze verify accepts the unit with it, and it opens just the digest folder",
        .enabled(if: FeedwatchProcess.isBuilt))
    func digestDropIn() throws {
        try #require(Self.tool("/usr/bin/systemd-analyze"), "systemd-analyze is missing: scripts/install-deps.sh --tests installs systemd")
        let unit = try String(contentsOf: Self.root.appendingPathComponent("systemd/feedwatch.service"), encoding: .utf8)
        let dropIn = try String(contentsOf: Self.root.appendingPathComponent("systemd/digests.conf"), encoding: .utf8)
        #expect(dropIn.contains("SupplementaryGroups=feedwatch-readers") && dropIn.contains("ReadWritePaths=/srv/feedwatch-digests"))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("unit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("feedwatch.service.d"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // As `make install-digest-access` writes it, for a group and folder this machine has.
        let digests = folder.appendingPathComponent("digests")
        try FileManager.default.createDirectory(at: digests, withIntermediateDirectories: true)
        let local = dropIn.replacingOccurrences(of: "feedwatch-readers", with: "users")
            .replacingOccurrences(of: "/srv/feedwatch-digests", with: digests.path)
        // A unit with its drop-in, as systemd merges them: the [Service] lines of the drop-in appended.
        let service = local.components(separatedBy: "[Service]\n").last ?? ""
        let merged = unit.replacingOccurrences(of: "/usr/local/bin/feedwatch", with: FeedwatchProcess.binary.path)
            .replacingOccurrences(of: "\n[Install]", with: service + "\n[Install]")
        #expect(merged.contains("SupplementaryGroups=users"))
        let copy = folder.appendingPathComponent("feedwatch.service")
        try Data(merged.utf8).write(to: copy)
        let (status, output) = try Self.run("/usr/bin/systemd-analyze", ["verify", copy.path])
        #expect(status == 0, "\(output)")
    }

    @Test(
        "the PostgreSQL drop-in: systemd-analyze verify accepts the unit with it; its start check reads the file only",
        .enabled(if: FeedwatchProcess.isBuilt))
    func postgresDropIn() throws {
        try #require(Self.tool("/usr/bin/systemd-analyze"), "systemd-analyze is missing: scripts/install-deps.sh --tests installs systemd")
        let unit = try String(contentsOf: Self.root.appendingPathComponent("systemd/feedwatch.service"), encoding: .utf8)
        let dropIn = try String(contentsOf: Self.root.appendingPathComponent("systemd/postgres.conf"), encoding: .utf8)
        #expect(dropIn.contains("EnvironmentFile=/etc/feedwatch/postgres.env") && dropIn.contains("check-config --skip-database"))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("unit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let environment = folder.appendingPathComponent("postgres.env")
        try Data("FEEDWATCH_DATABASE_URL=postgresql://feedwatch@127.0.0.1:1/feedwatch\n".utf8).write(to: environment)
        // The drop-in's [Service] lines after the unit's, as systemd merges them (an empty
        // ExecStartPre= clears the unit's own).
        let service = (dropIn.components(separatedBy: "[Service]\n").last ?? "")
            .replacingOccurrences(of: "/etc/feedwatch/postgres.env", with: environment.path)
        let merged = unit.replacingOccurrences(of: "\n[Install]", with: service + "\n[Install]")
            .replacingOccurrences(of: "/usr/local/bin/feedwatch", with: FeedwatchProcess.binary.path)
        let copy = folder.appendingPathComponent("feedwatch.service")
        try Data(merged.utf8).write(to: copy)
        let (status, output) = try Self.run("/usr/bin/systemd-analyze", ["verify", copy.path])
        #expect(status == 0, "\(output)")
        // The start check passes with the server down (the daemon waits for it); without the flag it says so.
        let config = folder.appendingPathComponent("config.json")
        try Data(
            """
            {"storage": {"postgresEnv": "FEEDWATCH_DATABASE_URL"}, "feeds": [{"url": "https://news.example/rss"}]}
            """.utf8
        ).write(to: config)
        let environmentValues = ["FEEDWATCH_DATABASE_URL": "postgresql://feedwatch@127.0.0.1:1/feedwatch"]
        let skipped = try FeedwatchProcess.run(["check-config", "--skip-database", config.path], environment: environmentValues)
        #expect(skipped.status == 0, "\(skipped.stderr)")
        let probed = try FeedwatchProcess.run(["check-config", config.path], environment: environmentValues)
        #expect(probed.status == 69, "\(probed.stderr)")
    }
}
