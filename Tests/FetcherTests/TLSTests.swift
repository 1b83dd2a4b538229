import Foundation
import Logging
import Testing

@testable import Fetcher

/// TLS against a real `openssl s_server` with a self-signed certificate, on loopback.
@Suite("TLS", .serialized, .enabled(if: TLSServer.opensslPath != nil, "openssl is not installed"))
struct TLSTests {
    @Test("a self-signed certificate is refused by default, with a TLS error")
    func verificationOn() async throws {
        let server = try TLSServer.start()
        defer { server.stop() }
        let fetcher = Fetcher()
        defer { fetcher.shutdown() }
        let result = await fetcher.fetch(FetchRequest(url: "https://127.0.0.1:\(server.port)/"))
        #expect(result.error?.kind == .tls, "\(String(describing: result.error))")
        #expect(result.body.isEmpty)
    }

    @Test("verification turned off for one feed fetches it, and says so in the log")
    func verificationOff() async throws {
        let server = try TLSServer.start()
        defer { server.stop() }
        let records = LogRecords()
        let fetcher = Fetcher(logger: Logger(label: "test") { _ in CapturingLogHandler(records: records) })
        defer { fetcher.shutdown() }
        let url = "https://127.0.0.1:\(server.port)/"
        let result = await fetcher.fetch(FetchRequest(url: url, verifyTLS: false))
        #expect(result.error == nil, "\(String(describing: result.error))")
        #expect(result.status == 200)
        #expect(result.timings.tls > 0)
        let logged = records.all
        #expect(logged.contains { $0.level == .warning && $0.message.contains("TLS") && $0.metadata.contains(url) })
    }
}

/// `openssl s_server -www` on a free loopback port, with a throwaway self-signed certificate.
final class TLSServer {
    static let opensslPath: String? = ["/usr/bin/openssl", "/bin/openssl"].first { FileManager.default.isExecutableFile(atPath: $0) }

    let process: Process
    let port: Int
    let folder: URL

    private init(process: Process, port: Int, folder: URL) {
        self.process = process
        self.port = port
        self.folder = folder
    }

    static func start() throws -> TLSServer {
        let openssl = try #require(opensslPath)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("feedwatch-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let key = folder.appendingPathComponent("key.pem").path, cert = folder.appendingPathComponent("cert.pem").path
        try run(
            openssl,
            [
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                "-days", "1", "-subj", "/CN=127.0.0.1",
            ])
        for _ in 0..<20 {
            let port = Int.random(in: 20_000..<60_000)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: openssl)
            process.arguments = ["s_server", "-accept", "127.0.0.1:\(port)", "-cert", cert, "-key", key, "-www", "-quiet"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            if waitForPort(port) { return TLSServer(process: process, port: port, folder: folder) }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        throw URLError(.cannotConnectToHost)
    }

    /// SIGKILL, never SIGTERM: a child may inherit a blocked signal mask and ignore polite requests.
    func stop() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: folder)
    }

    private static func run(_ tool: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
    }

    private static func waitForPort(_ port: Int) -> Bool {
        for _ in 0..<50 {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            close(fd)
            if connected == 0 { return true }
            usleep(50_000)
        }
        return false
    }
}

/// What a logger was told, for assertions.
final class LogRecords: @unchecked Sendable {
    struct Record { let level: Logger.Level; let message: String; let metadata: String }
    private let lock = NSLock()
    private var records: [Record] = []
    func append(_ record: Record) { lock.lock(); records.append(record); lock.unlock() }
    var all: [Record] { lock.lock(); defer { lock.unlock() }; return records }
}

struct CapturingLogHandler: LogHandler {
    let records: LogRecords
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let all = metadata.merging(event.metadata ?? [:]) { $1 }
        records.append(.init(level: event.level, message: event.message.description, metadata: all.description))
    }
}
