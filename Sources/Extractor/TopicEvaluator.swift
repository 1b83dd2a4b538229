/// Evaluates topic queries over an article's title and body tokens.
struct TopicEvaluator {
    /// Title tokens first, then body tokens; `virtual` positions put 1,000 words between the two so
    /// that NEAR never joins a title word to a body word.
    let words: [String]
    let stems: [String]
    let virtual: [Int]
    let titleCount: Int

    init(title: [Token], body: [Token]) {
        let all = title + body
        words = all.map(\.normalized)
        stems = words.map(EnglishStemmer.stem)
        titleCount = title.count
        virtual = (0..<all.count).map { $0 < title.count ? $0 : $0 + 1000 }
    }

    /// Whether the query holds in `window` (indexes into the combined tokens), and the term
    /// occurrences that made it hold.
    func evaluate(_ query: TopicQuery, in window: Range<Int>) -> (matched: Bool, hits: [Range<Int>]) {
        switch query {
        case .word(let word):
            let stem = EnglishStemmer.stem(word)
            let hits = window.filter { stems[$0] == stem }.map { $0..<($0 + 1) }
            return (!hits.isEmpty, hits)
        case .prefix(let prefix):
            let hits = window.filter { words[$0].hasPrefix(prefix) }.map { $0..<($0 + 1) }
            return (!hits.isEmpty, hits)
        case .phrase(let phrase):
            let target = phrase.map(EnglishStemmer.stem)
            guard window.count >= target.count else { return (false, []) }
            var hits: [Range<Int>] = []
            for start in window.lowerBound...(window.upperBound - target.count)
            where (0..<target.count).allSatisfy({ stems[start + $0] == target[$0] }) {
                hits.append(start..<(start + target.count))
            }
            return (!hits.isEmpty, hits)
        case let .and(a, b):
            let left = evaluate(a, in: window), right = evaluate(b, in: window)
            return left.matched && right.matched ? (true, left.hits + right.hits) : (false, [])
        case let .or(a, b):
            let left = evaluate(a, in: window), right = evaluate(b, in: window)
            return (left.matched || right.matched, left.hits + right.hits)
        case .not(let inner):
            return (!evaluate(inner, in: window).matched, [])
        case let .near(a, b, distance):
            // Only the right-hand occurrences that start near each left one are looked at (binary
            // search in position order), so a sentence repeating both words 100,000 times stays linear.
            let left = evaluate(a, in: window).hits
            let right = evaluate(b, in: window).hits.sorted { $0.lowerBound < $1.lowerBound }
            let longest = right.map(\.count).max() ?? 0
            var hits: [Range<Int>] = []
            for l in left {
                let from = virtual[l.lowerBound] - distance - longest - 1
                var index = partitionPoint(right.count) { virtual[right[$0].lowerBound] < from }
                while index < right.count, virtual[right[index].lowerBound] <= virtual[l.upperBound - 1] + distance + 1 {
                    if gap(l, right[index]) <= distance {
                        hits.append(l)
                        hits.append(right[index])
                    }
                    index += 1
                }
            }
            return (!hits.isEmpty, hits)
        case .title(let inner):
            return evaluate(inner, in: 0..<titleCount)
        }
    }

    /// Words between two occurrences (0 when adjacent or overlapping).
    private func gap(_ a: Range<Int>, _ b: Range<Int>) -> Int {
        if a.upperBound <= b.lowerBound { return virtual[b.lowerBound] - virtual[a.upperBound - 1] - 1 }
        if b.upperBound <= a.lowerBound { return virtual[a.lowerBound] - virtual[b.upperBound - 1] - 1 }
        return 0
    }
}
