import FeedCore
import Foundation

/// Reads JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1) into the same model as RSS and
/// Atom, under the same limits: entries past `maxEntries` are dropped, strings past `maxFieldBytes`
/// cut, relative URLs resolved against the document's URL.
///
/// Recognised by content, not by the server's Content-Type (which is as often `application/json` or
/// `text/plain` as `application/feed+json`): a document whose first character is `{`.
enum JSONFeed {
    /// True when the first non-blank byte starts a JSON object.
    static func looksLikeJSON(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in bytes.prefix(1024) {
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D: continue
            case 0x7B: return true
            default: return false
            }
        }
        return false
    }

    static func parse(
        _ utf8: UnsafeBufferPointer<UInt8>, options: ParseOptions, entries sink: ((FeedEntry) -> Void)?
    ) throws -> ParsedFeed {
        guard utf8.count <= options.limits.maxJSONBytes else {
            throw FeedParseError.documentTooLarge(bytes: utf8.count, limit: options.limits.maxJSONBytes)
        }
        let values = valueCount(utf8)
        guard values <= options.limits.maxJSONValues else {
            throw FeedParseError.unreadable(
                "a JSON document of more than \(options.limits.maxJSONValues) values (\(values)) is refused: it would cost too much memory")
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(buffer: utf8), options: [])
        } catch {
            throw FeedParseError.unreadable("not valid JSON: \(Self.describe(error))")
        }
        var result = ParsedFeed()
        guard let document = object as? [String: Any] else { return result }
        // Relative URLs (the spec asks for absolute ones; feeds write both) against the document's own URL.
        let ownURL = (document["feed_url"] as? String).flatMap { $0.hasPrefix("http") ? $0 : nil }
        let reader = Reader(limit: options.limits.maxFieldBytes, base: options.baseURL ?? ownURL)
        guard let version = reader.string(document["version"]), version.lowercased().contains("jsonfeed.org/version/1")
        else { return result }  // some other JSON document: not a feed
        result.version = version.hasSuffix("1.1") || version.hasSuffix("1.1/") ? .jsonFeed11 : .jsonFeed10
        result.encoding = "utf-8"
        result.feed = reader.feed(document)
        let items = document["items"] as? [Any] ?? []
        if items.count > options.limits.maxEntries {
            result.errors.append(
                ParseIssue(
                    line: 0,
                    message:
                        "entry limit of \(options.limits.maxEntries) reached; \(items.count - options.limits.maxEntries) entries dropped"))
        }
        let (feedLanguage, feedAuthors) = (result.feed.language, result.feed.authors)
        for case let item as [String: Any] in items.prefix(options.limits.maxEntries) {
            var entry = reader.entry(item)
            // An item without its own says the feed's (JSON Feed 1.1, "authors" and "language").
            if entry.language == nil { entry.language = feedLanguage }
            if entry.authors.isEmpty { entry.authors = feedAuthors }
            if let sink { sink(entry) } else { result.entries.append(entry) }
        }
        if reader.truncated > 0 {
            result.errors.append(
                ParseIssue(line: 0, message: "\(reader.truncated) values longer than \(options.limits.maxFieldBytes) bytes were truncated"))
        }
        return result
    }

    /// An upper bound on the values in a JSON text: objects, arrays and commas outside strings.
    static func valueCount(_ utf8: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 1, inString = false, escaped = false
        for byte in utf8 {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == 0x5C {
                    escaped = true
                } else if byte == 0x22 {
                    inString = false
                }
                continue
            }
            switch byte {
            case 0x22: inString = true
            case 0x7B, 0x5B, 0x2C: count += 1  // { [ ,
            default: break
            }
        }
        return count
    }

    private static func describe(_ error: Error) -> String {
        let ns = error as NSError
        return (ns.userInfo[NSDebugDescriptionErrorKey] as? String) ?? ns.localizedDescription
    }

    /// Reads values of the JSON tree, each within the field limit.
    private final class Reader {
        let limit: Int
        let base: String?
        var truncated = 0

        init(limit: Int, base: String?) {
            self.limit = limit
            self.base = base
        }

        func string(_ value: Any?) -> String? {
            let text: String
            switch value {
            case let string as String: text = string
            // Numeric ids; JSON's true and false come as NSNumbers too, told apart by their C type
            // (`value is Bool` holds for the numbers 0 and 1 as well).
            case let number as NSNumber where String(cString: number.objCType) != "c": text = number.stringValue
            default: return nil
            }
            let trimmed = text.trimmingASCIIWhitespace()
            guard !trimmed.isEmpty else { return nil }
            guard trimmed.utf8.count > limit else { return trimmed }
            truncated += 1
            var bytes = Array(trimmed.utf8.prefix(limit))
            // Cut at a character boundary: drop a last sequence the limit split.
            var lead = bytes.count - 1
            while lead > 0, bytes[lead] & 0xC0 == 0x80 { lead -= 1 }
            let length = bytes[lead] >= 0xF0 ? 4 : bytes[lead] >= 0xE0 ? 3 : bytes[lead] >= 0xC0 ? 2 : 1
            if lead + length > bytes.count { bytes.removeSubrange(lead...) }
            return String(decoding: bytes, as: UTF8.self)
        }

        func url(_ value: Any?) -> String? {
            string(value).map { URLResolution.resolve($0, against: base) }
        }

        func date(_ value: Any?) -> Date? { string(value).flatMap(FeedDate.parse) }

        /// `author` (1.0) and `authors` (1.1): name, url (the person's page), avatar.
        func authors(_ object: [String: Any]) -> [FeedPerson] {
            var people: [[String: Any]] = object["authors"] as? [[String: Any]] ?? []
            if let single = object["author"] as? [String: Any] { people.append(single) }
            var result: [FeedPerson] = []
            for person in people {
                let found = FeedPerson(name: string(person["name"]), uri: url(person["url"]))
                if !found.isEmpty, !result.contains(found) { result.append(found) }
            }
            return result
        }

        func feed(_ document: [String: Any]) -> FeedInfo {
            var feed = FeedInfo()
            feed.title = string(document["title"])
            feed.titleType = feed.title == nil ? nil : .text
            if let home = url(document["home_page_url"]) {
                feed.link = home
                feed.links.append(FeedLink(href: home, rel: "alternate", type: "text/html"))
            }
            if let own = url(document["feed_url"]) {
                feed.links.append(FeedLink(href: own, rel: "self", type: "application/feed+json"))
            }
            if let next = url(document["next_url"]) { feed.links.append(FeedLink(href: next, rel: "next")) }
            feed.subtitle = string(document["description"])
            feed.subtitleType = feed.subtitle == nil ? nil : .text
            feed.language = string(document["language"])
            feed.authors = authors(document)
            if let icon = url(document["icon"]) { feed.image = FeedImage(url: icon) }
            feed.icon = url(document["favicon"])
            return feed
        }

        func entry(_ item: [String: Any]) -> FeedEntry {
            var entry = FeedEntry()
            entry.id = string(item["id"])
            entry.link = url(item["url"])
            if let link = entry.link { entry.links.append(FeedLink(href: link, rel: "alternate")) }
            if let external = url(item["external_url"]) { entry.links.append(FeedLink(href: external, rel: "related")) }
            entry.title = string(item["title"])
            entry.titleType = entry.title == nil ? nil : .text
            entry.summary = string(item["summary"])
            entry.summaryType = entry.summary == nil ? nil : .text
            if let html = string(item["content_html"]) { entry.content.append(FeedContent(type: .html, base: base, value: html)) }
            if let text = string(item["content_text"]) { entry.content.append(FeedContent(type: .text, base: base, value: text)) }
            entry.published = date(item["date_published"])
            entry.updated = date(item["date_modified"])
            entry.authors = authors(item)
            entry.language = string(item["language"])
            entry.image = url(item["image"]) ?? url(item["banner_image"])
            for case let tag as String in item["tags"] as? [Any] ?? [] {
                if let term = string(tag), !entry.categories.contains(where: { $0.term == term }) {
                    entry.categories.append(FeedCategory(term: term))
                }
            }
            for case let attachment as [String: Any] in item["attachments"] as? [Any] ?? [] {
                guard let href = url(attachment["url"]) else { continue }
                let type = string(attachment["mime_type"])
                let length = (attachment["size_in_bytes"] as? NSNumber).map { $0.int64Value }
                entry.enclosures.append(FeedEnclosure(url: href, type: type, length: length))
                entry.links.append(
                    FeedLink(href: href, rel: "enclosure", type: type, title: string(attachment["title"]), length: length))
            }
            return entry
        }
    }
}
