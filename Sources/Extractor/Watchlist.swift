import FeedCore
import Foundation

/// What to watch for: actors (people, organisations, countries) and topics (boolean keyword rules).
/// The daemon's configuration embeds the same shape.
public struct Watchlist: Codable, Sendable, Equatable {
    public var actors: [WatchedActor]
    public var topics: [Topic]

    public init(actors: [WatchedActor] = [], topics: [Topic] = []) {
        self.actors = actors
        self.topics = topics
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        actors = try container.decodeIfPresent([WatchedActor].self, forKey: .actors) ?? []
        topics = try container.decodeIfPresent([Topic].self, forKey: .topics) ?? []
    }
}

public enum ActorType: String, Codable, Sendable, CaseIterable {
    case person, organization, country, place, other

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let raw = try container.decode(String.self)
        guard let value = ActorType(rawValue: raw) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription:
                    "\"\(raw)\" is not an actor type; expected one of " + ActorType.allCases.map(\.rawValue).joined(separator: ", "))
        }
        self = value
    }
}

/// One person, organisation or country on the watchlist, with the names it goes by. (Not `Actor`,
/// which is Swift's own and would be hidden in every module that imports this one.)
public struct WatchedActor: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var type: ActorType
    public var aliases: [String]
    public var titles: [String]
    /// A person's surname alone counts as a mention unless this is false (or the surname is ambiguous).
    public var surnameAlias: Bool
    /// A country's capital counts as a mention of it ("Budapest said …").
    public var capitalAsMetonym: Bool
    /// Phrases in whose span a match of this actor does not count ("Turkey dinner").
    public var exclude: [String]
    /// A person's gender, when the text alone may not tell whom "he" or "she" stands for.
    public var gender: Gender?
    /// Words that tell this actor from a homonym; replaces the built-in cues (see `Homonyms`).
    public var cues: ContextCues?

    public enum Gender: String, Codable, Sendable, CaseIterable { case female, male }

    public init(
        id: String, name: String, type: ActorType, aliases: [String] = [], titles: [String] = [],
        surnameAlias: Bool = true, capitalAsMetonym: Bool = false, exclude: [String] = [], gender: Gender? = nil,
        cues: ContextCues? = nil
    ) {
        self.id = id
        self.name = name
        self.type = type
        self.aliases = aliases
        self.titles = titles
        self.surnameAlias = surnameAlias
        self.capitalAsMetonym = capitalAsMetonym
        self.exclude = exclude
        self.gender = gender
        self.cues = cues
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decode(String.self, forKey: .name)
        type = try c.decodeIfPresent(ActorType.self, forKey: .type) ?? .other
        aliases = try c.decodeIfPresent([String].self, forKey: .aliases) ?? []
        titles = try c.decodeIfPresent([String].self, forKey: .titles) ?? []
        surnameAlias = try c.decodeIfPresent(Bool.self, forKey: .surnameAlias) ?? true
        capitalAsMetonym = try c.decodeIfPresent(Bool.self, forKey: .capitalAsMetonym) ?? false
        exclude = try c.decodeIfPresent([String].self, forKey: .exclude) ?? []
        gender = try c.decodeIfPresent(Gender.self, forKey: .gender)
        cues = try c.decodeIfPresent(ContextCues.self, forKey: .cues)
    }
}

public struct Topic: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var query: String

    public init(id: String, name: String, query: String) {
        self.id = id
        self.name = name
        self.query = query
    }
}

/// A problem in a watchlist, with the JSON path of the value at fault.
public struct WatchlistError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var message: String
    /// The line of the value at fault in the watchlist's text, when it was read from one.
    public var line: Int?

    public init(path: String, message: String, line: Int? = nil) {
        self.path = path
        self.message = message
        self.line = line
    }

    public var description: String { (line.map { "line \($0): " } ?? "") + "\(path): \(message)" }
}

extension Watchlist {
    /// Reads and checks a watchlist. Throws every problem at once (`WatchlistErrors`), each with its path.
    /// Unknown keys ("aliasses") are errors with a "did you mean", as are a whole configuration given as
    /// a watchlist and a watchlist with no "actors"; each error names its line.
    public static func load(_ data: Data) throws -> Watchlist {
        let tree: JSONValue.Located
        do {
            tree = try LocatedJSONParser.parse(String(decoding: data, as: UTF8.self))
        } catch let error as JSONSyntaxError {
            throw WatchlistErrors(errors: [
                WatchlistError(path: "$", message: "not JSON: column \(error.column): \(error.message)", line: error.line)
            ])
        }
        return try load(tree: tree)
    }

