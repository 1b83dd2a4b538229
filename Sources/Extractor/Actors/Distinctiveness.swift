/// Whether a name word tells its bearer apart, decided from public name and word frequencies
/// (`NameStatistics`, data/names/SOURCE.md), never from a list of the names someone met.
///
/// A bare surname that is a common given name (Howard, Paul), a common surname (Jackson, Powell) or a
/// common word (Brown, Straw, Major) names many people: alone, it counts for a watched person only when
/// the item also names that person in full, with a title or with Mr/Mrs/Ms.
enum Distinctiveness {
    /// The most frequent US given names (SSA, both sexes) cover ~90 % of people in their first 1,000.
    static let givenNameRankLimit = 1_000
    /// The first 2,000 surnames of the US census cover ~45 % of people; rank 2,000 has ~10 bearers in
    /// 100,000 — a name a reader of several articles a day will meet for more than one person.
    static let surnameRankLimit = 2_000
    /// English words written in lower case most of the time, by frequency rank (Google Books; the
    /// SCOWL ranks after these also hold proper nouns folded to lower case: "smith", "china").
    static let commonWordRankLimit = NameStatistics.frequencyRankedWordCount

    static func isCommonGivenName(_ word: String) -> Bool {
        if GivenNames.isGivenName(word) { return true }
        if let rank = NameStatistics.givenNameRank(word), rank <= givenNameRankLimit { return true }
        return NameStatistics.internationalGivenName(word) != nil
    }

    static func isCommonSurname(_ word: String) -> Bool {
        if let rank = NameStatistics.surnameRank(word), rank <= surnameRankLimit { return true }
        return false
    }

    static func isCommonWord(_ word: String) -> Bool {
        if let rank = NameStatistics.commonWordRank(word), rank <= commonWordRankLimit { return true }
        return false
    }

    /// A surname that names few people besides the watched one: not a common given name, surname or word.
    static func isDistinctive(surname word: String) -> Bool {
        !isCommonGivenName(word) && !isCommonSurname(word) && !isCommonWord(word)
    }

    /// Known as a name at all (any rank): a capitalised word opening a sentence that is one is more
    /// likely a name than an ordinary word ("Ron Howard" at a sentence start).
    static func isName(_ word: String) -> Bool {
        GivenNames.isGivenName(word) || NameStatistics.givenNameRank(word) != nil || NameStatistics.surnameRank(word) != nil
            || NameStatistics.internationalGivenName(word) != nil
    }

    /// The gender a given name usually marks: nine bearers in ten or more of one sex.
    static func gender(ofGivenName word: String) -> GivenNames.Gender? {
        if let known = GivenNames.gender(of: word) { return known }
        if let counts = NameStatistics.givenNameCounts(word) {
            if counts.male >= 9 * counts.female, counts.male > 0 { return .male }
            if counts.female >= 9 * counts.male, counts.female > 0 { return .female }
            return nil
        }
        if let international = NameStatistics.internationalGivenName(word), international.male != international.female {
            return international.male ? .male : .female
        }
        return nil
    }
}
