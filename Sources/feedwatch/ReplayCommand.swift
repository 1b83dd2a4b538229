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
            let rules = outcome.firing.map { "\($0) (\(outcome.new.contains($0) ? "new" : "already raised"))" }
            print("\(rules.joined(separator: ", ")): \(outcome.title)")
        }
        // Counted as `status` and `once` count alerts: one per rule and item.
        let items = outcomes.filter { !$0.firing.isEmpty }.count
        let fired = outcomes.reduce(0) { $0 + $1.firing.count }, new = outcomes.reduce(0) { $0 + $1.new.count }
        print(
            "\(outcomes.count) items since \(since); the rules fire \(fired) \(fired == 1 ? "time" : "times") on \(items) \(items == 1 ? "item" : "items"): \(fired - new) already raised, "
                + "\(new) new\(alert ? " (queued and delivered)" : " (dry run: nothing sent)")")
        if alert {
            // With a daemon running on this database, it delivers the queued alerts within a second;
            // delivering here too could race it.
            // On PostgreSQL deliveries are claimed: delivering beside running instances is safe.
            let lock = configuration.sharedDatabase ? nil : try? InstanceLock(database: configuration.storagePath)
            if configuration.sharedDatabase || lock != nil {
                await runtime.dispatcher().run()
                withExtendedLifetime(lock) {}
            } else {
                print("a running feedwatch holds this database: it delivers the queued alerts")
            }
        }
        await runtime.store.close()
    }
}
