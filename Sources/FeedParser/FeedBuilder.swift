/// Turns the reader's element events into a `ParsedFeed`.
///
/// Meaning comes from position: an element is interpreted only as a direct child of a container the
/// builder knows (channel, item, entry, author, image …). Anything else — extension elements, Atom
/// `source`, RSS `textInput` — is skipped with its whole subtree, so a `<title>` nested in an unknown
/// extension can never overwrite an entry's title.
import FeedCore

struct FeedBuilder {
    enum Container: Equatable {
        case root, channel, entry, person(inEntry: Bool), image, skipHours, skipDays, mediaGroup
        /// `itunes:owner`: a person read into the feed's publisher.
        case publisher
        /// `itunes:category`, whose sub-categories nest inside it.
        case itunesCategory(inEntry: Bool)

        /// The channel, or the document root of RSS 1.0 where items sit beside the channel.
        var holdsEntries: Bool { self == .channel || self == .root }

        /// True inside an entry, where fields go to the entry rather than the feed.
        var isEntryLevel: Bool {
            switch self {
            case .entry, .mediaGroup: return true
            case .person(let inEntry), .itunesCategory(let inEntry): return inEntry
            default: return false
            }
        }
    }

    /// What `xml:base` and `xml:lang` say in some part of the document. Frames and captures refer
    /// to one by index, so that opening an element copies no strings (it runs for every element).
    struct Scope {
        var base: String?
        /// "" where `xml:lang=""` said the language is unknown (so that it is not inherited).
        var language: String?

        /// The language to report: none where it is unknown.
        var knownLanguage: String? { language.flatMap { $0.isEmpty ? nil : $0 } }
    }

    struct Frame {
        var container: Container
        var depth: Int
        var scope: Int
    }

    /// What a captured element's value is for, remembered until its end tag.
    struct CaptureTarget {
        var kind: ElementKind
        var namespace: Namespace
        var parent: Container
        var attributes: [XMLAttribute]
        var scope: Int
        var textType: TextType
        var base64: Bool
    }

    let options: ParseOptions
    var result = ParsedFeed()
    /// Problems the builder itself noticed (limits reached, truncated fields).
    var notes: [ParseIssue] = []
    private(set) var finished = false

    private var frames: [Frame] = []
    /// Shared with the reader, which appends text to it directly (the hottest path of all).
    let capture = TextCapture()
    private var captureTarget: CaptureTarget?
    private var ignoreDepth: Int?
    /// Namespace of un-prefixed elements: RSS until an Atom root says otherwise.
    private var defaultNamespace: Namespace = .rss
    var entry: FeedEntry?
    var person: FeedPerson?
    var image: FeedImage?
    var feedLinkIsHTML = false
    var entryLinkIsHTML = false
    private var entriesDropped = 0
    private var entryCount = 0
    /// Where finished entries go when the caller takes them one by one instead of in `result`.
    var entrySink: ((FeedEntry) -> Void)?
    private var heldEntry: FeedEntry?
    /// The entry closed early because an item started inside it; reopened if that item is empty
    /// (`<item><title>…</title><item/>…</item>`), so the rest of its fields are not lost.
    private var reopenableEntry: Frame?

    /// Scope 0 is the document's own URL.
    var scopes: [Scope]

    init(options: ParseOptions) {
        self.options = options
        scopes = [Scope(base: options.baseURL, language: nil)]
    }

    var isCapturing: Bool { capture.isActive }

    // MARK: Events

