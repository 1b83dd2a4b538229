import Config
import Extractor

/// Why rules fire or not: the reasoning behind `feedwatch explain` and `replay`.
public struct RuleExplanation: Sendable {
    public var rule: String
    public var fires: Bool
    public var reason: String
}

extension AlertRules {
    /// Whether `rule` fires for these matches, and why (or why not), in words.
    public func explain(
        _ rule: Configuration.Rule, actors: [ActorMatch], topics: [TopicMatch], tags: [String], categories: [String] = [],
        feedCategories: [String] = []
    ) -> RuleExplanation {
        let fires = self.fires(rule, actors: actors, topics: topics, tags: tags, categories: categories, feedCategories: feedCategories)
        if !rule.tags.isEmpty, Set(rule.tags).isDisjoint(with: tags) {
            return RuleExplanation(
                rule: rule.id, fires: false, reason: "the feed has none of the tags \(rule.tags.joined(separator: ", "))")
        }
        if !Self.labelled(categories, oneOf: rule.categories) {
            return RuleExplanation(
                rule: rule.id, fires: false, reason: "the item has none of the categories \(rule.categories.joined(separator: ", "))")
        }
        if !Self.labelled(feedCategories, oneOf: rule.feedTags) {
            return RuleExplanation(
                rule: rule.id, fires: false,
                reason: "the feed document gives itself none of the categories \(rule.feedTags.joined(separator: ", "))")
        }
        if rule.actors.isEmpty && rule.topics.isEmpty {
            return RuleExplanation(rule: rule.id, fires: true, reason: "it fires for every item of its feeds")
        }
        var found: [String] = [], missing: [String] = []
        for id in rule.actors {
            if let actor = actors.first(where: { $0.id == id }) {
                if actor.salience >= rule.minSalience {
                    found.append("\(id) (salience \(actor.salience))")
                } else {
                    missing.append("\(id) (salience \(actor.salience) < \(rule.minSalience))")
                }
            } else {
                missing.append("\(id) (not mentioned)")
            }
        }
        for id in rule.topics {
            if topics.contains(where: { $0.id == id }) { found.append("topic \(id)") } else { missing.append("topic \(id) (no match)") }
        }
        let mode = "\(rule.match.rawValue) of"
        let reason =
            "needs \(mode) its actors and topics; found: \(found.isEmpty ? "none" : found.joined(separator: ", "))"
            + (missing.isEmpty ? "" : "; missing: \(missing.joined(separator: ", "))")
        return RuleExplanation(rule: rule.id, fires: fires, reason: reason)
    }
}
