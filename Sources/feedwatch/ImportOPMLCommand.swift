import ArgumentParser
import Extractor
import FeedParser
import Foundation
import Logging
import Monitor
import Store

struct ImportOPMLCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-opml",
        abstract: "Print the feeds of an OPML file as a \"feeds\" list for the configuration."
    )

    @Argument(help: "The OPML file.")
    var file: String

    func run() async throws {
        let listed: [OPML.Feed]
        do { listed = try OPML.feeds(fromFile: file) } catch {
            Console.error("\(file): \(error)")
            throw ExitCode(65)
        }
        let (feeds, repeated) = OPML.deduplicated(listed)
        for url in repeated { Console.error("\(file): warning: \(url) is listed more than once; kept once, with the tags of each") }
        let list = feeds.map { feed -> [String: Any] in
            var object: [String: Any] = ["url": feed.url]
            if let name = feed.name { object["name"] = name }
            if !feed.tags.isEmpty { object["tags"] = feed.tags }
            return object
        }
        let data = try JSONSerialization.data(
            withJSONObject: ["feeds": list], options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        FileHandle.standardOutput.write(data)
        print()
    }
}
