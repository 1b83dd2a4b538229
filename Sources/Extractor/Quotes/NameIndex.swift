/// The proper names of an article, watched or not, grouped into the people (or bodies) they name.
///
/// A quote's speaker is almost always a name written near it, or a pronoun or a role ("the senator")
/// standing for a name written earlier. To credit the right person — and never a watched actor for an
/// unwatched one named in between — the resolver needs every name in the text, not only the watched
/// ones: a run of capitalised words ("Kirstjen Nielsen", "J.J. MacNab", "Federico de Jesús"), with the
/// titles written before it ("Sen.", "spokeswoman") kept apart as evidence of role and gender.
struct NameIndex {
    struct Span {
        /// Token indexes of the name, titles excluded.
        var first: Int
        var last: Int
        var entity: Int
        /// Written with a possessive: "Trump's campaign manager".
        var possessive: Bool
        /// Normalised title words written straight before the name ("sen", "spokeswoman").
        var titles: [String]
        /// Only modifies the name after it: "Rubio" in "Rubio spokesman Alex Conant".
        var modifies = false
    }

    typealias Watched = (first: Int, last: Int, actor: Int, isPerson: Bool, givenName: String?)

    struct Entity {
        /// The longest form the text gives (byte range).
        var text: Range<Int>
        var surname: String
        var givenName: String?
        var male = 0, female = 0
        /// Known to be a person: a given name, a personal title, a watched person, a speaker of a quote.
        var isPerson: Bool
        /// The watched actor this entity is, if any.
        var actor: Int?

        var gender: GivenNames.Gender? {
            // A given name or a title (weight 2) settles it; pronouns (weight 1 each) take two to agree.
            if male >= female + 2 { return .male }
            if female >= male + 2 { return .female }
            return nil
        }
    }

    private(set) var spans: [Span] = []
    private(set) var entities: [Entity] = []
    /// For each token, the index of the span it belongs to, or -1.
    private(set) var spanOfToken: [Int32]

