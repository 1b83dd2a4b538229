import FeedCore
import Foundation

/// What the builder does with a recognised element.
enum ElementAction {
    case open(FeedBuilder.Container)
    /// Read the element's attributes, then open it as a container (`itunes:category`, `media:content`).
    case openWithAttributes(FeedBuilder.Container)
    case capture(TextCapture.Mode, TextType, base64: Bool, attributes: Bool)
    case attributesOnly

    var needsAttributes: Bool {
        switch self {
        case .open, .openWithAttributes: return true
        case .capture(_, _, _, let attributes): return attributes
        case .attributesOnly: return true
        }
    }
}

extension FeedBuilder {
    /// The action for `kind` as a direct child of `parent`, or nil to skip the element and its subtree.
    func action(for kind: ElementKind, namespace: Namespace, in parent: Container, source: FeedDocumentReader) -> ElementAction? {
        let plain = ElementAction.capture(.text, TextType.text, base64: false, attributes: false)
        let plainWithAttributes = ElementAction.capture(.text, TextType.text, base64: false, attributes: true)
        switch parent {
        case .root:
            switch kind {
            case .channel: return .open(.channel)
            case .item, .atomEntry: return .open(.entry)
            case .image: return .open(.image)
            default: return nil
            }
        case .person, .publisher:
            switch kind {
            case .personName, .personEmail, .personURI: return plain
            default: return nil
            }
        case .itunesCategory(let inEntry):
            return kind == .itunesCategory ? .openWithAttributes(.itunesCategory(inEntry: inEntry)) : nil
        case .image:
            switch kind {
            case .title, .link, .imageURL: return plain
            default: return nil
            }
        case .skipHours: return kind == .hour ? plain : nil
        case .skipDays: return kind == .day ? plain : nil
        case .mediaGroup:
            return mediaAction(kind, source: source)
        case .channel, .entry:
            let inEntry = parent == .entry
            if inEntry, let media = mediaAction(kind, source: source) { return media }
            switch kind {
            case .item, .atomEntry: return inEntry ? nil : .open(.entry)
            case .image: return inEntry ? nil : .open(.image)
            case .skipHours: return inEntry ? nil : .open(.skipHours)
            case .skipDays: return inEntry ? nil : .open(.skipDays)
            case .atomPerson: return .open(.person(inEntry: inEntry))
            case .itunesCategory: return .openWithAttributes(.itunesCategory(inEntry: inEntry))
            case .itunesOwner: return inEntry ? nil : .open(.publisher)
            case .title, .subtitle, .atomSummary, .rights:
                return namespace == .atom ? textConstruct(kind, source: source) : plainWithAttributes
            case .atomContent:
                return textConstruct(kind, source: source)
            case .rssDescription, .contentEncoded, .dcDescription:
                return .capture(.html, TextType.html, base64: false, attributes: true)
            case .xhtmlBody:
                return .capture(.xhtml, TextType.xhtml, base64: false, attributes: true)
            case .yandexFullText:
                // The whole article as plain text (Yandex News's format): a content body of its own.
                return inEntry ? .capture(.html, TextType.text, base64: false, attributes: true) : nil
            case .link:
                // Atom links live in attributes; a broken Atom link with text content is read as text.
                if namespace == .atom, source.attributes().contains(where: { $0.localName == "href" }) {
                    return .attributesOnly
                }
                return plainWithAttributes
            case .atomCategory, .enclosure, .itunesImage:
                return .attributesOnly
            case .guid, .rssCategory, .generator, .license:
                return plainWithAttributes
            case .itunesKeywords, .itunesExplicit, .itunesBlock, .itunesDuration, .itunesSubtitle, .itunesSummary,
                .publisher, .cdfAbstract:
                return plain
            case .atomID, .rssAuthor, .dcCreator, .itunesAuthor, .managingEditor, .dcSubject, .pubDate,
                .lastBuildDate, .dcDate, .published, .updated, .created, .language, .comments, .ttl,
                .icon, .logo, .dcIdentifier, .dcTitle:
                return kind == .comments || kind == .icon || kind == .logo ? plainWithAttributes : plain
            default:
                return nil
            }
        }
    }

