import Extractor
import Foundation
import Store

/// Turns a day's rows into a `Digest`: items grouped into stories (by the story the poller found for
/// each, else each item alone), stories ranked, each actor and topic given its stories and its trend.
/// Pure: the store is read before (`DigestRows`, history) and once in between (`representatives`'
/// texts, for the snippets).
struct DigestAssembly {
    var rows: DigestRows
    var actorNames: [String: String]
    var topicNames: [String: String]

    /// A story of the day in the making.
    struct Group {
        var items: [DigestRows.Item] = []
        var actors: [String: Double] = [:]
        var topics: Set<String> = []
        var rules: Set<String> = []
        /// The item whose snippet is shown, and the sentence in it.
        var representative: Int64 = 0
        var sentence = -1
        var outlets: Int { Set(items.map(\.feedID)).count }
    }

    private(set) var groups: [Group] = []
    private(set) var storyCount = 0
    /// Story number of each listed item.
    private(set) var numberOfItem: [Int64: Int] = [:]

    init(rows: DigestRows, actorNames: [String: String], topicNames: [String: String]) {
        self.rows = rows
        self.actorNames = actorNames
        self.topicNames = topicNames
        group()
    }

    private mutating func group() {
        var index: [Int64: Int] = [:]
        var all: [Group] = []
        var groupOfItem: [Int64: Int] = [:]
        for item in rows.items {
            let key = item.story ?? -item.id
            let at: Int
            if let existing = index[key] {
                at = existing
            } else {
                at = all.count
                index[key] = at
                all.append(Group())
            }
            all[at].items.append(item)
            groupOfItem[item.id] = at
        }
        storyCount = all.count
        // The best copy: the one naming the watched actors most saliently; its snippet is the sentence
        // where its most salient actor is first named (else where a topic matched).
        var weight: [Int64: Double] = [:]
        var sentence: [Int64: (salience: Double, index: Int)] = [:]
        for row in rows.actors {
            guard let at = groupOfItem[row.item] else { continue }
            all[at].actors[row.actor] = max(all[at].actors[row.actor] ?? 0, row.salience)
            weight[row.item, default: 0] += row.salience
            if row.sentence >= 0, row.salience > sentence[row.item]?.salience ?? -1 { sentence[row.item] = (row.salience, row.sentence) }
        }
        for row in rows.topics {
            guard let at = groupOfItem[row.item] else { continue }
            all[at].topics.insert(row.topic)
            weight[row.item, default: 0] += 0.25
            if sentence[row.item] == nil, let first = row.sentences.first { sentence[row.item] = (-1, first) }
        }
        for alert in rows.alerts {
            guard let item = alert.item, let at = groupOfItem[item] else { continue }
            all[at].rules.insert(alert.rule)
        }
        groups = all.filter { !$0.actors.isEmpty || !$0.topics.isEmpty }.map { group in
            var group = group
            let best = group.items.max { (weight[$0.id] ?? 0, $1.firstSeen) < (weight[$1.id] ?? 0, $0.firstSeen) }!
            group.representative = best.id
            group.sentence = sentence[best.id]?.index ?? -1
            return group
        }
        // Most outlets first, then most watched names, then most rules, then earliest (keys computed
        // once, indices sorted: a group is too large a value to move about in a sort).
        let keys = groups.map {
            ($0.outlets, $0.actors.count + $0.topics.count, $0.rules.count, -$0.items[0].firstSeen.timeIntervalSince1970)
        }
        let order = groups.indices.sorted { keys[$0] != keys[$1] ? keys[$0] > keys[$1] : $0 < $1 }
        groups = order.map { groups[$0] }
        for (number, group) in groups.enumerated() {
            for item in group.items { numberOfItem[item.id] = number + 1 }
        }
    }

    /// The items whose texts the snippets come from, and the sentence of each.
    var representatives: [(item: Int64, sentence: Int)] { groups.map { ($0.representative, $0.sentence) } }

    /// The stories, with the snippet of each representative item (`sentence(_:_:)` of its text).
    func stories(snippets: [Int64: String]) -> [Digest.Story] {
        groups.enumerated().map { number, group in
            var seenFeeds: Set<Int64> = []
            let outlets = group.items.filter { seenFeeds.insert($0.feedID).inserted }.map {
                Digest.Outlet(feed: $0.feed, title: $0.title, link: $0.link, published: $0.published, seen: $0.firstSeen)
            }
            let best = group.items.first { $0.id == group.representative } ?? group.items[0]
            let time = group.items.map { $0.published ?? $0.firstSeen }.min() ?? best.firstSeen
            return Digest.Story(
                number: number + 1, title: best.title, link: best.link, time: time,
                snippet: snippets[best.id] ?? "", outlets: outlets,
                actors: group.actors.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map(\.key),
                topics: group.topics.sorted(), rules: group.rules.sorted())
        }
    }

