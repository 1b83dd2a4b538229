import Foundation
import Testing

@testable import Extractor

/// Main-text extraction scored as the held-out set will score it: token F1 against the true text.
@Suite("Main text")
struct MainTextTests {
    static let pages = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/pages")

    static func f1(_ got: String, _ truth: String) -> Double {
        var tokenizer = Tokenizer()
        var counts: [String: Int] = [:]
        for token in tokenizer.tokens(truth) { counts[token.normalized, default: 0] += 1 }
        let gotTokens = tokenizer.tokens(got).map(\.normalized)
        let truthCount = counts.values.reduce(0, +)
        var overlap = 0
        for token in gotTokens where counts[token, default: 0] > 0 {
            overlap += 1
            counts[token]! -= 1
        }
        guard overlap > 0 else { return 0 }
        let precision = Double(overlap) / Double(gotTokens.count), recall = Double(overlap) / Double(truthCount)
        return 2 * precision * recall / (precision + recall)
    }

    @Test("an article page: the story without menus, ads, related links, comments or banners")
    func articlePage() throws {
        let html = try String(contentsOf: Self.pages.appendingPathComponent("news-article.html"), encoding: .utf8)
        let truth = try String(contentsOf: Self.pages.appendingPathComponent("news-article.txt"), encoding: .utf8)
        let document = MainText.extract(html)
        let score = Self.f1(document.text, truth)
        #expect(score >= 0.9, "F1 \(score)\n\(document.text)")
        for clutter in ["cookies", "Related", "Comments", "newsletter", "Advertisement", "Share on", "rights reserved", "Sport"] {
            #expect(!document.text.contains(clutter), "\(clutter)")
        }
        #expect(document.title == "Putin and Orbán meet in Beijing | Example News")
        // The whole-page text is much worse: the point of main-text extraction.
        #expect(Self.f1(HTMLText.convert(html).text, truth) < score - 0.1)
    }

    @Test("a page with no paragraphs falls back to its whole text")
    func fallback() {
        #expect(MainText.extract("<html><body><div>Short note.</div></body></html>").text == "Short note.")
        #expect(MainText.extract("").text == "")
    }
}

/// Page layouts the first extractor lost the story in, each written here from scratch.
@Suite("Main text layouts")
struct MainTextLayoutTests {
    static let story = [
        "The harbour authority approved the new ferry timetable on Monday, after two years of delays and complaints from commuters.",
        "Under the plan, boats will leave every twenty minutes at peak hours, and the last crossing will be an hour later than now.",
        "Residents of the islands, who had campaigned for the change, said the decision would let them keep jobs on the mainland.",
        "The operator warned, however, that fares would rise by five percent next spring to pay for the extra crews and fuel.",
    ]

    func paragraphs(_ range: Range<Int>) -> String { Self.story[range].map { "<p>\($0)</p>" }.joined() }

