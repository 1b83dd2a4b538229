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
        abstract: "Poll every configured feed once, store what is new, print a summary, and exit."
    )

    @Option(help: "The configuration file.")
    var config: String

    @Flag(help: "Print only the summary, not one line per feed.")
    var quiet = false

    func run() async throws {
        let configuration = try ConfigurationInput.load(config)
        let logger = ConfigurationInput.logger(level: configuration.logLevel == .info ? .warning : configuration.logLevel)
        let lock = try InstanceLock.acquireOrExit(database: configuration.storagePath)
        defer { withExtendedLifetime(lock) {} }
        let daemon = try await Daemon.startOrExit(configuration: configuration, logger: logger)
        let reports = try await daemon.once()
        if !quiet {
            for report in reports.sorted(by: { $0.feed < $1.feed }) {
                let outcome =
                    report.failure.map { "error: \($0)" }
                    ?? (report.notModified ? "not modified" : "\(report.newItems) new, \(report.updatedItems) updated")
                print("\(report.feed)  \(report.status)  \(outcome)  (\(Int((report.seconds * 1000).rounded())) ms)")
            }
        }
        try await StatusReport.printSummary(daemon.database)
        await daemon.database.close()
        if let failed = reports.first(where: \.storageFailed) {
            // Fetched but not stored: cron (or whoever runs `once`) must hear of it.
            FileHandle.standardError.write(
                Data("feedwatch: the database could not store every poll: \(failed.failure.map(String.init(describing:)) ?? "")\n".utf8))
            throw ExitCode(74)  // EX_IOERR
        }
    }
}
