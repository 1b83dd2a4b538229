/// The actors of a watchlist compiled into one phrase automaton.
struct ActorMatcher: Sendable {
    struct Target: Sendable {
        var actor: Int
        var kind: MentionKind
        var rule: CaseRule
        /// An `exclude` phrase: it suppresses the actor's matches inside it instead of matching.
        var isExclusion: Bool
    }

    /// How the text must write a phrase for it to count, taken from how the watchlist writes it.
    enum CaseRule: Sendable, Equatable {
        /// Written in lower case ("prime minister", "russische"): any case.
        case any
        /// The words the watchlist capitalises ("Theresa May", "Turkey", "NATO") must not be lower case in
        /// the text: "may", "turkey", "nato" are other words; "Nato" (the Guardian's spelling) is the same.
        case capitalized(mask: UInt64)
        /// Short capitals ("US", "EU", "U.S."): only in capitals, never "us" or "Us".
        case capitals
    }

    /// The case rule for a phrase as the watchlist (or the built-in tables) write it.
    static func caseRule(for phrase: String) -> CaseRule {
        if isShortCapitals(phrase) { return .capitals }
        var mask: UInt64 = 0
        var tokenizer = Tokenizer()
        for (k, token) in tokenizer.tokens(phrase).enumerated() where k < 64 && (token.isCapitalized || token.isAllCaps) {
            mask |= 1 << UInt64(k)
        }
        return mask == 0 ? .any : .capitalized(mask: mask)
    }

    let actors: [WatchedActor]
    private(set) var automaton = PhraseAutomaton()
    /// Targets of each phrase (the same words may name several things).
    private(set) var targets: [[Target]] = []

    init(actors: [WatchedActor]) {
        self.actors = actors
        let surnameOwners = Self.surnameOwners(actors)
        var seen: Set<String> = []
        func add(_ phrase: String, _ target: Target) {
            let words = Normalization.tokens(of: phrase)
            guard !words.isEmpty else { return }
            let key = "\(target.actor)|\(target.isExclusion)|" + words.joined(separator: " ")
            guard seen.insert(key).inserted else { return }
            let index = Int(automaton.add(words))
            if index == targets.count { targets.append([]) }
            targets[index].append(target)
        }
        for (i, actor) in actors.enumerated() {
            func target(_ phrase: String, _ kind: MentionKind, exclusion: Bool = false) {
                // Titles are written in lower case as often as not ("the prime minister").
                let rule = kind == .title || exclusion ? CaseRule.any : Self.caseRule(for: phrase)
                add(phrase, Target(actor: i, kind: kind, rule: rule, isExclusion: exclusion))
            }
            target(actor.name, .name)
            for alias in actor.aliases { target(alias, .alias) }
            for title in actor.titles { target(title, .title) }
            if actor.type == .person, actor.surnameAlias, let surname = Self.surname(actor.name),
                surnameOwners[surname] == 1
            {
                target(surname, .surname)
            }
            if actor.type == .country, let country = Countries.lookup(actor.name) {
                for other in country.otherNames where other != actor.name { target(other, .alias) }
                for demonym in country.demonyms { target(demonym, .demonym) }
                if actor.capitalAsMetonym, let capital = country.capital { target(capital, .capital) }
            }
            if actor.type == .country, let abroad = CountryNamesAbroad.forms(of: actor.name) {
                for name in abroad.names { target(name, .alias) }
                for adjective in abroad.adjectives { target(adjective, .demonym) }
            }
            for phrase in actor.exclude { target(phrase, .name, exclusion: true) }
            if actor.type == .country {
                for phrase in Homonyms.exclusions(forCountry: actor.name) { target(phrase, .name, exclusion: true) }
            }
        }
        automaton.finish()
    }

    /// A person's surname: the last word of a name of two words or more.
    static func surname(_ name: String) -> String? {
        let words = name.split(separator: " ")
        guard words.count >= 2 else { return nil }
        return String(words.last!)
    }

