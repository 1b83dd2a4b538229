import CLibXML2
import FeedCore
import Foundation

/// Main-text extraction for a full article page, in the manner of Readability: paragraphs score
/// their parent containers (by length and commas, less the share of link text, more or less for
/// telling class names); the best container and its strong siblings are the story. Menus, related
/// links, comments and cookie banners score low or are skipped outright (`Boilerplate` judges blocks
/// and paragraphs). What a reader never sees is removed first; the headline is found apart; a page
/// whose HTML holds no story falls back on the story its JSON-LD declares.
public enum MainText {
    static let skipped: Set<String> = HTMLText.dropped.union(["header", "footer", "figure"])
    /// Never shown to a reader, so never counted: their text would pass for prose in every length and
    /// link-density measure (a 20 KB tracking script inside an author box made it "hold a story").
    /// <annotation> is MathML's TeX source, beside the formula it spells.
    static let unseen: Set<String> = ["script", "style", "noscript", "template", "svg", "annotation", "annotation-xml"]

    public static func extract(_ html: String) -> HTMLText.Document {
        var document = story(html)
        document.text = Boilerplate.clean(document.text)
        // Never nothing for a page that has text: a page whose only prose sits in what we drop (an
        // <aside>, a form) still gives its words, clutter and all.
        if document.text.isEmpty { document.text = HTMLText.withDocument(html) { _, root in allText(root) } ?? "" }
        return document
    }

    /// Every text node but scripts and styles.
    static func allText(_ root: xmlNodePtr) -> String {
        var writer = TextWriter()
        write(root, into: &writer) { _, name in ["script", "style", "noscript", "template", "head", "svg"].contains(name) }
        return writer.finish()
    }

    private static func story(_ html: String) -> HTMLText.Document {
        HTMLText.withDocument(html) { document, root in
            let title = HTMLText.title(of: document)
            let declared = prune(root)
            var text = ""
            if let (best, scores, threshold) = bestContainer(root) {
                var writer = TextWriter()
                let nodes = selected(best, scores: scores, threshold: threshold)
                // The story starts with its headline, which usually sits outside the body container.
                let head = headline(root, title: title).filter { part in !nodes.contains(where: { HTMLText.isAncestor($0, of: part) }) }
                for part in head {
                    writeFiltered(part, into: &writer)
                    writer.paragraph()
                }
                for node in nodes { writeFiltered(node, into: &writer) }
                text = writer.finish()
            }
            if text.isEmpty { text = HTMLText.convert(html).text }
            // A page that draws its story with scripts leaves little in its HTML but often declares the
            // story whole in its schema.org data: then that is the text.
            if text.count < 2000, let body = declaredBody(declared), body.count > 3 * max(text.count, 200) { text = body }
            return HTMLText.Document(title: title, text: text)
        } ?? HTMLText.Document(title: nil, text: "")
    }

    /// Removes what a reader never sees — scripts, styles, templates, and elements hidden by their
    /// `hidden` attribute or an inline display:none or visibility:hidden (unless they hold a story's
    /// worth of text: some pages reveal the story with a script) — and returns the JSON-LD sources.
    static func prune(_ root: xmlNodePtr) -> [String] {
        var doomed: [xmlNodePtr] = [], declared: [String] = []
        var stack: [xmlNodePtr] = [root]
        var visited = 0
        while let node = stack.popLast(), visited < 500_000 {
            visited += 1
            var child = node.pointee.children
            while let current = child {
                child = current.pointee.next
                guard current.pointee.type == XML_ELEMENT_NODE else { continue }
                let name = HTMLText.name(current)
                if unseen.contains(name) {
                    if name == "script", HTMLText.attribute(current, "type")?.asciiLowercased().containsBytes("ld+json") == true {
                        declared.append(HTMLText.textContent(current))
                    }
                    doomed.append(current)
                } else if HTMLText.isHidden(current), !holdsStory(current) {
                    doomed.append(current)
                } else {
                    stack.append(current)
                }
            }
        }
        for node in doomed {
            xmlUnlinkNode(node)
            xmlFreeNode(node)
        }
        return declared
    }

