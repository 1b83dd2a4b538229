import Config
import Fetcher

/// The configuration's `fetch` section in the fetcher's terms (here, the lowest module that knows
/// both: the webhook sink and the poller above use them).
extension FetchSettings {
    /// The fetcher's bounds for one transfer, from the configuration.
    public var limits: FetchLimits {
        FetchLimits(
            connectTimeout: connectTimeoutSeconds, totalTimeout: timeoutSeconds, lowSpeedBytesPerSecond: lowSpeedBytesPerSecond,
            lowSpeedSeconds: lowSpeedSeconds, maxBodyBytes: maxBodyBytes, maxRedirects: maxRedirects)
    }

    /// What links and redirects found in a feed at `url` (a URL the user wrote) may reach.
    public func privateNetworks(trusting url: String) -> PrivateNetworkAccess {
        allowPrivateNetworks ? .anywhere : .hosts(of: [url])
    }
}
