/// A second look at each actor mention, with the words around it and the rest of the item: what the
/// phrase automaton cannot see from the phrase alone. Every rule is about the shape and the context of
/// a mention, so that it holds for watchlists nobody here has seen; each refusal keeps its reason
/// (`RefusalReason`) for `explain`.
///
/// - A mention belongs to the longest name around it: a watched surname with another given name or
///   name word before it ("Ilona Orbán") or after it ("Paul Smith" for a watched "Rand Paul"), a
///   generational suffix ("Donald Trump Jr."), a body's name ("Clinton Foundation", "Russia Today").
///   Headlines in title case are exempt from the rules that read capitals: every word is capitalised there.
/// - Titles match only bound to their holder: not after former/shadow/deputy…, not qualified by another
///   country or body, not followed by another person's name, not as an office ("the job of …").
/// - A common-word name (a company "Next", a party "Labour") needs a position where capitals tell.
/// - A country's name in another language counts only in text that is not English.
/// - A bare surname is settled for the whole item (`SurnameResolution`): distinctive, or supported by a
///   full mention, a bound title or Mr/Mrs/Ms of the right gender, and given to the namesake named nearest.
/// - A capital stands for its country only where it acts ("Budapest said"); a demonym used for a
///   language or in an idiom is not the country; a homonym counts only when the item does not speak of
///   the other sense (`Homonyms`); an acronym the item introduces ("the European Union (EU)") names the actor.
struct MentionFilter: Sendable {
    struct Part {
        var tokens: [Token]
        var bytes: [UInt8]
        var hits: [ActorMatcher.Hit]
        /// For each token, whether it opens a sentence.
        var opensSentence: [Bool]
        /// The candidates refused, with their reasons.
        var refused: [Refused] = []
        /// Each token's line, the lines' token ranges, and per line that holds a mention whether it
        /// is a headline in title case: worked out once per part, not per mention, and only for
        /// the lines that need it.
        var lineOfToken: [Int32] = []
        var lines: [Range<Int>] = []
        var titleCaseLines: [Bool] = []

        mutating func measureLines() {
            lineOfToken = [Int32](repeating: 0, count: tokens.count)
            lines = []
            var start = 0
            for k in tokens.indices {
                lineOfToken[k] = Int32(lines.count)
                if k + 1 == tokens.count || bytes[tokens[k].end..<tokens[k + 1].start].contains(0x0A) {
                    lines.append(start..<k + 1)
                    start = k + 1
                }
            }
            titleCaseLines = [Bool](repeating: false, count: lines.count)
            var measured = [Bool](repeating: false, count: lines.count)
            for hit in hits {
                let line = Int(lineOfToken[hit.first])
                guard !measured[line] else { continue }
                measured[line] = true
                titleCaseLines[line] = lines[line].count <= 40 && MentionFilter.isTitleCase(Array(tokens[lines[line]]))
            }
        }

        /// The line holding token `k` is a team sheet or credits.
        func isListLine(_ k: Int) -> Bool {
            guard !lines.isEmpty else { return false }
            return Self.isList(tokens[lines[Int(lineOfToken[k])]], bytes: bytes, tokens: tokens)
        }

        /// A team sheet or credits: a list opener ("Subs:", "starring"), or four or more names set
        /// off by commas in a line of names and numbers.
        private static func isList(_ line: ArraySlice<Token>, bytes: [UInt8], tokens: [Token]) -> Bool {
            var names = 0, capitalised = 0
            for k in line.indices {
                if MentionFilter.listOpeners.contains(line[k].normalized),
                    k + 1 < tokens.count, line.indices.contains(k + 1), tokens[k + 1].isCapitalized || bytes[tokens[k].end] == 0x3A
                {
                    return true
                }
                if line[k].isCapitalized || line[k].normalized.first?.isNumber == true { capitalised += 1 }
                if line[k].isCapitalized, Lexicon.isBreak(bytes, tokens: tokens, after: k) { names += 1 }
            }
            return names >= 4 && capitalised * 10 >= line.count * 6
        }
    }

    struct Refused {
        var hit: ActorMatcher.Hit
        /// The tokens to show: the mention and the neighbour that decided.
        var first: Int
        var last: Int
        var reason: RefusalReason
    }

