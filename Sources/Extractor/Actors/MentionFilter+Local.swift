/// The rules that look at one mention and its neighbours.
extension MentionFilter {
    struct Context {
        var part: Part
        /// A headline in title case: capitals say nothing there.
        var titleCase: Bool
        /// The item is in English: another language's country names are not the country here.
        var english: Bool
        /// Not known to be in another language: any capitalised word next to a name is another name
        /// (German, which capitalises every noun, is read with given names only).
        var namesInEnglish: Bool

        var tokens: [Token] { part.tokens }

        /// The token before `k` when nothing breaks the phrase between them.
        func previous(_ k: Int) -> Int? {
            k > 0 && !Lexicon.isBreak(part.bytes, tokens: part.tokens, after: k - 1) ? k - 1 : nil
        }

        /// The token after `k` when nothing breaks the phrase between them.
        func next(_ k: Int) -> Int? {
            k + 1 < part.tokens.count && !Lexicon.isBreak(part.bytes, tokens: part.tokens, after: k) ? k + 1 : nil
        }

        /// A capitalised word that can be part of a name: not a function word, month, title or role.
        func isNameWord(_ k: Int) -> Bool {
            NameIndex.isNameWord(tokens[k]) && !tokens[k].isAllCaps
        }

        /// The line holding token `k` (up to 40 words between line breaks) is in title case.
        func isTitleCaseLine(_ k: Int) -> Bool { part.titleCaseLines[Int(part.lineOfToken[k])] }

        /// Capitalised where capitals tell: inside a sentence of a part that is not in title case.
        func capitalsTell(_ k: Int) -> Bool { !titleCase && !part.opensSentence[k] }
    }

    enum Verdict {
        case keep
        /// Counts only if the item has a mention of the same actor that is not weak; else refused for
        /// the reason given.
        case weak(RefusalReason)
        case refuse(RefusalReason, first: Int, last: Int)
    }

    /// A comma, colon, semicolon, exclamation or question mark, or a full stop that ends a sentence
    /// between token `k` and the next.
    static func punctuated(_ bytes: [UInt8], tokens: [Token], after k: Int) -> Bool {
        let gap = bytes[tokens[k].end..<tokens[k + 1].start]
        if gap.contains(where: { [0x2C, 0x3B, 0x3A, 0x21, 0x3F, 0x0A].contains($0) }) { return true }
        return gap.contains(0x2E) && Lexicon.isBreak(bytes, tokens: tokens, after: k)
    }

    /// "MILAN 1996-08-22", "IRVINE, Calif.": a word in capitals opening a line, before a date or a
    /// comma — a dateline's place.
    static func isDateline(_ hit: ActorMatcher.Hit, in c: Context) -> Bool {
        let tokens = c.tokens, bytes = c.part.bytes
        guard hit.first == hit.last, tokens[hit.first].isAllCaps, hit.last + 1 < tokens.count else { return false }
        let opensLine = hit.first == 0 || bytes[tokens[hit.first - 1].end..<tokens[hit.first].start].contains(0x0A)
        guard opensLine else { return false }
        let gap = bytes[tokens[hit.last].end..<tokens[hit.last + 1].start]
        return tokens[hit.last + 1].normalized.first?.isNumber == true || gap.contains(0x2C)
    }

    func verdict(_ hit: ActorMatcher.Hit, in c: Context) -> Verdict {
        var c = c
        // A line in title case inside a body ("Marco Rubio Responds To Question About …"): a headline.
        if !c.titleCase, c.isTitleCaseLine(hit.first) { c.titleCase = true }
        let tokens = c.tokens
        func refuse(_ reason: RefusalReason, _ first: Int?, _ last: Int?) -> Verdict {
            .refuse(reason, first: min(first ?? hit.first, hit.first), last: max(last ?? hit.last, hit.last))
        }
        // "president, Obama said": a phrase does not run across punctuation (an editor's brackets and
        // quotation marks inside a name, "Newt [Gingrich]", "Little "Marco" Rubio", are not punctuation).
        if hit.last > hit.first,
            (hit.first..<hit.last).contains(where: { k in
                Self.punctuated(c.part.bytes, tokens: tokens, after: k)
            })
        {
            return refuse(.acrossPunctuation, nil, nil)
        }
        if hit.isForeign, c.english { return refuse(.foreignForm, nil, nil) }
        let type = actors[hit.actor].type  // the type only: copying the whole actor costs a retain per field
        let previous = c.previous(hit.first)
        let next = c.next(hit.last)
        if type != .country, type != .place, Self.isDateline(hit, in: c) { return refuse(.dateline, nil, nil) }
        if type != .person, let previous, Self.personalHonorifics.contains(tokens[previous].normalized) {
            return refuse(.personsName, previous, nil)
        }
        switch type {
        case .person:
            return personVerdict(hit, in: c, previous: previous, next: next, refuse: refuse)
        case .country, .place:
            if let reason = placeRefusal(hit, in: c, previous: previous, next: next) { return refuse(reason.0, reason.1, reason.2) }
            return .keep
        case .organization, .other:
            return organizationVerdict(hit, in: c, previous: previous, next: next, refuse: refuse)
        }
    }

