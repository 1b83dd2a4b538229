/// Which non-public addresses (loopback, private networks, link-local, …; see ``SpecialRange``) one
/// transfer may connect to.
///
/// A URL the user wrote — a configured feed, a webhook — is trusted wherever it points. A URL that
/// arrived from the network — an item's link, a redirect, a feed link found in a page — is not: it
/// may reach only the public internet, or the host of the user's URL it came from, so that a
/// hostile feed cannot make feedwatch read a page on the local network and carry its text out in
/// an alert. The check is made on the address each socket actually connects to (and on each reused
/// connection), so host names that resolve there, numeric forms (`http://2130706433/`) and DNS
/// answers that change between two lookups are all judged by where they really lead.
public enum PrivateNetworkAccess: Sendable, Equatable, Hashable {
    /// Any address: the guard is off (`fetch.allowPrivateNetworks`, for a trusted network).
    case anywhere
    /// Non-public addresses only when reached under one of these host names (lowercased, as a URL
    /// writes them: "intranet.example", "10.0.0.5", "[fd00::1]"); every other URL, redirects
    /// included, only public addresses. (An array: it holds one or two names, and every request
    /// carries one.)
    case underHosts([String])

    /// Public addresses only.
    public static let publicOnly = PrivateNetworkAccess.underHosts([])

    /// Trust the hosts of these URLs (URLs the user wrote), and nothing else that is not public.
    public static func hosts(of urls: [String]) -> PrivateNetworkAccess {
        var hosts: [String] = []
        for host in urls.compactMap(CurlURL.host) where !hosts.contains(host) { hosts.append(host) }
        return .underHosts(hosts)
    }

    /// Whether a connection to `address`, made for a URL on `host`, is allowed. `host` is only
    /// computed for non-public addresses (it costs a URL parse).
    func allows(_ address: IPAddress, host: () -> String?) -> Bool {
        switch self {
        case .anywhere:
            return true
        case .underHosts(let trusted):
            guard !address.isPublic else { return true }
            guard !trusted.isEmpty, let host = host() else { return false }
            return trusted.contains(host)
        }
    }
}

/// A connection the guard refused: where it would have led, and for which URL.
public struct RefusedConnection: Sendable, Equatable, CustomStringConvertible {
    public var address: IPAddress
    public var range: SpecialRange
    public var url: String

    public var description: String {
        "refused to connect to \(address) (\(range.rawValue)) for \(url): a link or redirect may not reach a non-public "
            + "address unless private networks are allowed (fetch.allowPrivateNetworks, --allow-private-networks)"
    }
}

extension FetchResult {
    /// What URLs found in this response (an item's link, a feed link in a page) may reach.
    ///
    /// Only what the response's own request was allowed, and only if the response itself came from
    /// a non-public address: an internal feed on an internal server keeps its links to that server,
    /// while a public feed whose DNS later answers with 127.0.0.1 for the same name gains nothing.
    public var linkAccess: PrivateNetworkAccess {
        switch request.privateNetworks {
        case .anywhere:
            return .anywhere
        case .underHosts:
            guard let address, !address.isPublic, let host = CurlURL.host(finalURL) else { return .publicOnly }
            return .underHosts([host])
        }
    }
}
