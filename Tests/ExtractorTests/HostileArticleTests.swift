import Foundation
import Testing

@testable import Extractor

/// Articles a hostile feed can send: one name repeated 200,000 times in a single "sentence", thousands
/// of quotes, a NEAR rule over a sentence of 100,000 matching words. The daemon's hostile-network test
/// found the first one taking minutes (a snippet copied per mention); these pin down the bounds.
@Suite("Hostile articles")
struct HostileArticleTests {
    static let watchlist = Watchlist(
        actors: [
            WatchedActor(id: "putin", name: "Vladimir Putin", type: .person),
            WatchedActor(id: "orban", name: "Viktor Orbán", type: .person),
        ],
        topics: [Topic(id: "energy", name: "Energy", query: "gas NEAR/3 price*")])

    @Test("200,000 mentions in one sentence: all counted, 100 kept, snippets clipped")
    func manyMentions() throws {
        let text = String(repeating: "Putin ", count: 200_000)
        let result = try Extractor(watchlist: Self.watchlist).extract(text: text)
        let putin = try #require(result.actors.first { $0.id == "putin" })
        #expect(putin.count == 200_000)
        #expect(putin.mentions.count == Extractor.maxMentionsKept)
        #expect(putin.mentions.allSatisfy { $0.snippet.count == 280 && $0.snippet.hasSuffix("…") })
    }

    @Test("clipping never splits a character and keeps short sentences whole")
    func clip() {
        #expect(Extractor.clip("Short one.") == "Short one.")
        let long = String(repeating: "Орбан ", count: 2000)
        let clipped = Extractor.clip(long)
        #expect(clipped.count == 280 && clipped.hasSuffix("…"))
        #expect(!clipped.contains("\u{FFFD}"))
        #expect(long.hasPrefix(String(clipped.dropLast())))
    }

    @Test("40,000 quotes in one sentence: each found, each with speaker words")
    func manyQuotes() throws {
        let text = String(
            repeating: "Viktor Orbán said \"We will see what happens next\" and he said \"No we will not do that at all\" and ",
            count: 20_000)
        let result = try Extractor(watchlist: Self.watchlist).extract(text: text)
        #expect(result.quotes.count == 40_000)
        #expect(result.quotes.allSatisfy { $0.speaker != nil })
        // Each "and he said" speaks the quote after it, and "he" is Orbán, named just before.
        #expect(result.quotes.filter { $0.speaker?.actor == "orban" }.count == 40_000)
    }

    @Test("NEAR over a sentence of 100,000 matching words finds the pairs without trying every pair")
    func nearInHugeSentence() throws {
        let text = String(repeating: "gas prices ", count: 50_000)
        let result = try Extractor(watchlist: Self.watchlist).extract(text: text)
        #expect(result.topics.map(\.id) == ["energy"])
        let far = String(repeating: "gas a b c d ", count: 20_000)
        #expect(try Extractor(watchlist: Self.watchlist).extract(text: far).topics.isEmpty, "no price within 3 words")
    }
}
