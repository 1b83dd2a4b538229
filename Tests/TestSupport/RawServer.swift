import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A loopback TCP server below HTTP, for what an HTTP server library will not do: it reads the
/// request, writes `reply` as raw bytes (malformed HTTP, half a response…), then closes the
/// connection, with a TCP reset instead of a clean close when `reset` is set.
public final class RawServer: @unchecked Sendable {
    public let port: UInt16
    private let listener: Int32
    private let thread: Thread

    public init(reply: Data, reset: Bool) throws {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw POSIXError(.EIO) }
        var one: Int32 = 1
        setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(socket, 64) == 0 else { close(socket); throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
        }
        port = UInt16(bigEndian: address.sin_port)
        listener = socket
        thread = Thread {
            // The listener is closed here, as the thread leaves, never by `stop()`: closed there, its
            // descriptor number could go to another test's new server while this thread was still
            // between two accepts, and this thread would then answer that server's clients.
            defer { close(socket) }
            while true {
                let client = accept(socket, nil, nil)
                if client < 0 { return }  // the listener was shut down
                var buffer = [UInt8](repeating: 0, count: 16 << 10)
                _ = recv(client, &buffer, buffer.count, 0)
                _ = reply.withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                if reset {
                    var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
                    setsockopt(client, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
                }
                close(client)
            }
        }
        thread.start()
    }

    public func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    /// Stops accepting; the serving thread closes the listener as it leaves.
    public func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
    }
}
