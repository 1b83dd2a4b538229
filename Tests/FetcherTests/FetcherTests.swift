import FlyingFox
import Foundation
import TestSupport
import Testing

@testable import Fetcher

/// The fetcher against a real loopback server: real libcurl, real sockets.
@Suite("Fetcher over loopback", .serialized)
struct FetcherTests {
    static let fetcher = Fetcher()

    static func limits(
        total: Double = 10, connect: Double = 5, lowSpeed: Int = 1024, lowSpeedSeconds: Int = 15,
        maxBody: Int = 10 << 20
    ) -> FetchLimits {
        FetchLimits(
            connectTimeout: connect, totalTimeout: total, lowSpeedBytesPerSecond: lowSpeed,
            lowSpeedSeconds: lowSpeedSeconds, maxBodyBytes: maxBody)
    }

    @Test("200 with an ETag, then 304 for the same ETag")
    func etagThen304() async throws {
        try await withServer(routes: { server in
            await server.appendRoute("GET /feed") { request in
                if request.headers[HTTPHeader("If-None-Match")] == "\"v1\"" {
                    return HTTPResponse(statusCode: .notModified, headers: headers(("ETag", "\"v1\"")))
                }
                return HTTPResponse(
                    statusCode: .ok, headers: headers(("ETag", "\"v1\""), ("Content-Type", "application/rss+xml")),
                    body: TestServer.feedXML)
            }
        }) { server in
            let first = await Self.fetcher.fetch(FetchRequest(url: server.url("/feed")))
            #expect(first.status == 200)
            #expect(first.error == nil)
            #expect(first.headers.etag == "\"v1\"")
            #expect(first.body.count == TestServer.feedXML.count)
            #expect(first.headers.contentType == "application/rss+xml")
            let second = await Self.fetcher.fetch(FetchRequest(url: server.url("/feed"), etag: first.headers.etag))
            #expect(second.status == 304)
            #expect(second.notModified)
            #expect(second.succeeded)
            #expect(second.body.isEmpty)
            #expect(second.timings.connect == 0, "the second fetch reuses the kept-alive connection")
        }
    }

    @Test("Last-Modified then If-Modified-Since")
    func lastModified() async throws {
        let stamp = "Wed, 25 Nov 2026 10:00:00 GMT"
        try await withServer(routes: { server in
            await server.appendRoute("GET /feed") { request in
                if request.headers[HTTPHeader("If-Modified-Since")] == stamp {
                    return HTTPResponse(statusCode: .notModified)
                }
                return HTTPResponse(statusCode: .ok, headers: headers(("Last-Modified", stamp)), body: TestServer.feedXML)
            }
        }) { server in
            let first = await Self.fetcher.fetch(FetchRequest(url: server.url("/feed")))
            #expect(first.headers.lastModified == stamp)
            let second = await Self.fetcher.fetch(FetchRequest(url: server.url("/feed"), lastModified: first.headers.lastModified))
            #expect(second.notModified)
        }
    }

    static func redirects(_ server: HTTPServer) async {
        await server.appendRoute("GET /feed") { _ in HTTPResponse(statusCode: .ok, body: TestServer.feedXML) }
        await server.appendRoute("GET /moved") { _ in redirect(.movedPermanently, to: "/moved-again") }
        await server.appendRoute("GET /moved-again") { _ in redirect(HTTPStatusCode(308, phrase: "Permanent Redirect"), to: "/temporary") }
        await server.appendRoute("GET /temporary") { _ in redirect(.found, to: "/feed") }
        await server.appendRoute("GET /only-temporary") { _ in redirect(HTTPStatusCode(307, phrase: "Temporary Redirect"), to: "/feed") }
        await server.appendRoute("GET /permanent") { _ in redirect(.movedPermanently, to: "feed") }
        await server.appendRoute("GET /loop") { _ in redirect(.found, to: "/loop") }
        await server.appendRoute("GET /to-file") { _ in redirect(.found, to: "file:///etc/passwd") }
        await server.appendRoute("GET /to-ftp") { _ in redirect(.movedPermanently, to: "ftp://127.0.0.1/feed.xml") }
    }

    @Test("301 → 308 → 302 chain: final URL, and the permanent part of the chain")
    func redirectChain() async throws {
        try await withServer(routes: Self.redirects) { server in
            let result = await Self.fetcher.fetch(FetchRequest(url: server.url("/moved")))
            #expect(result.status == 200)
            #expect(result.redirects == 3)
            #expect(result.finalURL == server.url("/feed"))
            #expect(result.permanentURL == server.url("/temporary"), "only the leading 301/308 hops are permanent")
            #expect(result.body.count == TestServer.feedXML.count)
        }
    }

