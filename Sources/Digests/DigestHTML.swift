import Foundation

/// The HTML digest: one self-contained page (inline CSS, no script, nothing loaded from elsewhere),
/// readable from 390 px phones to desktops, in light and dark colour schemes, and printable (folded
/// lists open on paper). Every value from a feed is escaped; only http(s) links become links.
struct DigestHTML {
    private let view: DigestView
    private var out = ""

    static func render(_ digest: Digest) -> String {
        var page = DigestHTML(view: DigestView(digest))
        page.document()
        return page.out
    }

    private init(view: DigestView) {
        self.view = view
        out.reserveCapacity(4096 + view.digest.stories.count * 900)
    }

    static let style = """
        :root{--fg:#1b1b1b;--muted:#5a5a5a;--bg:#fff;--line:#d9d9d9;--accent:#1a5fc9;--chip:#eef2f8;--spike-bg:#fde2e1;--spike-fg:#9b1418}
        @media (prefers-color-scheme:dark){:root{--fg:#e6e6e6;--muted:#a8a8a8;--bg:#16181c;--line:#363a42;--accent:#79a9f5;--chip:#262b35;--spike-bg:#4a1c1e;--spike-fg:#ffb4b0}}
        *{box-sizing:border-box}
        body{font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:54rem;margin:0 auto;padding:1rem;color:var(--fg);background:var(--bg);overflow-wrap:anywhere}
        a{color:var(--accent)}h1{font-size:1.55rem;margin:.5rem 0 .2rem}h1 span{display:block;font-size:1.1rem;font-weight:normal;color:var(--muted)}
        h2{margin-top:2.2rem;border-bottom:1px solid var(--line);padding-bottom:.2rem}h3{font-size:1.08rem;margin:1.4rem 0 .2rem}
        .meta{color:var(--muted);font-size:.92rem}.counts{display:flex;flex-wrap:wrap;gap:.3rem 1.2rem;padding:0;list-style:none;margin:.6rem 0}
        nav ol{display:flex;flex-wrap:wrap;gap:.2rem 1rem;padding:0;list-style:none}
        .scroll{overflow-x:auto}table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.3rem .4rem;border-bottom:1px solid var(--line);vertical-align:middle}
        td.n{text-align:right;font-variant-numeric:tabular-nums}thead th{font-size:.85rem;color:var(--muted)}th,td{overflow-wrap:normal}tbody th{font-weight:normal}
        .spike{background:var(--spike-bg);color:var(--spike-fg);padding:0 .35rem;border-radius:.3rem;font-size:.8rem;white-space:nowrap}
        .kind{color:var(--muted);font-size:.8rem}svg.spark{display:block;width:min(112px,22vw);height:auto}svg.spark polyline{fill:none;stroke:var(--accent);stroke-width:1.6}
        article{border-top:1px solid var(--line);padding:.2rem 0 .6rem}article h3 .num{color:var(--muted);margin-right:.3rem}
        blockquote{margin:.4rem 0 .5rem;padding-left:.8rem;border-left:3px solid var(--line)}
        .chips{margin:.2rem 0;font-size:.9rem}.chips a{background:var(--chip);border-radius:.8rem;padding:.05rem .5rem;text-decoration:none;margin-right:.2rem;display:inline-block}
        details{margin:.6rem 0}summary{cursor:pointer;color:var(--accent)}ol.refs{padding-left:2.2rem;margin:.3rem 0}
        .quotes{list-style:none;padding:0}@media (max-width:600px){td .meta{display:block}}.quotes li{margin:0 0 1rem}.quotes blockquote{font-style:italic}
        @media print{nav,summary{display:none}details::details-content{content-visibility:visible;display:block}body{max-width:none;font-size:11pt}a{color:inherit}article,tr,li{break-inside:avoid}h2{break-after:avoid}}
        """

    private mutating func raw(_ text: String) { out += text }
    private mutating func text(_ value: String) { DigestView.escapeHTML(value, into: &out) }
    private mutating func link(_ url: String?, _ label: String) {
        if DigestView.isWebLink(url) {
            raw("<a href=\"")
            text(DigestView.safeLink(url!))
            raw("\">")
            text(label)
            raw("</a>")
        } else {
            text(label)
        }
    }

