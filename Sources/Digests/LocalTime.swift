import FeedCore
import Foundation

/// Times as the digest writes them, in its time zone: "2026-11-20T12:00:00+01:00" and "12:00".
/// Formatted by arithmetic on the zone's offset (asked of the zone once per span between its
/// transitions), because a day's digest writes hundreds of thousands of them and ICU's formatters
/// take microseconds each.
final class LocalTime: @unchecked Sendable {
    private let zone: TimeZone
    /// Spans of time [start, end) with one offset: from a date asked about to the zone's next transition.
    private var spans: [(start: Double, end: Double, offset: Int)] = []
    private let lock = NSLock()

    init(_ zone: TimeZone) { self.zone = zone }

    /// Seconds east of UTC at `date`.
    private func offset(_ date: Date) -> Int {
        let t = date.timeIntervalSince1970
        lock.lock()
        defer { lock.unlock() }
        if let span = spans.first(where: { $0.start <= t && t < $0.end }) { return span.offset }
        let offset = zone.secondsFromGMT(for: date)
        let end = zone.nextDaylightSavingTimeTransition(after: date)?.timeIntervalSince1970 ?? .infinity
        spans.append((t, end, offset))
        if spans.count > 64 { spans.removeFirst() }
        return offset
    }

    /// Year, month, day, hour, minute, second of the local time (whole seconds), and the offset.
    private func fields(_ date: Date) -> (Int, Int, Int, Int, Int, Int, Int) {
        let offset = offset(date)
        let local = Int((date.timeIntervalSince1970).rounded(.down)) + offset
        let days = local >= 0 ? local / 86400 : (local - 86399) / 86400
        let seconds = local - days * 86400
        let (year, month, day) = FeedDate.civilFromDays(Int64(days))
        return (Int(year), Int(month), Int(day), seconds / 3600, seconds / 60 % 60, seconds % 60, offset)
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// "2026-11-20T12:00:00+01:00" ("Z" at UTC, as ISO8601DateFormatter writes it).
    func iso(_ date: Date) -> String {
        let (year, month, day, hour, minute, second, offset) = fields(date)
        let zone =
            offset == 0
            ? "Z" : (offset < 0 ? "-" : "+") + Self.two(abs(offset) / 3600) + ":" + Self.two(abs(offset) / 60 % 60)
        return "\(year)-\(Self.two(month))-\(Self.two(day))T\(Self.two(hour)):\(Self.two(minute)):\(Self.two(second))\(zone)"
    }

    /// "12:00".
    func clock(_ date: Date) -> String {
        let (_, _, _, hour, minute, _, _) = fields(date)
        return "\(Self.two(hour)):\(Self.two(minute))"
    }
}
