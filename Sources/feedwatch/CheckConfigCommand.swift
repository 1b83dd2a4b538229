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

    @Argument(help: "The configuration file.")
    var file: String

    func run() async throws {
        let configuration = try ConfigurationInput.load(file)
        print(
            "\(file): ok — \(configuration.feeds.count) feeds, \(configuration.watchlist.actors.count) actors, "
                + "\(configuration.watchlist.topics.count) topics, \(configuration.rules.count) alert rules; database \(configuration.storagePath)"
        )
        for caution in configuration.cautions { print("caution: \(caution)") }
    }
}
