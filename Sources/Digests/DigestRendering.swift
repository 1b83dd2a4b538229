import Foundation
import Mustache

/// Markdown and HTML forms of a digest, from Mustache templates (`DigestTemplates`) over one context,
/// so both say the same. Escaping is the template engine's: every value from a feed goes through it
/// (HTML escaping in the HTML, Markdown escaping in the Markdown), so a hostile title stays text in both.
enum DigestRendering {
    /// Stories shown in full before the rest is folded (`<details>` in HTML).
    static let openStories = 20
    /// Rows of the "at a glance" table before the rest is folded.
    static let openTrends = 15
    /// Stories listed under an actor or topic before the rest is folded.
    static let openPerSection = 5

    static func markdown(_ digest: Digest) -> String {
        DigestTemplates.markdown.render(context(digest), withTemplate: "digest") ?? ""
    }

    static func html(_ digest: Digest) -> String {
        DigestTemplates.html.render(context(digest), withTemplate: "digest") ?? ""
    }

    static func context(_ digest: Digest) -> [String: Any] {
        let zone = TimeZone(identifier: digest.timezone) ?? .gmt
        let clock = formatter("HH:mm", zone)
        let iso = ISO8601DateFormatter()
        iso.timeZone = zone
        let anchors = Anchors(digest)
        let titles = Dictionary(digest.stories.map { ($0.number, $0.title) }, uniquingKeysWith: { first, _ in first })
        func storyRef(_ number: Int) -> [String: Any] {
            ["number": number, "title": titles[number] ?? "", "anchor": "s-\(number)"]
        }
        func named(_ ids: [String], _ sections: [String: String], prefix: String) -> [[String: Any]] {
            ids.enumerated().map { k, id in
                ["name": sections[id] ?? id, "anchor": anchors.anchor(prefix, id), "last": k == ids.count - 1]
            }
        }
        let actorNames = Dictionary(digest.actors.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let topicNames = Dictionary(digest.topics.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let stories: [[String: Any]] = digest.stories.map { story in
            [
                "number": story.number, "anchor": "s-\(story.number)", "title": story.title,
                "link": safeLink(story.link ?? ""), "hasLink": isWebLink(story.link),
                "time": clock.string(from: story.time), "datetime": iso.string(from: story.time),
                "outletCount": story.outlets.count, "manyOutlets": story.outlets.count > 1,
                "outlets": story.outlets.enumerated().map { k, outlet in
                    [
                        "feed": outlet.feed, "link": safeLink(outlet.link ?? ""), "hasLink": isWebLink(outlet.link),
                        "last": k == story.outlets.count - 1,
                    ] as [String: Any]
                },
                "snippet": story.snippet, "hasSnippet": !story.snippet.isEmpty,
                "actors": named(story.actors, actorNames, prefix: "a"), "hasActors": !story.actors.isEmpty,
                "topics": named(story.topics, topicNames, prefix: "t"), "hasTopics": !story.topics.isEmpty,
                "rules": story.rules.joined(separator: ", "), "hasRules": !story.rules.isEmpty,
            ]
        }
        func sections(_ list: [Digest.Section], prefix: String) -> [[String: Any]] {
            list.map { section in
                [
                    "withLabel": prefix == "a" ? "Often with" : "Actors",
                    "name": section.name, "anchor": anchors.anchor(prefix, section.id),
                    "storyCount": section.stories.count, "storyWord": section.stories.count == 1 ? "story" : "stories",
                    "items": section.items, "itemWord": section.items == 1 ? "item" : "items",
                    "top": section.stories.prefix(openPerSection).map(storyRef),
                    "rest": section.stories.dropFirst(openPerSection).map(storyRef),
                    "restCount": max(0, section.stories.count - openPerSection), "hasRest": section.stories.count > openPerSection,
                    "restStart": openPerSection + 1,
                    "with": section.with.enumerated().map { k, related in
                        [
                            "name": related.name, "anchor": anchors.anchor("a", related.id), "stories": related.stories,
                            "last": k == section.with.count - 1,
                        ]
                            as [String: Any]
                    },
                    "hasWith": !section.with.isEmpty,
                ]
            }
        }
        let trends: [[String: Any]] = digest.glance.map { trend in
            [
                "name": trend.name, "anchor": anchors.anchor(trend.kind == .actor ? "a" : "t", trend.id), "kind": trend.kind.rawValue,
                "stories": trend.stories, "spike": trend.spike,
                "change": trend.change.map { ($0 >= 0 ? "+" : "−") + String(format: "%.1f", abs($0)) } ?? "new",
                "baseline": trend.baseline.map { String(format: "%.1f", $0) } ?? "",
                "hasBaseline": trend.baseline != nil,
                "points": sparkline(trend.history), "bars": bars(trend.history),
                "historyText": trend.history.map(String.init).joined(separator: ", "),
            ]
        }
        let quotes: [[String: Any]] = digest.quotes.map { quote in
            [
                "text": quote.text, "speaker": quote.speaker, "verb": quote.verb ?? "", "hasVerb": !(quote.verb ?? "").isEmpty,
                "feed": quote.feed, "link": safeLink(quote.link ?? ""), "hasLink": isWebLink(quote.link),
                "story": quote.story, "anchor": "s-\(quote.story)",
            ]
        }
        let alerts: [[String: Any]] = digest.alerts.map { rule in
            [
                "rule": rule.rule, "alerts": rule.alerts,
                "kinds": rule.kinds.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", "),
                "stories": rule.stories.enumerated().map { k, number in
                    ["number": number, "anchor": "s-\(number)", "last": k == rule.stories.count - 1] as [String: Any]
                },
                "hasStories": !rule.stories.isEmpty,
            ]
        }
        let counts = digest.counts
        func plural(_ count: Int, _ word: String) -> String { count == 1 ? word : word + "s" }
        return [
            "itemsWord": plural(counts.items, "item"),
            "storiesWord": plural(counts.stories, "story").replacingOccurrences(of: "storys", with: "stories"),
            "feedsWord": plural(counts.feeds, "feed"), "alertsWord": plural(counts.alerts, "alert"),
            "quotesWord": plural(counts.quotes, "quote"), "olderWord": plural(counts.olderItems, "item"),
            "date": digest.date, "longDate": formatter("EEEE d MMMM yyyy", zone).string(from: digest.window.start),
            "timezone": digest.timezone,
            "windowStart": formatter("yyyy-MM-dd HH:mm", zone).string(from: digest.window.start),
            "windowEnd": formatter("yyyy-MM-dd HH:mm", zone).string(from: digest.window.end),
            "items": counts.items, "storyCount": counts.stories, "watchedStories": counts.watchedStories, "feeds": counts.feeds,
            "alertCount": counts.alerts, "quoteCount": counts.quotes, "olderItems": counts.olderItems, "hasOlder": counts.olderItems > 0,
            "shortHistory": digest.historyDays < Trend.minimumHistory,
            "historyText": digest.historyDays == 0
                ? "No history yet: changes show from the second day, spikes after \(Trend.minimumHistory) days."
                : "\(digest.historyDays) \(digest.historyDays == 1 ? "day" : "days") of history so far: changes are against "
                    + "\(digest.historyDays == 1 ? "it" : "those days"), and no spike is called before \(Trend.minimumHistory).",
            "trendsTop": Array(trends.prefix(openTrends)), "trendsRest": Array(trends.dropFirst(openTrends)),
            "hasTrends": !trends.isEmpty, "hasTrendsRest": trends.count > openTrends, "trendsRestCount": max(0, trends.count - openTrends),
            "leading": digest.stories.prefix(5).map { storyRef($0.number) },
            "storiesTop": Array(stories.prefix(openStories)), "storiesRest": Array(stories.dropFirst(openStories)),
            "hasStories": !stories.isEmpty, "hasStoriesRest": stories.count > openStories,
            "storiesRestCount": max(0, stories.count - openStories),
            "actors": sections(digest.actors, prefix: "a"), "hasActors": !digest.actors.isEmpty,
            "topics": sections(digest.topics, prefix: "t"), "hasTopics": !digest.topics.isEmpty,
            "quotes": quotes, "hasQuotes": !quotes.isEmpty,
            "alerts": alerts, "hasAlerts": !alerts.isEmpty,
        ]
    }

    static func formatter(_ format: String, _ zone: TimeZone) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = format
        return formatter
    }

