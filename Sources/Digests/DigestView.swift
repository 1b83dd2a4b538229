import Foundation

/// What the Markdown and HTML digests share: the words and numbers as people read them (the day,
/// times in the digest's zone, plurals, changes), anchors, and escaping. Both renderers walk the
/// same `Digest` in the same order, so they say the same.
struct DigestView {
    /// Stories shown in full before the rest is folded (`<details>` in HTML).
    static let openStories = 20
    /// Rows of the "at a glance" table before the rest is folded.
    static let openTrends = 15
    /// Stories listed under an actor or topic before the rest is folded.
    static let openPerSection = 5

    let digest: Digest
    let longDate: String
    let windowStart: String
    let windowEnd: String
    private let local: LocalTime
    private let titles: [String]
    private var anchors: [String: String] = [:]
    private var names: [String: String] = [:]

    init(_ digest: Digest) {
        self.digest = digest
        let zone = TimeZone(identifier: digest.timezone) ?? .gmt
        longDate = Self.formatter("EEEE d MMMM yyyy", zone).string(from: digest.window.start)
        let stamp = Self.formatter("yyyy-MM-dd HH:mm", zone)
        windowStart = stamp.string(from: digest.window.start)
        windowEnd = stamp.string(from: digest.window.end)
        local = LocalTime(zone)
        titles = digest.stories.map(\.title)
        for (prefix, sections) in [("a", digest.actors), ("t", digest.topics)] {
            for (k, section) in sections.enumerated() {
                let plain = section.id.unicodeScalars.allSatisfy {
                    $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_")
                }
                let cleaned = String(
                    String.UnicodeScalarView(section.id.unicodeScalars.filter { $0.isASCII && CharacterSet.alphanumerics.contains($0) }))
                anchors["\(prefix):\(section.id)"] = plain ? "\(prefix)-\(section.id)" : "\(prefix)\(k)-\(cleaned)"
                names["\(prefix):\(section.id)"] = section.name
            }
        }
    }

    static func formatter(_ format: String, _ zone: TimeZone) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = format
        return formatter
    }

    func clock(_ date: Date) -> String { local.clock(date) }
    func iso(_ date: Date) -> String { local.iso(date) }
    func title(_ number: Int) -> String { number >= 1 && number <= titles.count ? titles[number - 1] : "" }

    /// The fragment id of an actor ("a") or topic ("t"): its id where that is plain, else made plain and numbered.
    func anchor(_ prefix: String, _ id: String) -> String { anchors["\(prefix):\(id)"] ?? "\(prefix)-" }
    func anchor(_ trend: Digest.Trend) -> String { anchor(trend.kind == .actor ? "a" : "t", trend.id) }
    func name(_ prefix: String, _ id: String) -> String { names["\(prefix):\(id)"] ?? id }

    func plural(_ count: Int, _ word: String) -> String {
        count == 1 ? word : word == "story" ? "stories" : word + "s"
    }

    /// "+4.0", "−1.5", or "new" without history.
    func change(_ trend: Digest.Trend) -> String {
        trend.change.map { ($0 >= 0 ? "+" : "−") + Self.oneDecimal(abs($0)) } ?? "new"
    }

    static func oneDecimal(_ value: Double) -> String { String(format: "%.1f", value) }

    /// What the reader should know when there is little history, else nil.
    var historyNote: String? {
        let days = digest.historyDays
        guard days < Trend.minimumHistory else { return nil }
        if days == 0 { return "No history yet: changes show from the second day, spikes after \(Trend.minimumHistory) days." }
        return "\(days) \(days == 1 ? "day" : "days") of history so far: changes are against \(days == 1 ? "it" : "those days"), "
            + "and no spike is called before \(Trend.minimumHistory)."
    }

    let glanceCaption = "Stories this day per watched actor and topic; change against its baseline, the average of the previous days"

    /// "3 item, 1 story-update".
    static func kinds(_ rule: Digest.RuleAlerts) -> String {
        rule.kinds.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
    }

    /// Only web links are links: a hostile feed's javascript: URL stays text.
    static func isWebLink(_ link: String?) -> Bool {
        guard let link else { return false }
        return link.hasPrefix("https://") || link.hasPrefix("http://")
    }

    /// A link with the characters that could end it early in Markdown or HTML percent-encoded
    /// (a URL means the same with them encoded).
    static func safeLink(_ link: String) -> String {
        var out = ""
        for scalar in link.unicodeScalars {
            switch scalar {
            case " ", "(", ")", "<", ">", "\"", "'", "`", "\\", "[", "]", "|", "\n", "\r", "\t":
                out += String(format: "%%%02X", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The points of an SVG polyline over 14 days in a 112×24 box.
    static func sparkline(_ counts: [Int]) -> String {
        let top = max(1, counts.max() ?? 1)
        let step = counts.count > 1 ? 108.0 / Double(counts.count - 1) : 0
        return counts.enumerated().map { index, count in
            String(format: "%.1f,%.1f", 2 + Double(index) * step, 22 - 20 * Double(count) / Double(top))
        }.joined(separator: " ")
    }

    /// The same days as block characters, for Markdown and plain-text mail.
    static func bars(_ counts: [Int]) -> String {
        let blocks = Array("▁▂▃▄▅▆▇█")
        let top = max(1, counts.max() ?? 1)
        return String(counts.map { blocks[min(7, Int((Double($0) / Double(top) * 7).rounded()))] })
    }

    /// Text for HTML: `&`, `<`, `>`, quotes escaped (safe in elements and attribute values).
    static func escapeHTML(_ value: String, into out: inout String) {
        var start = value.utf8.startIndex
        let utf8 = value.utf8
        var index = start
        while index != utf8.endIndex {
            let replacement: String?
            switch utf8[index] {
            case UInt8(ascii: "&"): replacement = "&amp;"
            case UInt8(ascii: "<"): replacement = "&lt;"
            case UInt8(ascii: ">"): replacement = "&gt;"
            case UInt8(ascii: "\""): replacement = "&quot;"
            case UInt8(ascii: "'"): replacement = "&#39;"
            default: replacement = nil
            }
            if let replacement {
                out += value[start..<index]
                out += replacement
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        out += value[start..<utf8.endIndex]
    }

    /// Text for Markdown: a hostile title must not become a link, an image, raw HTML, code, emphasis,
    /// a table cell or a heading in a Markdown viewer; line ends become spaces.
    static func escapeMarkdown(_ value: String, into out: inout String) {
        let utf8 = value.utf8
        var start = utf8.startIndex
        var index = start
        while index != utf8.endIndex {
            let byte = utf8[index]
            switch byte {
            case UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "["), UInt8(ascii: "]"),
                UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "|"):
                out += value[start..<index]
                out += "\\"
                start = index  // the character itself follows with the next run
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                out += value[start..<index]
                out += " "
                let next = utf8.index(after: index)
                // "\r\n" is one line end: one space.
                if byte == UInt8(ascii: "\r"), next != utf8.endIndex, utf8[next] == UInt8(ascii: "\n") { index = next }
                start = utf8.index(after: index)
            default: break
            }
            index = utf8.index(after: index)
        }
        out += value[start..<utf8.endIndex]
    }
}