    func expectStory(_ html: String, _ line: Int = #line) {
        let text = MainText.extract(html).text
        for sentence in Self.story { #expect(text.contains(sentence), "line \(line): missing \(sentence.prefix(40))\n\(text)") }
    }

    @Test("a story split over several wrappers is taken whole")
    func splitStory() {
        expectStory(
            """
            <html><body><div class="page"><div class="intro">\(paragraphs(0..<1))</div>
            <div class="content-wrapper"><div class="text">\(paragraphs(1..<2))</div></div>
            <div class="content-wrapper"><div class="text">\(paragraphs(2..<3))</div></div>
            <div class="content-wrapper"><div class="text">\(paragraphs(3..<4))</div></div></div>
            <div class="footer-links"><a href="/a">About us</a> <a href="/b">Contact</a></div></body></html>
            """)
    }

    @Test("a wrapper named like clutter, or an HTML5 header or aside, that holds the story is the story")
    func misnamedWrappers() {
        let body = paragraphs(0..<4) + paragraphs(0..<4)
        expectStory("<html><body><div class=\"share-zone\"><div class=\"text-zone\">\(body)</div></div></body></html>")
        expectStory("<html><body><header><nav><a href=\"/\">Home</a></nav><article>\(body)</article></header></body></html>")
        expectStory("<html><body><aside class=\"direct-content\"><article>\(body)</article></aside></body></html>")
        expectStory("<html><body class=\"single cookies-not-set\"><div class=\"entry-content\">\(body)</div></body></html>")
    }

    @Test("furniture inside the story's container is left out")
    func furniture() {
        let html = """
            <html><body><article><p class="date">12.03.2021</p>\(paragraphs(0..<4))
            <p>Share this article:</p><p>Related posts</p><p>Read more: Ferry strike ends after a week</p>
            <div class="author-box"><p>Jane Roe writes about transport and the islands for the paper since 2009.</p></div>
            <p>3 Min Read</p><p>Wir verwenden Cookies, um Ihnen das beste Erlebnis zu bieten.</p></article></body></html>
            """
        let text = MainText.extract(html).text
        for clutter in ["12.03.2021", "Share this", "Related posts", "Read more", "Jane Roe", "Min Read", "Cookies"] {
            #expect(!text.contains(clutter), "\(clutter)\n\(text)")
        }
        #expect(text.contains(Self.story[3]))
    }
}

@Suite("Main text, hostile layouts")
struct MainTextHostileTests {
    @Test("hundreds of nested clutter-named wrappers around a long story: the story, judged by bounded walks")
    func nestedWrappers() {
        let body = (0..<3000).map { "<p>Paragraph \($0) of the story, with commas, and words enough to count as prose.</p>" }.joined()
        let html =
            "<html><body>" + String(repeating: "<div class=\"share\">", count: 250) + body
            + String(repeating: "</div>", count: 250) + "</body></html>"
        let text = MainText.extract(html).text
        #expect(text.contains("Paragraph 0 of the story"))
        #expect(text.contains("Paragraph 2999 of the story"))
    }
}

/// One test per rule of the second round, each with a page that needs it and one that must not trip it.
@Suite("Main text rules")
struct MainTextRuleTests {
    static let story = MainTextLayoutTests.story
    func paragraphs(_ range: Range<Int>) -> String { Self.story[range].map { "<p>\($0)</p>" }.joined() }
    func text(_ html: String) -> String { MainText.extract(html).text }

    @Test("soft hyphens and zero-width spaces vanish, decomposed accents are composed; joiners and no-break spaces stay")
    func invisibleCharacters() {
        let converted = HTMLText.convert("<p>Fahr&shy;plan\u{200B}wechsel f\u{0075}\u{0308}r Pendler</p>").text
        #expect(Array(converted.utf8) == Array("Fahrplanwechsel für Pendler".utf8))
        // U+200D joins an emoji; U+00A0 is a space that does not collapse.
        #expect(HTMLText.convert("<p>👩\u{200D}💻&nbsp;&nbsp;on deck</p>").text == "👩\u{200D}💻  on deck")
    }

    @Test("script text counts for nothing: a clutter-named box with a tracking script does not hold a story")
    func scriptsAreNotText() {
        let script = "<script>" + String(repeating: "track('view', {page: 1, user: 2});", count: 100) + "</script>"
        let html =
            "<html><body><article>\(paragraphs(0..<4))<div class=\"author-box\"><p>Jane Roe covers the islands.</p>\(script)</div>"
            + "</article></body></html>"
        #expect(!text(html).contains("Jane Roe"))
        #expect(text(html).contains(Self.story[3]))
    }

