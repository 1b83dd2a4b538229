import Foundation
import Mustache

/// Markdown and HTML forms of a digest, from Mustache templates. Escaping is the template engine's:
/// every value from a feed goes through it (HTML escaping in the HTML, Markdown escaping in the
/// Markdown), so a hostile title stays text in both.
enum DigestRendering {
    static func markdown(_ digest: Digest) -> String {
        render(markdownTemplate, digest)
    }

    static func html(_ digest: Digest) -> String {
        render(htmlTemplate, digest)
    }

    private static func render(_ template: MustacheTemplate, _ digest: Digest) -> String {
        template.render(context(digest))
    }

    static func context(_ digest: Digest) -> [String: Any] {
        func entries(_ list: [Digest.Entry]) -> [[String: Any]] {
            list.map { entry in
                [
                    "name": entry.name, "id": entry.id, "count": entry.count,
                    "average": String(format: "%.1f", entry.average7),
                    "change": (entry.change >= 0 ? "+" : "") + String(format: "%.1f", entry.change),
                    "spike": entry.spike,
                    "sparkline": sparkline(entry.history),
                    "history": entry.history.map(String.init).joined(separator: " "),
                    // Only web links are links: a hostile feed's javascript: URL stays text.
                    "articles": entry.articles.map {
                        [
                            "title": $0.title, "feed": $0.feed, "link": safeLink($0.link ?? ""),
                            "hasLink": $0.link.map { $0.hasPrefix("https://") || $0.hasPrefix("http://") } ?? false,
                            "snippet": $0.snippet,
                        ] as [String: Any]
                    },
                    "quotes": entry.quotes.map { ["text": $0.text, "speaker": $0.speaker] },
                    "hasQuotes": !entry.quotes.isEmpty,
                    "related": entry.related.map { ["name": $0.name, "count": $0.count] as [String: Any] },
                    "hasRelated": !entry.related.isEmpty,
                ]
            }
        }
        return [
            "date": digest.date, "timezone": digest.timezone, "items": digest.items,
            "actors": entries(digest.actors), "topics": entries(digest.topics),
            "hasActors": !digest.actors.isEmpty, "hasTopics": !digest.topics.isEmpty,
        ]
    }