    /// Checks and decodes a watchlist already parsed (inline in a configuration, or read from its
    /// file): one parse, and each error's line from the same tree.
    public static func load(tree: JSONValue.Located) throws -> Watchlist {
        var problems = WatchlistShape.problems(tree)
        // A whole configuration or a document that is no object: nothing more worth saying.
        if problems.contains(where: { $0.path == "$" }) { throw WatchlistErrors(errors: problems) }
        func located(_ error: WatchlistError) -> WatchlistError {
            var error = error
            error.line = JSONPath.line(of: String(error.path.dropFirst()), in: tree)
            return error
        }
        do {
            let watchlist = try LocatedJSONDecoder().decode(Watchlist.self, from: tree)
            problems += watchlist.validate().map(located)
            if problems.isEmpty { return watchlist }
        } catch let error as DecodingError {
            let decoding = located(WatchlistError(decoding: error))
            if !problems.contains(where: { $0.path == decoding.path }) { problems.append(decoding) }
        }
        throw WatchlistErrors(errors: problems)
    }

    /// Every problem: duplicate or empty ids, empty names and phrases, invalid topic queries.
    public func validate() -> [WatchlistError] {
        var problems: [WatchlistError] = []
        var ids: [String: String] = [:]
        for (i, actor) in actors.enumerated() {
            let path = "$.actors[\(i)]"
            if actor.id.trimmingCharacters(in: .whitespaces).isEmpty { problems.append(.init(path: path + ".id", message: "empty id")) }
            if let first = ids[actor.id] {
                problems.append(.init(path: path + ".id", message: "duplicate id \"\(actor.id)\" (first at \(first))"))
            }
            ids[actor.id] = ids[actor.id] ?? path
            if Normalization.tokens(of: actor.name).isEmpty {
                problems.append(.init(path: path + ".name", message: "a name with no words"))
            }
            for (k, alias) in actor.aliases.enumerated() where Normalization.tokens(of: alias).isEmpty {
                problems.append(.init(path: path + ".aliases[\(k)]", message: "an alias with no words"))
            }
            for (k, title) in actor.titles.enumerated() where Normalization.tokens(of: title).isEmpty {
                problems.append(.init(path: path + ".titles[\(k)]", message: "a title with no words"))
            }
        }
        var topicIDs: [String: String] = [:]
        for (i, topic) in topics.enumerated() {
            let path = "$.topics[\(i)]"
            if topic.id.isEmpty { problems.append(.init(path: path + ".id", message: "empty id")) }
            if let first = topicIDs[topic.id] {
                problems.append(.init(path: path + ".id", message: "duplicate id \"\(topic.id)\" (first at \(first))"))
            }
            topicIDs[topic.id] = topicIDs[topic.id] ?? path
            do { _ = try TopicQuery.parse(topic.query) } catch let error as TopicQueryError {
                problems.append(.init(path: path + ".query", message: error.description))
            } catch {}
        }
        return problems
    }
}

/// All the problems of a watchlist.
public struct WatchlistErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [WatchlistError]
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}

extension WatchlistError {
    init(decoding error: DecodingError) {
        func path(_ codingPath: [any CodingKey]) -> String {
            "$" + codingPath.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }.joined()
        }
        switch error {
        case let .keyNotFound(key, context):
            self.init(path: path(context.codingPath + [key]), message: "missing")
        case let .typeMismatch(type, context):
            self.init(path: path(context.codingPath), message: "expected \(Self.describe(type))")
        case let .valueNotFound(type, context):
            self.init(path: path(context.codingPath), message: "expected \(Self.describe(type)), found null")
        case let .dataCorrupted(context):
            let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            self.init(
                path: path(context.codingPath),
                message: context.underlyingError == nil ? context.debugDescription : underlying ?? context.debugDescription)
        @unknown default:
            self.init(path: "$", message: "\(error)")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Bool.Type: return "true or false"
        case is [String].Type: return "a list of strings"
        case is ActorType.Type: return "one of " + ActorType.allCases.map(\.rawValue).joined(separator: ", ")
        default: return "\(type)"
        }
    }
}