    /// Media RSS inside an entry, a `media:group` or a `media:content`; nil for other elements.
    private func mediaAction(_ kind: ElementKind, source: FeedDocumentReader) -> ElementAction? {
        switch kind {
        // media:content holds per-file titles, thumbnails and credits of its own.
        case .mediaContent: return .openWithAttributes(.mediaGroup)
        case .mediaGroup: return .open(.mediaGroup)
        case .mediaTitle, .mediaDescription: return mediaText(source: source)
        case .mediaThumbnail, .mediaPlayer: return .attributesOnly
        case .mediaCredit, .mediaRating, .mediaCategory, .mediaKeywords:
            return .capture(.text, TextType.text, base64: false, attributes: true)
        default: return nil
        }
    }

    /// Media RSS text: plain unless `type="html"`.
    private func mediaText(source: FeedDocumentReader) -> ElementAction {
        let isHTML = source.attributes().contains { $0.localName == "type" && $0.value.asciiLowercased() == "html" }
        return isHTML
            ? .capture(.html, TextType.html, base64: false, attributes: true)
            : .capture(.text, TextType.text, base64: false, attributes: true)
    }

    /// Atom text constructs: `type` text/html/xhtml (1.0) or a MIME type with `mode` (0.3).
    private func textConstruct(_ kind: ElementKind, source: FeedDocumentReader) -> ElementAction {
        let attributes = source.attributes()
        let type = attributes.first { $0.localName == "type" && $0.prefix == nil }?.value.trimmingASCIIWhitespace().asciiLowercased()
        let mode = attributes.first { $0.localName == "mode" && $0.prefix == nil }?.value.trimmingASCIIWhitespace().asciiLowercased()
        let base64 = mode == "base64"
        switch type {
        case nil, "", "text", "text/plain":
            if mode == "escaped" && type == nil { return .capture(.html, TextType.html, base64: false, attributes: true) }
            return .capture(.text, TextType.text, base64: base64, attributes: true)
        case "html", "text/html":
            let inline = mode == "xml"
            return .capture(inline ? .xhtml : .html, TextType.html, base64: base64, attributes: true)
        case "xhtml", "application/xhtml+xml":
            return .capture(mode == "escaped" ? .html : .xhtml, TextType.xhtml, base64: base64, attributes: true)
        case let other?:
            if other.hasSuffix("+xml") || other.hasSuffix("/xml") {
                return .capture(.xhtml, .other(other), base64: base64, attributes: true)
            }
            return .capture(.text, .other(other), base64: base64, attributes: true)
        }
    }

    // MARK: Elements read from their attributes

    mutating func handleAttributes(
        kind: ElementKind, namespace: Namespace, in parent: Container,
        attributes: [XMLAttribute], base: String?
    ) {
        func attribute(_ name: String) -> String? {
            guard let value = attributes.first(where: { $0.localName == name && ($0.prefix == nil || $0.namespace == namespace) })?.value
            else { return nil }
            let trimmed = value.trimmingASCIIWhitespace()
            return trimmed.isEmpty ? nil : trimmed
        }
        let inEntry = parent.isEntryLevel
        switch kind {
        case .link:
            let href = URLResolution.resolve(attribute("href") ?? "", against: base)
            let rel = attribute("rel") ?? "alternate"
            let link = FeedLink(
                href: href, rel: rel, type: attribute("type"), title: attribute("title"),
                length: attribute("length").flatMap { Int64($0) })
            addLink(link, inEntry: inEntry)
            if rel == "license", !href.isEmpty { setLicense(href, inEntry: inEntry) }
            if inEntry, rel == "enclosure", !href.isEmpty {
                addEnclosure(FeedEnclosure(url: href, type: link.type, length: link.length))
            }
        case .atomCategory:
            guard let term = attribute("term") else { return }
            addCategory(FeedCategory(term: term, scheme: attribute("scheme"), label: attribute("label")), inEntry: inEntry)
        case .enclosure, .mediaContent:
            guard inEntry else { return }
            let url = attribute("url").map { URLResolution.resolve($0, against: base) }
            let length = (attribute("length") ?? attribute("fileSize")).flatMap { Int64($0) }
            if let url { addEnclosure(FeedEnclosure(url: url, type: attribute("type"), length: length)) }
            if kind == .mediaContent {
                var object = FeedMediaObject(url: url, type: attribute("type"), medium: attribute("medium"))
                object.fileSize = attribute("fileSize").flatMap { Int64($0) }
                object.duration = attribute("duration").flatMap { Int($0) }
                object.width = attribute("width").flatMap { Int($0) }
                object.height = attribute("height").flatMap { Int($0) }
                object.language = attribute("lang")
                if object != FeedMediaObject() { withMedia { $0.content.append(object) } }
            }
        case .mediaThumbnail:
            guard inEntry, let url = attribute("url") else { return }
            let thumbnail = FeedThumbnail(
                url: URLResolution.resolve(url, against: base), width: attribute("width").flatMap { Int($0) },
                height: attribute("height").flatMap { Int($0) }, time: attribute("time"))
            withMedia { if !$0.thumbnails.contains(thumbnail) { $0.thumbnails.append(thumbnail) } }
        case .mediaPlayer:
            guard inEntry, let url = attribute("url") else { return }
            withMedia { $0.player = $0.player ?? URLResolution.resolve(url, against: base) }
        case .itunesCategory:
            guard let text = attribute("text") else { return }
            addCategory(FeedCategory(term: text, scheme: Self.itunesScheme), inEntry: inEntry)
        case .itunesImage:
            // `itunes:link` stands for the image only with rel="image".
            if let rel = attribute("rel"), rel.asciiLowercased() != "image" { return }
            guard let href = attribute("href") ?? attribute("url") else { return }
            let url = URLResolution.resolve(href, against: base)
            if inEntry {
                if entry?.image == nil { entry?.image = url }
            } else if result.feed.image == nil {
                result.feed.image = FeedImage(url: url)
            }
        default:
            break
        }
    }

