import Config
import Fetcher
import Foundation

/// The webhook sink: the alert's JSON POSTed to a URL the user wrote (trusted; its redirects to
/// other hosts are guarded like any link, see `PrivateNetworkAccess`).
enum WebhookSink {
    static func post(_ payload: String, to sink: Configuration.Sink, settings: FetchSettings, fetcher: Fetcher) async -> DeliveryOutcome {
        var limits = settings.limits
        limits.totalTimeout = sink.timeout
        let url = sink.url ?? ""
        let result = await fetcher.fetch(
            FetchRequest(
                url: url, limits: limits, postBody: Array(payload.utf8),
                postContentType: "application/json",
                privateNetworks: settings.privateNetworks(trusting: url)))
        let retryAfter = result.headers.retryAfter?.delay()
        if let error = result.error { return DeliveryOutcome(sink: sink.id, failure: .fetch(error), retryAfter: retryAfter) }
        guard (200..<300).contains(result.status) else {
            return DeliveryOutcome(sink: sink.id, failure: .httpStatus(result.status), retryAfter: retryAfter)
        }
        return DeliveryOutcome(sink: sink.id, failure: nil, retryAfter: retryAfter)
    }
}
