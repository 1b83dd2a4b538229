/// A sentence of the text, as UTF-8 byte offsets.
public struct Sentence: Sendable, Equatable {
    public var start: Int
    public var end: Int
}

/// Splits text into sentences at `.`, `!`, `?` and `…` followed by white space and a capital, digit or
/// opening quote, and at line breaks — but not after abbreviations ("Mr.", "U.S.", "Oct."), initials
/// ("J. K."), or inside numbers ("3.5").
public enum SentenceSplitter {
    static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "capt", "cmdr", "adm",
        "st", "jr", "sr", "inc", "ltd", "co", "corp", "vs", "etc", "e.g", "i.e", "u.s", "u.k", "u.n", "e.u",
        "u.s.a", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no",
        "approx", "mt", "ft", "pres", "rev", "hon", "dept", "univ", "est", "fig", "vol", "p", "pp", "cf", "al",
    ]

    public static func split(_ text: String) -> [Sentence] {
        var sentences: [Sentence] = []
        let bytes = Array(text.utf8)
        let n = bytes.count
        var start = 0
        var i = 0
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A }
        func emit(_ end: Int) {
            var s = start, e = end
            while s < e, isSpace(bytes[s]) { s += 1 }
            while e > s, isSpace(bytes[e - 1]) { e -= 1 }
            if e > s { sentences.append(Sentence(start: s, end: e)) }
            start = end
        }
        while i < n {
            let b = bytes[i]
            if b == 0x0A {
                emit(i)
                i += 1
                continue
            }
            var terminatorEnd = 0
            if b == 0x2E || b == 0x21 || b == 0x3F {
                terminatorEnd = i + 1
            } else if b == 0xE2, i + 2 < n, bytes[i + 1] == 0x80, bytes[i + 2] == 0xA6 {
                terminatorEnd = i + 3
            }  // …
            guard terminatorEnd > 0 else { i += 1; continue }
            // Further terminators and closing quotes or brackets belong to this sentence.
            var j = terminatorEnd
            while j < n {
                if bytes[j] == 0x2E || bytes[j] == 0x21 || bytes[j] == 0x3F || bytes[j] == 0x22 || bytes[j] == 0x27
                    || bytes[j] == 0x29 || bytes[j] == 0x5D
                {
                    j += 1; continue
                }
                if bytes[j] == 0xE2, j + 2 < n, bytes[j + 1] == 0x80, [0x9D, 0x99, 0xA6].contains(bytes[j + 2]) { j += 3; continue }
                if bytes[j] == 0xC2, j + 1 < n, bytes[j + 1] == 0xBB { j += 2; continue }  // »
                break
            }
            guard j < n, isSpace(bytes[j]) else { i = j; continue }
            var k = j
            while k < n, isSpace(bytes[k]) { k += 1 }
            if b == 0x2E, !endsSentence(bytes, period: i, next: k) { i = j; continue }
            if k < n, !startsSentence(bytes, at: k) { i = j; continue }
            emit(j)
            i = j
        }
        emit(n)
        return sentences
    }

    /// False after an abbreviation or an initial. Works on the bytes: it runs at every full stop.
    private static func endsSentence(_ bytes: [UInt8], period: Int, next: Int) -> Bool {
        var w = period
        while w > 0, bytes[w - 1] != 0x20, bytes[w - 1] != 0x0A, bytes[w - 1] != 0x09, bytes[w - 1] != 0x28,
            bytes[w - 1] != 0x22
        { w -= 1 }
        let word = bytes[w..<period]
        guard !word.isEmpty else { return true }
        // Abbreviations are short and ASCII ("Mr", "u.s", "sept"): only such words are looked up.
        if word.count <= 6, word.allSatisfy({ $0 < 0x80 }) {
            let lower = String(decoding: word.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
            if abbreviations.contains(lower) { return false }
        }
        // A single capital letter is an initial ("J. K. Rowling").
        if word.count == 1, word.first! >= 0x41, word.first! <= 0x5A { return false }
        if word.count <= 4, let scalar = String(decoding: word, as: UTF8.self).unicodeScalars.first,
            String(decoding: word, as: UTF8.self).unicodeScalars.count == 1, scalar.properties.isUppercase
        {
            return false
        }
        // Dotted acronyms ("U.S.") end a sentence only before a capitalised word that is not a name start.
        if word.contains(0x2E), word.count <= 6, !word.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) {
            return false
        }
        return true
    }

    private static func startsSentence(_ bytes: [UInt8], at k: Int) -> Bool {
        let b = bytes[k]
        if b >= 0x41 && b <= 0x5A { return true }
        if b >= 0x30 && b <= 0x39 { return true }
        if b == 0x22 || b == 0x27 || b == 0x28 || b == 0x5B { return true }
        if b >= 0x80 {
            // Curly opening quotes and non-ASCII capitals (Ó, Б …).
            let scalar = String(decoding: bytes[k..<min(bytes.count, k + 4)], as: UTF8.self).unicodeScalars.first
            guard let scalar else { return false }
            return scalar.properties.isUppercase || [0x201C, 0x2018, 0xAB, 0x201E].contains(scalar.value)
        }
        return false
    }
}
