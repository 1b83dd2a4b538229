import Foundation

/// A word of the text: where it is (UTF-8 byte offsets) and its form for matching.
public struct Token: Sendable, Equatable {
    public var start: Int
    public var end: Int
    /// Normalised: NFKC, case- and diacritics-folded, Cyrillic case endings stripped.
    public var normalized: String
    /// Every letter of the original is a capital (and it has at least two): "EU", "NATO".
    public var isAllCaps: Bool
    /// The original starts with a capital letter.
    public var isCapitalized: Bool
    /// The original starts with a lower-case letter (scripts without case have neither).
    public var isLowercase: Bool = false

    /// Every letter is a capital, however few: "U" of "U.S." as well as "NATO".
    var isCapitals: Bool { isAllCaps || (isCapitalized && end - start == 1) }
}

/// What the matcher needs of a word's case: bit 0, it starts lower-case; bit 1, all its letters are capitals.
typealias WordShape = UInt8

/// Splits text into word tokens. Letters and digits form words; apostrophes split a word and drop a
/// possessive "s" ("Putin's", "Orbán’s" → "putin", "orban"); hyphens and dashes separate words.
public struct Tokenizer {
    private var foldCache: [String: String] = [:]

    public init() {}

    public mutating func tokens(_ text: String) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(text.utf8.count / 5)
        scanWords(text) { raw, start, end, ascii, allCaps, capitalized, lowercase, tokenizer in
            let normalized = ascii ? Self.asciiLowercase(raw) : tokenizer.fold(String(decoding: raw, as: UTF8.self))
            tokens.append(
                Token(
                    start: start, end: end, normalized: normalized, isAllCaps: allCaps, isCapitalized: capitalized,
                    isLowercase: lowercase))
        }
        return tokens
    }

    /// The matcher's lean pass: each word's ID in `vocabulary` and whether it is in capitals, without
    /// building a String per word (ASCII words are lowercased into a scratch buffer).
    mutating func wordIDs(_ text: String, vocabulary: ByteVocabulary) -> (ids: [Int32], shapes: [WordShape]) {
        var ids: [Int32] = []
        var shapes: [WordShape] = []
        ids.reserveCapacity(text.utf8.count / 5)
        shapes.reserveCapacity(text.utf8.count / 5)
        var scratch = [UInt8](repeating: 0, count: 64)
        scanWords(text) { raw, _, _, ascii, allCaps, capitalized, lowercase, tokenizer in
            var id: Int32 = -1
            if ascii, raw.count <= scratch.count {
                id = scratch.withUnsafeMutableBufferPointer { buffer in
                    for k in 0..<raw.count { let b = raw[k]; buffer[k] = b >= 0x41 && b <= 0x5A ? b | 0x20 : b }
                    return vocabulary.id(UnsafeBufferPointer(rebasing: buffer[0..<raw.count]))
                }
            } else {
                var folded = ascii ? Self.asciiLowercase(raw) : tokenizer.fold(String(decoding: raw, as: UTF8.self))
                id = folded.withUTF8 { vocabulary.id($0) }
            }
            ids.append(id)
            shapes.append((lowercase ? 1 : 0) | (allCaps || (capitalized && raw.count == 1) ? 2 : 0))
        }
        return (ids, shapes)
    }

    /// The word scanner both passes share: calls `emit(bytes, start, end, isASCII, isAllCaps,
    /// isCapitalized, isLowercase, self)` for each word, possessive "s" already dropped.
    private mutating func scanWords(
        _ text: String,
        _ emit: (UnsafeBufferPointer<UInt8>, Int, Int, Bool, Bool, Bool, Bool, inout Tokenizer) -> Void
    ) {
        var text = text
        text.withUTF8 { bytes in
            var i = 0
            let n = bytes.count
            var previousEnd = -1
            while i < n {
                let b0 = bytes[i]
                if b0 < 0x80 {
                    let lower = b0 | 0x20
                    if !(lower >= 0x61 && lower <= 0x7A) && !(b0 >= 0x30 && b0 <= 0x39) { i += 1; continue }
                } else {
                    guard let (scalar, _) = Self.decode(bytes, at: i), Self.isWordScalar(scalar) else {
                        i += Self.sequenceLength(bytes, at: i)
                        continue
                    }
                }
                let start = i
                var end = i
                var ascii = true
                var letters = 0, capitals = 0
                var first = true
                var firstIsCapital = false
                var firstIsLower = false
                var j = i
                while j < n {
                    let b = bytes[j]
                    if b < 0x80 {
                        // ASCII, the common case: no Unicode property look-ups.
                        let lower = b | 0x20
                        let isLetter = lower >= 0x61 && lower <= 0x7A
                        guard isLetter || (b >= 0x30 && b <= 0x39) else { break }
                        let isCapital = b >= 0x41 && b <= 0x5A
                        if isLetter { letters += 1; if isCapital { capitals += 1 } }
                        if first { firstIsCapital = isCapital; firstIsLower = isLetter && !isCapital; first = false }
                        j += 1
                        end = j
                        continue
                    }
                    guard let (s, l) = Self.decode(bytes, at: j), Self.isWordScalar(s) else { break }
                    ascii = false
                    let properties = s.properties
                    if properties.isAlphabetic {
                        letters += 1
                        if properties.isUppercase { capitals += 1 }
                    }
                    if first { firstIsCapital = properties.isUppercase; firstIsLower = properties.isLowercase; first = false }
                    j += l
                    end = j
                }
                i = end
                // A possessive "s" after an apostrophe belongs to the word before it: drop it.
                if end - start == 1, (bytes[start] | 0x20) == 0x73, previousEnd >= 0, Self.apostropheBetween(bytes, previousEnd, start) {
                    continue
                }
                previousEnd = end
                emit(
                    UnsafeBufferPointer(rebasing: bytes[start..<end]), start, end, ascii, letters >= 2 && capitals == letters,
                    firstIsCapital, firstIsLower, &self)
            }
        }
    }

    /// Folds a non-ASCII word once per distinct spelling.
    private mutating func fold(_ word: String) -> String {
        if let known = foldCache[word] { return known }
        let folded = Normalization.fold(word)
        if foldCache.count < 100_000 { foldCache[word] = folded }
        return folded
    }

    static func asciiLowercase(_ raw: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: raw.count) { out in
            for k in 0..<raw.count {
                let b = raw[k]
                out[k] = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
            }
            return raw.count
        }
    }

    static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        if s.value < 0x80 {
            let b = UInt8(s.value)
            return (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || (b >= 0x30 && b <= 0x39)
        }
        let p = s.properties
        return p.isAlphabetic || p.numericType != nil || p.generalCategory == .nonspacingMark
            || p.generalCategory == .spacingMark
    }

    /// One of ' ’ ʼ ′ directly between two offsets.
    static func apostropheBetween(_ bytes: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Bool {
        guard to > from, to - from <= 3 else { return false }
        let gap = Array(bytes[from..<to])
        return gap == [0x27] || gap == [0xE2, 0x80, 0x99] || gap == [0xCA, 0xBC] || gap == [0xE2, 0x80, 0xB2]
    }

    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (Unicode.Scalar, Int)? {
        let b0 = bytes[i]
        if b0 < 0x80 { return (Unicode.Scalar(b0), 1) }
        let length = sequenceLength(bytes, at: i)
        guard length > 1, i + length <= bytes.count else { return nil }
        var value = UInt32(b0) & (0xFF >> (length + 1))
        for k in 1..<length { value = value << 6 | UInt32(bytes[i + k] & 0x3F) }
        return Unicode.Scalar(value).map { ($0, length) }
    }

    @inline(__always)
    static func sequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let b0 = bytes[i]
        switch b0 {
        case 0..<0x80: return 1
        case 0xC0..<0xE0: return 2
        case 0xE0..<0xF0: return 3
        case 0xF0..<0xF8: return 4
        default: return 1
        }
    }
}

