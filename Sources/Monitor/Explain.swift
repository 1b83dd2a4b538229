import Config
import Extractor
import Foundation
import Store

/// Why rules fire or not: the reasoning behind `feedwatch explain` and `replay`.
public struct RuleExplanation: Sendable {
    public var rule: String
    public var fires: Bool
    public var reason: String
}

extension AlertRules {
    func explain(_ rule: Configuration.Rule, actors: [ActorMatch], topics: [TopicMatch], tags: [String]) -> RuleExplanation {
        let fires = self.fires(rule, actors: actors, topics: topics, tags: tags)
        if !rule.tags.isEmpty, Set(rule.tags).isDisjoint(with: tags) {
            return RuleExplanation(rule: rule.id, fires: false, reason: "the feed has none of the tags \(rule.tags.joined(separator: ", "))")
        }
        if rule.actors.isEmpty && rule.topics.isEmpty {
            return RuleExplanation(rule: rule.id, fires: true, reason: "it fires for every item of its feeds")
        }
        var found: [String] = [], missing: [String] = []
        for id in rule.actors {
            if let actor = actors.first(where: { $0.id == id }) {
                if actor.salience >= rule.minSalience { found.append("\(id) (salience \(actor.salience))") }
                else { missing.append("\(id) (salience \(actor.salience) < \(rule.minSalience))") }
            } else { missing.append("\(id) (not mentioned)") }
        }
        for id in rule.topics {
            if topics.contains(where: { $0.id == id }) { found.append("topic \(id)") } else { missing.append("topic \(id) (no match)") }
        }
        let mode = rule.requireAll ? "all of" : "any of"
        let reason = "needs \(mode) its actors and topics; found: \(found.isEmpty ? "none" : found.joined(separator: ", "))"
            + (missing.isEmpty ? "" : "; missing: \(missing.joined(separator: ", "))")
        return RuleExplanation(rule: rule.id, fires: fires, reason: reason)
    }
}

/// `replay`: the current watchlist and rules applied again to stored items.
public struct Replay: Sendable {
    public struct Outcome: Sendable {
        public var title: String
        public var firing: [String]
    }

    let configuration: Configuration
    let store: Store

    public init(configuration: Configuration, store: Store) {
        self.configuration = configuration
        self.store = store
    }

    /// Re-extracts every item first seen since `since`; with `deliver`, stores the new extraction and
    /// queues the alerts (one already raised is not raised twice). Returns what would fire per item.
    public func run(since: Date, deliver: Bool, at now: Date = Date()) async throws -> [Outcome] {
        let extractor = try Extractor(watchlist: configuration.watchlist)
        let rules = AlertRules(rules: configuration.rules, watchlist: configuration.watchlist)
        let specs = Dictionary(configuration.feeds.map { ($0.url, $0) }, uniquingKeysWith: { first, _ in first })
        var outcomes: [Outcome] = []
        for record in try await store.items(since: since) {
            let feed = specs[record.feedURL] ?? Configuration.Feed(url: record.feedURL, name: nil, tags: [], interval: nil,
                                                                   fullText: false, allowFile: false, verifyTLS: true, rotatingGuids: false)
            let result = extractor.extract(title: record.title, text: record.text)
            let alerts = rules.alerts(for: result, item: (record.title, record.link, record.published, record.identity, record.contentHash),
                                      feed: feed)
            outcomes.append(Outcome(title: record.title ?? "(untitled)", firing: alerts.map(\.ruleID)))
            if deliver {
                var stored = StoredItem(identity: record.identity, title: record.title, link: record.link, published: record.published,
                                        contentHash: record.contentHash, text: record.text)
                stored.actors = result.actors.map { ($0.id, $0.count, $0.salience, $0.mentions.map { ($0.kind.rawValue, $0.form, $0.sentence) }) }
                stored.topics = result.topics.map { ($0.id, $0.sentences) }
                stored.quotes = result.quotes.map { ($0.text, $0.confidentSpeaker?.actor, $0.confidentSpeaker?.text, $0.verb, $0.sentence) }
                stored.coMentions = result.coMentions.map { ($0.a, $0.b, $0.count) }
                try await store.reextract(item: record.id, feed: record.feedID, with: stored, alerts: alerts, at: now)
            }
        }
        return outcomes
    }
}

extension Daemon {
    /// Delivers whatever alerts are queued (after `replay --alert`).
    public func deliverQueuedAlerts() async {
        await AlertDispatcher(configuration: configurationSnapshot, store: database, fetcher: fetcherForDelivery, logger: loggerSnapshot,
                              rules: AlertRules(rules: configurationSnapshot.rules, watchlist: configurationSnapshot.watchlist)).run()
    }
}
