import Foundation
import Testing

@testable import Extractor

@Suite("Actor matching")
struct MatchingTests {
    func actors(_ watchlist: Watchlist, _ text: String, title: String? = nil) throws -> [String: [Mention]] {
        let result = try Extractor(watchlist: watchlist).extract(title: title, text: text)
        return Dictionary(uniqueKeysWithValues: result.actors.map { ($0.id, $0.mentions) })
    }

    @Test("short all-capital aliases match only in capitals")
    func capitals() throws {
        let list = Watchlist(actors: [
            WatchedActor(id: "eu", name: "European Union", type: .organization, aliases: ["EU"]),
            WatchedActor(id: "us", name: "United States", type: .country),
        ])
        let found = try actors(list, "The EU and the eu differ. The US told us so. The European Union agreed.")
        #expect(found["eu"]?.map(\.form) == ["EU", "European Union"])
        #expect(found["us"]?.map(\.form) == ["US"])
    }

    @Test("a surname alone counts; one two watched people share goes to the one named nearest; it can be switched off")
    func surnames() throws {
        let one = Watchlist(actors: [WatchedActor(id: "p", name: "Vladimir Putin", type: .person)])
        #expect(try actors(one, "Putin spoke.")["p"]?.first?.kind == .surname)
        let two = Watchlist(actors: [
            WatchedActor(id: "a", name: "Joe Smith", type: .person), WatchedActor(id: "b", name: "Ann Smith", type: .person),
        ])
        let found = try actors(two, "Ann Smith spoke, then Joe Smith replied. Smith shrugged.")
        #expect(found["b"]?.map(\.form) == ["Ann Smith"])
        #expect(found["a"]?.map(\.form) == ["Joe Smith", "Smith"])
        #expect(try actors(two, "Smith spoke to reporters.").isEmpty)
        let off = Watchlist(actors: [WatchedActor(id: "p", name: "Vladimir Putin", type: .person, surnameAlias: false)])
        #expect(try actors(off, "Putin spoke.")["p"] == nil)
    }

    @Test("a country brings its demonym and, if asked, its capital")
    func countries() throws {
        let list = Watchlist(actors: [
            WatchedActor(id: "hu", name: "Hungary", type: .country, capitalAsMetonym: true),
            WatchedActor(id: "ru", name: "Russia", type: .country),
        ])
        // A capital counts only where it acts: not "in Budapest", but "Budapest was silent".
        let found = try actors(list, "Hungarian officials in Budapest met Russians. Budapest was silent, and so was Moscow.")
        #expect(found["hu"]?.map(\.kind) == [.demonym, .capital])
        #expect(found["ru"]?.map(\.form) == ["Russians"])
    }

    @Test("the longest match wins")
    func longest() throws {
        let list = Watchlist(actors: [
            WatchedActor(id: "orban", name: "Viktor Orbán", type: .person, titles: ["Hungarian Prime Minister"]),
            WatchedActor(id: "hu", name: "Hungary", type: .country),
        ])
        let found = try actors(list, "The Hungarian Prime Minister Viktor Orbán spoke for the Hungarian people.")
        #expect(found["orban"]?.map(\.form) == ["Hungarian Prime Minister Viktor Orbán"])
        // The country inside the title is named too.
        #expect(found["hu"]?.map(\.form) == ["Hungarian", "Hungarian"])
    }

    @Test("exclusions: Turkey the bird is not Turkey the country")
    func exclusions() throws {
        let list = Watchlist(actors: [WatchedActor(id: "tr", name: "Turkey", type: .country, exclude: ["roast turkey", "turkey dinner"])])
        let found = try actors(list, "Turkey objected. We ate roast turkey at the turkey dinner.")
        #expect(found["tr"]?.count == 1)
    }

    @Test("Cyrillic aliases match their inflected forms")
    func cyrillic() throws {
        let list = Watchlist(actors: [WatchedActor(id: "p", name: "Vladimir Putin", type: .person, aliases: ["Путин"])])
        #expect(try actors(list, "Встреча Путина и Орбана. Путину сказали.")["p"]?.count == 2)
    }

    @Test("title mentions count, with sentence -1")
    func titleMentions() throws {
        let list = Watchlist(actors: [WatchedActor(id: "p", name: "Vladimir Putin", type: .person)])
        let result = try Extractor(watchlist: list).extract(title: "Putin in Beijing", text: "Nothing here.")
        #expect(result.actors.first?.mentions.first?.sentence == -1)
        #expect(result.actors.first?.salience == 0.46)
    }
}

