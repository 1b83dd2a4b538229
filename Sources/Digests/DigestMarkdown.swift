import Foundation

/// The Markdown digest (also the text part of the digest by email): the HTML digest's content in the
/// same order, with every list written out (Markdown has no folding). Text from feeds is escaped so
/// that it stays text; only http(s) links become links.
struct DigestMarkdown {
    private let view: DigestView
    private var out = ""

    static func render(_ digest: Digest) -> String {
        var page = DigestMarkdown(view: DigestView(digest))
        page.document()
        return page.out
    }

    private init(view: DigestView) {
        self.view = view
        out.reserveCapacity(2048 + view.digest.stories.count * 500)
    }

    private mutating func raw(_ text: String) { out += text }
    private mutating func text(_ value: String) { DigestView.escapeMarkdown(value, into: &out) }
    private mutating func link(_ url: String?, _ label: String) {
        if DigestView.isWebLink(url) {
            raw("[")
            text(label)
            raw("](\(DigestView.safeLink(url!)))")
        } else {
            text(label)
        }
    }

    private mutating func document() {
        let digest = view.digest
        let counts = digest.counts
        raw("# feedwatch digest — \(view.longDate)\n\n")
        text("\(view.windowStart) – \(view.windowEnd) (\(digest.timezone))")
        raw(
            " · **\(counts.items)** new \(view.plural(counts.items, "item")) in **\(counts.stories)** \(view.plural(counts.stories, "story"))"
        )
        raw(" · **\(counts.watchedStories)** name a watched actor or topic, from **\(counts.feeds)** \(view.plural(counts.feeds, "feed"))")
        raw(
            " · **\(counts.alerts)** \(view.plural(counts.alerts, "alert")) · **\(counts.quotes)** \(view.plural(counts.quotes, "quote"))\n"
        )
        if counts.olderItems > 0 {
            raw("\n\(counts.olderItems) \(view.plural(counts.olderItems, "item")) first seen this day but published long before ")
            raw("(over `alerts.maxAgeHours`) left out.\n")
        }
        raw("\nContents: At a glance · Stories · Actors · Topics · Quotes of the day · Alerts\n\n## At a glance\n")
        if let note = view.historyNote { raw("\n\(note)\n") }
        if digest.glance.isEmpty {
            raw("\nNo watched actor or topic appeared this day.\n")
        } else {
            raw("\n| Actor or topic | Stories | Change vs baseline | Last 14 days |\n|---|--:|---|---|\n")
            for trend in digest.glance {
                raw("| ")
                text(trend.name)
                raw(" (\(trend.kind.rawValue))\(trend.spike ? " ⚠ spike" : "") | \(trend.stories) | \(view.change(trend))")
                if let baseline = trend.baseline { raw(" vs \(DigestView.oneDecimal(baseline))/day") }
                raw(" | \(DigestView.bars(trend.history)) |\n")
            }
        }
        if !digest.stories.isEmpty {
            raw("\nLeading stories:\n")
            for story in digest.stories.prefix(5) {
                raw("\(story.number). ")
                text(story.title)
                raw("\n")
            }
        }
        raw("\n## Stories\n")
        for story in digest.stories { card(story) }
        if digest.stories.isEmpty { raw("\nNo story named a watched actor or topic.\n") }
        sections(digest.actors, prefix: "a", title: "Actors", withLabel: "Often with")
        sections(digest.topics, prefix: "t", title: "Topics", withLabel: "Actors")
        quotes()
        alerts()
    }

    private mutating func card(_ story: Digest.Story) {
        raw("\n### \(story.number). ")
        link(story.link, story.title)
        raw("\n\n\(view.clock(story.time)) · \(story.outlets.count) \(story.outlets.count == 1 ? "outlet" : "outlets"): ")
        for (k, outlet) in story.outlets.enumerated() {
            if k > 0 { raw(", ") }
            link(outlet.link, outlet.feed)
        }
        raw("\n")
        if !story.snippet.isEmpty {
            raw("\n> ")
            text(story.snippet)
            raw("\n")
        }
        raw("\n")
        var parts: [String] = []
        if !story.actors.isEmpty { parts.append("Actors: " + story.actors.map { view.name("a", $0) }.joined(separator: ", ")) }
        if !story.topics.isEmpty { parts.append("Topics: " + story.topics.map { view.name("t", $0) }.joined(separator: ", ")) }
        if !story.rules.isEmpty { parts.append("Alerted: " + story.rules.joined(separator: ", ")) }
        text(parts.joined(separator: " · "))
        raw("\n")
    }

    private mutating func sections(_ sections: [Digest.Section], prefix: String, title: String, withLabel: String) {
        guard !sections.isEmpty else { return }
        raw("\n## \(title)\n")
        for section in sections {
            raw("\n### ")
            text(section.name)
            raw(
                " — \(section.stories.count) \(view.plural(section.stories.count, "story")), \(section.items) \(view.plural(section.items, "item"))\n\n"
            )
            for number in section.stories {
                raw("- story \(number): ")
                text(view.title(number))
                raw("\n")
            }
            if !section.with.isEmpty {
                raw("\n\(withLabel): ")
                text(section.with.map { "\($0.name) (\($0.stories))" }.joined(separator: ", "))
                raw("\n")
            }
        }
    }

    private mutating func quotes() {
        guard !view.digest.quotes.isEmpty else { return }
        raw("\n## Quotes of the day\n\n")
        for quote in view.digest.quotes {
            raw("- “")
            text(quote.text)
            raw("” — **")
            text(quote.speaker)
            raw("**")
            if let verb = quote.verb, !verb.isEmpty {
                raw(", ")
                text(verb)
            }
            raw(" · ")
            link(quote.link, quote.feed)
            raw(" · story \(quote.story)\n")
        }
    }

    private mutating func alerts() {
        guard !view.digest.alerts.isEmpty else { return }
        raw("\n## Alerts\n\n| Rule | Alerts | Stories |\n|---|--:|---|\n")
        for rule in view.digest.alerts {
            raw("| ")
            text(rule.rule)
            raw(" | \(rule.alerts) (")
            text(DigestView.kinds(rule))
            raw(") | \(rule.stories.map(String.init).joined(separator: ", ")) |\n")
        }
    }
}
