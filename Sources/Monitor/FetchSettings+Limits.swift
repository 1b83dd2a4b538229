import Config
import Fetcher

extension FetchSettings {
    /// The fetcher's bounds for one transfer, from the configuration.
    var limits: FetchLimits {
        FetchLimits(connectTimeout: connectTimeoutSeconds, totalTimeout: timeoutSeconds, lowSpeedBytesPerSecond: lowSpeedBytesPerSecond,
                    lowSpeedSeconds: lowSpeedSeconds, maxBodyBytes: maxBodyBytes, maxRedirects: maxRedirects)
    }

    /// What links and redirects found in a feed at `url` (a URL the user wrote) may reach.
    func privateNetworks(trusting url: String) -> PrivateNetworkAccess {
        allowPrivateNetworks ? .anywhere : .hosts(of: [url])
    }
}