    /// Fragment ids for actors and topics: their ids where those are plain, else made plain and numbered.
    struct Anchors {
        private var map: [String: String] = [:]

        init(_ digest: Digest) {
            for (prefix, sections) in [("a", digest.actors), ("t", digest.topics)] {
                for (k, section) in sections.enumerated() {
                    let plain = section.id.unicodeScalars.allSatisfy {
                        $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_")
                    }
                    map["\(prefix):\(section.id)"] =
                        plain
                        ? "\(prefix)-\(section.id)"
                        : "\(prefix)\(k)-"
                            + section.id.unicodeScalars.filter { $0.isASCII && CharacterSet.alphanumerics.contains($0) }.map(String.init)
                            .joined()
                }
            }
        }

        func anchor(_ prefix: String, _ id: String) -> String { map["\(prefix):\(id)"] ?? "\(prefix)-" }
    }

    /// Only web links are links: a hostile feed's javascript: URL stays text.
    static func isWebLink(_ link: String?) -> Bool {
        guard let link else { return false }
        return link.hasPrefix("https://") || link.hasPrefix("http://")
    }

    /// A link with the characters that could end it early in Markdown or HTML percent-encoded
    /// (a URL means the same with them encoded).
    static func safeLink(_ link: String) -> String {
        var out = ""
        for scalar in link.unicodeScalars {
            switch scalar {
            case " ", "(", ")", "<", ">", "\"", "'", "`", "\\", "[", "]", "|", "\n", "\r", "\t":
                out += String(format: "%%%02X", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The points of an SVG polyline over 14 days in a 112×24 box (the template draws it).
    static func sparkline(_ counts: [Int]) -> String {
        let top = max(1, counts.max() ?? 1)
        let step = counts.count > 1 ? 108.0 / Double(counts.count - 1) : 0
        return counts.enumerated().map { index, count in
            String(format: "%.1f,%.1f", 2 + Double(index) * step, 22 - 20 * Double(count) / Double(top))
        }.joined(separator: " ")
    }

    /// The same days as block characters, for Markdown and plain-text mail.
    static func bars(_ counts: [Int]) -> String {
        let blocks = Array("▁▂▃▄▅▆▇█")
        let top = max(1, counts.max() ?? 1)
        return String(counts.map { blocks[min(7, Int((Double($0) / Double(top) * 7).rounded()))] })
    }
}