@Suite("The phrase automaton")
struct AutomatonTests {
    @Test("finds exactly what a naive search finds, on random phrases and texts")
    func againstNaive() {
        var generator = SystemRandomNumberGenerator()
        let vocabulary = (0..<12).map { "w\($0)" }
        for _ in 0..<50 {
            let phrases = (0..<Int.random(in: 1...30, using: &generator)).map { _ in
                (0..<Int.random(in: 1...4, using: &generator)).map { _ in vocabulary.randomElement(using: &generator)! }
            }
            var automaton = PhraseAutomaton()
            let indexes = phrases.map { automaton.add($0) }
            automaton.finish()
            let text = (0..<200).map { _ in Int.random(in: 0..<14, using: &generator) }.map { $0 < 12 ? vocabulary[$0] : "other" }
            var found: Set<[Int]> = []
            automaton.scan(text.map { automaton.id(of: $0) }) { phrase, first, last in found.insert([Int(phrase), first, last]) }
            var expected: Set<[Int]> = []
            for (p, phrase) in phrases.enumerated() {
                for start in 0...(text.count - phrase.count) where Array(text[start..<(start + phrase.count)]) == phrase {
                    expected.insert([Int(indexes[p]), start, start + phrase.count - 1])
                }
            }
            #expect(found == expected)
        }
    }
}

@Suite("Topic queries")
struct TopicTests {
    func matches(_ query: String, title: String = "", _ text: String) throws -> [Int]? {
        let list = Watchlist(topics: [Topic(id: "t", name: "T", query: query)])
        return try Extractor(watchlist: list).extract(title: title, text: text).topics.first?.sentences
    }

    @Test("words match their inflections; wildcards their prefixes")
    func inflections() throws {
        #expect(try matches("sanction", "The EU sanctioned banks.") == [0])
        #expect(try matches("sanctions", "A new sanction came.") == [0])
        #expect(try matches("sanction*", "Sanctioning is common.") == [0])
        #expect(try matches("embargo", "Embargoes hurt.") == [0])
        #expect(try matches("sanction", "Nothing to see.") == nil)
    }

    @Test("AND, OR, NOT, parentheses and implicit AND")
    func booleans() throws {
        #expect(try matches("gas AND price", "Gas prices fell.") == [0])
        #expect(try matches("gas price", "Gas is cheap. Prices fell.") == [0, 1])
        #expect(try matches("gas NOT oil", "Gas and oil.") == nil)
        #expect(try matches("(oil OR gas) AND pipeline", "The gas pipeline.") == [0])
    }

    @Test("NEAR/n counts words between; title: looks at the title only")
    func nearAndTitle() throws {
        #expect(try matches("weapons NEAR/3 Ukraine", "Weapons were sent to Ukraine.") == [0])
        #expect(try matches("weapons NEAR/2 Ukraine", "Weapons were sent far away to Ukraine.") == nil)
        #expect(try matches("\"military aid\" NEAR/5 Ukraine", "Military aid for Ukraine.") == [0])
        #expect(try matches("title:sanctions", title: "New sanctions", "Body text.") == [-1])
        #expect(try matches("title:sanctions", title: "Other", "Sanctions in the body.") == nil)
    }

    @Test(
        "invalid queries are errors with their position",
        arguments: [
            ("(sanctions OR", 14), ("sanctions)", 10), ("\"open phrase", 1), ("NEAR/x a", 1), ("a NEAR/0 b", 3),
            ("sanc*tions", 1), ("AND", 1), ("", 1), ("a OR OR b", 6),
        ])
    func errors(_ query: String, _ position: Int) {
        #expect(throws: TopicQueryError.self) { try TopicQuery.parse(query) }
        do { _ = try TopicQuery.parse(query) } catch let error as TopicQueryError {
            #expect(error.position == position, "\(query): \(error)")
        } catch {}
    }
}

@Suite("Quotes")
struct QuoteTests {
    static let list = Watchlist(actors: [
        WatchedActor(id: "p", name: "Vladimir Putin", type: .person),
        WatchedActor(id: "o", name: "Viktor Orbán", type: .person),
    ])

    func quotes(_ text: String) throws -> [Quote] { try Extractor(watchlist: Self.list).extract(text: text).quotes }

