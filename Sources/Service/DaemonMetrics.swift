import Alerts
import FeedCore
import Foundation
import Monitor
import Prometheus
import Store

/// What a person running feedwatch wants to graph, in the Prometheus text format: polls, 304s,
/// errors by kind, items, alerts by rule, deliveries by sink, the undelivered queue, poll duration,
/// feeds and broken feeds, database size. Written to a file that node_exporter's textfile collector
/// reads; `feedwatch status` prints it.
public final class DaemonMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()

    public init() {
        gauge("feedwatch_start_timestamp_seconds").set(Date().timeIntervalSince1970)
    }

    /// Buckets for poll durations: loopback 304s take milliseconds, the fetch limit is 30 s.
    static let pollBuckets: [Double] = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30]

    static let help: [String: String] = [
        "feedwatch_polls_total": "Feed polls by result (ok, not_modified, error).",
        "feedwatch_fetch_errors_total": "Failed polls by error kind.",
        "feedwatch_items_new_total": "New items stored.",
        "feedwatch_items_updated_total": "Changed items stored again.",
        "feedwatch_last_poll_seconds": "Duration of the last poll (fetch, parse, extract, store).",
        "feedwatch_poll_duration_seconds": "Poll durations (fetch, parse, extract, store).",
        "feedwatch_last_success_timestamp_seconds": "When a poll last succeeded (Unix time); a stalled daemon stops moving it.",
        "feedwatch_start_timestamp_seconds": "When the process started (Unix time).",
        "feedwatch_alert_deliveries_total": "Alert delivery attempts by sink and result.",
        "feedwatch_cycle_seconds": "Duration of the last full cycle (once).",
        "feedwatch_feeds": "Active feeds.",
        "feedwatch_feeds_broken": "Feeds failing long enough to count as broken.",
        "feedwatch_items": "Items in the database.",
        "feedwatch_alerts_undelivered": "Alert deliveries waiting (the outbox queue).",
        "feedwatch_alert_deliveries_failed": "Alert deliveries given up after every retry.",
        "feedwatch_alerts": "Alerts raised, by rule.",
        "feedwatch_database_bytes": "Size of the SQLite database and its WAL.",
        "feedwatch_resident_bytes": "Resident memory of the process now (VmRSS).",
        "feedwatch_peak_resident_bytes": "Highest resident memory of the process so far (VmHWM).",
    ]

    private func descriptor(_ name: String) -> MetricNameDescriptor {
        MetricNameDescriptor(metricName: name, unitName: "", helpText: Self.help[name] ?? name)
    }

    private func counter(_ name: String, _ labels: [(String, String)] = []) -> Counter {
        registry.makeCounter(descriptor: descriptor(name), labels: labels)
    }

    private func gauge(_ name: String, _ labels: [(String, String)] = []) -> Gauge {
        registry.makeGauge(descriptor: descriptor(name), labels: labels)
    }

    func poll(_ report: PollReport, seconds: Double) {
        let result = report.failure != nil ? "error" : report.notModified ? "not_modified" : "ok"
        counter("feedwatch_polls_total", [("result", result)]).increment()
        if let failure = report.failure {
            counter("feedwatch_fetch_errors_total", [("kind", failure.kind)]).increment()
        }
        counter("feedwatch_items_new_total").increment(by: Int64(report.newItems))
        counter("feedwatch_items_updated_total").increment(by: Int64(report.updatedItems))
        gauge("feedwatch_last_poll_seconds").set(seconds)
        registry.makeValueHistogram(descriptor: descriptor("feedwatch_poll_duration_seconds"), buckets: Self.pollBuckets).record(seconds)
        if report.failure == nil { gauge("feedwatch_last_success_timestamp_seconds").set(Date().timeIntervalSince1970) }
    }

    func delivery(_ outcome: DeliveryOutcome) {
        counter("feedwatch_alert_deliveries_total", [("sink", outcome.sink), ("result", outcome.delivered ? "ok" : "failed")]).increment()
    }

    func cycle(seconds: Double) {
        gauge("feedwatch_cycle_seconds").set(seconds)
    }

    /// Gauges read from the store, then the file written atomically.
    func write(to path: String?, store: any FeedStore) async {
        await refresh(from: store)
        guard let path else { return }
        try? AtomicFile.write(exposition(), to: URL(fileURLWithPath: path))
    }

    /// Everything in the Prometheus text format; the memory gauges are read now, the store's as of
    /// the last `write` (every 15 s in `run`).
    public func exposition() -> Data {
        let memory = ProcessUsage.residentMemory()
        gauge("feedwatch_resident_bytes").set(Double(memory.now))
        gauge("feedwatch_peak_resident_bytes").set(Double(memory.peak))
        return Data(registry.emitToBuffer())
    }

    private func refresh(from store: any FeedStore) async {
        if let counts = try? await store.metricsCounts() {
            gauge("feedwatch_feeds").set(Double(counts.feeds))
            gauge("feedwatch_feeds_broken").set(Double(counts.brokenFeeds))
            gauge("feedwatch_items").set(Double(counts.items))
            gauge("feedwatch_alerts_undelivered").set(Double(counts.pendingDeliveries))
            gauge("feedwatch_alert_deliveries_failed").set(Double(counts.failedDeliveries))
        }
        for (rule, count) in ((try? await store.alertsByRule()) ?? [:]).sorted(by: { $0.key < $1.key }) {
            gauge("feedwatch_alerts", [("rule", rule)]).set(Double(count))
        }
        if let size = await store.sizeOnDisk() { gauge("feedwatch_database_bytes").set(Double(size)) }
    }
}
