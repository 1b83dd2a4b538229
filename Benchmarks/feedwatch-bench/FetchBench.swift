import ArgumentParser
import FeedCore
import FeedParser
import Fetcher
import Foundation

/// `feedwatch-bench fetch URLS`: every URL once, then again with the validators it returned.
struct FetchBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Fetch every URL of a list (one per line), then again conditionally; report rates and costs.",
        discussion: "scripts/bench/fetch.sh serves 10,000 feeds from nginx on 127.0.0.1-127.0.0.16 and runs this."
    )

    @Argument(help: "A file with one URL per line.")
    var urlFile: String

    @Option(help: "Transfers at once over all hosts.")
    var concurrency = 32

    @Option(name: .customLong("per-host"), help: "Transfers at once per host.")
    var perHost = 2

    @Option(
        name: .customLong("private-networks"),
        help:
            "own-host: each URL trusted as a configured feed, the guard checking every connection and request (default); anywhere: the guard off."
    )
    var privateNetworks = "own-host"

    func run() async throws {
        let urls = try String(contentsOfFile: urlFile, encoding: .utf8).split(whereSeparator: \.isNewline).map(String.init)
        guard !urls.isEmpty else { throw ValidationError("\(urlFile) lists no URL") }
        let fetcher = Fetcher(configuration: FetcherConfiguration(maxConcurrentTransfers: concurrency, maxTransfersPerHost: perHost))
        defer { fetcher.shutdown() }
        print("pass\tfetches\tstatus\twall s\tfetches/s\tCPU ms/fetch\tpeak RSS MB")
        let window = concurrency * 4
        guard ["own-host", "anywhere"].contains(privateNetworks) else { throw ValidationError("--private-networks: own-host or anywhere") }
        let access: PrivateNetworkAccess? = privateNetworks == "anywhere" ? .anywhere : nil
        let requests = urls.map { FetchRequest(url: $0, privateNetworks: access) }
        let first = await Self.pass("200", requests, fetcher, window: window, parse: false)
        let parsed = await Self.pass("200+parse", requests, fetcher, window: window, parse: true)
        let second = await Self.pass("304", first.validated, fetcher, window: window, parse: false)
        print(
            String(
                format: "a 304 costs %.2f× the CPU of a 200, and %.2f× the CPU of a 200 that is then parsed",
                second.cpuPerFetch / first.cpuPerFetch, second.cpuPerFetch / parsed.cpuPerFetch))
    }

    struct Pass {
        /// The same URLs with the validators each answer carried, for the conditional pass.
        var validated: [FetchRequest]
        var cpuPerFetch: Double
    }

    /// Fetches every request, keeping at most `window` fetches outstanding as the scheduler does, and
    /// keeping only the validators of each answer (bodies are dropped as they arrive).
    static func pass(_ name: String, _ requests: [FetchRequest], _ fetcher: Fetcher, window: Int, parse: Bool) async -> Pass {
        let cpuBefore = ProcessUsage.cpuSeconds()
        let clock = ContinuousClock()
        let start = clock.now
        var statuses: [String: Int] = [:]
        var validated: [FetchRequest] = []
        validated.reserveCapacity(requests.count)
        await withTaskGroup(of: FetchResult.self) { group in
            var next = 0
            func record(_ result: FetchResult) {
                statuses[result.error.map { $0.kind.rawValue } ?? String(result.status), default: 0] += 1
                validated.append(
                    FetchRequest(
                        url: result.request.url, etag: result.headers.etag ?? result.request.etag,
                        lastModified: result.headers.lastModified ?? result.request.lastModified,
                        privateNetworks: result.request.privateNetworks))
            }
            while next < requests.count || !group.isEmpty {
                while next < requests.count, next - validated.count < window {
                    let request = requests[next]
                    group.addTask {
                        let result = await fetcher.fetch(request)
                        if parse, result.status == 200 {
                            // What the daemon does next with a changed feed.
                            _ = try? FeedParser.parse(
                                result.body,
                                options: ParseOptions(
                                    baseURL: result.finalURL,
                                    contentType: result.headers.contentType))
                        }
                        return result
                    }
                    next += 1
                }
                if let result = await group.next() { record(result) }
            }
        }
        let wall = (clock.now - start).seconds
        let cpu = ProcessUsage.cpuSeconds() - cpuBefore
        let summary = statuses.sorted { $0.key < $1.key }.map { "\($0.key)×\($0.value)" }.joined(separator: " ")
        print(
            String(
                format: "%@\t%d\t%@\t%.2f\t%.0f\t%.3f\t%.1f", name, validated.count, summary, wall,
                Double(validated.count) / wall, cpu * 1000 / Double(validated.count), Double(ProcessUsage.residentMemory().peak) / 1e6))
        return Pass(validated: validated, cpuPerFetch: cpu / Double(validated.count))
    }
}
