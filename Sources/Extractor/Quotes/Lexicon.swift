/// Words and punctuation the quote and speaker finders share.
enum Lexicon {
    /// Capitalised at a sentence start, these are ordinary words, never the start of a name.
    static let functionWords: Set<String> = Set(
        """
        the a an and but or nor in on at as if when while this that these those it its he she they we i you his her \
        their our my your there here what who whom whose why how where which after before during for from with by to \
        of so yet not no yes also still then now some many most all both each every one two three asked speaking \
        according meanwhile however since until because although though despite under over about into through among \
        just even only again later earlier today yesterday tomorrow tonight last next such other another more less \
        much very well oh ok okay yeah please let do does did is are was were be been has have had will would can \
        could should might must shall said says thank thanks speaking writing responding addressing asked instead \
        indeed still like unlike without within following once first second third finally perhaps maybe whether
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))

    /// Words that end a sentence with a full stop only when they are not an abbreviation.
    static let abbreviations: Set<String> = SentenceSplitter.abbreviations

    /// Something between token `k` and the next one that ends a name or a phrase: a comma, a colon, a
    /// quotation mark, a dash, a bracket, a line break, or a full stop that is not an abbreviation's or
    /// an initial's; a possessive ("Trump's") ends a name too.
    static func isBreak(_ bytes: [UInt8], tokens: [Token], after k: Int) -> Bool {
        guard k + 1 < tokens.count else { return true }
        let from = tokens[k].end, to = tokens[k + 1].start
        guard from < to else { return false }
        var sawPeriod = false
        var sawApostrophe = false
        var sawSpace = false
        var i = from
        while i < to {
            let b = bytes[i]
            switch b {
            case 0x20, 0x09: sawSpace = true; i += 1
            case 0x2D:  // hyphen: "Jean-Claude", "Al-Assad"; with a space beside it a dash (" -- ")
                if sawSpace || (i + 1 < to && bytes[i + 1] == 0x20) { return true }
                i += 1
            // "9/11 widow Terry Strada": a date or a fraction is one word.
            case 0x2F
            where to - from == 1 && bytes[from - 1] >= 0x30 && bytes[from - 1] <= 0x39
                && bytes[to] >= 0x30 && bytes[to] <= 0x39:
                i += 1
            case 0x2E: sawPeriod = true; i += 1
            case 0x27: sawApostrophe = true; i += 1
            case 0xE2 where i + 2 < to + 2 && i + 2 < bytes.count && bytes[i + 1] == 0x80 && bytes[i + 2] == 0x99:
                sawApostrophe = true; i += 3  // ’
            case 0xC2 where i + 1 < bytes.count && bytes[i + 1] == 0xA0: i += 2  // no-break space
            default: return true
            }
        }
        if sawApostrophe {
            // "O'Donnell" joins; "Trump's" (the "s" is dropped by the tokenizer) ends the name.
            return to - from > (bytes[from] == 0x27 ? 1 : 3)
        }
        if sawPeriod {
            let word = tokens[k]
            return !(word.end - word.start == 1 || abbreviations.contains(word.normalized))
        }
        return false
    }

    /// The token is followed by a possessive: "Trump's", "Sanders' ", "Orbán’s".
    static func possessiveAfter(_ bytes: [UInt8], tokens: [Token], index k: Int) -> Bool {
        let from = tokens[k].end
        guard from < bytes.count else { return false }
        if bytes[from] == 0x27 { return true }
        return from + 2 < bytes.count && bytes[from] == 0xE2 && bytes[from + 1] == 0x80 && bytes[from + 2] == 0x99
    }
}