    mutating func startElement(_ name: ElementName, depth: Int, isEmpty: Bool, source: FeedDocumentReader) {
        if capture.isActive {
            if depth > capture.depth {
                let attributes = capture.mode == .text ? [] : source.attributes()
                capture.startElement(name: name.localName, attributes: attributes, depth: depth, isEmpty: isEmpty)
                return
            }
            finishCapture(line: source.currentLine)  // its end tag never came
        }
        let namespace = name.namespace ?? defaultNamespace
        let kind = name.kind(defaultNamespace: defaultNamespace)
        if let ignored = ignoreDepth, depth > ignored {
            guard rescuesMisnestedEntry(kind) else { return }
        }
        ignoreDepth = nil
        closeFrames(deeperThan: depth - 1)
        let isEntry = kind == .item || kind == .atomEntry
        let rescued =
            isEntry
            && (frames.contains { $0.container == .entry }
                || (frames.last.map { $0.depth != depth - 1 || !$0.container.holdsEntries } ?? false))
            && rescuesMisnestedEntry(kind)

        guard let parent = frames.last else {
            if depth == 0 { startRoot(name, kind: kind, isEmpty: isEmpty, source: source) } else { ignore(depth, isEmpty) }
            return
        }
        let isDirectChild = parent.depth == depth - 1
        guard isDirectChild || rescued,
            let action = action(for: kind, namespace: namespace, in: parent.container, source: source)
        else {
            ignore(depth, isEmpty)
            return
        }
        let attributes = action.needsAttributes ? source.attributes() : []
        let scope = attributes.isEmpty ? parent.scope : self.scope(within: parent.scope, attributes: attributes)

        switch action {
        case .open(let container), .openWithAttributes(let container):
            if container == .channel, result.version == .rss10, name.namespaceURI == rss090NamespaceURI {
                result.version = .rss090
            }
            if case .openWithAttributes = action {
                handleAttributes(kind: kind, namespace: namespace, in: parent.container, attributes: attributes, base: scopes[scope].base)
            }
            open(container, depth: depth, scope: scope)
            if container == .entry, let about = attributes.first(where: { $0.namespace == .rdf && $0.localName == "about" }) {
                entry?.id = about.value.trimmingASCIIWhitespace()  // RSS 1.0: the item's URI
            }
            if result.version == .cdf, container == .entry { readCDFAttributes(attributes, base: scopes[scope].base, inEntry: true) }
            if isEmpty { closeFrames(deeperThan: depth - 1) }
        case .capture(let mode, let textType, let base64, _):
            captureTarget = CaptureTarget(
                kind: kind, namespace: namespace, parent: parent.container,
                attributes: attributes, scope: scope, textType: textType, base64: base64)
            capture.begin(mode: mode, depth: depth, maxBytes: options.limits.maxFieldBytes)
            if isEmpty { finishCapture(line: source.currentLine) }
        case .attributesOnly:
            handleAttributes(kind: kind, namespace: namespace, in: parent.container, attributes: attributes, base: scopes[scope].base)
            ignore(depth, isEmpty)
        }
    }

    /// An item or entry found below where it belongs — inside an element the feed never closed, such as
    /// an unterminated `<itunes:category>` or a previous `<item>` — is still read as an entry: libxml2's
    /// recovery nests the rest of the document inside the unclosed element, and without this every
    /// following entry would be lost. An entry still open around it is finished first.
    private mutating func rescuesMisnestedEntry(_ kind: ElementKind) -> Bool {
        guard kind == .item || kind == .atomEntry else { return false }
        if let open = frames.lastIndex(where: { $0.container == .entry }) {
            let outer = frames[open]
            closeFrames(deeperThan: outer.depth - 1)
            reopenableEntry = outer
        }
        // An unclosed container of the channel's own (`<itunes:category>`) ends where the item begins.
        if let holder = frames.lastIndex(where: { $0.container.holdsEntries }) {
            closeFrames(deeperThan: frames[holder].depth)
        }
        guard let parent = frames.last, parent.container.holdsEntries else { return false }
        return true
    }

    mutating func endElement(_ name: ElementName, depth: Int, line: Int) {
        if capture.isActive {
            let captureDepth = capture.depth
            if depth > captureDepth {
                capture.endElement(name: name.localName, depth: depth)
                return
            }
            finishCapture(line: line)
            if depth == captureDepth { return }
        }
        if let ignored = ignoreDepth {
            if depth > ignored { return }
            ignoreDepth = nil
            if depth == ignored { return }
        }
        closeFrames(deeperThan: depth - 1)
    }

