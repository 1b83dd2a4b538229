import FeedCore
import Foundation

/// Writes a parsed document as `feedwatch parse --json` prints it, entry by entry as they are parsed,
/// so that no JSON tree of the whole document is ever held: the output goes to `sink` in pieces of
/// about 64 KiB.
///
/// The schema: one object with `entries` first (one entry per line), then `encoding`, `errors`,
/// `feed`, `version` and `wellFormed`. Inside an object keys are in alphabetical order; an absent
/// value is left out, a list is always written (`[]` when empty) except the Media RSS ones, which
/// sit in a `media` object present only when the entry has any; dates are `YYYY-MM-DDTHH:MM:SSZ`.
public struct FeedJSONWriter {
    private var text = JSONText(reservingCapacity: 1 << 17)
    private let sink: ([UInt8]) -> Void
    private var entriesWritten = 0
    private static let flushBytes = 1 << 16

    public init(sink: @escaping ([UInt8]) -> Void) {
        self.sink = sink
        text.raw("{\"entries\":[", thenComma: false)
    }

    /// Writes one entry; call in document order, before `finish`.
    public mutating func write(_ entry: FeedEntry) {
        text.raw(entriesWritten == 0 ? "\n" : ",\n", thenComma: false)
        entriesWritten += 1
        Self.entry(entry, into: &text)
        if text.bytes.count >= Self.flushBytes { sink(text.drain()) }
    }

    /// Writes everything but the entries (which `write` has written) and ends the document.
    public mutating func finish(_ parsed: ParsedFeed) {
        text.raw(entriesWritten == 0 ? "]" : "\n]", thenComma: true)
        text.field("encoding") { $0.string(parsed.encoding) }
        text.field("errors") {
            $0.array(parsed.errors) { json, issue in
                json.object {
                    $0.field("line") { $0.number(issue.line) }
                    $0.field("message") { $0.string(issue.message) }
                }
            }
        }
        text.field("feed") { Self.feed(parsed.feed, into: &$0) }
        text.field("version") { $0.string(parsed.version.rawValue) }
        text.field("wellFormed") { $0.bool(parsed.wellFormed) }
        text.raw("}\n", thenComma: false)
        sink(text.drain())
    }

    // MARK: Objects

    private static func feed(_ feed: FeedInfo, into json: inout JSONText) {
        json.object { json in
            json.field("authors") { $0.array(feed.authors, person) }
            json.field("block", ifPresent: feed.block)
            json.field("categories") { $0.array(feed.categories, category) }
            json.field("explicit", ifPresent: feed.explicit)
            json.field("generator", ifPresent: feed.generator)
            json.field("icon", ifPresent: feed.icon)
            json.field("id", ifPresent: feed.id)
            if let image = feed.image {
                json.field("image") {
                    $0.object {
                        $0.field("link", ifPresent: image.link)
                        $0.field("title", ifPresent: image.title)
                        $0.field("url", ifPresent: image.url)
                    }
                }
            }
            json.field("language", ifPresent: feed.language)
            json.field("license", ifPresent: feed.license)
            json.field("link", ifPresent: feed.link)
            json.field("links") { $0.array(feed.links, link) }
            json.field("published", ifPresent: feed.published.map(FeedDate.format))
            if let publisher = feed.publisher { json.field("publisher") { person(&$0, publisher) } }
            json.field("rights", ifPresent: feed.rights)
            if let days = feed.skipDays { json.field("skipDays") { $0.array(days) { $0.string($1) } } }
            if let hours = feed.skipHours { json.field("skipHours") { $0.array(hours) { $0.number($1) } } }
            json.field("subtitle", ifPresent: feed.subtitle)
            json.field("subtitleType", ifPresent: feed.subtitleType?.rawValue)
            json.field("title", ifPresent: feed.title)
            json.field("titleType", ifPresent: feed.titleType?.rawValue)
            json.field("ttl", ifPresent: feed.ttl)
            json.field("updated", ifPresent: feed.updated.map(FeedDate.format))
        }
    }