/// Text folding for matching: NFKC, case folding, diacritics removal, and for Cyrillic words the
/// stripping of case endings ("Путина", "Путину" → "путин").
public enum Normalization {
    public static func fold(_ word: String) -> String {
        var folded = word.precomposedStringWithCompatibilityMapping
            .folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        if folded.unicodeScalars.contains(where: { letterFolds[$0] != nil }) {
            folded = String(folded.unicodeScalars.map { letterFolds[$0] ?? String($0) }.joined())
        }
        return RussianStemmer.stem(folded)
    }

    /// Letters that are not a base letter plus a diacritic, so diacritics folding leaves them alone.
    private static let letterFolds: [Unicode.Scalar: String] = [
        "ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i", "þ": "th", "ħ": "h", "ŧ": "t",
        "ŀ": "l", "ð": "d",
    ]

    /// A phrase as the sequence of normalised tokens it matches.
    public static func tokens(of phrase: String) -> [String] {
        var tokenizer = Tokenizer()
        return tokenizer.tokens(phrase).map(\.normalized)
    }
}

/// Strips common Russian noun and adjective case endings, so inflected names match their base form.
/// Deliberately light: a stem keeps at least three letters, and only Cyrillic words are touched.
enum RussianStemmer {
    private static let endings: [String] = [
        "иями", "ями", "ами", "ого", "его", "ому", "ему", "ыми", "ими", "ией", "ием", "иях", "ях", "ах",
        "ия", "ии", "ию", "ей", "ой", "ом", "ем", "ам", "ям", "ую", "юю", "ая", "яя", "ое", "ее", "ые", "ие",
        "ых", "их", "ым", "им", "ов", "ев", "а", "я", "у", "ю", "е", "ы", "и", "о",
    ]

    static func stem(_ word: String) -> String {
        guard let first = word.unicodeScalars.first, (0x400...0x4FF).contains(first.value) else { return word }
        let letters = word.count
        for ending in endings where word.hasSuffix(ending) && letters - ending.count >= 3 {
            return String(word.dropLast(ending.count))
        }
        return word
    }
}