    /// - Parameters:
    ///   - sentenceOfToken: the sentence each token is in.
    ///   - insideQuote: tokens inside quotation marks: names there are quoted, not narrated.
    ///   - watched: watched person mentions as token ranges with their actor index.
    ///   - genders: the gender the watchlist gives some persons, by actor index.
    ///   - learnGenders: read the pronouns of the text for genders (only pronoun speakers need them).
    init(
        tokens: [Token], bytes: [UInt8], sentenceOfToken: [Int32], insideQuote: [Bool],
        watched: [Watched], genders: [Int: GivenNames.Gender] = [:], learnGenders: Bool = true
    ) {
        spanOfToken = [Int32](repeating: -1, count: tokens.count)
        var i = 0
        let n = tokens.count
        var pendingTitles: [String] = []
        var pendingTitleEnd = -1
        // Words written with a capital inside sentences: a sentence-initial "Emerging" that never is
        // one is a participle, not a name. Built on first need: few articles open a sentence so.
        var capitalizedInside: Set<String>?
        func isCapitalizedInside(_ word: String) -> Bool {
            if capitalizedInside == nil {
                capitalizedInside = Set(
                    tokens.indices.dropFirst().filter {
                        tokens[$0].isCapitalized && sentenceOfToken[$0] == sentenceOfToken[$0 - 1]
                    }.map { tokens[$0].normalized })
            }
            return capitalizedInside!.contains(word)
        }
        // Each word's class, looked up once by its bytes.
        // Only capitalised words and the words just before them can be names, titles or particles.
        let classes = tokens.indices.map { k -> WordClasses.Flags in
            tokens[k].isCapitalized || (k + 1 < tokens.count && tokens[k + 1].isCapitalized)
                ? WordClasses.shared.flags(of: tokens[k]) : []
        }
        func nameWord(_ k: Int) -> Bool { tokens[k].isCapitalized && !classes[k].contains(.notName) }
        while i < n {
            let token = tokens[i]
            // "de Blasio", "van Gogh": a particle opens a name when a name word follows it.
            let particleStart =
                !token.isCapitalized && i + 1 < n && classes[i].contains(.particle) && nameWord(i + 1)
                && !Lexicon.isBreak(bytes, tokens: tokens, after: i) && (i == 0 || !nameWord(i - 1))
            guard particleStart || nameWord(i) else {
                // A title counts only straight before a name.
                if i + 1 < n, tokens[i + 1].isCapitalized, !classes[i].isDisjoint(with: [.personTitle, .role]) {
                    if pendingTitleEnd != i - 1 { pendingTitles = [] }
                    pendingTitles.append(token.normalized)
                    pendingTitleEnd = i
                }
                i += 1
                continue
            }
            var last = i
            var j = i + 1
            while j < n {
                if Lexicon.isBreak(bytes, tokens: tokens, after: j - 1) { break }
                let next = tokens[j]
                if nameWord(j) {
                    last = j; j += 1; continue
                }
                // "Charlie King", "Amy Pope", "Theresa May": a title or a month straight after a given
                // name, ending the name, is a surname (titles come before names, dates after numbers).
                if j == i + 1, next.isCapitalized, classes[j].contains(.personTitle) || Self.months.contains(next.normalized),
                    classes[i].isGivenName,
                    j + 1 == n || !tokens[j + 1].isCapitalized || Lexicon.isBreak(bytes, tokens: tokens, after: j)
                {
                    last = j; j += 1; break
                }
                // "Federico de Jesús", "Ludwig van Beethoven": a particle between two name words.
                if !next.isCapitalized, classes[j].contains(.particle), j + 1 < n, nameWord(j + 1),
                    !Lexicon.isBreak(bytes, tokens: tokens, after: j)
                {
                    last = j + 1; j += 2; continue
                }
                break
            }
            // A run of initials or acronyms alone ("U.S.", "FBI") is not a person's name.
            let words = tokens[i...last]
            if words.allSatisfy({ $0.end - $0.start == 1 || $0.isAllCaps }) {
                i = last + 1
                continue
            }
            if last == i, i == 0 || sentenceOfToken[i - 1] != sentenceOfToken[i], Self.looksLikeCommonWord(token.normalized),
                !isCapitalizedInside(token.normalized)
            {
                i += 1
                continue
            }
            let titles = pendingTitleEnd == i - 1 ? pendingTitles : []
            pendingTitles = []
            let possessive = Lexicon.possessiveAfter(bytes, tokens: tokens, index: last)
            let index = spans.count
            spans.append(Span(first: i, last: last, entity: -1, possessive: possessive, titles: titles))
            for k in i...last { spanOfToken[k] = Int32(index) }
            i = last + 1
        }
        markModifiers(tokens: tokens, bytes: bytes, classes: classes)
        link(tokens: tokens, bytes: bytes, classes: classes, watched: watched)
        for e in entities.indices { if let actor = entities[e].actor, let gender = genders[actor] { vote(e, gender, weight: 10) } }
        if learnGenders { learnGender(tokens: tokens, bytes: bytes, sentenceOfToken: sentenceOfToken, insideQuote: insideQuote) }
    }

    /// "Rubio spokesman Alex Conant", "Clinton's campaign chairman John Podesta": the first name only
    /// says whose role it is; it is never the antecedent of a pronoun.
    private mutating func markModifiers(tokens: [Token], bytes: [UInt8], classes: [WordClasses.Flags]) {
        for s in spans.indices.dropLast() {
            let gap = (spans[s].last + 1)..<spans[s + 1].first
            guard gap.count <= 5 else { continue }
            let roles = gap.filter { !classes[$0].isDisjoint(with: [.role, .personTitle]) }
            guard !roles.isEmpty || (spans[s].possessive && gap.isEmpty) else { continue }
            let breaks = (spans[s].last..<spans[s + 1].first).contains { k in
                Lexicon.isBreak(bytes, tokens: tokens, after: k) && !Lexicon.possessiveAfter(bytes, tokens: tokens, index: k)
            }
            if !breaks { spans[s].modifies = true }
        }
    }

