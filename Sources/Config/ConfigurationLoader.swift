import Extractor
import FeedCore
import FeedParser
import Foundation

extension Configuration {
    /// Reads and checks a configuration file. Throws `ConfigErrors` with every problem at once, each with
    /// its JSON path and line; relative paths in it are taken from the file's folder.
    public static func load(path: String) throws -> Configuration {
        guard let data = FileManager.default.contents(atPath: path) else {
            var isFolder: ObjCBool = false
            let message =
                !FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
                ? "no such file: \(path)"
                : isFolder.boolValue ? "\(path) is a folder, not a configuration file" : "cannot read \(path): permission denied"
            throw ConfigErrors(file: path, problems: [ConfigProblem(path: "", line: 0, message: message)])
        }
        return try load(text: String(decoding: data, as: UTF8.self), path: path)
    }

    /// Reads and checks a configuration given as text; `path` names it in errors and anchors relative paths.
    public static func load(text: String, path: String) throws -> Configuration {
        let root: JSONValue.Located
        do {
            root = try LocatedJSONParser.parse(text)
        } catch let error as JSONSyntaxError {
            throw ConfigErrors(
                file: path, problems: [ConfigProblem(path: "$", line: error.line, message: "column \(error.column): \(error.message)")])
        }
        var reader = ConfigReader(folder: URL(fileURLWithPath: path).deletingLastPathComponent().path)
        let configuration = reader.configuration(root, path: path)
        if !reader.problems.isEmpty || configuration == nil {
            throw ConfigErrors(file: path, problems: reader.problems)
        }
        return configuration!
    }
}

/// Walks the located JSON tree, collecting every problem instead of stopping at the first.
struct ConfigReader {
    let folder: String
    var problems: [ConfigProblem] = []

    init(folder: String) { self.folder = folder }

    mutating func problem(_ path: String, _ line: Int, _ message: String) {
        problems.append(ConfigProblem(path: path, line: line, message: message))
    }

    mutating func configuration(_ root: JSONValue.Located, path: String) -> Configuration? {
        guard case .object = root.value else { problem("$", root.line, "expected an object"); return nil }
        known(
            root, "$",
            [
                "$comment", "$schema", "storage", "feeds", "opml", "watchlist", "schedule", "fetch", "alerts", "digest",
                "retentionDays", "logLevel", "metrics", "instance",
            ])
        let storage = object(root.value["storage"], "$.storage")
        if let section = root.value["storage"], storage != nil {
            known(section, "$.storage", ["$comment", "path", "postgres", "postgresEnv", "leaseSeconds"])
        }
        let stateDirectory = ProcessInfo.processInfo.environment["STATE_DIRECTORY"]?.split(separator: ":").first.map(String.init)
        let storagePath = resolve(
            string(storage?["path"], "$.storage.path")
                ?? (stateDirectory.map { $0 + "/feedwatch.sqlite" } ?? "feedwatch.sqlite"))
        var feeds = self.feeds(root.value["feeds"])
        if let opml = string(root.value["opml"], "$.opml") {
            do { feeds += try OPML.feeds(fromFile: resolve(opml)).map(Configuration.Feed.init(listed:)) } catch {
                problem("$.opml", root.value["opml"]?.line ?? root.line, "\(error)")
            }
        }
        if feeds.isEmpty, root.value["feeds"] != nil || root.value["opml"] != nil {
            // Problems already said why.
        } else if feeds.isEmpty {
            problem("$.feeds", root.line, "no feeds: list at least one under \"feeds\" (or an \"opml\" file)")
        }
        let watchlist = self.watchlist(root.value["watchlist"])
        var configuration = Configuration(
            path: path, storagePath: storagePath, feeds: feeds, watchlist: watchlist ?? Watchlist(),
            digest: Configuration.Digest(folder: resolve("digests")))
        configuration.storage = self.storage(storage, line: root.value["storage"]?.line ?? root.line)
        if let value = root.value["instance"], let name = string(value, "$.instance", required: true) {
            if name.count > 64 || name.contains(where: { $0.isWhitespace || $0.isNewline }) {
                problem("$.instance", value.line, "an instance's name is one word of at most 64 characters")
            } else {
                configuration.instance = name
            }
        }
        schedule(root.value["schedule"], into: &configuration.schedule)
        fetch(root.value["fetch"], into: &configuration)
        alerts(root.value["alerts"], into: &configuration, watchlist: watchlist ?? Watchlist())
        digest(root.value["digest"], into: &configuration.digest)
        if let days = int(root.value["retentionDays"], "$.retentionDays", range: 1...36_500) { configuration.retentionDays = days }
        configuration.metricsFile =
            URL(fileURLWithPath: storagePath).deletingLastPathComponent().appendingPathComponent("feedwatch.prom").path
        if let metrics = object(root.value["metrics"], "$.metrics") {
            known(root.value["metrics"]!, "$.metrics", ["file", "listen"])
            if let file = string(metrics["file"], "$.metrics.file") { configuration.metricsFile = resolve(file) }
            if let listen = string(metrics["listen"], "$.metrics.listen") {
                switch MetricsListen.parse(listen) {
                case .success(let address): configuration.metricsListen = address
                case .failure(let error): problem("$.metrics.listen", metrics["listen"]!.line, error.description)
                }
            }
        }
        if let level: LogLevel = choice(root.value["logLevel"], "$.logLevel") { configuration.logLevel = level }
        return configuration
    }

