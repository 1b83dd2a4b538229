import Foundation

/// The last pass over an article's main text: short paragraphs that are furniture, not story — share
/// and comment prompts, "read more" and "related" teasers, bylines with dates, bare dates and times,
/// newsletter and cookie notices — in the languages of the feeds we see most (English, German, French).
/// Long paragraphs are never touched: a sentence that mentions cookies is still a sentence.
enum Boilerplate {
    static func clean(_ text: String) -> String {
        let paragraphs = text.components(separatedBy: "\n\n")
        let kept = paragraphs.filter { !isFurniture($0) }
        return kept.joined(separator: "\n\n")
    }

    static func isFurniture(_ paragraph: String) -> Bool {
        let trimmed = paragraph.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return true }
        let words = trimmed.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" })
        if words.count > 16 { return false }
        let lower = trimmed.lowercased()
        if isDateOrTime(words) { return true }
        if prefixes.contains(where: { lower.hasPrefix($0) }) { return true }
        if words.count <= 10, phrases.contains(where: { lower.contains($0) }) { return true }
        if words.count <= 4, socialWords.contains(where: { lower == $0 || lower.hasPrefix($0 + " ") || lower.hasSuffix(" " + $0) }) {
            return true
        }
        return false
    }

    /// "23.10.2018", "19:49", "3:59 PM", "12. März 2019", "Mon, 4 May 2020 10:00".
    static func isDateOrTime(_ words: [Substring]) -> Bool {
        guard !words.isEmpty, words.count <= 7 else { return false }
        var sawDigit = false
        for word in words {
            let w = word.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ".,:;|()-–—/"))
            if w.isEmpty { continue }
            if w.allSatisfy({ $0.isNumber || ".:/-".contains($0) }) { sawDigit = true; continue }
            if months.contains(w)
                || [
                    "am", "pm", "uhr", "h", "um", "am", "le", "on", "at", "updated", "aktualisiert",
                    "veröffentlicht", "published", "stand:", "stand",
                ].contains(w)
            {
                continue
            }
            return false
        }
        return sawDigit
    }

    static let months: Set<String> = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "january",
        "february", "march", "april", "june", "july", "august", "september", "october", "november", "december",
        "januar", "februar", "märz", "mai", "juni", "juli", "oktober", "dezember", "janvier", "février", "mars",
        "avril", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre", "monday", "tuesday",
        "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "wed", "thu", "fri", "sat", "sun",
        "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag",
    ]

    /// A short paragraph opening with one of these is furniture.
    static let prefixes = [
        "share this", "share to ", "share on ", "read more", "read also", "related:", "related coverage", "tagged:",
        "tags:", "advertisement", "credit:", "photo:", "image:", "foto:", "bild:", "posted by", "older post",
        "newer post", "write a comment", "leave a comment", "reply", "antworten", "sign up", "subscribe",
        "follow us", "you can keep up with me", "lesen sie auch", "lesen sie hier", "mehr zum thema", "auch interessant",
        "ähnliche beiträge", "das thema könnte", "weitere artikel", "weiterlesen", "anzeige", "werbung",
        "kommentare", "kommentar schreiben", "aufrufe:", "beitragsbild", "highlights aus", "lade weitere",
        "mehr laden", "load more", "zurück zur", "back to top", "nach oben", "dieses skript", "themen:", "lire aussi",
        "à lire aussi", "partager", "submit your letter", "auch auf ", "wir verwenden cookies", "we use cookies",
        "this site uses", "diese website verwendet", "all rights reserved", "©", "copyright", "email this",
        "related posts", "related articles", "related stories", "more stories", "more from", "comment by",
        "diese beiträge solltest", "sie könnten auch", "diskussion zu diesem artikel", "stay up-to-date",
        "stay up to date", "photo credits", "image credits", "read further", "missed the", "don't miss",
        "nicht verpassen", "das könnte sie auch", "könnte sie auch interessieren", "vous aimerez aussi",
    ]

    /// Anywhere in a short paragraph (ten words at most).
    static let phrases = [
        "min read", "minute read", "minuten lesezeit", "lesezeit:", "newsletter", "uses akismet", "cookies",
        "datenschutzerklärung", "privacy policy", "comments closed", "kommentare geschlossen", "kommentare insgesamt",
        "sign up to get", "alle rechte vorbehalten", "share to ", "blogthis",
    ]

    static let socialWords = [
        "facebook", "twitter", "whatsapp", "pinterest", "linkedin", "xing", "e-mail", "email", "print",
        "drucken", "teilen", "share", "tweet", "instagram", "flipboard", "reddit", "telegram",
    ]
}
