import Mustache

/// The digest's Markdown and HTML templates. Both follow one outline: header with the day, window
/// and counts; contents; at a glance (trend table, leading stories); stories (each once); actors and
/// topics (their stories, by number); quotes of the day; alerts.
enum DigestTemplates {
    /// Text from feeds is escaped for Markdown, as it is for HTML in the HTML digest: a hostile title
    /// must not become a link, an image, raw HTML, a table cell or a heading in a Markdown viewer.
    struct MarkdownContentType: MustacheContentType {
        func escapeText(_ text: String) -> String {
            var out = ""
            for character in text {
                switch character {
                // Enough to stop links, images, inline HTML, code, emphasis and table cells.
                case "\\", "`", "*", "_", "[", "]", "<", ">", "|": out += "\\" + String(character)
                case "\n", "\r": out += " "
                default: out.append(character)
                }
            }
            return out
        }
    }

    static let markdown: MustacheLibrary = {
        MustacheContentTypes.register(MarkdownContentType(), named: "MARKDOWN")
        return library(markdownSource, markdownPartials)
    }()

    static let html = library(htmlSource, htmlPartials)

    private static func library(_ main: String, _ partials: [String: String]) -> MustacheLibrary {
        var library = MustacheLibrary()
        try! library.register(main, named: "digest")
        for (name, source) in partials { try! library.register(source, named: name) }
        return library
    }

    /// The parts both lists of a kind share (the first shown, the rest folded), as Mustache partials.
    static let markdownPartials = [
        "story": """
        {{% CONTENT_TYPE: MARKDOWN}}

        ### {{number}}. {{#hasLink}}[{{title}}]({{{link}}}){{/hasLink}}{{^hasLink}}{{title}}{{/hasLink}}

        {{time}} · {{outletCount}} {{#manyOutlets}}outlets{{/manyOutlets}}{{^manyOutlets}}outlet{{/manyOutlets}}: {{#outlets}}{{#hasLink}}[{{feed}}]({{{link}}}){{/hasLink}}{{^hasLink}}{{feed}}{{/hasLink}}{{^last}}, {{/last}}{{/outlets}}
        {{#hasSnippet}}

        > {{snippet}}
        {{/hasSnippet}}

        {{#hasActors}}Actors: {{#actors}}{{name}}{{^last}}, {{/last}}{{/actors}}{{/hasActors}}{{#hasTopics}}{{#hasActors}} · {{/hasActors}}Topics: {{#topics}}{{name}}{{^last}}, {{/last}}{{/topics}}{{/hasTopics}}{{#hasRules}} · Alerted: {{rules}}{{/hasRules}}

        """,
        "trend": """
        {{% CONTENT_TYPE: MARKDOWN}}
        | {{name}} ({{kind}}){{#spike}} ⚠ spike{{/spike}} | {{stories}} | {{change}}{{#hasBaseline}} vs {{baseline}}/day{{/hasBaseline}} | {{bars}} |

        """,
        "section": """
        {{% CONTENT_TYPE: MARKDOWN}}

        ### {{name}} — {{storyCount}} {{storyWord}}, {{items}} {{itemWord}}

        {{#top}}
        - story {{number}}: {{title}}
        {{/top}}
        {{#rest}}
        - story {{number}}: {{title}}
        {{/rest}}
        {{#hasWith}}

        {{withLabel}}: {{#with}}{{name}} ({{stories}}){{^last}}, {{/last}}{{/with}}
        {{/hasWith}}

        """,
    ]

