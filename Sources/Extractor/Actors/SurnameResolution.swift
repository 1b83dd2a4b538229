/// The bare surnames of an item, settled together: whom "Clinton" stands for depends on which
/// Clintons the item names and where.
///
/// Every capitalised occurrence of a watched surname with a given name, an initial or a title before
/// it is a *bearer*: a watched person ("Hillary Clinton", "Mrs Clinton" when one watched Clinton is a
/// woman, "Chancellor Brown" through a watchlist title) or someone else ("Chelsea Clinton", "Mr Kelly"
/// when the watched Kelly is a woman). A bare surname goes to the bearer named nearest before it (the
/// nearest after, when it comes first): to a watched person, or to nobody when that bearer is someone
/// else. With no bearer at all, it counts only for a single watched owner whose surname is distinctive
/// (not a common given name, surname or word) and outside a line-up or credits.
struct SurnameResolution {
    let filter: MentionFilter
    let english: Bool

    struct Bearer {
        var part: Int
        var token: Int
        /// The watched person named, or nil for someone else.
        var actor: Int?
        /// Written before the surname: the given name or title, for explain.
        var name: String
        var titled: Bool
        /// Introduced as someone's relative: "her husband, Bill Clinton".
        var relative = false
    }

    /// A kinship word within the three words before a name: "his daughter Ivanka Trump", "her husband, Bill Clinton".
    private static func introducedAsRelative(_ k: Int, in part: MentionFilter.Part) -> Bool {
        (max(0, k - 4)..<k).contains { kinship.contains(part.tokens[$0].normalized) }
    }

    static let kinship: Set<String> = [
        "husband", "wife", "son", "daughter", "father", "mother", "brother", "sister", "uncle", "aunt", "nephew",
        "niece", "cousin", "grandson", "granddaughter", "grandfather", "grandmother", "widow", "widower", "stepson",
        "stepdaughter", "spouse", "children", "child", "parents",
    ]

    func resolve(_ parts: inout [MentionFilter.Part]) {
        var bySurname: [String: [(part: Int, index: Int)]] = [:]
        for p in parts.indices {
            for (i, hit) in parts[p].hits.enumerated() where hit.kind == .surname && hit.first == hit.last {
                bySurname[parts[p].tokens[hit.first].normalized, default: []].append((p, i))
            }
        }
        guard !bySurname.isEmpty else { return }
        var drop: [Int: Set<Int>] = [:]
        // Whether each line is a team sheet, worked out once per line (a hostile item is one line of
        // 200,000 surnames).
        var listLines: [Int: Bool] = [:]
        // Each token's sentence, counted once per part (a hostile item may hold 300,000 surnames).
        let sentences = parts.map { part -> [Int32] in
            var count: Int32 = 0
            return part.opensSentence.map { opens in
                if opens { count += 1 }
                return count
            }
        }
        // Where each of these surnames is written, capitalised, in one pass over the item.
        var positions: [String: [(part: Int, token: Int)]] = [:]
        for (p, part) in parts.enumerated() {
            for (k, token) in part.tokens.enumerated() where token.isCapitalized || token.isAllCaps {
                if bySurname[token.normalized] != nil { positions[token.normalized, default: []].append((p, k)) }
            }
        }
        for (surname, mentions) in bySurname {
            let owners = filter.surnameOwners[surname] ?? [parts[mentions[0].part].hits[mentions[0].index].actor]
            let bearers = self.bearers(of: surname, at: positions[surname] ?? [], owners: owners, in: parts)
            // A relative introduced as one ("her husband, Bill Clinton") is named for a sentence, not
            // taken as the subject of the next ones: looked for apart from the others.
            let plain = bearers.filter { !$0.relative && !$0.titled }, relatives = bearers.filter { $0.relative && !$0.titled }
            let titled = bearers.filter(\.titled)
            func atOrBefore(_ list: [Bearer], _ position: (Int, Int)) -> Bearer? {
                let index = partitionPoint(list.count) { (list[$0].part, list[$0].token) <= position }
                return index > 0 ? list[index - 1] : nil
            }
            func after(_ list: [Bearer], _ position: (Int, Int)) -> Bearer? {
                let index = partitionPoint(list.count) { (list[$0].part, list[$0].token) <= position }
                return index < list.count ? list[index] : nil
            }
            for (p, i) in mentions {
                let hit = parts[p].hits[i]
                let position = (p, hit.first)
                let sentence = sentences[p][hit.first]
                func sameSentence(_ bearer: Bearer?) -> Bearer? {
                    guard let bearer, bearer.part == p, sentences[p][bearer.token] == sentence else { return nil }
                    return bearer
                }
                let candidates = [atOrBefore(plain, position), sameSentence(atOrBefore(relatives, position))].compactMap { $0 }
                let before = candidates.max { ($0.part, $0.token) < ($1.part, $1.token) }
                let later = [after(plain, position), sameSentence(after(relatives, position))].compactMap { $0 }
                // A name in full decides; failing one, Mr/Mrs/Ms with a surname does ("Mr. Allen" is the
                // Mike Allen named before, not the watched Woody Allen).
                let nearest =
                    before ?? later.min { ($0.part, $0.token) < ($1.part, $1.token) } ?? atOrBefore(titled, position)
                    ?? after(titled, position)
                var reason: RefusalReason?
                var first = hit.first
                if let nearest {
                    if let actor = nearest.actor {
                        parts[p].hits[i].actor = actor
                    } else if nearest.part == p && nearest.token == hit.first {
                        reason = nearest.titled ? .titleGender : .anotherBearer
                        first = max(0, hit.first - 1)
                    } else {
                        reason = .nearerNamesake(nearest.name)
                    }
                } else if owners.count > 1 {
                    reason = .sharedSurname
                } else if filter.plainSurnames.contains(owners[0]) {
                    reason = .notDistinctive
                } else if inList(hit.first, in: parts[p], part: p, cache: &listLines) {
                    reason = .listOfOthers
                }
                if let reason {
                    parts[p].refused.append(.init(hit: hit, first: first, last: hit.last, reason: reason))
                    drop[p, default: []].insert(i)
                }
            }
        }
        for (p, indexes) in drop {
            parts[p].hits = parts[p].hits.enumerated().filter { !indexes.contains($0.offset) }.map(\.element)
        }
    }

