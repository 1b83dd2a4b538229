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
        WatchedActor(id: "hungary", name: "Hungary", type: .country),
        WatchedActor(id: "cruz", name: "Ted Cruz", type: .person),
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

    // MARK: - Who can speak (issue 25 a)

    @Test("a country is no speaker: its credit goes, a person's in the same place stays")
    func countryIsNoSpeaker() throws {
        let country = try speaker(
            "Hungary rejected the plan again. \"We will never accept quotas that are decided somewhere else,\" Hungary said.")
        #expect(country == nil)
        let person = try speaker(
            "Hungary rejected the plan again. \"We will never accept quotas that are decided somewhere else,\" Orbán said.")
        #expect(person?.actor == "orban")
    }

    @Test("a people or a creed is no speaker; a surname that is a demonym is")
    func demonymIsNoSpeaker() throws {
        let people = try speaker("\"Nobody asked us before the fence went up around the village,\" Palestinian residents said.")
        #expect(people?.text == "Palestinian residents")
        #expect(people?.actor == nil)
        #expect(try speaker("\"Nobody asked us before the fence went up around the village,\" Jewish said.") == nil)
        let surname = try speaker(
            "Mark Cuban owns the team. \"Nobody asked us before the fence went up around the arena,\" Cuban said.")
        #expect(surname?.text == "Mark Cuban")
    }

    @Test("a piece of an institution's name is no speaker; the titled person after it is")
    func institutionFragment() throws {
        let s = try speaker(
            "The Council on Rural Affairs National Director Maria Ostrowski says the bill is \"a slap in the face of every farmer.\"")
        #expect(s?.text == "Maria Ostrowski")
        let fragment = try speaker(
            "\"The party has shown real courage on the budget this year,\" a Republican National Committeeman from Ohio said.")
        #expect(fragment?.text == "a Republican National Committeeman from Ohio")
        let body = try speaker("\"The figures show a clear slowdown in growth this quarter,\" the National Bureau said.")
        #expect(body?.text == "National Bureau")
    }

    @Test("a place in the words before the subject is no speaker")
    func placeBeforeSubject() throws {
        let s = try speaker(
            "At a town hall in Nashua, New Hampshire, the retired teacher retorted: \"Nobody in this room believes a word of that.\"")
        #expect(s?.text == "the retired teacher")
        let named = try speaker(
            "At a town hall in Nashua, New Hampshire, Ted Cruz retorted: \"Nobody in this room believes a word of that.\"")
        #expect(named?.actor == "cruz")
    }

    // MARK: - Roles are not their principal (issue 25 b)

    @Test("a spokesman is not the leader he speaks for, nor is a pronoun after him")
    func spokesmanIsNotPrincipal() throws {
        let found = try quotes(
            """
            Prime Minister Viktor Orbán met the unions on Monday. "The prime minister has full confidence in the negotiators," \
            the prime minister's official spokesman said. "There will be no change of course before the vote," he added.
            """)
        #expect(found.count == 2)
        #expect(found.map { $0.speaker?.actor } == [nil, nil])
        #expect(found.first?.speaker?.text == "the prime minister's official spokesman")
        #expect(found.last?.speaker?.text == "the prime minister's official spokesman")
        let leader = try quotes(
            """
            Prime Minister Viktor Orbán met the unions on Monday. "We have full confidence in the negotiators," \
            Orbán said. "There will be no change of course before the vote," he added.
            """)
        #expect(leader.map { $0.speaker?.actor } == ["orban", "orban"])
    }

    @Test(
        "a spokesman for, an aide to someone is not that someone",
        arguments: [
            "Donald Trump left early. \"The president has no plans to meet the delegation this week,\" a spokesman for the president said.",
            "Donald Trump left early. \"The president has no plans to meet the delegation this week,\" said a spokesman for President Trump.",
            "Donald Trump left early. \"The president has no plans to meet the delegation this week,\" a senior aide to Trump said.",
        ])
    func roleOfSomeone(_ text: String) throws {
        let s = try speaker(text)
        #expect(s?.actor == nil)
        #expect(s?.text.contains("spokesman") == true || s?.text.contains("aide") == true)
    }

    @Test("the principal himself, or the person with the role named, still speaks")
    func principalStillSpeaks() throws {
        #expect(
            try speaker("President Donald Trump left early. \"I have no plans to meet the delegation this week,\" the president said.")?
                .actor
                == "trump")
        #expect(
            try speaker("\"The president has no plans to meet the delegation,\" said Trump spokeswoman Hope Lindqvist.")?.text
                == "Hope Lindqvist")
    }

    // MARK: - The shapes of the words around a quote

    @Test("a verb of telling takes its listener after it, not an inverted speaker")
    func listenerIsNoSpeaker() throws {
        let s = try speaker("\"Ted Cruz is not my favorite by any means,\" Graham, a former candidate, told Channel Four on Tuesday.")
        #expect(s?.text == "Graham")
        let inverted = try speaker(
            "\"Things went very well for her in the industrial towns\" in the first round, said Professor Anne Holt.")
        #expect(inverted?.text == "Anne Holt")
    }

    @Test("the agent of a passive speech verb speaks, not its subject")
    func passiveAgent() throws {
        let s = try speaker(
            "Ted Cruz was asked by moderator Gerard Baxter whether the plan would risk \"adding another expensive program to the budget.\"")
        #expect(s?.text == "Gerard Baxter")
        #expect(s?.actor == nil)
        let active = try speaker(
            "Ted Cruz asked the moderator whether the plan would risk \"adding another expensive program to the budget.\"")
        #expect(active?.actor == "cruz")
    }

    @Test("a name after 'said' that opens a clause of its own is what was said, not who said it")
    func saidClauseSubject() throws {
        let s = try speaker(
            "Mike Hollis, the former governor, proposed we \"wake up and smell the coffee\" and said Sen. Ted Cruz should resign.")
        #expect(s?.actor != "cruz")
        let inverted = try speaker(
            "\"We should all wake up and smell the coffee,\" said Sen. Ted Cruz, who spoke after the vote.")
        #expect(inverted?.actor == "cruz")
    }

    @Test("a participle after a comma has the subject that opens its clause")
    func participleSubject() throws {
        let s = try speaker(
            "Carla Fenwick threw her support behind Sen. Ted Cruz on Wednesday, saying it is time for \"a real conservative in the White House.\""
        )
        #expect(s?.text == "Carla Fenwick")
        let clause = try speaker(
            "Cruz and Trump will meet next week, Carla Fenwick said, adding: \"They need to sit down and have a good talk.\"")
        #expect(clause?.text == "Carla Fenwick")
    }

    @Test("a paragraph that is only a quote, after a sentence that reports speech, is that speaker's")
    func leadIn() throws {
        let reported = try quotes(
            """
            Secretary Anna Kowalski said that the number of places would rise again next year.

            "That adds up to twice as many as two years ago, and nobody has planned for it."
            """)
        #expect(reported.first?.speaker?.text == "Anna Kowalski")
        let colon = try quotes(
            """
            Anna Kowalski continued:

            "That adds up to twice as many as two years ago, and nobody has planned for it."
            """)
        #expect(colon.first?.speaker?.text == "Anna Kowalski")
        let narrated = try quotes(
            """
            Anna Kowalski visited the camp on Friday.

            "That adds up to twice as many as two years ago, and nobody has planned for it."
            """)
        #expect(narrated.first?.speaker == nil)
    }

    @Test("a document speaks for its author")
    func documentAuthor() throws {
        let s = try speaker(
            "An email sent out by the Veterans League on Tuesday warned that \"any further use of the emblem will go to our lawyers.\"")
        #expect(s?.text == "Veterans League")
        let possessive = try speaker(
            "Ted Cruz's fundraising email to supporters notes that the rival \"has never once voted for a tax cut.\"")
        #expect(possessive?.actor == "cruz")
    }

    @Test("names written the way dates and titles are")
    func nameShapes() throws {
        #expect(
            try speaker("\"The rationales for the veto do not hold weight at all,\" said 9/11 widow Terry Strand.")?.text == "Terry Strand")
        #expect(
            try speaker("\"The question is what share of the vote will turn out,\" said Charlie King, a local organizer.")?.text
                == "Charlie King")
        #expect(
            try speaker("\"The question is what share of the vote will turn out,\" said King Abdullah, the monarch.")?.text == "Abdullah")
    }

    @Test("a dash with spaces sets off an apposition; a capitalised 'States' is no verb")
    func dashesAndCase() throws {
        let s = try speaker(
            "A former candidate -- John Mercer, who lost the 2008 race to Obama -- said the president \"offered no changes to his strategy.\""
        )
        #expect(s?.text == "John Mercer")
        let states = try speaker(
            "In response to the plan to bar visitors from the United States, the mayor's right-hand woman rallied supporters, saying: \"We have to be ready to stop him.\""
        )
        #expect(states?.text == "the mayor's right-hand woman")
    }
}
