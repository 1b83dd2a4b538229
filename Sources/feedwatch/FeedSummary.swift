import FeedCore
import FeedParser

/// The human-readable form of `feedwatch parse`.
enum FeedSummary {
    static func render(_ parsed: ParsedFeed) -> String {
        var lines: [String] = []
        let feed = parsed.feed
        lines.append(
            "\(feed.title ?? "(untitled)")  [\(parsed.version.rawValue), \(parsed.encoding)\(parsed.wellFormed ? "" : ", not well-formed")]"
        )
        if let link = feed.link { lines.append(link) }
        if let subtitle = feed.subtitle { lines.append(subtitle) }
        if let updated = feed.updated ?? feed.published { lines.append("updated \(FeedDate.format(updated))") }
        for issue in parsed.errors.prefix(10) {
            lines.append("! line \(issue.line): \(issue.message)")
        }
        if parsed.errors.count > 10 { lines.append("! … \(parsed.errors.count - 10) more") }
        lines.append("")
        lines.append("\(parsed.entries.count) entries")
        for entry in parsed.entries {
            let date = (entry.published ?? entry.updated).map(FeedDate.format) ?? "                    "
            lines.append("  \(date)  \(entry.title ?? "(untitled)")")
            if let link = entry.link { lines.append("                        \(link)") }
        }
        return lines.joined(separator: "\n")
    }
}
