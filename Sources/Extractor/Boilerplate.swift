import CLibXML2
import FeedCore
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
        if isDateline(trimmed) || isByline(words) { return true }
        // "(Credit: …)", "[Photo: …]": a caption's credit in brackets is still a credit.
        let opened = lower.drop(while: { $0 == "(" || $0 == "[" })
        if prefixes.contains(where: { opened.hasPrefix($0) }) { return true }
        if words.count <= 10, phrases.contains(where: { lower.contains($0) }) { return true }
        if words.count <= 4, socialWords.contains(where: { lower == $0 || lower.hasPrefix($0 + " ") || lower.hasSuffix(" " + $0) }) {
            return true
        }
        return false
    }

    /// A date or time, alone or beside a byline, a category or a comment count, each part short:
    /// "19.03.2019 11:45 | von Jane Roe", "Do 24. Mai 2018, 08:30 | Anzeige", "12.06.2016 um 16:14 Uhr -
    /// 91 Kommentare". A dateline that opens a sentence ("BERLIN, 12.03.2021 – The government…") has a long
    /// part and is kept.
    static func isDateline(_ text: String) -> Bool {
        var text = text
        for dash in [" - ", " – ", " — "] { text = text.replacingOccurrences(of: dash, with: "|") }
        let parts = text.split(whereSeparator: { $0 == "|" || $0 == "·" || $0 == "•" })
            .map { $0.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }) }
            .filter { !$0.isEmpty }
        guard parts.contains(where: isDateOrTime) else { return false }
        return parts.allSatisfy { $0.count <= 3 || isDateOrTime($0) } && parts.reduce(0) { $0 + $1.count } <= 16
    }

    /// "By Jane Roe", "von Jane Roe", "Par Jean Dupont" — or the word alone on its line, the name following
    /// in a paragraph of its own.
    static func isByline(_ words: [Substring]) -> Bool {
        guard let first = words.first, words.count <= 4, ["by", "von", "par", "door", "di"].contains(first.lowercased()) else {
            return false
        }
        return words.dropFirst().allSatisfy { $0.first?.isUppercase == true }
    }

    /// "23.10.2018", "19:49", "3:59 PM", "12. März 2019", "Mon, 4 May 2020 10:00", "Mon 20 Jan 2020 06.05 GMT
    /// Last modified on Mon 20 Jan 2020 06.07 GMT".
    static func isDateOrTime(_ words: [Substring]) -> Bool {
        guard !words.isEmpty, words.count <= 16 else { return false }
        var sawDigit = false
        for word in words {
            let w = word.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ".,:;|()-–—/"))
            if w.isEmpty { continue }
            if w.allSatisfy({ $0.isNumber || ".:/-".contains($0) }) { sawDigit = true; continue }
            if months.contains(w)
                || [
                    "am", "pm", "uhr", "h", "um", "le", "on", "at", "updated", "aktualisiert",
                    "veröffentlicht", "published", "stand:", "stand", "last", "modified", "gmt", "utc", "mez", "cet",
                    "cest", "est", "edt", "pst", "pdt", "mis", "à", "jour",
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
        "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "mo", "di", "mi", "do", "fr",
        "sa", "so", "okt", "dez", "mär", "janv", "févr", "avr", "juil", "déc", "lundi", "mardi", "mercredi", "jeudi",
        "vendredi", "samedi", "dimanche",
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

// MARK: Class and id names

extension Boilerplate {
    /// Class and id names of clutter, matched anywhere in a name.
    static let clutterNames = [
        "comment", "footer", "sidebar", "related", "share", "social", "cookie", "consent",
        "banner", "promo", "advert", "sponsor", "newsletter", "subscribe", "breadcrumb",
        "menu", "nav", "popup", "modal", "outbrain", "taboola", "recommend", "widget", "masthead",
        "byline-social", "tags", "pagination", "signup", "login", "paywall-prompt", "author",
        "byline", "biography", "teaser", "more-articles", "read-more", "readmore",
        // Links to the neighbouring stories and lists of the site's popular ones.
        "next-post", "nextpost", "prev-post", "previous-post", "post-nav", "next-story", "nextstory",
        "most-popular", "mostpopular", "most-read", "mostread", "trending", "top-ten", "topten",
        // Where and when it was published, and by whom.
        "publish-info", "post-info", "entry-info", "article-info", "meta-info", "metainfo", "timestamp",
    ]
    /// Too short to look for inside words ("ad" is in "head", "cta" in "dictaphone"): whole parts of a
    /// name split at "-" and "_" ("it-ad-wrapper", "cta-global").
    static let clutterParts: Set<String> = ["ad", "ads", "cta", "meta"]
    static let storyNames = ["article", "content", "story", "body", "main", "post", "entry", "text", "prose"]

    /// +25 for story-like class or id names, -25 for clutter-like ones, 0 for neither or both. Judged name
    /// by name: a clutter word outweighs a story word in the same name ("related-articles",
    /// "comment-content"), while a story name beside a clutter name ("post comments-open") cancels it.
    static func classWeight(_ names: String) -> Int {
        var names = names.asciiLowercased()
        // Page builders call every block a widget ("elementor-widget-container"): that says nothing.
        if names.containsBytes("elementor") { names = names.replacingOccurrences(of: "widget", with: "") }
        var clutter = false, story = false
        for name in names.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init) {
            // A BEM modifier after "--" says what a block holds or how it is laid out, not what it is: a
            // "section--has-ads" is a section of the story, an "l-outer--nav" the page's frame.
            let block = name.components(separatedBy: "--").first ?? name
            if clutterNames.contains(where: { block.containsBytes($0) })
                || block.split(whereSeparator: { $0 == "-" || $0 == "_" }).contains(where: { clutterParts.contains(String($0)) })
            {
                clutter = true
            } else if storyNames.contains(where: { name.containsBytes($0) }) {
                story = true
            }
        }
        return (story ? 25 : 0) - (clutter ? 25 : 0)
    }
}

