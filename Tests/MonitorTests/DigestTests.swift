import Extractor
import Foundation
import TestSupport
import Testing

@testable import Config
@testable import Digests
@testable import Monitor
@testable import Store

@Suite("Daily digests", .serialized)
struct DigestTests {
    static let watchlist = Watchlist(
        actors: [
            WatchedActor(id: "putin", name: "Vladimir Putin", type: .person),
            WatchedActor(id: "orban", name: "Viktor Orbán", type: .person),
        ],
        topics: [Topic(id: "sanctions", name: "Sanctions", query: "sanction*")])

    static func configuration(folder: URL, database: String, time: String = "07:00") -> Configuration {
        var configuration = Configuration(
            path: folder.appendingPathComponent("config.json").path, storagePath: database,
            feeds: [], watchlist: watchlist,
            digest: Configuration.Digest(folder: folder.appendingPathComponent("digests").path))
        configuration.digest.timezone = "Europe/Budapest"
        configuration.digest.time = time
        return configuration
    }

    static func item(_ id: String, title: String, putin: Bool, orban: Bool, sanctions: Bool = false) -> StoredItem {
        var actors: [StoredActor] = []
        if putin {
            actors.append(
                StoredActor(
                    id: "putin", count: 2, salience: 0.7, mentions: [StoredMention(kind: "name", form: "Vladimir Putin", sentence: 0)]))
        }
        if orban {
            actors.append(
                StoredActor(id: "orban", count: 1, salience: 0.4, mentions: [StoredMention(kind: "surname", form: "Orbán", sentence: 1)]))
        }
        return StoredItem(
            identity: id, title: title, link: "https://news.example/\(id)", published: nil, contentHash: id,
            text: "Vladimir Putin met Viktor Orbán. Orbán spoke about sanctions.",
            actors: actors, topics: sanctions ? [StoredTopic(id: "sanctions", sentences: [1])] : [],
            quotes: orban
                ? [
                    StoredQuote(
                        text: "We have managed to save a lot of what we achieved.", speakerActor: "orban",
                        speakerText: "Orbán", verb: "added", sentence: 1)
                ] : [],
            coMentions: putin && orban ? [StoredCoMention(a: "orban", b: "putin", count: 1)] : [])
    }