    static func looksLikeCommonWord(_ word: String) -> Bool {
        word.count > 4 && (word.hasSuffix("ing") || word.hasSuffix("ed") || word.hasSuffix("ly"))
    }

    /// Groups spans into entities: a surname alone joins the most recent full name that ends with it
    /// ("Nielsen" → "Kirstjen Nielsen"); a different given name before the same surname is someone else.
    private mutating func link(tokens: [Token], bytes: [UInt8], classes: [WordClasses.Flags], watched: [Watched]) {
        var bySurname: [String: [Int]] = [:]
        var watchedIndex = 0
        for s in spans.indices {
            let span = spans[s]
            let surname = tokens[span.last].normalized
            let given = span.last > span.first && !Self.isInitial(tokens[span.first]) ? tokens[span.first].normalized : nil
            while watchedIndex < watched.count, watched[watchedIndex].last < span.first { watchedIndex += 1 }
            var actor: Int?
            var actorGivenName: String?
            var watchedPerson = false
            if watchedIndex < watched.count, watched[watchedIndex].first <= span.last {
                let hit = watched[watchedIndex]
                // "Ilona Orbán" is not Viktor Orbán: another given name before a watched surname.
                let otherGivenName =
                    hit.isPerson && given != nil && hit.givenName != nil && hit.first > span.first
                    && given != hit.givenName
                if !otherGivenName {
                    actor = hit.actor
                    actorGivenName = hit.givenName
                    watchedPerson = hit.isPerson
                }
            }
            var entity: Int?
            for candidate in (bySurname[surname] ?? []).suffix(8).reversed() {
                let other = entities[candidate]
                if let given, let theirs = other.givenName, given != theirs { continue }
                if let actor, let theirs = other.actor, actor != theirs { continue }
                // "Jane Sanders … Sanders said" with Bernie Sanders watched: the bare surname the matcher
                // gave Bernie does not make Jane's entity his.
                if actor != nil, let ours = actorGivenName, let theirs = other.givenName, ours != theirs { continue }
                entity = candidate
                break
            }
            let personal = !span.titles.isEmpty  // titles are person titles or roles
            // Two or more name words with nothing of an institution or a place in them are most likely a
            // person's name, even with a given name the lists do not know ("Ngozi Okafor").
            func looksPersonal() -> Bool {
                span.last > span.first && !(span.first...span.last).contains { classes[$0].contains(.institution) }
                    && Countries.byName[tokens[span.first...span.last].map(\.normalized).joined(separator: " ")] == nil
            }
            let isPerson = watchedPerson || personal || (given != nil && classes[span.first].isGivenName) || looksPersonal()
            if let entity {
                spans[s].entity = entity
                if given != nil, entities[entity].givenName == nil { entities[entity].givenName = given }
                let range = tokens[span.first].start..<tokens[span.last].end
                if range.count > entities[entity].text.count { entities[entity].text = range }
                entities[entity].isPerson = entities[entity].isPerson || isPerson
                if entities[entity].actor == nil { entities[entity].actor = actor }
            } else {
                spans[s].entity = entities.count
                bySurname[surname, default: []].append(entities.count)
                entities.append(
                    Entity(
                        text: tokens[span.first].start..<tokens[span.last].end, surname: surname,
                        givenName: given, isPerson: isPerson, actor: actor))
            }
            let e = spans[s].entity
            if given != nil, let gender = classes[span.first].givenGender { vote(e, gender) }
            for title in span.titles { if let gender = Self.roleWords[title] ?? nil { vote(e, gender) } }
        }
    }

    private mutating func vote(_ entity: Int, _ gender: GivenNames.Gender, weight: Int = 2) {
        if gender == .male { entities[entity].male += weight } else { entities[entity].female += weight }
    }

