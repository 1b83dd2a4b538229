import FlyingFox
import FlyingSocks
import Foundation

/// An in-process HTTP server on a loopback address, with scripted behaviour per path.
public final class TestServer: Sendable {
    public let server: HTTPServer
    let task: Task<Void, any Error>
    public let host: String
    public let port: UInt16

    public var base: String { "http://\(host):\(port)" }
    public func url(_ path: String) -> String { base + path }

    private init(server: HTTPServer, task: Task<Void, any Error>, host: String, port: UInt16) {
        self.server = server
        self.task = task
        self.host = host
        self.port = port
    }

    public static func start(host: String = "127.0.0.1", routes: (HTTPServer) async -> Void) async throws -> TestServer {
        let server = HTTPServer(address: try .inet(ip4: host, port: 0), timeout: 120, logger: .disabled)
        await routes(server)
        let task = Task { try await server.run() }
        try await server.waitUntilListening()
        guard case let .ip4(_, port) = await server.listeningAddress else { throw URLError(.cannotConnectToHost) }
        return TestServer(server: server, task: task, host: host, port: port)
    }

    public func stop() async {
        await server.stop(timeout: 0)
        task.cancel()
    }

    public static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("FetcherTests/Fixtures")
    public static let feedXML: Data = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("FeedParserTests/Fixtures/feeds/europe-desk-rss20.xml")
        return (try? Data(contentsOf: url)) ?? Data()
    }()
}

/// Runs `body` against a fresh server, and stops it afterwards.
public func withServer<T>(
    host: String = "127.0.0.1", routes: (HTTPServer) async -> Void,
    _ body: (TestServer) async throws -> T
) async throws -> T {
    let server = try await TestServer.start(host: host, routes: routes)
    do {
        let result = try await body(server)
        await server.stop()
        return result
    } catch {
        await server.stop()
        throw error
    }
}

/// A body that never ends, or drips: `chunk` bytes, then `delay`, forever (or `count` times).
public struct DripBody: AsyncBufferedSequence, AsyncBufferedIteratorProtocol, Sendable {
    public typealias Element = UInt8
    var chunk: Int
    var delay: Duration
    var remaining: Int?

    public init(chunk: Int, delay: Duration, remaining: Int?) {
        self.chunk = chunk
        self.delay = delay
        self.remaining = remaining
    }

    public func makeAsyncIterator() -> DripBody { self }

    public mutating func next() async throws -> UInt8? {
        try await nextBuffer(suggested: 1)?.first
    }

    public mutating func nextBuffer(suggested count: Int) async throws -> [UInt8]? {
        if let left = remaining {
            if left == 0 { return nil }
            remaining = left - 1
        }
        if delay > .zero { try await Task.sleep(for: delay) }
        return [UInt8](repeating: 0x78, count: chunk)
    }
}

/// Counts requests in flight, and the most seen at once.
public actor InFlight {
    public private(set) var current = 0
    public private(set) var peak = 0
    public private(set) var total = 0

    public init() {}

    public func enter() { current += 1; total += 1; peak = max(peak, current) }
    public func leave() { current -= 1 }
}

/// Response headers from name-value pairs.
public func headers(_ pairs: (String, String)...) -> HTTPHeaders {
    var headers = HTTPHeaders()
    for (name, value) in pairs { headers[HTTPHeader(name)] = value }
    return headers
}

/// A redirect response.
public func redirect(_ status: HTTPStatusCode, to location: String) -> HTTPResponse {
    HTTPResponse(statusCode: status, headers: headers(("Location", location)))
}

/// Wall time of an async operation.
public func timed<T>(_ body: () async throws -> T) async rethrows -> (T, Duration) {
    let clock = ContinuousClock()
    let start = clock.now
    let value = try await body()
    return (value, clock.now - start)
}
