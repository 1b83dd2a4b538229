import Foundation
import Testing

@testable import Monitor
@testable import Store

/// `feedwatch search`: the topic query language over FTS5, kept in step with the items.
@Suite("Search")
struct SearchTests {
    @Test("topic queries written for FTS5")
    func translation() throws {
        #expect(try SearchQuery.fts5("sanction*") == #""sanction"*"#)
        let either = try SearchQuery.fts5(#"orbán OR "gas price""#)
        #expect(either == #"("orbán" OR "gas price")"# || either == #"("orban" OR "gas price")"#, "\(either)")
        #expect(try SearchQuery.fts5("veto NOT football") == #"("veto" NOT "football")"#)
        #expect(try SearchQuery.fts5("gas NEAR/5 Russia") == #"NEAR("gas" "russia", 5)"#)
        #expect(try SearchQuery.fts5("title:veto") == #"title : ("veto")"#)
        #expect(throws: SearchQuery.Unsupported.self) { try SearchQuery.fts5("NOT football") }
        #expect(throws: SearchQuery.Unsupported.self) { try SearchQuery.fts5("(a OR b) NEAR/3 c") }
        #expect(throws: (any Error).self) { try SearchQuery.fts5("(unclosed") }
    }

    @Test("topic queries written for PostgreSQL's to_tsquery: diacritics folded, title words weighted A")
    func tsqueryTranslation() throws {
        #expect(try SearchQuery.tsquery("sanction*") == "'sanction':*")
        #expect(try SearchQuery.tsquery(#"Orbán OR "gas price""#) == "('orban' | 'gas price')")
        #expect(try SearchQuery.tsquery("veto NOT football") == "('veto' & !'football')")
        #expect(
            try SearchQuery.tsquery("gas NEAR/1 Russia")
                == "('gas' <1> 'russia' | 'russia' <1> 'gas' | 'gas' <2> 'russia' | 'russia' <2> 'gas')")
        let titled = try SearchQuery.tsquery("title:veto AND o'neill")
        #expect(titled == "('veto':A & 'o neill')", "an apostrophe splits words, as the extractor reads them: \(titled)")
        #expect(throws: SearchQuery.Unsupported.self) { try SearchQuery.tsquery("NOT football") }
    }

    func item(_ id: String, title: String, text: String, actors: [String] = []) -> StoredItem {
        StoredItem(
            identity: id, title: title, link: "https://e.example/\(id)", published: nil, contentHash: text, text: text,
            actors: actors.map { StoredActor(id: $0, count: 1, salience: 0.5, mentions: []) })
    }

    @Test(
        "ranked hits with snippets; stems, prefixes and folded diacritics; filters; updates and purges followed",
        arguments: StoreBackend.allCases)
    func searching(_ backend: StoreBackend) async throws {
        let (store, remove) = try await backend.open()
        defer { remove() }
        try await store.syncFeeds([FeedSpec(url: "https://e.example/rss", name: "Example")])
        let feed = try #require(try await store.feeds().first).id
        let now = Date()
        _ = try await store.store(
            feed: feed,
            items: [
                item(
                    "a", title: "Hungary threatens veto", text: "Viktor Orbán said Budapest would block the sanctions package.",
                    actors: ["orban"]),
                item("b", title: "Gas prices", text: "Energy prices rose again; Russia cut gas supplies to Europe."),
                item("c", title: "Football", text: "Hungary beat Austria; the veto on the goal was lifted."),
            ], at: now)
        func ids(_ query: String, actor: String? = nil) async throws -> [String] {
            // PostgreSQL indexes after the poll (SQLite as it stores: nothing waits).
            while try await store.indexSearch(limit: 2) > 0 {}
            return try await store.search(try SearchQuery.request(query, actor: actor)).compactMap {
                $0.link?.components(separatedBy: "/").last
            }
        }
        #expect(try await ids("sanction") == ["a"], "stemmed: sanction finds sanctions")
        #expect(try await ids("orban") == ["a"], "diacritics folded")
        #expect(try await ids("pric*") == ["b"])
        let vetoes = try await ids("veto")
        #expect(Set(vetoes) == ["a", "c"])
        #expect(try await ids("veto NOT football") == ["a"])
        #expect(try await ids("title:veto") == ["a"])
        #expect(try await ids("gas NEAR/3 Russia") == ["b"])
        #expect(try await ids("hungary", actor: "orban") == ["a"])
        #expect(try await store.indexSearch(limit: 10) == 0)
        let hit = try #require(try await store.search(try SearchQuery.request("block")).first)
        #expect(hit.snippet.contains("[block]") && hit.feed == "Example" && hit.title == "Hungary threatens veto")
        // An item stored again with new text is found by the new words only.
        _ = try await store.store(feed: feed, items: [item("b", title: "Oil prices", text: "Oil prices fell.")], at: now)
        let gas = try await ids("gas"), oil = try await ids("oil")
        #expect(gas.isEmpty && oil == ["b"])
        _ = try await store.purge(before: now.addingTimeInterval(1))
        #expect(try await ids("veto").isEmpty, "purged items leave the index")
        await store.close()
    }
}