    // MARK: Sections

    /// `storage.postgres` (a URL) or `storage.postgresEnv` (the environment variable holding one,
    /// so that the password stays out of the file); neither: SQLite at `storage.path`.
    mutating func storage(_ section: JSONValue?, line: Int) -> Configuration.Storage {
        var storage = Configuration.Storage()
        guard let section else { return storage }
        let url = string(section["postgres"], "$.storage.postgres", required: section["postgres"] != nil)
        let variable = string(section["postgresEnv"], "$.storage.postgresEnv", required: section["postgresEnv"] != nil)
        if url != nil, variable != nil {
            problem("$.storage", line, "give \"postgres\" or \"postgresEnv\", not both")
        } else if let url {
            storage.postgresURL = url
        } else if let variable {
            if let value = ProcessInfo.processInfo.environment[variable], !value.isEmpty {
                storage.postgresURL = value
                storage.postgresSource = "environment variable \(variable)"
            } else {
                problem("$.storage.postgresEnv", section["postgresEnv"]!.line, "the environment variable \(variable) is not set")
            }
        }
        if let postgres = storage.postgresURL, !(postgres.hasPrefix("postgresql://") || postgres.hasPrefix("postgres://")) {
            let place = section["postgres"] != nil ? "$.storage.postgres" : "$.storage.postgresEnv"
            problem(place, (section["postgres"] ?? section["postgresEnv"])!.line, "expected a postgresql:// URL")
            storage.postgresURL = nil
        }
        if let lease = double(section["leaseSeconds"], "$.storage.leaseSeconds", range: 10...3600) { storage.leaseSeconds = lease }
        return storage
    }

