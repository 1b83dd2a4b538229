import Alerts
import Config
import Extractor
import Foundation
import Store

/// `replay`: the current watchlist and rules applied again to stored items.
public struct Replay: Sendable {
    /// One item: the rules that fire on it, and which of them have not alerted it yet (the same
    /// idempotency key: rule, feed, item and its content) — counted as `status` counts alerts.
    public struct Outcome: Sendable {
        public var title: String
        public var firing: [String]
        public var new: [String]
    }

    let configuration: Configuration
    let store: any FeedStore

    public init(configuration: Configuration, store: any FeedStore) {
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
            let feed = specs[record.feedURL] ?? Configuration.Feed(url: record.feedURL)
            let result = extractor.extract(title: record.title, text: record.text)
            let alerts = rules.alerts(
                for: result, item: (record.title, record.link, record.published, record.identity, record.contentHash),
                feed: feed, categories: record.categories, feedCategories: record.feedCategories)
            let raised = try await store.existingAlertKeys(alerts.map(\.idempotencyKey))
            outcomes.append(
                Outcome(
                    title: record.title ?? "(untitled)", firing: alerts.map(\.ruleID),
                    new: alerts.filter { !raised.contains($0.idempotencyKey) }.map(\.ruleID)))
            if deliver {
                let stored = StoredItem(
                    identity: record.identity, title: record.title, link: record.link, published: record.published,
                    contentHash: record.contentHash, text: record.text, extraction: result)
                try await store.reextract(item: record.id, feed: record.feedID, with: stored, alerts: alerts, at: now)
            }
        }
        return outcomes
    }
}