    @Test("hidden elements and MathML's TeX are left out, unless a hidden block holds the whole story")
    func hiddenElements() {
        let formula = "<span style=\"display: none\"><math><mi>N</mi><annotation>{\\displaystyle N}</annotation></math></span>"
        let html = """
            <html><body><article><p>Given a set of \(formula) harbours, each with its own timetable, the model finds a common one.</p>
            \(paragraphs(0..<4))<div hidden><p>Subscribe now for a discount on every crossing this summer.</p></div></article></body></html>
            """
        let got = text(html)
        #expect(got.contains("Given a set of harbours"))
        #expect(!got.contains("displaystyle") && !got.contains("Subscribe"))
        // A page that hides its story until a script reveals it still has a story; a visible style is no hiding.
        let long = paragraphs(0..<4) + paragraphs(0..<4)
        #expect(text("<html><body><div style=\"display:none\">\(long)</div></body></html>").contains(Self.story[2]))
        #expect(text("<html><body><div style=\"display: block\">\(paragraphs(0..<4))</div></body></html>").contains(Self.story[2]))
    }

    @Test("a page that draws its story with scripts gives the story its JSON-LD declares; a page with its story in HTML keeps it")
    func declaredBody() {
        let body = Self.story.joined(separator: " ") + " " + Self.story.joined(separator: " ")
        let json = "<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", \"articleBody\": \"\(body)\"}</script>"
        let shell = "<html><head>\(json)</head><body><div id=\"app\"><p>Loading the ferry story, please wait.</p></div></body></html>"
        #expect(text(shell).contains(Self.story[3]))
        let teaser =
            "<script type=\"application/ld+json\">{\"articleBody\": \"A short teaser about ferries, boats and harbours.\"}</script>"
        let page = "<html><head>\(teaser)</head><body><article>\(paragraphs(0..<4))</article></body></html>"
        #expect(text(page).contains(Self.story[0]) && !text(page).contains("short teaser"))
    }

    @Test("a container that is its parent's only child stands for the parent: an intro beside the wrapper is kept")
    func onlyChild() {
        let intro = "Commuters will get more boats and later crossings, and pay a little more for them."
        let html = """
            <html><body><div class="col"><h3>Transport</h3><p class="intro">\(intro)</p>
            <div class="group"><div class="long">\(paragraphs(0..<4))\(paragraphs(0..<4))</div></div>
            <div class="group"><a href="/a">Ferry strike ends</a> <a href="/b">Bridge plans</a> <a href="/c">Bus lanes</a></div>
            </div></body></html>
            """
        let got = text(html)
        #expect(got.contains(intro) && got.contains(Self.story[3]))
        #expect(!got.contains("Bridge plans"))
    }