    private static func entry(_ entry: FeedEntry, into json: inout JSONText) {
        json.object { json in
            json.field("authors") { $0.array(entry.authors, person) }
            json.field("block", ifPresent: entry.block)
            json.field("categories") { $0.array(entry.categories, category) }
            json.field("comments", ifPresent: entry.comments)
            json.field("content") {
                $0.array(entry.content) { json, content in
                    json.object {
                        $0.field("base", ifPresent: content.base)
                        $0.field("language", ifPresent: content.language)
                        $0.field("src", ifPresent: content.src)
                        $0.field("type") { $0.string(content.type.rawValue) }
                        $0.field("value") { $0.string(content.value) }
                    }
                }
            }
            json.field("duration", ifPresent: entry.duration)
            json.field("enclosures") {
                $0.array(entry.enclosures) { json, enclosure in
                    json.object {
                        $0.field("length", ifPresent: enclosure.length.map { Int($0) })
                        $0.field("type", ifPresent: enclosure.type)
                        $0.field("url") { $0.string(enclosure.url) }
                    }
                }
            }
            json.field("explicit", ifPresent: entry.explicit)
            json.field("guidIsPermalink", ifPresent: entry.guidIsPermalink)
            json.field("id", ifPresent: entry.id)
            json.field("image", ifPresent: entry.image)
            json.field("language", ifPresent: entry.language)
            json.field("license", ifPresent: entry.license)
            json.field("link", ifPresent: entry.link)
            json.field("links") { $0.array(entry.links, link) }
            if let media = entry.media { json.field("media") { self.media(media, into: &$0) } }
            json.field("published", ifPresent: entry.published.map(FeedDate.format))
            json.field("summary", ifPresent: entry.summary)
            json.field("summaryType", ifPresent: entry.summaryType?.rawValue)
            json.field("title", ifPresent: entry.title)
            json.field("titleType", ifPresent: entry.titleType?.rawValue)
            json.field("updated", ifPresent: entry.updated.map(FeedDate.format))
        }
    }

    private static func media(_ media: FeedMedia, into json: inout JSONText) {
        json.object { json in
            json.field("content") {
                $0.array(media.content) { json, object in
                    json.object {
                        $0.field("duration", ifPresent: object.duration)
                        $0.field("fileSize", ifPresent: object.fileSize.map { Int($0) })
                        $0.field("height", ifPresent: object.height)
                        $0.field("language", ifPresent: object.language)
                        $0.field("medium", ifPresent: object.medium)
                        $0.field("type", ifPresent: object.type)
                        $0.field("url", ifPresent: object.url)
                        $0.field("width", ifPresent: object.width)
                    }
                }
            }
            json.field("credits") {
                $0.array(media.credits) { json, credit in
                    json.object {
                        $0.field("name") { $0.string(credit.name) }
                        $0.field("role", ifPresent: credit.role)
                        $0.field("scheme", ifPresent: credit.scheme)
                    }
                }
            }
            json.field("player", ifPresent: media.player)
            json.field("ratings") {
                $0.array(media.ratings) { json, rating in
                    json.object {
                        $0.field("scheme", ifPresent: rating.scheme)
                        $0.field("value") { $0.string(rating.value) }
                    }
                }
            }
            json.field("thumbnails") {
                $0.array(media.thumbnails) { json, thumbnail in
                    json.object {
                        $0.field("height", ifPresent: thumbnail.height)
                        $0.field("time", ifPresent: thumbnail.time)
                        $0.field("url") { $0.string(thumbnail.url) }
                        $0.field("width", ifPresent: thumbnail.width)
                    }
                }
            }
        }
    }

    private static func person(_ json: inout JSONText, _ person: FeedPerson) {
        json.object {
            $0.field("email", ifPresent: person.email)
            $0.field("name", ifPresent: person.name)
            $0.field("uri", ifPresent: person.uri)
        }
    }

    private static func category(_ json: inout JSONText, _ category: FeedCategory) {
        json.object {
            $0.field("label", ifPresent: category.label)
            $0.field("scheme", ifPresent: category.scheme)
            $0.field("term") { $0.string(category.term) }
        }
    }

    private static func link(_ json: inout JSONText, _ link: FeedLink) {
        json.object {
            $0.field("href") { $0.string(link.href) }
            $0.field("length", ifPresent: link.length.map { Int($0) })
            $0.field("rel", ifPresent: link.rel)
            $0.field("title", ifPresent: link.title)
            $0.field("type", ifPresent: link.type)
        }
    }
}

extension ParsedFeed {
    /// The document as `feedwatch parse --json` prints it (see `FeedJSONWriter`).
    public func jsonData() -> Data {
        var data = Data()
        var writer = FeedJSONWriter { data.append(contentsOf: $0) }
        for entry in entries { writer.write(entry) }
        writer.finish(self)
        return data
    }
}
