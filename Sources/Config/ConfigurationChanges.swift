import Foundation

/// What a reload changed, for the log: feeds, rules, sinks, actors and topics added, removed or
/// changed (by URL or id), and the sections whose settings changed.
public struct ConfigurationChanges: Sendable, Equatable {
    public struct Diff: Sendable, Equatable {
        public var added: [String] = []
        public var removed: [String] = []
        public var changed: [String] = []
        public var isEmpty: Bool { added.isEmpty && removed.isEmpty && changed.isEmpty }

        init<T: Equatable>(_ old: [T], _ new: [T], key: (T) -> String) {
            let before = Dictionary(old.map { (key($0), $0) }, uniquingKeysWith: { first, _ in first })
            let after = Dictionary(new.map { (key($0), $0) }, uniquingKeysWith: { first, _ in first })
            added = after.keys.filter { before[$0] == nil }.sorted()
            removed = before.keys.filter { after[$0] == nil }.sorted()
            changed = after.keys.filter { before[$0] != nil && before[$0] != after[$0] }.sorted()
        }
    }

    public var feeds: Diff
    public var rules: Diff
    public var sinks: Diff
    public var actors: Diff
    public var topics: Diff
    /// Other sections whose settings changed ("schedule", "fetch", "digest", "alerts", …).
    public var sections: [String]

    public init(from old: Configuration, to new: Configuration) {
        feeds = Diff(old.feeds, new.feeds, key: \.url)
        rules = Diff(old.rules, new.rules, key: \.id)
        sinks = Diff(old.sinks, new.sinks, key: \.id)
        actors = Diff(old.watchlist.actors, new.watchlist.actors, key: \.id)
        topics = Diff(old.watchlist.topics, new.watchlist.topics, key: \.id)
        var sections: [String] = []
        if old.schedule != new.schedule { sections.append("schedule") }
        if old.fetch != new.fetch { sections.append("fetch") }
        if old.digest != new.digest { sections.append("digest") }
        if old.backfill != new.backfill || old.alertMaxAge != new.alertMaxAge || old.storyWindow != new.storyWindow {
            sections.append("alerts")
        }
        if old.retentionDays != new.retentionDays { sections.append("retentionDays") }
        if old.logLevel != new.logLevel { sections.append("logLevel") }
        if old.metricsFile != new.metricsFile || old.metricsListen != new.metricsListen { sections.append("metrics") }
        self.sections = sections
    }

    public var isEmpty: Bool {
        feeds.isEmpty && rules.isEmpty && sinks.isEmpty && actors.isEmpty && topics.isEmpty && sections.isEmpty
    }

    /// Log metadata: `feedsAdded=3 rulesChanged=orban-sanctions …` (feeds by count beyond five).
    public var metadata: [String: String] {
        var out: [String: String] = [:]
        for (name, diff) in [("feeds", feeds), ("rules", rules), ("sinks", sinks), ("actors", actors), ("topics", topics)] {
            for (what, list) in [("Added", diff.added), ("Removed", diff.removed), ("Changed", diff.changed)] where !list.isEmpty {
                out[name + what] = list.count > 5 ? "\(list.count)" : list.joined(separator: ",")
            }
        }
        if !sections.isEmpty { out["settings"] = sections.joined(separator: ",") }
        return out
    }
}