    /// Closes whatever the document left open: an unterminated last entry is still an entry.
    mutating func finishDocument(line: Int) {
        if capture.isActive { finishCapture(line: line) }
        closeFrames(deeperThan: -1)
        if let sink = entrySink, let held = heldEntry.take() { sink(held) }
        if result.feed.link == nil {
            result.feed.link = result.feed.links.first { $0.rel == "alternate" }?.href
        }
        if entriesDropped > 0 {
            notes.append(
                ParseIssue(line: 0, message: "entry limit of \(options.limits.maxEntries) reached; \(entriesDropped)+ entries dropped"))
        }
    }

    // MARK: Containers

    private mutating func startRoot(_ name: ElementName, kind: ElementKind, isEmpty: Bool, source: FeedDocumentReader) {
        let attributes = source.attributes()
        let scope = self.scope(within: 0, attributes: attributes)
        let base = scopes[scope].base
        switch kind {
        case .rssRoot:
            let version = attributes.first { $0.localName == "version" }?.value.trimmingASCIIWhitespace() ?? ""
            result.version = Self.rssVersion(version)
            open(.root, depth: 0, scope: scope)
        case .rdfRoot:
            result.version = .rss10  // RSS 0.90 is told apart by its channel's namespace
            open(.root, depth: 0, scope: scope)
        case .atomFeed:
            let version = attributes.first { $0.localName == "version" }?.value
            result.version = name.namespaceURI == atom03NamespaceURI || version == "0.3" ? .atom03 : .atom10
            if name.namespace == nil { defaultNamespace = .atom }
            open(.channel, depth: 0, scope: scope)
            result.feed.language = scopes[scope].knownLanguage
        case .channel:
            // A channel without its <rss> wrapper, or CDF's <CHANNEL HREF=…>.
            result.version = name.namespace == .cdf ? .cdf : .rss20
            open(.channel, depth: 0, scope: scope)
            if result.version == .cdf { readCDFAttributes(attributes, base: base, inEntry: false) }
        default:
            result.version = .unknown
            finished = true  // not a feed: stop reading
        }
        if isEmpty { closeFrames(deeperThan: -1) }
    }

    static func rssVersion(_ attribute: String) -> FeedVersion {
        switch attribute {
        case "0.90", "0.9": return .rss090
        case "0.91": return .rss091
        case "0.92", "0.93", "0.94": return .rss092
        default: return .rss20
        }
    }

    /// An element's `xml:lang`: "" when the element says the language is unknown (which stops
    /// inheritance), `en_US` written as `en-US`.
    static func language(in attributes: [XMLAttribute]) -> String? {
        guard let value = attributes.first(where: { $0.namespace == .xml && $0.localName == "lang" })?.value else { return nil }
        return value.trimmingASCIIWhitespace().replacingBytes("_", with: "-")
    }

    /// CDF keeps a channel's and an item's address and last change in attributes.
    private mutating func readCDFAttributes(_ attributes: [XMLAttribute], base: String?, inEntry: Bool) {
        func value(_ name: String) -> String? {
            attributes.first { $0.localName.uppercased() == name }?.value.trimmingASCIIWhitespace()
        }
        let link = value("HREF").flatMap { $0.isEmpty ? nil : URLResolution.resolve($0, against: base) }
        let updated = value("LASTMOD").flatMap { FeedDate.parse($0) }
        if inEntry {
            if let link { entry?.link = link }
            entry?.updated = updated
        } else {
            if let link { result.feed.link = link }
            result.feed.updated = updated
        }
    }

