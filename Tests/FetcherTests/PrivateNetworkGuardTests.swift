import FlyingFox
import Foundation
import TestSupport
import Testing

@testable import Fetcher

/// Which part of the address space an address lies in: the table the guard decides by.
@Suite("IP address ranges")
struct IPAddressRangeTests {
    @Test(
        "non-public IPv4 blocks, with their edges",
        arguments: [
            ("127.0.0.1", SpecialRange.loopback), ("127.255.255.254", .loopback), ("10.0.0.1", .privateNetwork),
            ("10.255.255.255", .privateNetwork), ("172.16.0.1", .privateNetwork), ("172.31.255.255", .privateNetwork),
            ("192.168.1.1", .privateNetwork), ("169.254.169.254", .linkLocal), ("100.64.0.1", .sharedAddressSpace),
            ("100.127.255.255", .sharedAddressSpace), ("0.0.0.0", .unspecified), ("0.1.2.3", .unspecified),
            ("224.0.0.251", .multicast), ("239.255.255.250", .multicast), ("240.0.0.1", .reserved),
            ("255.255.255.255", .reserved), ("192.0.2.10", .documentation), ("198.51.100.7", .documentation),
            ("203.0.113.9", .documentation), ("198.18.0.1", .reserved), ("198.19.255.255", .reserved), ("192.0.0.8", .reserved),
        ])
    func ipv4Special(_ text: String, _ range: SpecialRange) throws {
        let address = try #require(IPAddress(text))
        #expect(address.specialRange == range, "\(text)")
        #expect(!address.isPublic)
        #expect(address.description == text)
    }

    @Test(
        "non-public IPv6 blocks, and IPv6 forms that carry a non-public IPv4 address",
        arguments: [
            ("::1", SpecialRange.loopback), ("::", .unspecified), ("fe80::1", .linkLocal), ("[fe80::1%eth0]", .linkLocal),
            ("febf::1", .linkLocal), ("fec0::1", .privateNetwork), ("fc00::1", .privateNetwork), ("fd12:3456::1", .privateNetwork),
            ("ff02::1", .multicast), ("2001:db8::1", .documentation), ("3fff::1", .documentation), ("100::1", .reserved),
            ("2001::1", .reserved), ("64:ff9b:1::1", .privateNetwork),
            ("::ffff:127.0.0.2", .loopback), ("[::ffff:7f00:2]", .loopback), ("::ffff:169.254.169.254", .linkLocal),
            ("::ffff:0:10.0.0.1", .privateNetwork), ("::10.0.0.1", .privateNetwork), ("::8.8.8.8", .reserved),
            ("64:ff9b::127.0.0.1", .loopback), ("64:ff9b::a9fe:a9fe", .linkLocal), ("2002:7f00:1::", .loopback),
            ("2002:c0a8:101::1", .privateNetwork),
        ])
    func ipv6Special(_ text: String, _ range: SpecialRange) throws {
        let address = try #require(IPAddress(text))
        #expect(address.specialRange == range, "\(text)")
    }

    @Test(
        "public addresses, including the neighbours of every IPv4 block",
        arguments: [
            "8.8.8.8", "1.1.1.1", "9.255.255.255", "11.0.0.0", "100.63.255.255", "100.128.0.0", "126.255.255.255", "128.0.0.0",
            "169.253.255.255", "169.255.0.0", "172.15.255.255", "172.32.0.0", "192.167.255.255", "192.169.0.0", "198.17.255.255",
            "198.20.0.0", "223.255.255.255", "192.0.3.1", "203.0.114.1",
            "2606:4700:4700::1111", "2a00:1450:4001:80e::200e", "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1",
            "fbff::1", "2001:200::1",
        ])
    func publicAddresses(_ text: String) throws {
        let address = try #require(IPAddress(text))
        #expect(address.isPublic, "\(text) is \(address.specialRange.map(\.rawValue) ?? "")")
    }

    @Test("text that is not an address")
    func notAddresses() {
        for text in ["", "localhost", "127.0.0", "256.0.0.1", "::g", "[::1", "example.org", "1.2.3.4.5"] {
            #expect(IPAddress(text) == nil, "\(text)")
        }
        #expect(IPAddress(bytes: [1, 2, 3]) == nil)
    }

    @Test("a URL's host as libcurl reads it: numeric forms normalised, case folded")
    func hosts() {
        #expect(CurlURL.host("http://2130706434:8080/x") == "127.0.0.2")
        #expect(CurlURL.host("http://0x7f.1/") == "127.0.0.1")
        #expect(CurlURL.host("HTTP://Intranet.Example/feed") == "intranet.example")
        #expect(CurlURL.host("http://[::FFFF:127.0.0.2]/") == "[::ffff:127.0.0.2]")
        #expect(CurlURL.host("not a url") == nil)
        #expect(
            PrivateNetworkAccess.hosts(of: ["http://a.example/x", "https://B.example:8443/", "http://A.example:81/"])
                == .underHosts(["a.example", "b.example"]))
    }
}

/// The guard through real libcurl: a feed server on 127.0.0.1, an "internal" server on 127.0.0.2
/// that must never be reached by what the feed links to.
@Suite("Private-network guard over loopback", .serialized)
struct PrivateNetworkGuardTests {
    /// Counts the requests that reached the internal server.
    actor Hits {
        var count = 0
        func hit() { count += 1 }
    }