    /// Pronouns used of a person tell their gender: the name that opens a sentence (its subject) is the
    /// likely referent of "he"/"she" at the start of the next sentence or later in the same one.
    private mutating func learnGender(tokens: [Token], bytes: [UInt8], sentenceOfToken: [Int32], insideQuote: [Bool]) {
        var subject: Int?
        var subjectSentence: Int32 = -1
        var firstOfSentence = true
        var budget = 0
        for k in tokens.indices {
            let sentence = sentenceOfToken[k]
            if k == 0 || sentenceOfToken[k - 1] != sentence {
                firstOfSentence = true
                budget = 0
            }
            budget += 1
            if insideQuote[k] { continue }
            let span = spanOfToken[k]
            if span >= 0 {
                if firstOfSentence, budget <= 4 {
                    subject = spans[Int(span)].entity
                    subjectSentence = sentence
                }
                firstOfSentence = false
                continue
            }
            guard let current = subject, sentence - subjectSentence <= 1 else { continue }
            // "…," she said: the pronoun a quote is attributed to is what is being resolved, not evidence.
            if k + 1 < tokens.count, QuoteFinder.verbs.contains(tokens[k + 1].normalized) { continue }
            // Only he/him/his/himself and she/her/hers/herself: a byte test first, no string compare.
            let length = tokens[k].end - tokens[k].start, first = bytes[tokens[k].start] | 0x20
            guard length >= 2, length <= 7, first == UInt8(ascii: "h") || first == UInt8(ascii: "s") else { continue }
            switch tokens[k].normalized {
            case "he", "him", "his", "himself": vote(current, .male, weight: 1)
            case "she", "her", "hers", "herself": vote(current, .female, weight: 1)
            default: break
            }
        }
    }

    /// The spans lying wholly inside the token range.
    func spans(in range: Range<Int>) -> ArraySlice<Span> {
        let low = partitionPoint(spans.count) { spans[$0].first < range.lowerBound }
        let high = partitionPoint(spans.count) { spans[$0].first < range.upperBound }
        guard low < high else { return [] }
        return spans[low..<high].prefix { $0.last < range.upperBound }
    }

    /// The person a pronoun before `token` stands for: walking back sentence by sentence, the first
    /// (subject-most) compatible person of the nearest sentence that has one; names inside quotations
    /// are skipped. Looks back at most `reach` tokens.
    /// A name that is the object of a preposition ("In an interview with journalist Matei Rosca, Lazar
    /// said he …") is taken only when the sentence has no other (`isObject` tells them).
    func antecedent(
        before token: Int, gender: GivenNames.Gender?, sentenceOfToken: [Int32], insideQuote: [Bool],
        reach: Int = 400, isObject: (Span) -> Bool = { _ in false }
    ) -> (span: Int, genderKnown: Bool)? {
        var index = partitionPoint(spans.count) { spans[$0].first < token } - 1
        var best: (span: Int, genderKnown: Bool)?
        var bestSentence: Int32 = -1
        var bestIsObject = true
        while index >= 0 {
            let span = spans[index]
            if token - span.first > reach { break }
            let sentence = sentenceOfToken[span.first]
            if best != nil, sentence != bestSentence { break }
            defer { index -= 1 }
            if insideQuote[span.first] || span.modifies { continue }
            let entity = entities[span.entity]
            guard entity.isPerson else { continue }
            if let gender, let theirs = entity.gender, gender != theirs { continue }
            let object = isObject(span)
            guard best == nil || !object || bestIsObject else { continue }
            best = (index, gender != nil && entity.gender == gender)
            bestSentence = sentence
            bestIsObject = object
        }
        return best
    }

    /// The most recent span before `token` whose titles include one of `titles` ("the senator" → "Sen.
    /// Tester"), or that a role noun follows as an apposition.
    func lastTitled(before token: Int, titles: Set<String>, reach: Int = 600) -> Int? {
        var index = partitionPoint(spans.count) { spans[$0].first < token } - 1
        while index >= 0, token - spans[index].first <= reach {
            if spans[index].titles.contains(where: titles.contains) { return index }
            index -= 1
        }
        return nil
    }

