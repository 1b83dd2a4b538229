import Alerts
import Foundation

/// What one `once` did: each feed's poll, how many alerts it raised, and what each sink took.
public struct CycleSummary: Sendable {
    public struct SinkTally: Sendable, Equatable {
        public var delivered = 0
        public var failed = 0
        /// The last failure, in words (for the summary line).
        public var lastError: String?
    }

    public var reports: [PollReport]
    /// Alerts queued during the cycle (each goes to every sink of its rule).
    public var alertsRaised: Int
    /// Of those, held back by a rule's `maxPerHour` (summarised later in one alert).
    public var alertsHeldBack: Int
    /// Deliveries still waiting after the cycle (sinks that failed retry later).
    public var deliveriesWaiting: Int
    public var sinks: [String: SinkTally]
    /// When the cycle began: its items are those first seen since.
    public var started = Date()

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
