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

    @Option(
        help:
            "This instance's name among those sharing a PostgreSQL database (default: \"instance\" in the configuration, else the host name)."
    )
    var instance: String?

    func run() async throws {
        var configuration = try ConfigurationInput.load(config)
        if let instance { configuration.instance = instance }
        let logger = ConfigurationInput.logger(level: configuration.logLevel)
        let lock = try InstanceLock.acquireOrExit(configuration)
        defer { withExtendedLifetime(lock) {} }
        let daemon = try await Daemon.startOrExit(configuration: configuration, logger: logger)
        try await daemon.run()
    }
}
