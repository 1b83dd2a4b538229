import Logging

/// Fetches documents over HTTP(S) with libcurl's multi interface: many transfers on one thread,
/// within global and per-host limits, each bounded in time and size.
///
/// `fetch` suspends the calling task without blocking a thread; results come back as values, never
/// as thrown errors, so a failing feed is data the scheduler can act on.
public final class Fetcher: Sendable {
    private let engine: CurlEngine
    private let logger: Logger

    public init(configuration: FetcherConfiguration = FetcherConfiguration(), logger: Logger = Logger(label: "feedwatch.fetcher")) {
        engine = CurlEngine(configuration: configuration)
        self.logger = logger
    }

    deinit {
        engine.shutdown()
    }

    /// Fetches one document. Cancelling the calling task abandons the transfer.
    public func fetch(_ request: FetchRequest) async -> FetchResult {
        if !request.verifyTLS {
            logger.warning("TLS certificate verification is off for this feed", metadata: ["url": "\(request.url)"])
        }
        let id = engine.newID()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                engine.submit(request, id: id, continuation: continuation)
            }
        } onCancel: {
            engine.cancel(id: id)
        }
    }

    /// Abandons all transfers (their tasks get `.cancelled` results) and stops the network thread.
    public func shutdown() {
        engine.shutdown()
    }

    /// libcurl's version and features, e.g. for `feedwatch fetch --verbose`.
    public static var curlVersion: String { CurlGlobal.version }

    /// "scheme://host:port", lowercased, as libcurl reads the URL: the unit the per-host transfer
    /// limit counts, and the one a 429 or 503 slows down.
    public static func hostKey(of url: String) -> String { CurlURL.hostKey(url) }
}