    /// The longest schema.org `articleBody` in the page's JSON-LD, as text.
    static func declaredBody(_ sources: [String]) -> String? {
        var best: String?
        for source in sources where source.utf8.count < 4 << 20 {
            guard let json = try? JSONSerialization.jsonObject(with: Data(source.utf8), options: [.fragmentsAllowed]) else { continue }
            var stack: [Any] = [json]
            var visited = 0
            while let value = stack.popLast(), visited < 100_000 {
                visited += 1
                if let object = value as? [String: Any] {
                    for (key, field) in object {
                        if key == "articleBody", let body = field as? String {
                            if body.count > best?.count ?? 0 { best = body }
                        } else {
                            stack.append(field)
                        }
                    }
                } else if let array = value as? [Any] {
                    stack.append(contentsOf: array)
                }
            }
        }
        guard let best else { return nil }
        let text = best.contains("<") ? HTMLText.convert(best).text : best.trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }

    /// The headline and the subtitle or standfirst that comes right after it. The headline is the <h1>
    /// that makes most of the page's <title> ("Story | Site"; a logo's <h1> makes only "Site", and is a
    /// link home) — better plain than a link — else the first <h1> that is not mostly a link (a logo, a
    /// blog's or a section's name). Looked for everywhere but in navigation, asides, footers and figures.
    static func headline(_ root: xmlNodePtr, title: String?) -> [xmlNodePtr] {
        let title = (title ?? "").split(whereSeparator: \.isWhitespace).joined(separator: " ").lowercased()
        // The title's first part: a headline with the site's name cut off, or cut short ("Letters: A | B"
        // for "Letters: A | B | C | D").
        var lead = title
        for separator in [" | ", " - ", " – ", " — ", " › ", " » ", " :: ", " · "] {
            lead = lead.components(separatedBy: separator)[0]
        }
        var plain: (node: xmlNodePtr, length: Int)?, linked: (node: xmlNodePtr, length: Int)?
        var first: xmlNodePtr?
        var stack: [(xmlNodePtr, inSiteHeader: Bool)] = [(root, false)]
        var seen = 0
        while let (node, inSiteHeader) = stack.popLast(), seen < 20 {
            var inHeader = inSiteHeader
            if node.pointee.type == XML_ELEMENT_NODE {
                let name = HTMLText.name(node)
                if name == "h1" {
                    seen += 1
                    let text = HTMLText.textContent(node).split(whereSeparator: \.isWhitespace).joined(separator: " ").lowercased()
                    guard !text.isEmpty, !isClutter(node) else { continue }
                    let isPlain = HTMLText.linkDensity(node) < 0.5
                    // Failing the title, a plain <h1> in the site's header is the site's name.
                    if isPlain, !inSiteHeader, first == nil { first = node }
                    guard (2 * text.count >= title.count && title.contains(text)) || (lead.count >= 12 && text.contains(lead)) else {
                        continue
                    }
                    if isPlain, text.count > plain?.length ?? 0 { plain = (node, text.count) }
                    if !isPlain, !isLogo(node), text.count > linked?.length ?? 0 { linked = (node, text.count) }
                    continue
                }
                if name == "header" { inHeader = inHeader || !isArticleHeader(node, of: node) }
                if name != "header", skipped.contains(name) { continue }
            }
            var child = node.pointee.last
            while let current = child { stack.append((current, inHeader)); child = current.pointee.prev }
        }
        guard let heading = plain?.node ?? linked?.node ?? first else { return [] }
        guard let next = HTMLText.nextElement(after: heading) else { return [heading] }
        let dek =
            ["h2", "h3", "p"].contains(HTMLText.name(next)) && !isClutter(next) && HTMLText.linkDensity(next) < 0.5
            && HTMLText.textContent(next).count <= 300
        return dek ? [heading, next] : [heading]
    }

