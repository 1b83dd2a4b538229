import Foundation
import Store

/// An alert as every sink receives it: one JSON object (one line in the JSON Lines file, the body
/// of a webhook POST, a command's standard input). Keys are written sorted; absent parts are left
/// out, except an item's `published`, which is `null` when the feed gave no date.
public struct AlertPayload: Codable, Sendable, Equatable {
    public struct Feed: Codable, Sendable, Equatable {
        public var url: String
        public var name: String
        public var tags: [String]

        public init(url: String, name: String, tags: [String]) {
            self.url = url
            self.name = name
            self.tags = tags
        }
    }

    public struct Item: Codable, Sendable, Equatable {
        /// The item's identity in feedwatch (its guid, or its cleaned link).
        public var id: String
        public var title: String
        public var link: String
        /// ISO 8601, or null.
        public var published: String?

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(title, forKey: .title)
            try container.encode(link, forKey: .link)
            try container.encode(published, forKey: .published)
        }

        public init(id: String, title: String, link: String, published: String?) {
            self.id = id
            self.title = title
            self.link = link
            self.published = published
        }
    }

    public struct Actor: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
        public var count: Int
        public var salience: Double
        /// Up to three sentences that mention it.
        public var snippets: [String]

        public init(id: String, name: String, count: Int, salience: Double, snippets: [String]) {
            self.id = id
            self.name = name
            self.count = count
            self.salience = salience
            self.snippets = snippets
        }
    }

    public struct Topic: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
        public var snippets: [String]

        public init(id: String, name: String, snippets: [String]) {
            self.id = id
            self.name = name
            self.snippets = snippets
        }
    }

    public struct Quote: Codable, Sendable, Equatable {
        public var text: String
        /// The watched actor's id, else the speaker's name as written.
        public var speaker: String
        public var verb: String

        public init(text: String, speaker: String, verb: String) {
            self.text = text
            self.speaker = speaker
            self.verb = verb
        }
    }

    public struct CoMention: Codable, Sendable, Equatable {
        public var a: String
        public var b: String
        public var count: Int

        public init(a: String, b: String, count: Int) {
            self.a = a
            self.b = b
            self.count = count
        }
    }

    /// The story an item belongs to: every outlet known to carry it when the alert was raised,
    /// first seen first (the alerting item's own feed last, unless it was first).
    public struct Story: Codable, Sendable, Equatable {
        public struct Outlet: Codable, Sendable, Equatable {
            public var feed: String
            public var name: String
            public var link: String
            /// When feedwatch first saw the outlet's copy (ISO 8601).
            public var seen: String

            public init(feed: String, name: String, link: String, seen: String) {
                self.feed = feed
                self.name = name
                self.link = link
                self.seen = seen
            }
        }

        public var id: Int64
        public var outlets: [Outlet]

        public init(id: Int64, outlets: [Outlet]) {
            self.id = id
            self.outlets = outlets
        }
    }

    public var idempotencyKey: String
    public var rule: String
    /// `AlertKind`'s raw value: "item", "story-update", "feed-broken", "feed-recovered", "group".
    public var kind: String
    public var feed: Feed?
    public var item: Item?
    public var actors: [Actor]?
    public var topics: [Topic]?
    public var quotes: [Quote]?
    public var coMentions: [CoMention]?
    public var story: Story?
    /// When a feed broke or recovered, or a summary was made.
    public var at: String?
    /// Why a feed broke.
    public var error: String?
    /// A summary's count of held-back alerts, and (up to 50 of) their items.
    public var count: Int?
    public var items: [Item]?

    public init(idempotencyKey: String, rule: String, kind: AlertKind) {
        self.idempotencyKey = idempotencyKey
        self.rule = rule
        self.kind = kind.rawValue
    }

    /// The JSON text the sinks receive.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(self)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// A stored payload read back (for summaries); nil if it is not one.
    public init?(json: String) {
        guard let payload = try? JSONDecoder().decode(AlertPayload.self, from: Data(json.utf8)) else { return nil }
        self = payload
    }
}
