import Foundation

// The rows the store takes and gives back, named, so that callers (and a second backend) read
// `actor.salience`, not `$0.3`.

/// One mention of a watched actor in an item: how it was named, and in which sentence.
public struct StoredMention: Sendable, Equatable {
    /// The kind of mention ("name", "alias", "surname", "title", …).
    public var kind: String
    public var form: String
    /// The sentence's index (-1: the title).
    public var sentence: Int

    public init(kind: String, form: String, sentence: Int) {
        self.kind = kind
        self.form = form
        self.sentence = sentence
    }
}

/// A watched actor found in an item.
public struct StoredActor: Sendable, Equatable {
    public var id: String
    public var count: Int
    public var salience: Double
    public var mentions: [StoredMention]

    public init(id: String, count: Int, salience: Double, mentions: [StoredMention]) {
        self.id = id
        self.count = count
        self.salience = salience
        self.mentions = mentions
    }
}

/// A topic whose rule matched an item, and the sentences that matched.
public struct StoredTopic: Sendable, Equatable {
    public var id: String
    public var sentences: [Int]

    public init(id: String, sentences: [Int]) {
        self.id = id
        self.sentences = sentences
    }
}

/// A quotation and who said it: a watched actor's id, or the name as written, or neither.
public struct StoredQuote: Sendable, Equatable {
    public var text: String
    public var speakerActor: String?
    public var speakerText: String?
    public var verb: String?
    public var sentence: Int

    public init(text: String, speakerActor: String?, speakerText: String?, verb: String?, sentence: Int) {
        self.text = text
        self.speakerActor = speakerActor
        self.speakerText = speakerText
        self.verb = verb
        self.sentence = sentence
    }
}

/// Two watched actors named in the same item, and how often together.
public struct StoredCoMention: Sendable, Equatable {
    public var a: String
    public var b: String
    public var count: Int

    public init(a: String, b: String, count: Int) {
        self.a = a
        self.b = b
        self.count = count
    }
}

/// What tells one item from another and one version of it from the next.
public struct ItemFingerprint: Sendable, Equatable {
    public var identity: String
    public var contentHash: String

    public init(identity: String, contentHash: String) {
        self.identity = identity
        self.contentHash = contentHash
    }
}

/// How many of a feed's items were stored as new, and how many again as changed.
public struct StoredCounts: Sendable, Equatable {
    public var new: Int
    public var updated: Int
    /// Item alerts not raised because their rule had already alerted the item's story.
    public var sameStory = 0
    /// The alerts raised (not those raised before under the same key).
    public var raised: [RaisedAlert] = []

    public init(new: Int, updated: Int, sameStory: Int = 0) {
        self.new = new
        self.updated = updated
        self.sameStory = sameStory
    }
}

/// A feed's health after a failed fetch.
public struct FeedHealth: Sendable, Equatable, CustomStringConvertible {
    public var description: String { broken ? (newlyBroken ? "newly broken" : "broken") : "not yet broken" }

    /// Failing for longer than `brokenAfter`.
    public var broken: Bool
    /// Broken by this failure (it was not before): time for a "feed broken" alert.
    public var newlyBroken: Bool
}

/// An actor and the number of items (and mentions) naming it.
public struct ActorTally: Sendable, Equatable {
    public var id: String
    public var items: Int
    public var mentions: Int
}

/// A topic and the number of items matching it.
public struct TopicTally: Sendable, Equatable {
    public var id: String
    public var items: Int
}

/// A rule's alerts held back by its hourly limit, to be summarised.
public struct HeldBackAlerts: Sendable, Equatable {
    public var rule: String
    public var payloads: [String]
}

/// Alerts and deliveries by state, for `status`, the metrics and the tests.
public struct AlertCounts: Sendable, Equatable {
    public var alerts: Int
    public var pending: Int
    public var delivered: Int
    public var failed: Int
    public var grouped: Int
}

/// Alerts raised (in one cycle for `once`, all time for `status`), counted the same way everywhere:
/// alerts on items (`item` and `story-update`: one per rule and item), of which a rule's
/// `maxPerHour` held some back for a summary; the summaries; and feed-health alerts.
public struct RaisedAlerts: Sendable, Equatable {
    public var raised: Int
    public var heldBack: Int
    public var summaries = 0
    public var feedHealth = 0

    public init(raised: Int, heldBack: Int, summaries: Int = 0, feedHealth: Int = 0) {
        self.raised = raised
        self.heldBack = heldBack
        self.summaries = summaries
        self.feedHealth = feedHealth
    }

