import Extractor
import FeedCore
import FeedParser
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// feedwatch's configuration: one JSON file (see `config.schema.json`).
public struct Configuration: Sendable {
    public struct Feed: Sendable, Equatable {
        public var url: String
        public var name: String?
        public var tags: [String]
        /// Poll interval for this feed; the schedule's default when nil.
        public var interval: TimeInterval?
        /// Fetch each item's page and extract its main text (for feeds that carry only teasers).
        public var fullText: Bool
        public var allowFile: Bool
        public var verifyTLS: Bool
        /// The feed's guids change on every fetch: identify items by link (or title and date) instead.
        public var rotatingGuids: Bool

        public init(
            url: String, name: String? = nil, tags: [String] = [], interval: TimeInterval? = nil, fullText: Bool = false,
            allowFile: Bool = false, verifyTLS: Bool = true, rotatingGuids: Bool = false
        ) {
            self.url = url
            self.name = name
            self.tags = tags
            self.interval = interval
            self.fullText = fullText
            self.allowFile = allowFile
            self.verifyTLS = verifyTLS
            self.rotatingGuids = rotatingGuids
        }

        /// A feed of an OPML list, with the defaults.
        public init(listed feed: OPML.Feed) {
            self.init(url: feed.url, name: feed.name, tags: feed.tags)
        }
    }

    public struct Schedule: Sendable, Equatable {
        public var interval: TimeInterval = 15 * 60
        public var minInterval: TimeInterval = 5 * 60
        public var maxInterval: TimeInterval = 6 * 3600
        /// After errors, the interval doubles up to this cap; the feed is retried at the cap for ever.
        public var backoffCap: TimeInterval = 6 * 3600
        /// A feed failing for this long is marked broken (and recovered when it answers again).
        public var brokenAfter: TimeInterval = 24 * 3600
        /// Each next poll moves by up to this share of its interval, so feeds spread out.
        public var jitter: Double = 0.1
    }

    public struct Sink: Sendable, Equatable {
        public enum Kind: String, Sendable { case jsonl, webhook, command, stdout, email }

        /// An email sink's addresses and credentials (the SMTP server is `url`).
        public struct Email: Sendable, Equatable {
            public var from: String
            public var to: [String]
            /// For `smtp://`: insist on STARTTLS (default); `smtps://` is TLS from the start.
            public var starttls = true
            public var username: String?
            /// Read from `passwordEnv` or `passwordFile` when the configuration is loaded; never logged.
            public var password: String?
            /// One message per delivery round listing its alerts, instead of one per alert.
            public var batch = false
            /// Also mail each day's digest (Markdown as the text, HTML inline) at the digest's time.
            public var digest = false

            public init(from: String, to: [String]) {
                self.from = from
                self.to = to
            }
        }
        public var id: String
        public var kind: Kind
        public var path: String?
        public var url: String?
        public var command: [String]?
        public var timeout: TimeInterval
        /// The first retry's delay; each further one doubles it, up to an hour.
        public var retryDelay: TimeInterval = 5
        public var email: Email?

        public init(
            id: String, kind: Kind, path: String? = nil, url: String? = nil, command: [String]? = nil,
            timeout: TimeInterval = 10, retryDelay: TimeInterval = 5
        ) {
            self.id = id
            self.kind = kind
            self.path = path
            self.url = url
            self.command = command
            self.timeout = timeout
            self.retryDelay = retryDelay
        }
    }

    public struct Rule: Sendable, Equatable {
        public var id: String
        public var actors: [String]
        public var topics: [String]
        /// "any": one listed actor or topic is enough; "all": every one must appear.
        public var match: MatchMode
        /// Only items of feeds configured with one of these tags.
        public var tags: [String]
        /// Only items that carry one of these categories (their terms or labels, any case).
        public var categories: [String] = []
        /// Only items of feeds whose document gives itself one of these categories.
        public var feedTags: [String] = []
        public var minSalience: Double
        public var sinks: [String]
        public var maxPerHour: Int?
        public var onUpdate: Bool
        /// Also deliver "feed broken" and "feed recovered" alerts (for feeds with the rule's tags).
        public var feedHealth: Bool = false
        /// Also raise a `story-update` alert when another outlet carries a story the rule has alerted
        /// (by default the rule alerts once per story and later copies are only recorded).
        public var storyUpdates: Bool = false
    }

