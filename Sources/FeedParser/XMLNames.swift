/// The namespaces feeds use, folded into the few families the parser tells apart. Atom 0.3 and 1.0
/// are one family, as are RSS 0.90, 1.0 and namespaced RSS 2.0: their elements mean the same.
enum Namespace: Sendable {
    case rss, atom, dc, dcterms, content, xhtml, media, itunes, rdf, xml, yandex, license, cdf, other

    static func fromURI(_ uri: String) -> Namespace {
        var key = uri.lowercased()
        while key.hasSuffix("/") || key.hasSuffix("#") { key.removeLast() }
        if key.hasPrefix("https://") { key = "http://" + key.dropFirst(8) }
        return byURI[key] ?? .other
    }

    /// For elements whose prefix was never declared (`<content:encoded>` with no xmlns:content),
    /// which libxml2 reports with the prefix inside the name and no namespace.
    static func fromUndeclaredPrefix(_ prefix: String) -> Namespace {
        switch prefix.lowercased() {
        case "atom": return .atom
        case "dc": return .dc
        case "dcterms": return .dcterms
        case "content": return .content
        case "xhtml": return .xhtml
        case "media": return .media
        case "itunes": return .itunes
        case "rdf": return .rdf
        case "yandex": return .yandex
        case "cc", "creativecommons": return .license
        default: return .other
        }
    }

    private static let byURI: [String: Namespace] = [
        "http://www.w3.org/2005/atom": .atom,
        "http://purl.org/atom/ns": .atom,
        "http://purl.org/rss/1.0": .rss,
        "http://my.netscape.com/rdf/simple/0.9": .rss,
        "http://backend.userland.com/rss2": .rss,
        "http://backend.userland.com/rss": .rss,
        "http://blogs.law.harvard.edu/tech/rss": .rss,
        "http://purl.org/dc/elements/1.1": .dc,
        "http://purl.org/dc/terms": .dcterms,
        "http://purl.org/rss/1.0/modules/content": .content,
        "http://www.w3.org/1999/xhtml": .xhtml,
        "http://search.yahoo.com/mrss": .media,
        "http://www.itunes.com/dtds/podcast-1.0.dtd": .itunes,
        // The URI Apple's own specification once showed as its example, which feeds copied.
        "http://example.com/dtds/podcast-1.0.dtd": .itunes,
        "http://www.w3.org/1999/02/22-rdf-syntax-ns": .rdf,
        "http://www.w3.org/xml/1998/namespace": .xml,
        // Russian outlets' feeds for Yandex News: `yandex:full-text` carries the whole article.
        "http://news.yandex.ru": .yandex,
        // Creative Commons licences: the RDF vocabulary and Userland's RSS module.
        "http://web.resource.org/cc": .license,
        "http://creativecommons.org/ns": .license,
        "http://backend.userland.com/creativecommonsrssmodule": .license,
        "http://cyber.law.harvard.edu/rss/creativecommonsrssmodule.html": .license,
    ]

    /// The family a document's root element stands for when its namespace is one feedwatch does not
    /// know: Atom's drafts were published under other URIs (`http://purl.org/echo/`, `…/pie/`, an
    /// example.com URI) and CDF, RSS 0.9x and some generators put their own URI on `<rss>` or `<channel>`.
    /// Elements in that namespace are then read as that family's own.
    static func forUnknownRoot(localName: String) -> Namespace? {
        switch localName {
        case "feed": return .atom
        case "rss", "channel", "RDF": return .rss
        case "CHANNEL": return .cdf
        default: return nil
        }
    }
}

/// Atom 0.3's namespace, to tell the two Atom versions apart.
let atom03NamespaceURI = "http://purl.org/atom/ns#"
/// RSS 0.90's namespace, to tell it from RSS 1.0 (both are RDF documents).
let rss090NamespaceURI = "http://my.netscape.com/rdf/simple/0.9/"

/// What an element means to the parser, whatever its namespace spelling.
enum ElementKind: Sendable {
    // Roots and containers
    case rssRoot, rdfRoot, atomFeed, channel, item, atomEntry, image, skipHours, skipDays, atomPerson
    case mediaGroup, ignoredContainer, itunesCategory, itunesOwner
    // Text fields
    case title, link, rssDescription, atomSummary, subtitle, atomContent, contentEncoded, xhtmlBody, yandexFullText
    case atomID, guid, rssAuthor, dcCreator, itunesAuthor, managingEditor, personName, personEmail, personURI
    case rssCategory, atomCategory, dcSubject, enclosure, mediaContent, itunesImage
    case pubDate, lastBuildDate, dcDate, published, updated, created
    case language, rights, generator, comments, ttl, imageURL, icon, logo, hour, day, dcIdentifier
    case dcDescription, dcTitle, mediaTitle, mediaDescription
    case itunesKeywords, itunesExplicit, itunesBlock, itunesDuration, itunesSubtitle, itunesSummary
    case mediaThumbnail, mediaCredit, mediaPlayer, mediaRating, mediaKeywords, mediaCategory
    case license, publisher, cdfAbstract
    case unknown