    // MARK: - Persons

    private func personVerdict(
        _ hit: ActorMatcher.Hit, in c: Context, previous: Int?, next: Int?,
        refuse: (RefusalReason, Int?, Int?) -> Verdict
    ) -> Verdict {
        let tokens = c.tokens
        // "Donald Trump Jr.", "Trump, Jr.": a generational suffix makes it another person.
        if hit.last + 1 < tokens.count, Self.isSuffix(tokens[hit.last + 1]),
            tokens[hit.last + 1].start - tokens[hit.last].end <= 2
        {
            return refuse(.generationalSuffix, nil, hit.last + 1)
        }
        if hit.kind == .title { return titleVerdict(hit, in: c, previous: previous, next: next, refuse: refuse) }
        if let single = commonWordForms[hit.actor], hit.first == hit.last, single.contains(tokens[hit.first].normalized) {
            return organizationVerdict(hit, in: c, previous: previous, next: next, refuse: refuse)
        }
        let givenNameLike = hit.kind == .surname && Distinctiveness.isCommonGivenName(tokens[hit.first].normalized)
        // "George HW Bush", "John F. Kennedy": a watched surname that is a given name, before initials.
        if givenNameLike, let next, tokens[next].isAllCaps || tokens[next].end - tokens[next].start == 1,
            tokens[next].end - tokens[next].start <= 3, tokens[next].isCapitalized || tokens[next].isAllCaps
        {
            return refuse(.givenNameOfAnother, nil, next)
        }
        // "Anwar al-Awlaki", "Pierre de Gaulle": a particle and a name after it continue the name.
        if hit.kind == .surname, let next, next + 1 < tokens.count, NameIndex.particles.contains(tokens[next].normalized),
            !tokens[next].isCapitalized, tokens[next + 1].isCapitalized, !Lexicon.isBreak(c.part.bytes, tokens: tokens, after: next)
        {
            return refuse(givenNameLike ? .givenNameOfAnother : .longerName, nil, next + 1)
        }
        // "“Seinfeld”": a name alone in quotation marks is a work's title.
        if hit.kind == .surname, insideShortQuotation(hit, in: c) {
            return refuse(.quotedTitle, nil, nil)
        }
        if c.titleCase {
            // Even in a headline, a common given name before a name word is someone's given name
            // ("Senator John McCain Says …" for a watched Elton John).
            if givenNameLike, let next, tokens[next].isCapitalized, !Lexicon.functionWords.contains(tokens[next].normalized),
                Distinctiveness.isName(tokens[next].normalized) || !Distinctiveness.isCommonWord(tokens[next].normalized)
            {
                return refuse(.givenNameOfAnother, nil, next)
            }
            return .keep
        }
        // "Major-General Utomo": joined by a hyphen to a capitalised word, a compound, not the surname.
        if hit.kind == .surname, let next, tokens[next].isCapitalized, c.part.bytes[tokens[hit.last].end] == 0x2D {
            return refuse(.longerName, nil, next)
        }
        // "Prince William Sound": a full name run into another name word is that other name.
        if hit.kind != .surname, c.namesInEnglish, let next, tokens[next].isCapitalized, !tokens[next].isAllCaps, c.isNameWord(next),
            !Self.personKeepers.contains(tokens[next].normalized)
        {
            return refuse(Self.bodyWords.contains(tokens[next].normalized) ? .bodyName : .longerName, nil, next)
        }
        if let next, !tokens[next].isAllCaps, tokens[next].isCapitalized {
            let word = tokens[next].normalized
            if Self.bodyWords.contains(word) { return refuse(.bodyName, nil, next) }
            // "Paul Smith", "Howard Hughes": the watched surname is someone's given name here.
            if hit.kind == .surname, !Self.personKeepers.contains(word), word != tokens[hit.last].normalized,
                c.isNameWord(next) && (c.namesInEnglish || Distinctiveness.isName(word))
            {
                return refuse(
                    Distinctiveness.isCommonGivenName(tokens[hit.first].normalized) ? .givenNameOfAnother : .longerName, nil, next)
            }
        }
        if hit.kind == .surname, let previous, isAnotherBearer(previous, of: hit.actor, in: c) {
            return refuse(.anotherBearer, previous, nil)
        }
        // "May I ask", "Rice is …": a sentence-initial common word.
        if hit.kind == .surname, plainSurnames.contains(hit.actor), c.part.opensSentence[hit.first],
            hit.last + 1 < tokens.count, Self.notAfterSurname.contains(tokens[hit.last + 1].normalized)
        {
            return refuse(.sentenceInitialWord, nil, nil)
        }
        return .keep
    }

