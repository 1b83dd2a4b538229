import Foundation

/// One local day of news as the daily digest tells it: the day's stories (items grouped as alerts
/// group them, each shown once), how each watched actor and topic moved against its own baseline,
/// quotes of the day and the alerts raised. This is also the JSON digest, whose schema is
/// `docs/digest.schema.json` (`schema` names its version).
public struct Digest: Codable, Sendable, Equatable {
    public static let schemaVersion = "feedwatch-digest/2"

    public struct Window: Codable, Sendable, Equatable {
        public var start: Date
        public var end: Date
    }

    public struct Counts: Codable, Sendable, Equatable {
        /// Items first seen in the window (old news aside).
        public var items: Int
        /// Items first seen in the window but published more than `alerts.maxAgeHours` earlier: left out.
        public var olderItems: Int
        /// Stories among `items` (an item alone is a story of one).
        public var stories: Int
        /// Stories that name a watched actor or topic: those listed.
        public var watchedStories: Int
        /// Feeds the listed stories came from.
        public var feeds: Int
        public var alerts: Int
        public var quotes: Int
    }

    /// A watched actor or topic's day against its own past: the "at a glance" table.
    public struct Trend: Codable, Sendable, Equatable {
        public enum Kind: String, Codable, Sendable { case actor, topic }
        public var kind: Kind
        public var id: String
        public var name: String
        public var stories: Int
        /// Average stories a day over the previous days of history (at most 14); nil without history.
        public var baseline: Double?
        /// `stories - baseline`; nil without history.
        public var change: Double?
        /// Stories a day over 14 days, oldest first, this day last.
        public var history: [Int]
        /// Well above the baseline, with enough history to say so (README, "The daily digest").
        public var spike: Bool
    }

    /// One feed's copy of a story.
    public struct Outlet: Codable, Sendable, Equatable {
        public var feed: String
        public var title: String
        public var link: String?
        public var published: Date?
        public var seen: Date
    }

    public struct Story: Codable, Sendable, Equatable {
        /// Its place in the digest (1 = leading story); anchors and lists refer to it.
        public var number: Int
        public var title: String
        public var link: String?
        /// When it was published (its earliest copy), else first seen.
        public var time: Date
        /// The sentence of its best copy that names its most salient watched actor or topic.
        public var snippet: String
        public var outlets: [Outlet]
        /// Ids of the watched actors and topics it names.
        public var actors: [String]
        public var topics: [String]
        /// Rules that alerted on it this day.
        public var rules: [String]
    }

    /// What a watched actor or topic did this day: its stories, all of them, best first.
    public struct Section: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
        /// Story numbers, best first.
        public var stories: [Int]
        public var items: Int
        /// Actors in the same stories, most shared first (at most five).
        public var with: [Related]
    }

    public struct Related: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
        public var stories: Int
    }

    public struct Quote: Codable, Sendable, Equatable {
        public var text: String
        public var speaker: String
        /// The watched actor who said it, when one did.
        public var speakerActor: String?
        public var verb: String?
        public var story: Int
        public var feed: String
        public var link: String?
    }

    /// The alerts one rule raised this day.
    public struct RuleAlerts: Codable, Sendable, Equatable {
        public var rule: String
        public var alerts: Int
        /// Alerts by kind (`item`, `story-update`, `feed-broken`, `feed-recovered`).
        public var kinds: [String: Int]
        /// The numbers of the stories it alerted on.
        public var stories: [Int]
    }

    public var schema = Digest.schemaVersion
    public var date: String
    public var timezone: String
    public var window: Window
    /// Days of history before this one (at most 14): baselines and spikes need some.
    public var historyDays: Int
    public var counts: Counts
    public var glance: [Trend]
    public var stories: [Story]
    public var actors: [Section]
    public var topics: [Section]
    public var quotes: [Quote]
    public var alerts: [RuleAlerts]
}

extension Digest {
    /// The JSON form: ISO 8601 times in the digest's time zone, keys sorted, slashes as they are.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: timezone) ?? .gmt
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(formatter.string(from: date))
        }
        return try encoder.encode(self)
    }

    /// Reads a JSON digest back.
    public static func decode(_ data: Data) throws -> Digest {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(Digest.self, from: data)
    }
}
