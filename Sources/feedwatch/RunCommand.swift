import ArgumentParser
import Extractor
import Foundation
import Logging
import Monitor
import Service
import Store

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the daemon: poll the configured feeds on their schedules until SIGTERM.",
        discussion:
            "SIGHUP reloads the configuration (an invalid one is logged and the running one kept). Exit 78 for an invalid configuration."
    )

    @Option(help: ConfigurationInput.help)
    var config: String?

    func run() async throws {
        let configuration = try ConfigurationInput.load(config)
        let logger = ConfigurationInput.logger(level: configuration.logLevel)
        let lock = try InstanceLock.acquireOrExit(database: configuration.storagePath)
        defer { withExtendedLifetime(lock) {} }
        let daemon = try await Daemon.startOrExit(configuration: configuration, logger: logger)
        try await daemon.run()
    }
}