    /// A heading that links to the site's home page ("<h1><a href="/">The Daily Example</a></h1>").
    static func isLogo(_ heading: xmlNodePtr) -> Bool {
        var stack: [xmlNodePtr] = [heading]
        while let node = stack.popLast() {
            if node.pointee.type == XML_ELEMENT_NODE, HTMLText.name(node) == "a" {
                var href = (HTMLText.attribute(node, "href") ?? "").trimmingASCIIWhitespace()
                if let scheme = href.range(of: "//") { href = String(href[scheme.upperBound...].drop(while: { $0 != "/" })) }
                return ["", "/", "/index.html", "/index.php"].contains(href) || href.hasPrefix("/?") || href.hasPrefix("#")
            }
            var child = node.pointee.last
            while let current = child { stack.append(current); child = current.pointee.prev }
        }
        return false
    }

    // MARK: Scoring

    private struct Scores {
        var score: [UnsafeMutableRawPointer: Double] = [:]
        var order: [xmlNodePtr] = []
    }

    /// The container of the story, and every candidate's score (by node) for judging its siblings.
    private static func bestContainer(_ root: xmlNodePtr) -> (xmlNodePtr, [UnsafeMutableRawPointer: Double], Double)? {
        var scores = Scores()
        var stack: [xmlNodePtr] = [root]
        var visited = 0
        while let node = stack.popLast(), visited < 500_000 {
            visited += 1
            guard node.pointee.type == XML_ELEMENT_NODE else { continue }
            let name = HTMLText.name(node)
            // An article's header is not scored: teaser cards are <article>s with <header>s too.
            if isSkipped(node, name) { continue }
            // A list item with no blocks inside reads like a paragraph: stories told as lists of steps or
            // findings score by their items, as sidebars of short links do not (their items are short and
            // mostly links).
            if name == "p" || name == "pre" || ((name == "div" || name == "li") && !HTMLText.hasBlockChild(node)) || name == "td" {
                let text = HTMLText.textContent(node)
                let length = text.unicodeScalars.count
                if length >= 25 {
                    let commas = text.filter { $0 == "," || $0 == "，" || $0 == "、" }.count
                    let points = 1 + Double(commas) + min(3, Double(length) / 100)
                    if let parent = node.pointee.parent, parent.pointee.type == XML_ELEMENT_NODE {
                        add(points, to: parent, &scores)
                        if let grand = parent.pointee.parent, grand.pointee.type == XML_ELEMENT_NODE {
                            add(points / 2, to: grand, &scores)
                        }
                    }
                }
            }
            var child = node.pointee.last
            while let current = child { stack.append(current); child = current.pointee.prev }
        }
        let ranked = scores.order.map { node -> (node: xmlNodePtr, score: Double) in
            let base = scores.score[UnsafeMutableRawPointer(node)] ?? 0
            return (node, (base + Double(classWeight(node))) * (1 - HTMLText.linkDensity(node)))
        }.sorted { $0.score > $1.score }
        guard let best = ranked.first else { return nil }
        var adjusted: [UnsafeMutableRawPointer: Double] = [:]
        for (node, score) in ranked { adjusted[UnsafeMutableRawPointer(node)] = score }
        // Readability's rule: a sibling scoring a fifth of the best (and at least 10) is part of the story.
        func threshold(_ node: xmlNodePtr) -> Double { max(10, (adjusted[UnsafeMutableRawPointer(node)] ?? 0) * 0.2) }
        // A story split over several blocks (an intro, then sections in wrappers of their own) makes
        // several strong candidates: their nearest common ancestor holding three of them is the story.
        // The best's own wrappers are not more blocks but the best counted again (a story and its column
        // scored 88 and 35, with one teaser at 26.5, made "three" and took the whole page).
        let strong = ranked.prefix(12).filter {
            $0.score >= best.score * ($0.node != best.node && HTMLText.isAncestor($0.node, of: best.node) ? 0.6 : 0.3)
        }.map(\.node)
        if strong.count >= 3 {
            var ancestor = best.node.pointee.parent
            while let candidate = ancestor, candidate.pointee.type == XML_ELEMENT_NODE {
                let name = HTMLText.name(candidate)
                if name == "body" || name == "html" { break }
                if strong.filter({ HTMLText.isAncestor(candidate, of: $0) }).count >= 3 {
                    return (candidate, adjusted, threshold(candidate))
                }
                ancestor = candidate.pointee.parent
            }
        }
        // Readability again: a container that is its parent's only child stands for its parent, so that a
        // lead or an intro beside the wrapper ("<p class=intro>" next to "<div><div class=body>") is judged
        // as its sibling.
        var top = best.node
        while let parent = top.pointee.parent, parent.pointee.type == XML_ELEMENT_NODE, HTMLText.onlyElementChild(of: parent) == top {
            let name = HTMLText.name(parent)
            if name == "body" || name == "html" { break }
            top = parent
        }
        return (top, adjusted, threshold(best.node))
    }