    // MARK: - Words

    static func isNameWord(_ token: Token) -> Bool {
        token.isCapitalized && !notNameWords.contains(token.normalized)
    }

    /// Months, titles, roles, function words and role modifiers in one set: one look-up per word.
    private static let notNameWords: Set<String> = months.union(personTitles).union(roleWords.keys)
        .union(Lexicon.functionWords).union(notNames)

    /// Capitalised modifiers of a role, never part of the name after it: "Former Secretary of State X".
    static let notNames: Set<String> = [
        "former", "late", "retired", "acting", "senate", "congressional", "federal", "democratic", "republican",
        "presidential", "gop", "minority", "majority", "deputy", "assistant", "interim", "incoming", "outgoing",
    ]

    static func isInitial(_ token: Token) -> Bool { token.end - token.start == 1 }

    private func text(_ bytes: [UInt8], _ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }

    /// Words that make a name an institution's or a place's, not a person's.
    static let institutionWords: Set<String> = Set(
        """
        university college school institute institution center centre party committee department ministry agency     association federation league union council commission court house senate congress parliament assembly     government office service fund foundation trust bank group company corporation corp inc ltd llc news times     post journal tribune herald gazette press network television radio magazine club church hospital army force     forces navy police guard republic kingdom states state city county street avenue road district province     island islands river lake mountain valley airport station campaign pac organization organisation project     council coalition caucus administration reserve exchange board authority alliance institute museum society     media channel studio airlines motors systems technologies international national global united world bureau capitol act
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))

    static let particles: Set<String> = [
        "de", "van", "von", "der", "den", "da", "di", "del", "della", "du", "la", "le", "bin", "ibn", "al", "el", "dos", "das", "ter",
        "ten", "st",
    ]

    static let months: Set<String> = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
        "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    ]

    /// Titles written before a person's name ("Sen. Tester", "Mrs May"); they make the name a person's.
    static let personTitles: Set<String> = [
        "mr", "mrs", "ms", "miss", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "capt", "adm",
        "rev", "sir", "dame", "lord", "lady", "judge", "justice", "pope", "king", "queen", "prince", "princess",
        "herr", "frau", "monsieur", "madame", "senor", "senora", "rabbi", "imam", "sheikh", "ayatollah",
    ]

    /// Role nouns written before a name or used for a person ("spokeswoman Haley Morris", "the senator"),
    /// with the gender a few of them mark.
    static let roleWords: [String: GivenNames.Gender?] = {
        var table: [String: GivenNames.Gender?] = [:]
        for word in """
        president vice senator representative governor mayor secretary minister chancellor premier ambassador \
        spokesperson spokesperson director chair chairperson chief leader adviser advisor aide strategist manager \
        candidate nominee official officer attorney lawyer prosecutor general commissioner analyst professor \
        economist pollster expert consultant founder executive ceo treasurer speaker whip delegate lieutenant \
        sheriff commander colonel sergeant captain admiral author editor columnist reporter correspondent \
        coach deputy inspector counsel cofounder activist organizer head diplomat envoy researcher historian         scientist student resident voter member owner partner host anchor moderator commentator critic ally \
        supporter donor fundraiser lobbyist operative staffer surrogate volunteer organiser writer blogger \
        journalist producer founder physician doctor surgeon nurse teacher pastor bishop archbishop cardinal \
        priest officer agent detective trooper soldier veteran lt sgt
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }) { table[String(word)] = .some(nil) }
        for word in [
            "spokesman", "congressman", "chairman", "businessman", "councilman", "assemblyman", "committeeman", "father",
            "brother", "husband", "son", "uncle", "grandfather",
        ] { table[word] = .male }
        for word in [
            "spokeswoman", "congresswoman", "chairwoman", "businesswoman", "councilwoman", "assemblywoman", "committeewoman",
            "mother", "sister", "wife", "daughter", "aunt", "grandmother", "actress",
        ] { table[word] = .female }
        return table
    }()
}