    /// A word before a watched surname that makes the two another person's name: another given name or
    /// initial ("Ilona Orbán", "J. Smith"), or in English any capitalised name word ("Ron Howard").
    /// Titles, roles, party words, countries and the person's own given name do not.
    private func isAnotherBearer(_ k: Int, of actor: Int, in c: Context) -> Bool {
        let token = c.tokens[k]
        guard token.isCapitalized, !token.isAllCaps || token.end - token.start == 1 else { return false }
        let word = token.normalized
        // "Putin Putin": the same name again is no other person's (a list, a stutter, a hostile feed).
        if word == c.tokens[k + 1].normalized { return false }
        if let given = names[actor]?.givenName {
            if word == given { return false }
            // "G. Bush" for George Bush.
            if token.end - token.start == 1, given.first == word.first { return false }
        }
        if aliasFirstWords[actor].contains(word) { return false }
        return Self.isOtherNameWord(k, in: c.part, english: c.namesInEnglish)
    }

    /// A word before a surname that makes it another person's name: a given name, an initial, or (in
    /// English) a capitalised name word — not a party word or a country's. Shared by the mention's own
    /// check and the item-wide search for other bearers (`SurnameResolution`).
    static func isOtherNameWord(_ k: Int, in part: Part, english: Bool) -> Bool {
        let token = part.tokens[k]
        let word = token.normalized
        if affiliationWords.contains(word) || isPlaceWord(word) { return false }
        if token.end - token.start == 1 { return english }
        if Distinctiveness.isCommonGivenName(word) { return true }
        guard english, NameIndex.isNameWord(token), !token.isAllCaps else { return false }
        // A capitalised word opening the sentence may be an ordinary word ("Yesterday Brown said").
        return !part.opensSentence[k] || Distinctiveness.isName(word)
    }

    static func isSuffix(_ token: Token) -> Bool {
        PersonName.suffixes.contains(token.normalized) && (token.isCapitalized || token.isAllCaps)
            && token.normalized != "v"
    }

    // MARK: - Titles

    private func titleVerdict(
        _ hit: ActorMatcher.Hit, in c: Context, previous: Int?, next: Int?,
        refuse: (RefusalReason, Int?, Int?) -> Verdict
    ) -> Verdict {
        let tokens = c.tokens
        if let previous, Self.formerWords.contains(tokens[previous].normalized) { return refuse(.formerOrDeputy, previous, nil) }
        // "the 1991 Wimbledon champion", "a two-time British Open champion": a holder of a given year or count.
        if let previous, tokens[previous].normalized.first?.isNumber == true || tokens[previous].normalized == "time" {
            return refuse(.formerOrDeputy, previous, nil)
        }
        // "Michael Stich, the 1991 …", "Donovan Bailey, the current Olympic champion": a title in apposition
        // to another name is that person's.
        if let name = appositionHead(before: hit.first, in: c) { return refuse(.titleOfAnother, name, nil) }
        // "the Office of the Deputy Prime Minister", "the job of Foreign Secretary", "running for President".
        if let of = previous.map({ tokens[$0].normalized == "the" ? c.previous($0) : $0 }) ?? nil,
            ["of", "for"].contains(tokens[of].normalized), let before = c.previous(of)
        {
            if Self.officeWords.contains(tokens[before].normalized) || (tokens[before].isCapitalized && !c.titleCase) {
                return refuse(.officeNotHolder, before, nil)
            }
        }
        if Lexicon.possessiveAfter(c.part.bytes, tokens: tokens, index: hit.last), hit.last + 1 < tokens.count,
            tokens[hit.last + 1].isCapitalized,
            Self.bodyWords.contains(tokens[hit.last + 1].normalized) || tokens[hit.last + 1].normalized == "office"
        {
            return refuse(.officeNotHolder, nil, hit.last + 1)
        }
        // "All the President's Men": a work's title.
        if insideShortQuotation(hit, in: c) { return refuse(.quotedTitle, nil, nil) }
        // "President of the Republic", "Queen of the South", "Prime Minister of India": another office.
        if let of = next, ["of", "for"].contains(tokens[of].normalized) {
            var k = of + 1
            if k < tokens.count, tokens[k].normalized == "the", !Lexicon.isBreak(c.part.bytes, tokens: tokens, after: of) { k += 1 }
            if k < tokens.count, tokens[k].isCapitalized || tokens[k].isAllCaps,
                !Lexicon.isBreak(c.part.bytes, tokens: tokens, after: k - 1)
            {
                return refuse(.qualifiedTitle, nil, k)
            }
        }
        let generic =
            genericTitles[hit.actor]?.contains(hit.last - hit.first + 1 == 1 ? tokens[hit.first].normalized : Self.phrase(tokens, hit))
            == true
        guard !c.titleCase else { return generic ? .weak(.genericTitle) : .keep }
        // "Scottish Conservative leader", "the Turkish Deputy Prime Minister": another country's or body's.
        if let previous, tokens[previous].isCapitalized || tokens[previous].isAllCaps, !c.part.opensSentence[previous],
            !Lexicon.functionWords.contains(tokens[previous].normalized)
        {
            return refuse(.qualifiedTitle, previous, nil)
        }
        // "Foreign Secretary Jane Doe", "Foreign Minister I.K. Gujral": a name after the title that is
        // not the actor's is its holder.
        if let next, tokens[next].isCapitalized, c.isNameWord(next) || tokens[next].end - tokens[next].start == 1 {
            return refuse(.titleOfAnother, nil, next)
        }
        // "the President", "the Prime Minister": which one, only an item that names the holder tells.
        return generic ? .weak(.genericTitle) : .keep
    }

