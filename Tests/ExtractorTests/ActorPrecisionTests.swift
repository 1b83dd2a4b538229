import Testing

@testable import Extractor

/// The right actor and not its namesake: common words, homonyms, names inside longer names, capitals
/// that do not act, languages and idioms, and the forms that must match (U.S., Nato, other languages).
/// Every sentence is our own.
@Suite("Actor precision")
struct ActorPrecisionTests {
    static let list = Watchlist(actors: [
        WatchedActor(id: "may", name: "Theresa May", type: .person),
        WatchedActor(id: "johnson", name: "Boris Johnson", type: .person),
        WatchedActor(id: "orban", name: "Viktor Orbán", type: .person),
        WatchedActor(id: "modi", name: "Narendra Modi", type: .person),
        WatchedActor(id: "usa", name: "United States", type: .country),
        WatchedActor(id: "russia", name: "Russia", type: .country),
        WatchedActor(id: "france", name: "France", type: .country),
        WatchedActor(id: "turkey", name: "Turkey", type: .country),
        WatchedActor(id: "china", name: "China", type: .country),
        WatchedActor(id: "georgia", name: "Georgia", type: .country),
        WatchedActor(id: "jordan", name: "Jordan", type: .country),
        WatchedActor(id: "chad", name: "Chad", type: .country),
        WatchedActor(id: "niger", name: "Niger", type: .country),
        WatchedActor(id: "hungary", name: "Hungary", type: .country, capitalAsMetonym: true),
        WatchedActor(id: "nato", name: "NATO", type: .organization),
        WatchedActor(id: "apple", name: "Apple", type: .organization),
    ])
    static let extractor = try! Extractor(watchlist: list)

    func actors(_ text: String, title: String? = nil) -> Set<String> {
        Set(Self.extractor.extract(title: title, text: text).actors.map(\.id))
    }

    @Test(
        "no actor in these",
        arguments: [
            "You may find the new timetable confusing at first.",
            "May I ask why the bridge is closed again?",
            "Dwayne Johnson starred in the film, which opened on Friday.",
            "Jim Johnson, a farmer from Kent, lost most of his barley to the floods.",
            "He played Russian roulette with the company's savings.",
            "The museum labels are printed in French and English.",
            "She spoke with a Russian accent that nobody could place.",
            "I modi di dire italiani sono difficili da tradurre.",
            "We had roast turkey and cranberry sauce for dinner.",
            "Grandmother kept the fine china in a locked cabinet.",
            "Workers on Amazon Mechanical Turk are paid per task.",
            "The Turkey Bowl is played every Thanksgiving morning.",
            "The conference took place in Atlanta, Georgia, last spring.",
            "She studied at Georgia State University for four years.",
            "Michael Jordan won six championships with Chicago.",
            "Chad Smith has played drums with the band since 1988.",
            "Fishermen on the Niger River reported low water levels.",
            "Ilona Orbán, a teacher from Szeged, won the regional prize.",
            "The marathon started in Budapest shortly after dawn.",
            "She ate an apple on the way to the station.",
            "The Organization of American States met in Lima.",
        ])
    func noActor(_ text: String) {
        #expect(actors(text).isEmpty, "\(actors(text))")
    }

    @Test(
        "the actor in these",
        arguments: [
            ("Prime Minister Theresa May met the cabinet. May said the deal was the best on offer.", "may"),
            ("Mrs May told MPs she would not resign.", "may"),
            ("Boris Johnson flew to Kyiv. Johnson promised more support.", "johnson"),
            ("Orbán said Hungary would veto the package.", "orban"),
            ("Budapest rejected the proposal on Tuesday.", "hungary"),
            ("Officials in the U.S. said the talks would resume.", "usa"),
            ("The US and its allies imposed new sanctions.", "usa"),
            ("Nato allies met in Brussels to discuss air defence.", "nato"),
            ("NATO will hold its summit in July.", "nato"),
            ("Turkish and Russian officials met in Ankara.", "turkey"),
            ("Georgia's parliament in Tbilisi passed the law despite protests.", "georgia"),
            ("King Abdullah of Jordan received the envoy in Amman.", "jordan"),
            ("Die Sanktionen gegen Russland wurden verlängert.", "russia"),
            ("Die russische Regierung wies die Vorwürfe zurück.", "russia"),
            ("Die chinesische Botschaft äußerte sich nicht.", "china"),
            ("Представитель российского МИД отверг обвинения.", "russia"),
            ("Переговоры в Венгрии завершились без результата.", "hungary"),
            ("La Russie a rejeté la proposition.", "russia"),
            ("El gobierno de Rusia negó las acusaciones.", "russia"),
            ("Shares in Apple rose after it unveiled a new phone on Tuesday.", "apple"),
            ("روس نے نئی پابندیوں کو مسترد کر دیا۔", "russia"),
            ("Il governo russo ha respinto la proposta.", "russia"),
        ])
    func actor(_ text: String, _ id: String) {
        #expect(actors(text).contains(id), "\(actors(text))")
    }

    @Test("an acronym the article introduces names the actor in it")
    func introducedAcronym() throws {
        let list = Watchlist(actors: [WatchedActor(id: "sco", name: "Shanghai Cooperation Organisation", type: .organization)])
        let result = try Extractor(watchlist: list).extract(
            text: """
                Leaders of the Shanghai Cooperation Organisation (SCO) gathered in Astana. The SCO said its members \
                would hold exercises next year.
                """)
        #expect(result.actors.first?.count == 3)
    }

    @Test("a headline in title case keeps its names")
    func titleCaseHeadline() {
        #expect(actors("", title: "Orbán Vows Veto as Hungary Defies Brussels Over Russia Sanctions") == ["orban", "hungary", "russia"])
    }

    @Test("a watchlist can replace the built-in cues")
    func cueOverride() throws {
        let list = Watchlist(actors: [WatchedActor(id: "georgia", name: "Georgia", type: .country, cues: ContextCues(for: [], against: []))]
        )
        let result = try Extractor(watchlist: list).extract(text: "The conference took place in Atlanta, Georgia, last spring.")
        #expect(result.actors.map(\.id) == ["georgia"])
    }
}