    public struct Digest: Sendable, Equatable {
        public var time: String = "07:00"
        public var timezone: String = "UTC"
        public var folder: String
        public var formats: [DigestFormat] = DigestFormat.allCases
        /// `digest.mode`: permissions of the files written (nil: as the umask leaves them).
        public var mode: Int?
        /// `digest.group`: the group the files are given (the service must be a member: README,
        /// "Reading digests under systemd"), and its id.
        public var group: String?
        public var groupID: UInt32?

        public init(folder: String) { self.folder = folder }

        /// The id of a group by name (or a number), if the machine has it.
        public static func groupID(_ name: String) -> UInt32? {
            if let number = UInt32(name) { return number }
            guard let entry = getgrnam(name) else { return nil }
            return entry.pointee.gr_gid
        }
    }

    public var path: String
    /// The SQLite database (`storage.path`); unused when `storage.postgresURL` is set.
    public var storagePath: String
    public var storage = Storage()
    /// This process's name among instances sharing a PostgreSQL database (`instance`, or `run
    /// --instance`; the host name by default): its leases carry it.
    public var instance = ProcessInfo.processInfo.hostName
    public var feeds: [Feed]
    public var watchlist: Watchlist
    public var schedule = Schedule()
    public var fetch = FetchSettings()
    public var sinks: [Sink] = []
    public var rules: [Rule] = []
    /// `alerts.backfill` (default quiet: a feed's first successful poll raises no alerts).
    public var backfill = BackfillMode.quiet
    /// `alerts.maxAgeHours`: an item published longer than this before it was first seen raises no
    /// alert (nil: no limit, `maxAgeHours: 0`).
    public var alertMaxAge: TimeInterval? = 48 * 3600
    /// `alerts.storyWindowHours`: how far back an item is compared with others to find its story
    /// (nil: `storyWindowHours: 0`, every item its own story).
    public var storyWindow: TimeInterval? = 48 * 3600
    public var digest: Digest
    /// Where the Prometheus text-format metrics go (for node_exporter's textfile collector).
    public var metricsFile: String?
    /// Where `run` also serves the metrics over HTTP (loopback only); nil: not served.
    public var metricsListen: MetricsListen?
    public var retentionDays = 90
    public var logLevel = LogLevel.info

    /// A configuration built in code (tests, benchmarks); files go through `load(path:)`.
    public init(path: String, storagePath: String, feeds: [Feed], watchlist: Watchlist, digest: Digest) {
        self.path = path
        self.storagePath = storagePath
        self.feeds = feeds
        self.watchlist = watchlist
        self.digest = digest
    }
}

extension Configuration {
    /// Where the state lives, beside `storagePath`.
    public struct Storage: Sendable, Equatable {
        /// PostgreSQL's URL (libpq's, `sslmode` and the rest honoured); nil: SQLite at `storagePath`.
        public var postgresURL: String?
        /// Where the URL came from, for messages: the file, or the environment variable named.
        public var postgresSource = "$.storage.postgres"
        /// How long a feed or delivery an instance claimed stays its own without a heartbeat.
        public var leaseSeconds: TimeInterval = 60

        public init() {}
    }

    /// The database for people: the SQLite file, or the server's URL without its password.
    public var databaseDescription: String {
        storage.postgresURL.map(URLRedaction.withoutPassword) ?? storagePath
    }
}

extension Configuration {
    /// Valid settings that weaken a safeguard, said by `check-config` and logged when the daemon
    /// starts or reloads, so that nobody runs with one unknowingly.
    public var cautions: [String] {
        var cautions: [String] = []
        if fetch.allowPrivateNetworks {
            cautions.append(
                "fetch.allowPrivateNetworks is on: links and redirects in feeds may reach loopback, private and "
                    + "link-local addresses (this machine, the local network, cloud metadata at 169.254.169.254)")
        }
        for feed in feeds where !feed.verifyTLS {
            cautions.append("\(feed.url): verifyTLS is off: its TLS certificate is not checked")
        }
        return cautions
    }
}

/// One problem in a configuration: where (JSON path and line) and what.
/// One problem of a configuration: where (JSON path and line), and what. A problem with the file
/// itself (missing, unreadable) has no JSON path, and its message names the file.
public struct ConfigProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var message: String
    public var description: String { path.isEmpty ? message : "line \(line): \(path): \(message)" }
}

/// Every problem of a configuration file.
public struct ConfigErrors: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var problems: [ConfigProblem]
    public var description: String { problems.map { $0.path.isEmpty ? "\($0)" : "\(file): \($0)" }.joined(separator: "\n") }
}
