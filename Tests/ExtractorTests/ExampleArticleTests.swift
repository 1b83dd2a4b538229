import Foundation
import Testing

@testable import Extractor

/// The article of `../shared/examples/` (a copy is in Fixtures) with the watchlist of the issue.
@Suite("The example article")
struct ExampleArticleTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let article = (try? String(contentsOf: fixtures.appendingPathComponent("putin-orban-talks.txt"), encoding: .utf8)) ?? ""
    static let extractor: Extractor = {
        let data = (try? Data(contentsOf: fixtures.appendingPathComponent("watchlist.json"))) ?? Data()
        return try! Extractor(watchlist: Watchlist.load(data))
    }()

    static func actor(_ result: ExtractionResult, _ id: String) -> ActorMatch? { result.actors.first { $0.id == id } }

    @Test("Putin: every mention, the title-and-name run as one")
    func putin() throws {
        let result = Self.extractor.extract(text: Self.article)
        let putin = try #require(Self.actor(result, "putin"))
        #expect(putin.mentions.map(\.form) == ["Russian President Vladimir Putin", "Putin", "Putin", "Vladimir Putin", "Putin"])
        #expect(putin.mentions.first?.sentence == 0)
        let first = putin.mentions[0]
        let bytes = Array(Self.article.utf8)
        #expect(String(decoding: bytes[first.start..<first.end], as: UTF8.self) == first.form)
    }

    @Test("Orbán: name, surname alone, and the Hungarian Prime Minister")
    func orban() throws {
        let result = Self.extractor.extract(text: Self.article)
        let orban = try #require(Self.actor(result, "orban"))
        #expect(orban.count == 7)
        #expect(orban.mentions.contains { $0.form == "Hungarian Prime Minister" && $0.kind == .title })
        #expect(orban.mentions.filter { $0.kind == .surname }.count == 4)
        #expect(orban.mentions[0].form == "Hungarian Prime Minister Viktor Orbán")
    }

    @Test("Hungary by name and demonym, and inside Orbán's title; EU and NATO")
    func countriesAndOrganisations() throws {
        let result = Self.extractor.extract(text: Self.article)
        let hungary = try #require(Self.actor(result, "hungary"))
        #expect(hungary.mentions.contains { $0.kind == .demonym && $0.form == "Hungarian" })
        #expect(hungary.mentions.contains { $0.kind == .name })
        let orbanTitles = Self.actor(result, "orban")!.mentions.filter { $0.form.contains("Hungarian") }
        // "Hungarian Prime Minister Viktor Orbán" names the country as well as the person.
        #expect(!orbanTitles.isEmpty)
        for title in orbanTitles {
            #expect(hungary.mentions.contains { $0.start >= title.start && $0.end <= title.end })
        }
        #expect(Self.actor(result, "eu")?.count == 3)
        #expect(Self.actor(result, "nato")?.count == 1)
    }

    @Test("topics: both sanctions sentences, and military assistance to Ukraine")
    func topics() throws {
        let result = Self.extractor.extract(text: Self.article)
        let sanctions = try #require(result.topics.first { $0.id == "sanctions" })
        #expect(sanctions.sentences.count == 2)
        #expect(sanctions.snippets.contains { $0.contains("military operation and sanctions") })
        #expect(sanctions.snippets.contains { $0.contains("lifting of sanctions") })
        let aid = try #require(result.topics.first { $0.id == "military-aid" })
        #expect(aid.snippets == ["Hungary is one of the few EU countries that have refused to provide military assistance to Ukraine."])
    }

    @Test("the four quotations with their speakers")
    func quotes() throws {
        let result = Self.extractor.extract(text: Self.article)
        func quote(_ start: String) -> Quote? { result.quotes.first { $0.text.hasPrefix(start) } }
        #expect(quote("We know that our positions")?.speaker?.actor == "putin")
        #expect(quote("We know that our positions")?.verb == "was quoted as saying")
        #expect(quote("Hungary has never wanted")?.speaker?.actor == "orban")
        #expect(quote("Hungary has never wanted")?.speaker?.text == "Viktor Orbán")
        #expect(quote("Hungary has never wanted")?.speaker?.mention == "He")
        #expect(quote("Hungary has never wanted")?.speaker?.method == .pronoun)
        #expect(quote("We have managed")?.speaker?.actor == "orban")
        #expect(quote("We have managed")?.verb == "added")
        #expect(quote("will not support Ukraine")?.speaker?.actor == "orban")
        #expect(result.quotes.filter { $0.speaker?.actor == "putin" }.count == 1)
        #expect(!result.quotes.contains { $0.text.hasPrefix("today's") || $0.text.hasPrefix("insurmountable") })
    }

    @Test("a Putin–Orbán co-mention")
    func coMentions() {
        let result = Self.extractor.extract(text: Self.article)
        #expect(result.coMentions.contains { $0.a == "orban" && $0.b == "putin" && $0.count >= 2 })
    }

    @Test("an ASCII copy (Orban) gives the same actors")
    func asciiCopy() {
        let ascii = Self.article.replacingOccurrences(of: "á", with: "a")
        let original = Self.extractor.extract(text: Self.article)
        let copy = Self.extractor.extract(text: ascii)
        #expect(copy.actors.map(\.id) == original.actors.map(\.id))
        #expect(copy.actors.map(\.count) == original.actors.map(\.count))
        #expect(copy.quotes.map { $0.speaker?.actor } == original.quotes.map { $0.speaker?.actor })
    }

    @Test("the same result from many threads at once")
    func concurrent() async {
        let expected = Self.extractor.extract(text: Self.article)
        await withTaskGroup(of: ExtractionResult.self) { group in
            for _ in 0..<16 { group.addTask { Self.extractor.extract(text: Self.article) } }
            for await result in group { #expect(result == expected) }
        }
    }
}
