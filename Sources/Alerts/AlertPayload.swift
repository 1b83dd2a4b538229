import FeedCore
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
        /// The item's categories, when it has any (left out otherwise).
        public var categories: [String]?

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(title, forKey: .title)
            try container.encode(link, forKey: .link)
            try container.encode(published, forKey: .published)
            try container.encodeIfPresent(categories, forKey: .categories)
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

    /// The JSON text the sinks receive: keys sorted, slashes and non-ASCII as they are (what
    /// `JSONEncoder` with `.sortedKeys, .withoutEscapingSlashes` writes, which a test holds it to),
    /// written by hand because the encoder cost more than extracting the item.
    public var json: String {
        var out = JSONText()
        out.object { o in
            if let actors { o.field("actors") { $0.array(actors) { a, actor in a.object { actor.write(into: &$0) } } } }
            if let at { o.field("at") { $0.string(at) } }
            if let coMentions {
                o.field("coMentions") {
                    $0.array(coMentions) { a, pair in
                        a.object {
                            $0.field("a") { $0.string(pair.a) }
                            $0.field("b") { $0.string(pair.b) }
                            $0.field("count") { $0.number(pair.count) }
                        }
                    }
                }
            }
            if let count { o.field("count") { $0.number(count) } }
            if let error { o.field("error") { $0.string(error) } }
            if let feed {
                o.field("feed") {
                    $0.object {
                        $0.field("name") { $0.string(feed.name) }
                        $0.field("tags") { $0.array(feed.tags) { $0.string($1) } }
                        $0.field("url") { $0.string(feed.url) }
                    }
                }
            }
            o.field("idempotencyKey") { $0.string(idempotencyKey) }
            if let item { o.field("item") { item.write(into: &$0) } }
            if let items { o.field("items") { $0.array(items) { $1.write(into: &$0) } } }
            o.field("kind") { $0.string(kind) }
            if let quotes {
                o.field("quotes") {
                    $0.array(quotes) { a, quote in
                        a.object {
                            $0.field("speaker") { $0.string(quote.speaker) }
                            $0.field("text") { $0.string(quote.text) }
                            $0.field("verb") { $0.string(quote.verb) }
                        }
                    }
                }
            }
            o.field("rule") { $0.string(rule) }
            if let story {
                o.field("story") {
                    $0.object {
                        $0.field("id") { $0.number(Int(story.id)) }
                        $0.field("outlets") {
                            $0.array(story.outlets) { a, outlet in
                                a.object {
                                    $0.field("feed") { $0.string(outlet.feed) }
                                    $0.field("link") { $0.string(outlet.link) }
                                    $0.field("name") { $0.string(outlet.name) }
                                    $0.field("seen") { $0.string(outlet.seen) }
                                }
                            }
                        }
                    }
                }
            }
            if let topics {
                o.field("topics") {
                    $0.array(topics) { a, topic in
                        a.object {
                            $0.field("id") { $0.string(topic.id) }
                            $0.field("name") { $0.string(topic.name) }
                            $0.field("snippets") { $0.array(topic.snippets) { $0.string($1) } }
                        }
                    }
                }
            }
        }
        return out.text
    }

    /// A stored payload read back (for summaries); nil if it is not one.
    public init?(json: String) {
        guard let payload = try? JSONDecoder().decode(AlertPayload.self, from: Data(json.utf8)) else { return nil }
        self = payload
    }
}

extension AlertPayload.Item {
    fileprivate func write(into out: inout JSONText) {
        out.object {
            if let categories { $0.field("categories") { $0.array(categories) { $0.string($1) } } }
            $0.field("id") { $0.string(id) }
            $0.field("link") { $0.string(link) }
            $0.field("published") { if let published { $0.string(published) } else { $0.null() } }
            $0.field("title") { $0.string(title) }
        }
    }
}

extension AlertPayload.Actor {
    fileprivate func write(into out: inout JSONText) {
        out.field("count") { $0.number(count) }
        out.field("id") { $0.string(id) }
        out.field("name") { $0.string(name) }
        out.field("salience") { $0.number(salience) }
        out.field("snippets") { $0.array(snippets) { $0.string($1) } }
    }
}