    let actors: [WatchedActor]
    /// Cue phrases by actor, as normalised word sequences keyed by their first word (built once here,
    /// not per article).
    let cues: [Int: (for: [String: [[String]]], against: [String: [[String]]])]
    /// Each person's name as parts (honorific, given name, surname), by actor index.
    let names: [PersonName?]
    /// The gender of each person: the watchlist's, else the one its given name usually marks.
    let genders: [GivenNames.Gender?]
    /// Persons whose bare surname is a common given name, surname or word: alone it needs support.
    let plainSurnames: Set<Int>
    /// Normalised forms of actors (not persons' full names) that are common words: "next", "shell".
    let commonWordForms: [Int: Set<String>]
    /// Watched persons sharing a normalised surname.
    let surnameOwners: [String: [Int]]
    /// Titles made of role words only ("President", "Foreign Secretary"), normalised, by actor: many
    /// hold them, so alone they name the actor only in an item that names the actor otherwise.
    let genericTitles: [Int: Set<String>]
    /// For a team or body known by a country's name ("England" for "England cricket team"): the other
    /// words of its full name ("cricket"), one of which the item must hold for the country's name to
    /// be the team and not the country, its other teams or a place.
    let placeNamedCues: [Int: Set<String>]
    /// The form (normalised) that needs those words: "england", "williams".
    let placeNamedForms: [Int: String]
    /// The first word of each actor's aliases, normalised: "Bill" of "Bill Clinton" is no other bearer.
    let aliasFirstWords: [Set<String>]
    /// The first word of each actor's name, normalised.
    let nameFirstWords: [String?]

    init(actors: [WatchedActor], surnameOwners: [String: [Int]] = [:], personNames: [PersonName?]? = nil) {
        self.actors = actors
        self.surnameOwners = surnameOwners
        var cues: [Int: (for: [String: [[String]]], against: [String: [[String]]])] = [:]
        var plain: Set<Int> = []
        var names: [PersonName?] = []
        var genders: [GivenNames.Gender?] = []
        var common: [Int: Set<String>] = [:]
        var generic: [Int: Set<String>] = [:]
        for (i, actor) in actors.enumerated() {
            for title in actor.titles {
                let words = Normalization.tokens(of: title)
                if !words.isEmpty, words.allSatisfy(Self.isRoleWord) { generic[i, default: []].insert(words.joined(separator: " ")) }
            }
            let given = actor.cues ?? (actor.type == .country ? Homonyms.cues(forCountry: actor.name) : nil)
            if let given, !given.against.isEmpty || !given.for.isEmpty {
                cues[i] = (Self.byFirstWord(given.for), Self.byFirstWord(given.against))
            }
            let name = personNames.map { $0[i] } ?? (actor.type == .person ? PersonName(actor.name) : nil)
            names.append(name)
            switch actor.gender {
            case .female?: genders.append(.female)
            case .male?: genders.append(.male)
            case nil: genders.append(name?.givenName.flatMap(Distinctiveness.gender(ofGivenName:)))
            }
            // A surname that is a country's name or demonym ("American", "English") is no name of one person.
            if let surname = name?.normalizedSurname, !Distinctiveness.isDistinctive(surname: surname) || Self.isPlaceWord(surname) {
                plain.insert(i)
            }
            // Single words that are common words: a company "Next", a party "Labour", a singer "Prince".
            let singleWords = actor.type == .person ? [actor.name] : [actor.name] + actor.aliases
            for form in singleWords where !form.contains(" ") {
                let words = PersonName.normalize(form)
                if words.count == 1, Distinctiveness.isCommonWord(words[0]) { common[i, default: []].insert(words[0]) }
            }
        }
        self.cues = cues
        self.names = names
        self.genders = genders
        plainSurnames = plain
        commonWordForms = common
        genericTitles = generic
        var placeNamed: [Int: Set<String>] = [:]
        var placeForms: [Int: String] = [:]
        for (i, actor) in actors.enumerated() where actor.type == .organization || actor.type == .other {
            // Forms that are a country's name, or one word that is a common surname or given name
            // ("Williams" for "Williams Grand Prix Engineering": every Williams is not the team).
            let forms = ([actor.name] + actor.aliases).map { Normalization.tokens(of: $0).joined(separator: " ") }
            guard
                let place = forms.first(where: {
                    Countries.byName[$0] != nil
                        || (!$0.contains(" ") && (Distinctiveness.isCommonSurname($0) || Distinctiveness.isCommonGivenName($0)))
                })
            else { continue }
            let placeWords = Set(place.split(separator: " ").map(String.init))
            let cues = Normalization.tokens(of: actor.name).filter {
                !placeWords.contains($0) && !Self.genericBodyWords.contains($0) && $0.count >= 2
            }
            // A country's name needs one such word; a surname, which names far fewer things, two or
            // more to choose from ("Williams Grand Prix Engineering", not "Ford Motor Co": a rally
            // report says "his Ford", not "motor").
            if cues.count >= (Countries.byName[place] != nil ? 1 : 2) {
                placeNamed[i] = Set(cues)
                placeForms[i] = place
            }
        }
        placeNamedCues = placeNamed
        placeNamedForms = placeForms
        // Persons are told apart by their given names (`PersonName`); this is for the other actors.
        nameFirstWords = actors.map { $0.type == .person ? nil : Normalization.tokens(of: $0.name).first }
        aliasFirstWords = actors.map { Set($0.aliases.compactMap { Normalization.tokens(of: $0).first }) }
    }

