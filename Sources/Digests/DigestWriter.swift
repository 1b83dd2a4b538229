import Config
import FeedCore
import Foundation
import Store

/// Builds and writes daily digests from the store.
public struct DigestWriter: Sendable {
    public let configuration: Configuration
    public let store: any FeedStore

    public init(configuration: Configuration, store: any FeedStore) {
        self.configuration = configuration
        self.store = store
    }

    var timeZone: TimeZone { TimeZone(identifier: configuration.digest.timezone) ?? .gmt }

    var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    /// The local day `date` ("YYYY-MM-DD", a day the calendar has) as an instant range.
    func window(_ date: String) -> (Date, Date)? {
        let parts = date.split(separator: "-").compactMap { Int($0) }
        guard Self.isDay(date), let start = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])),
            let end = calendar.date(byAdding: .day, value: 1, to: start)
        else { return nil }
        return (start, end)
    }

    /// "YYYY-MM-DD" naming a day that exists (not 2026-13-01, not 2026-02-30).
    public static func isDay(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return false }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        guard let date = calendar.date(from: DateComponents(year: year, month: month, day: day)) else { return false }
        let back = calendar.dateComponents([.year, .month, .day], from: date)
        return back.year == year && back.month == month && back.day == day
    }

    func dayString(_ date: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }

    /// The digest of one local day.
    public func build(date: String) async throws -> Digest {
        guard let (start, end) = window(date) else { throw DigestError.badDate(date) }
        let maxAge = configuration.alertMaxAge
        let rows = try await store.digestRows(from: start, to: end, maxAge: maxAge)
        var history: [DailyCounts] = []
        for back in (1...14).reversed() {
            let dayStart = calendar.date(byAdding: .day, value: -back, to: start)!
            history.append(
                try await store.dailyCounts(from: dayStart, to: calendar.date(byAdding: .day, value: 1, to: dayStart)!, maxAge: maxAge))
        }
        let historyDays =
            try await store.firstItemSeen().map {
                min(14, max(0, calendar.dateComponents([.day], from: calendar.startOfDay(for: $0), to: start).day ?? 0))
            } ?? 0
        let assembly = DigestAssembly(
            rows: rows,
            actorNames: Dictionary(configuration.watchlist.actors.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first }),
            topicNames: Dictionary(configuration.watchlist.topics.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first }))
        // Snippets from the texts of a few hundred items at a time: a day's texts need not all be in memory.
        var snippets: [Int64: String] = [:]
        let wanted = assembly.representatives
        for start in stride(from: 0, to: wanted.count, by: 500) {
            let chunk = Dictionary(
                wanted[start..<min(wanted.count, start + 500)].map { ($0.item, $0.sentence) }, uniquingKeysWith: { a, _ in a })
            for (item, text) in try await store.itemTexts(Array(chunk.keys)) {
                snippets[item] = DigestAssembly.sentence(text, chunk[item] ?? -1)
            }
        }
        let stories = assembly.stories(snippets: snippets)
        let actors = assembly.sections(topics: false)
        let topics = assembly.sections(topics: true)
        func trends(_ sections: [Digest.Section], kind: Digest.Trend.Kind) -> [Digest.Trend] {
            sections.map { section in
                let previous = history.map { (kind == .actor ? $0.actors : $0.topics)[section.id] ?? 0 }
                let baseline = Trend.baseline(previous: previous, historyDays: historyDays)
                return Digest.Trend(
                    kind: kind, id: section.id, name: section.name, stories: section.stories.count,
                    baseline: baseline.map { ($0 * 100).rounded() / 100 },
                    change: baseline.map { ((Double(section.stories.count) - $0) * 100).rounded() / 100 },
                    history: previous.suffix(13) + [section.stories.count],
                    spike: Trend.isSpike(today: section.stories.count, baseline: baseline, historyDays: historyDays))
            }
        }
        let glance = (trends(actors, kind: .actor) + trends(topics, kind: .topic)).sorted {
            ($0.spike ? 1 : 0, $0.stories, $1.name) > ($1.spike ? 1 : 0, $1.stories, $0.name)
        }
        let quotes = assembly.quotes()
        return Digest(
            date: date, timezone: configuration.digest.timezone, window: Digest.Window(start: start, end: end),
            historyDays: historyDays,
            counts: Digest.Counts(
                items: rows.items.count, olderItems: rows.olderItems, stories: assembly.storyCount, watchedStories: stories.count,
                feeds: Set(stories.flatMap { $0.outlets.map(\.feed) }).count, alerts: rows.alerts.count, quotes: quotes.count),
            glance: glance, stories: stories, actors: actors, topics: topics, quotes: quotes, alerts: assembly.alerts())
    }

    /// A day's digest for a mail: a subject naming the day, its stories and its spikes; the Markdown
    /// and the HTML.
    public func mailable(date: String) async throws -> (subject: String, markdown: String, html: String) {
        let digest = try await build(date: date)
        let day = DigestView.formatter("EEEE d MMMM yyyy", timeZone).string(from: digest.window.start)
        var subject =
            "feedwatch digest — \(day): \(digest.counts.watchedStories) \(digest.counts.watchedStories == 1 ? "story" : "stories")"
        let spikes = digest.glance.filter(\.spike).prefix(3).map(\.name)
        if !spikes.isEmpty { subject += "; spikes: " + spikes.joined(separator: ", ") }
        return (subject, DigestMarkdown.render(digest), DigestHTML.render(digest))
    }

    /// The last day whose digest is due by `now` (nil before anything was stored that day or since).
    public func latestDueDay(at now: Date) async throws -> String? {
        guard let first = try await store.firstItemSeen() else { return nil }
        let next = nextDigest(after: now)
        guard let (start, _) = window(next.day), let day = calendar.date(byAdding: .day, value: -1, to: start),
            calendar.date(byAdding: .day, value: 1, to: day)! > first
        else { return nil }
        return dayString(day)
    }

    /// Writes one of a digest's files, atomically.
    static func write(_ digest: Digest, as format: DigestFormat, to target: URL) throws {
        switch format {
        case .json: try AtomicFile.write(digest.jsonBytes(), to: target)
        case .md: try AtomicFile.write(text: DigestMarkdown.render(digest), to: target)
        case .html: try AtomicFile.write(text: DigestHTML.render(digest), to: target)
        }
    }

    /// Writes the day's digest in every configured format, each atomically (temporary file, then rename),
    /// so a reader or a full disk never sees half a file. Returns the paths written.
    @discardableResult
    public func write(date: String) async throws -> [String] {
        let folder = URL(fileURLWithPath: configuration.digest.folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let digest = try await build(date: date)
        var written: [String] = []
        // One format at a time: only one file's bytes in memory at once.
        for format in configuration.digest.formats {
            let target = folder.appendingPathComponent("\(date).\(format.rawValue)")
            try Self.write(digest, as: format, to: target)
            try DigestAccess.apply(configuration.digest, to: target.path)
            written.append(target.path)
        }
        return written
    }

    /// When the digest of the local day holding `day` is due: the next day at `digest.time`.
    func due(ofDayHolding day: Date) -> Date {
        let parts = configuration.digest.time.split(separator: ":").compactMap { Int($0) }
        let start = calendar.startOfDay(for: day)
        return calendar.date(byAdding: DateComponents(day: 1, hour: parts.first ?? 7, minute: parts.last ?? 0), to: start)!
    }

    /// The next digest to come after `now`: its day and when it is due.
    public func nextDigest(after now: Date) -> (day: String, due: Date) {
        let today = calendar.startOfDay(for: now)
        let yesterday = calendar.date(byAdding: .day, value: -1, to: today)!
        // Yesterday's is due this morning; once that time has passed, today's is next (tomorrow).
        let day = due(ofDayHolding: yesterday) > now ? yesterday : today
        return (dayString(day), due(ofDayHolding: day))
    }

    /// Days whose digest time has passed but whose files are missing (the daemon was down), oldest first,
    /// within the last `lookback` days and not before the first item was seen.
    public func missingDays(at now: Date, lookback: Int = 7) async throws -> [String] {
        guard let first = try await store.firstItemSeen() else { return [] }
        let today = calendar.startOfDay(for: now)
        var days: [String] = []
        for back in (1...lookback).reversed() {
            guard let day = calendar.date(byAdding: .day, value: -back, to: today), due(ofDayHolding: day) <= now,
                calendar.date(byAdding: .day, value: 1, to: day)! > first
            else { continue }
            let name = dayString(day)
            let exists = configuration.digest.formats.allSatisfy {
                FileManager.default.fileExists(
                    atPath: URL(fileURLWithPath: configuration.digest.folder).appendingPathComponent("\(name).\($0.rawValue)").path)
            }
            if !exists { days.append(name) }
        }
        return days
    }
}

public enum DigestError: Error, CustomStringConvertible {
    case badDate(String)

    public var description: String {
        switch self {
        case .badDate(let date): return "\"\(date)\" is not a day of the calendar as YYYY-MM-DD"
        }
    }
}
