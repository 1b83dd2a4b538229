/// Which language an item is written in, from its commonest words: English or not, which is all the
/// matcher asks. A country's name in another language ("chino", "Deutsche", "Français") means the
/// country only in text of that language; in English text it is a surname, a club or a company.
///
/// A stop-word model: each language's short words that other languages (nearly) never write, counted
/// over the first 600 words. The feed's or item's `xml:lang` decides when the words do not (a headline
/// of four names).
enum LanguageGuess: Equatable, Sendable {
    case english
    case other
    case unknown

    static func guess(_ tokens: [Token], hint: String? = nil) -> LanguageGuess {
        var english = 0, others = 0, nonLatin = 0, latin = 0
        for token in tokens.prefix(600) {
            let word = token.normalized
            if let first = word.unicodeScalars.first, first.value >= 0x370 {
                if first.properties.isAlphabetic { nonLatin += 1 }
                continue
            }
            latin += 1
            if englishWords.contains(word) { english += 1 } else if otherWords.contains(word) { others += 1 }
            // Settled: most items say so within their first few dozen words.
            if english >= 12, others * 4 < english { return .english }
            if others >= 12, english * 4 < others { return .other }
        }
        if nonLatin > latin { return .other }
        if english >= 2, english >= others * 2 { return .english }
        if others >= 2, others >= english * 2 { return .other }
        if let hint = hint?.lowercased(), !hint.isEmpty { return hint.hasPrefix("en") ? .english : .other }
        // A headline: one word of one side and none of the other is enough.
        if english > 0, others == 0 { return .english }
        if others > 0, english == 0 { return .other }
        return .unknown
    }

    /// Frequent English words that are not words of the other languages feedwatch's users read.
    static let englishWords = Set<String>([
        "the", "and", "of", "to", "is", "was", "that", "for", "with", "are", "have", "has", "this", "from", "which",
        "were", "would", "their", "they", "been", "will", "its", "but", "not", "said", "who", "when", "after", "than",
        "there", "it", "he", "she", "his", "her", "by", "at", "could", "should", "about", "into", "over", "more",
        "says", "year", "new", "our", "we", "you", "be", "or", "had", "also", "what", "can", "up", "out",
    ])

    /// The same for German, French, Spanish, Italian, Portuguese, Dutch, Hungarian, Polish, Czech,
    /// Turkish and the Scandinavian languages (diacritics folded, as tokens have them).
    static let otherWords = Set<String>([
        // German
        "der", "die", "das", "und", "ist", "nicht", "mit", "den", "von", "zu", "sich", "des", "auf", "fur", "im",
        "dem", "ein", "eine", "einen", "auch", "als", "wird", "werden", "wurde", "nach", "bei", "aus", "sie", "er",
        "hat", "sind", "oder", "noch", "uber", "wie", "dass", "nur", "vor", "zum", "zur",
        // French
        "le", "la", "les", "et", "des", "est", "du", "une", "que", "dans", "pour", "pas", "qui", "sur", "au", "avec",
        "par", "il", "ce", "sont", "aux", "mais", "ont", "cette", "leur", "selon", "elle", "nous", "vous", "ete",
        // Spanish, Portuguese, Italian
        "el", "los", "las", "y", "del", "se", "por", "con", "para", "una", "es", "su", "al", "lo", "como", "mas",
        "pero", "sus", "fue", "este", "esta", "entre", "il", "di", "che", "per", "un", "non", "della", "sono",
        "gli", "da", "nel", "alla", "dei", "delle", "anche", "piu", "questo", "os", "dos", "em",
        "na", "uma", "com", "nao", "foi", "ao",
        // Dutch
        "het", "een", "niet", "dat", "op", "zijn", "met", "voor", "ook", "aan", "maar", "wordt", "bij",
        // Hungarian, Polish, Czech, Turkish, Scandinavian
        "az", "es", "hogy", "nem", "egy", "meg", "van", "volt", "csak", "mar", "szerint", "ez", "pedig", "sie", "nie",
        "jest", "ze", "przez", "oraz", "je", "jsou", "jako", "ale", "podle", "ve", "bir", "bu", "ile", "icin",
        "olarak", "och", "att", "det", "som", "med", "till", "av", "inte", "har", "og", "ikke",
    ])
}