    static func internalServer(_ hits: Hits, host: String = "127.0.0.2") async throws -> TestServer {
        try await TestServer.start(host: host) { server in
            await server.appendRoute("GET /internal/secret") { _ in
                await hits.hit()
                return HTTPResponse(statusCode: .ok, body: Data("token=s3cr3t password=hunter2".utf8))
            }
        }
    }

    static func feedServer(redirectTo target: String) async throws -> TestServer {
        try await TestServer.start { server in
            await server.appendRoute("GET /feed") { _ in
                HTTPResponse(statusCode: .ok, headers: headers(("Content-Type", "application/rss+xml")), body: TestServer.feedXML)
            }
            await server.appendRoute("GET /article") { _ in HTTPResponse(statusCode: .ok, body: Data("<p>the article</p>".utf8)) }
            await server.appendRoute("GET /moved") { _ in
                HTTPResponse(statusCode: .found, headers: headers(("Location", target), ("Content-Length", "0")))
            }
        }
    }

    @Test("links from a feed to another loopback address, by IP, decimal, IPv4-mapped IPv6 or name, are refused unsent")
    func linksRefused() async throws {
        let hits = Hits()
        let secret = try await Self.internalServer(hits)
        let onFeedHost = try await Self.internalServer(hits, host: "127.0.0.1")
        let feedServer = try await Self.feedServer(redirectTo: secret.url("/internal/secret"))
        let fetcher = Fetcher()
        defer { fetcher.shutdown() }
        let feed = await fetcher.fetch(FetchRequest(url: feedServer.url("/feed")))
        #expect(feed.status == 200 && feed.address == IPAddress("127.0.0.1"))
        #expect(feed.linkAccess == .underHosts(["127.0.0.1"]), "served from loopback: its own host stays reachable")

        let links = [
            secret.url("/internal/secret"), "http://2130706434:\(secret.port)/internal/secret",
            "http://[::ffff:127.0.0.2]:\(secret.port)/internal/secret", "http://0x7f000002:\(secret.port)/internal/secret",
            "http://localhost:\(onFeedHost.port)/internal/secret",
        ]
        for link in links {
            let result = await fetcher.fetch(FetchRequest(url: link, privateNetworks: feed.linkAccess))
            #expect(result.error?.kind == .privateNetwork, "\(link): \(String(describing: result.error))")
            #expect(result.body.isEmpty && result.status == 0)
            let refused = try #require(result.refused, "\(link)")
            #expect(refused.range == .loopback && refused.url.contains("/internal/secret"))
            #expect(result.error?.description.contains("refused to connect to \(refused.address) (loopback)") == true)
        }
        #expect(await hits.count == 0, "not one request reached the internal servers")

        let ownHost = await fetcher.fetch(FetchRequest(url: feedServer.url("/article"), privateNetworks: feed.linkAccess))
        #expect(ownHost.status == 200 && String(decoding: ownHost.body, as: UTF8.self).contains("the article"))
        #expect(ownHost.refused == nil)

        let publicOnly = await fetcher.fetch(FetchRequest(url: feedServer.url("/article"), privateNetworks: .publicOnly))
        #expect(publicOnly.error?.kind == .privateNetwork)
        await feedServer.stop(); await secret.stop(); await onFeedHost.stop()
    }

    @Test("a redirect from a configured feed into another private address is refused; allowed everywhere it is followed")
    func redirectRefused() async throws {
        let hits = Hits()
        let secret = try await Self.internalServer(hits)
        let feedServer = try await Self.feedServer(redirectTo: "http://2130706434:\(secret.port)/internal/secret")
        let fetcher = Fetcher()
        defer { fetcher.shutdown() }
        let moved = await fetcher.fetch(FetchRequest(url: feedServer.url("/moved")))
        #expect(moved.error?.kind == .privateNetwork, "\(String(describing: moved.error))")
        #expect(moved.refused?.address == IPAddress("127.0.0.2"))
        #expect(moved.refused?.url == "http://127.0.0.2:\(secret.port)/internal/secret", "the URL after the redirect")
        #expect(moved.body.isEmpty)
        #expect(await hits.count == 0)

        let open = await fetcher.fetch(FetchRequest(url: feedServer.url("/moved"), privateNetworks: .anywhere))
        #expect(open.status == 200 && open.redirects == 1 && open.refused == nil)
        #expect(String(decoding: open.body, as: UTF8.self).contains("s3cr3t"))
        #expect(open.linkAccess == .anywhere)
        #expect(await hits.count == 1)
        await feedServer.stop(); await secret.stop()
    }

    @Test("a kept-alive connection opened for a trusted URL does not serve an untrusted one")
    func reusedConnection() async throws {
        let hits = Hits()
        let secret = try await Self.internalServer(hits)
        let fetcher = Fetcher()
        defer { fetcher.shutdown() }
        // The user's own URL on 127.0.0.2: trusted, and its connection stays in libcurl's pool.
        let trusted = await fetcher.fetch(FetchRequest(url: secret.url("/internal/secret")))
        #expect(trusted.status == 200)
        #expect(await hits.count == 1)
        let linked = await fetcher.fetch(FetchRequest(url: secret.url("/internal/secret"), privateNetworks: .underHosts(["127.0.0.1"])))
        #expect(linked.error?.kind == .privateNetwork, "\(String(describing: linked.error))")
        #expect(linked.body.isEmpty)
        #expect(await hits.count == 1, "the reused connection was checked before the request was sent")
        await secret.stop()
    }
}
