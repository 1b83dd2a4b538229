import ArgumentParser
import Config
import Digests
import Extractor
import FeedCore
import Foundation
import Logging
import Monitor
import Service
import Store

/// `feedwatch-bench alerts`: from a feed's fetch to its alert in the JSON Lines file.
struct AlertBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts",
        abstract: "Latency from fetching a feed with a new item to its alert line in the file (median, p99)."
    )

    @Option(help: "New items, one per poll.")
    var items = 1000

    func run() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("feedwatch-bench-alerts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let feed = folder.appendingPathComponent("feed.xml"), alerts = folder.appendingPathComponent("alerts.jsonl")
        let config = folder.appendingPathComponent("config.json")
        try Data(
            """
            {"storage": {"path": "\(folder.path)/db.sqlite"}, "feeds": [{"url": "file://\(feed.path)", "allowFile": true}],
             "watchlist": {"actors": [{"id": "putin", "name": "Vladimir Putin", "type": "person"}], "topics": []},
             "alerts": {"backfill": "alert", "maxAgeHours": 0, "sinks": [{"id": "file", "type": "jsonl", "path": "\(alerts.path)"}],
                        "rules": [{"id": "putin", "actors": ["putin"], "sinks": ["file"]}]},
             "digest": {"folder": "\(folder.path)/digests"}, "logLevel": "error"}
            """.utf8
        ).write(to: config)
        try Data("<rss version=\"2.0\"><channel><title>t</title></channel></rss>".utf8).write(to: feed)
        var logger = Logger(label: "bench")
        logger.logLevel = .error
        let daemon = try await Daemon(configuration: Configuration.load(path: config.path), logger: logger)
        _ = try await daemon.once()
        var latencies: [Double] = []
        var recent: [String] = []
        let clock = ContinuousClock()
        for i in 0..<items {
            recent.insert(
                "<item><title>Putin, item \(i)</title><guid>i\(i)</guid><link>https://e.example/\(i)</link>"
                    + "<description>Vladimir Putin said something about item \(i) today, officials said.</description></item>", at: 0)
            if recent.count > 20 { recent.removeLast() }
            try Data("<rss version=\"2.0\"><channel><title>t</title>\(recent.joined())</channel></rss>".utf8).write(to: feed)
            let start = clock.now
            _ = try await daemon.once()
            latencies.append((clock.now - start).seconds * 1000)
        }
        let lines = (try String(contentsOf: alerts, encoding: .utf8)).split(separator: "\n").count
        latencies.sort()
        print(
            String(
                format: "%d polls, %d alerts written; latency from fetch to alert line: median %.2f ms, p99 %.2f ms, max %.2f ms",
                items, lines, latencies[latencies.count / 2], latencies[Int(Double(latencies.count) * 0.99)], latencies.last ?? 0))
        await daemon.database.close()
    }
}

/// `feedwatch-bench digest`: a day of 50,000 items naming 1,000 actors.
struct DigestBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digest",
        abstract: "Digest generation time and memory for a day with many items and actors."
    )

    @Option var items = 50_000
    @Option var actors = 1000

    func run() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("feedwatch-bench-digest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let watchlist = Watchlist(
            actors: (0..<actors).map { WatchedActor(id: "a\($0)", name: "Actor Number\($0)", type: .person) },
            topics: [Topic(id: "energy", name: "Energy", query: "energy")])
        var configuration = Configuration(
            path: folder.appendingPathComponent("config.json").path, storagePath: folder.appendingPathComponent("db.sqlite").path,
            feeds: [], watchlist: watchlist, digest: Configuration.Digest(folder: folder.appendingPathComponent("digests").path))
        configuration.digest.timezone = "UTC"
        let store = try SQLiteStore(path: configuration.storagePath)
        try await store.syncFeeds((0..<20).map { FeedSpec(url: "https://feed\($0).example/rss", name: "Feed \($0)") })
        let feeds = try await store.feeds()
        var generator = SeededGenerator(seed: 3)
        let day = Date(timeIntervalSince1970: 1_795_651_200)  // 2026-11-26 00:00 UTC
        let clock = ContinuousClock()
        var start = clock.now
        for batch in stride(from: 0, to: items, by: 1000) {
            let batchItems = (batch..<min(items, batch + 1000)).map { i -> StoredItem in
                let named = (0..<Int(generator.next() % 3)).map { _ in Int(generator.next() % UInt64(actors)) }
                var item = StoredItem(
                    identity: "i\(i)", title: "Story \(i)", link: "https://e.example/\(i)", published: nil,
                    contentHash: "h\(i)", text: "Actor Number\(named.first ?? 0) spoke. Energy prices rose. Officials said so.")
                item.actors = Array(Set(named)).map {
                    StoredActor(
                        id: "a\($0)", count: 1, salience: 0.5,
                        mentions: [StoredMention(kind: "name", form: "Actor Number\($0)", sentence: 0)])
                }
                if i % 7 == 0 { item.topics = [StoredTopic(id: "energy", sentences: [1])] }
                if named.count == 2 {
                    item.coMentions = [StoredCoMention(a: "a\(min(named[0], named[1]))", b: "a\(max(named[0], named[1]))", count: 1)]
                }
                if i % 10 == 0, let first = named.first {
                    item.quotes = [
                        StoredQuote(
                            text: "We will see what happens next week.", speakerActor: "a\(first)", speakerText: "Actor",
                            verb: "said", sentence: 0)
                    ]
                }
                return item
            }
            _ = try await store.store(
                feed: feeds[batch / 1000 % feeds.count].id, items: batchItems,
                at: day.addingTimeInterval(Double(batch) / Double(items) * 80_000))
        }
        let fill = (clock.now - start).seconds
        let rssBefore = ProcessUsage.residentMemory().now
        start = clock.now
        let paths = try await DigestWriter(configuration: configuration, store: store).write(date: "2026-11-26")
        let elapsed = (clock.now - start).seconds
        let sizes = paths.map { (try? FileManager.default.attributesOfItem(atPath: $0)[.size] as? Int) ?? 0 }
        print(
            String(
                format: "%d items, %d actors stored in %.1f s; digest written in %.2f s (md/html/json: %@ bytes); "
                    + "RSS %.1f MB before, peak %.1f MB", items, actors, fill, elapsed,
                sizes.map(String.init).joined(separator: "/"), Double(rssBefore) / 1e6, Double(ProcessUsage.residentMemory().peak) / 1e6))
        await store.close()
    }
}
