/// The `fetch` section: how feedwatch uses the network. Plain values, so that reading a
/// configuration needs no network library; the daemon turns them into the fetcher's limits.
public struct FetchSettings: Sendable, Equatable {
    /// Transfers at once over all hosts, and per host.
    public var concurrency = 32
    public var perHost = 2
    /// Seconds for a whole transfer (redirects included), and to connect.
    public var timeoutSeconds: Double = 30
    public var connectTimeoutSeconds: Double = 10
    /// Largest body accepted, counted after decompression.
    public var maxBodyBytes = 10 << 20
    /// A transfer slower than this for `lowSpeedSeconds` is abandoned.
    public var lowSpeedBytesPerSecond = 1024
    public var lowSpeedSeconds = 15
    public var maxRedirects = 5
    /// Lets links and redirects found in feeds reach loopback, private and link-local addresses
    /// (off by default, see README "Security").
    public var allowPrivateNetworks = false

    public init() {}
}