    // MARK: Captured values

    mutating func assign(_ value: String, target: CaptureTarget) {
        let attributes = target.attributes
        func attribute(_ name: String) -> String? {
            attributes.first { $0.localName == name && $0.prefix == nil }?.value.trimmingASCIIWhitespace()
        }
        let isEmpty = value.isEmpty
        switch target.parent {
        case .person, .publisher:
            guard !isEmpty else { return }
            switch target.kind {
            case .personName: person?.name = value
            case .personEmail: person?.email = value
            case .personURI: person?.uri = URLResolution.resolve(value, against: scopes[target.scope].base)
            default: break
            }
            return
        case .image:
            guard !isEmpty else { return }
            switch target.kind {
            case .title: image?.title = value
            case .link: image?.link = URLResolution.resolve(value, against: scopes[target.scope].base)
            case .imageURL: image?.url = URLResolution.resolve(value, against: scopes[target.scope].base)
            default: break
            }
            return
        case .skipHours:
            if let hour = Int(value), (0...24).contains(hour) {
                result.feed.skipHours = (result.feed.skipHours ?? []) + [hour]
            }
            return
        case .skipDays:
            if !isEmpty { result.feed.skipDays = (result.feed.skipDays ?? []) + [value] }
            return
        case .root, .itunesCategory:
            return
        case .channel, .entry, .mediaGroup:
            break
        }
        let inEntry = target.parent.isEntryLevel
        switch target.kind {
        case .title:
            setTitle(value, target.textType, inEntry: inEntry)
        case .dcTitle, .mediaTitle:
            if inEntry ? entry?.title == nil : result.feed.title == nil {
                setTitle(value, TextType.text, inEntry: inEntry)
            }
        case .subtitle:
            if !inEntry, !isEmpty { result.feed.subtitle = value; result.feed.subtitleType = target.textType }
        case .rssDescription, .atomSummary, .dcDescription, .mediaDescription, .itunesSummary, .cdfAbstract:
            // The feed's own description wins over Dublin Core's, Media RSS's and iTunes's; an empty
            // `<description/>` is kept as "" (the feed said there is none) unless a fuller one comes.
            let isFallback = target.kind == .dcDescription || target.kind == .mediaDescription || target.kind == .itunesSummary
            if inEntry {
                guard entry != nil, !isFallback || entry!.summary?.isEmpty != false else { return }
                guard !isEmpty || entry!.summary == nil else { return }
                entry!.summary = value
                entry!.summaryType = target.textType
            } else {
                guard !isFallback || result.feed.subtitle?.isEmpty != false else { return }
                guard !isEmpty || result.feed.subtitle == nil else { return }
                result.feed.subtitle = value
                result.feed.subtitleType = target.textType
            }
        case .itunesSubtitle:
            if !inEntry, !isEmpty, result.feed.subtitle?.isEmpty != false {
                result.feed.subtitle = value
                result.feed.subtitleType = .text
            }
        case .itunesKeywords, .mediaKeywords:
            for keyword in value.split(separator: ",") {
                let term = String(keyword).trimmingASCIIWhitespace()
                guard !term.isEmpty else { continue }
                addCategory(FeedCategory(term: term, scheme: target.kind == .itunesKeywords ? Self.itunesScheme : nil), inEntry: inEntry)
            }
        case .mediaCategory:
            guard !isEmpty else { return }
            addCategory(FeedCategory(term: value, scheme: attribute("scheme"), label: attribute("label")), inEntry: inEntry)
        case .mediaCredit:
            guard inEntry, !isEmpty else { return }
            let credit = FeedCredit(name: value, role: attribute("role"), scheme: attribute("scheme"))
            withMedia { if !$0.credits.contains(credit) { $0.credits.append(credit) } }
        case .mediaRating:
            guard inEntry, !isEmpty else { return }
            let rating = FeedRating(value: value, scheme: attribute("scheme"))
            withMedia { if !$0.ratings.contains(rating) { $0.ratings.append(rating) } }
        case .itunesExplicit, .itunesBlock:
            let flag = Self.itunesFlag(value, explicit: target.kind == .itunesExplicit)
            switch (target.kind == .itunesExplicit, inEntry) {
            case (true, true): entry?.explicit = flag
            case (true, false): result.feed.explicit = flag
            case (false, true): entry?.block = flag
            case (false, false): result.feed.block = flag
            }
        case .itunesDuration:
            if inEntry, !isEmpty { entry?.duration = value }
        case .license:
            // cc:license names its licence in rdf:resource; the RSS module writes it as text.
            let resource = attributes.first { $0.localName == "resource" }?.value.trimmingASCIIWhitespace()
            guard let url = isEmpty ? resource : value, !url.isEmpty else { return }
            setLicense(URLResolution.resolve(url, against: scopes[target.scope].base), inEntry: inEntry)
        case .publisher:
            if !inEntry, result.feed.publisher == nil, let person = PersonParsing.parse(value) { result.feed.publisher = person }
        case .atomContent, .contentEncoded, .xhtmlBody, .yandexFullText:
            guard inEntry else { return }
            let src = attribute("src").map { URLResolution.resolve($0, against: scopes[target.scope].base) }
            guard !isEmpty || src != nil else { return }
            entry?.content.append(
                FeedContent(
                    type: target.textType, language: scopes[target.scope].knownLanguage,
                    base: scopes[target.scope].base,
                    src: src, value: value))
        case .link:
            guard !isEmpty else { return }
            let href = URLResolution.resolve(value, against: scopes[target.scope].base)
            addLink(FeedLink(href: href, rel: "alternate"), inEntry: inEntry)
        case .atomID, .dcIdentifier:
            guard !isEmpty else { return }
            if inEntry {
                if target.kind == .atomID || entry?.id == nil { entry?.id = value }
            } else if target.kind == .atomID {
                result.feed.id = value
            }
        case .guid:
            guard inEntry, !isEmpty else { return }
            entry?.id = value
            entry?.guidIsPermalink = attribute("isPermaLink")?.asciiLowercased() != "false"
        case .rssAuthor, .managingEditor, .dcCreator, .itunesAuthor:
            guard let author = PersonParsing.parse(value) else { return }
            addAuthor(author, inEntry: inEntry)
        case .rssCategory, .dcSubject:
            guard !isEmpty else { return }
            let scheme = attribute("domain").flatMap { $0.isEmpty ? nil : $0 }
            addCategory(FeedCategory(term: value, scheme: scheme), inEntry: inEntry)
        case .pubDate, .published:
            guard let date = FeedDate.parse(value) else { return }
            if inEntry { entry?.published = date } else { result.feed.published = date }
        case .created:
            guard let date = FeedDate.parse(value) else { return }
            if inEntry {
                if entry?.published == nil { entry?.published = date }
            } else if result.feed.published == nil {
                result.feed.published = date
            }
        case .lastBuildDate, .updated:
            guard let date = FeedDate.parse(value) else { return }
            if inEntry { entry?.updated = date } else { result.feed.updated = date }
        case .dcDate:
            // dc:date is an item's publication date, a channel's last change.
            guard let date = FeedDate.parse(value) else { return }
            if inEntry {
                if entry?.published == nil { entry?.published = date }
            } else if result.feed.updated == nil {
                result.feed.updated = date
            }
        case .language:
            guard !isEmpty else { return }
            let language = value.replacingBytes("_", with: "-")
            if inEntry { entry?.language = language } else { result.feed.language = language }
        case .rights:
            if !inEntry, !isEmpty, result.feed.rights == nil { result.feed.rights = value }
        case .generator:
            if !inEntry, !isEmpty { result.feed.generator = value }
        case .comments:
            if inEntry, !isEmpty { entry?.comments = URLResolution.resolve(value, against: scopes[target.scope].base) }
        case .ttl:
            if !inEntry, let minutes = Int(value), minutes >= 0 { result.feed.ttl = minutes }
        case .icon:
            if !inEntry, !isEmpty { result.feed.icon = URLResolution.resolve(value, against: scopes[target.scope].base) }
        case .logo:
            if !inEntry, !isEmpty, result.feed.image == nil {
                result.feed.image = FeedImage(url: URLResolution.resolve(value, against: scopes[target.scope].base))
            }
        default:
            break
        }
    }

