import ArgumentParser
import Extractor
import Foundation
import Logging
import Monitor
import Store

struct CheckConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Check a configuration file: every problem, with its JSON path and line; exit 78 if any."
    )

    @Argument(help: "The configuration file (or --config FILE, as every command takes it).")
    var file: String?

    @Option(help: ConfigurationInput.help)
    var config: String?

    @Flag(
        help:
            "Check the file only, not whether the PostgreSQL server takes it (the systemd unit's check: the daemon waits for a server that is down)."
    )
    var skipDatabase = false

    func validate() throws {
        if let file, let config, file != config { throw ValidationError("two configuration files given: \(file) and --config \(config)") }
    }

    func run() async throws {
        let path = file ?? config ?? ConfigurationInput.defaultPath
        let configuration = try ConfigurationInput.load(path)
        print(
            "\(path): ok — \(configuration.feeds.count) feeds, \(configuration.watchlist.actors.count) actors, "
                + "\(configuration.watchlist.topics.count) topics, \(configuration.rules.count) alert rules; database \(configuration.databaseDescription)"
        )
        for caution in configuration.cautions { print("caution: \(caution)") }
        if let url = configuration.storage.postgresURL, !skipDatabase {
            // The file is valid; whether the server takes it is said apart, with its own exit status.
            do {
                print("database: \(try PostgresStore.probe(url: url)); instance \"\(configuration.instance)\"")
            } catch {
                Console.error("\(path): \(configuration.storage.postgresSource): \(error)")
                throw ExitCode(69)
            }
        }
    }
}
