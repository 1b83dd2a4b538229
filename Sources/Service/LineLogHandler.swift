import Foundation
import Logging

/// Log lines for people and for `grep`: the message first, then its metadata as `key=value` (values
/// with spaces or quotes in double quotes), e.g.
///
///     2026-12-02T07:00:03Z notice digest written date=2026-12-01 files=/var/lib/feedwatch/digests/2026-12-01.md,…
///
/// Under systemd (stderr connected to the journal, `$JOURNAL_STREAM` set) the timestamp is left to the
/// journal and the level goes in front as a syslog priority (`<5>`), which journald reads as the
/// line's priority (`journalctl -p warning` then works).
public struct LineLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    private let journal: Bool
    private let write: @Sendable (String) -> Void

    /// Keys shown first, in this order, when present: what a line is about.
    static let leading = ["feed", "rule", "sink", "date", "item"]

    public init(journal: Bool = ProcessInfo.processInfo.environment["JOURNAL_STREAM"] != nil, write: @escaping @Sendable (String) -> Void) {
        self.journal = journal
        self.write = write
    }

    /// A handler writing to standard error.
    public static func standardError(label: String) -> LineLogHandler {
        LineLogHandler { line in FileHandle.standardError.write(Data(line.utf8)) }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var all = metadata
        if let extra = event.metadata { all.merge(extra) { _, new in new } }
        write(Self.line(level: event.level, message: "\(event.message)", metadata: all, journal: journal, at: Date()))
    }

    static func line(level: Logger.Level, message: String, metadata: Logger.Metadata, journal: Bool, at date: Date) -> String {
        var line = journal ? "<\(priority(level))>" : date.formatted(Date.ISO8601FormatStyle()) + " \(level) "
        line += message.replacingOccurrences(of: "\n", with: " ")
        let keys = leading.filter { metadata[$0] != nil } + metadata.keys.filter { !leading.contains($0) }.sorted()
        for key in keys { line += " \(key)=\(quoted(render(metadata[key]!)))" }
        return line + "\n"
    }

    /// syslog priorities as sd-daemon(3) prefixes them.
    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: return 7
        case .info: return 6
        case .notice: return 5
        case .warning: return 4
        case .error: return 3
        case .critical: return 2
        }
    }

    static func render(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let text): return text
        case .stringConvertible(let thing): return thing.description
        case .array(let values): return values.map(render).joined(separator: ",")
        case .dictionary(let pairs): return pairs.sorted { $0.key < $1.key }.map { "\($0.key):\(render($0.value))" }.joined(separator: ",")
        }
    }

    /// As it is when it is one plain word; else in double quotes with `"`, `\` and line ends escaped.
    static func quoted(_ value: String) -> String {
        let plain = !value.isEmpty && value.unicodeScalars.allSatisfy { $0.value > 0x20 && $0 != "\"" && $0 != "\\" && $0 != "=" }
        if plain { return value }
        var out = "\""
        for character in value {
            switch character {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n", "\r\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default: out.append(character)
            }
        }
        return out + "\""
    }
}
