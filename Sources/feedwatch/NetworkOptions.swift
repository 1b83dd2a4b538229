import ArgumentParser
import Fetcher
import Foundation

/// Network options shared by `fetch` and `parse URL`.
struct NetworkOptions: ParsableArguments {
    @Flag(name: .customLong("allow-file"), help: "Allow file:// URLs.")
    var allowFile = false

    @Flag(help: "Do not verify the server's TLS certificate (logged as a warning).")
    var insecure = false

    @Option(help: "Seconds for the whole transfer.")
    var timeout: Double = FetchLimits.default.totalTimeout

    @Option(name: .customLong("max-bytes"), help: "Largest body accepted, after decompression.")
    var maxBytes: Int = FetchLimits.default.maxBodyBytes

    @Flag(
        name: .customLong("allow-private-networks"),
        help: "Let redirects reach loopback, private and link-local addresses (the URL given is always trusted).")
    var allowPrivateNetworks = false

    func request(url: String, etag: String? = nil, lastModified: String? = nil) -> FetchRequest {
        var limits = FetchLimits.default
        limits.totalTimeout = timeout
        limits.maxBodyBytes = maxBytes
        return FetchRequest(
            url: url, etag: etag, lastModified: lastModified, allowFile: allowFile,
            verifyTLS: !insecure, limits: limits, privateNetworks: allowPrivateNetworks ? .anywhere : nil)
    }
}