// MARK: Blocks that are clutter

extension MainText {
    /// Left out of scoring and of the text: what HTML-to-text drops (scripts, forms, navigation), page
    /// headers, footers and figures, and clutter-named blocks — but a header or a clutter-named block
    /// that holds a story's worth of text is where a sloppy page (or libxml2's HTML 4 parser, which
    /// does not close an HTML5 <header>) put the story.
    static func isSkipped(_ node: xmlNodePtr, _ name: String, story: xmlNodePtr? = nil) -> Bool {
        if name == "header" { return !(story.map { isArticleHeader(node, of: $0) } ?? false) && !holdsStory(node) }
        if name == "aside" { return !holdsStory(node) }
        if HTMLText.dropped.contains(name) { return true }
        if skipped.contains(name) { return true }
        return isClutter(node)
    }

    /// A <header> inside an <article> is that article's header (its headline, standfirst and byline), not
    /// the site's — when it is not mostly links. Its parts are still judged one by one.
    /// Only the story's own article counts — the one holding all of `story` — not the teaser cards
    /// (<article>s with <header>s) inside it or beside it.
    static func isArticleHeader(_ node: xmlNodePtr, of story: xmlNodePtr) -> Bool {
        var ancestor = node.pointee.parent
        var depth = 0
        while let current = ancestor, current.pointee.type == XML_ELEMENT_NODE, depth < 16 {
            if HTMLText.name(current) == "article" { return HTMLText.isAncestor(current, of: story) && HTMLText.linkDensity(node) < 0.5 }
            ancestor = current.pointee.parent
            depth += 1
        }
        return false
    }

    /// At least 1,000 bytes of text, at most 30 % of it in links — judged on the first 4,000 bytes and
    /// 20,000 nodes, so that a hostile page of thousands of nested "share" wrappers costs no more than
    /// a bounded walk per wrapper.
    static func holdsStory(_ node: xmlNodePtr) -> Bool {
        var total = 0, linked = 0, visited = 0
        var stack: [(xmlNodePtr, Bool)] = [(node, false)]
        while let (current, inLink) = stack.popLast(), total < 4000, visited < 20_000 {
            visited += 1
            if current.pointee.type == XML_TEXT_NODE || current.pointee.type == XML_CDATA_SECTION_NODE {
                let length = HTMLText.visibleLength(current, bytes: true)
                total += length
                if inLink { linked += length }
                continue
            }
            guard current.pointee.type == XML_ELEMENT_NODE else { continue }
            let link = inLink || HTMLText.name(current) == "a"
            var child = current.pointee.last
            while let next = child { stack.append((next, link)); child = next.pointee.prev }
        }
        return total >= 1000 && Double(linked) <= 0.3 * Double(total)
    }

