/// The actors of a watchlist compiled into one phrase automaton.
struct ActorMatcher: Sendable {
    struct Target: Sendable {
        var actor: Int
        var kind: MentionKind
        var rule: CaseRule
        /// An `exclude` phrase: it suppresses the actor's matches inside it instead of matching.
        var isExclusion: Bool
        /// A country's name in another language ("Russland", "chino"): it counts only in text that is
        /// not English, where it is that language's word and not an English surname or club.
        var isForeign = false
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

    /// Watched persons by normalised surname, when several share it (relatives, namesakes): the
    /// automaton reports a bare surname for the first; the mention filter gives it to the right one.
    private(set) var surnameOwners: [String: [Int]] = [:]

    /// Each person's name in parts, by actor index (nil for other actors), shared with the mention filter.
    let personNames: [PersonName?]

    init(actors: [WatchedActor]) {
        self.actors = actors
        let names = actors.map { $0.type == .person ? PersonName($0.name) : nil }
        personNames = names
        let (owners, clashes) = Self.surnameOwners(actors, names)
        surnameOwners = owners.filter { $0.value.count > 1 }
        let shortForms = Self.uniqueShortForms(actors, names)
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
            func target(_ phrase: String, _ kind: MentionKind, exclusion: Bool = false, foreign: Bool = false) {
                // Titles keep the watchlist's case too: "Foreign Secretary" is the office's holder, "the
                // foreign secretary of Ruritania" may be anyone's. A title typed in lower case matches any case.
                let rule = exclusion ? CaseRule.any : Self.caseRule(for: phrase)
                add(phrase, Target(actor: i, kind: kind, rule: rule, isExclusion: exclusion, isForeign: foreign))
            }
            target(actor.name, .name)
            for alias in actor.aliases { target(alias, .alias) }
            for title in actor.titles { target(title, .title) }
            if let name = names[i] {
                if let short = name.shortForm, shortForms[Normalization.tokens(of: short).joined(separator: " ")] == i {
                    target(short, .alias)
                }
                // "Sir Jane Doe" is also "Jane Doe".
                if name.honorific != nil, !name.isRegnal, name.core.count >= 2 { target(name.core.joined(separator: " "), .alias) }
                if actor.surnameAlias, let surname = name.surname, let key = name.normalizedSurname {
                    // A surname that is another actor's name or alias is that actor's ("Jordan").
                    if !clashes.contains(key), owners[key]?.first == i { target(surname, .surname) }
                }
            }
            if actor.type == .country, let country = Countries.lookup(actor.name) {
                for other in country.otherNames where other != actor.name { target(other, .alias) }
                for demonym in country.demonyms { target(demonym, .demonym) }
                if actor.capitalAsMetonym, let capital = country.capital { target(capital, .capital) }
            }
            if actor.type == .country, let abroad = CountryNamesAbroad.forms(of: actor.name) {
                for name in abroad.names { target(name, .alias, foreign: true) }
                for adjective in abroad.adjectives { target(adjective, .demonym, foreign: true) }
            }
            for phrase in actor.exclude { target(phrase, .name, exclusion: true) }
            if actor.type == .country {
                for phrase in Homonyms.exclusions(forCountry: actor.name) { target(phrase, .name, exclusion: true) }
            }
        }
        automaton.finish()
    }

    /// A person's surname: the last word of a name of two words or more, honorifics and
    /// generational suffixes aside; none for names known by a given name ("Prince Harry").
    static func surname(_ name: String) -> String? { PersonName(name).surname }

    /// The persons (in watchlist order) who bear each normalised surname, and the surnames that are
    /// another actor's name or alias.
    private static func surnameOwners(_ actors: [WatchedActor], _ names: [PersonName?]) -> (owners: [String: [Int]], clashes: Set<String>) {
        var owners: [String: [Int]] = [:]
        for (i, name) in names.enumerated() {
            guard let surname = name?.normalizedSurname else { continue }
            owners[surname, default: []].append(i)
        }
        var clashes: Set<String> = []
        for actor in actors {
            for name in [actor.name] + actor.aliases {
                let key = Normalization.tokens(of: name).joined(separator: " ")
                guard let bearers = owners[key] else { continue }
                if bearers.contains(where: { actors[$0].id != actor.id }) { clashes.insert(key) }
            }
        }
        return (owners, clashes)
    }

    /// Each short form ("George Bush") and the one person it belongs to; a short form two watched
    /// persons share (father and son) or that is another actor's name belongs to neither.
    private static func uniqueShortForms(_ actors: [WatchedActor], _ names: [PersonName?]) -> [String: Int] {
        var forms: [String: Int] = [:]
        var shared: Set<String> = []
        for (i, name) in names.enumerated() {
            guard let short = name?.shortForm else { continue }
            let key = Normalization.tokens(of: short).joined(separator: " ")
            if forms[key] != nil { shared.insert(key) } else { forms[key] = i }
        }
        guard !forms.isEmpty else { return [:] }
        for actor in actors {
            for name in [actor.name] + actor.aliases { shared.insert(Normalization.tokens(of: name).joined(separator: " ")) }
        }
        return forms.filter { !shared.contains($0.key) }
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
        var isForeign = false
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
                let hit = Hit(actor: target.actor, kind: target.kind, first: first, last: last, isForeign: target.isForeign)
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
        // "US President George Bush": a watched country inside a title names the country as well.
        for title in accepted where title.kind == .title {
            for hit in found
            where hit.first >= title.first && hit.last <= title.last && hit.actor != title.actor
                && actors[hit.actor].type == .country && !accepted.contains(where: { $0.actor == hit.actor && $0.first == hit.first })
            {
                accepted.append(hit)
            }
        }
        accepted.sort { ($0.first, $0.last) < ($1.first, $1.last) }
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