    /// A link with the characters that could end it early in Markdown or HTML percent-encoded
    /// (a URL means the same with them encoded).
    static func safeLink(_ link: String) -> String {
        var out = ""
        for scalar in link.unicodeScalars {
            switch scalar {
            case " ", "(", ")", "<", ">", "\"", "'", "`", "\\", "[", "]", "\n", "\r", "\t":
                out += String(format: "%%%02X", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// An inline SVG polyline of the last 14 days (points only: the template draws the frame).
    static func sparkline(_ counts: [Int]) -> String {
        let top = max(1, counts.max() ?? 1)
        let step = counts.count > 1 ? 100.0 / Double(counts.count - 1) : 0
        return counts.enumerated().map { index, count in
            String(format: "%.1f,%.1f", Double(index) * step, 18 - 16 * Double(count) / Double(top))
        }.joined(separator: " ")
    }

    /// Text from feeds is escaped for Markdown, as it is for HTML in the HTML digest: a hostile title
    /// must not become a link, an image, raw HTML or a heading in a Markdown viewer.
    struct MarkdownContentType: MustacheContentType {
        func escapeText(_ text: String) -> String {
            var out = ""
            for character in text {
                switch character {
                // Enough to stop links, images, inline HTML, code and emphasis; the rest reads as it is.
                case "\\", "`", "*", "_", "[", "]", "<", ">": out += "\\" + String(character)
                case "\n", "\r": out += " "
                default: out.append(character)
                }
            }
            return out
        }
    }

    static let markdownTemplate: MustacheTemplate = {
        MustacheContentTypes.register(MarkdownContentType(), named: "MARKDOWN")
        return try! MustacheTemplate(string: markdownSource)
    }()

    static let markdownSource = """
        {{% CONTENT_TYPE: MARKDOWN}}
        # feedwatch digest — {{{date}}}

        {{{items}}} new items ({{{timezone}}}).
        {{#hasActors}}

        ## Actors
        {{#actors}}

        ### {{name}} — {{{count}}} items{{#spike}} ⚠ spike{{/spike}}

        {{{change}}} against the 7-day average of {{{average}}}. Last 14 days: {{{history}}}.
        {{#articles}}
        - {{#hasLink}}[{{title}}]({{{link}}}){{/hasLink}}{{^hasLink}}{{title}}{{/hasLink}} — {{feed}}
          > {{snippet}}
        {{/articles}}
        {{#hasQuotes}}

        Quotes:
        {{#quotes}}
        - “{{text}}” — {{speaker}}
        {{/quotes}}
        {{/hasQuotes}}
        {{#hasRelated}}

        Mentioned with: {{#related}}{{name}} ({{{count}}}) {{/related}}
        {{/hasRelated}}
        {{/actors}}
        {{/hasActors}}
        {{#hasTopics}}

        ## Topics
        {{#topics}}

        ### {{name}} — {{{count}}} items{{#spike}} ⚠ spike{{/spike}}

        {{{change}}} against the 7-day average of {{{average}}}.
        {{#articles}}
        - {{#hasLink}}[{{title}}]({{{link}}}){{/hasLink}}{{^hasLink}}{{title}}{{/hasLink}} — {{feed}}
          > {{snippet}}
        {{/articles}}
        {{#hasRelated}}

        Actors: {{#related}}{{name}} ({{{count}}}) {{/related}}
        {{/hasRelated}}
        {{/topics}}
        {{/hasTopics}}

        """

    static let htmlTemplate = try! MustacheTemplate(
        string: """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>feedwatch digest — {{date}}</title>
            <style>
            body{font:16px/1.5 system-ui,-apple-system,Segoe UI,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
            h1{font-size:1.6rem}h2{margin-top:2.2rem;border-bottom:1px solid #ddd}h3{margin-bottom:.2rem}
            .meta{color:#666}.spike{background:#fde2e1;color:#a4161a;padding:0 .4rem;border-radius:.3rem;font-size:.85rem}
            svg{vertical-align:middle;margin-left:.5rem}blockquote{margin:.2rem 0 .6rem 1rem;color:#444}
            ul{padding-left:1.2rem}.quote{font-style:italic}.related{color:#555;font-size:.9rem}
            </style></head><body>
            <h1>feedwatch digest — {{date}}</h1>
            <p class="meta">{{items}} new items · {{timezone}}</p>
            {{#hasActors}}<h2>Actors</h2>{{/hasActors}}
            {{#actors}}
            <section><h3>{{name}} — {{count}} items {{#spike}}<span class="spike">spike</span>{{/spike}}
            <svg width="100" height="20" viewBox="0 0 100 20" role="img" aria-label="last 14 days: {{history}}"><polyline fill="none" stroke="#2a6fdb" stroke-width="1.5" points="{{sparkline}}"/></svg></h3>
            <p class="meta">{{change}} against the 7-day average of {{average}}</p>
            <ul>{{#articles}}<li>{{#hasLink}}<a href="{{link}}">{{title}}</a>{{/hasLink}}{{^hasLink}}{{title}}{{/hasLink}} <span class="meta">— {{feed}}</span><blockquote>{{snippet}}</blockquote></li>{{/articles}}</ul>
            {{#hasQuotes}}<ul>{{#quotes}}<li class="quote">“{{text}}” — {{speaker}}</li>{{/quotes}}</ul>{{/hasQuotes}}
            {{#hasRelated}}<p class="related">Mentioned with: {{#related}}{{name}} ({{count}}) {{/related}}</p>{{/hasRelated}}
            </section>
            {{/actors}}
            {{#hasTopics}}<h2>Topics</h2>{{/hasTopics}}
            {{#topics}}
            <section><h3>{{name}} — {{count}} items {{#spike}}<span class="spike">spike</span>{{/spike}}
            <svg width="100" height="20" viewBox="0 0 100 20" role="img" aria-label="last 14 days: {{history}}"><polyline fill="none" stroke="#2a6fdb" stroke-width="1.5" points="{{sparkline}}"/></svg></h3>
            <p class="meta">{{change}} against the 7-day average of {{average}}</p>
            <ul>{{#articles}}<li>{{#hasLink}}<a href="{{link}}">{{title}}</a>{{/hasLink}}{{^hasLink}}{{title}}{{/hasLink}} <span class="meta">— {{feed}}</span><blockquote>{{snippet}}</blockquote></li>{{/articles}}</ul>
            {{#hasRelated}}<p class="related">Actors: {{#related}}{{name}} ({{count}}) {{/related}}</p>{{/hasRelated}}
            </section>
            {{/topics}}
            </body></html>

            """)
}