    private mutating func document() {
        let digest = view.digest
        raw(
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        )
        raw("<meta name=\"color-scheme\" content=\"light dark\">\n<title>feedwatch digest — ")
        text(view.longDate)
        raw("</title>\n<style>\n\(Self.style)\n</style></head><body>\n<header>\n<h1>feedwatch digest <span>")
        text(view.longDate)
        raw("</span></h1>\n<p class=\"meta\">")
        text("\(view.windowStart) – \(view.windowEnd) (\(digest.timezone))")
        let counts = digest.counts
        raw("</p>\n<ul class=\"counts\"><li><strong>\(counts.items)</strong> new \(view.plural(counts.items, "item")) in ")
        raw("<strong>\(counts.stories)</strong> \(view.plural(counts.stories, "story"))</li>")
        raw(
            "<li><strong>\(counts.watchedStories)</strong> name a watched actor or topic, from <strong>\(counts.feeds)</strong> \(view.plural(counts.feeds, "feed"))</li>"
        )
        raw(
            "<li><strong>\(counts.alerts)</strong> \(view.plural(counts.alerts, "alert"))</li><li><strong>\(counts.quotes)</strong> \(view.plural(counts.quotes, "quote"))</li></ul>\n"
        )
        if counts.olderItems > 0 {
            raw(
                "<p class=\"meta\">\(counts.olderItems) \(view.plural(counts.olderItems, "item")) first seen this day but published long before "
            )
            raw("(over <code>alerts.maxAgeHours</code>) left out.</p>\n")
        }
        raw("<nav aria-label=\"Contents\"><ol><li><a href=\"#glance\">At a glance</a></li><li><a href=\"#stories\">Stories</a></li>")
        if !digest.actors.isEmpty { raw("<li><a href=\"#actors\">Actors</a></li>") }
        if !digest.topics.isEmpty { raw("<li><a href=\"#topics\">Topics</a></li>") }
        if !digest.quotes.isEmpty { raw("<li><a href=\"#quotes\">Quotes of the day</a></li>") }
        if !digest.alerts.isEmpty { raw("<li><a href=\"#alerts\">Alerts</a></li>") }
        raw("</ol></nav>\n</header>\n<main>\n")
        glance()
        stories()
        sections(digest.actors, prefix: "a", id: "actors", title: "Actors", withLabel: "Often with")
        sections(digest.topics, prefix: "t", id: "topics", title: "Topics", withLabel: "Actors")
        quotes()
        alerts()
        raw("</main>\n</body></html>\n")
    }

    private mutating func glance() {
        let digest = view.digest
        raw("<section aria-labelledby=\"glance\"><h2 id=\"glance\">At a glance</h2>\n")
        if let note = view.historyNote {
            raw("<p class=\"meta\">")
            text(note)
            raw("</p>\n")
        }
        if digest.glance.isEmpty {
            raw("<p>No watched actor or topic appeared this day.</p>\n")
        } else {
            trendTable(digest.glance.prefix(DigestView.openTrends), caption: view.glanceCaption)
            let rest = digest.glance.dropFirst(DigestView.openTrends)
            if !rest.isEmpty {
                raw("<details><summary>\(rest.count) more actors and topics</summary>")
                trendTable(rest, caption: "The other actors and topics of the day")
                raw("</details>\n")
            }
        }
        if !digest.stories.isEmpty {
            raw("<h3>Leading stories</h3><ol class=\"refs\">")
            for story in digest.stories.prefix(5) { storyReference(story.number) }
            raw("</ol>\n")
        }
        raw("</section>\n")
    }

    private mutating func trendTable(_ trends: ArraySlice<Digest.Trend>, caption: String) {
        raw("<div class=\"scroll\"><table><caption class=\"meta\">")
        text(caption)
        raw("</caption>\n<thead><tr><th scope=\"col\">Actor or topic</th><th scope=\"col\">Stories</th><th scope=\"col\">Change</th>")
        raw("<th scope=\"col\">14 days</th></tr></thead><tbody>\n")
        for trend in trends {
            raw("<tr><th scope=\"row\"><a href=\"#\(view.anchor(trend))\">")
            text(trend.name)
            raw("</a> <span class=\"kind\">\(trend.kind.rawValue)</span>")
            if trend.spike { raw(" <span class=\"spike\">spike</span>") }
            raw("</th><td class=\"n\">\(trend.stories)</td><td>\(view.change(trend))")
            if let baseline = trend.baseline { raw(" <span class=\"meta\">vs \(DigestView.oneDecimal(baseline))/day</span>") }
            let label = "\(trend.name), stories a day over 14 days: \(trend.history.map(String.init).joined(separator: ", "))"
            raw("</td><td><svg class=\"spark\" width=\"112\" height=\"24\" viewBox=\"0 0 112 24\" role=\"img\" aria-label=\"")
            text(label)
            raw("\"><title>")
            text(label)
            raw("</title><polyline points=\"\(DigestView.sparkline(trend.history))\"/></svg></td></tr>\n")
        }
        raw("</tbody></table></div>\n")
    }

    private mutating func stories() {
        let stories = view.digest.stories
        raw("<section aria-labelledby=\"stories\"><h2 id=\"stories\">Stories</h2>\n")
        for story in stories.prefix(DigestView.openStories) { card(story) }
        let rest = stories.dropFirst(DigestView.openStories)
        if !rest.isEmpty {
            raw("<details><summary>\(rest.count) more stories</summary>\n")
            for story in rest { card(story) }
            raw("</details>\n")
        }
        if stories.isEmpty { raw("<p>No story named a watched actor or topic.</p>\n") }
        raw("</section>\n")
    }

