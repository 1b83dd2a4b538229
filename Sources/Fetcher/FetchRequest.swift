/// Hard bounds on one transfer. Every server is treated as hostile: each limit ends the transfer
/// with an error category a person can act on.
public struct FetchLimits: Sendable, Equatable {
    /// Seconds to establish the connection (TCP and TLS).
    public var connectTimeout: Double
    /// Seconds for the whole transfer, redirects included.
    public var totalTimeout: Double
    /// A transfer slower than `lowSpeedBytesPerSecond` for `lowSpeedSeconds` is abandoned.
    public var lowSpeedBytesPerSecond: Int
    public var lowSpeedSeconds: Int
    /// Largest body accepted, counted after decompression: a gzip bomb stops here too.
    public var maxBodyBytes: Int
    /// Largest total of response header lines, over all redirects.
    public var maxHeaderBytes: Int
    public var maxRedirects: Int

    public init(
        connectTimeout: Double = 10, totalTimeout: Double = 30, lowSpeedBytesPerSecond: Int = 1024,
        lowSpeedSeconds: Int = 15, maxBodyBytes: Int = 10 << 20, maxHeaderBytes: Int = 64 << 10,
        maxRedirects: Int = 5
    ) {
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        self.lowSpeedBytesPerSecond = lowSpeedBytesPerSecond
        self.lowSpeedSeconds = lowSpeedSeconds
        self.maxBodyBytes = maxBodyBytes
        self.maxHeaderBytes = maxHeaderBytes
        self.maxRedirects = maxRedirects
    }

    public static let `default` = FetchLimits()
}

/// One document to fetch.
public struct FetchRequest: Sendable, Equatable {
    public var url: String
    /// Validators from the previous response, sent as `If-None-Match` / `If-Modified-Since`.
    public var etag: String?
    public var lastModified: String?
    /// Allow `file://` URLs (only where the configuration says so; never after a redirect).
    public var allowFile: Bool
    /// Verify the server's TLS certificate. Turning it off is logged on every fetch.
    public var verifyTLS: Bool
    public var limits: FetchLimits
    /// A body to POST (webhooks) with its media type; nil for a GET.
    public var postBody: [UInt8]?
    public var postContentType: String?
    /// The non-public addresses this transfer may reach. By default the request's own URL is taken
    /// as one the user wrote: its host is trusted wherever it points, redirects elsewhere are not.
    /// A URL that came from the network (an item's link) must say whose host it may reach, usually
    /// the ``FetchResult/linkAccess`` of the response it was found in.
    public var privateNetworks: PrivateNetworkAccess

    public init(
        url: String, etag: String? = nil, lastModified: String? = nil, allowFile: Bool = false,
        verifyTLS: Bool = true, limits: FetchLimits = .default, postBody: [UInt8]? = nil,
        postContentType: String? = nil, privateNetworks: PrivateNetworkAccess? = nil
    ) {
        self.privateNetworks = privateNetworks ?? .hosts(of: [url])
        self.postBody = postBody
        self.postContentType = postContentType
        self.url = url
        self.etag = etag
        self.lastModified = lastModified
        self.allowFile = allowFile
        self.verifyTLS = verifyTLS
        self.limits = limits
    }
}

/// How the fetcher shares the network.
public struct FetcherConfiguration: Sendable {
    /// Transfers running at once over all hosts.
    public var maxConcurrentTransfers: Int
    /// Transfers running at once to one host (scheme, host and port), so no site is hammered.
    public var maxTransfersPerHost: Int
    public var userAgent: String

    public init(
        maxConcurrentTransfers: Int = 32, maxTransfersPerHost: Int = 2,
        userAgent: String = FetcherConfiguration.defaultUserAgent
    ) {
        self.maxConcurrentTransfers = max(1, maxConcurrentTransfers)
        self.maxTransfersPerHost = max(1, maxTransfersPerHost)
        self.userAgent = userAgent
    }

    public static let version = "0.1.0"
    public static let projectURL = "https://github.com/feedwatch/feedwatch"
    public static let defaultUserAgent = "feedwatch/\(version) (+\(projectURL))"
}
