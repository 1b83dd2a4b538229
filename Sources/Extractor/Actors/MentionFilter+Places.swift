/// The rules for countries and places: names inside other names, capitals that act, demonyms that
/// are languages or idioms.
extension MentionFilter {
    func placeRefusal(_ hit: ActorMatcher.Hit, in c: Context, previous: Int?, next: Int?) -> (RefusalReason, Int?, Int?)? {
        let tokens = c.tokens
        if !c.titleCase, hit.kind != .title {
            // "New Mexico", "Mechanical Turk", "Papua New Guinea".
            if let previous, partOfAnotherName(tokens[previous], actor: hit.actor) { return (.longerName, previous, nil) }
            // "African-American": a people's compound, not the country.
            if hit.kind == .demonym, hit.first > 0, Self.continentWords.contains(tokens[hit.first - 1].normalized),
                tokens[hit.first - 1].end < tokens[hit.first].start, c.part.bytes[tokens[hit.first - 1].end] == 0x2D
            {
                return (.longerName, hit.first - 1, nil)
            }
            // "Japanese-American internment", "Turkish Americans": a people of one country's origin in
            // another — neither country — unless the two countries' dealings follow ("US-Japanese talks").
            if hit.kind == .demonym, let pair = demonymPair(hit, in: c) { return (.longerName, pair.lowerBound, pair.upperBound) }
            // "the Cleveland Indians": a plural demonym after a place's name is a team.
            if hit.kind == .demonym, let previous, tokens[hit.last].normalized.hasSuffix("s"), tokens[previous].isCapitalized,
                !c.part.opensSentence[previous], NameIndex.isNameWord(tokens[previous]), !Self.isPlaceWord(tokens[previous].normalized)
            {
                return (.longerName, previous, nil)
            }
            // "German-born", "Russian-made": a compound adjective of someone's or something's origin.
            if hit.kind == .demonym, hit.last + 1 < tokens.count, tokens[hit.last + 1].isLowercase,
                tokens[hit.last].end < tokens[hit.last + 1].start, c.part.bytes[tokens[hit.last].end] == 0x2D
            {
                return (.longerName, nil, hit.last + 1)
            }
            // "Organization of American States": inside a name of the form "X of Y Z".
            if hit.first >= 2, ["of", "for"].contains(tokens[hit.first - 1].normalized),
                NameIndex.isNameWord(tokens[hit.first - 2]), let next, NameIndex.isNameWord(tokens[next]),
                !tokens[next].isAllCaps
            {
                return (.longerName, hit.first - 2, next)
            }
            // "Planned Parenthood Federation of America", "Boy Scouts of America": a body's name.
            if hit.first >= 2, tokens[hit.first - 1].normalized == "of", tokens[hit.first - 2].isCapitalized,
                Self.bodiesOf.contains(tokens[hit.first - 2].normalized)
            {
                return (.bodyName, hit.first - 2, nil)
            }
            // "Russia Today", "USA TODAY", "China Daily": a newspaper, a channel, an airline.
            if hit.kind != .demonym, let next, tokens[next].isCapitalized || tokens[next].isAllCaps,
                Self.bodyWords.contains(tokens[next].normalized), !Self.countryFollowers.contains(tokens[next].normalized)
            {
                return (.bodyName, nil, next)
            }
            // "Japan Credit Rating Agency", "U.S. Tennis Association", "AMERICAN LEAGUE": a run of name words
            // after the country that ends in a body's word is that body's name — unless a word of the
            // state stands in it ("Federal Reserve", "Foreign Ministry").
            if let next, let end = bodyRunEnd(from: next, in: c) { return (.bodyName, nil, end) }
            // "Georgia State University", "Turkey Bowl", "Chad Smith", "Niger River", "Paris Hilton": a name
            // that is also something else, run into another name. ("U.S. Army", "US-CERT" are the country.)
            // "American Standard Code for …", "French Open": a demonym opening another name; not
            // "Russian Embassy", "Chinese Communist Party", "German Chancellor".
            if hit.kind == .demonym, let next, NameIndex.isNameWord(tokens[next]), tokens[hit.last].isCapitalized,
                !tokens[hit.last].isAllCaps,
                !Self.stateWords.contains(tokens[next].normalized), !Self.isPlaceWord(tokens[next].normalized)
            {
                return (.longerName, nil, next)
            }
            if hit.kind == .capital || (cues[hit.actor] != nil && hit.kind == .name), let next,
                NameIndex.isNameWord(tokens[next]), !Self.countryFollowers.contains(tokens[next].normalized),
                !Self.isPlaceWord(tokens[next].normalized)
            {
                return (.longerName, nil, next)
            }
        }
        switch hit.kind {
        case .capital:
            return Self.acts(after: hit.last, in: c.part) ? nil : (.capitalNotActing, nil, nil)
        case .demonym:
            if let next, Self.idiomNouns.contains(tokens[next].normalized) { return (.languageOrIdiom, nil, next) }
            if hit.first > 0, Self.languageMarkers.contains(tokens[hit.first - 1].normalized),
                next == nil || Self.languageFollowers.contains(tokens[hit.last + 1].normalized)
            {
                return (.languageOrIdiom, hit.first - 1, nil)
            }
            return nil
        default:
            return nil
        }
    }