    @Test("a single relative 301 is stored; a temporary redirect is not")
    func permanentVersusTemporary() async throws {
        try await withServer(routes: Self.redirects) { server in
            let permanent = await Self.fetcher.fetch(FetchRequest(url: server.url("/permanent")))
            #expect(permanent.permanentURL == server.url("/feed"))
            let temporary = await Self.fetcher.fetch(FetchRequest(url: server.url("/only-temporary")))
            #expect(temporary.finalURL == server.url("/feed"))
            #expect(temporary.permanentURL == nil)
        }
    }

    @Test("a redirect loop stops after 5 redirects")
    func redirectLoop() async throws {
        try await withServer(routes: Self.redirects) { server in
            let (result, elapsed) = await timed { await Self.fetcher.fetch(FetchRequest(url: server.url("/loop"))) }
            #expect(result.error?.kind == .tooManyRedirects)
            #expect(elapsed < .seconds(5))
        }
    }

    @Test("redirects to file:// and ftp:// are refused, even when file:// is allowed")
    func redirectToOtherSchemes() async throws {
        try await withServer(routes: Self.redirects) { server in
            let file = await Self.fetcher.fetch(FetchRequest(url: server.url("/to-file"), allowFile: true))
            #expect(file.error?.kind == .protocolNotAllowed)
            #expect(file.body.isEmpty)
            let ftp = await Self.fetcher.fetch(FetchRequest(url: server.url("/to-ftp")))
            #expect(ftp.error?.kind == .protocolNotAllowed)
        }
    }

    @Test("file:// only where allowed; other schemes never")
    func schemes() async throws {
        let path = TestServer.fixtures.appendingPathComponent("README.md").path
        let refused = await Self.fetcher.fetch(FetchRequest(url: "file://" + path))
        #expect(refused.error?.kind == .protocolNotAllowed)
        let allowed = await Self.fetcher.fetch(FetchRequest(url: "file://" + path, allowFile: true))
        #expect(allowed.status == 200)
        #expect(allowed.error == nil)
        #expect(String(decoding: allowed.body, as: UTF8.self).contains("bomb.gz"))
        for url in ["ftp://127.0.0.1/x", "gopher://127.0.0.1/x", "dict://127.0.0.1/x", "scp://127.0.0.1/x"] {
            let result = await Self.fetcher.fetch(FetchRequest(url: url))
            #expect(result.error?.kind == .protocolNotAllowed, "\(url)")
        }
    }

    @Test("429 and 503 with Retry-After in seconds and as a date")
    func retryAfter() async throws {
        let date = "Fri, 27 Nov 2026 12:00:00 GMT"
        try await withServer(routes: { server in
            await server.appendRoute("GET /busy") { _ in
                HTTPResponse(statusCode: .tooManyRequests, headers: headers(("Retry-After", "120")))
            }
            await server.appendRoute("GET /down") { _ in
                HTTPResponse(statusCode: .serviceUnavailable, headers: headers(("Retry-After", date)))
            }
        }) { server in
            let busy = await Self.fetcher.fetch(FetchRequest(url: server.url("/busy")))
            #expect(busy.status == 429)
            #expect(busy.error?.kind == .http)
            #expect(busy.headers.retryAfter == .seconds(120))
            let down = await Self.fetcher.fetch(FetchRequest(url: server.url("/down")))
            #expect(down.status == 503)
            #expect(down.headers.retryAfter == .date(Date(timeIntervalSince1970: 1_795_780_800)))
            #expect(down.headers.retryAfter?.delay(from: Date(timeIntervalSince1970: 1_795_780_700)) == 100)
        }
    }

    @Test("404 and 500 are HTTP errors with their status")
    func httpErrors() async throws {
        try await withServer(routes: { server in
            await server.appendRoute("GET /gone") { _ in HTTPResponse(statusCode: .notFound, body: Data("nope".utf8)) }
            await server.appendRoute("GET /broken") { _ in HTTPResponse(statusCode: .internalServerError) }
        }) { server in
            let gone = await Self.fetcher.fetch(FetchRequest(url: server.url("/gone")))
            #expect(gone.status == 404)
            #expect(gone.error == FetchError(kind: .http, message: "HTTP 404"))
            let broken = await Self.fetcher.fetch(FetchRequest(url: server.url("/broken")))
            #expect(broken.status == 500)
            #expect(broken.error?.kind == .http)
        }
    }

