import ArgumentParser
import Extractor
import FeedParser
import Foundation
import Logging
import Monitor
import Store

struct ExportOPMLCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-opml",
        abstract: "Print the configured feeds as OPML."
    )

    @Option(help: ConfigurationInput.help)
    var config: String?

    func run() async throws {
        let configuration = try ConfigurationInput.load(config)
        print(OPML.export(configuration.feeds.map { OPML.Feed(url: $0.url, name: $0.name, tags: $0.tags) }), terminator: "")
    }
}