    private static func add(_ points: Double, to node: xmlNodePtr, _ scores: inout Scores) {
        let key = UnsafeMutableRawPointer(node)
        if scores.score[key] == nil { scores.order.append(node) }
        scores.score[key, default: 0] += points
    }

    /// The best container, with siblings that also read like the story (the same class, or a long
    /// paragraph with few links).
    private static func selected(
        _ best: xmlNodePtr, scores: [UnsafeMutableRawPointer: Double], threshold siblingThreshold: Double
    )
        -> [xmlNodePtr]
    {
        guard let parent = best.pointee.parent else { return [best] }
        let bestClass = HTMLText.attribute(best, "class")
        var nodes: [xmlNodePtr] = []
        var child = parent.pointee.children
        while let node = child {
            defer { child = node.pointee.next }
            guard node.pointee.type == XML_ELEMENT_NODE else { continue }
            if node == best { nodes.append(node); continue }
            if isSkipped(node, HTMLText.name(node), story: node) { continue }
            let text = HTMLText.textContent(node)
            let density = HTMLText.linkDensity(node)
            let sameClass = bestClass != nil && HTMLText.attribute(node, "class") == bestClass
            // A lead or a paragraph beside the body container: any block with prose (sentences, few links).
            let prose = text.count > 140 && density < 0.2 && text.contains(". ")
            // An article's own header before its body (headline, standfirst), not skipped as the site's.
            let header = HTMLText.name(node) == "header" && nodes.isEmpty
            if (sameClass && text.count > 40 && density < 0.25) || (HTMLText.name(node) == "p" && text.count > 80 && density < 0.25)
                || prose || header
                || (scores[UnsafeMutableRawPointer(node)] ?? 0) >= siblingThreshold
            {
                nodes.append(node)
            }
        }
        return nodes
    }

    /// Writes a subtree as text, leaving out what `skipped` and negative class names mark as clutter.
    private static func writeFiltered(_ root: xmlNodePtr, into writer: inout TextWriter) {
        write(root, into: &writer) { node, name in
            if node == root { return false }
            if isSkipped(node, name, story: root) { return true }
            // A block that is mostly links (a list of related stories) is clutter — not one that also holds
            // a story's worth of text of its own: its children are judged one by one.
            if name == "p" { return isLinkList(node) }
            return HTMLText.blocks.contains(name) && isLinkBlock(node)
        }
    }

    /// Writes a subtree as text, one paragraph per block, leaving out the elements `skip` names.
    private static func write(_ root: xmlNodePtr, into writer: inout TextWriter, skip: (xmlNodePtr, String) -> Bool) {
        enum Step { case enter(xmlNodePtr), leave(String) }
        var stack: [Step] = [.enter(root)]
        while let step = stack.popLast() {
            switch step {
            case .leave(let name):
                if HTMLText.blocks.contains(name) { writer.paragraph() }
            case .enter(let node):
                switch node.pointee.type {
                case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                    if let content = node.pointee.content { writer.text(String(cString: content), preformatted: false) }
                case XML_ELEMENT_NODE:
                    let name = HTMLText.name(node)
                    if skip(node, name) { continue }
                    if name == "br" { writer.lineBreak(); continue }
                    if HTMLText.blocks.contains(name) { writer.paragraph() }
                    stack.append(.leave(name))
                    var child = node.pointee.last
                    while let current = child { stack.append(.enter(current)); child = current.pointee.prev }
                default:
                    continue
                }
            }
        }
    }
}