    @Test("gzip and brotli bodies are decoded")
    func compression() async throws {
        let gzip = try Data(contentsOf: TestServer.fixtures.appendingPathComponent("feed.xml.gz"))
        let brotli = try Data(contentsOf: TestServer.fixtures.appendingPathComponent("feed.xml.br"))
        let accepted = InFlightHeaders()
        try await withServer(routes: { server in
            await server.appendRoute("GET /gz") { request in
                await accepted.record(request.headers[HTTPHeader("Accept-Encoding")])
                return HTTPResponse(statusCode: .ok, headers: headers(("Content-Encoding", "gzip")), body: gzip)
            }
            await server.appendRoute("GET /br") { _ in
                HTTPResponse(statusCode: .ok, headers: headers(("Content-Encoding", "br")), body: brotli)
            }
        }) { server in
            let gz = await Self.fetcher.fetch(FetchRequest(url: server.url("/gz")))
            #expect(gz.error == nil)
            #expect(Data(gz.body) == TestServer.feedXML)
            #expect(gz.headers.contentEncoding == "gzip")
            let br = await Self.fetcher.fetch(FetchRequest(url: server.url("/br")))
            #expect(Data(br.body) == TestServer.feedXML)
            let header = await accepted.value ?? ""
            #expect(header.contains("gzip") && header.contains("br"), "Accept-Encoding: \(header)")
        }
    }

    @Test("a gzip bomb stops at the body limit, counted after decompression")
    func gzipBomb() async throws {
        let bomb = try Data(contentsOf: TestServer.fixtures.appendingPathComponent("bomb.gz"))
        try await withServer(routes: { server in
            await server.appendRoute("GET /bomb") { _ in
                HTTPResponse(statusCode: .ok, headers: headers(("Content-Encoding", "gzip")), body: bomb)
            }
        }) { server in
            let (result, elapsed) = await timed { await Self.fetcher.fetch(FetchRequest(url: server.url("/bomb"))) }
            #expect(result.error?.kind == .tooLarge)
            #expect(result.body.isEmpty)
            #expect(elapsed < .seconds(5))
        }
    }

    @Test("a 50 MB body with Content-Length is refused as soon as the length is known")
    func declaredTooLarge() async throws {
        let big = Data(count: 50 << 20)
        try await withServer(routes: { server in
            await server.appendRoute("GET /big") { _ in HTTPResponse(statusCode: .ok, body: big) }
        }) { server in
            let (result, elapsed) = await timed { await Self.fetcher.fetch(FetchRequest(url: server.url("/big"))) }
            #expect(result.error?.kind == .tooLarge)
            #expect(elapsed < .seconds(5))
        }
    }

    @Test("a body that never ends stops at the body limit")
    func endlessBody() async throws {
        try await withServer(routes: { server in
            await server.appendRoute("GET /endless") { _ in
                HTTPResponse(statusCode: .ok, body: HTTPBodySequence(from: DripBody(chunk: 64 << 10, delay: .zero, remaining: nil)))
            }
        }) { server in
            let request = FetchRequest(url: server.url("/endless"), limits: Self.limits(maxBody: 2 << 20))
            let (result, elapsed) = await timed { await Self.fetcher.fetch(request) }
            #expect(result.error?.kind == .tooLarge)
            #expect(result.error?.message.contains("\(2 << 20)") == true)
            #expect(elapsed < .seconds(10))
        }
    }

    @Test("one byte a second is abandoned by the low-speed limit")
    func slowloris() async throws {
        try await withServer(routes: { server in
            await server.appendRoute("GET /slow") { _ in
                HTTPResponse(statusCode: .ok, body: HTTPBodySequence(from: DripBody(chunk: 1, delay: .seconds(1), remaining: 60)))
            }
        }) { server in
            let request = FetchRequest(url: server.url("/slow"), limits: Self.limits(total: 30, lowSpeedSeconds: 3))
            let (result, elapsed) = await timed { await Self.fetcher.fetch(request) }
            #expect(result.error?.kind == .timeout)
            #expect(elapsed >= .seconds(2) && elapsed < .seconds(8), "\(elapsed)")
        }
    }

    @Test("a server that accepts and never answers hits the transfer timeout")
    func neverAnswers() async throws {
        try await withServer(routes: { server in
            await server.appendRoute("GET /hang") { _ in
                try await Task.sleep(for: .seconds(3600))
                return HTTPResponse(statusCode: .ok)
            }
        }) { server in
            let request = FetchRequest(url: server.url("/hang"), limits: Self.limits(total: 2))
            let (result, elapsed) = await timed { await Self.fetcher.fetch(request) }
            #expect(result.error?.kind == .timeout)
            #expect(elapsed >= .milliseconds(1900) && elapsed < .seconds(5), "\(elapsed)")
        }
    }

