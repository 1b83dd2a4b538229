import FeedCore
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
    /// The JSON form (`docs/digest.schema.json`): ISO 8601 times in the digest's time zone, absent
    /// optionals left out. Written by hand: a day of 50,000 stories through `JSONEncoder` took a
    /// second and 100 MB; this takes a tenth of that.
    func jsonBytes() -> [UInt8] {
        let local = LocalTime(TimeZone(identifier: timezone) ?? .gmt)
        var out = JSONText(reservingCapacity: 4096 + stories.count * 300 + glance.count * 200)
        func time(_ date: Date) -> (inout JSONText) -> Void { { $0.string(local.iso(date)) } }
        func strings(_ list: [String]) -> (inout JSONText) -> Void { { $0.array(list) { $0.string($1) } } }
        func numbers(_ list: [Int]) -> (inout JSONText) -> Void { { $0.array(list) { $0.number($1) } } }
        out.object { out in
            out.field("schema") { $0.string(schema) }
            out.field("date") { $0.string(date) }
            out.field("timezone") { $0.string(timezone) }
            out.field("window") {
                $0.object {
                    $0.field("start", time(window.start)); $0.field("end", time(window.end))
                }
            }
            out.field("historyDays") { $0.number(historyDays) }
            out.field("counts") {
                $0.object { out in
                    for (name, value) in [
                        ("items", counts.items), ("olderItems", counts.olderItems), ("stories", counts.stories),
                        ("watchedStories", counts.watchedStories), ("feeds", counts.feeds), ("alerts", counts.alerts),
                        ("quotes", counts.quotes),
                    ] { out.field(name) { $0.number(value) } }
                }
            }
            out.field("glance") {
                $0.array(glance) { out, trend in
                    out.object { out in
                        out.field("kind") { $0.string(trend.kind.rawValue) }
                        out.field("id") { $0.string(trend.id) }
                        out.field("name") { $0.string(trend.name) }
                        out.field("stories") { $0.number(trend.stories) }
                        if let baseline = trend.baseline { out.field("baseline") { $0.number(baseline) } }
                        if let change = trend.change { out.field("change") { $0.number(change) } }
                        out.field("history", numbers(trend.history))
                        out.field("spike") { $0.bool(trend.spike) }
                    }
                }
            }
            out.field("stories") {
                $0.array(stories) { out, story in
                    out.object { out in
                        out.field("number") { $0.number(story.number) }
                        out.field("title") { $0.string(story.title) }
                        if let link = story.link { out.field("link") { $0.string(link) } }
                        out.field("time", time(story.time))
                        out.field("snippet") { $0.string(story.snippet) }
                        out.field("outlets") {
                            $0.array(story.outlets) { out, outlet in
                                out.object { out in
                                    out.field("feed") { $0.string(outlet.feed) }
                                    out.field("title") { $0.string(outlet.title) }
                                    if let link = outlet.link { out.field("link") { $0.string(link) } }
                                    if let published = outlet.published { out.field("published", time(published)) }
                                    out.field("seen", time(outlet.seen))
                                }
                            }
                        }
                        out.field("actors", strings(story.actors))
                        out.field("topics", strings(story.topics))
                        out.field("rules", strings(story.rules))
                    }
                }
            }
            for (name, sections) in [("actors", actors), ("topics", topics)] {
                out.field(name) {
                    $0.array(sections) { out, section in
                        out.object { out in
                            out.field("id") { $0.string(section.id) }
                            out.field("name") { $0.string(section.name) }
                            out.field("stories", numbers(section.stories))
                            out.field("items") { $0.number(section.items) }
                            out.field("with") {
                                $0.array(section.with) { out, related in
                                    out.object { out in
                                        out.field("id") { $0.string(related.id) }
                                        out.field("name") { $0.string(related.name) }
                                        out.field("stories") { $0.number(related.stories) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            out.field("quotes") {
                $0.array(quotes) { out, quote in
                    out.object { out in
                        out.field("text") { $0.string(quote.text) }
                        out.field("speaker") { $0.string(quote.speaker) }
                        if let actor = quote.speakerActor { out.field("speakerActor") { $0.string(actor) } }
                        if let verb = quote.verb { out.field("verb") { $0.string(verb) } }
                        out.field("story") { $0.number(quote.story) }
                        out.field("feed") { $0.string(quote.feed) }
                        if let link = quote.link { out.field("link") { $0.string(link) } }
                    }
                }
            }
            out.field("alerts") {
                $0.array(alerts) { out, rule in
                    out.object { out in
                        out.field("rule") { $0.string(rule.rule) }
                        out.field("alerts") { $0.number(rule.alerts) }
                        out.field("kinds") {
                            $0.object { out in
                                for (kind, count) in rule.kinds.sorted(by: { $0.key < $1.key }) { out.field(kind) { $0.number(count) } }
                            }
                        }
                        out.field("stories", numbers(rule.stories))
                    }
                }
            }
        }
        out.newline()
        return out.bytes
    }

    /// Reads a JSON digest back.
    public static func decode(_ data: Data) throws -> Digest {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(Digest.self, from: data)
    }
}
