import Alerts
import ArgumentParser
import Config
import Extractor
import FeedCore
import Fetcher
import Foundation
import Logging
import Store

/// `feedwatch-bench deliveries`: how fast queued alerts reach a sink (a JSON Lines file, a webhook,
/// an SMTP server one message per alert or batched). `scripts/bench/deliveries.sh` starts the
/// receiving servers and runs every kind.
struct DeliveryBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deliveries",
        abstract: "Queue N alerts (payloads of a real alert's size) and time their delivery to one sink."
    )

    enum Kind: String, ExpressibleByArgument, CaseIterable { case jsonl, webhook, email, emailBatch = "email-batch" }

    @Option(help: "Alerts to queue and deliver.")
    var alerts = 20_000

    @Option(help: "The sink: jsonl, webhook, email or email-batch.")
    var kind: Kind = .jsonl

    @Option(help: "The webhook's URL, or the SMTP server's (smtp://127.0.0.1:PORT).")
    var url: String?

    func run() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("feedwatch-bench-deliveries-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("alerts.jsonl")
        let store = try SQLiteStore(path: folder.appendingPathComponent("db.sqlite").path)
        let snippet = String(repeating: "Vladimir Putin said on Thursday that talks would go on. ", count: 12)
        let pending = (0..<alerts).map { i -> PendingAlert in
            var payload = AlertPayload(idempotencyKey: "putin:https://e.example/rss:i\(i):h", rule: "putin", kind: .item)
            payload.item = AlertPayload.Item(id: "i\(i)", title: "Item \(i)", link: "https://e.example/\(i)", published: nil)
            payload.actors = [AlertPayload.Actor(id: "putin", name: "Vladimir Putin", count: 3, salience: 0.8, snippets: [snippet])]
            return PendingAlert(
                ruleID: "putin", sinks: ["file"], onUpdate: false, maxPerHour: nil,
                idempotencyKey: payload.idempotencyKey, payload: payload.json)
        }
        try await store.enqueue(pending, kind: .item, feed: nil, at: Date())
        var configuration = Configuration(
            path: "", storagePath: "", feeds: [], watchlist: Watchlist(),
            digest: Configuration.Digest(folder: folder.path))
        var sink = Configuration.Sink(id: "file", kind: .jsonl, path: file.path, url: nil, command: nil, timeout: 10)
        switch kind {
        case .jsonl: break
        case .webhook: sink = Configuration.Sink(id: "file", kind: .webhook, url: url, timeout: 10)
        case .email, .emailBatch:
            sink = Configuration.Sink(id: "file", kind: .email, url: url, timeout: 30)
            var email = Configuration.Sink.Email(from: "feedwatch@bench.example", to: ["desk@bench.example"])
            email.starttls = false
            email.batch = kind == .emailBatch
            sink.email = email
        }
        configuration.sinks = [sink]
        configuration.fetch.allowPrivateNetworks = true
        var logger = Logger(label: "bench")
        logger.logLevel = .error
        let fetcher = Fetcher()
        defer { fetcher.shutdown() }
        let dispatcher = AlertDispatcher(configuration: configuration, store: store, fetcher: fetcher, logger: logger)
        let cpu = ProcessUsage.cpuSeconds()
        let clock = ContinuousClock()
        let start = clock.now
        var delivered = 0, rounds = 0
        while true {
            let round = await dispatcher.run()
            if round == 0 { break }
            delivered += round
            rounds += 1
        }
        let wall = (clock.now - start).seconds
        let used = ProcessUsage.cpuSeconds() - cpu
        let bytes = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
        print(
            "\(kind.rawValue): "
                + String(
                    format:
                        "%d alerts delivered in %d rounds: %.2f s wall, %.0f deliveries/s, %.3f ms CPU each (feedwatch's own), %.1f MB written",
                    delivered, rounds, wall, Double(delivered) / wall, used * 1000 / Double(max(1, delivered)),
                    Double(bytes) / 1e6))
        await store.close()
    }
}