    mutating func feeds(_ value: JSONValue.Located?) -> [Configuration.Feed] {
        guard let value else { return [] }
        guard case let .array(items) = value.value else { problem("$.feeds", value.line, "expected a list of feeds"); return [] }
        var feeds: [Configuration.Feed] = []
        var seen: [String: String] = [:]
        for (i, item) in items.enumerated() {
            let path = "$.feeds[\(i)]"
            guard object(item, path) != nil else { continue }
            known(item, path, ["url", "name", "tags", "intervalMinutes", "fullText", "allowFile", "verifyTLS", "rotatingGuids"])
            guard let url = string(item.value["url"], path + ".url", required: true, line: item.line) else { continue }
            let allowFile = bool(item.value["allowFile"], path + ".allowFile") ?? false
            let lower = url.lowercased()
            if !(lower.hasPrefix("http://") || lower.hasPrefix("https://") || (allowFile && lower.hasPrefix("file://"))) {
                problem(
                    path + ".url", item.value["url"]!.line,
                    lower.hasPrefix("file://") ? "file:// URLs need \"allowFile\": true" : "only http and https URLs are fetched")
                continue
            }
            if let first = seen[url] { problem(path + ".url", item.value["url"]!.line, "the same feed as \(first)") }
            seen[url] = seen[url] ?? path
            let minutes = double(item.value["intervalMinutes"], path + ".intervalMinutes", range: 0.01...10_080)
            feeds.append(
                Configuration.Feed(
                    url: url, name: string(item.value["name"], path + ".name"),
                    tags: strings(item.value["tags"], path + ".tags") ?? [], interval: minutes.map { $0 * 60 },
                    fullText: bool(item.value["fullText"], path + ".fullText") ?? false, allowFile: allowFile,
                    verifyTLS: bool(item.value["verifyTLS"], path + ".verifyTLS") ?? true,
                    rotatingGuids: bool(item.value["rotatingGuids"], path + ".rotatingGuids") ?? false))
        }
        return feeds
    }

    mutating func watchlist(_ value: JSONValue.Located?) -> Watchlist? {
        guard let value else { return Watchlist() }
        let tree: JSONValue.Located
        let base: String
        switch value.value {
        case .string(let file):
            let full = resolve(file)
            guard let contents = FileManager.default.contents(atPath: full) else {
                problem("$.watchlist", value.line, "cannot read \(full)")
                return nil
            }
            do {
                tree = try LocatedJSONParser.parse(String(decoding: contents, as: UTF8.self))
            } catch {
                problem("$.watchlist", value.line, "\(full): \(error)")
                return nil
            }
            base = full + ": $"
        case .object:
            // Inline: the tree this file was parsed into, decoded as it is (no second parse).
            tree = value
            base = "$.watchlist"
        default:
            problem("$.watchlist", value.line, "expected a watchlist object, or the path of a watchlist file")
            return nil
        }
        do {
            return try Watchlist.load(tree: tree)
        } catch let errors as WatchlistErrors {
            for error in errors.errors {
                let relative = String(error.path.dropFirst())
                problem(base + relative, error.line ?? JSONPath.line(of: relative, in: tree), error.message)
            }
        } catch {
            problem("$.watchlist", value.line, "\(error)")
        }
        return nil
    }

    mutating func schedule(_ value: JSONValue.Located?, into schedule: inout Configuration.Schedule) {
        guard let section = object(value, "$.schedule") else { return }
        known(
            value!, "$.schedule",
            [
                "intervalMinutes", "minIntervalMinutes", "maxIntervalMinutes", "backoffCapMinutes",
                "brokenAfterHours", "jitterPercent",
            ])
        if let m = double(section["intervalMinutes"], "$.schedule.intervalMinutes", range: 0.01...10_080) { schedule.interval = m * 60 }
        if let m = double(section["minIntervalMinutes"], "$.schedule.minIntervalMinutes", range: 0...10_080) {
            schedule.minInterval = m * 60
        }
        if let m = double(section["maxIntervalMinutes"], "$.schedule.maxIntervalMinutes", range: 1...100_000) {
            schedule.maxInterval = m * 60
        }
        if let m = double(section["backoffCapMinutes"], "$.schedule.backoffCapMinutes", range: 1...100_000) { schedule.backoffCap = m * 60 }
        if let h = double(section["brokenAfterHours"], "$.schedule.brokenAfterHours", range: 0...10_000) { schedule.brokenAfter = h * 3600 }
        if let p = double(section["jitterPercent"], "$.schedule.jitterPercent", range: 0...50) { schedule.jitter = p / 100 }
        if schedule.minInterval > schedule.maxInterval {
            problem("$.schedule.minIntervalMinutes", value!.line, "larger than maxIntervalMinutes")
        }
    }

