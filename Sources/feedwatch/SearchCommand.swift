import ArgumentParser
import FeedCore
import Foundation
import Monitor
import Store

struct SearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search the stored items' titles and texts, best match first, with a snippet of each.",
        discussion: """
            QUERY is written as a topic query: words ("sanctions" also finds "sanction"), prefix*, "a phrase", AND, OR, \
            x NOT y, a NEAR/5 b, title:word, parentheses; diacritics need not be typed ("orban" finds "Orbán"). \
            Exit 0 with or without hits, 65 for a query that cannot be read.
            """
    )

    @Option(help: ConfigurationInput.help)
    var config: String?

    @Argument(help: "The query.")
    var query: String

    @Option(help: "Only items first seen this recently: 7d, 12h, 30m.")
    var since: String?

    @Option(help: "Only items that mention this watched actor (its id).")
    var actor: String?

    @Option(help: "Only items that match this topic (its id).")
    var topic: String?

    @Option(help: "At most this many items.")
    var limit = 20

    @Flag(help: "One JSON object per line instead of text.")
    var json = false

    func run() async throws {
        let configuration = try ConfigurationInput.load(config)
        let cutoff = try since.map { text -> Date in
            guard let seconds = ConfigurationInput.duration(text) else {
                throw ValidationError("--since takes a number and a unit: 7d, 12h, 30m")
            }
            return Date().addingTimeInterval(-seconds)
        }
        let request: SearchRequest
        do { request = try SearchQuery.request(query, since: cutoff, actor: actor, topic: topic, limit: limit) } catch {
            Console.error("\(query): \(error)")
            throw ExitCode(65)
        }
        let store = try configuration.openStore(readOnly: true)
        let hits = try await store.search(request)
        await store.close()
        for hit in hits {
            if json {
                let object: [String: Any] = [
                    "id": hit.id, "title": hit.title ?? "", "link": hit.link ?? "", "feed": hit.feed,
                    "firstSeen": hit.firstSeen.isoString, "snippet": hit.snippet, "rank": hit.rank,
                ]
                let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
                print(String(decoding: data, as: UTF8.self))
            } else {
                print("\(hit.id)  \(hit.title ?? "(untitled)")  — \(hit.feed), \(hit.firstSeen.isoString)")
                if let link = hit.link { print("    \(link)") }
                print("    \(hit.snippet)")
            }
        }
        if !json { print("\(hits.count) item\(hits.count == 1 ? "" : "s")") }
    }
}
