import Foundation

/// Why a fetch failed, in terms a person can act on.
public enum FetchErrorKind: String, Sendable, Codable, Equatable {
    /// The host name did not resolve.
    case dns
    /// Nothing accepted the connection (refused, unreachable).
    case connectionRefused
    /// The TLS handshake or certificate check failed.
    case tls
    /// Connecting, the whole transfer, or a too-slow transfer ran out of time.
    case timeout
    /// The body (after decompression) or the headers were larger than allowed.
    case tooLarge
    case tooManyRedirects
    /// The URL, or a redirect, used a scheme other than http/https (or file where allowed).
    case protocolNotAllowed
    /// A link or redirect from the network led to a loopback, private, link-local or other
    /// non-public address (see ``PrivateNetworkAccess``).
    case privateNetwork
    /// The server answered 4xx or 5xx.
    case http
    /// The connection broke, or the server's reply was not valid HTTP or not decodable.
    case connection
    /// The fetch was cancelled (shutdown, or the caller gave up).
    case cancelled
    case other
}

public struct FetchError: Error, Sendable, Equatable, CustomStringConvertible {
    public var kind: FetchErrorKind
    /// libcurl's code (0 for HTTP errors and cancellations).
    public var curlCode: Int
    public var message: String

    public init(kind: FetchErrorKind, curlCode: Int = 0, message: String) {
        self.kind = kind
        self.curlCode = curlCode
        self.message = message
    }

    public var description: String { "\(kind.rawValue): \(message)" }
}

/// When the server asked the client to come back (`Retry-After`, RFC 9110 §10.2.3).
public enum RetryAfter: Sendable, Equatable {
    case seconds(Int)
    case date(Date)

    /// Seconds from `now` until the client may retry (never negative).
    public func delay(from now: Date = Date()) -> TimeInterval {
        switch self {
        case .seconds(let seconds): return TimeInterval(seconds)
        case .date(let date): return max(0, date.timeIntervalSince(now))
        }
    }
}

/// Where the time of one transfer went, in seconds from its start (libcurl's own timers).
public struct FetchTimings: Sendable, Equatable, Codable {
    public var dns: Double
    public var connect: Double
    public var tls: Double
    public var firstByte: Double
    public var total: Double

    public init(dns: Double = 0, connect: Double = 0, tls: Double = 0, firstByte: Double = 0, total: Double = 0) {
        self.dns = dns
        self.connect = connect
        self.tls = tls
        self.firstByte = firstByte
        self.total = total
    }
}

/// The headers of the final response that feedwatch acts on.
public struct ResponseHeaders: Sendable, Equatable {
    public var etag: String?
    public var lastModified: String?
    public var contentType: String?
    public var contentEncoding: String?
    public var retryAfter: RetryAfter?
    /// `Cache-Control: max-age` in seconds (`s-maxage` is for shared caches and is ignored).
    public var maxAge: Int?
    public var expires: Date?
    /// Every header line of the final response, in order (names lowercased).
    public var all: [(name: String, value: String)]

    public init(
        etag: String? = nil, lastModified: String? = nil, contentType: String? = nil, contentEncoding: String? = nil,
        retryAfter: RetryAfter? = nil, maxAge: Int? = nil, expires: Date? = nil, all: [(name: String, value: String)] = []
    ) {
        self.etag = etag
        self.lastModified = lastModified
        self.contentType = contentType
        self.contentEncoding = contentEncoding
        self.retryAfter = retryAfter
        self.maxAge = maxAge
        self.expires = expires
        self.all = all
    }

    /// The `charset` parameter of Content-Type, for the parser.
    public var charset: String? {
        guard let contentType else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "charset" else { continue }
            let value = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: " \t\"'"))
            return value.isEmpty ? nil : value
        }
        return nil
    }

    public static func == (a: ResponseHeaders, b: ResponseHeaders) -> Bool {
        a.etag == b.etag && a.lastModified == b.lastModified && a.contentType == b.contentType
            && a.contentEncoding == b.contentEncoding && a.retryAfter == b.retryAfter && a.maxAge == b.maxAge
            && a.expires == b.expires && a.all.map(\.name) == b.all.map(\.name) && a.all.map(\.value) == b.all.map(\.value)
    }
}

/// The outcome of one fetch. `error` is nil for 2xx and 304 answers.
public struct FetchResult: Sendable, Equatable {
    public var request: FetchRequest
    /// The HTTP status of the final response (0 when none was received, 200 for a read `file://`).
    public var status: Int
    /// True for a 304: the document has not changed since the validators sent.
    public var notModified: Bool
    /// The URL of the final response, after redirects.
    public var finalURL: String
    /// Redirects followed.
    public var redirects: Int
    /// The URL reached through the leading run of permanent redirects (301/308), which the caller may
    /// store in place of the requested one; nil when the first redirect was temporary or there was none.
    public var permanentURL: String?
    public var headers: ResponseHeaders
    public var body: [UInt8]
    public var timings: FetchTimings
    public var error: FetchError?
    /// The address of the last connection used (nil when none was made, or for `file://`).
    public var address: IPAddress?
    /// The connection the private-network guard refused, when it did (the error is then `.privateNetwork`).
    public var refused: RefusedConnection?

    public var succeeded: Bool { error == nil }
}