    mutating func fetch(_ value: JSONValue.Located?, into configuration: inout Configuration) {
        guard let section = object(value, "$.fetch") else { return }
        known(
            value!, "$.fetch",
            [
                "concurrency", "perHost", "timeoutSeconds", "connectTimeoutSeconds", "maxBodyBytes",
                "lowSpeedBytesPerSecond", "lowSpeedSeconds", "maxRedirects", "allowPrivateNetworks",
            ])
        if let n = int(section["concurrency"], "$.fetch.concurrency", range: 1...1024) { configuration.fetch.concurrency = n }
        if let n = int(section["perHost"], "$.fetch.perHost", range: 1...64) { configuration.fetch.perHost = n }
        if let s = double(section["timeoutSeconds"], "$.fetch.timeoutSeconds", range: 1...3600) { configuration.fetch.timeoutSeconds = s }
        if let s = double(section["connectTimeoutSeconds"], "$.fetch.connectTimeoutSeconds", range: 1...600) {
            configuration.fetch.connectTimeoutSeconds = s
        }
        if let n = int(section["maxBodyBytes"], "$.fetch.maxBodyBytes", range: 1024...(1 << 30)) { configuration.fetch.maxBodyBytes = n }
        if let n = int(section["lowSpeedBytesPerSecond"], "$.fetch.lowSpeedBytesPerSecond", range: 1...(1 << 30)) {
            configuration.fetch.lowSpeedBytesPerSecond = n
        }
        if let n = int(section["lowSpeedSeconds"], "$.fetch.lowSpeedSeconds", range: 1...3600) { configuration.fetch.lowSpeedSeconds = n }
        if let n = int(section["maxRedirects"], "$.fetch.maxRedirects", range: 0...20) { configuration.fetch.maxRedirects = n }
        if let allow = bool(section["allowPrivateNetworks"], "$.fetch.allowPrivateNetworks") {
            configuration.fetch.allowPrivateNetworks = allow
        }
    }