    /// The name a title stands in apposition to: "Name, the (current|1991|…) TITLE" — the name's
    /// last token, when it is a capitalised name word just before the comma.
    private func appositionHead(before first: Int, in c: Context) -> Int? {
        let tokens = c.tokens
        var k = first - 1
        while k >= 0, first - k <= 3, !tokens[k].isCapitalized, tokens[k].normalized != "the", tokens[k].normalized != "a" { k -= 1 }
        guard k >= 1, ["the", "a", "an"].contains(tokens[k].normalized),
            c.part.bytes[tokens[k - 1].end..<tokens[k].start].contains(0x2C), tokens[k - 1].isCapitalized, c.isNameWord(k - 1)
        else { return nil }
        return k - 1
    }

    static func phrase(_ tokens: [Token], _ hit: ActorMatcher.Hit) -> String {
        tokens[hit.first...hit.last].map(\.normalized).joined(separator: " ")
    }

    // MARK: - Organisations and common words

    private func organizationVerdict(
        _ hit: ActorMatcher.Hit, in c: Context, previous: Int?, next: Int?,
        refuse: (RefusalReason, Int?, Int?) -> Verdict
    ) -> Verdict {
        let tokens = c.tokens
        let isCommonWord = hit.first == hit.last && commonWordForms[hit.actor]?.contains(tokens[hit.first].normalized) == true
        // "Big Apple": a word that makes place names, or a given name, before it ("David Williams" is
        // no motor-racing team, even in a list of golfers that looks like a headline).
        if let previous, partOfAnotherName(tokens[previous], actor: hit.actor),
            !c.titleCase || Distinctiveness.isCommonGivenName(tokens[previous].normalized)
        {
            return refuse(.longerName, previous, nil)
        }
        // A team or body known by a country's name ("England", "Brazil") is not meant where the name
        // is a place: a dateline ("YORK, England"), someone's nationality ("Fernando Meligeni (Brazil)").
        if Countries.byName[Self.phrase(tokens, hit)] != nil {
            let bytes = c.part.bytes
            let before = hit.first > 0 ? bytes[tokens[hit.first - 1].end..<tokens[hit.first].start] : []
            let after = hit.last + 1 < tokens.count ? bytes[tokens[hit.last].end..<tokens[hit.last + 1].start] : []
            if before.contains(0x28), after.contains(0x29) { return refuse(.nationality, hit.first - 1, nil) }
            // The place's words, capitalised, run back to the start of the line.
            var start = hit.first - 1
            while start > 0, hit.first - start < 5, tokens[start - 1].isCapitalized || tokens[start - 1].isAllCaps,
                !bytes[tokens[start - 1].end..<tokens[start].start].contains(0x0A)
            {
                start -= 1
            }
            if hit.first > 0, before.contains(0x2C), tokens[hit.first - 1].isCapitalized || tokens[hit.first - 1].isAllCaps,
                start == 0 || bytes[tokens[start - 1].end..<tokens[start].start].contains(0x0A)
            {
                return refuse(.dateline, start, nil)
            }
        }
        // "Milan Kucan": an alias that is a common given name, before a name word, is a person's name.
        if hit.first == hit.last, let next, tokens[next].isCapitalized, !tokens[next].isAllCaps, c.isNameWord(next),
            Distinctiveness.isCommonGivenName(tokens[hit.first].normalized)
        {
            return refuse(.givenNameOfAnother, nil, next)
        }
        // "SPREAD +20 BP", "(1ST GM)": a short acronym among words in capitals says nothing.
        if hit.first == hit.last, tokens[hit.first].isAllCaps, tokens[hit.first].end - tokens[hit.first].start <= 3,
            [hit.first - 1, hit.first + 1].contains(where: { $0 >= 0 && $0 < tokens.count && tokens[$0].isAllCaps })
        {
            return .weak(.commonWordPosition)
        }
        guard isCommonWord else { return .keep }
        if insideShortQuotation(hit, in: c) { return refuse(.quotedTitle, nil, nil) }
        if !c.titleCase {
            // "International Labour Organisation", "The Next Generation", "Amazon Prime".
            // (Any capitalised word inside a sentence: "Agent Orange" though "agent" is a role word.)
            if let previous, tokens[previous].isCapitalized, !c.part.opensSentence[previous],
                !Lexicon.functionWords.contains(tokens[previous].normalized) || tokens[previous].normalized == "the",
                !Self.isPlaceWord(tokens[previous].normalized) || !c.namesInEnglish
            {
                if c.namesInEnglish || Distinctiveness.isName(tokens[previous].normalized) { return refuse(.longerName, previous, nil) }
            }
            if let next, tokens[next].isCapitalized, !tokens[next].isAllCaps, c.isNameWord(next),
                !Self.corporateSuffixes.contains(tokens[next].normalized)
            {
                return refuse(.longerName, nil, next)
            }
        }
        // Written in capitals ("NEXT"), in a title-case headline or at a sentence start, the capital says nothing.
        return c.capitalsTell(hit.first) && !tokens[hit.first].isAllCaps && tokens[hit.first].isCapitalized
            ? .keep : .weak(.commonWordPosition)
    }

