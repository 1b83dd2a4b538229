import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Where the daemon serves its metrics over HTTP: a loopback address only. Anything wider belongs
/// behind a reverse proxy that the operator configures on purpose.
public struct MetricsListen: Sendable, Equatable, CustomStringConvertible {
    /// "127.0.0.1" (any 127.0.0.0/8 address) or "::1".
    public var host: String
    /// 0 lets the kernel choose; the daemon logs the port it got.
    public var port: UInt16

    public var isIPv6: Bool { host.contains(":") }
    public var description: String { isIPv6 ? "[\(host)]:\(port)" : "\(host):\(port)" }

    public init(host: String, port: UInt16) {
        self.host = host
        self.port = port
    }

    /// Reads "127.0.0.1:9464", "[::1]:9464", "localhost:9464" or a bare port (on 127.0.0.1).
    /// Returns why not when the text is not a loopback address with a port.
    public static func parse(_ text: String) -> Result<MetricsListen, ListenError> {
        var host = "127.0.0.1", portText = Substring(text)
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else {
                return .failure(.malformed(text))
            }
            host = String(text[text.index(after: text.startIndex)..<close])
            portText = text[text.index(close, offsetBy: 2)...]
        } else if let colon = text.lastIndex(of: ":") {
            host = String(text[..<colon])
            portText = text[text.index(after: colon)...]
        }
        guard let port = UInt16(portText) else { return .failure(.malformed(text)) }
        if host == "localhost" { host = "127.0.0.1" }
        var v4 = in_addr(), v6 = in6_addr()
        if inet_pton(AF_INET, host, &v4) == 1 {
            guard UInt32(bigEndian: v4.s_addr) >> 24 == 127 else { return .failure(.notLoopback(host)) }
        } else if inet_pton(AF_INET6, host, &v6) == 1 {
            guard host == "::1" || host == "0:0:0:0:0:0:0:1" else { return .failure(.notLoopback(host)) }
            host = "::1"
        } else {
            return .failure(.malformed(text))
        }
        return .success(MetricsListen(host: host, port: port))
    }

    public enum ListenError: Error, Equatable, CustomStringConvertible {
        case malformed(String)
        case notLoopback(String)

        public var description: String {
            switch self {
            case .malformed(let text): "\"\(text)\" is not an address with a port (try \"127.0.0.1:9464\")"
            case .notLoopback(let host):
                "\(host) is not a loopback address: metrics are served on 127.0.0.1 or ::1 only (put a reverse proxy in front to expose them)"
            }
        }
    }
}