    /// A word of a role or office, or one that qualifies any office ("foreign", "prime", "of").
    static func isRoleWord(_ word: String) -> Bool {
        NameIndex.roleWords[word] != nil || NameIndex.personTitles.contains(word) || officeQualifiers.contains(word)
    }

    /// Filters the mentions of an item's parts (title, body) in place, and adds the acronyms it introduces.
    /// - Parameter language: the item's language as its feed declares it (`xml:lang`), a hint only.
    func apply(_ parts: inout [Part], language: String? = nil) {
        guard parts.contains(where: { !$0.hits.isEmpty }) else { return }
        let body = parts.count > 1 ? parts[1].tokens : []
        // A few hundred words tell the language; a hostile 5 MB title is not copied to learn it.
        let guess = LanguageGuess.guess(body.count >= 12 ? body : Array(parts.lazy.flatMap(\.tokens).prefix(600)), hint: language)
        var weak: [(part: Int, hit: ActorMatcher.Hit, reason: RefusalReason)] = []
        for p in parts.indices where !parts[p].hits.isEmpty {
            parts[p].measureLines()
            // Title case matters only for a body short enough to be a headline's, or the title itself.
            let titleCase = parts[p].tokens.count <= 40 && Self.isTitleCase(parts[p].tokens)
            let context = Context(part: parts[p], titleCase: titleCase, english: guess == .english, namesInEnglish: guess != .other)
            var kept: [ActorMatcher.Hit] = []
            for hit in parts[p].hits {
                switch verdict(hit, in: context) {
                case .keep: kept.append(hit)
                case .weak(let reason): weak.append((p, hit, reason))
                case .refuse(let reason, let first, let last):
                    parts[p].refused.append(Refused(hit: hit, first: first, last: last, reason: reason))
                }
            }
            parts[p].hits = kept
        }
        SurnameResolution(filter: self, english: guess != .other).resolve(&parts)
        // A common word where capitals say nothing, a generic title ("the President"): they count when
        // the item also names the actor where that tells.
        var strong: Set<Int> = []
        for part in parts { for hit in part.hits { strong.insert(hit.actor) } }
        for (p, hit, reason) in weak {
            if strong.contains(hit.actor) {
                parts[p].hits.append(hit)
            } else {
                parts[p].refused.append(Refused(hit: hit, first: hit.first, last: hit.last, reason: reason))
            }
        }
        for p in parts.indices { parts[p].hits.sort { ($0.first, $0.last) < ($1.first, $1.last) } }
        removeOtherSenses(&parts)
        if !placeNamedCues.isEmpty { removePlaceNamedWithoutCue(&parts) }
        for p in parts.indices { addIntroducedAcronyms(&parts[p]) }
    }

    /// "England" is the England cricket team only in an item that speaks of cricket.
    private func removePlaceNamedWithoutCue(_ parts: inout [Part]) {
        for (actor, cues) in placeNamedCues {
            guard parts.contains(where: { $0.hits.contains { $0.actor == actor } }) else { continue }
            if parts.contains(where: { part in part.tokens.contains { cues.contains($0.normalized) } }) { continue }
            for p in parts.indices {
                let tokens = parts[p].tokens
                let form = placeNamedForms[actor]
                var dropped: [ActorMatcher.Hit] = [], kept: [ActorMatcher.Hit] = []
                for hit in parts[p].hits {
                    if hit.actor == actor && Self.phrase(tokens, hit) == form { dropped.append(hit) } else { kept.append(hit) }
                }
                guard !dropped.isEmpty else { continue }
                parts[p].refused += dropped.map { Refused(hit: $0, first: $0.first, last: $0.last, reason: .otherSense) }
                parts[p].hits = kept
            }
        }
    }

