/// Which form of an actor's names matched.
public enum MentionKind: String, Codable, Sendable {
    case name, alias, surname, title, demonym, capital
}

public struct Mention: Codable, Sendable, Equatable {
    /// The words as written in the text.
    public var form: String
    public var kind: MentionKind
    /// 0-based sentence index (the title is not a sentence; its mentions have -1).
    public var sentence: Int
    /// UTF-8 byte offsets into `text` (into `title` when `sentence` is -1).
    public var start: Int
    public var end: Int
    public var snippet: String
}

public struct ActorMatch: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var count: Int
    /// 0…1: how central the actor is to the article (title, lead, number of mentions).
    public var salience: Double
    public var mentions: [Mention]
}

public struct TopicMatch: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    /// Indexes of the sentences the topic matched in (-1 for the title).
    public var sentences: [Int]
    public var snippets: [String]
}

public struct Speaker: Codable, Sendable, Equatable {
    /// How the speaker was found.
    public enum Method: String, Codable, Sendable {
        /// Named in the words that introduce the quote ("…," Nielsen said).
        case explicit
        /// A pronoun ("…," she said) resolved to the nearest compatible person named before.
        case pronoun
        /// A quotation with no words of its own that continues the previous one.
        case continuation
        /// A role or a body ("the senator said", "the newspaper wrote"), resolved where the text names it.
        case nominal
    }

    /// The watched actor who spoke, when it is one.
    public var actor: String?
    /// The speaker by the fullest name the text gives ("Kirstjen Nielsen"), or the words that stand
    /// for them when no name is known ("a Kremlin spokesman").
    public var text: String
    public var method: Method
    /// 0…1: how sure the attribution is. Digests and alerts show speakers from `confidentThreshold` up.
    public var confidence: Double
    /// The words as written where they differ from `text` ("she", "Nielsen", "the senator").
    public var mention: String?

    public static let confidentThreshold = 0.6

    /// Sure enough to show a reader: a wrong speaker in a digest is worse than none.
    public var isConfident: Bool { confidence >= Self.confidentThreshold }

    public init(actor: String?, text: String, method: Method = .explicit, confidence: Double = 0.9, mention: String? = nil) {
        self.actor = actor
        self.text = text
        self.method = method
        self.confidence = confidence
        self.mention = mention
    }
}

public struct Quote: Codable, Sendable, Equatable {
    public var text: String
    public var speaker: Speaker?
    public var verb: String?
    public var sentence: Int

    /// The speaker when the attribution is sure enough to show a reader (digests, alerts), else nil.
    public var confidentSpeaker: Speaker? { speaker?.isConfident == true ? speaker : nil }
}

public struct CoMention: Codable, Sendable, Equatable {
    public var a: String
    public var b: String
    /// Sentences in which both appear.
    public var count: Int
}

/// What the extractor found in one article.
public struct ExtractionResult: Codable, Sendable, Equatable {
    public var text: String
    public var actors: [ActorMatch]
    public var topics: [TopicMatch]
    public var quotes: [Quote]
    public var coMentions: [CoMention]
    /// The candidate mentions refused and why; only when asked for (`explain`).
    public var refused: [RefusedMention]?

    public init(
        text: String, actors: [ActorMatch], topics: [TopicMatch], quotes: [Quote], coMentions: [CoMention],
        refused: [RefusedMention]? = nil
    ) {
        self.text = text
        self.actors = actors
        self.topics = topics
        self.quotes = quotes
        self.coMentions = coMentions
        self.refused = refused
    }
}
