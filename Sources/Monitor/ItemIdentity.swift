import FeedCore
import FeedParser
import Foundation

/// How an item is recognised when it appears again, and how a change to it is noticed.
enum ItemIdentity {
    /// The entry's id (guid), unless the feed rotates them; else its link without tracking
    /// parameters; else a hash of title and date.
    static func identity(of entry: FeedEntry, rotatingGuids: Bool) -> String {
        if !rotatingGuids, let id = entry.id?.trimmingCharacters(in: .whitespacesAndNewlines), !id.isEmpty {
            return "id:" + id
        }
        if let link = entry.link, !link.isEmpty { return "link:" + normalizedLink(link) }
        let stamp = (entry.published ?? entry.updated).map { String(Int64($0.timeIntervalSince1970)) } ?? ""
        return "hash:" + fnv1a((entry.title ?? "") + "\u{1F}" + stamp)
    }

    /// What the reader sees of an item: a change here is an update.
    static func contentHash(of entry: FeedEntry) -> String {
        fnv1a(
            [entry.title ?? "", entry.summary ?? "", entry.content.map(\.value).joined(separator: "\u{1E}"), entry.link ?? ""]
                .joined(separator: "\u{1F}"))
    }

    static let trackingParameters: Set<String> = [
        "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "yclid", "_ga", "ref_src", "cmpid", "ito",
    ]

    /// The link with `utm_*` and other tracking parameters and the fragment removed, scheme and host lowercased.
    static func normalizedLink(_ link: String) -> String {
        guard var components = URLComponents(string: link.trimmingCharacters(in: .whitespacesAndNewlines)) else { return link }
        components.fragment = nil
        components.scheme = components.scheme?.lowercased()
        components.host = components.host?.lowercased()
        if let items = components.queryItems {
            let kept = items.filter { item in
                let name = item.name.lowercased()
                return !name.hasPrefix("utm_") && !trackingParameters.contains(name)
            }
            components.queryItems = kept.isEmpty ? nil : kept
        }
        return components.string ?? link
    }

    /// The link as a story key: cleaned (`normalizedLink`), and without what differs between copies
    /// of one address — the scheme, a leading "www.", a trailing slash.
    static func canonicalLink(_ link: String) -> String {
        var canonical = Substring(normalizedLink(link))
        for scheme in ["https://", "http://"] where canonical.hasPrefix(scheme) { canonical = canonical.dropFirst(scheme.count) }
        if canonical.hasPrefix("www.") { canonical = canonical.dropFirst(4) }
        while canonical.hasSuffix("/") { canonical = canonical.dropLast() }
        return String(canonical)
    }

    static func fnv1a(_ text: String) -> String { String(FNV1a.hash(text), radix: 16) }
}
