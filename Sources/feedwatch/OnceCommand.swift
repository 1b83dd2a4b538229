import ArgumentParser
import Extractor
import Foundation
import Logging
import Monitor
import Service
import Store

struct OnceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "once",
        abstract: "Poll every configured feed once, store what is new, deliver every alert due, print a summary, and exit.",
        discussion: """
            For cron: the summary names each feed that failed and says how many alerts were raised and what each sink took. \
            Exit status: 0 when every feed was polled (a 304 counts), 69 when one or more feeds failed (they are listed on \
            standard error too), 74 when the database could not store a poll, 75 when another feedwatch holds the database, \
            78 for an invalid configuration. Alerts a sink could not take stay queued for the next run.
            """
    )

    @Option(help: ConfigurationInput.help)
    var config: String?

    @Option(
        help:
            "This instance's name among those sharing a PostgreSQL database (default: \"instance\" in the configuration, else the host name)."
    )
    var instance: String?

    @Flag(help: "Print only the summary, not one line per feed.")
    var quiet = false

    func run() async throws {
        var configuration = try ConfigurationInput.load(config)
        if let instance { configuration.instance = instance }
        let logger = ConfigurationInput.logger(level: configuration.logLevel == .info ? .warning : configuration.logLevel)
        let lock = try InstanceLock.acquireOrExit(configuration)
        defer { withExtendedLifetime(lock) {} }
        // No whole-file check: cron may run `once` every few minutes over a database of gigabytes.
        let daemon = try await Daemon.startOrExit(configuration: configuration, logger: logger, checkWholeFile: false)
        let summary = try await daemon.once()
        if !quiet {
            for report in summary.reports.sorted(by: { $0.feed < $1.feed }) {
                let outcome =
                    report.failure.map { "error: \($0)" }
                    ?? (report.notModified ? "not modified" : "\(report.newItems) new, \(report.updatedItems) updated")
                print("\(report.feed)  \(report.status)  \(outcome)  (\(Int((report.seconds * 1000).rounded())) ms)")
            }
        }
        // What this cycle stored (counted over its items only; `status` counts the whole database).
        try await StatusReport.printSummary(daemon.database, since: summary.started)
        for line in Self.cycleLines(summary) { print(line) }
        await daemon.database.close()
        if let failed = summary.reports.first(where: \.storageFailed) {
            // Fetched but not stored: cron (or whoever runs `once`) must hear of it.
            FileHandle.standardError.write(
                Data("feedwatch: the database could not store every poll: \(failed.failure.map(String.init(describing:)) ?? "")\n".utf8))
            throw ExitCode(74)  // EX_IOERR
        }
        let failed = summary.failedFeeds
        if !failed.isEmpty {
            for report in failed { Console.error("\(report.feed): \(report.failure.map(String.init(describing:)) ?? "")") }
            throw ExitCode(69)  // EX_UNAVAILABLE
        }
    }

    /// The cycle in a few lines: failed feeds, alerts raised, and each sink's deliveries.
    static func cycleLines(_ summary: CycleSummary) -> [String] {
        let failed = summary.failedFeeds
        var lines = ["polled \(summary.reports.count) feeds: \(summary.reports.count - failed.count) ok, \(failed.count) failed"]
        for report in failed { lines.append("  failed: \(report.feed) — \(report.failure.map(String.init(describing:)) ?? "")") }
        var alerts = "alerts: " + summary.alerts.phrase
        let quiet = summary.reports.reduce(0) { $0 + $1.quietItems }
        if quiet > 0 { alerts += "; \(quiet) items stored without alerts (a feed's first poll, or older than alerts.maxAgeHours)" }
        let sameStory = summary.reports.reduce(0) { $0 + $1.sameStory }
        if sameStory > 0 { alerts += "; \(sameStory) item alerts not raised: their stories were already alerted (other outlets' copies)" }
        for (sink, tally) in summary.sinks.sorted(by: { $0.key < $1.key }) {
            alerts += "; \(sink): \(tally.delivered) delivered"
            if tally.failed > 0 { alerts += ", \(tally.failed) failed (\(tally.lastError ?? "?"))" }
        }
        if summary.deliveriesWaiting > 0 { alerts += "; \(summary.deliveriesWaiting) deliveries waiting to be retried" }
        lines.append(alerts)
        lines += summary.digests?.lines ?? []
        return lines
    }
}
