/// The actors of a watchlist compiled into one phrase automaton.
struct ActorMatcher: Sendable {
    struct Target: Sendable {
        var actor: Int
        var kind: MentionKind
        /// Short all-capital aliases (EU, US, UN) match only where the text writes them in capitals.
        var requiresCapitals: Bool
        /// An `exclude` phrase: it suppresses the actor's matches inside it instead of matching.
        var isExclusion: Bool
    }

    let actors: [Actor]
    private(set) var automaton = PhraseAutomaton()
    /// Targets of each phrase (the same words may name several things).
    private(set) var targets: [[Target]] = []

    init(actors: [Actor]) {
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
            add(actor.name, Target(actor: i, kind: .name, requiresCapitals: Self.isShortCapitals(actor.name), isExclusion: false))
            for alias in actor.aliases {
                add(alias, Target(actor: i, kind: .alias, requiresCapitals: Self.isShortCapitals(alias), isExclusion: false))
            }
            for title in actor.titles {
                add(title, Target(actor: i, kind: .title, requiresCapitals: false, isExclusion: false))
            }
            if actor.type == .person, actor.surnameAlias, let surname = Self.surname(actor.name),
               surnameOwners[surname] == 1 {
                add(surname, Target(actor: i, kind: .surname, requiresCapitals: false, isExclusion: false))
            }
            if actor.type == .country, let country = Countries.lookup(actor.name) {
                for other in country.otherNames where other != actor.name {
                    add(other, Target(actor: i, kind: .alias, requiresCapitals: Self.isShortCapitals(other), isExclusion: false))
                }
                for demonym in country.demonyms {
                    add(demonym, Target(actor: i, kind: .demonym, requiresCapitals: false, isExclusion: false))
                }
                if actor.capitalAsMetonym, let capital = country.capital {
                    add(capital, Target(actor: i, kind: .capital, requiresCapitals: false, isExclusion: false))
                }
            }
            for phrase in actor.exclude {
                add(phrase, Target(actor: i, kind: .name, requiresCapitals: false, isExclusion: true))
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
    private static func surnameOwners(_ actors: [Actor]) -> [String: Int] {
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

    /// "EU", "US", "UN", "NATO": all capitals, at most four letters.
    static func isShortCapitals(_ phrase: String) -> Bool {
        let letters = phrase.unicodeScalars.filter { $0.properties.isAlphabetic }
        return !letters.isEmpty && letters.count <= 4 && letters.allSatisfy { $0.properties.isUppercase }
            && !phrase.contains(" ")
    }

    struct Hit {
        var actor: Int
        var kind: MentionKind
        var first: Int
        var last: Int
    }

    /// Actor mentions among `tokens`: capitals checked, exclusions applied, overlaps resolved in favour of
    /// the longest match, and a title run straight into a name ("Russian President Vladimir Putin")
    /// joined into one mention.
    func hits(in tokens: [Token]) -> [Hit] {
        hits(ids: tokens.map { automaton.id(of: $0.normalized) }, capitals: tokens.map(\.isAllCaps))
    }

    /// Matching on the lean pass of the tokenizer (IDs and capitals only).
    func hits(in text: String) -> [Hit] {
        var tokenizer = Tokenizer()
        let (ids, capitals) = tokenizer.wordIDs(text, vocabulary: automaton.words)
        return hits(ids: ids, capitals: capitals)
    }

    private func hits(ids: [Int32], capitals: [Bool]) -> [Hit] {
        var found: [Hit] = []
        var exclusions: [Hit] = []
        automaton.scan(ids) { phrase, first, last in
            for target in targets[Int(phrase)] {
                if target.requiresCapitals, !(first...last).allSatisfy({ capitals[$0] }) { continue }
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
               previous.kind == .title, hit.kind == .name || hit.kind == .surname || hit.kind == .alias {
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
