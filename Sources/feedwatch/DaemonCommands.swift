import ArgumentParser
import Foundation
import Logging
import Monitor
import Store
import Extractor

/// Loads a configuration for a command, exiting 78 (EX_CONFIG) with every problem on stderr.
enum ConfigurationInput {
    static func load(_ path: String) throws -> Configuration {
        do {
            return try Configuration.load(path: path)
        } catch let errors as ConfigErrors {
            FileHandle.standardError.write(Data((errors.description + "\n").utf8))
            throw ExitCode(78)
        }
    }

    static func logger(level: String) -> Logger {
        var logger = Logger(label: "feedwatch") { label in StreamLogHandler.standardError(label: label) }
        logger.logLevel = Logger.Level(rawValue: level) ?? .info
        return logger
    }
}

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the daemon: poll the configured feeds on their schedules until SIGTERM.",
        discussion: "SIGHUP reloads the configuration (an invalid one is logged and the running one kept). Exit 78 for an invalid configuration."
    )

    @Option(help: "The configuration file.")
    var config: String

    func run() async throws {
        let configuration = try ConfigurationInput.load(config)
        let logger = ConfigurationInput.logger(level: configuration.logLevel)
        let lock = try InstanceLock.acquireOrExit(database: configuration.storagePath)
        defer { withExtendedLifetime(lock) {} }
        let daemon = try await Daemon.startOrExit(configuration: configuration, logger: logger)
        try await daemon.run()
    }
}

struct OnceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "once",
        abstract: "Poll every configured feed once, store what is new, print a summary, and exit."
    )

    @Option(help: "The configuration file.")
    var config: String

    @Flag(help: "Print only the summary, not one line per feed.")
    var quiet = false

    func run() async throws {
        let configuration = try ConfigurationInput.load(config)
        let logger = ConfigurationInput.logger(level: configuration.logLevel == "info" ? "warning" : configuration.logLevel)
        let lock = try InstanceLock.acquireOrExit(database: configuration.storagePath)
        defer { withExtendedLifetime(lock) {} }
        let daemon = try await Daemon.startOrExit(configuration: configuration, logger: logger)
        let reports = try await daemon.once()
        if !quiet {
            for report in reports.sorted(by: { $0.feed < $1.feed }) {
                let outcome = report.error.map { "error: \($0)" }
                    ?? (report.notModified ? "not modified" : "\(report.newItems) new, \(report.updatedItems) updated")
                print("\(report.feed)  \(report.status)  \(outcome)  (\(Int((report.seconds * 1000).rounded())) ms)")
            }
        }
        try await StatusReport.printSummary(daemon.database)
        await daemon.database.close()
        if let failed = reports.first(where: \.storageFailed) {
            // Fetched but not stored: cron (or whoever runs `once`) must hear of it.
            FileHandle.standardError.write(Data("feedwatch: the database could not store every poll: \(failed.error ?? "")\n".utf8))
            throw ExitCode(74)  // EX_IOERR
        }
    }
}

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Print each feed's health and the item and mention counts of the database."
    )

    @Option(help: "The configuration file.")
    var config: String

    func run() async throws {
        let configuration = try ConfigurationInput.load(config)
        let store = try Store(path: configuration.storagePath)
        let now = Date()
        for feed in try await store.feeds() {
            var state = feed.broken ? "BROKEN" : feed.consecutiveErrors > 0 ? "failing" : feed.polls == 0 ? "new" : "ok"
            if feed.consecutiveErrors > 0 { state += " (\(feed.consecutiveErrors) errors: \(feed.lastError ?? ""))" }
            let next = feed.nextDue <= now ? "due now" : "next in \(Int(feed.nextDue.timeIntervalSince(now) / 60)) min"
            let moved = feed.url != feed.configURL ? "  → \(feed.url)" : ""
            print("\(state)  \(feed.configURL)\(moved)  items \(feed.itemsSeen)  \(next)")
        }
        try await StatusReport.printSummary(store)
        let alerts = try await store.alertCounts()
        print("alerts: \(alerts.alerts) raised, \(alerts.pending) deliveries pending, \(alerts.failed) failed, \(alerts.grouped) grouped")
        if let file = configuration.metricsFile, let text = try? String(contentsOfFile: file, encoding: .utf8) {
            print("metrics (\(file)):")
            print(StatusReport.readable(metrics: text).map { "  " + $0 }.joined(separator: "\n"))
        }
        await store.close()
    }
}

