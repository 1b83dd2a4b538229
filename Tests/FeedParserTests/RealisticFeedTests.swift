import FeedCore
import Foundation
import Testing

@testable import FeedParser

/// Full-size feeds of the kinds feedwatch polls, written for these tests.
@Suite("Realistic feeds")
struct RealisticFeedTests {
    static func load(_ name: String, baseURL: String? = nil) throws -> ParsedFeed {
        let data = try Data(contentsOf: FixtureCase.directory.appendingPathComponent("feeds/\(name)"))
        return try FeedParser.parse(data, options: ParseOptions(baseURL: baseURL))
    }

    @Test("RSS 2.0 news desk")
    func europeDesk() throws {
        let feed = try Self.load("europe-desk-rss20.xml", baseURL: "https://news.example.org/europe/rss.xml")
        #expect(feed.version == .rss20)
        // Two titles use HTML entities (&ldquo; &rdquo;) that XML does not define: resolved, and reported.
        let errors = feed.errors.map(\.message)
        #expect(errors == ["2 HTML entity references that XML does not define were resolved"])
        #expect(feed.entries.count == 25)
        #expect(feed.feed.ttl == 10)
        #expect(feed.feed.language == "en-gb")
        for entry in feed.entries {
            #expect(entry.link?.hasPrefix("https://news.example.org/europe/2026/11/") == true)
            #expect(entry.published != nil)
            #expect(entry.authors.count == 1)
            #expect(entry.content.first?.type == .html)
            #expect(entry.guidIsPermalink == false)
        }
        let dates = feed.entries.compactMap(\.published)
        #expect(dates == dates.sorted(by: >), "the feed lists newest first")
        #expect(feed.entries[3].title == "Q&A: what the “rule-of-law” mechanism means for Hungary")
        #expect(feed.entries[7].title == "Markets & Moscow: rouble slides <again>")
        #expect(feed.entries[0].enclosures.first?.length == 100_000)
        #expect(feed.entries[0].categories.map(\.term) == ["Europe", "Budapest"])
        #expect(feed.entries[0].content[0].value.contains("&quot;We are not there yet,&quot;"))
    }

    @Test("Atom 1.0 newsroom with xml:base on every entry")
    func newsroom() throws {
        let feed = try Self.load("newsroom-atom10.xml")
        #expect(feed.version == .atom10)
        let wellFormed = feed.wellFormed
        #expect(wellFormed, "\(feed.errors)")
        #expect(feed.entries.count == 15)
        #expect(feed.feed.link == "https://newsroom.example.net/")
        #expect(feed.feed.icon == "https://newsroom.example.net/favicon.ico")
        #expect(feed.feed.image?.url == "https://newsroom.example.net/logo.svg")
        #expect(feed.feed.subtitle == "Reporting from <b>eight</b> capitals")
        #expect(feed.feed.language == "en")
        let first = feed.entries[0]
        #expect(first.link == "https://newsroom.example.net/2026/11/story-2000.html")
        #expect(first.links.count == 2)
        #expect(first.titleType == .html)
        #expect(first.title?.hasSuffix("<i>analysis</i>") == true)
        #expect(first.content[0].type == .xhtml)
        #expect(first.content[0].value.hasPrefix("<p><a href=\"/people/0\">"))
        #expect(first.content[0].value.contains("<blockquote>"))
        #expect(first.content[0].base == "https://newsroom.example.net/2026/11/")
        #expect(first.content[0].language == "en")
        #expect(FeedDate.format(try #require(first.published)) == "2026-11-26T07:30:00Z")
        #expect(first.categories.first?.label == "Sanctions")
        #expect(feed.entries[1].content[0].type == .html)
        #expect(feed.entries[1].content[0].value.contains("&amp; more"))
        #expect(feed.entries.allSatisfy { $0.authors.first?.uri?.hasPrefix("https://newsroom.example.net/staff/") == true })
    }

    @Test("RSS 1.0 in windows-1251")
    func regionalCyrillic() throws {
        let feed = try Self.load("regional-rss10-cp1251.rdf")
        #expect(feed.version == .rss10)
        #expect(feed.encoding == "windows-1251")
        let wellFormed = feed.wellFormed
        #expect(wellFormed, "\(feed.errors)")
        #expect(feed.feed.title == "Региональные новости")
        #expect(feed.feed.language == "ru")
        #expect(feed.entries.count == 8)
        #expect(feed.entries[0].title == "Путин провёл переговоры с Орбаном в Пекине")
        #expect(feed.entries[0].id == "https://regional.example.ru/news/3000")
        #expect(feed.entries[0].authors.first?.name == "Корреспондент № 1")
        #expect(feed.entries[0].categories.first?.term == "Политика")
        #expect(FeedDate.format(try #require(feed.entries[0].published)) == "2026-11-26T06:00:00Z")
    }

    @Test("the bundled demo feed")
    func sample() throws {
        let url = FixtureCase.directory.deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("samples/world-news.xml")
        let feed = try FeedParser.parse(Data(contentsOf: url), options: ParseOptions(baseURL: "https://news.example.org/rss.xml"))
        #expect(feed.entries.count == 5)
        #expect(feed.feed.image?.url == "https://news.example.org/static/logo-144.png")
        #expect(feed.entries[0].content[0].value.contains("&ldquo;However"))
    }
}