    @Test("an article's own header (headline, standfirst) is kept; a teaser card's header and a byline are not")
    func articleHeader() {
        let html = """
            <html><head><title>Ferry timetable approved | Example Times</title></head><body>
            <header class="site"><a href="/">Example Times</a><p>News from the islands since 1901</p></header>
            <article><header><h1>Ferry timetable approved</h1><p class="standfirst">Boats every twenty minutes from spring, at a price.</p>
            <div class="byline">By Jane Roe</div></header><div class="entry-body">\(paragraphs(0..<4))</div>
            <div class="more"><article><header><h3>Bridge plans shelved</h3>
            <p>The council ran out of money for the bridge again.</p></header></article></div>
            </article></body></html>
            """
        let got = text(html)
        #expect(got.hasPrefix("Ferry timetable approved"))
        #expect(got.contains("Boats every twenty minutes") && got.contains(Self.story[3]))
        for clutter in ["Jane Roe", "since 1901", "Bridge plans", "ran out of money"] { #expect(!got.contains(clutter), "\(clutter)") }
    }

    @Test("the headline is the <h1> the title repeats, with its subtitle — not the logo's <h1>, even inside the page header")
    func headline() {
        let html = """
            <html><head><title>Ferry timetable approved – Example Times</title></head><body>
            <header><h1 class="brand"><a href="https://example.com/">Example Times</a></h1>
            <div class="head"><h1><a href="https://example.com/2024/ferry-timetable">Ferry timetable approved</a></h1>
            <h2>Boats every twenty minutes from spring</h2></div></header>
            <main><div class="text">\(paragraphs(0..<4))</div></main></body></html>
            """
        let got = text(html)
        #expect(got.hasPrefix("Ferry timetable approved\n\nBoats every twenty minutes from spring"), "\(got)")
        #expect(!got.contains("Example Times"))
        // No title to go by: a plain <h1> in the site's header is the site's name, not the story's.
        let blog = "<html><body><header><h1>Island Notes</h1></header><main>\(paragraphs(0..<4))</main></body></html>"
        #expect(!text(blog).contains("Island Notes"))
    }

    @Test(
        "class names: a clutter word beats a story word in one name; heading ids, BEM modifiers and span classes in a paragraph say nothing"
    )
    func classNames() {
        let html = """
            <html><body><div class="l-outer--nav"><article class="post">
            <section class="article-section--has-ads">\(paragraphs(0..<2))<h2 id="nav_the_new_timetable">The new timetable</h2>
            <p>\(Self.story[2].replacingOccurrences(of: "Residents", with: "<span class=\"tags-highlight\">Residents</span>"))</p>
            \(paragraphs(3..<4))</section>
            <div class="related-articles">
            <p>Other towns, with ferries of their own, have asked for the same timetable as the islands got this year.</p></div>
            <div class="it-ad-wrapper"><p>Cheap flights to the islands, book now, with free seat selection and a bag.</p></div>
            <div class="next-post"><p>Next: the bus company, too, wants to change its timetable, and the unions object to it.</p></div>
            <div class="entry-meta"><p>Filed under Transport, Islands, Ferries by the news desk, 12 March.</p></div>
            </article></div></body></html>
            """
        let got = text(html)
        for sentence in Self.story { #expect(got.contains(sentence), "\(sentence.prefix(30))") }
        #expect(got.contains("The new timetable"))
        for clutter in ["Other towns", "Cheap flights", "bus company", "Filed under"] {
            #expect(!got.contains(clutter), "\(clutter)\n\(got)")
        }
        // Short clutter words are whole parts of a name: "head" and "download" hold "ad", "load" too.
        #expect(Boilerplate.classWeight("story-head download-box") == 25)
        #expect(Boilerplate.classWeight("ad-slot") == -25 && Boilerplate.classWeight("cta-global") == -25)
    }

    @Test("datelines, bylines and bracketed credits are furniture; a sentence that opens with a date or 'By' is not")
    func furnitureLines() {
        for line in [
            "19.03.2019 11:45 | von Jane Roe", "Do 24. Mai 2018, 08:30 | Anzeige", "12.06.2016 um 16:14 Uhr - - 91 Kommentare",
            "Mon 20 Jan 2020 06.05 GMT Last modified on Mon 20 Jan 2020 06.07 GMT", "mercredi 11 septembre 2019", "By Jane Roe", "Von",
            "(Credit: Jane Roe / Agency)", "[Photo: Harbour Authority]",
        ] {
            #expect(Boilerplate.isFurniture(line), "\(line)")
        }
        for line in [
            "BERLIN, 12.03.2021 – The government approved the new ferry budget on Monday.", "By the end of the year, fares rose.",
            "The crossing takes 40 minutes (credit: the new engines).",
        ] {
            #expect(!Boilerplate.isFurniture(line), "\(line)")
        }
    }

    @Test("a paragraph of links only is a list of other stories; a paragraph with one link, or links in prose, is the story's")
    func linkParagraphs() {
        let html = """
            <html><body><article>\(paragraphs(0..<3))
            <p><a href="/a">Bridge plans shelved again</a><br><a href="/b">Bus lanes for the harbour road</a></p>
            <p><a href="/report">The operator's report on fares</a></p>
            <p>See <a href="/x">the plan</a> and <a href="/y">the map</a> for the details of every crossing.</p>
            \(paragraphs(3..<4))</article></body></html>
            """
        let got = text(html)
        #expect(!got.contains("Bridge plans") && !got.contains("Bus lanes"))
        #expect(got.contains("The operator's report on fares") && got.contains("See the plan and the map"))
    }

    @Test("a block of links is judged without its indentation; a block with a paragraph of its own keeps the paragraph")
    func linkBlocks() {
        // Indentation between the links is no text of the block's own: 16 spaces a link made it "a third links".
        let links = ["Ferries", "Harbours", "Islands", "Fares", "Weather"].map {
            "\n        <span>\n                <a href=\"/\($0)\">\($0)</a>\n        </span>"
        }.joined()
        let html = """
            <html><body><article>\(paragraphs(0..<4))<div class="row">\(links)
            </div><div class="programs"><h2><a href="/programs">Our programs</a></h2>
            <p>The authority runs several programmes for the islands, their harbours and the people who work there.</p>
            <ul><li><a href="/p/1">Harbour safety and inspections</a></li><li><a href="/p/2">Island schools and their boats</a></li>
            <li><a href="/p/3">Fishing quotas and licences</a></li></ul></div></article></body></html>
            """
        let got = text(html)
        #expect(!got.contains("Harbours") && !got.contains("Fishing quotas"), "\(got)")
        #expect(got.contains("The authority runs several programmes"))
    }

    @Test("list items are scored like paragraphs: a story told in a list beats a one-paragraph box")
    func listStory() {
        let items = Self.story.map { "<li>\($0)</li>" }.joined()
        let html = """
            <html><body><div class="box"><p>About us: we write about boats, harbours and the sea, every week.</p></div>
            <div class="main"><h2>What changes</h2><ul>\(items)</ul></div></body></html>
            """
        let got = text(html)
        for sentence in Self.story { #expect(got.contains(sentence)) }
        #expect(!got.contains("About us"))
    }

    @Test("the best container's own wrappers are not more strong blocks: a teaser beside the story stays out")
    func wrappersAreNotBlocks() {
        // The story's wrapper scores half the story, the teaser 46 %: counted as three strong blocks, they
        // made the whole page the story.
        let other =
            "<p>Bridge plans, shelved in May, are back, the council says, with money, at last, from the state.</p>"
            + "<p><a href=\"/bridge\">The bridge, the council says, will cost less</a> than the tunnel, and take two years, or three.</p>"
        let html = """
            <html><body><div class="page"><div class="w"><div class="x">\(paragraphs(0..<4))\(paragraphs(0..<2))</div></div>
            <div class="side"><div class="y">\(other)</div><a href="/more">More from the council</a></div></div></body></html>
            """
        let got = text(html)
        #expect(got.contains(Self.story[3]))
        #expect(!got.contains("Bridge plans"))
        // A wrapper scoring more than half the story's score (68 % here) holds more of it: with a list of
        // advice beside the story, it makes the three strong blocks, and its lead is kept.
        let lead = "Fares go up, boats come more often: what changes for commuters."
        let advice = [
            "Buy a season ticket before the first of March, while fares are still low.",
            "Check the new times, which change in spring, on the operator's site.",
            "Ask, if you work shifts, for the night boat, which runs on Fridays and Saturdays.",
            "Keep, as before, your old ticket: it stays valid, with no surcharge, until June.",
        ].map { "<li>\($0)</li>" }.joined()
        let spread = """
            <html><body><div class="page"><div class="main-content"><p><strong>\(lead)</strong></p>
            <div class="sec"><div class="box"><div class="text-content">\(paragraphs(0..<4))</div></div></div>
            <div class="sec"><h2>What to do</h2><ul>\(advice)</ul></div></div>
            <div class="links"><a href="/a">Bridge</a> <a href="/b">Buses</a></div></div></body></html>
            """
        #expect(text(spread).contains(lead) && text(spread).contains("night boat"))
    }

    @Test("short feed-item HTML keeps its text: a couple of paragraphs and a link")
    func feedItem() {
        let html =
            "<p>The ferry timetable was approved on Monday.</p>"
            + "<p>Boats will run every twenty minutes. <a href=\"https://example.com/x\">Read more</a></p>"
        let got = text(html)
        #expect(got.contains("The ferry timetable was approved on Monday.") && got.contains("Boats will run every twenty minutes."))
        #expect(
            text("<p><a href=\"https://example.com/a\">Ferry timetable approved</a></p><p>Boats every twenty minutes.</p>").contains(
                "Ferry timetable approved"))
    }
}