    /// Every occurrence of the surname that says whose it is, in reading order (title, then body).
    private func bearers(
        of surname: String, at positions: [(part: Int, token: Int)], owners: [Int], in parts: [MentionFilter.Part]
    ) -> [Bearer] {
        var result: [Bearer] = []
        for (p, part) in parts.enumerated() {
            let tokens = part.tokens
            var fullHits: [Int: Int] = [:]  // last token → actor, for full mentions of an owner
            for hit in part.hits where owners.contains(hit.actor) && (hit.kind != .surname || hit.first < hit.last) {
                fullHits[hit.last] = hit.actor
            }
            for (q, k) in positions where q == p {
                if let actor = fullHits[k] {
                    let first = part.hits.first { $0.last == k }?.first ?? k
                    result.append(
                        Bearer(
                            part: p, token: k, actor: actor, name: "", titled: false, relative: Self.introducedAsRelative(first, in: part)))
                    continue
                }
                guard k > 0, !Lexicon.isBreak(part.bytes, tokens: tokens, after: k - 1) else { continue }
                let before = tokens[k - 1]
                let written = String(decoding: part.bytes[before.start..<tokens[k].end], as: UTF8.self)
                if let gender = Self.titleGender(before) {
                    // "Mrs Clinton", "Mr Kelly": a title with a gender picks the owners of that gender.
                    let fitting = owners.filter { filter.genders[$0] == nil || filter.genders[$0] == gender }
                    if fitting.count == 1 {
                        result.append(Bearer(part: p, token: k, actor: fitting[0], name: written, titled: true))
                    } else if fitting.isEmpty {
                        result.append(Bearer(part: p, token: k, actor: nil, name: written, titled: true))
                    }
                    continue
                }
                // Other titles ("Gov.", "Chief Justice", "Dr.", "Pope", "his son") say someone holds a role;
                // which someone, only a given name or the watchlist's own titles (full mentions) tell.
                if Self.isTitle(before) || NameIndex.roleWords[before.normalized] != nil { continue }
                guard before.isCapitalized else { continue }
                let word = before.normalized
                if word == surname { continue }
                let isInitial = before.end - before.start == 1
                let relative = Self.introducedAsRelative(k - 1, in: part)
                if let owner = owners.first(where: { filter.names[$0]?.givenName == word }) {
                    result.append(Bearer(part: p, token: k, actor: owner, name: written, titled: false, relative: relative))
                } else if isInitial, let owner = owners.first(where: { filter.names[$0]?.givenName?.first == word.first }) {
                    result.append(Bearer(part: p, token: k, actor: owner, name: written, titled: false, relative: relative))
                } else if MentionFilter.isOtherNameWord(k - 1, in: part, english: english) {
                    result.append(Bearer(part: p, token: k, actor: nil, name: written, titled: false, relative: relative))
                }
            }
        }
        return result
    }

    /// The gender Mr, Mrs, Ms, Miss (and their equivalents in the languages read) mark before a surname.
    static func titleGender(_ token: Token) -> GivenNames.Gender? {
        switch token.normalized {
        case "mr", "herr", "monsieur", "senor", "signor", "sr": return .male
        case "mrs", "ms", "miss", "frau", "madame", "mme", "senora", "signora", "sra": return .female
        default: return nil
        }
    }

    static func isTitle(_ token: Token) -> Bool {
        NameIndex.personTitles.contains(token.normalized) || NameIndex.roleWords[token.normalized] != nil
            || ["prime", "foreign", "home", "chancellor"].contains(token.normalized)
    }

    /// A surname in a team sheet or credits (`Part.isListLine`), each line judged once; the cache is
    /// keyed by part and line.
    func inList(_ k: Int, in part: MentionFilter.Part, part index: Int, cache: inout [Int: Bool]) -> Bool {
        guard !part.lineOfToken.isEmpty else { return false }
        let key = Int(part.lineOfToken[k]) << 8 | index
        if let known = cache[key] { return known }
        let list = part.isListLine(k)
        cache[key] = list
        return list
    }
}