    /// How many persons share each surname, and whether any other actor is known by it.
    private static func surnameOwners(_ actors: [WatchedActor]) -> [String: Int] {
        var owners: [String: Int] = [:]
        for actor in actors where actor.type == .person {
            guard let surname = surname(actor.name) else { continue }
            owners[Normalization.tokens(of: surname).joined(separator: " "), default: 0] += 1
        }
        // Who is known by each normalised name or alias, to find surnames that are another actor's name.
        var namedBy: [String: Set<String>] = [:]
        for actor in actors {
            for name in [actor.name] + actor.aliases {
                namedBy[Normalization.tokens(of: name).joined(separator: " "), default: []].insert(actor.id)
            }
        }
        var result: [String: Int] = [:]
        for actor in actors where actor.type == .person {
            guard let surname = surname(actor.name) else { continue }
            let key = Normalization.tokens(of: surname).joined(separator: " ")
            let clashes = namedBy[key].map { !$0.subtracting([actor.id]).isEmpty } ?? false
            result[surname] = clashes ? 2 : owners[key]
        }
        return result
    }

    /// "EU", "US", "UN", "U.S.": all capitals, at most three letters or written with full stops. Longer
    /// acronyms ("NATO", "OPEC") are also written as words ("Nato") and follow the capitalised rule.
    static func isShortCapitals(_ phrase: String) -> Bool {
        let letters = phrase.unicodeScalars.filter { $0.properties.isAlphabetic }
        return !letters.isEmpty && letters.allSatisfy { $0.properties.isUppercase } && !phrase.contains(" ")
            && (letters.count <= 3 || phrase.contains("."))
    }

    struct Hit {
        var actor: Int
        var kind: MentionKind
        var first: Int
        var last: Int
    }

    /// Actor mentions among `tokens`: case checked, exclusions applied, overlaps resolved in favour of
    /// the longest match, and a title run straight into a name ("Russian President Vladimir Putin")
    /// joined into one mention.
    func hits(in tokens: [Token]) -> [Hit] {
        hits(
            ids: tokens.map { automaton.id(of: $0.normalized) },
            shapes: tokens.map { ($0.isLowercase ? 1 : 0) | ($0.isCapitals ? 2 : 0) })
    }

    /// Matching on the lean pass of the tokenizer (IDs and case only).
    func hits(in text: String) -> [Hit] {
        var tokenizer = Tokenizer()
        let (ids, shapes) = tokenizer.wordIDs(text, vocabulary: automaton.words)
        return hits(ids: ids, shapes: shapes)
    }

    private static func written(_ rule: CaseRule, shapes: [WordShape], first: Int, last: Int) -> Bool {
        switch rule {
        case .any: return true
        case .capitals: return (first...last).allSatisfy { shapes[$0] & 2 != 0 }
        case .capitalized(let mask):
            for k in first...last where k - first < 64 && mask & (1 << UInt64(k - first)) != 0 && shapes[k] & 1 != 0 { return false }
            return true
        }
    }

    private func hits(ids: [Int32], shapes: [WordShape]) -> [Hit] {
        var found: [Hit] = []
        var exclusions: [Hit] = []
        automaton.scan(ids) { phrase, first, last in
            for target in targets[Int(phrase)] {
                guard Self.written(target.rule, shapes: shapes, first: first, last: last) else { continue }
                let hit = Hit(actor: target.actor, kind: target.kind, first: first, last: last)
                if target.isExclusion { exclusions.append(hit) } else { found.append(hit) }
            }
        }
        found.removeAll { hit in
            exclusions.contains { $0.actor == hit.actor && $0.first <= hit.first && hit.last <= $0.last }
        }
        // Longest first; among equals, the earlier; then the more specific kind.
        found.sort { a, b in
            let la = a.last - a.first, lb = b.last - b.first
            if la != lb { return la > lb }
            if a.first != b.first { return a.first < b.first }
            return Self.rank(a.kind) < Self.rank(b.kind)
        }
        var taken = [Bool](repeating: false, count: ids.count)
        var accepted: [Hit] = []
        for hit in found where !(hit.first...hit.last).contains(where: { taken[$0] }) {
            for k in hit.first...hit.last { taken[k] = true }
            accepted.append(hit)
        }
        accepted.sort { $0.first < $1.first }
        var merged: [Hit] = []
        for hit in accepted {
            if var previous = merged.last, previous.actor == hit.actor, previous.last + 1 == hit.first,
                previous.kind == .title, hit.kind == .name || hit.kind == .surname || hit.kind == .alias
            {
                previous.last = hit.last
                previous.kind = hit.kind
                merged[merged.count - 1] = previous
            } else {
                merged.append(hit)
            }
        }
        return merged
    }

    private static func rank(_ kind: MentionKind) -> Int {
        switch kind {
        case .name: return 0
        case .alias: return 1
        case .title: return 2
        case .surname: return 3
        case .demonym: return 4
        case .capital: return 5
        }
    }
}
