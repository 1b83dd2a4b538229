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