    mutating func alerts(_ value: JSONValue.Located?, into configuration: inout Configuration, watchlist: Watchlist) {
        guard let section = object(value, "$.alerts") else { return }
        known(value!, "$.alerts", ["sinks", "rules", "backfill", "maxAgeHours", "storyWindowHours"])
        if let mode: BackfillMode = choice(section["backfill"], "$.alerts.backfill") { configuration.backfill = mode }
        if let hours = double(section["maxAgeHours"], "$.alerts.maxAgeHours", range: 0...1_000_000) {
            configuration.alertMaxAge = hours == 0 ? nil : hours * 3600
        }
        if let hours = double(section["storyWindowHours"], "$.alerts.storyWindowHours", range: 0...10_000) {
            configuration.storyWindow = hours == 0 ? nil : hours * 3600
        }
        if let list = section["sinks"] {
            guard case let .array(items) = list.value else { problem("$.alerts.sinks", list.line, "expected a list"); return }
            for (i, item) in items.enumerated() {
                let path = "$.alerts.sinks[\(i)]"
                guard object(item, path) != nil else { continue }
                known(
                    item, path,
                    [
                        "id", "type", "path", "url", "command", "timeoutSeconds", "retrySeconds", "from", "to", "starttls",
                        "username", "usernameEnv", "passwordEnv", "passwordFile", "batch", "digest",
                    ])
                guard let id = string(item.value["id"], path + ".id", required: true, line: item.line),
                    let type = string(item.value["type"], path + ".type", required: true, line: item.line)
                else { continue }
                guard let kind = Configuration.Sink.Kind(rawValue: type) else {
                    problem(path + ".type", item.value["type"]!.line, "expected jsonl, webhook, command, email or stdout"); continue
                }
                var sink = Configuration.Sink(
                    id: id, kind: kind, path: string(item.value["path"], path + ".path").map(resolve),
                    url: string(item.value["url"], path + ".url"),
                    command: strings(item.value["command"], path + ".command"),
                    timeout: double(item.value["timeoutSeconds"], path + ".timeoutSeconds", range: 1...600) ?? (kind == .email ? 30 : 10))
                if let retry = double(item.value["retrySeconds"], path + ".retrySeconds", range: 0.05...3600) { sink.retryDelay = retry }
                switch kind {
                case .jsonl where sink.path == nil: problem(path + ".path", item.line, "a jsonl sink needs a \"path\"")
                case .webhook where sink.url == nil: problem(path + ".url", item.line, "a webhook sink needs a \"url\"")
                case .command where (sink.command ?? []).isEmpty:
                    problem(path + ".command", item.line, "a command sink needs a \"command\" list")
                case .email: sink.email = email(item, path: path, url: sink.url)
                default: break
                }
                configuration.sinks.append(sink)
            }
        }
        let sinkIDs = Set(configuration.sinks.map(\.id))
        let actorIDs = Set(watchlist.actors.map(\.id)), topicIDs = Set(watchlist.topics.map(\.id))
        if let list = section["rules"] {
            guard case let .array(items) = list.value else { problem("$.alerts.rules", list.line, "expected a list"); return }
            for (i, item) in items.enumerated() {
                let path = "$.alerts.rules[\(i)]"
                guard object(item, path) != nil else { continue }
                known(
                    item, path,
                    [
                        "id", "actors", "topics", "match", "tags", "categories", "feedTags", "minSalience", "sinks", "maxPerHour",
                        "onUpdate", "feedHealth", "storyUpdates",
                    ])
                guard let id = string(item.value["id"], path + ".id", required: true, line: item.line) else { continue }
                let actors = strings(item.value["actors"], path + ".actors") ?? []
                let topics = strings(item.value["topics"], path + ".topics") ?? []
                for (k, actor) in actors.enumerated() where !actorIDs.contains(actor) {
                    problem(path + ".actors[\(k)]", item.value["actors"]!.line, "no actor \"\(actor)\" in the watchlist")
                }
                for (k, topic) in topics.enumerated() where !topicIDs.contains(topic) {
                    problem(path + ".topics[\(k)]", item.value["topics"]!.line, "no topic \"\(topic)\" in the watchlist")
                }
                let sinks = strings(item.value["sinks"], path + ".sinks") ?? []
                for (k, sink) in sinks.enumerated() where !sinkIDs.contains(sink) {
                    problem(path + ".sinks[\(k)]", item.value["sinks"]!.line, "no sink \"\(sink)\" under alerts.sinks")
                }
                configuration.rules.append(
                    Configuration.Rule(
                        id: id, actors: actors, topics: topics, match: choice(item.value["match"], path + ".match") ?? .any,
                        tags: strings(item.value["tags"], path + ".tags") ?? [],
                        categories: strings(item.value["categories"], path + ".categories") ?? [],
                        feedTags: strings(item.value["feedTags"], path + ".feedTags") ?? [],
                        minSalience: double(item.value["minSalience"], path + ".minSalience", range: 0...1) ?? 0,
                        sinks: sinks, maxPerHour: int(item.value["maxPerHour"], path + ".maxPerHour", range: 1...100_000),
                        onUpdate: bool(item.value["onUpdate"], path + ".onUpdate") ?? false,
                        feedHealth: bool(item.value["feedHealth"], path + ".feedHealth") ?? false,
                        storyUpdates: bool(item.value["storyUpdates"], path + ".storyUpdates") ?? false))
            }
        }
    }