    @Test("a refused connection is reported as such, at once")
    func refused() async throws {
        // Port 1 on loopback: nothing listens there.
        let (result, elapsed) = await timed { await Self.fetcher.fetch(FetchRequest(url: "http://127.0.0.1:1/feed")) }
        #expect(result.error?.kind == .connectionRefused)
        #expect(elapsed < .seconds(2))
    }

    @Test("an unknown host is a DNS error")
    func dns() async throws {
        let result = await Self.fetcher.fetch(FetchRequest(url: "http://no-such-host.invalid/feed"))
        #expect(result.error?.kind == .dns)
    }

    @Test("huge headers are refused")
    func hugeHeaders() async throws {
        try await withServer(routes: { server in
            await server.appendRoute("GET /headers") { _ in
                var headers = HTTPHeaders()
                for i in 0..<200 { headers[HTTPHeader("X-Filler-\(i)")] = String(repeating: "h", count: 1000) }
                return HTTPResponse(statusCode: .ok, headers: headers, body: Data("x".utf8))
            }
        }) { server in
            let result = await Self.fetcher.fetch(FetchRequest(url: server.url("/headers")))
            #expect(result.error?.kind == .tooLarge)
            #expect(result.error?.message.contains("headers") == true)
        }
    }

    @Test(
        "malformed replies from a raw socket: each classified and named",
        arguments: [
            (
                "HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:1/\(String(repeating: "a", count: 200_000))\r\nContent-Length: 0\r\n\r\n",
                FetchErrorKind.tooLarge, "header line"
            ),
            ("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title></channel></rss>", .connection, "not an HTTP response"),
            ("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n<rss/>", .connection, "remaining"),
            ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nZZZ\r\nhello\r\n0\r\n\r\n", .connection, "chunked"),
            ("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 20\r\n\r\nxxxxxxxxxxxxxxxxxxxx", .connection, "unencoding"),
            ("HTTP/1.1 200 OK\r\nX-A: a\u{0}b\r\nContent-Length: 6\r\n\r\n<rss/>", .connection, "Nul byte"),
        ])
    func malformedReplies(_ reply: String, _ kind: FetchErrorKind, _ words: String) async throws {
        let server = try RawServer(reply: Data(reply.utf8), reset: false)
        defer { server.stop() }
        let result = await Self.fetcher.fetch(FetchRequest(url: server.url("/feed"), limits: Self.limits(total: 5)))
        #expect(result.error?.kind == kind, "\(String(describing: result.error))")
        #expect(result.error?.message.contains(words) == true, "\(String(describing: result.error))")
    }

    @Test("charset and cache headers are reported")
    func headersThatMatter() async throws {
        try await withServer(routes: { server in
            await server.appendRoute("GET /feed") { _ in
                HTTPResponse(
                    statusCode: .ok,
                    headers: headers(
                        ("Content-Type", "application/rss+xml; charset=windows-1251"), ("Cache-Control", "public, max-age=300"),
                        ("Expires", "Thu, 26 Nov 2026 12:00:00 GMT")),
                    body: Data([0xCF, 0xF3, 0xF2, 0xE8, 0xED]))
            }
        }) { server in
            let result = await Self.fetcher.fetch(FetchRequest(url: server.url("/feed")))
            #expect(result.headers.charset == "windows-1251")
            #expect(result.headers.maxAge == 300)
            #expect(result.headers.expires == Date(timeIntervalSince1970: 1_795_694_400))
            #expect(result.body == [0xCF, 0xF3, 0xF2, 0xE8, 0xED])
            #expect(result.timings.total > 0)
            #expect(result.timings.firstByte <= result.timings.total)
        }
    }

    @Test("the User-Agent and Accept headers say who is asking for what")
    func requestHeaders() async throws {
        let seen = InFlightHeaders()
        try await withServer(routes: { server in
            await server.appendRoute("GET /feed") { request in
                await seen.record(request.headers[HTTPHeader("User-Agent")])
                return HTTPResponse(statusCode: .ok)
            }
        }) { server in
            _ = await Self.fetcher.fetch(FetchRequest(url: server.url("/feed")))
            let agent = await seen.value ?? ""
            #expect(agent.hasPrefix("feedwatch/\(FetcherConfiguration.version) (+"))
        }
    }
}

/// The last value of a request header a handler saw.
actor InFlightHeaders {
    private(set) var value: String?
    func record(_ header: String?) { value = header }
}
