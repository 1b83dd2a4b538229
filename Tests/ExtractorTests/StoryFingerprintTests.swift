import Foundation
import TestSupport
import Testing

@testable import Extractor

/// The story fingerprint: which keys an item is found by, and how alike two texts must be.
@Suite("Story fingerprints")
struct StoryFingerprintTests {
    func titleKeys(_ title: String) -> [String] {
        StoryFingerprint(title: title, text: "", canonicalLink: nil).keys
    }

    @Test("a title is a key with and without the outlet's suffix; case, punctuation and diacritics do not count")
    func titles() {
        let reuters = titleKeys("Orbán and Putin meet in Moscow over gas deliveries - Reuters")
        let ap = titleKeys("ORBAN AND PUTIN MEET IN MOSCOW OVER GAS DELIVERIES | AP News")
        #expect(reuters.count == 2 && ap.count == 2)
        #expect(reuters.contains("title:orban and putin meet in moscow over gas deliveries"), "\(reuters)")
        #expect(!Set(reuters).isDisjoint(with: ap), "the two outlets' titles share the key without their suffix")
        #expect(Set(reuters).isDisjoint(with: titleKeys("Orbán and Putin meet in Budapest over gas deliveries")))
    }

    @Test("short titles and a long last part after a dash are not taken for outlets' names")
    func shortTitles() {
        #expect(titleKeys("Live updates").isEmpty, "fewer than five words: too many unrelated items share it")
        #expect(titleKeys("Letters to the editor").isEmpty)
        let dashed = titleKeys("Hungary votes - and what the result means for the European Union")
        #expect(dashed.count == 1, "the part after the dash is seven words: part of the title, not an outlet: \(dashed)")
    }

    @Test("the canonical link is a key")
    func link() {
        let print = StoryFingerprint(title: nil, text: "", canonicalLink: "news.example/world/orban")
        #expect(print.keys == ["link:news.example/world/orban"])
    }

    @Test("a text under forty words has no signature; a longer one has 32 values and 8 band keys")
    func signatureSize() {
        #expect(StoryFingerprint(title: nil, text: "Viktor Orbán spoke briefly.", canonicalLink: nil).signature == nil)
        let long = StoryFingerprint(title: nil, text: SyntheticText.article(1, about: "Viktor Orbán"), canonicalLink: nil)
        #expect(long.signature?.count == StoryFingerprint.signatureSize)
        #expect(StoryFingerprint.bandKeys(long.signature ?? []).count == StoryFingerprint.bands)
    }

    @Test("copies as outlets make them are alike and share a band; different articles are not")
    func similarity() throws {
        let text = SyntheticText.article(7, about: "Viktor Orbán", sentences: 30)
        let original = try #require(StoryFingerprint(title: nil, text: text, canonicalLink: nil).signature)
        var words = text.split(separator: " ").map(String.init)
        for k in stride(from: 25, to: words.count, by: 50) { words[k] = "edited" }
        let copies = [
            text + " Copyright 2026 The Wire Agency. All rights reserved.",
            words.joined(separator: " "),
            String(text.prefix(text.count * 9 / 10)),
        ]
        for copy in copies {
            let signature = try #require(StoryFingerprint(title: nil, text: copy, canonicalLink: nil).signature)
            let alike = StoryFingerprint.similarity(original, signature)
            #expect(alike >= StoryFingerprint.minSimilarity, "similarity \(alike) for \(copy.suffix(60))")
            #expect(!Set(StoryFingerprint.bandKeys(original)).isDisjoint(with: StoryFingerprint.bandKeys(signature)))
        }
        for seed in 100..<120 {
            let other = try #require(
                StoryFingerprint(title: nil, text: SyntheticText.article(seed, about: "Viktor Orbán", sentences: 30), canonicalLink: nil)
                    .signature)
            let alike = StoryFingerprint.similarity(original, other)
            #expect(alike < StoryFingerprint.minTitleSimilarity, "different articles \(seed): similarity \(alike)")
        }
    }

    @Test("the same text gives the same signature, whatever the case and diacritics")
    func stable() {
        let text = SyntheticText.article(3, about: "Viktor Orbán")
        let a = StoryFingerprint(title: nil, text: text, canonicalLink: nil)
        let b = StoryFingerprint(title: nil, text: text.uppercased().replacingOccurrences(of: "Á", with: "A"), canonicalLink: nil)
        #expect(a.signature != nil && a.signature == b.signature)
    }
}