    /// A subtree whose class names say clutter — unless it holds a story's worth of text with few links:
    /// pages wrap whole articles in a "share-zone" or a "sidebar-layout".
    static func isClutter(_ node: xmlNodePtr) -> Bool {
        // The page's frame is never clutter, whatever its classes say ("cookies-not-set" on <body>).
        let name = HTMLText.name(node)
        guard !["body", "html", "main", "article"].contains(name), classWeight(node) < 0 else { return false }
        return !inParagraph(node, name) && !holdsStory(node)
    }

    /// Words inside a paragraph are the paragraph's: a <span> in a <p> has a class for its looks
    /// ("eventDetailsContentTags"), never for being clutter.
    static func inParagraph(_ node: xmlNodePtr, _ name: String) -> Bool {
        guard !HTMLText.blocks.contains(name) else { return false }
        var ancestor = node.pointee.parent
        while let current = ancestor, current.pointee.type == XML_ELEMENT_NODE {
            let name = HTMLText.name(current)
            if name == "p" { return true }
            if HTMLText.blocks.contains(name) { return false }
            ancestor = current.pointee.parent
        }
        return false
    }

    /// +25 for story-like class or id names, -25 for clutter-like ones (see `Boilerplate.classWeight`), -25
    /// for a navigation, complementary, banner or contentinfo role.
    static func classWeight(_ node: xmlNodePtr) -> Int {
        var names = HTMLText.attribute(node, "class") ?? ""
        // A heading's id is an anchor spelled from its words ("nav_results", "share-of-votes"), not a role.
        let name = HTMLText.name(node)
        let heading = name.utf8.count == 2 && name.hasPrefix("h") && name.last.map { "123456".contains($0) } == true
        if !heading, let id = HTMLText.attribute(node, "id") { names += " " + id }
        var weight = Boilerplate.classWeight(names)
        if let role = HTMLText.attribute(node, "role")?.asciiLowercased(),
            ["navigation", "complementary", "banner", "contentinfo"].contains(role)
        {
            weight -= 25
        }
        return weight
    }

    /// More than half its text in links, and under 400 characters outside them. The walk stops at 400
    /// characters outside links, so that writing a story nested in hundreds of blocks judges each by its
    /// first paragraphs, not by its whole subtree again.
    static func isLinkBlock(_ node: xmlNodePtr) -> Bool {
        var total = 0, linked = 0
        var stack: [(xmlNodePtr, Bool)] = [(node, false)]
        while let (current, inLink) = stack.popLast() {
            if current.pointee.type == XML_TEXT_NODE || current.pointee.type == XML_CDATA_SECTION_NODE {
                let length = HTMLText.visibleLength(current, bytes: false)
                total += length
                if inLink { linked += length }
                if total - linked >= 400 { return false }
                continue
            }
            guard current.pointee.type == XML_ELEMENT_NODE else { continue }
            let link = inLink || HTMLText.name(current) == "a"
            var child = current.pointee.last
            while let next = child { stack.append((next, link)); child = next.pointee.prev }
        }
        guard linked > 0, Double(linked) > 0.5 * Double(total) else { return false }
        // But a block with a paragraph of its own (a section's intro above its list of links) is judged
        // part by part: the paragraph stays, the links go. The block is small (under 400 characters
        // outside links), so this second look is cheap.
        var stack2: [xmlNodePtr] = [node]
        while let current = stack2.popLast() {
            if current.pointee.type == XML_ELEMENT_NODE, HTMLText.name(current) == "p" {
                if HTMLText.textContent(current).count >= 80, HTMLText.linkDensity(current) == 0 { return false }
                continue
            }
            var child = current.pointee.children
            while let next = child { stack2.append(next); child = next.pointee.next }
        }
        return true
    }

    /// A paragraph that is nothing but links, two or more ("<p><a>One story</a><br><a>Another</a></p>"): a
    /// list of other stories set as a paragraph. One link alone may be the story's own sentence.
    static func isLinkList(_ node: xmlNodePtr) -> Bool {
        var links = 0
        var stack: [xmlNodePtr] = [node]
        while let current = stack.popLast(), links < 2 {
            if current.pointee.type == XML_ELEMENT_NODE, HTMLText.name(current) == "a" {
                links += 1
                continue
            }
            var child = current.pointee.children
            while let next = child { stack.append(next); child = next.pointee.next }
        }
        return links >= 2 && HTMLText.linkDensity(node) >= 0.9
    }
}