    /// Two demonyms written together ("Japanese-American", "Mexican American") naming a people rather
    /// than two countries' dealings: the token range of the pair, or nil.
    private func demonymPair(_ hit: ActorMatcher.Hit, in c: Context) -> ClosedRange<Int>? {
        let tokens = c.tokens
        func isDemonym(_ k: Int) -> Bool {
            k >= 0 && k < tokens.count && tokens[k].isCapitalized && Self.isPlaceWord(tokens[k].normalized)
                && Countries.byName[tokens[k].normalized] == nil
        }
        func joined(_ k: Int) -> Bool {
            let gap = c.part.bytes[tokens[k].end..<tokens[k + 1].start]
            return gap.count <= 1 && (gap.isEmpty || gap.first == 0x2D || gap.first == 0x20)
        }
        var pair: ClosedRange<Int>?
        if isDemonym(hit.last + 1), joined(hit.last) { pair = hit.first...(hit.last + 1) }
        if pair == nil, isDemonym(hit.first - 1), joined(hit.first - 1) { pair = (hit.first - 1)...hit.last }
        guard let pair else { return nil }
        // "US-Japanese relations", "Russian-Chinese talks": the dealings of two countries.
        if pair.upperBound + 1 < tokens.count, Self.dealings.contains(tokens[pair.upperBound + 1].normalized) { return nil }
        return pair
    }

    /// Nouns of two countries' dealings, after a pair of demonyms.
    static let dealings: Set<String> = [
        "relations", "ties", "talks", "trade", "alliance", "summit", "agreement", "treaty", "war", "border", "deal",
        "cooperation", "partnership", "security", "negotiations", "dialogue", "rivalry", "tensions", "dispute",
        "meeting", "accord", "pact", "joint", "venture", "friendship", "conflict", "exercises", "commission", "axis",
    ]

    /// The last token of a run of up to four capitalised words from `start` that ends in a word of a
    /// body (league, association, agency …) and holds no word of the state; nil if there is none.
    private func bodyRunEnd(from start: Int, in c: Context) -> Int? {
        let tokens = c.tokens
        var k = start
        while k < tokens.count, k < start + 4, tokens[k].isCapitalized || tokens[k].isAllCaps {
            let word = tokens[k].normalized
            if Self.stateWords.contains(word) || Self.countryFollowers.contains(word) || Self.isPlaceWord(word) { return nil }
            if Self.bodiesOf.contains(word) || Self.runBodyWords.contains(word) { return k }
            if Lexicon.isBreak(c.part.bytes, tokens: tokens, after: k) { return nil }
            k += 1
        }
        return nil
    }

    /// The last word of a body's name: "… Association", "… League", "… Agency".
    static let runBodyWords: Set<String> = [
        "association", "league", "agency", "federation", "corporation", "company", "institute", "foundation",
        "society", "group", "bank", "airlines", "airways", "online", "club", "fund", "trust", "exchange", "index",
        "championship", "championships", "open", "masters", "cup", "games", "awards", "prize", "festival", "lottery",
        "inc", "corp", "ltd", "plc", "llc",
    ]

    /// The capital is the subject of a political verb within three words ("Budapest has rejected", "Moscow
    /// said"), or owns a decision ("Moscow's position").
    static func acts(after last: Int, in part: Part) -> Bool {
        if Lexicon.possessiveAfter(part.bytes, tokens: part.tokens, index: last), last + 1 < part.tokens.count,
            possessedByGovernments.contains(part.tokens[last + 1].normalized)
        {
            return true
        }
        var k = last + 1
        while k < part.tokens.count, k <= last + 3 {
            if politicalVerbs.contains(part.tokens[k].normalized) || QuoteFinder.verbs.contains(part.tokens[k].normalized) { return true }
            if Lexicon.isBreak(part.bytes, tokens: part.tokens, after: k - 1) { return false }
            k += 1
        }
        return false
    }
}
