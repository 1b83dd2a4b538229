import CLibXML2
import FeedCore
import Foundation

/// Main-text extraction for a full article page, in the manner of Readability: paragraphs score
/// their parent containers (by length and commas, less the share of link text, more or less for
/// telling class names); the best container and its strong siblings are the story. Menus, related
/// links, comments and cookie banners score low or are skipped outright.
public enum MainText {
    static let negative = [
        "comment", "footer", "sidebar", "related", "share", "social", "cookie", "consent",
        "banner", "promo", "advert", "sponsor", "newsletter", "subscribe", "breadcrumb",
        "menu", "nav", "popup", "modal", "outbrain", "taboola", "recommend", "widget", "masthead",
        "byline-social", "tags", "pagination", "signup", "login", "paywall-prompt", "author",
        "byline", "biography", "teaser", "more-articles", "read-more", "readmore",
    ]
    static let positive = ["article", "content", "story", "body", "main", "post", "entry", "text", "prose"]
    static let skipped: Set<String> = HTMLText.dropped.union(["header", "footer", "figure"])

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
            guard let (best, scores) = bestContainer(root) else { return HTMLText.convert(html) }
            var writer = TextWriter()
            let nodes = selected(best, scores: scores)
            // The story starts with its headline, which usually sits outside the body container.
            if let headline = firstElement(named: "h1", in: root), !nodes.contains(where: { isAncestor($0, of: headline) }) {
                writeFiltered(headline, into: &writer)
                writer.paragraph()
            }
            for node in nodes { writeFiltered(node, into: &writer) }
            let text = writer.finish()
            return HTMLText.Document(title: title, text: text.isEmpty ? HTMLText.convert(html).text : text)
        } ?? HTMLText.Document(title: nil, text: "")
    }

    // MARK: Scoring

    private struct Scores {
        var score: [UnsafeMutableRawPointer: Double] = [:]
        var order: [xmlNodePtr] = []
    }

    /// The container of the story, and every candidate's score (by node) for judging its siblings.
    private static func bestContainer(_ root: xmlNodePtr) -> (xmlNodePtr, [UnsafeMutableRawPointer: Double])? {
        var scores = Scores()
        var stack: [xmlNodePtr] = [root]
        var visited = 0
        while let node = stack.popLast(), visited < 500_000 {
            visited += 1
            guard node.pointee.type == XML_ELEMENT_NODE else { continue }
            let name = HTMLText.name(node)
            if isSkipped(node, name) { continue }
            if name == "p" || name == "pre" || (name == "div" && !hasBlockChild(node)) || name == "td" {
                let text = textContent(node)
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
            return (node, (base + Double(classWeight(node))) * (1 - linkDensity(node)))
        }.sorted { $0.score > $1.score }
        guard let best = ranked.first else { return nil }
        var adjusted: [UnsafeMutableRawPointer: Double] = [:]
        for (node, score) in ranked { adjusted[UnsafeMutableRawPointer(node)] = score }
        // A story split over several blocks (an intro, then sections in wrappers of their own) makes
        // several strong candidates: their nearest common ancestor holding three of them is the story.
        let strong = ranked.prefix(12).filter { $0.score >= best.score * 0.3 }.map(\.node)
        guard strong.count >= 3 else { return (best.node, adjusted) }
        var ancestor = best.node.pointee.parent
        while let candidate = ancestor, candidate.pointee.type == XML_ELEMENT_NODE {
            let name = HTMLText.name(candidate)
            if name == "body" || name == "html" { break }
            if strong.filter({ isAncestor(candidate, of: $0) }).count >= 3 { return (candidate, adjusted) }
            ancestor = candidate.pointee.parent
        }
        return (best.node, adjusted)
    }

    private static func add(_ points: Double, to node: xmlNodePtr, _ scores: inout Scores) {
        let key = UnsafeMutableRawPointer(node)
        if scores.score[key] == nil { scores.order.append(node) }
        scores.score[key, default: 0] += points
    }

    /// The best container, with siblings that also read like the story (the same class, or a long
    /// paragraph with few links).
    private static func selected(_ best: xmlNodePtr, scores: [UnsafeMutableRawPointer: Double]) -> [xmlNodePtr] {
        guard let parent = best.pointee.parent else { return [best] }
        // Readability's rule: a sibling scoring a fifth of the best (and at least 10) is part of the story.
        let siblingThreshold = max(10, (scores[UnsafeMutableRawPointer(best)] ?? 0) * 0.2)
        let bestClass = attribute(best, "class")
        var nodes: [xmlNodePtr] = []
        var child = parent.pointee.children
        while let node = child {
            defer { child = node.pointee.next }
            guard node.pointee.type == XML_ELEMENT_NODE else { continue }
            if node == best { nodes.append(node); continue }
            if isSkipped(node, HTMLText.name(node)) { continue }
            let text = textContent(node)
            let density = linkDensity(node)
            let sameClass = bestClass != nil && attribute(node, "class") == bestClass
            // A lead or a paragraph beside the body container: any block with prose (sentences, few links).
            let prose = text.count > 140 && density < 0.2 && text.contains(". ")
            if (sameClass && text.count > 40) || (HTMLText.name(node) == "p" && text.count > 80 && density < 0.25) || prose
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
            if isSkipped(node, name) { return true }
            // A block that is mostly links (a list of related stories) is clutter — not one that also holds
            // a story's worth of text of its own: its children are judged one by one.
            return HTMLText.blocks.contains(name) && name != "p" && linkDensity(node) > 0.5 && textContent(node).count > 0
                && plainTextLength(node) < 400
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

    // MARK: Node helpers

    static func attribute(_ node: xmlNodePtr, _ name: String) -> String? {
        guard let value = xmlGetProp(node, name) else { return nil }
        defer { fw_xml_free(value) }
        return String(cString: value)
    }

    /// Left out of scoring and of the text: what HTML-to-text drops (scripts, forms, navigation), page
    /// headers, footers and figures, and clutter-named blocks — but a header or a clutter-named block
    /// that holds a story's worth of text is where a sloppy page (or libxml2's HTML 4 parser, which
    /// does not close an HTML5 <header>) put the story.
    static func isSkipped(_ node: xmlNodePtr, _ name: String) -> Bool {
        if name == "header" || name == "aside" { return !holdsStory(node) }
        if HTMLText.dropped.contains(name) { return true }
        if skipped.contains(name) { return true }
        return isClutter(node)
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
                // Bytes that are not white space: indentation between tags is not text.
                var length = 0
                if var p = current.pointee.content {
                    while p.pointee != 0 {
                        let b = p.pointee
                        if b != 0x20 && b != 0x0A && b != 0x09 && b != 0x0D { length += 1 }
                        p += 1
                    }
                }
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
        guard !["body", "html", "main", "article"].contains(HTMLText.name(node)), classWeight(node) < 0 else { return false }
        return !holdsStory(node)
    }

    /// +25 for story-like class or id names, -25 for clutter-like ones.
    static func classWeight(_ node: xmlNodePtr) -> Int {
        var names = ((attribute(node, "class") ?? "") + " " + (attribute(node, "id") ?? "")).asciiLowercased()
        // Page builders call every block a widget ("elementor-widget-container"): that says nothing.
        if names.containsBytes("elementor") { names = names.replacingOccurrences(of: "widget", with: "") }
        guard names.count > 1 else { return 0 }
        var weight = 0
        if negative.contains(where: { names.containsBytes($0) }) { weight -= 25 }
        if positive.contains(where: { names.containsBytes($0) }) { weight += 25 }
        if let role = attribute(node, "role")?.asciiLowercased(), ["navigation", "complementary", "banner", "contentinfo"].contains(role) {
            weight -= 25
        }
        return weight
    }

    static func textContent(_ node: xmlNodePtr) -> String {
        guard let content = xmlNodeGetContent(node) else { return "" }
        defer { fw_xml_free(content) }
        return String(cString: content).trimmingASCIIWhitespace()
    }

    /// How many characters of a node's text sit outside links.
    static func plainTextLength(_ node: xmlNodePtr) -> Int {
        Int((Double(textContent(node).count) * (1 - linkDensity(node))).rounded())
    }

    /// The share of a node's text that sits inside links.
    static func linkDensity(_ node: xmlNodePtr) -> Double {
        let total = max(1, textContent(node).count)
        var linked = 0
        var stack: [xmlNodePtr] = [node]
        while let current = stack.popLast() {
            if current.pointee.type == XML_ELEMENT_NODE, HTMLText.name(current) == "a" {
                linked += textContent(current).count
                continue
            }
            var child = current.pointee.children
            while let next = child { stack.append(next); child = next.pointee.next }
        }
        return Double(linked) / Double(total)
    }

    static func firstElement(named name: String, in root: xmlNodePtr) -> xmlNodePtr? {
        var stack: [xmlNodePtr] = [root]
        while let node = stack.popLast() {
            if node.pointee.type == XML_ELEMENT_NODE {
                if HTMLText.name(node) == name { return node }
                if skipped.contains(HTMLText.name(node)) { continue }
            }
            var child = node.pointee.last
            while let current = child { stack.append(current); child = current.pointee.prev }
        }
        return nil
    }

    static func isAncestor(_ ancestor: xmlNodePtr, of node: xmlNodePtr) -> Bool {
        var current: xmlNodePtr? = node
        while let here = current {
            if here == ancestor { return true }
            current = here.pointee.parent
        }
        return false
    }

    private static func hasBlockChild(_ node: xmlNodePtr) -> Bool {
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE, HTMLText.blocks.contains(HTMLText.name(current)) { return true }
            child = current.pointee.next
        }
        return false
    }
}
