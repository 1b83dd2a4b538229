import ArgumentParser
import Extractor
import Foundation

/// `feedwatch-bench stories`: how well the story fingerprint tells copies of one article from
/// different articles, on real news text (the devset's articles: first line the title).
///
/// False merges: pairs of different articles whose fingerprints match (a shared title key, or
/// SimHashes within the distance). Recall: copies of each article changed the way outlets change
/// wire copy — a boilerplate line added, a few words edited, cut short — found at each distance.
struct StoryBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stories",
        abstract: "Near-duplicate detection on real articles: false merges and recall per SimHash distance."
    )

    @Argument(help: "A JSON Lines file of articles ({\"id\", \"text\"}; the text's first line is the title).")
    var docs: String

    func run() throws {
        let articles = try String(contentsOfFile: docs, encoding: .utf8).split(separator: "\n").compactMap { line -> (String, String)? in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let text = object["text"] as? String
            else { return nil }
            let lines = text.split(separator: "\n", maxSplits: 1)
            return (String(lines.first ?? ""), lines.count > 1 ? String(lines[1]) : "")
        }
        let clock = ContinuousClock()
        let start = clock.now
        let prints = articles.map { StoryFingerprint(title: $0.0, text: $0.1, canonicalLink: nil) }
        let seconds = (clock.now - start).seconds
        let words = articles.reduce(0) { $0 + $1.1.split(separator: " ").count }
        print("articles: \(articles.count), with a signature: \(prints.filter { $0.signature != nil }.count), \(words) words")
        print(
            String(
                format: "fingerprint: %.1f µs per article (%.0f words/s)", seconds / Double(articles.count) * 1e6, Double(words) / seconds))

        var titleMerges = 0
        let thresholds = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8]
        var falseMerges = [Int](repeating: 0, count: thresholds.count)
        var pairs = 0
        for i in prints.indices {
            for j in prints.indices where j > i {
                var similarity: Double?
                if let a = prints[i].signature, let b = prints[j].signature { similarity = StoryFingerprint.similarity(a, b) }
                if !Set(prints[i].keys).isDisjoint(with: prints[j].keys) {
                    titleMerges += 1
                    print("  same title key (similarity \(similarity.map { String($0) } ?? "-")): \(articles[i].0.prefix(70))")
                }
                guard let similarity, let a = prints[i].signature, let b = prints[j].signature else { continue }
                pairs += 1
                let banded = !Set(StoryFingerprint.bandKeys(a)).isDisjoint(with: StoryFingerprint.bandKeys(b))
                for (k, t) in thresholds.enumerated() where banded && similarity >= t { falseMerges[k] += 1 }
                if banded && similarity >= 0.3 {
                    print("  similar (\(similarity)): \(articles[i].0.prefix(60)) | \(articles[j].0.prefix(60))")
                }
            }
        }
        print("pairs of different articles: \(pairs); sharing a title key: \(titleMerges)")
        print("min similarity\tmerged pairs (sharing a band and at least that similar)")
        for (k, t) in thresholds.enumerated() { print("\(t)\t\(falseMerges[k])") }

        let edits: [(String, (String) -> String)] = [
            ("a boilerplate line added", { $0 + "\n\nCopyright 2016 The Associated Press. All rights reserved." }),
            ("1 word in 50 changed", { Self.changeWords($0, every: 50) }),
            ("1 word in 20 changed", { Self.changeWords($0, every: 20) }),
            ("last 10 % cut", { String($0.prefix($0.count * 9 / 10)) }),
            ("last 25 % cut", { String($0.prefix($0.count * 3 / 4)) }),
            ("first paragraph only", { String($0.split(separator: "\n").first ?? "") }),
        ]
        print("copy\t" + thresholds.map { "≥ \($0)" }.joined(separator: "\t") + "\t(articles with a signature in both)")
        for (name, edit) in edits {
            var found = [Int](repeating: 0, count: thresholds.count)
            var compared = 0
            for (k, article) in articles.enumerated() {
                guard let original = prints[k].signature,
                    let copy = StoryFingerprint(title: article.0, text: edit(article.1), canonicalLink: nil).signature
                else { continue }
                compared += 1
                let banded = !Set(StoryFingerprint.bandKeys(original)).isDisjoint(with: StoryFingerprint.bandKeys(copy))
                let similarity = StoryFingerprint.similarity(original, copy)
                for (slot, t) in thresholds.enumerated() where banded && similarity >= t { found[slot] += 1 }
            }
            let shares = found.map { String(format: "%.1f %%", 100 * Double($0) / Double(max(compared, 1))) }
            print("\(name)\t\(shares.joined(separator: "\t"))\t(\(compared))")
        }
    }

    /// Every `every`-th word replaced by another: an editor's touches.
    static func changeWords(_ text: String, every: Int) -> String {
        text.split(separator: " ", omittingEmptySubsequences: false).enumerated().map { index, word in
            index % every == every / 2 ? "edited" : String(word)
        }.joined(separator: " ")
    }
}