enum StatusReport {
    /// The metrics file for a person: sorted, histograms by their count and sum only, Unix times as dates.
    static func readable(metrics text: String) -> [String] {
        text.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.contains("_bucket{") }.sorted().map { line in
            let parts = line.split(separator: " ")
            guard parts.count == 2, parts[0].hasSuffix("_timestamp_seconds"), let seconds = Double(parts[1]) else { return String(line) }
            return "\(parts[0]) \(Date(timeIntervalSince1970: seconds.rounded()).ISO8601Format())"
        }
    }

    static func printSummary(_ store: Store) async throws {
        let counts = try await store.counts()
        print("\(counts.feeds) feeds (\(counts.brokenFeeds) broken), \(counts.items) items, "
            + "\(counts.itemsWithActors) mention watched actors (\(counts.mentions) mentions, \(counts.quotes) quotes)")
        let actors = try await store.topActors()
        if !actors.isEmpty {
            print("actors: " + actors.map { "\($0.id) \($0.items)" }.joined(separator: ", "))
        }
        let topics = try await store.topTopics()
        if !topics.isEmpty {
            print("topics: " + topics.map { "\($0.id) \($0.items)" }.joined(separator: ", "))
        }
        print("database: \(store.path)")
    }
}

struct CheckConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Check a configuration file: every problem, with its JSON path and line; exit 78 if any."
    )

    @Argument(help: "The configuration file.")
    var file: String

    func run() async throws {
        let configuration = try ConfigurationInput.load(file)
        print("\(file): ok — \(configuration.feeds.count) feeds, \(configuration.watchlist.actors.count) actors, "
            + "\(configuration.watchlist.topics.count) topics, \(configuration.rules.count) alert rules; database \(configuration.storagePath)")
        for caution in configuration.cautions { print("caution: \(caution)") }
    }
}

struct ImportOPMLCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-opml",
        abstract: "Print the feeds of an OPML file as a \"feeds\" list for the configuration."
    )

    @Argument(help: "The OPML file.")
    var file: String

    func run() async throws {
        let feeds: [Configuration.Feed]
        do { feeds = try OPML.feeds(fromFile: file) } catch {
            Console.error("\(file): \(error)")
            throw ExitCode(65)
        }
        let list = feeds.map { feed -> [String: Any] in
            var object: [String: Any] = ["url": feed.url]
            if let name = feed.name { object["name"] = name }
            if !feed.tags.isEmpty { object["tags"] = feed.tags }
            return object
        }
        let data = try JSONSerialization.data(withJSONObject: ["feeds": list], options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        FileHandle.standardOutput.write(data)
        print()
    }
}

struct ExportOPMLCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-opml",
        abstract: "Print the configured feeds as OPML."
    )

    @Option(help: "The configuration file.")
    var config: String

    func run() async throws {
        let configuration = try ConfigurationInput.load(config)
        print(OPML.export(configuration.feeds), terminator: "")
    }
}

struct DigestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digest",
        abstract: "Write the daily digest of a day (default: yesterday, local time) from the database, again if need be."
    )

    @Option(help: "The configuration file.")
    var config: String

    @Option(help: "The local day, as YYYY-MM-DD.")
    var date: String?

    func run() async throws {
        let configuration = try ConfigurationInput.load(config)
        let store = try Store(path: configuration.storagePath)
        let writer = DigestWriter(configuration: configuration, store: store)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: configuration.digest.timezone) ?? .gmt
        let yesterday = calendar.date(byAdding: .day, value: -1, to: Date())!
        let components = calendar.dateComponents([.year, .month, .day], from: yesterday)
        let day = date ?? String(format: "%04d-%02d-%02d", components.year!, components.month!, components.day!)
        do {
            for path in try await writer.write(date: day) { print(path) }
        } catch {
            Console.error("\(error)")
            throw ExitCode(65)
        }
        await store.close()
    }
}