    /// An email sink's settings: the server URL's scheme, the addresses, and the credentials, read
    /// now from the environment or a file so that a missing one is reported with the rest.
    mutating func email(_ item: JSONValue.Located, path: String, url: String?) -> Configuration.Sink.Email? {
        guard let url, url.hasPrefix("smtp://") || url.hasPrefix("smtps://") else {
            problem(path + ".url", item.line, "an email sink needs a \"url\": smtp://host:port or smtps://host:port")
            return nil
        }
        let from = string(item.value["from"], path + ".from", required: true, line: item.line)
        let to = strings(item.value["to"], path + ".to") ?? []
        if to.isEmpty { problem(path + ".to", item.value["to"]?.line ?? item.line, "an email sink needs a \"to\" list of addresses") }
        var addresses = to.enumerated().map { (path + ".to[\($0.offset)]", $0.element) }
        if let from { addresses.append((path + ".from", from)) }
        for (where_, address) in addresses where !Self.isAddress(address) {
            problem(where_, item.line, "not an email address: \"\(address)\"")
        }
        guard let from, !to.isEmpty else { return nil }
        var email = Configuration.Sink.Email(from: from, to: to)
        email.starttls = bool(item.value["starttls"], path + ".starttls") ?? true
        email.batch = bool(item.value["batch"], path + ".batch") ?? false
        email.digest = bool(item.value["digest"], path + ".digest") ?? false
        email.username = string(item.value["username"], path + ".username")
        if let name = string(item.value["usernameEnv"], path + ".usernameEnv") {
            email.username = environment(name, path + ".usernameEnv", item.line)
        }
        if let name = string(item.value["passwordEnv"], path + ".passwordEnv") {
            email.password = environment(name, path + ".passwordEnv", item.line)
        }
        if let file = string(item.value["passwordFile"], path + ".passwordFile").map(resolve) {
            if let text = try? String(contentsOfFile: file, encoding: .utf8) {
                email.password = String(text.trimmingCharacters(in: .newlines))
            } else {
                problem(path + ".passwordFile", item.line, "cannot read \(file)")
            }
        }
        if email.password != nil, email.username == nil {
            problem(path + ".username", item.line, "a password is given but no username (username or usernameEnv)")
        }
        return email
    }

    private mutating func environment(_ name: String, _ path: String, _ line: Int) -> String? {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else {
            problem(path, line, "the environment variable \(name) is not set")
            return nil
        }
        return value
    }

    /// Loosely an address: something, "@", a domain; no spaces or angle brackets (they would break the SMTP envelope).
    static func isAddress(_ address: String) -> Bool {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty
            && !address.contains { $0 == " " || $0 == "<" || $0 == ">" || $0 == "\r" || $0 == "\n" || $0 == "," }
    }

    mutating func digest(_ value: JSONValue.Located?, into digest: inout Configuration.Digest) {
        guard let section = object(value, "$.digest") else { return }
        known(value!, "$.digest", ["time", "timezone", "folder", "formats", "mode", "group"])
        if let time = string(section["time"], "$.digest.time") {
            let parts = time.split(separator: ":").compactMap { Int($0) }
            if parts.count == 2, (0...23).contains(parts[0]), (0...59).contains(parts[1]) {
                digest.time = time
            } else {
                problem("$.digest.time", section["time"]!.line, "expected a local time as HH:MM")
            }
        }
        if let zone = string(section["timezone"], "$.digest.timezone") {
            if TimeZone(identifier: zone) != nil {
                digest.timezone = zone
            } else {
                problem("$.digest.timezone", section["timezone"]!.line, "unknown IANA time zone \"\(zone)\"")
            }
        }
        if let folder = string(section["folder"], "$.digest.folder") { digest.folder = resolve(folder) }
        if let formats = strings(section["formats"], "$.digest.formats") {
            digest.formats = formats.enumerated().compactMap { k, format in
                guard let known = DigestFormat(rawValue: format) else {
                    problem("$.digest.formats[\(k)]", section["formats"]!.line, "expected md, html or json")
                    return nil
                }
                return known
            }
        }
        if let mode = string(section["mode"], "$.digest.mode") {
            // Octal as chmod takes it; never writable by others, never executable.
            if mode.count >= 3, mode.count <= 4, let bits = Int(mode, radix: 8), bits & 0o7111 == 0, bits & 0o002 == 0 {
                digest.mode = bits
            } else {
                problem(
                    "$.digest.mode", section["mode"]!.line,
                    "expected file permissions in octal such as \"0640\" (no execute bits, not writable by others)")
            }
        }
        if let group = string(section["group"], "$.digest.group") {
            if let id = Configuration.Digest.groupID(group) {
                digest.group = group
                digest.groupID = id
            } else {
                problem("$.digest.group", section["group"]!.line, "no such group \"\(group)\" on this machine")
            }
        }
    }

