import ArgumentParser
import Extractor
import FeedCore
import Foundation

/// `feedwatch-bench extract`: matching and whole-pipeline throughput as the watchlist grows.
struct ExtractBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Matching and extraction MB/s for watchlists of 100, 10,000 and 100,000 phrases."
    )

    @Option(help: "Megabytes of generated news text.")
    var megabytes = 4

    @Option(parsing: .upToNextOption, help: "Watchlist sizes, in phrases.")
    var phrases: [Int] = [100, 10_000, 100_000]

    @Option(help: "Rounds per measurement; the fastest counts.")
    var rounds = 3

    func run() async throws {
        var generator = SeededGenerator(seed: 7)
        let people = (0..<max(phrases.max() ?? 0, 1)).map { _ in Synthetic.name(&generator) }
        let articles = Synthetic.articles(megabytes: megabytes, names: people, using: &generator)
        let bytes = articles.reduce(0) { $0 + $1.utf8.count }
        let text = articles.joined(separator: "\n\n")
        print(String(format: "text: %.1f MB in %d articles", Double(bytes) / 1e6, articles.count))
        print("phrases\tbuild s\tbuild MB\tstates\tmatch MB/s\textract MB/s (1 core)\textract MB/s (all cores)\tmentions")
        for count in phrases {
            let rssBefore = ProcessUsage.residentMemory().now
            let clock = ContinuousClock()
            let start = clock.now
            let extractor = try Extractor(watchlist: Synthetic.watchlist(phrases: count, names: people))
            let build = (clock.now - start).seconds
            let buildMB = Double(ProcessUsage.residentMemory().now - rssBefore) / 1e6
            var mentions = 0
            let match = best { mentions = extractor.countActorMentions(in: text) }
            let single = best { for article in articles { _ = extractor.extract(text: article) } }
            let parallel = await bestAsync {
                await withTaskGroup(of: Void.self) { group in
                    let workers = ProcessInfo.processInfo.activeProcessorCount
                    for worker in 0..<workers {
                        group.addTask {
                            for index in stride(from: worker, to: articles.count, by: workers) {
                                _ = extractor.extract(text: articles[index])
                            }
                        }
                    }
                }
            }
            let mb = Double(bytes) / 1e6
            print(
                String(
                    format: "%d\t%.2f\t%.1f\t%d\t%.1f\t%.1f\t%.1f\t%d", count, build, buildMB, extractor.stateCount,
                    mb / match, mb / single, mb / parallel, mentions))
        }
    }

    private func best(_ body: () -> Void) -> Double {
        let clock = ContinuousClock()
        var fastest = Double.infinity
        for _ in 0..<max(1, rounds) {
            let start = clock.now
            body()
            fastest = min(fastest, (clock.now - start).seconds)
        }
        return fastest
    }

    private func bestAsync(_ body: () async -> Void) async -> Double {
        let clock = ContinuousClock()
        var fastest = Double.infinity
        for _ in 0..<max(1, rounds) {
            let start = clock.now
            await body()
            fastest = min(fastest, (clock.now - start).seconds)
        }
        return fastest
    }
}

/// Deterministic news-like text and watchlists for the benchmark.
enum Synthetic {
    static let common = """
        the of and to in a is that for on was with he as it by at from his an were are which this be has or had \
        not but have after its been also they who their more one new first two government minister president \
        said told officials talks meeting country state military economic sanctions energy prices week year \
        Tuesday Monday capital parliament election party leader foreign security council agreement support \
        during despite including between against about over would could should will may
        """.split(separator: " ").map(String.init)
    static let syllables = [
        "ka", "lo", "mi", "ra", "ne", "to", "vi", "sa", "do", "ri", "an", "el", "or", "us", "ba",
        "ze", "fo", "gu", "hi", "ju", "ko", "ly", "mo", "nu", "pe", "qu", "sy", "ti", "vo", "wa",
    ]

    static func word(_ generator: inout SeededGenerator, syllableCount: Int) -> String {
        (0..<syllableCount).map { _ in syllables[Int(generator.next() % UInt64(syllables.count))] }.joined()
    }

    static func name(_ generator: inout SeededGenerator) -> String {
        let first = word(&generator, syllableCount: 2).capitalized
        let last = word(&generator, syllableCount: 3).capitalized
        return "\(first) \(last)"
    }

    static func watchlist(phrases: Int, names: [String]) -> Watchlist {
        Watchlist(actors: (0..<phrases).map { WatchedActor(id: "a\($0)", name: names[$0], type: .organization) })
    }

    /// Articles of about 3 KB: sentences of common words, one watched name in about every other one.
    static func articles(megabytes: Int, names: [String], using generator: inout SeededGenerator) -> [String] {
        var articles: [String] = []
        var total = 0
        let watchedPool = min(names.count, 100)  // names every watchlist size contains
        while total < megabytes * 1_000_000 {
            var article = ""
            while article.utf8.count < 3000 {
                var sentence: [String] = []
                for _ in 0..<(12 + Int(generator.next() % 12)) { sentence.append(common[Int(generator.next() % UInt64(common.count))]) }
                if generator.next() % 2 == 0 {
                    sentence.insert(names[Int(generator.next() % UInt64(watchedPool))], at: Int(generator.next() % UInt64(sentence.count)))
                }
                if generator.next() % 8 == 0 {
                    sentence.append("\"\(common.shuffled(using: &generator).prefix(8).joined(separator: " ")),\" \(names[0]) said")
                }
                article += sentence.joined(separator: " ").prefix(1).uppercased() + sentence.joined(separator: " ").dropFirst() + ". "
            }
            total += article.utf8.count
            articles.append(article)
        }
        return articles
    }
}

struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    mutating func next() -> UInt64 {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
