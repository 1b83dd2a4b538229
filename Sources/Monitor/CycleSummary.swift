import Alerts
import Foundation
import Store

/// What one `once` did: each feed's poll, how many alerts it raised, and what each sink took.
public struct CycleSummary: Sendable {
    public struct SinkTally: Sendable, Equatable {
        public var delivered = 0
        public var failed = 0
        /// The last failure, in words (for the summary line).
        public var lastError: String?
    }

    public var reports: [PollReport]
    /// Alerts raised during the cycle (each goes to every sink of its rule), counted as `status` counts them.
    public var alerts: RaisedAlerts
    /// Deliveries still waiting after the cycle (sinks that failed retry later).
    public var deliveriesWaiting: Int
    public var sinks: [String: SinkTally]
    /// When the cycle began: its items are those first seen since.
    public var started = Date()
    /// The digests the cycle wrote, and the next one due.
    public var digests: DigestRun?

    /// Feeds whose poll failed (fetch, parse or storage), in URL order.
    public var failedFeeds: [PollReport] {
        reports.filter { $0.failure != nil && $0.failure != .cancelled }.sorted { $0.feed < $1.feed }
    }
}

/// Counts the deliveries of a cycle as they are attempted (observed from several sinks at once).
final class DeliveryTally: @unchecked Sendable {
    private let lock = NSLock()
    private var sinks: [String: CycleSummary.SinkTally] = [:]

    func record(_ outcome: DeliveryOutcome) {
        lock.lock()
        defer { lock.unlock() }
        if let failure = outcome.failure {
            sinks[outcome.sink, default: .init()].failed += 1
            sinks[outcome.sink, default: .init()].lastError = failure.description
        } else {
            sinks[outcome.sink, default: .init()].delivered += 1
        }
    }

    var snapshot: [String: CycleSummary.SinkTally] {
        lock.lock()
        defer { lock.unlock() }
        return sinks
    }
}

/// What a check for due digests did: the days it wrote, a failure, and the next digest to come.
public struct DigestRun: Sendable {
    public var written: [(day: String, paths: [String])] = []
    public var failure: String?
    /// Digests mailed (day, sink), and tries that failed (day, sink, error).
    public var mailed: [(day: String, sink: String)] = []
    public var mailFailures: [(day: String, sink: String, error: String)] = []
    public var next: (day: String, due: Date)
    public var timezone: String

    public init(next: (day: String, due: Date), timezone: String) {
        self.next = next
        self.timezone = timezone
    }

    /// "2026-12-03 07:00 Europe/Budapest": a time as the digest's settings speak of it.
    public static func local(_ date: Date, _ timezone: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: timezone) ?? .gmt
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return "\(formatter.string(from: date)) \(timezone)"
    }

    /// For people: what was written and when the next is due.
    public var lines: [String] {
        var lines = written.map { "digest \($0.day) written: \($0.paths.joined(separator: ", "))" }
        if let failure { lines.append("digest not written: \(failure)") }
        lines += mailed.map { "digest \($0.day) mailed to \($0.sink)" }
        lines += mailFailures.map { "digest \($0.day) not mailed to \($0.sink): \($0.error) (tried again later)" }
        lines.append("next digest: \(next.day), due \(Self.local(next.due, timezone))")
        return lines
    }
}