    // MARK: Typed reads

    func resolve(_ path: String) -> String {
        path.hasPrefix("/") ? path : URL(fileURLWithPath: folder).appendingPathComponent(path).standardized.path
    }

    mutating func object(_ value: JSONValue.Located?, _ path: String) -> JSONValue? {
        guard let value else { return nil }
        guard case .object = value.value else { problem(path, value.line, "expected an object, found \(value.value.typeName)"); return nil }
        return value.value
    }

    mutating func known(_ value: JSONValue.Located, _ path: String, _ keys: Set<String>) {
        guard case let .object(members) = value.value else { return }
        for (key, member) in members where !keys.contains(key) {
            problem(
                path + "." + key, member.line,
                "unknown setting (known: \(keys.filter { $0 != "$comment" }.sorted().joined(separator: ", ")))")
        }
    }

    mutating func string(_ value: JSONValue.Located?, _ path: String, required: Bool = false, line: Int = 0) -> String? {
        guard let value else {
            if required { problem(path, line, "missing") }
            return nil
        }
        guard case let .string(s) = value.value else {
            problem(path, value.line, "expected a string, found \(value.value.typeName)"); return nil
        }
        if required, s.trimmingCharacters(in: .whitespaces).isEmpty { problem(path, value.line, "empty"); return nil }
        return s
    }

    /// One of a closed set of strings; otherwise a problem that lists them.
    mutating func choice<Choice: RawRepresentable & CaseIterable>(_ value: JSONValue.Located?, _ path: String) -> Choice?
    where Choice.RawValue == String {
        guard let value, let text = string(value, path) else { return nil }
        guard let known = Choice(rawValue: text) else {
            problem(path, value.line, "expected one of \(Choice.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))")
            return nil
        }
        return known
    }

    mutating func strings(_ value: JSONValue.Located?, _ path: String) -> [String]? {
        guard let value else { return nil }
        guard case let .array(items) = value.value else { problem(path, value.line, "expected a list of strings"); return nil }
        var result: [String] = []
        for (i, item) in items.enumerated() {
            if case let .string(s) = item.value { result.append(s) } else { problem("\(path)[\(i)]", item.line, "expected a string") }
        }
        return result
    }

    mutating func bool(_ value: JSONValue.Located?, _ path: String) -> Bool? {
        guard let value else { return nil }
        guard case let .bool(b) = value.value else {
            problem(path, value.line, "expected true or false, found \(value.value.typeName)"); return nil
        }
        return b
    }

    mutating func double(_ value: JSONValue.Located?, _ path: String, range: ClosedRange<Double>) -> Double? {
        guard let value else { return nil }
        guard case let .number(n) = value.value else {
            problem(path, value.line, "expected a number, found \(value.value.typeName)"); return nil
        }
        guard range.contains(n) else {
            problem(path, value.line, "expected a number from \(range.lowerBound) to \(range.upperBound)"); return nil
        }
        return n
    }

    mutating func int(_ value: JSONValue.Located?, _ path: String, range: ClosedRange<Int>) -> Int? {
        guard let n = double(value, path, range: Double(range.lowerBound)...Double(range.upperBound)) else { return nil }
        guard n.rounded() == n else { problem(path, value!.line, "expected a whole number"); return nil }
        return Int(n)
    }
}