    /// "5 raised (2 held back by hourly limits, sent in 1 summary), 1 feed-health alert".
    public var phrase: String {
        var text = "\(raised) raised"
        if heldBack > 0 {
            text += " (\(heldBack) held back by hourly limits"
            text += summaries > 0 ? ", sent in \(summaries) \(summaries == 1 ? "summary" : "summaries"))" : ")"
        }
        if feedHealth > 0 { text += ", \(feedHealth) feed-health alert\(feedHealth == 1 ? "" : "s")" }
        return text
    }
}

/// The figures the metrics refresh every 15 s.
public struct MetricsCounts: Sendable, Equatable {
    public var feeds: Int
    public var brokenFeeds: Int
    public var items: Int
    public var pendingDeliveries: Int
    public var failedDeliveries: Int
}

/// Stories per actor and per topic in a window (a day of the digest).
public struct DailyCounts: Sendable, Equatable {
    public var actors: [String: Int]
    public var topics: [String: Int]
}

public enum ItemNovelty: Sendable, Equatable { case new, updated, unchanged }

/// A feed as the configuration lists it.
public struct FeedSpec: Sendable, Equatable {
    public var url: String
    public var name: String?
    /// Seconds between polls as configured (bounds applied); when it changes, the next poll moves
    /// up to at most this far from now. nil: not known (the next poll is left as it is).
    public var interval: TimeInterval?
    /// The host the per-host limit counts it under (the fetcher's key); nil: the URL stands for it.
    public var host: String?

    public init(url: String, name: String? = nil, interval: TimeInterval? = nil, host: String? = nil) {
        self.url = url
        self.name = name
        self.interval = interval
        self.host = host
    }
}

/// A feed's stored state.
public struct FeedState: Sendable, Equatable {
    public var id: Int64
    /// The URL in the configuration (the feed's identity) and the one fetched now (after permanent redirects).
    public var configURL: String
    public var url: String
    public var name: String?
    public var etag: String?
    public var lastModified: String?
    public var nextDue: Date
    public var consecutiveErrors: Int
    public var lastError: String?
    public var lastSuccess: Date?
    public var failingSince: Date?
    public var broken: Bool
    public var itemsSeen: Int
    public var lastStatus: Int?
    public var polls: Int
}

/// An item ready to store, with what the extractor found in it.
public struct StoredItem: Sendable {
    public var identity: String
    public var title: String?
    public var link: String?
    public var published: Date?
    public var contentHash: String
    public var text: String
    public var actors: [StoredActor]
    public var topics: [StoredTopic]
    public var quotes: [StoredQuote]
    public var coMentions: [StoredCoMention]
    /// The categories the item carries (terms and labels), for rules and `replay`.
    public var categories: [String] = []
    /// Alerts the rules raise for this item, stored with it.
    public var alerts: [PendingAlert] = []
    /// The story it belongs to (`stories(feed:items:matching:at:)`); a rule alerts once per story.
    public var storyID: Int64?

    public init(
        identity: String, title: String?, link: String?, published: Date?, contentHash: String, text: String,
        actors: [StoredActor] = [], topics: [StoredTopic] = [], quotes: [StoredQuote] = [],
        coMentions: [StoredCoMention] = []
    ) {
        self.identity = identity
        self.title = title
        self.link = link
        self.published = published
        self.contentHash = contentHash
        self.text = text
        self.actors = actors
        self.topics = topics
        self.quotes = quotes
        self.coMentions = coMentions
    }
}

public struct StoreCounts: Sendable, Equatable {
    public var feeds: Int
    public var items: Int
    public var itemsWithActors: Int
    public var mentions: Int
    public var quotes: Int
    public var brokenFeeds: Int
}

/// A stored item read back (for replay and explain).
public struct StoredItemRecord: Sendable {
    public var id: Int64
    public var feedID: Int64
    public var feedURL: String
    public var identity: String
    public var title: String?
    public var link: String?
    public var published: Date?
    public var contentHash: String
    public var text: String
    public var firstSeen: Date
    /// The item's categories, and its feed document's own (as last polled).
    public var categories: [String] = []
    public var feedCategories: [String] = []
}

/// An alert a poll raised: its rule, kind and item (identity in its feed); `held` when the rule's
/// hourly limit keeps it for a summary.
public struct RaisedAlert: Sendable, Equatable {
    public var rule: String
    public var kind: AlertKind
    public var item: String
    public var held: Bool
}
