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
