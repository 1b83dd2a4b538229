import Config
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Serves `/metrics` (Prometheus text format) on a loopback address, for a Prometheus that scrapes
/// instead of reading node_exporter's textfile.
///
/// One thread answers one connection at a time, each bounded (8 kB of request, 2 s to send it):
/// scrapes are small and rare, and on loopback a stalled client costs a scrape 2 s at worst. That
/// is cheaper than putting an HTTP server framework into the daemon.
public final class MetricsServer: @unchecked Sendable {
    /// The port actually bound (the kernel's choice when 0 was asked for).
    public let port: UInt16
    public let address: MetricsListen
    private let listener: Int32
    private static let portOffset = MemoryLayout<sockaddr_in>.offset(of: \sockaddr_in.sin_port)!
    private let lock = NSLock()
    private var stopping = false

    /// Binds and starts answering; `body` is called for each scrape.
    public init(address: MetricsListen, body: @escaping @Sendable () -> Data) throws {
        let family = address.isIPv6 ? AF_INET6 : AF_INET
        let socket = Glibc.socket(family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard socket >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        var one: Int32 = 1
        setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var storage = sockaddr_storage()
        let length = socklen_t(address.isIPv6 ? MemoryLayout<sockaddr_in6>.size : MemoryLayout<sockaddr_in>.size)
        let hostOffset =
            address.isIPv6
            ? MemoryLayout<sockaddr_in6>.offset(of: \sockaddr_in6.sin6_addr)!
            : MemoryLayout<sockaddr_in>.offset(of: \sockaddr_in.sin_addr)!
        withUnsafeMutableBytes(of: &storage) { raw in
            // sockaddr_in and sockaddr_in6 begin alike: the family, then the port in network order.
            raw.storeBytes(of: sa_family_t(family), toByteOffset: 0, as: sa_family_t.self)
            raw.storeBytes(of: address.port.bigEndian, toByteOffset: Self.portOffset, as: UInt16.self)
            _ = inet_pton(family, address.host, raw.baseAddress! + hostOffset)
        }
        let bound = withUnsafePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) }
        }
        guard bound == 0, listen(socket, 16) == 0 else {
            let code = POSIXErrorCode(rawValue: errno) ?? .EADDRINUSE
            close(socket)
            throw POSIXError(code)
        }
        var actual = storage, actualLength = length
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &actualLength) }
        }
        port = withUnsafeBytes(of: &actual) { UInt16(bigEndian: $0.load(fromByteOffset: Self.portOffset, as: UInt16.self)) }
        self.address = MetricsListen(host: address.host, port: port)
        listener = socket
        let thread = Thread { [self] in acceptLoop(body) }
        thread.name = "feedwatch-metrics"
        thread.start()
    }

    /// Stops accepting; the listening socket is closed by the serving thread as it leaves.
    public func stop() {
        lock.withLock { stopping = true }
        shutdown(listener, Int32(SHUT_RDWR))
    }

    private var isStopping: Bool { lock.withLock { stopping } }

    private func acceptLoop(_ body: @Sendable () -> Data) {
        defer { close(listener) }
        while !isStopping {
            let client = accept(listener, nil, nil)
            if client < 0 {
                if isStopping { return }
                if errno == EMFILE || errno == ENFILE { usleep(100_000) }  // out of descriptors: wait, don't spin
                continue
            }
            _ = fcntl(client, F_SETFD, FD_CLOEXEC)  // no leak into alert commands started meanwhile
            answer(client, body)
            close(client)
        }
    }

    private func answer(_ client: Int32, _ body: @Sendable () -> Data) {
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(client, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        guard let request = Self.readHead(client) else { return }
        let response = Self.response(to: request, body: body)
        response.withUnsafeBytes { raw in
            var sent = 0
            while sent < raw.count {
                let n = send(client, raw.baseAddress! + sent, raw.count - sent, Int32(MSG_NOSIGNAL))
                if n <= 0 { return }
                sent += n
            }
        }
    }

    /// The request line and headers (up to 8 kB), or nil when the client sent nothing in time.
    private static func readHead(_ client: Int32) -> String? {
        var head = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 2048)
        while head.count < 8192 {
            let n = recv(client, &buffer, buffer.count, 0)
            if n <= 0 { break }
            head.append(contentsOf: buffer[..<n])
            // The whole head is read before answering: closing with unread bytes would reset the
            // connection and could destroy the response on its way.
            if String(decoding: head, as: UTF8.self).contains("\r\n\r\n") || head.suffix(2).elementsEqual([10, 10]) { break }
        }
        return head.isEmpty ? nil : String(decoding: head, as: UTF8.self)
    }

    /// The whole HTTP/1.1 response for a request head; the connection is closed after it.
    static func response(to head: String, body: () -> Data) -> Data {
        let requestLine = head.split(separator: "\r\n", maxSplits: 1).first.map(String.init) ?? head
        let parts = requestLine.split(separator: " ")
        let method = parts.first.map(String.init) ?? ""
        let path = parts.count > 1 ? String(parts[1].split(separator: "?", maxSplits: 1).first ?? "") : ""
        func reply(_ status: String, _ type: String, _ content: Data, extra: String = "", sendBody: Bool = true) -> Data {
            var out = Data(
                "HTTP/1.1 \(status)\r\nContent-Type: \(type)\r\nContent-Length: \(content.count)\r\nConnection: close\r\n\(extra)\r\n".utf8)
            if sendBody { out.append(content) }
            return out
        }
        guard parts.count == 3, parts[2].hasPrefix("HTTP/1.") else {
            return reply("400 Bad Request", "text/plain; charset=utf-8", Data("bad request\n".utf8))
        }
        guard method == "GET" || method == "HEAD" else {
            return reply(
                "405 Method Not Allowed", "text/plain; charset=utf-8", Data("only GET and HEAD\n".utf8), extra: "Allow: GET, HEAD\r\n")
        }
        switch path {
        case "/metrics":
            return reply("200 OK", "text/plain; version=0.0.4; charset=utf-8", body(), sendBody: method == "GET")
        case "/":
            return reply("200 OK", "text/plain; charset=utf-8", Data("feedwatch: metrics at /metrics\n".utf8), sendBody: method == "GET")
        default:
            return reply("404 Not Found", "text/plain; charset=utf-8", Data("not found; metrics at /metrics\n".utf8))
        }
    }
}
