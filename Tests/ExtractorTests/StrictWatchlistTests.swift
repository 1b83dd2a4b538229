import Foundation
import Testing

@testable import Extractor

/// A watchlist mistake is an error that says where and what to write instead, never a silent drop.
@Suite("Strict watchlists and queries")
struct StrictWatchlistTests {
    func errors(_ json: String) -> [WatchlistError] {
        do {
            _ = try Watchlist.load(Data(json.utf8))
            return []
        } catch let errors as WatchlistErrors {
            return errors.errors
        } catch {
            Issue.record("\(error)")
            return []
        }
    }

    @Test("a misspelt key is an error with its path, line and the key meant")
    func misspelt() {
        let found = errors(
            """
            {"actors": [
              {"id": "ru", "name": "Russia", "tpye": "country",
               "aliasses": ["Россия"]},
              {"id": "ge", "name": "Georgia", "type": "country", "cues": {"agianst": ["Atlanta"]}}],
             "topics": [{"id": "s", "name": "S", "qurey": "sanctions"}]}
            """)
        #expect(
            found.map(\.path) == [
                "$.actors[0].tpye", "$.actors[0].aliasses", "$.actors[1].cues.agianst", "$.topics[0].qurey",
                "$.topics[0].query",
            ])
        #expect(found.map(\.line) == [2, 3, 4, 5, 5])
        #expect(found[0].message.contains("did you mean \"type\""))
        #expect(found[1].message.contains("did you mean \"aliases\""))
        #expect(found[2].message.contains("did you mean \"against\""))
        #expect(found[4].message == "missing")
    }

    @Test("a key nothing resembles lists the known ones")
    func unknown() {
        let found = errors(#"{"actors": [{"id": "a", "name": "A", "colour": "red"}]}"#)
        #expect(found.first?.message.contains("known: id, name, type") == true)
    }

    @Test("a whole configuration, or a list with no actors, is not a watchlist")
    func wrongDocument() {
        #expect(errors(#"{"feeds": [], "watchlist": {"actors": []}}"#).first?.message.contains("whole feedwatch configuration") == true)
        let noActors = errors(#"{"actor": [{"id": "a", "name": "A"}]}"#)
        #expect(noActors.map(\.path) == ["$.actor", "$.actors"])
        #expect(errors("[1, 2]").first?.message.contains("expected an object") == true)
        #expect(errors("{\"actors\": [}").first?.message.contains("not JSON") == true)
    }

    @Test(
        "search-engine habits in queries are errors that say what to write",
        arguments: [
            ("sanction* -Iran", "write NOT Iran"),
            ("gas or oil", "write OR"),
            ("gas and oil", "write AND"),
            ("gas not oil", "write NOT"),
            ("gas NEAR oil", "NEAR/10"),
            ("gas near/5 oil", "NEAR/n in capitals"),
            ("gas | oil", "write OR"),
            ("+gas oil", "drop the +"),
        ])
    func lint(_ query: String, _ advice: String) {
        do {
            _ = try TopicQuery.parse(query)
            Issue.record("\(query) parsed")
        } catch let error as TopicQueryError {
            #expect(error.message.contains(advice), "\(error)")
        } catch { Issue.record("\(error)") }
    }

    @Test("the words themselves stay searchable in quotes")
    func quotedOperators() throws {
        #expect(try TopicQuery.parse("\"or\" AND \"-Iran\"") == .and(.word("or"), .word("iran")))
        #expect(try TopicQuery.parse("sanction* NOT Iran") == .and(.prefix("sanction"), .not(.word("iran"))))
    }
}