    /// The scheme feedparser and podcast directories give iTunes categories and keywords.
    static let itunesScheme = "http://www.itunes.com/"

    /// iTunes yes/no values: `explicit` also says "clean" (false) and "explicit" (true).
    static func itunesFlag(_ value: String, explicit: Bool) -> Bool? {
        switch value.asciiLowercased() {
        case "yes", "true", "explicit": return true
        case "no", "false", "clean": return false
        default: return explicit ? nil : false
        }
    }

    private mutating func setLicense(_ url: String, inEntry: Bool) {
        if inEntry {
            if entry?.license == nil { entry?.license = url }
        } else if result.feed.license == nil {
            result.feed.license = url
        }
    }

    private mutating func withMedia(_ change: (inout FeedMedia) -> Void) {
        guard entry != nil else { return }
        var media = entry!.media ?? FeedMedia()
        change(&media)
        entry!.media = media
    }

    private mutating func setTitle(_ value: String, _ type: TextType, inEntry: Bool) {
        if inEntry {
            entry?.title = value
            entry?.titleType = type
        } else {
            result.feed.title = value
            result.feed.titleType = type
        }
    }

    private mutating func addLink(_ link: FeedLink, inEntry: Bool) {
        guard !link.href.isEmpty else { return }
        let isAlternate = link.rel == "alternate"
        let isHTML = link.type == nil || link.type!.containsBytes("html")
        if inEntry {
            guard entry != nil else { return }
            if !entry!.links.contains(link) { entry!.links.append(link) }
            if isAlternate, entry!.link == nil || (isHTML && !entryLinkIsHTML) {
                entry!.link = link.href
                entryLinkIsHTML = isHTML
            }
        } else {
            if !result.feed.links.contains(link) { result.feed.links.append(link) }
            if isAlternate, result.feed.link == nil || (isHTML && !feedLinkIsHTML) {
                result.feed.link = link.href
                feedLinkIsHTML = isHTML
            }
        }
    }

    private mutating func addAuthor(_ author: FeedPerson, inEntry: Bool) {
        if inEntry {
            guard entry != nil,
                !entry!.authors.contains(where: { $0.name == author.name && ($0.email == author.email || author.email == nil) })
            else { return }
            entry!.authors.append(author)
        } else if !result.feed.authors.contains(where: { $0.name == author.name && ($0.email == author.email || author.email == nil) }) {
            result.feed.authors.append(author)
        }
    }

    private mutating func addCategory(_ category: FeedCategory, inEntry: Bool) {
        if inEntry {
            guard entry != nil, !entry!.categories.contains(category) else { return }
            entry!.categories.append(category)
        } else if !result.feed.categories.contains(category) {
            result.feed.categories.append(category)
        }
    }

    private mutating func addEnclosure(_ enclosure: FeedEnclosure) {
        guard entry != nil, !entry!.enclosures.contains(where: { $0.url == enclosure.url }) else { return }
        entry!.enclosures.append(enclosure)
    }
}

enum Base64 {
    static func decodeToString(_ text: String) -> String? {
        guard let data = Data(base64Encoded: text, options: .ignoreUnknownCharacters) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