    /// Sentence `index` of a text (its first when there is no such), at most 280 characters.
    static func sentence(_ text: String, _ index: Int) -> String {
        let bytes = Array(text.utf8)
        let spans = SentenceSplitter.split(text)
        guard let span = index >= 0 && index < spans.count ? spans[index] : spans.first else { return "" }
        let chosen = String(decoding: bytes[span.start..<span.end], as: UTF8.self)
        return chosen.count > 280 ? String(chosen.prefix(279)) + "…" : chosen
    }

    /// Each actor's (or topic's) stories, best first, and the actors it shares them with.
    func sections(topics: Bool) -> [Digest.Section] {
        var storiesOf: [String: [Int]] = [:]
        var itemsOf: [String: Int] = [:]
        for (number, group) in groups.enumerated() {
            for id in topics ? Array(group.topics) : Array(group.actors.keys) { storiesOf[id, default: []].append(number + 1) }
        }
        if topics {
            for row in rows.topics where numberOfItem[row.item] != nil { itemsOf[row.topic, default: 0] += 1 }
        } else {
            for row in rows.actors where numberOfItem[row.item] != nil { itemsOf[row.actor, default: 0] += 1 }
        }
        let names = topics ? topicNames : actorNames
        return storiesOf.map { id, numbers in
            var with: [String: Int] = [:]
            for number in numbers {
                for other in groups[number - 1].actors.keys where other != id { with[other, default: 0] += 1 }
            }
            return Digest.Section(
                id: id, name: names[id] ?? id, stories: numbers, items: itemsOf[id] ?? numbers.count,
                with: with.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(5).map {
                    Digest.Related(id: $0.key, name: actorNames[$0.key] ?? $0.key, stories: $0.value)
                })
        }
        .sorted { ($0.stories.count, $1.name) > ($1.stories.count, $0.name) }
    }

    /// Quotes with a speaker from the listed stories: watched speakers first, then by story, each text once.
    func quotes(limit: Int = 30) -> [Digest.Quote] {
        let items = Dictionary(rows.items.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var seen: Set<String> = []
        var quotes: [Digest.Quote] = []
        for row in rows.quotes {
            guard let story = numberOfItem[row.item], let item = items[row.item] else { continue }
            let speaker = row.speakerActor.flatMap { actorNames[$0] } ?? row.speakerText ?? ""
            let key = row.text.lowercased().filter { $0.isLetter || $0.isNumber }
            guard !speaker.isEmpty, !key.isEmpty, seen.insert(key).inserted else { continue }
            quotes.append(
                Digest.Quote(
                    text: row.text, speaker: speaker, speakerActor: row.speakerActor, verb: row.verb, story: story,
                    feed: item.feed, link: item.link))
        }
        quotes.sort { ($0.speakerActor == nil ? 1 : 0, $0.story) < ($1.speakerActor == nil ? 1 : 0, $1.story) }
        return Array(quotes.prefix(limit))
    }

    /// The day's alerts by rule, most first.
    func alerts() -> [Digest.RuleAlerts] {
        var byRule: [String: Digest.RuleAlerts] = [:]
        for alert in rows.alerts {
            var entry = byRule[alert.rule] ?? Digest.RuleAlerts(rule: alert.rule, alerts: 0, kinds: [:], stories: [])
            entry.alerts += 1
            entry.kinds[alert.kind, default: 0] += 1
            if let item = alert.item, let story = numberOfItem[item], !entry.stories.contains(story) { entry.stories.append(story) }
            byRule[alert.rule] = entry
        }
        return byRule.values.map {
            var entry = $0; entry.stories.sort(); return entry
        }
        .sorted { ($0.alerts, $1.rule) > ($1.alerts, $0.rule) }
    }
}

/// How an actor or topic moved: its baseline and whether today is a spike.
public enum Trend {
    /// Days of history a spike needs.
    public static let minimumHistory = 7

    /// Average stories a day over the last `historyDays` (at most all of `previous`) days.
    public static func baseline(previous: [Int], historyDays: Int) -> Double? {
        let days = min(historyDays, previous.count)
        guard days > 0 else { return nil }
        return Double(previous.suffix(days).reduce(0, +)) / Double(days)
    }

    /// A spike: at least 7 days of history, at least 3 stories, at least twice the baseline, and at
    /// least 3 standard deviations above it were daily counts Poisson-distributed around the
    /// baseline (z = (today − baseline) / √max(baseline, 1) ≥ 3).
    public static func isSpike(today: Int, baseline: Double?, historyDays: Int) -> Bool {
        guard historyDays >= minimumHistory, let baseline, today >= 3 else { return false }
        let excess = Double(today) - baseline
        return Double(today) >= 2 * baseline && excess / max(baseline, 1).squareRoot() >= 3
    }
}
