import Foundation

/// How a watched person's name is built, read from the watchlist's spelling: an honorific or rank in
/// front ("Prince Harry", "Pope Francis", "Sir Jane Doe"), the given name, the middle names or
/// initials, the surname, and a generational suffix ("Jr.", "III").
///
/// The matcher needs the parts apart: a bare surname is matched alone only when there is one ("Prince
/// Harry" has none: "Harry" alone is every other Harry), and "George W. Bush" is also written "George
/// Bush".
struct PersonName: Equatable {
    /// The words as the watchlist writes them, without honorific and suffix.
    var core: [String]
    var honorific: String?
    var suffix: String?
    /// A rank whose bearers go by given names alone ("King Abdullah II", "Pope John Paul II", "Prince
    /// William"): the last word is no surname.
    var isRegnal = false

    init(_ name: String) {
        // "Diana, Princess of Wales", "Martin Luther King, Jr.": the name is before the comma (a suffix
        // after it is kept as the suffix).
        var written = name
        if let comma = name.firstIndex(of: ",") {
            let rest = name[name.index(after: comma)...].trimmingCharacters(in: .whitespaces)
            written = String(name[..<comma]) + (Self.suffixes.contains(String(rest.lowercased().filter(\.isLetter))) ? " " + rest : "")
        }
        var words = written.split(separator: " ").map(String.init)
        // Honorifics and suffixes are ASCII: lower-cased letters are key enough, with no Unicode
        // folding (a 100,000-person watchlist builds these for every person).
        func normalized(_ word: String) -> String {
            String(decoding: word.utf8.compactMap { b in (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A ? b | 0x20 : nil }, as: UTF8.self)
        }
        // "Crown Prince X": honorifics may come in twos.
        while words.count >= 2, Self.honorifics.contains(normalized(words[0])) {
            let word = words.removeFirst()
            honorific = honorific.map { $0 + " " + word } ?? word
            isRegnal = isRegnal || Self.regnalRanks.contains(normalized(word))
        }
        if words.count >= 2, let last = words.last, Self.suffixes.contains(normalized(last)) {
            suffix = words.removeLast()
        }
        // "Prince of Wales", "Duke of Edinburgh": a territorial title, no surname.
        if words.contains(where: { ["of", "von", "de"].contains($0.lowercased()) }) && honorific != nil { isRegnal = true }
        core = words
        givenName = core.count >= 2 && !isRegnal ? Self.normalize(core[0]).first : nil
        normalizedSurname = core.count >= 2 && !isRegnal ? Self.normalize(core[core.count - 1]).joined(separator: " ") : nil
    }

    /// A word's tokens as the tokenizer normalises them; plain ASCII letters need only lower-casing
    /// (most names: a 100,000-person watchlist starts 0.3 s sooner without the full tokenizer here).
    static func normalize(_ word: String) -> [String] {
        if !word.isEmpty, word.utf8.allSatisfy({ ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }) { return [word.lowercased()] }
        return Normalization.tokens(of: word)
    }

    /// The surname, normalised as tokens are.
    private(set) var normalizedSurname: String?

    /// The surname alone, when the core has a given name before it ("Jane Doe"); none for "Prince
    /// Harry", "Pope Francis", "Queen Elizabeth II" or a single name ("Madonna").
    var surname: String? { core.count >= 2 && !isRegnal ? core.last : nil }

    /// The given name, normalised: the first word of a core of two words or more (worked out once:
    /// the matcher asks it of every bare surname).
    private(set) var givenName: String?

    /// "George W. Bush" → "George Bush", "Hillary Rodham Clinton" → "Hillary Clinton": the given name
    /// and surname without what stands between, as news writes most names.
    var shortForm: String? {
        guard core.count >= 3, let surname else { return nil }
        return core[0] + " " + surname
    }

    /// Written in front of a name, they make the rest of it the name: a bare given name after them is
    /// not the person ("Prince Harry" is not every Harry).
    static let honorifics: Set<String> = [
        "prince", "princess", "king", "queen", "pope", "sir", "dame", "lord", "lady", "baroness", "baron", "earl",
        "duke", "duchess", "count", "countess", "sheikh", "sheik", "sheikha", "emir", "sultan", "ayatollah",
        "cardinal", "archbishop", "bishop", "rabbi", "imam", "saint", "st", "mr", "mrs", "ms", "dr", "mother",
        "father", "brother", "sister", "crown", "grand", "shah", "tsar", "czar", "kaiser", "emperor", "empress",
        "maharaja", "rajah", "general", "admiral", "marshal", "president", "chancellor", "senator", "sen",
    ]

    /// Ranks of monarchs, their families and popes, who are known by given names.
    static let regnalRanks: Set<String> = [
        "prince", "princess", "king", "queen", "pope", "emir", "sultan", "shah", "tsar", "czar", "kaiser", "emperor",
        "empress", "crown", "maharaja", "rajah", "duke", "duchess", "saint", "st",
    ]

    /// Generational suffixes: "Donald Trump Jr." is not Donald Trump.
    static let suffixes: Set<String> = ["jr", "sr", "ii", "iii", "iv", "v", "vi", "junior", "senior"]
}