    /// Within quotation marks that hold a few words only: a title of a song, a film, a book.
    private func insideShortQuotation(_ hit: ActorMatcher.Hit, in c: Context) -> Bool {
        let bytes = c.part.bytes
        func isQuote(_ i: Int) -> Bool {
            bytes[i] == 0x22
                || (i + 2 < bytes.count && bytes[i] == 0xE2 && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0x9C || bytes[i + 2] == 0x9D))
        }
        var open = -1
        var i = c.tokens[hit.first].start - 1
        while i >= 0, c.tokens[hit.first].start - i <= 60 {
            if bytes[i] == 0x0A || bytes[i] == 0x2E { break }
            if isQuote(i) { open = i; break }
            i -= 1
        }
        guard open >= 0 else { return false }
        var j = c.tokens[hit.last].end
        while j < bytes.count, j - c.tokens[hit.last].end <= 60 {
            if bytes[j] == 0x0A || bytes[j] == 0x2E { return false }
            if isQuote(j) {
                // The words between the marks, found from the mention outwards (not by a pass over the item).
                var first = hit.first, last = hit.last
                while first > 0, c.tokens[first - 1].start > open { first -= 1 }
                while last + 1 < c.tokens.count, c.tokens[last + 1].end <= j { last += 1 }
                let words = c.tokens[first...last]
                return words.count <= 6 && words.allSatisfy { $0.isCapitalized || $0.isAllCaps || $0.normalized.count <= 3 }
            }
            j += 1
        }
        return false
    }

    /// A word before a watched name that makes the two another name: a given name that is not the
    /// actor's own ("Michael Jordan", "Ilona Orbán") or a word that makes place names ("New Mexico",
    /// "Mechanical Turk"). Any capitalised word would be too many: German writes every noun so.
    func partOfAnotherName(_ token: Token, actor: Int) -> Bool {
        guard token.isCapitalized, nameFirstWords[actor] != token.normalized else { return false }
        return Self.nameMakers.contains(token.normalized)
            || (GivenNames.isGivenName(token.normalized) && !Self.isPlaceWord(token.normalized))
    }

    static let nameMakers: Set<String> = [
        "new", "north", "south", "east", "west", "upper", "lower", "big", "little", "mechanical", "equatorial",
        "papua", "great", "greater", "old", "austro", "northern", "southern", "eastern", "western",
    ]
}
