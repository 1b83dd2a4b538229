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
    /// The watched actor who spoke, when it is one.
    public var actor: String?
    /// The speaker as the text names them ("Putin", "a Kremlin spokesman").
    public var text: String
}

public struct Quote: Codable, Sendable, Equatable {
    public var text: String
    public var speaker: Speaker?
    public var verb: String?
    public var sentence: Int
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
}
