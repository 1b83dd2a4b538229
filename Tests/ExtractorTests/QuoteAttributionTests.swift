import Testing

@testable import Extractor

/// Who said it: the cases a reader settles at once and a pattern matcher gets wrong. Each names the
/// speaker the article means, watched or not.
@Suite("Quote attribution")
struct QuoteAttributionTests {
    static let list = Watchlist(actors: [
        WatchedActor(id: "trump", name: "Donald Trump", type: .person),
        WatchedActor(id: "obama", name: "Barack Obama", type: .person),
        WatchedActor(id: "rubio", name: "Marco Rubio", type: .person),
        WatchedActor(id: "clinton", name: "Hillary Clinton", type: .person),
        WatchedActor(id: "orban", name: "Viktor Orbán", type: .person),
        WatchedActor(id: "putin", name: "Vladimir Putin", type: .person, aliases: ["Владимир Путин"]),
        WatchedActor(id: "merkel", name: "Angela Merkel", type: .person),
        WatchedActor(id: "lagarde", name: "C. Lagarde", type: .person, gender: .female),
    ])

    func quotes(_ text: String) throws -> [Quote] { try Extractor(watchlist: Self.list).extract(text: text).quotes }

    func speaker(_ text: String, _ line: Int = #line) throws -> Speaker? {
        let found = try quotes(text)
        #expect(found.count == 1, "line \(line): \(found.map(\.text))")
        return found.first?.speaker
    }

    @Test("she is the woman named before, not the watched man named last")
    func pronounGender() throws {
        let s = try speaker(
            "Kirstjen Nielsen met Donald Trump at the border on Monday. \"We will enforce the law at every crossing,\" she said.")
        #expect(s?.text == "Kirstjen Nielsen")
        #expect(s?.actor == nil)
        #expect(s?.method == .pronoun)
        #expect(s?.mention == "she")
    }

    @Test("he is the unwatched man named in between, reported by name")
    func unwatchedInBetween() throws {
        let s = try speaker(
            """
            Donald Trump left the chamber early.
            Later, Senator Chuck Schumer took the floor. "This bill will not pass the Senate this year," he said.
            """)
        #expect(s?.text == "Chuck Schumer")
        #expect(s?.actor == nil)
    }

    @Test("the pronouns used of a person tell their gender")
    func genderFromPronouns() throws {
        let s = try speaker(
            """
            Ngozi Okafor runs the clinic. She opened it in 2009, and her patients call her by her first name.
            Barack Obama visited the clinic on Friday. "Nobody here has ever been turned away for lack of money," she said.
            """)
        #expect(s?.text == "Ngozi Okafor")
    }

    @Test("a watchlist's gender settles a pronoun the text cannot")
    func genderFromWatchlist() throws {
        let s = try speaker("Lagarde met Barack Obama in Paris. \"Inflation will come down by the end of next year,\" she said.")
        #expect(s?.actor == "lagarde")
    }

    @Test("the subject of an apposition, not a watched name inside it")
    func apposition() throws {
        let s = try speaker(
            "Ezekiel Brandt, an oncologist who advised Obama on the health law, said \"the law has worked by any measure we have.\"")
        #expect(s?.text == "Ezekiel Brandt")
        #expect(s?.actor == nil)
    }

    @Test(
        "a name that only says whose role it is does not speak",
        arguments: [
            "\"The debate went exactly as we planned it would go,\" said Rubio spokesman Alex Conant.",
            "Rubio's campaign manager, Alex Conant, said: \"The debate went exactly as we planned it would go.\"",
            "\"The debate went exactly as we planned it would go,\" Rubio's campaign manager, Alex Conant, told reporters.",
        ])
    func modifierNames(_ text: String) throws {
        let s = try speaker(text)
        #expect(s?.text == "Alex Conant")
        #expect(s?.actor == nil)
    }

    @Test("an introductory phrase is not the speaker; the name after the verb is when it is inverted")
    func introductions() throws {
        #expect(
            try speaker("In an interview on Tuesday, Merkel said: \"Europe has to stand together on this question.\"")?.actor == "merkel")
        #expect(
            try speaker("\"Europe has to stand together on this,\" in the words of the summit paper, said Chancellor Angela Merkel.")?.actor
                == "merkel")
    }

    @Test("a paragraph that is only a quotation goes on with the speaker before")
    func continuation() throws {
        let found = try quotes(
            """
            "We have never been in a stronger position to negotiate," Orbán told the parliament.

            "Nobody will dictate to Hungary what it has to do with its own borders."

            The opposition walked out.

            "This was a speech for the cameras and nothing more than that."
            """)
        #expect(found.count == 3)
        #expect(found.map { $0.speaker?.actor } == ["orban", "orban", nil])
        #expect(found[1].speaker?.method == .continuation)
    }

    @Test("a quote continued after a short one keeps its speaker")
    func continuationAfterShortQuote() throws {
        let found = try quotes(
            "\"It can be done,\" Marco Rubio told the paper on Monday. \"Whether it will happen this year is another question.\"")
        #expect(found.count == 1)
        #expect(found.first?.speaker?.actor == "rubio")
    }

    @Test("a role stands for the person last given that title")
    func nominal() throws {
        let s = try speaker(
            """
            Sen. Jon Tester spoke after the vote. "That is not what the people of Montana sent us here to do," the senator said.
            """)
        #expect(s?.text == "Jon Tester")
        #expect(s?.method == .nominal)
        #expect(s?.isConfident == true)
    }

    @Test("a body that speaks is reported as written, without confidence")
    func organisation() throws {
        let s = try speaker("\"The council has failed the city on every count this year,\" the newspaper wrote.")
        #expect(s?.text == "the newspaper")
        #expect(s?.actor == nil)
        #expect(s?.isConfident == false)
    }

    @Test("another given name before a watched surname is someone else")
    func otherGivenName() throws {
        let s = try speaker("Ilona Orbán, a teacher from Debrecen, said \"the school has not had heating since October.\"")
        #expect(s?.text == "Ilona Orbán")
        #expect(s?.actor == nil)
    }

    @Test(
        "Russian quotations with the reporting verb after a dash",
        arguments: [
            "«Мы не откажемся от наших позиций ни при каких условиях», — сказал Владимир Путин.",
            "«Мы не откажемся от наших позиций ни при каких условиях», — заявил Путин журналистам.",
            "«Мы не откажемся от наших позиций ни при каких условиях», — подчеркнул Путин.",
        ])
    func russian(_ text: String) throws {
        let s = try speaker(text)
        #expect(s?.text.hasSuffix("Путин") == true)
    }

    @Test("a dash line after a quotation names its speaker")
    func dashLine() throws {
        let s = try speaker("\"Nothing about this campaign has been normal from the start.\" ― Maria Lopez")
        #expect(s?.text == "Maria Lopez")
    }

    @Test("no speaker rather than a guess")
    func unsure() throws {
        #expect(try speaker("The hall was quiet. \"Nothing about this has been normal from the start,\" they said.") == nil)
        #expect(try speaker("\"Nothing about this has been normal from the start,\" he said.") == nil)
    }
}
