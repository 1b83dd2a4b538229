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
}

/// A feed's health after a failed fetch.
public struct FeedHealth: Sendable, Equatable {
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

/// Items per actor and per topic in a window (a day of the digest).
public struct DailyCounts: Sendable, Equatable {
    public var actors: [String: Int]
    public var topics: [String: Int]
}