    static func classify(namespace: Namespace, localName name: String) -> ElementKind {
        switch namespace {
        // Element names are case-sensitive in XML, but feeds written by hand or by old tools say
        // `<Title>` or `<PUBDATE>`: an exact match first, then one in any case.
        case .rss: return rss[name] ?? rssAnyCase[name.lowercased()] ?? .unknown
        case .atom: return atom[name] ?? atomAnyCase[name.lowercased()] ?? .unknown
        case .dc: return dc[name] ?? dcAnyCase[name.lowercased()] ?? .unknown
        case .dcterms: return dcterms[name] ?? .unknown
        case .content: return name == "encoded" ? .contentEncoded : .unknown
        case .xhtml: return name == "body" ? .xhtmlBody : .unknown
        case .media:
            switch name {
            case "content": return .mediaContent
            case "group": return .mediaGroup
            case "title": return .mediaTitle
            case "description": return .mediaDescription
            case "thumbnail": return .mediaThumbnail
            case "credit": return .mediaCredit
            case "player": return .mediaPlayer
            case "rating": return .mediaRating
            case "keywords": return .mediaKeywords
            case "category": return .mediaCategory
            default: return .unknown
            }
        case .itunes: return itunes[name] ?? .unknown
        case .license: return name == "license" ? .license : .unknown
        case .cdf: return cdf[name.uppercased()] ?? .unknown
        case .rdf: return name == "RDF" ? .rdfRoot : .unknown
        case .yandex: return name == "full-text" ? .yandexFullText : .unknown
        case .xml, .other: return .unknown
        }
    }

    private static let rss: [String: ElementKind] = [
        "rss": .rssRoot, "channel": .channel, "item": .item, "image": .image,
        "skipHours": .skipHours, "skipDays": .skipDays, "hour": .hour, "day": .day,
        "textInput": .ignoredContainer, "textinput": .ignoredContainer, "source": .ignoredContainer,
        "title": .title, "link": .link, "description": .rssDescription, "guid": .guid, "author": .rssAuthor,
        "managingEditor": .managingEditor, "category": .rssCategory, "enclosure": .enclosure,
        "webMaster": .publisher, "pubDate": .pubDate, "pubdate": .pubDate, "lastBuildDate": .lastBuildDate, "language": .language,
        "copyright": .rights, "generator": .generator, "comments": .comments, "ttl": .ttl, "url": .imageURL,
        // Atom-only documents without a namespace reach here too: feed/entry are recognised below.
        "feed": .atomFeed, "entry": .atomEntry,
    ]

    private static let atom: [String: ElementKind] = [
        "feed": .atomFeed, "entry": .atomEntry, "title": .title, "subtitle": .subtitle, "tagline": .subtitle,
        "link": .link, "id": .atomID, "updated": .updated, "modified": .updated, "published": .published,
        "issued": .published, "created": .created, "rights": .rights, "copyright": .rights,
        "generator": .generator, "author": .atomPerson, "name": .personName, "email": .personEmail,
        "uri": .personURI, "url": .personURI, "category": .atomCategory, "icon": .icon, "logo": .logo,
        "summary": .atomSummary, "content": .atomContent, "source": .ignoredContainer,
        "contributor": .ignoredContainer,
    ]

    private static let dc: [String: ElementKind] = [
        // `dc:author` is not Dublin Core, but feeds write it for the creator.
        "creator": .dcCreator, "author": .dcCreator, "subject": .dcSubject, "date": .dcDate, "language": .language,
        "rights": .rights, "identifier": .dcIdentifier, "description": .dcDescription, "title": .dcTitle,
        "publisher": .publisher,
    ]

    private static let rssAnyCase = anyCase(rss)
    private static let atomAnyCase = anyCase(atom)
    private static let dcAnyCase = anyCase(dc)

    private static func anyCase(_ table: [String: ElementKind]) -> [String: ElementKind] {
        Dictionary(table.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    private static let itunes: [String: ElementKind] = [
        "image": .itunesImage, "author": .itunesAuthor, "category": .itunesCategory, "keywords": .itunesKeywords,
        "explicit": .itunesExplicit, "block": .itunesBlock, "duration": .itunesDuration,
        "subtitle": .itunesSubtitle, "summary": .itunesSummary, "owner": .itunesOwner,
        "name": .personName, "email": .personEmail,
        // An early form of the podcast image: `<itunes:link rel="image" href="…">`.
        "link": .itunesImage,
    ]

    /// CDF's elements, whatever their case (the format came from HTML habits: `<CHANNEL>`, `<Item>`).
    private static let cdf: [String: ElementKind] = [
        "CHANNEL": .channel, "ITEM": .item, "TITLE": .title, "ABSTRACT": .cdfAbstract,
    ]

    private static let dcterms: [String: ElementKind] = [
        "modified": .updated, "created": .created, "issued": .published, "date": .dcDate,
    ]
}