struct ExplainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show which actors and topics an article matches and why each alert rule fires or not.",
        discussion: "ITEM is a stored item (its database id or link), an article URL (fetched; its main text used), or a file."
    )

    @Option(help: "The configuration file.")
    var config: String

    @Argument(help: "A stored item's id or link, a URL, or a file (text or HTML).")
    var item: String

    func run() async throws {
        let configuration = try ConfigurationInput.load(config)
        let daemon = try await Daemon(configuration: configuration, logger: ConfigurationInput.logger(level: "error"))
        var title: String?
        var text: String
        var tags: [String] = []
        if let stored = try await daemon.database.item(matching: item) {
            title = stored.title
            text = stored.text
            tags = configuration.feeds.first { $0.url == stored.feedURL }?.tags ?? []
            print("stored item \(stored.id) from \(stored.feedURL)")
        } else if DocumentInput.isURL(item) {
            let page = try await DocumentInput.fetchPage(item)
            let document = MainText.extract(String(decoding: page, as: UTF8.self))
            title = document.title
            text = document.text
        } else {
            let data = try DocumentInput.read(item, limit: 64 << 20)
            let raw = String(decoding: data, as: UTF8.self)
            if raw.range(of: "<html", options: .caseInsensitive) != nil || raw.range(of: "<p", options: .caseInsensitive) != nil {
                let document = MainText.extract(raw)
                title = document.title
                text = document.text
            } else {
                text = raw
            }
        }
        let (result, rules) = daemon.explain(title: title, text: text, tags: tags)
        if let title { print("title: \(title)") }
        print(result.actors.isEmpty ? "actors: none" : "actors:")
        for actor in result.actors {
            let forms = actor.mentions.map { "\"\($0.form)\" (\($0.kind.rawValue), sentence \($0.sentence))" }.prefix(6).joined(separator: ", ")
            print("  \(actor.id): \(actor.count) mentions, salience \(actor.salience) — \(forms)")
        }
        print(result.topics.isEmpty ? "topics: none" : "topics:")
        for topic in result.topics { print("  \(topic.id): sentences \(topic.sentences.map(String.init).joined(separator: ", "))") }
        print(rules.isEmpty ? "rules: none configured" : "rules:")
        for rule in rules { print("  \(rule.fires ? "FIRES" : "quiet") \(rule.rule): \(rule.reason)") }
        await daemon.database.close()
    }
}

struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Apply the current watchlist and rules to stored items again (a dry run unless --alert).",
        discussion: "With --alert the new extraction is stored and the alerts delivered; an alert already raised is not raised twice."
    )

    @Option(help: "The configuration file.")
    var config: String

    @Option(help: "How far back: 7d, 12h, 30m.")
    var since = "7d"

    @Flag(help: "Store the new extraction and deliver the alerts (default: only show them).")
    var alert = false

    func run() async throws {
        let configuration = try ConfigurationInput.load(config)
        guard let amount = Double(since.dropLast()), let unit = since.last, let scale = ["d": 86400.0, "h": 3600, "m": 60][String(unit)] else {
            throw ValidationError("--since takes a number and a unit: 7d, 12h, 30m")
        }
        let daemon = try await Daemon(configuration: configuration, logger: ConfigurationInput.logger(level: "error"))
        let outcomes = try await Replay(configuration: configuration, store: daemon.database)
            .run(since: Date().addingTimeInterval(-amount * scale), deliver: alert)
        for outcome in outcomes where !outcome.firing.isEmpty {
            print("\(outcome.firing.joined(separator: ", ")): \(outcome.title)")
        }
        let firing = outcomes.filter { !$0.firing.isEmpty }.count
        print("\(outcomes.count) items since \(since); \(firing) would raise alerts\(alert ? " (queued and delivered)" : " (dry run: nothing sent)")")
        if alert {
            // With a daemon running on this database, it delivers the queued alerts within a second;
            // delivering here too could race it.
            if let lock = try? InstanceLock(database: configuration.storagePath) {
                await daemon.deliverQueuedAlerts()
                withExtendedLifetime(lock) {}
            } else {
                print("a running feedwatch holds this database: it delivers the queued alerts")
            }
        }
        await daemon.database.close()
    }
}

extension InstanceLock {
    /// The lock, or exit 75 (EX_TEMPFAIL) with the reason on stderr.
    static func acquireOrExit(database: String) throws -> InstanceLock {
        do {
            return try InstanceLock(database: database)
        } catch {
            FileHandle.standardError.write(Data("feedwatch: \(error)\n".utf8))
            throw ExitCode(75)
        }
    }
}

extension Daemon {
    /// The daemon over its database, or exit 74 (EX_IOERR) with the reason logged: a database that
    /// cannot be opened (damaged, disk full, no permission) is for the person running feedwatch to fix.
    static func startOrExit(configuration: Configuration, logger: Logger) async throws -> Daemon {
        do {
            return try await Daemon(configuration: configuration, logger: logger)
        } catch {
            logger.critical("cannot start", metadata: ["error": "\(error)"])
            throw ExitCode(74)
        }
    }
}