    /// Words of a team's or body's name that say nothing of its kind.
    static let genericBodyWords: Set<String> = [
        "national", "team", "teams", "club", "fc", "cf", "sc", "ac", "the", "of", "and", "men", "women", "s", "squad", "side",
        "xi", "association", "federation", "official", "senior", "under", "plc", "inc", "ltd", "corp", "co", "company",
        "group", "holdings", "llc", "ag", "sa",
    ]

    /// A homonym (Georgia, Jordan …) counts only when the item does not speak of the other sense.
    private func removeOtherSenses(_ parts: inout [Part]) {
        var present: Set<Int> = []
        for part in parts { for hit in part.hits { present.insert(hit.actor) } }
        var otherSense: Set<Int> = []
        for actor in present where cues[actor] != nil {
            let (forCues, againstCues) = cues[actor]!
            guard !againstCues.isEmpty else { continue }
            let against = parts.contains { Self.contains($0.tokens, any: againstCues) }
            let confirmed = parts.contains { Self.contains($0.tokens, any: forCues) }
            if against && !confirmed { otherSense.insert(actor) }
        }
        guard !otherSense.isEmpty else { return }
        for p in parts.indices {
            for hit in parts[p].hits where otherSense.contains(hit.actor) {
                parts[p].refused.append(Refused(hit: hit, first: hit.first, last: hit.last, reason: .otherSense))
            }
            parts[p].hits.removeAll { otherSense.contains($0.actor) }
        }
    }

    /// "the European Union (EU)": the capitals in brackets name the same actor in the rest of the part.
    private func addIntroducedAcronyms(_ part: inout Part) {
        var introduced: [String: Int] = [:]
        for hit in part.hits where hit.kind == .name || hit.kind == .alias {
            let k = hit.last + 1
            guard k < part.tokens.count, part.tokens[k].isAllCaps,
                Self.bracketBetween(part.bytes, part.tokens[hit.last].end, part.tokens[k].start)
            else { continue }
            introduced[part.tokens[k].normalized] = hit.actor
        }
        guard !introduced.isEmpty else { return }
        var covered = [Bool](repeating: false, count: part.tokens.count)
        for hit in part.hits { for k in hit.first...hit.last { covered[k] = true } }
        var added: [ActorMatcher.Hit] = []
        for (k, token) in part.tokens.enumerated() where !covered[k] && token.isAllCaps {
            if let actor = introduced[token.normalized] { added.append(.init(actor: actor, kind: .alias, first: k, last: k)) }
        }
        guard !added.isEmpty else { return }
        part.hits = (part.hits + added).sorted { $0.first < $1.first }
    }

    private static func bracketBetween(_ bytes: [UInt8], _ from: Int, _ to: Int) -> Bool {
        from < to && to - from <= 3 && bytes[from..<to].contains(0x28)
    }

    /// Most words with letters are capitalised: a headline in title case.
    static func isTitleCase(_ tokens: [Token]) -> Bool {
        let words = tokens.filter { !($0.normalized.utf8.first.map { $0 >= 0x30 && $0 <= 0x39 } ?? true) }
        guard words.count >= 4 else { return false }
        return words.count { $0.isCapitalized || $0.isAllCaps } * 10 >= words.count * 7
    }

    static func byFirstWord(_ phrases: [String]) -> [String: [[String]]] {
        var byFirst: [String: [[String]]] = [:]
        for phrase in phrases.map(Normalization.tokens(of:)) where !phrase.isEmpty { byFirst[phrase[0], default: []].append(phrase) }
        return byFirst
    }

    static func contains(_ tokens: [Token], any byFirst: [String: [[String]]]) -> Bool {
        guard !byFirst.isEmpty else { return false }
        for k in tokens.indices {
            guard let candidates = byFirst[tokens[k].normalized] else { continue }
            for phrase in candidates
            where k + phrase.count <= tokens.count
                && (1..<phrase.count).allSatisfy({ tokens[k + $0].normalized == phrase[$0] })
            { return true }
        }
        return false
    }

    /// A country's name or demonym ("Russia Ukraine talks", "Hungarian Viktor Orbán").
    static func isPlaceWord(_ normalized: String) -> Bool { Countries.words.contains(normalized) }
}
