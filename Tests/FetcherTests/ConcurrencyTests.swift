import FlyingFox
import Foundation
import TestSupport
import Testing

@testable import Fetcher

@Suite("Fetcher limits and cancellation", .serialized)
struct ConcurrencyTests {
    static func slowRoute(_ counter: InFlight) -> (HTTPServer) async -> Void {
        { server in
            await server.appendRoute("GET /*") { _ in
                await counter.enter()
                try await Task.sleep(for: .milliseconds(150))
                await counter.leave()
                return HTTPResponse(statusCode: .ok, body: Data("ok".utf8))
            }
        }
    }

    @Test("never more than the per-host limit at once against one host")
    func perHostLimit() async throws {
        let counter = InFlight()
        let fetcher = Fetcher(configuration: FetcherConfiguration(maxConcurrentTransfers: 32, maxTransfersPerHost: 2))
        try await withServer(routes: Self.slowRoute(counter)) { server in
            let results = await withTaskGroup(of: FetchResult.self) { group in
                for i in 0..<12 { group.addTask { await fetcher.fetch(FetchRequest(url: server.url("/f\(i)"))) } }
                return await group.reduce(into: []) { $0.append($1) }
            }
            #expect(results.allSatisfy { $0.status == 200 })
            #expect(await counter.total == 12)
            #expect(await counter.peak == 2)
        }
        fetcher.shutdown()
    }

    @Test("never more than the global limit at once over many hosts")
    func globalLimit() async throws {
        let counter = InFlight()
        let fetcher = Fetcher(configuration: FetcherConfiguration(maxConcurrentTransfers: 3, maxTransfersPerHost: 2))
        var servers: [TestServer] = []
        for i in 1...4 { servers.append(try await TestServer.start(host: "127.0.0.\(i)", routes: Self.slowRoute(counter))) }
        let urls = servers.flatMap { server in (0..<4).map { server.url("/f\($0)") } }
        let results = await withTaskGroup(of: FetchResult.self) { group in
            for url in urls { group.addTask { await fetcher.fetch(FetchRequest(url: url)) } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        for server in servers { await server.stop() }
        fetcher.shutdown()
        #expect(results.count == 16)
        #expect(results.allSatisfy { $0.status == 200 })
        #expect(await counter.peak == 3)
    }

    @Test("cancelling the task abandons the transfer at once")
    func cancellation() async throws {
        let fetcher = Fetcher()
        try await withServer(routes: { server in
            await server.appendRoute("GET /hang") { _ in
                try await Task.sleep(for: .seconds(3600))
                return HTTPResponse(statusCode: .ok)
            }
        }) { server in
            let task = Task { await fetcher.fetch(FetchRequest(url: server.url("/hang"))) }
            try await Task.sleep(for: .milliseconds(200))
            let (result, elapsed) = await timed { () -> FetchResult in
                task.cancel()
                return await task.value
            }
            #expect(result.error?.kind == .cancelled)
            #expect(elapsed < .seconds(1))
        }
        fetcher.shutdown()
    }

    @Test("shutdown answers every waiting fetch and refuses new ones")
    func shutdown() async throws {
        let fetcher = Fetcher(configuration: FetcherConfiguration(maxConcurrentTransfers: 1))
        try await withServer(routes: { server in
            await server.appendRoute("GET /hang") { _ in
                try await Task.sleep(for: .seconds(3600))
                return HTTPResponse(statusCode: .ok)
            }
        }) { server in
            let tasks = (0..<3).map { _ in Task { await fetcher.fetch(FetchRequest(url: server.url("/hang"))) } }
            try await Task.sleep(for: .milliseconds(200))
            fetcher.shutdown()
            for task in tasks { #expect(await task.value.error?.kind == .cancelled) }
            let late = await fetcher.fetch(FetchRequest(url: server.url("/hang")))
            #expect(late.error?.kind == .cancelled)
        }
    }

    @Test("per-host keys: scheme, host and port")
    func hostKeys() {
        #expect(CurlURL.hostKey("http://Example.ORG/feed") == "http://example.org:80")
        #expect(CurlURL.hostKey("https://example.org:8443/a?b") == "https://example.org:8443")
        #expect(CurlURL.hostKey("http://127.0.0.2:8080/") == "http://127.0.0.2:8080")
        #expect(CurlURL.hostKey("http://example.org/a") == CurlURL.hostKey("http://example.org:80/b"))
    }
}

@Suite("Host queues")
struct HostQueueTests {
    @Test("hosts are served in turn, each host in order")
    func roundRobin() {
        var queues = HostQueues<Int>()
        for i in 0..<6 { queues.append(i, host: "a") }
        queues.append(100, host: "b")
        queues.append(200, host: "c")
        queues.append(201, host: "c")
        var order: [Int] = []
        while let (_, item) = queues.next(where: { _ in true }) { order.append(item) }
        #expect(order == [0, 100, 200, 1, 201, 2, 3, 4, 5])
        #expect(queues.count == 0)
    }

    @Test("a host without capacity is skipped, not blocking the others")
    func capacity() {
        var queues = HostQueues<Int>()
        for i in 0..<3 { queues.append(i, host: "busy") }
        queues.append(9, host: "free")
        #expect(queues.next(where: { $0 != "busy" })?.1 == 9)
        #expect(queues.next(where: { $0 != "busy" }) == nil)
        #expect(queues.next(where: { _ in true })?.1 == 0)
        #expect(queues.count == 2)
    }

    @Test("removal keeps the rest in order, across thousands of items")
    func removal() {
        var queues = HostQueues<Int>()
        for i in 0..<5000 { queues.append(i, host: "h\(i % 7)") }
        for _ in 0..<1000 { _ = queues.next(where: { _ in true }) }
        let removed = queues.remove(where: { $0 % 2 == 0 })
        #expect(removed.allSatisfy { $0 % 2 == 0 })
        #expect(queues.count == 4000 - removed.count)
        var rest: [String: [Int]] = [:]
        while let (host, item) = queues.next(where: { _ in true }) { rest[host, default: []].append(item) }
        #expect(rest.values.allSatisfy { $0 == $0.sorted() && $0.allSatisfy { $0 % 2 == 1 } })
        #expect(rest.values.map(\.count).reduce(0, +) == 4000 - removed.count)
    }
}
