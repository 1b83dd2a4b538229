import FlyingFox
import Foundation
import TestSupport
import Testing

/// `feedwatch fetch URL` and `feedwatch parse URL` as real processes against a loopback server.
@Suite("feedwatch fetch / parse URL (process)", .enabled(if: FeedwatchProcess.isBuilt))
struct CommandLineFetchTests {
    static func routes(_ server: HTTPServer) async {
        await server.appendRoute("GET /feed") { _ in
            HTTPResponse(
                statusCode: .ok, headers: headers(("ETag", "\"abc\""), ("Content-Type", "application/rss+xml")),
                body: TestServer.feedXML)
        }
        await server.appendRoute("GET /cyrillic") { _ in
            let body =
                Data("<rss version=\"2.0\"><channel><item><title>".utf8) + Data([0xCF, 0xF3, 0xF2, 0xE8, 0xED])
                + Data("</title><link>story</link></item></channel></rss>".utf8)
            return HTTPResponse(statusCode: .ok, headers: headers(("Content-Type", "text/xml; charset=windows-1251")), body: body)
        }
        await server.appendRoute("GET /page") { _ in
            HTTPResponse(
                statusCode: .ok, headers: headers(("Content-Type", "text/html")),
                body: Data("<html><head><link rel=\"alternate\" type=\"application/rss+xml\" href=\"/feed\"></head></html>".utf8))
        }
        await server.appendRoute("GET /old") { _ in redirect(.movedPermanently, to: "/feed") }
    }

    @Test("fetch prints status, headers, redirect and timings")
    func fetch() async throws {
        try await withServer(routes: Self.routes) { server in
            let result = try await FeedwatchProcess.runDetached(["fetch", server.url("/old")])
            #expect(result.status == 0)
            #expect(result.output.contains("status: 200"))
            #expect(result.output.contains("moved permanently to: \(server.url("/feed"))"))
            #expect(result.output.contains("etag: \"abc\""))
            #expect(result.output.contains("body: \(TestServer.feedXML.count) bytes"))
            #expect(result.output.contains("timings: dns"))
        }
    }

    @Test("fetch --etag gets a 304 from a server that honours it; --output saves the body")
    func fetchOutput() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("feedwatch-fetch-\(UUID().uuidString).xml")
        defer { try? FileManager.default.removeItem(at: file) }
        try await withServer(routes: Self.routes) { server in
            let result = try await FeedwatchProcess.runDetached(["fetch", server.url("/feed"), "--output", file.path])
            #expect(result.status == 0)
            #expect(try Data(contentsOf: file) == TestServer.feedXML)
        }
    }

    @Test("fetch of a refused connection exits 69 and says why")
    func refused() async throws {
        let result = try await FeedwatchProcess.runDetached(["fetch", "http://127.0.0.1:1/feed"])
        #expect(result.status == 69)
        #expect(result.stderr.contains("connectionRefused"))
    }

    @Test("parse URL passes the HTTP charset and the final URL to the parser")
    func parseURL() async throws {
        try await withServer(routes: Self.routes) { server in
            let result = try await FeedwatchProcess.runDetached(["parse", server.url("/cyrillic"), "--json"])
            #expect(result.status == 0)
            let root = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
            let entry = try #require((root["entries"] as? [[String: Any]])?.first)
            #expect(entry["title"] as? String == "Путин")
            #expect(entry["link"] as? String == server.url("/story"))
            #expect(root["encoding"] as? String == "windows-1251")
        }
    }

    @Test("parse URL of an HTML page lists the feeds it links to and exits 65")
    func parseHTML() async throws {
        try await withServer(routes: Self.routes) { server in
            let result = try await FeedwatchProcess.runDetached(["parse", server.url("/page")])
            #expect(result.status == 65)
            #expect(result.stderr.contains(server.url("/feed")))
        }
    }
}