    private mutating func open(_ container: Container, depth: Int, scope: Int) {
        switch container {
        case .entry:
            entry = FeedEntry()
            entry!.language = scopes[scope].knownLanguage
            entryLinkIsHTML = false
        case .person, .publisher:
            person = FeedPerson()
        case .image:
            image = FeedImage()
        default:
            break
        }
        frames.append(Frame(container: container, depth: depth, scope: scope))
    }

    private mutating func closeFrames(deeperThan depth: Int) {
        while let last = frames.last, last.depth > depth {
            close(frames.removeLast().container)
        }
    }

    private mutating func close(_ container: Container) {
        switch container {
        case .entry:
            guard var finished = entry.take() else { return }
            if let outer = reopenableEntry, finished.hasNoContent, let previous = takeLastEntry() {
                reopenableEntry = nil
                entry = previous
                frames.append(outer)
                return
            }
            reopenableEntry = nil
            if finished.link == nil {
                finished.link = finished.links.first { $0.rel == "alternate" }?.href
            }
            if finished.link == nil, finished.guidIsPermalink == true, let id = finished.id,
                id.hasPrefix("http://") || id.hasPrefix("https://")
            {
                finished.link = id
            }
            if entryCount < options.limits.maxEntries {
                entryCount += 1
                if let sink = entrySink {
                    // Held back one entry: an empty item after it may yet reopen it (see above).
                    if let held = heldEntry.take() { sink(held) }
                    heldEntry = finished
                } else {
                    result.entries.append(finished)
                }
            } else {
                entriesDropped += 1
                self.finished = true
            }
        case .person(let inEntry):
            guard let done = person, !done.isEmpty else { person = nil; return }
            person = nil
            if inEntry { entry?.authors.append(done) } else { result.feed.authors.append(done) }
        case .publisher:
            if let done = person, !done.isEmpty { result.feed.publisher = done }
            person = nil
        case .image:
            guard let done = image, done.url != nil || done.title != nil || done.link != nil else { image = nil; return }
            image = nil
            if result.feed.image == nil { result.feed.image = done }
        default:
            break
        }
    }

    private mutating func takeLastEntry() -> FeedEntry? {
        guard entrySink != nil else {
            let last = result.entries.popLast()
            if last != nil { entryCount -= 1 }
            return last
        }
        defer { heldEntry = nil }
        if heldEntry != nil { entryCount -= 1 }
        return heldEntry
    }

    private mutating func ignore(_ depth: Int, _ isEmpty: Bool) {
        if !isEmpty { ignoreDepth = depth }
    }

    /// The scope of an element: its parent's, or a new one when it sets `xml:base` or `xml:lang`.
    private mutating func scope(within parent: Int, attributes: [XMLAttribute]) -> Int {
        let xmlBase = attributes.first(where: { $0.namespace == .xml && $0.localName == "base" })?.value
        let language = Self.language(in: attributes)
        guard xmlBase != nil || language != nil else { return parent }
        let inherited = scopes[parent]
        scopes.append(
            Scope(
                base: xmlBase.map { URLResolution.resolve($0, against: inherited.base) } ?? inherited.base,
                language: language ?? inherited.language))
        return scopes.count - 1
    }

    // MARK: Captures

    private mutating func finishCapture(line: Int) {
        guard capture.isActive, let target = captureTarget else { return }
        captureTarget = nil
        var value = capture.finish()
        if capture.truncated {
            notes.append(
                ParseIssue(line: line, message: "a \(target.kind) value longer than \(options.limits.maxFieldBytes) bytes was truncated"))
        }
        if target.base64 {
            value = Base64.decodeToString(value) ?? value
        }
        assign(value, target: target)
    }
}

extension FeedEntry {
    /// True for an item that carried nothing (`<item/>`).
    var hasNoContent: Bool {
        id == nil && title == nil && link == nil && links.isEmpty && summary == nil && content.isEmpty
            && authors.isEmpty && categories.isEmpty && enclosures.isEmpty && published == nil && updated == nil
            && comments == nil
    }
}