    static let htmlPartials = [
        "trend": #"""
        <tr><th scope="row"><a href="#{{anchor}}">{{name}}</a> <span class="kind">{{kind}}</span>{{#spike}} <span class="spike">spike</span>{{/spike}}</th><td class="n">{{stories}}</td><td>{{change}}{{#hasBaseline}} <span class="meta">vs {{baseline}}/day</span>{{/hasBaseline}}</td><td><svg class="spark" width="112" height="24" viewBox="0 0 112 24" role="img" aria-label="{{name}}, stories a day over 14 days: {{historyText}}"><title>{{name}}, stories a day over 14 days: {{historyText}}</title><polyline points="{{points}}"/></svg></td></tr>
        """#,
        "story": #"""
        <article id="{{anchor}}"><h3><span class="num">{{number}}.</span>{{#hasLink}}<a href="{{link}}">{{title}}</a>{{/hasLink}}{{^hasLink}}{{title}}{{/hasLink}}</h3>
        <p class="meta"><time datetime="{{datetime}}">{{time}}</time> · {{outletCount}} {{#manyOutlets}}outlets{{/manyOutlets}}{{^manyOutlets}}outlet{{/manyOutlets}}: {{#outlets}}{{#hasLink}}<a href="{{link}}">{{feed}}</a>{{/hasLink}}{{^hasLink}}{{feed}}{{/hasLink}}{{^last}}, {{/last}}{{/outlets}}</p>
        {{#hasSnippet}}<blockquote>{{snippet}}</blockquote>{{/hasSnippet}}
        <p class="chips">{{#actors}}<a href="#{{anchor}}">{{name}}</a>{{/actors}}{{#topics}}<a href="#{{anchor}}">{{name}}</a>{{/topics}}{{#hasRules}}<span class="meta">alerted: {{rules}}</span>{{/hasRules}}</p></article>
        """#,
        "section": #"""
        <section aria-labelledby="{{anchor}}"><h3 id="{{anchor}}">{{name}} <span class="meta">— {{storyCount}} {{storyWord}}, {{items}} {{itemWord}}</span></h3>
        <ol class="refs">{{#top}}<li value="{{number}}"><a href="#{{anchor}}">{{title}}</a></li>{{/top}}</ol>
        {{#hasRest}}<details><summary>{{restCount}} more</summary><ol class="refs">{{#rest}}<li value="{{number}}"><a href="#{{anchor}}">{{title}}</a></li>{{/rest}}</ol></details>{{/hasRest}}
        {{#hasWith}}<p class="meta">{{withLabel}}: {{#with}}<a href="#{{anchor}}">{{name}}</a> ({{stories}}){{^last}}, {{/last}}{{/with}}</p>{{/hasWith}}
        </section>
        """#,
    ]

    static let markdownSource = """
        {{% CONTENT_TYPE: MARKDOWN}}
        # feedwatch digest — {{longDate}}

        {{windowStart}} – {{windowEnd}} ({{timezone}}) · **{{items}}** new {{itemsWord}} in **{{storyCount}}** {{storiesWord}} · **{{watchedStories}}** name a watched actor or topic, from **{{feeds}}** {{feedsWord}} · **{{alertCount}}** {{alertsWord}} · **{{quoteCount}}** {{quotesWord}}
        {{#hasOlder}}

        {{olderItems}} {{olderWord}} first seen this day but published long before (over `alerts.maxAgeHours`) left out.
        {{/hasOlder}}

        Contents: At a glance · Stories · Actors · Topics · Quotes of the day · Alerts

        ## At a glance
        {{#shortHistory}}

        {{historyText}}
        {{/shortHistory}}
        {{#hasTrends}}

        | Actor or topic | Stories | Change vs baseline | Last 14 days |
        |---|--:|---|---|
        {{#trendsTop}}
        {{> trend}}
        {{/trendsTop}}
        {{#trendsRest}}
        {{> trend}}
        {{/trendsRest}}
        {{/hasTrends}}
        {{^hasTrends}}

        No watched actor or topic appeared this day.
        {{/hasTrends}}
        {{#hasStories}}

        Leading stories:
        {{#leading}}
        {{number}}. {{title}}
        {{/leading}}
        {{/hasStories}}

        ## Stories
        {{#storiesTop}}
        {{> story}}
        {{/storiesTop}}
        {{#storiesRest}}
        {{> story}}
        {{/storiesRest}}
        {{^hasStories}}

        No story named a watched actor or topic.
        {{/hasStories}}
        {{#hasActors}}

        ## Actors
        {{#actors}}
        {{> section}}
        {{/actors}}
        {{/hasActors}}
        {{#hasTopics}}

        ## Topics
        {{#topics}}
        {{> section}}
        {{/topics}}
        {{/hasTopics}}
        {{#hasQuotes}}

        ## Quotes of the day

        {{#quotes}}
        - “{{text}}” — **{{speaker}}**{{#hasVerb}}, {{verb}}{{/hasVerb}} · {{#hasLink}}[{{feed}}]({{{link}}}){{/hasLink}}{{^hasLink}}{{feed}}{{/hasLink}} · story {{story}}
        {{/quotes}}
        {{/hasQuotes}}
        {{#hasAlerts}}

        ## Alerts

        | Rule | Alerts | Stories |
        |---|--:|---|
        {{#alerts}}
        | {{rule}} | {{alerts}} ({{kinds}}) | {{#stories}}{{number}}{{^last}}, {{/last}}{{/stories}} |
        {{/alerts}}
        {{/hasAlerts}}

        """

    static let htmlSource = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="color-scheme" content="light dark">
        <title>feedwatch digest — {{longDate}}</title>
        <style>
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
        </style></head><body>
        <header>
        <h1>feedwatch digest <span>{{longDate}}</span></h1>
        <p class="meta">{{windowStart}} – {{windowEnd}} ({{timezone}})</p>
        <ul class="counts"><li><strong>{{items}}</strong> new {{itemsWord}} in <strong>{{storyCount}}</strong> {{storiesWord}}</li><li><strong>{{watchedStories}}</strong> name a watched actor or topic, from <strong>{{feeds}}</strong> {{feedsWord}}</li><li><strong>{{alertCount}}</strong> {{alertsWord}}</li><li><strong>{{quoteCount}}</strong> {{quotesWord}}</li></ul>
        {{#hasOlder}}<p class="meta">{{olderItems}} {{olderWord}} first seen this day but published long before (over <code>alerts.maxAgeHours</code>) left out.</p>{{/hasOlder}}
        <nav aria-label="Contents"><ol><li><a href="#glance">At a glance</a></li><li><a href="#stories">Stories</a></li>{{#hasActors}}<li><a href="#actors">Actors</a></li>{{/hasActors}}{{#hasTopics}}<li><a href="#topics">Topics</a></li>{{/hasTopics}}{{#hasQuotes}}<li><a href="#quotes">Quotes of the day</a></li>{{/hasQuotes}}{{#hasAlerts}}<li><a href="#alerts">Alerts</a></li>{{/hasAlerts}}</ol></nav>
        </header>
        <main>
        <section aria-labelledby="glance"><h2 id="glance">At a glance</h2>
        {{#shortHistory}}<p class="meta">{{historyText}}</p>{{/shortHistory}}
        {{#hasTrends}}<div class="scroll"><table><caption class="meta">Stories this day per watched actor and topic; change against its baseline, the average of the previous days</caption>
        <thead><tr><th scope="col">Actor or topic</th><th scope="col">Stories</th><th scope="col">Change</th><th scope="col">14 days</th></tr></thead><tbody>
        {{#trendsTop}}{{> trend}}{{/trendsTop}}</tbody></table></div>
        {{#hasTrendsRest}}<details><summary>{{trendsRestCount}} more actors and topics</summary><div class="scroll"><table><caption class="meta">The other actors and topics of the day</caption>
        <thead><tr><th scope="col">Actor or topic</th><th scope="col">Stories</th><th scope="col">Change</th><th scope="col">14 days</th></tr></thead><tbody>
        {{#trendsRest}}{{> trend}}{{/trendsRest}}</tbody></table></div></details>{{/hasTrendsRest}}{{/hasTrends}}
        {{^hasTrends}}<p>No watched actor or topic appeared this day.</p>{{/hasTrends}}
        {{#hasStories}}<h3>Leading stories</h3><ol class="refs">{{#leading}}<li><a href="#{{anchor}}">{{title}}</a></li>{{/leading}}</ol>{{/hasStories}}
        </section>
        <section aria-labelledby="stories"><h2 id="stories">Stories</h2>
        {{#storiesTop}}{{> story}}{{/storiesTop}}
        {{#hasStoriesRest}}<details><summary>{{storiesRestCount}} more stories</summary>
        {{#storiesRest}}{{> story}}{{/storiesRest}}</details>{{/hasStoriesRest}}
        {{^hasStories}}<p>No story named a watched actor or topic.</p>{{/hasStories}}
        </section>
        {{#hasActors}}<section aria-labelledby="actors"><h2 id="actors">Actors</h2>
        {{#actors}}{{> section}}{{/actors}}</section>{{/hasActors}}
        {{#hasTopics}}<section aria-labelledby="topics"><h2 id="topics">Topics</h2>
        {{#topics}}{{> section}}{{/topics}}</section>{{/hasTopics}}
        {{#hasQuotes}}<section aria-labelledby="quotes"><h2 id="quotes">Quotes of the day</h2><ul class="quotes">
        {{#quotes}}<li><blockquote>“{{text}}”</blockquote><span>— <strong>{{speaker}}</strong>{{#hasVerb}}, {{verb}}{{/hasVerb}} · {{#hasLink}}<a href="{{link}}">{{feed}}</a>{{/hasLink}}{{^hasLink}}{{feed}}{{/hasLink}} · <a href="#{{anchor}}">story {{story}}</a></span></li>
        {{/quotes}}</ul></section>{{/hasQuotes}}
        {{#hasAlerts}}<section aria-labelledby="alerts"><h2 id="alerts">Alerts</h2><div class="scroll"><table><caption class="meta">Alerts raised this day, by rule</caption>
        <thead><tr><th scope="col">Rule</th><th scope="col">Alerts</th><th scope="col">Stories</th></tr></thead><tbody>
        {{#alerts}}<tr><th scope="row">{{rule}}</th><td>{{alerts}} <span class="meta">({{kinds}})</span></td><td>{{#stories}}<a href="#{{anchor}}">{{number}}</a>{{^last}}, {{/last}}{{/stories}}</td></tr>
        {{/alerts}}</tbody></table></div></section>{{/hasAlerts}}
        </main>
        </body></html>

        """
}
