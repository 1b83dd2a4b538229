import Foundation

/// Hosts that asked to be left alone (429, 503, 403), shared by all polls.
actor HostGate {
    private var until: [String: Date] = [:]

    func slow(_ host: String, until date: Date) {
        until[host] = max(until[host] ?? date, date)
    }

    func snapshot() -> [String: Date] {
        let now = Date()
        until = until.filter { $0.value > now }
        return until
    }
}
