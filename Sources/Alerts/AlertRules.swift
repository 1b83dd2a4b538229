import Config
import Extractor
import FeedCore
import Foundation
import Store

/// Which rules an item (or a feed's health) raises, and the alert each sink receives.
public struct AlertRules: Sendable {
    public let rules: [Configuration.Rule]
    public let watchlist: Watchlist

    public init(rules: [Configuration.Rule], watchlist: Watchlist) {
        self.rules = rules
        self.watchlist = watchlist
    }

    /// The rule fires when the item's feed carries one of its tags (if it lists any), the item one of
    /// its `categories` and the feed document one of its `feedTags` (any case, if it lists them), and
    /// its actors (at `minSalience` or more) and topics match: one of them for "any", every one for
    /// "all". A rule that lists neither actors nor topics fires for every item that passes the rest.
    public func fires(
        _ rule: Configuration.Rule, actors: [ActorMatch], topics: [TopicMatch], tags: [String],
        categories: [String] = [], feedCategories: [String] = []
    ) -> Bool {
        if !rule.tags.isEmpty, Set(rule.tags).isDisjoint(with: tags) { return false }
        if !Self.labelled(categories, oneOf: rule.categories) || !Self.labelled(feedCategories, oneOf: rule.feedTags) { return false }
        let present = Set(actors.filter { $0.salience >= rule.minSalience }.map(\.id))
        let topicIDs = Set(topics.map(\.id))
        if rule.actors.isEmpty && rule.topics.isEmpty { return true }
        if rule.match == .all {
            return rule.actors.allSatisfy(present.contains) && rule.topics.allSatisfy(topicIDs.contains)
        }
        return rule.actors.contains(where: present.contains) || rule.topics.contains(where: topicIDs.contains)
    }

    /// True when `wanted` is empty or `labels` holds one of its names, in any case.
    static func labelled(_ labels: [String], oneOf wanted: [String]) -> Bool {
        guard !wanted.isEmpty else { return true }
        let present = Set(labels.map(fold))
        return wanted.contains { present.contains(fold($0)) }
    }

    /// Per item and rule: FeedCore's byte-level trim, not Foundation's character-set one (slow on Linux).
    private static func fold(_ label: String) -> String { label.trimmingASCIIWhitespace().lowercased() }

    /// Whether any rule fires for the item.
    public func firesAny(
        _ result: ExtractionResult, feed: Configuration.Feed, categories: [String] = [], feedCategories: [String] = []
    ) -> Bool {
        rules.contains {
            fires(
                $0, actors: result.actors, topics: result.topics, tags: feed.tags, categories: categories,
                feedCategories: feedCategories)
        }
    }