    @Test(
        "the forms news uses",
        arguments: [
            ("\"We will not give up our position here,\" Putin said.", "p", "said"),
            ("\"We will not give up our position here,\" said Orbán.", "o", "said"),
            ("Putin said: \"We will not give up our position here.\"", "p", "said"),
            ("Orbán said, “We will not give up our position here.”", "o", "said"),
            ("Putin told reporters that \"we will not give up our position here.\"", "p", "told"),
            ("\"We will not give up our position here,\" Putin was quoted as saying.", "p", "was quoted as saying"),
            ("\"We will not give up our position here,\" according to Orbán.", "o", "according to"),
        ])
    func forms(_ text: String, _ actor: String, _ verb: String) throws {
        let found = try quotes(text)
        #expect(found.count == 1)
        #expect(found.first?.speaker?.actor == actor)
        #expect(found.first?.verb == verb)
        #expect(found.first?.text.hasPrefix("We will not give up") == true || found.first?.text.hasPrefix("we will not") == true)
    }

    @Test("a pronoun is the person named last; an unwatched speaker is kept as text")
    func speakers() throws {
        let pronoun = try quotes("Orbán arrived late. She waited. He said, \"Nothing has changed in our view at all.\"")
        #expect(pronoun.first?.speaker?.actor == "o")
        let other = try quotes("\"This is a very important meeting for us,\" a Kremlin spokesman said.")
        #expect(other.first?.speaker?.actor == nil)
        #expect(other.first?.speaker?.text == "a Kremlin spokesman")
    }

    @Test(
        "a clause after a quote that opens with a conjunction speaks the next quote, not this one",
        arguments: [
            ("Viktor Orbán said \"We will see what happens in the morning\" and he said \"No, we will not do that at all.\"", ["o", "o"]),
            ("\"We will see what happens in the morning,\" Orbán said, \"and we will not back down from it.\"", ["o", "o"]),
            ("Putin said \"We will see what happens in the morning\" but Orbán said \"We will not do that at all.\"", ["p", "o"]),
            ("\"We will see what happens in the morning\" while Orbán told reporters \"We will not do that at all.\"", [nil, "o"]),
        ])
    func clauseAfterQuote(_ text: String, _ speakers: [String?]) throws {
        let found = try quotes(text)
        #expect(found.map { $0.speaker?.actor } == speakers, "\(found.map { ($0.text, $0.speaker?.text) })")
        #expect(
            !found.contains {
                $0.speaker?.text.lowercased().hasPrefix("and ") == true || $0.speaker?.text.lowercased().hasPrefix("but ") == true
            })
    }

    @Test("short scare quotes are not quotations")
    func scareQuotes() throws {
        #expect(try quotes("He spoke of the \"special operation\" again.").isEmpty)
    }
}

@Suite("Watchlist errors")
struct WatchlistErrorTests {
    @Test("every problem, each with its JSON path")
    func paths() {
        let json = """
            {"actors": [{"id": "a", "name": "A", "type": "person"}, {"id": "a", "name": "  ", "type": "person"},
                        {"id": "b", "name": "B", "type": "planet"}],
             "topics": [{"id": "t", "name": "T", "query": "(x OR"}]}
            """
        do {
            _ = try Watchlist.load(Data(json.utf8))
            Issue.record("expected errors")
        } catch let errors as WatchlistErrors {
            #expect(errors.errors.map(\.path) == ["$.actors[2].type"])
        } catch { Issue.record("\(error)") }
        let semantic = """
            {"actors": [{"id": "a", "name": "A"}, {"id": "a", "name": "  "}], "topics": [{"id": "t", "name": "T", "query": "(x OR"}]}
            """
        do {
            _ = try Watchlist.load(Data(semantic.utf8))
            Issue.record("expected errors")
        } catch let errors as WatchlistErrors {
            #expect(errors.errors.map(\.path) == ["$.actors[1].id", "$.actors[1].name", "$.topics[0].query"])
            #expect(errors.errors[2].message.contains("column"))
        } catch { Issue.record("\(error)") }
    }

    @Test("a missing field names its path")
    func missing() {
        do {
            _ = try Watchlist.load(Data(#"{"actors": [{"id": "a"}]}"#.utf8))
        } catch let errors as WatchlistErrors {
            #expect(errors.errors.first?.path == "$.actors[0].name")
            #expect(errors.errors.first?.message == "missing")
        } catch { Issue.record("\(error)") }
    }
}
