import ArgumentParser
import Extractor
import FeedCore
import Foundation
import Logging
import Monitor
import Store

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Print each feed's health and the item and mention counts of the database."
    )

    @Option(help: ConfigurationInput.help)
    var config: String?

    func run() async throws {
        let configuration = try ConfigurationInput.load(config)
        let store = try configuration.openStore()
        let now = Date()
        for feed in try await store.feeds() {
            var state = feed.broken ? "BROKEN" : feed.consecutiveErrors > 0 ? "failing" : feed.polls == 0 ? "new" : "ok"
            if feed.consecutiveErrors > 0 { state += " (\(feed.consecutiveErrors) errors: \(feed.lastError ?? ""))" }
            let next = feed.nextDue <= now ? "due now" : "next in \(Int(feed.nextDue.timeIntervalSince(now) / 60)) min"
            let moved = feed.url != feed.configURL ? "  → \(feed.url)" : ""
            print("\(state)  \(feed.configURL)\(moved)  items \(feed.itemsSeen)  \(next)")
        }
        try await StatusReport.printSummary(store)
        // Counted as `once` and `replay` count them: alerts on items, per rule and item.
        let raised = try await store.alertsRaised(after: 0)
        let deliveries = try await store.alertCounts()
        print(
            "alerts: \(raised.phrase); deliveries: \(deliveries.delivered) delivered, \(deliveries.pending) pending, \(deliveries.failed) failed"
        )
        if let file = configuration.metricsFile, let text = try? String(contentsOfFile: file, encoding: .utf8) {
            print("metrics (\(file)):")
            print(StatusReport.readable(metrics: text).map { "  " + $0 }.joined(separator: "\n"))
        }
        await store.close()
    }
}

enum StatusReport {
    /// The metrics file for a person: sorted, histograms by their count and sum only, Unix times as dates.
    static func readable(metrics text: String) -> [String] {
        text.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.contains("_bucket{") }.sorted().map { line in
            let parts = line.split(separator: " ")
            guard parts.count == 2, parts[0].hasSuffix("_timestamp_seconds"), let seconds = Double(parts[1]) else { return String(line) }
            return "\(parts[0]) \(Date(timeIntervalSince1970: seconds.rounded()).isoString)"
        }
    }

    /// The database's figures, or with `since` those of the items first seen since then (a cycle's).
    static func printSummary(_ store: any FeedStore, since: Date? = nil) async throws {
        let counts = try await store.counts(since: since)
        print(
            "\(counts.feeds) feeds (\(counts.brokenFeeds) broken), \(counts.items) \(since == nil ? "items" : "new items"), "
                + "\(counts.itemsWithActors) mention watched actors (\(counts.mentions) mentions, \(counts.quotes) quotes)")
        let actors = try await store.topActors(limit: 10, since: since)
        if !actors.isEmpty {
            print("actors: " + actors.map { "\($0.id) \($0.items)" }.joined(separator: ", "))
        }
        let topics = try await store.topTopics(limit: 10, since: since)
        if !topics.isEmpty {
            print("topics: " + topics.map { "\($0.id) \($0.items)" }.joined(separator: ", "))
        }
        print("database: \(store.location)")
    }
}
