import ArgumentParser
import FeedParser
import Fetcher
import Foundation

/// `feedwatch fetch URL`: one fetch through the same libcurl engine the daemon uses.
struct FetchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Fetch a URL as the daemon would and print status, headers and timings.",
        discussion: "Exit codes: 0 for a 2xx or 304 answer, 69 when the fetch failed (the error says why)."
    )

    @Argument(help: "An http(s) URL (file:// with --allow-file).")
    var url: String

    @Option(help: "Send If-None-Match with this ETag.")
    var etag: String?

    @Option(name: .customLong("last-modified"), help: "Send If-Modified-Since with this date.")
    var lastModified: String?

    @Option(help: "Save the body to this file.")
    var output: String?

    @Flag(help: "Print every response header and libcurl's version.")
    var verbose = false

    @OptionGroup var network: NetworkOptions

    func run() async throws {
        let fetcher = Fetcher()
        defer { fetcher.shutdown() }
        let result = await fetcher.fetch(network.request(url: url, etag: etag, lastModified: lastModified))
        print(FetchReport.render(result, verbose: verbose))
        if let output, !result.body.isEmpty {
            try Data(result.body).write(to: URL(fileURLWithPath: output))
        }
        if let error = result.error {
            Console.error("\(url): \(error)")
            throw ExitCode(69)
        }
    }
}

enum FetchReport {
    static func render(_ result: FetchResult, verbose: Bool) -> String {
        var lines: [String] = []
        lines.append("status: \(result.status)\(result.notModified ? " (not modified)" : "")")
        lines.append("url: \(result.finalURL)")
        if let address = result.address { lines.append("address: \(address)\(address.specialRange.map { " (\($0.rawValue))" } ?? "")") }
        if let refused = result.refused { lines.append("refused: \(refused.address) (\(refused.range.rawValue)) for \(refused.url)") }
        if result.redirects > 0 { lines.append("redirects: \(result.redirects)") }
        if let moved = result.permanentURL { lines.append("moved permanently to: \(moved)") }
        let h = result.headers
        if let etag = h.etag { lines.append("etag: \(etag)") }
        if let lastModified = h.lastModified { lines.append("last-modified: \(lastModified)") }
        if let contentType = h.contentType { lines.append("content-type: \(contentType)") }
        if let encoding = h.contentEncoding { lines.append("content-encoding: \(encoding)") }
        if let retryAfter = h.retryAfter { lines.append(String(format: "retry-after: %.0f s", retryAfter.delay())) }
        if let maxAge = h.maxAge { lines.append("cache max-age: \(maxAge) s") }
        lines.append("body: \(result.body.count) bytes")
        let t = result.timings
        lines.append(
            String(
                format: "timings: dns %.3f s, connect %.3f s, tls %.3f s, first byte %.3f s, total %.3f s",
                t.dns, t.connect, t.tls, t.firstByte, t.total))
        if let error = result.error { lines.append("error: \(error)") }
        if FeedDiscovery.looksLikeHTML(result.body, contentType: h.contentType) {
            let feeds = FeedDiscovery.feeds(inHTML: result.body, pageURL: result.finalURL)
            lines.append(feeds.isEmpty ? "an HTML page that links to no feed" : "an HTML page; the feeds it links to:")
            for feed in feeds { lines.append("  \(feed.url)  (\(feed.type)\(feed.title.map { ", \($0)" } ?? ""))") }
        }
        if verbose {
            lines.append("headers:")
            for header in h.all { lines.append("  \(header.name): \(header.value)") }
            lines.append("libcurl: \(Fetcher.curlVersion)")
        }
        return lines.joined(separator: "\n")
    }
}