    /// The alerts the item raises, one per rule that fires. `story`: the item's story, whose
    /// outlets the payload lists; a rule with `storyUpdates` also gets the `story-update` variant
    /// the store raises instead when the rule has already alerted that story.
    public func alerts(
        for result: ExtractionResult, item: (title: String?, link: String?, published: Date?, identity: String, hash: String),
        feed: Configuration.Feed, categories: [String] = [], feedCategories: [String] = [], story: StoryRef? = nil,
        at now: Date = Date()
    ) -> [PendingAlert] {
        let fired = rules.filter {
            fires(
                $0, actors: result.actors, topics: result.topics, tags: feed.tags, categories: categories,
                feedCategories: feedCategories)
        }
        guard !fired.isEmpty else { return [] }
        var template = AlertPayload(idempotencyKey: "", rule: "", kind: .item)
        template.feed = Self.feed(feed)
        template.item = AlertPayload.Item(
            id: item.identity, title: item.title ?? "", link: item.link ?? "", published: item.published?.isoString)
        if !categories.isEmpty { template.item?.categories = categories }
        template.actors = result.actors.map { actor in
            AlertPayload.Actor(
                id: actor.id, name: actor.name, count: actor.count, salience: actor.salience,
                snippets: Array(Array(Set(actor.mentions.map(\.snippet))).sorted().prefix(3)))
        }
        template.topics = result.topics.map { AlertPayload.Topic(id: $0.id, name: $0.name, snippets: Array($0.snippets.prefix(3))) }
        template.quotes = result.quotes.filter { $0.confidentSpeaker != nil }.prefix(5).map { quote in
            AlertPayload.Quote(
                text: quote.text, speaker: quote.confidentSpeaker?.actor ?? quote.confidentSpeaker?.text ?? "",
                verb: quote.verb ?? "")
        }
        template.coMentions = result.coMentions.map { AlertPayload.CoMention(a: $0.a, b: $0.b, count: $0.count) }
        if let story {
            let own = AlertPayload.Story.Outlet(feed: feed.url, name: feed.name ?? feed.url, link: item.link ?? "", seen: now.isoString)
            let earlier = story.outlets.map { outlet in
                AlertPayload.Story.Outlet(
                    feed: outlet.feedURL, name: outlet.feedName ?? outlet.feedURL, link: outlet.link ?? "", seen: outlet.firstSeen.isoString
                )
            }
            template.story = AlertPayload.Story(id: story.id, outlets: earlier + [own])
        }
        return fired.map { rule in
            let key = "\(rule.id):\(feed.url):\(item.identity):\(item.hash)"
            var payload = template
            payload.idempotencyKey = key
            payload.rule = rule.id
            var alert = PendingAlert(
                ruleID: rule.id, sinks: rule.sinks, onUpdate: rule.onUpdate, maxPerHour: rule.maxPerHour,
                idempotencyKey: key, payload: payload.json)
            if rule.storyUpdates, story != nil {
                let updateKey = "\(rule.id):story-update:\(feed.url):\(item.identity):\(item.hash)"
                payload.idempotencyKey = updateKey
                payload.kind = AlertKind.storyUpdate.rawValue
                alert.storyUpdate = PendingAlert.StoryUpdate(key: updateKey, payload: payload.json)
            }
            return alert
        }
    }

    /// "Feed broken" / "feed recovered" alerts for the rules that ask for them.
    public func healthAlerts(feed: Configuration.Feed, broken: Bool, error: String?, at now: Date) -> [PendingAlert] {
        rules.filter { $0.feedHealth && ($0.tags.isEmpty || !Set($0.tags).isDisjoint(with: feed.tags)) }.map { rule in
            let kind = broken ? AlertKind.feedBroken : .feedRecovered
            let key = "\(rule.id):\(kind.rawValue):\(feed.url):\(Int(now.timeIntervalSince1970))"
            var payload = AlertPayload(idempotencyKey: key, rule: rule.id, kind: kind)
            payload.feed = Self.feed(feed)
            payload.at = now.isoString
            payload.error = error
            return PendingAlert(
                ruleID: rule.id, sinks: rule.sinks, onUpdate: true, maxPerHour: nil, idempotencyKey: key,
                payload: payload.json)
        }
    }

    /// One alert standing for the alerts a throttled rule held back.
    func summary(rule ruleID: String, payloads: [String], at now: Date) -> PendingAlert? {
        guard let rule = rules.first(where: { $0.id == ruleID }) else { return nil }
        let key = "\(ruleID):group:\(Int(now.timeIntervalSince1970))"
        var payload = AlertPayload(idempotencyKey: key, rule: ruleID, kind: .group)
        payload.count = payloads.count
        payload.items = Array(payloads.lazy.compactMap { AlertPayload(json: $0)?.item }.prefix(50))
        payload.at = now.isoString
        return PendingAlert(
            ruleID: ruleID, sinks: rule.sinks, onUpdate: true, maxPerHour: nil, idempotencyKey: key,
            payload: payload.json)
    }

    private static func feed(_ feed: Configuration.Feed) -> AlertPayload.Feed {
        AlertPayload.Feed(url: feed.url, name: feed.name ?? feed.url, tags: feed.tags)
    }
}