    private mutating func card(_ story: Digest.Story) {
        raw("<article id=\"s-\(story.number)\"><h3><span class=\"num\">\(story.number).</span>")
        link(story.link, story.title)
        raw("</h3>\n<p class=\"meta\"><time datetime=\"\(view.iso(story.time))\">\(view.clock(story.time))</time> · ")
        raw("\(story.outlets.count) \(story.outlets.count == 1 ? "outlet" : "outlets"): ")
        for (k, outlet) in story.outlets.enumerated() {
            if k > 0 { raw(", ") }
            link(outlet.link, outlet.feed)
        }
        raw("</p>\n")
        if !story.snippet.isEmpty {
            raw("<blockquote>")
            text(story.snippet)
            raw("</blockquote>\n")
        }
        raw("<p class=\"chips\">")
        for id in story.actors { chip(prefix: "a", id: id) }
        for id in story.topics { chip(prefix: "t", id: id) }
        if !story.rules.isEmpty {
            raw("<span class=\"meta\">alerted: ")
            text(story.rules.joined(separator: ", "))
            raw("</span>")
        }
        raw("</p></article>\n")
    }

    private mutating func chip(prefix: String, id: String) {
        raw("<a href=\"#\(view.anchor(prefix, id))\">")
        text(view.name(prefix, id))
        raw("</a>")
    }

    private mutating func storyReference(_ number: Int) {
        raw("<li value=\"\(number)\"><a href=\"#s-\(number)\">")
        text(view.title(number))
        raw("</a></li>")
    }

    private mutating func sections(_ sections: [Digest.Section], prefix: String, id: String, title: String, withLabel: String) {
        guard !sections.isEmpty else { return }
        raw("<section aria-labelledby=\"\(id)\"><h2 id=\"\(id)\">\(title)</h2>\n")
        for section in sections {
            let anchor = view.anchor(prefix, section.id)
            raw("<section aria-labelledby=\"\(anchor)\"><h3 id=\"\(anchor)\">")
            text(section.name)
            raw(" <span class=\"meta\">— \(section.stories.count) \(view.plural(section.stories.count, "story")), ")
            raw("\(section.items) \(view.plural(section.items, "item"))</span></h3>\n<ol class=\"refs\">")
            for number in section.stories.prefix(DigestView.openPerSection) { storyReference(number) }
            raw("</ol>\n")
            let rest = section.stories.dropFirst(DigestView.openPerSection)
            if !rest.isEmpty {
                raw("<details><summary>\(rest.count) more</summary><ol class=\"refs\">")
                for number in rest { storyReference(number) }
                raw("</ol></details>\n")
            }
            if !section.with.isEmpty {
                raw("<p class=\"meta\">\(withLabel): ")
                for (k, related) in section.with.enumerated() {
                    if k > 0 { raw(", ") }
                    raw("<a href=\"#\(view.anchor("a", related.id))\">")
                    text(related.name)
                    raw("</a> (\(related.stories))")
                }
                raw("</p>\n")
            }
            raw("</section>")
        }
        raw("</section>\n")
    }

    private mutating func quotes() {
        guard !view.digest.quotes.isEmpty else { return }
        raw("<section aria-labelledby=\"quotes\"><h2 id=\"quotes\">Quotes of the day</h2><ul class=\"quotes\">\n")
        for quote in view.digest.quotes {
            raw("<li><blockquote>“")
            text(quote.text)
            raw("”</blockquote><span>— <strong>")
            text(quote.speaker)
            raw("</strong>")
            if let verb = quote.verb, !verb.isEmpty {
                raw(", ")
                text(verb)
            }
            raw(" · ")
            link(quote.link, quote.feed)
            raw(" · <a href=\"#s-\(quote.story)\">story \(quote.story)</a></span></li>\n")
        }
        raw("</ul></section>\n")
    }

    private mutating func alerts() {
        guard !view.digest.alerts.isEmpty else { return }
        raw("<section aria-labelledby=\"alerts\"><h2 id=\"alerts\">Alerts</h2><div class=\"scroll\"><table>")
        raw("<caption class=\"meta\">Alerts raised this day, by rule</caption>\n")
        raw("<thead><tr><th scope=\"col\">Rule</th><th scope=\"col\">Alerts</th><th scope=\"col\">Stories</th></tr></thead><tbody>\n")
        for rule in view.digest.alerts {
            raw("<tr><th scope=\"row\">")
            text(rule.rule)
            raw("</th><td>\(rule.alerts) <span class=\"meta\">(")
            text(DigestView.kinds(rule))
            raw(")</span></td><td>")
            for (k, number) in rule.stories.enumerated() {
                if k > 0 { raw(", ") }
                raw("<a href=\"#s-\(number)\">\(number)</a>")
            }
            raw("</td></tr>\n")
        }
        raw("</tbody></table></div></section>\n")
    }
}
