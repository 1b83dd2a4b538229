import FeedCore

/// What tells that two items are the same story: the keys under which an item is looked up among
/// recent ones, and a MinHash signature of its text for near-duplicates.
///
/// An item joins an earlier story when they share the article's canonical link; or its title as
/// normalised words (with and without an outlet's " - Reuters" suffix), unless both texts are long
/// enough to compare and differ (`minTitleSimilarity`); or when their texts' word 3-shingles overlap by
/// `minSimilarity` or more (Jaccard, estimated from `signatureSize` MinHash values and found through
/// `bands` LSH bands). Titles of fewer than `minTitleWords` words ("Live updates", "Letters") and texts
/// of fewer than `minTextWords` words are not used: too many unrelated items share them.
///
/// MinHash rather than SimHash: on the quotation devset's 840 articles, SimHash within 3 bits found
/// 7.5 % of copies with one word in 50 edited, MinHash at 0.5 finds them all (BENCHMARKS.md, "Stories").
public struct StoryFingerprint: Sendable, Equatable {
    /// Exact-match keys: "link:…" and "title:…".
    public var keys: [String]
    /// The text's MinHash signature (`signatureSize` values), or nil when the text is too short.
    public var signature: [UInt32]?

    public static let minTitleWords = 5
    public static let minTextWords = 40
    public static let signatureSize = 32
    /// Rows per LSH band: two texts of Jaccard similarity s share a band with probability
    /// 1 − (1 − s⁴)⁸ (0.95 at s = 0.75, 0.41 at s = 0.5, 0.06 at s = 0.3).
    public static let rowsPerBand = 4
    public static var bands: Int { signatureSize / rowsPerBand }
    /// Estimated Jaccard similarity from which two texts are one story.
    public static let minSimilarity = 0.5
    /// Items sharing a title whose texts are both long enough to compare must be at least this alike
    /// (4 of 32 values): "10 Things to Know for Today" on two days are 0.03 alike.
    public static let minTitleSimilarity = 0.125

    public init(keys: [String], signature: [UInt32]?) {
        self.keys = keys
        self.signature = signature
    }

    /// The fingerprint of an item. `canonicalLink`: its link, already cleaned of tracking parameters.
    public init(title: String?, text: String, canonicalLink: String?) {
        var keys: [String] = []
        if let canonicalLink, !canonicalLink.isEmpty { keys.append("link:" + canonicalLink) }
        var tokenizer = Tokenizer()
        let titleWords = tokenizer.tokens(title ?? "").map(\.normalized)
        for words in Self.titleVariants(title ?? "", words: titleWords) where words.count >= Self.minTitleWords {
            keys.append("title:" + words.joined(separator: " "))
        }
        self.keys = keys
        let textWords = tokenizer.tokens(text).map(\.normalized)
        signature = textWords.count >= Self.minTextWords ? Self.minhash(textWords) : nil
    }

    /// The title's words, and without a trailing " - Outlet" / " | Outlet" / " – Outlet" part of at most
    /// four words when one is there: wire copies differ by it ("… - Reuters", "… | AP News").
    static func titleVariants(_ title: String, words: [String]) -> [[String]] {
        var variants = [words]
        for separator in [" - ", " | ", " – ", " — "] {
            guard let range = title.range(of: separator, options: .backwards) else { continue }
            var tokenizer = Tokenizer()
            let suffix = tokenizer.tokens(String(title[range.upperBound...])).count
            if suffix > 0, suffix <= 4, words.count > suffix { variants.append(Array(words.dropLast(suffix))) }
            break
        }
        return variants
    }

    /// The MinHash signature of the words' 3-shingles: for each of `signatureSize` hash functions,
    /// the least value over the shingles.
    static func minhash(_ words: [String]) -> [UInt32] {
        let hashes = words.map(Self.hash)
        var signature = [UInt32](repeating: .max, count: signatureSize)
        for start in 0...(hashes.count - 3) {
            let shingle = mix((mix(hashes[start] &+ 1) ^ hashes[start + 1]) &+ 2) ^ hashes[start + 2]
            for k in 0..<signatureSize {
                let value = UInt32(truncatingIfNeeded: mix(shingle &+ seeds[k]) >> 32)
                if value < signature[k] { signature[k] = value }
            }
        }
        return signature
    }

    private static let seeds: [UInt64] = (0..<signatureSize).map { mix(UInt64($0) &* 0x2545_F491_4F6C_DD1D) }

    /// The LSH band keys of a signature, tagged with their band: texts that share one are compared.
    public static func bandKeys(_ signature: [UInt32]) -> [Int64] {
        (0..<bands).map { band in
            var h = UInt64(band)
            for value in signature[(band * rowsPerBand)..<((band + 1) * rowsPerBand)] { h = mix(h ^ UInt64(value)) }
            return Int64(bitPattern: h)
        }
    }

    /// The estimated Jaccard similarity of two signatures: the share of equal values.
    public static func similarity(_ a: [UInt32], _ b: [UInt32]) -> Double {
        guard a.count == b.count, !a.isEmpty else { return 0 }
        return Double(zip(a, b).filter { $0 == $1 }.count) / Double(a.count)
    }

    private static func hash(_ word: String) -> UInt64 { mix(FNV1a.hash(word)) }

    /// splitmix64's finaliser: FNV alone leaves the high bits of short words poorly mixed.
    private static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
