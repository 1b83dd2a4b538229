/// A light English stemmer for topic words: plural and verb endings, so "sanction", "sanctions",
/// "sanctioned" and "sanctioning" meet. Words of four letters or fewer are left alone.
enum EnglishStemmer {
    static func stem(_ word: String) -> String {
        guard word.utf8.count > 4, word.utf8.allSatisfy({ $0 < 0x80 }) else { return word }
        var w = word
        if w.hasSuffix("ies") {
            w = String(w.dropLast(3)) + "y"
        } else if w.hasSuffix("sses") {
            w = String(w.dropLast(2))
        } else if w.hasSuffix("ches") || w.hasSuffix("shes") || w.hasSuffix("xes") || w.hasSuffix("oes") {
            w = String(w.dropLast(2))
        } else if w.hasSuffix("s") && !w.hasSuffix("ss") && !w.hasSuffix("us") && !w.hasSuffix("is") {
            w = String(w.dropLast())
        }
        if w.hasSuffix("ied") {
            w = String(w.dropLast(3)) + "y"
        } else if w.hasSuffix("ed"), w.count > 5 {
            w = undouble(String(w.dropLast(2)))
        } else if w.hasSuffix("ing"), w.count > 6 {
            w = undouble(String(w.dropLast(3)))
        }
        return w
    }

    /// "stopped" → "stopp" → "stop"; "banned" → "bann" → "ban".
    private static func undouble(_ w: String) -> String {
        let chars = Array(w)
        if chars.count >= 3, chars[chars.count - 1] == chars[chars.count - 2], !"lsz".contains(chars.last!) {
            return String(chars.dropLast())
        }
        return w
    }
}
