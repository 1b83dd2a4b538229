import Alerts
import Config
import Extractor
import Foundation
import Store

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
