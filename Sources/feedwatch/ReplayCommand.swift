import ArgumentParser
import Extractor
import Foundation
import Logging
import Monitor
import Service
import Store

struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Apply the current watchlist and rules to stored items again (a dry run unless --alert).",
        discussion: "With --alert the new extraction is stored and the alerts delivered; an alert already raised is not raised twice."
    )

    @Option(help: ConfigurationInput.help)
    var config: String?

    @Option(help: "How far back: 7d, 12h, 30m.")
    var since = "7d"

    @Flag(help: "Store the new extraction and deliver the alerts (default: only show them).")
    var alert = false

    func run() async throws {
        let configuration = try ConfigurationInput.load(config)
        guard let window = ConfigurationInput.duration(since) else {
            throw ValidationError("--since takes a number and a unit: 7d, 12h, 30m")
        }
        // Beside a running daemon: the feed list is left to the instance that holds the lock.
        let runtime = try await Runtime(
            configuration: configuration, logger: ConfigurationInput.logger(level: .error), access: alert ? .writer : .reader)
        let outcomes = try await Replay(configuration: configuration, store: runtime.store)
            .run(since: Date().addingTimeInterval(-window), deliver: alert)
        for outcome in outcomes where !outcome.firing.isEmpty {
            print("\(outcome.firing.joined(separator: ", ")): \(outcome.title)")
        }
        let firing = outcomes.filter { !$0.firing.isEmpty }.count
        print(
            "\(outcomes.count) items since \(since); \(firing) would raise alerts\(alert ? " (queued and delivered)" : " (dry run: nothing sent)")"
        )
        if alert {
            // With a daemon running on this database, it delivers the queued alerts within a second;
            // delivering here too could race it.
            if let lock = try? InstanceLock(database: configuration.storagePath) {
                await runtime.dispatcher().run()
                withExtendedLifetime(lock) {}
            } else {
                print("a running feedwatch holds this database: it delivers the queued alerts")
            }
        }
        await runtime.store.close()
    }
}