    /// A new empty folder (the caller removes it).
    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("digest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// A database with the one feed https://news.example/rss, and that feed's id.
    static func storeWithFeed(_ path: String) async throws -> (SQLiteStore, Int64) {
        let store = try SQLiteStore(path: path)
        try await store.syncFeeds([FeedSpec(url: "https://news.example/rss", name: "Example News")])
        return (store, try #require(try await store.feeds().first).id)
    }

    /// 12:00 Budapest time on the given day of November 2026.
    static func noon(_ day: Int) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Budapest")!
        return calendar.date(from: DateComponents(year: 2026, month: 11, day: day, hour: 12))!
    }

    @Test("counts, the 7-day average and spikes, articles, quotes and co-mentions, in the configured time zone")
    func content() async throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("db.sqlite").path
        let (store, feed) = try await Self.storeWithFeed(database)
        // One Putin item a day for a week, then five on the 20th (a spike), one of them with a hostile title.
        for day in 13...19 {
            try await store.store(
                feed: feed, items: [Self.item("d\(day)", title: "Day \(day)", putin: true, orban: false)], at: Self.noon(day))
        }
        var burst = (0..<4).map { Self.item("b\($0)", title: "Burst \($0)", putin: true, orban: $0 == 0, sanctions: true) }
        burst.append(
            Self.item(
                "evil", title: "<script>alert('x')</script> & more [click](javascript:alert(1)) *now*\n# Heading",
                putin: true, orban: false))
        try await store.store(feed: feed, items: burst, at: Self.noon(20))
        // 23:30 on the 20th in Budapest is 22:30 UTC: still the 20th locally.
        try await store.store(
            feed: feed, items: [Self.item("late", title: "Late", putin: false, orban: true)],
            at: Self.noon(20).addingTimeInterval(11.5 * 3600))
        // Old news first seen that day: published in 2003.
        var archive = Self.item("archive", title: "From the archive", putin: true, orban: false)
        archive.published = Date(timeIntervalSince1970: 1_050_000_000)
        try await store.store(feed: feed, items: [archive], at: Self.noon(20))
        let writer = DigestWriter(configuration: Self.configuration(folder: folder, database: database), store: store)
        let digest = try await writer.build(date: "2026-11-20")
        #expect(digest.schema == "feedwatch-digest/2")
        #expect(digest.counts.items == 6)
        #expect(digest.counts.olderItems == 1, "the 2003 item is counted and left out")
        #expect(!digest.stories.contains { $0.title == "From the archive" })
        #expect(digest.historyDays == 7)
        let putin = try #require(digest.glance.first { $0.id == "putin" })
        #expect(putin.stories == 5)
        #expect(putin.baseline == 1)
        #expect(putin.change == 4)
        #expect(putin.spike, "5 against a baseline of 1 after 7 days")
        #expect(putin.history.suffix(8) == [1, 1, 1, 1, 1, 1, 1, 5])
        #expect(digest.glance.first?.id == "putin", "spikes lead the table")
        let putinSection = try #require(digest.actors.first { $0.id == "putin" })
        #expect(putinSection.stories.count == 5, "every story is listed, not five of them")
        #expect(putinSection.with.first?.id == "orban")
        let orban = try #require(digest.glance.first { $0.id == "orban" })
        #expect(orban.stories == 2)
        #expect(!orban.spike)
        let quote = try #require(digest.quotes.first)
        #expect(quote.speaker == "Viktor Orbán" && quote.verb == "added" && quote.link?.hasPrefix("https://news.example/") == true)
        #expect(digest.stories[quote.story - 1].outlets.first?.link == quote.link, "a quote links to its story's article")
        let sanctions = try #require(digest.topics.first { $0.id == "sanctions" })
        #expect(sanctions.stories.count == 4)
        let first = digest.stories[sanctions.stories[0] - 1]
        #expect(first.snippet == "Vladimir Putin met Viktor Orbán.", "the sentence naming the most salient actor")
        #expect(first.topics == ["sanctions"] && first.actors.first == "putin")
        #expect(digest.stories.map(\.number) == Array(1...digest.stories.count))
        #expect(digest.stories.allSatisfy { $0.outlets.count == 1 && $0.time.timeIntervalSince1970 > 0 })

        let paths = try await writer.write(date: "2026-11-20")
        #expect(paths.map { URL(fileURLWithPath: $0).lastPathComponent } == ["2026-11-20.md", "2026-11-20.html", "2026-11-20.json"])
        let html = try String(contentsOfFile: paths[1], encoding: .utf8)
        #expect(!html.contains("<script>alert"))
        #expect(html.contains("&lt;script&gt;"))
        #expect(html.contains("<svg"))
        #expect(html.contains("<style>"))
        #expect(!html.contains("src=\"http"), "self-contained: nothing loaded from elsewhere")
        #expect(html.components(separatedBy: "<article ").count - 1 == digest.stories.count, "each story shown once")
        #expect(html.contains("<time datetime=\"2026-11-20T12:00:00+01:00\">12:00</time>"), "the story's time, local")
        let markdown = try String(contentsOfFile: paths[0], encoding: .utf8)
        #expect(markdown.hasPrefix("# feedwatch digest — Friday 20 November 2026\n"))
        #expect(markdown.contains("| Vladimir Putin (actor) ⚠ spike | 5 | +4.0 vs 1.0/day |"), "\(markdown)")
        #expect(markdown.contains("**6** new items in **6** stories"))
        #expect(markdown.contains("1 item first seen this day but published long before"))
        // The hostile title is text in Markdown too: no raw HTML, no link of its own, no new heading.
        #expect(!markdown.contains("<script>") && !markdown.contains("[click](javascript") && !markdown.contains("\n# Heading"))
        #expect(
            markdown.contains(
                "[\\<script\\>alert('x')\\</script\\> & more \\[click\\](javascript:alert(1)) \\*now\\* # Heading](https://news.example/evil)"
            ),
            "\(markdown)")
        #expect(
            markdown.contains(
                "“We have managed to save a lot of what we achieved.” — **Viktor Orbán**, added · [Example News](https://news.example/"))
        let json = try Digest.decode(Data(contentsOf: URL(fileURLWithPath: paths[2])))
        #expect(json == digest)
        let text = try String(contentsOfFile: paths[2], encoding: .utf8)
        #expect(text.contains("\"start\":\"2026-11-20T00:00:00+01:00\""), "times in the digest's zone")
        await store.close()
    }

    @Test("the first day: no spike, no change, and the digest says why")
    func firstDay() async throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("db.sqlite").path
        let (store, feed) = try await Self.storeWithFeed(database)
        let items = (0..<12).map { Self.item("f\($0)", title: "First day \($0)", putin: true, orban: $0 < 6) }
        try await store.store(feed: feed, items: items, at: Self.noon(20))
        let writer = DigestWriter(configuration: Self.configuration(folder: folder, database: database), store: store)
        let digest = try await writer.build(date: "2026-11-20")
        #expect(digest.historyDays == 0)
        #expect(digest.glance.allSatisfy { !$0.spike && $0.baseline == nil && $0.change == nil })
        let markdown = DigestMarkdown.render(digest)
        #expect(markdown.contains("No history yet"))
        #expect(markdown.contains("| Vladimir Putin (actor) | 12 | new |"))
        #expect(!markdown.contains("spike |"))
        await store.close()
    }

    @Test("links are percent-encoded where Markdown or HTML would end them early")
    func safeLinks() {
        #expect(DigestView.safeLink("https://a.example/x (1)<b>\"c\"") == "https://a.example/x%20%281%29%3Cb%3E%22c%22")
        #expect(DigestView.safeLink("https://a.example/ok?q=1&r=2#f") == "https://a.example/ok?q=1&r=2#f")
        var markdown = ""
        DigestView.escapeMarkdown("Orbán:\r\n*a* | [b]\r`c`\n<d>", into: &markdown)
        #expect(markdown == "Orbán: \\*a\\* \\| \\[b\\] \\`c\\` \\<d\\>")
        var html = ""
        DigestView.escapeHTML("Orbán & <b class=\"x\">'y'</b>", into: &html)
        #expect(html == "Orbán &amp; &lt;b class=&quot;x&quot;&gt;&#39;y&#39;&lt;/b&gt;")
    }

    /// Mounts a small tmpfs (64 KB unless said; needs root, as CI and this machine run) for a full disk.
    static func withTinyDisk(size: String = "64k", _ body: (URL) async throws -> Void) async throws {
        let mountPoint = FileManager.default.temporaryDirectory.appendingPathComponent("tiny-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: mountPoint, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: mountPoint) }
        func run(_ tool: String, _ arguments: [String]) -> Int32 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: tool)
            process.arguments = arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            guard (try? process.run()) != nil else { return -1 }
            process.waitUntilExit()
            return process.terminationStatus
        }
        guard getuid() == 0, run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", mountPoint.path]) == 0 else {
            print("skipped: cannot mount a tmpfs here")
            return
        }
        defer { _ = run("/bin/umount", [mountPoint.path]) }
        try await body(mountPoint)
    }

    /// Writes a file until the disk refuses more; returns it (remove it to free the space).
    static func fill(_ disk: URL) throws -> URL {
        let filler = disk.appendingPathComponent("filler")
        _ = FileManager.default.createFile(atPath: filler.path, contents: nil)
        let handle = try FileHandle(forWritingTo: filler)
        while (try? handle.write(contentsOf: Data(count: 512))) != nil {}
        try? handle.close()
        return filler
    }

    @Test("a full disk while writing a digest: the previous file stays whole, the error is reported, the next attempt succeeds")
    func diskFull() async throws {
        try await Self.withTinyDisk { disk in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("digest-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let database = folder.appendingPathComponent("db.sqlite").path
            let store = try SQLiteStore(path: database)
            try await store.syncFeeds([FeedSpec(url: "https://news.example/rss")])
            let feed = try #require(try await store.feeds().first).id
            try await store.store(feed: feed, items: [Self.item("a", title: "First", putin: true, orban: false)], at: Self.noon(20))
            var configuration = Self.configuration(folder: folder, database: database)
            configuration.digest.folder = disk.path
            configuration.digest.formats = [.md]
            let writer = DigestWriter(configuration: configuration, store: store)
            let path = try #require(try await writer.write(date: "2026-11-20").first)
            let before = try Data(contentsOf: URL(fileURLWithPath: path))

            // Fill the disk, then add items so the digest must grow.
            let filler = try Self.fill(disk)
            let items = (0..<40).map {
                Self.item("more\($0)", title: "Another long headline number \($0) about the talks", putin: true, orban: true)
            }
            try await store.store(feed: feed, items: items, at: Self.noon(20))
            await #expect(throws: (any Error).self) { try await writer.write(date: "2026-11-20") }
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before, "the previous digest is untouched")
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: disk.path).filter { $0.hasSuffix(".tmp") }
            #expect(leftovers.isEmpty)

            try FileManager.default.removeItem(at: filler)
            try await writer.write(date: "2026-11-20")
            #expect(try String(contentsOfFile: path, encoding: .utf8).contains("41 items"))
            await store.close()
        }
    }

    @Test("a digest missed while the daemon was down is written on start")
    func missedOnStart() async throws {
        guard FeedwatchProcess.isBuilt else { return }
        let sandbox = try DaemonSandbox()
        defer { sandbox.remove() }
        let (store, feed) = try await Self.storeWithFeed(sandbox.database)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Budapest")!
        let yesterday = calendar.date(byAdding: .day, value: -1, to: calendar.startOfDay(for: Date()))!.addingTimeInterval(12 * 3600)
        try await store.store(feed: feed, items: [Self.item("y1", title: "Yesterday", putin: true, orban: true)], at: yesterday)
        await store.close()
        let c = calendar.dateComponents([.year, .month, .day], from: yesterday)
        let name = String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
        try sandbox.write(
            feeds: ["https://news.example/rss"],
            extra: """
                , "digest": {"time": "00:00", "timezone": "Europe/Budapest", "folder": "\(sandbox.folder.appendingPathComponent("digests").path)"}
                , "fetch": {"timeoutSeconds": 2}
                """)
        let result = try await FeedwatchProcess.runDetached(["once", "--config", sandbox.config.path])
        #expect(result.status == 69, "the feed cannot be reached from here (exit 69); the digest is written all the same: \(result.stderr)")
        for format in ["md", "html", "json"] {
            let path = sandbox.folder.appendingPathComponent("digests/\(name).\(format)").path
            #expect(FileManager.default.fileExists(atPath: path), "\(path)")
        }
    }

    @Test("digest.group and digest.mode: the files get the group and the permissions; bad values are configuration errors")
    func access() async throws {
        guard FeedwatchProcess.isBuilt else { return }
        let sandbox = try DaemonSandbox()
        defer { sandbox.remove() }
        let (store, feed) = try await Self.storeWithFeed(sandbox.database)
        try await store.store(feed: feed, items: [Self.item("a", title: "Access", putin: true, orban: false)], at: Self.noon(20))
        await store.close()
        let digests = sandbox.folder.appendingPathComponent("digests")
        // "users" (gid 100) is on every Debian machine.
        try sandbox.write(
            feeds: ["https://news.example/rss"],
            extra: #", "digest": {"timezone": "Europe/Budapest", "folder": "\#(digests.path)", "group": "users", "mode": "0640"}"#)
        let run = try FeedwatchProcess.run(["digest", "--config", sandbox.config.path, "--date", "2026-11-20"])
        #expect(run.status == 0, "\(run.stderr)")
        for format in ["md", "html", "json"] {
            let attributes = try FileManager.default.attributesOfItem(atPath: digests.appendingPathComponent("2026-11-20.\(format)").path)
            #expect((attributes[.posixPermissions] as? Int) == 0o640, "\(format)")
            #expect((attributes[.groupOwnerAccountID] as? Int) == 100, "\(format)")
        }
        try sandbox.write(
            feeds: ["https://news.example/rss"],
            extra: #", "digest": {"folder": "\#(digests.path)", "group": "no-such-group-here", "mode": "0666"}"#)
        let bad = try FeedwatchProcess.run(["check-config", "--config", sandbox.config.path])
        #expect(bad.status == 78)
        #expect(bad.stderr.contains("$.digest.mode: expected file permissions in octal"), "\(bad.stderr)")
        #expect(bad.stderr.contains("$.digest.group: no such group \"no-such-group-here\""), "\(bad.stderr)")
    }

    @Test("once on the first day says when the first digest will come; the next day it writes it and says so")
    func onceSaysWhen() async throws {
        guard FeedwatchProcess.isBuilt else { return }
        let sandbox = try DaemonSandbox()
        defer { sandbox.remove() }
        let digests = sandbox.folder.appendingPathComponent("digests")
        try sandbox.write(
            feeds: ["https://news.example/rss"],
            extra: #", "digest": {"time": "06:30", "timezone": "UTC", "folder": "\#(digests.path)"}, "fetch": {"timeoutSeconds": 2}"#)
        // Nothing stored yet: no digest is due, and `once` says which one comes next.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let now = Date()
        let today = calendar.startOfDay(for: now)
        func day(_ date: Date) -> String {
            let c = calendar.dateComponents([.year, .month, .day], from: date)
            return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
        }
        let first = try await FeedwatchProcess.runDetached(["once", "--config", sandbox.config.path])
        let dueToday = today.addingTimeInterval(6.5 * 3600)
        let expected =
            now < dueToday
            ? "next digest: \(day(today.addingTimeInterval(-86400))), due \(day(today)) 06:30 UTC"
            : "next digest: \(day(today)), due \(day(today.addingTimeInterval(86400))) 06:30 UTC"
        #expect(first.output.contains(expected), "\(first.output)")
        // An item seen two days ago: yesterday's and the day before's digests are due; `once` writes them.
        let store = try SQLiteStore(path: sandbox.database)
        let feed = try #require(try await store.feeds().first).id
        try await store.store(
            feed: feed, items: [Self.item("b", title: "Earlier", putin: true, orban: false)],
            at: today.addingTimeInterval(-2 * 86400 + 3600))
        await store.close()
        let second = try await FeedwatchProcess.runDetached(["once", "--config", sandbox.config.path])
        let twoDaysAgo = day(today.addingTimeInterval(-2 * 86400))
        #expect(second.output.contains("digest \(twoDaysAgo) written: \(digests.path)/\(twoDaysAgo).md"), "\(second.output)")
        #expect(FileManager.default.fileExists(atPath: digests.appendingPathComponent("\(twoDaysAgo).html").path))
        #expect(second.output.contains("next digest: "))
    }

    @Test("the JSON digest of 30 feeds' day validates against docs/digest.schema.json (and the schema refuses a changed one)")
    func jsonSchema() async throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("db.sqlite").path
        let store = try SQLiteStore(path: database)
        try await DigestFixture.fill(store)
        var configuration = DigestFixture.configuration(folder: folder, database: database)
        configuration.digest.formats = [.json]
        let path = try #require(try await DigestWriter(configuration: configuration, store: store).write(date: DigestFixture.day).first)
        await store.close()
        let digest = try Digest.decode(Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(digest.stories.count > 50 && digest.quotes.count > 3 && !digest.alerts.isEmpty && digest.glance.contains(where: \.spike))
        let schema = PackagingTests.root.appendingPathComponent("docs/digest.schema.json").path
        let script = """
            import json, sys
            import jsonschema  # python3-jsonschema: scripts/install-deps.sh --tests
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft202012Validator.check_schema(schema)
            digest = json.load(open(sys.argv[2]))
            jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(digest)
            digest["stories"][0]["colour"] = "red"
            try:
                jsonschema.validate(digest, schema)
                print("accepted a changed digest"); sys.exit(1)
            except jsonschema.ValidationError:
                print("ok")
            """
        let (status, output) = try PackagingTests.run("/usr/bin/python3", ["-c", script, schema, path])
        #expect(status == 0 && output.contains("ok"), "\(output)")
    }

    @Test("the fixture's day gives the same digest from PostgreSQL as from SQLite")
    func sameOnPostgres() async throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var digests: [Digest] = []
        for backend in StoreBackend.allCases {
            let (store, remove) = try await backend.open()
            defer { remove() }
            try await DigestFixture.fill(store)
            let configuration = DigestFixture.configuration(folder: folder, database: folder.appendingPathComponent("db.sqlite").path)
            let digest = try await DigestWriter(configuration: configuration, store: store).build(date: DigestFixture.day)
            digests.append(digest)
            await store.close()
        }
        #expect(digests[0].stories.count > 50 && !digests[0].quotes.isEmpty)
        #expect(digests[0] == digests[1])
    }

    @Test("local times written by arithmetic match Foundation's formatters, across zones and DST changes")
    func localTimes() {
        var random = SplitMix(seed: 11)
        for identifier in [
            "UTC", "Europe/Budapest", "America/St_Johns", "Asia/Kolkata", "Asia/Kathmandu", "Australia/Lord_Howe", "America/Los_Angeles",
            "Pacific/Chatham",
        ] {
            let zone = TimeZone(identifier: identifier)!
            let local = LocalTime(zone)
            let iso = ISO8601DateFormatter()
            iso.timeZone = zone
            let clock = DigestView.formatter("HH:mm", zone)
            // Times across 2026, dense around the spring and autumn changes, in random order.
            var dates = (0..<400).map { _ in Date(timeIntervalSince1970: 1_767_225_600 + Double(random.next() % 31_536_000)) }
            for change in [1_774_746_000.0, 1_792_890_000.0, 1_775_354_400.0, 1_791_597_600.0] {
                dates += (-30...30).map { Date(timeIntervalSince1970: change + Double($0) * 900) }
            }
            dates.shuffle(using: &random)
            for date in dates {
                #expect(local.iso(date) == iso.string(from: date), "\(identifier) \(date)")
                #expect(local.clock(date) == clock.string(from: date), "\(identifier) \(date)")
            }
        }
    }
}
