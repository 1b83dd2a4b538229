import FeedParser
import Fetcher
import Foundation
import Testing

@testable import Config
@testable import Monitor
@testable import Service

@Suite("Schedule")
struct ScheduleTests {
    let policy = SchedulePolicy(schedule: Configuration.Schedule())
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("the latest of interval, ttl, max-age, Expires and Retry-After, clamped")
    func nextPoll() {
        func wait(_ interval: TimeInterval? = nil, ttl: Int? = nil, headers: ResponseHeaders? = nil) -> TimeInterval {
            policy.nextPoll(after: now, interval: interval, ttlMinutes: ttl, headers: headers, jitter: 0).timeIntervalSince(now)
        }
        #expect(wait() == 900)
        #expect(wait(600) == 600)
        #expect(wait(60) == 300, "never below the minimum interval")
        #expect(wait(ttl: 60) == 3600)
        #expect(wait(headers: ResponseHeaders(maxAge: 1800)) == 1800)
        #expect(wait(headers: ResponseHeaders(expires: now.addingTimeInterval(7200))) == 7200)
        #expect(wait(headers: ResponseHeaders(retryAfter: .seconds(2000))) == 2000)
        #expect(wait(ttl: 100_000) == 6 * 3600, "never above the maximum interval")
    }

    @Test("jitter stays within its share of the interval")
    func jitter() {
        for j in stride(from: -1.0, through: 1.0, by: 0.25) {
            let wait = policy.nextPoll(after: now, interval: nil, ttlMinutes: nil, headers: nil, jitter: j).timeIntervalSince(now)
            #expect(wait >= 810 && wait <= 990)
        }
    }

    @Test("backoff doubles up to the cap and stays there; Retry-After is honoured")
    func backoff() {
        let waits = (1...12).map {
            policy.nextRetry(after: now, interval: nil, failures: $0, retryAfter: nil, jitter: 0).timeIntervalSince(now)
        }
        #expect(waits.prefix(6) == [900, 1800, 3600, 7200, 14400, 21600])
        #expect(waits.dropFirst(5).allSatisfy { $0 == 21600 }, "a failing feed is retried at the cap for ever")
        let retry = policy.nextRetry(after: now, interval: nil, failures: 1, retryAfter: .seconds(5000), jitter: 0)
        #expect(retry.timeIntervalSince(now) == 5000)
        #expect(SchedulePolicy.slowsHost(429) && SchedulePolicy.slowsHost(503) && SchedulePolicy.slowsHost(403))
        #expect(!SchedulePolicy.slowsHost(404) && !SchedulePolicy.slowsHost(500))
    }
}

@Suite("Item identity")
struct ItemIdentityTests {
    func entry(id: String? = nil, link: String? = nil, title: String? = nil) -> FeedEntry {
        var entry = FeedEntry()
        entry.id = id
        entry.link = link
        entry.title = title
        return entry
    }

    @Test("guid first, then the link without tracking parameters, then title and date")
    func identity() {
        #expect(ItemIdentity.identity(of: entry(id: "g1", link: "http://e.com/a"), rotatingGuids: false) == "id:g1")
        #expect(ItemIdentity.identity(of: entry(id: "g1", link: "http://e.com/a"), rotatingGuids: true) == "link:http://e.com/a")
        #expect(
            ItemIdentity.identity(of: entry(link: "HTTP://E.com/a?utm_source=x&id=5&fbclid=y#top"), rotatingGuids: false)
                == "link:http://e.com/a?id=5")
        let a = ItemIdentity.identity(of: entry(title: "Same"), rotatingGuids: false)
        #expect(a.hasPrefix("hash:"))
        #expect(a == ItemIdentity.identity(of: entry(title: "Same"), rotatingGuids: false))
        #expect(a != ItemIdentity.identity(of: entry(title: "Other"), rotatingGuids: false))
    }

    @Test("the content hash changes with what a reader sees, only")
    func contentHash() {
        var one = entry(id: "g", title: "T")
        one.summary = "S"
        var two = one
        #expect(ItemIdentity.contentHash(of: one) == ItemIdentity.contentHash(of: two))
        two.summary = "S2"
        #expect(ItemIdentity.contentHash(of: one) != ItemIdentity.contentHash(of: two))
        var three = one
        three.categories = [FeedCategory(term: "x")]
        #expect(ItemIdentity.contentHash(of: one) == ItemIdentity.contentHash(of: three))
    }
}

@Suite("Configuration files")
struct ConfigurationTests {
    func load(_ json: String) throws -> Configuration {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("config-\(UUID().uuidString).json")
        try Data(json.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        return try Configuration.load(path: file.path)
    }

    func problems(_ json: String) -> [ConfigProblem] {
        do { _ = try load(json); return [] } catch let errors as ConfigErrors { return errors.problems } catch { return [] }
    }

    @Test("\\u escapes: pairs join, a lone or mismatched surrogate is U+FFFD, bad hex is an error; the fuzzer's crash input is an error")
    func unicodeEscapes() throws {
        func name(_ escaped: String) throws -> String? {
            try load("{\"feeds\": [{\"url\": \"https://e.com/rss\", \"name\": \"\(escaped)\"}]}").feeds.first?.name
        }
        #expect(try name("\\uD83D\\uDE00") == "😀")
        #expect(try name("\\uD800\\u0041") == "\u{FFFD}A")
        #expect(try name("\\uDAED\\uDAED") == "\u{FFFD}\u{FFFD}")
        #expect(try name("\\uDE00x") == "\u{FFFD}x")
        #expect(try name("caf\\u00e9") == "café")
        #expect(problems("{\"feeds\": [{\"url\": \"https://e.com/\\u+123\"}]}").first?.message.contains("bad \\u escape") == true)
        // Found by FuzzConfig (arithmetic overflow in the surrogate pair arithmetic): now a plain error.
        let crash = try #require(Data(base64Encoded: "Ilx1REFlRFx1REFlRP//O1xy"))
        #expect(throws: ConfigErrors.self) { try Configuration.load(text: String(decoding: crash, as: UTF8.self), path: "fuzz.json") }
    }

    @Test("a full configuration reads, with relative paths taken from the file's folder")
    func full() throws {
        let config = try load(
            """
            {"storage": {"path": "state/db.sqlite"}, "feeds": [{"url": "https://e.com/rss", "tags": ["a"], "intervalMinutes": 5}],
             "watchlist": {"actors": [{"id": "p", "name": "Vladimir Putin", "type": "person"}], "topics": []},
             "alerts": {"sinks": [{"id": "f", "type": "jsonl", "path": "alerts.jsonl"}], "rules": [{"id": "r", "actors": ["p"], "sinks": ["f"]}]},
             "digest": {"time": "06:30", "timezone": "Europe/Budapest"}, "fetch": {"concurrency": 8}, "retentionDays": 30}
            """)
        #expect(config.storagePath.hasSuffix("/state/db.sqlite"))
        #expect(config.storagePath.hasPrefix("/"))
        #expect(config.feeds.first?.interval == 300)
        #expect(config.rules.first?.sinks == ["f"])
        #expect(config.sinks.first?.path?.hasSuffix("/alerts.jsonl") == true)
        #expect(config.digest.timezone == "Europe/Budapest")
        #expect(config.fetch.concurrency == 8)
        #expect(config.retentionDays == 30)
    }

    @Test("every problem at once, each with its path and line")
    func problemsWithLines() {
        let found = problems(
            """
            {
              "feeds": [
                {"url": "https://ok.example/rss"},
                {"url": "https://ok.example/rss"},
                {"url": 5}
              ],
              "alerts": {"rules": [{"id": "r", "actors": ["nobody"], "sinks": ["nowhere"]}]},
              "retentionDays": 0
            }
            """)
        #expect(
            found.map(\.path) == [
                "$.feeds[1].url", "$.feeds[2].url", "$.alerts.rules[0].actors[0]",
                "$.alerts.rules[0].sinks[0]", "$.retentionDays",
            ])
        #expect(found.map(\.line) == [4, 5, 7, 7, 8])
    }

    @Test("syntax errors give line and column")
    func syntax() {
        let found = problems("{\n  \"feeds\": [\n    {\"url\": \"x\",}\n  ]\n}")
        #expect(found.count == 1)
        #expect(found.first?.line == 3)
        #expect(found.first?.message.contains("column") == true)
    }

    @Test("watchlist problems point into the watchlist")
    func watchlistProblems() {
        let found = problems(
            """
            {"feeds": [{"url": "https://e.com/rss"}],
             "watchlist": {"topics": [{"id": "t", "name": "T",
                                       "query": "(a OR"}]}}
            """)
        #expect(found.first?.path == "$.watchlist.topics[0].query")
        #expect(found.first?.line == 3)
    }
}

@Suite("OPML")
struct OPMLTests {
    @Test("reads nested outlines as tagged feeds, and writes them back")
    func roundTrip() throws {
        let opml = """
            <?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body>
            <outline text="News"><outline text="World" type="rss" xmlUrl="https://a.example/rss" title="A &amp; B"/>
              <outline text="Europe"><outline type="rss" xmlUrl="https://b.example/atom" text="B"/></outline></outline>
            <outline type="rss" xmlUrl="https://c.example/feed"/></body></opml>
            """
        let feeds = try OPML.feeds(from: Data(opml.utf8))
        #expect(feeds.map(\.url) == ["https://a.example/rss", "https://b.example/atom", "https://c.example/feed"])
        #expect(feeds.map(\.tags) == [["News"], ["News", "Europe"], []])
        #expect(feeds[0].name == "A & B")
        let again = try OPML.feeds(from: Data(OPML.export(feeds).utf8))
        #expect(again.map(\.url) == feeds.map(\.url))
        #expect(again.map(\.name) == feeds.map(\.name))
        #expect(again.map(\.tags) == feeds.map(\.tags), "the category attribute export writes is read back as tags")
        #expect(throws: OPML.Error.self) { try OPML.feeds(from: Data("<rss/>".utf8)) }
    }

    @Test("category attributes (OPML 2.0 paths too) become tags; a URL listed twice is kept once with both tags")
    func categoriesAndDuplicates() throws {
        let opml = """
            <?xml version="1.0"?><opml version="2.0"><body>
            <outline text="News"><outline type="rss" xmlUrl="https://a.example/rss" text="A" category="/Europe,en, politics"/></outline>
            <outline type="rss" xmlUrl="https://b.example/rss" text="B"/>
            <outline type="rss" xmlUrl="https://a.example/rss" text="A again" category="radio"/>
            </body></opml>
            """
        let feeds = try OPML.feeds(from: Data(opml.utf8))
        #expect(feeds.first?.tags == ["News", "Europe", "en", "politics"])
        let (kept, repeated) = OPML.deduplicated(feeds)
        #expect(kept.map(\.url) == ["https://a.example/rss", "https://b.example/rss"])
        #expect(kept.first?.tags == ["News", "Europe", "en", "politics", "radio"])
        #expect(kept.first?.name == "A")
        #expect(repeated == ["https://a.example/rss"])
        #expect(OPML.deduplicated(kept).repeated.isEmpty)
    }

    @Test("an OPML file from the web is hostile too: no entity expansion, no local file read")
    func hostile() throws {
        let levels = (1...9).map { level in
            "<!ENTITY lol\(level) \"\(String(repeating: "&lol\(level - 1);", count: 10))\">"
        }.joined(separator: "\n")
        let opml = """
            <?xml version="1.0"?>
            <!DOCTYPE opml [<!ENTITY lol0 "lollollollollollollollollollol">
            \(levels)
            <!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <opml version="2.0"><body>
            <outline text="&lol9;" xmlUrl="https://a.example/&lol9;"/>
            <outline text="x &xxe;" xmlUrl="https://b.example/&xxe;"/>
            <outline text="y">&xxe;<outline text="z" xmlUrl="https://c.example/feed"/></outline>
            </body></opml>
            """
        let feeds = try OPML.feeds(from: Data(opml.utf8))
        #expect(feeds.count == 3)
        #expect(
            feeds.allSatisfy { $0.url.count < 100 && ($0.name ?? "").count < 100 },
            "\(feeds.map { ($0.url.prefix(60), $0.name?.prefix(60)) })")
        #expect(!feeds.contains { $0.url.contains("root:") || ($0.name ?? "").contains("root:") || $0.tags.joined().contains("root:") })
    }
}

@Suite("systemd notifications")
struct NotifierTests {
    @Test("messages reach a datagram socket named by NOTIFY_SOCKET")
    func notify() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("notify-\(UUID().uuidString.prefix(8))").path
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        defer { close(fd); unlink(path) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in for (i, b) in path.utf8.enumerated() { buffer[i] = b } }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        #expect(bound == 0)
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": path])
        notifier.notify("READY=1")
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = recv(fd, &buffer, buffer.count, Int32(MSG_DONTWAIT))
        #expect(count == 7)
        #expect(String(decoding: buffer.prefix(max(0, count)), as: UTF8.self) == "READY=1")
        SystemdNotifier(environment: [:]).notify("READY=1")  // no socket: nothing happens
        #expect(SystemdNotifier.watchdogInterval(environment: ["WATCHDOG_USEC": "30000000"]) == 30)
    }
}

@Suite("Watchlist inside a configuration")
struct ConfigWatchlistTests {
    @Test("a misspelt key inside an inline watchlist fails check-config with the config's line")
    func inlineTypo() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("config-\(UUID().uuidString).json")
        try Data(
            """
            {"feeds": [{"url": "https://e.com/rss"}],
             "watchlist": {"actors": [
               {"id": "ru", "name": "Russia", "type": "country",
                "aliasses": ["Россия"]}]}}
            """.utf8
        ).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        do {
            _ = try Configuration.load(path: file.path)
            Issue.record("expected an error")
        } catch let errors as ConfigErrors {
            #expect(errors.problems.map(\.path) == ["$.watchlist.actors[0].aliasses"])
            #expect(errors.problems.first?.line == 4)
            #expect(errors.problems.first?.message.contains("did you mean \"aliases\"") == true)
        }
    }
}

@Suite("Private networks in the configuration")
struct PrivateNetworkConfigurationTests {
    @Test("fetch.allowPrivateNetworks: off by default, a caution when on, a clear error when not a boolean")
    func allowPrivateNetworks() throws {
        let tests = ConfigurationTests()
        let plain = try tests.load(#"{"feeds": [{"url": "https://e.com/rss"}]}"#)
        #expect(!plain.fetch.allowPrivateNetworks && plain.cautions.isEmpty)
        #expect(plain.fetch.limits == FetchLimits.default, "the configuration's defaults are the fetcher's")
        let open = try tests.load(#"{"feeds": [{"url": "https://e.com/rss"}], "fetch": {"allowPrivateNetworks": true}}"#)
        #expect(open.fetch.allowPrivateNetworks)
        #expect(open.cautions.first?.contains("169.254.169.254") == true)
        let wrong = tests.problems("{\"feeds\": [],\n \"fetch\": {\"allowPrivateNetworks\": \"yes\"}}")
        #expect(wrong.first?.path == "$.fetch.allowPrivateNetworks" && wrong.first?.line == 2, "\(wrong)")
    }

    @Test("a link-local DNS resolver (blocked by the unit's IPAddressDeny=link-local) is found in resolv.conf")
    func linkLocalResolver() {
        let gce = "# Generated\ndomain c.project.internal\nsearch c.project.internal. google.internal.\nnameserver 169.254.169.254\n"
        #expect(LinkLocalResolver.nameservers(inResolvConf: gce).map(\.description) == ["169.254.169.254"])
        #expect(
            LinkLocalResolver.nameservers(inResolvConf: "nameserver\tfe80::1%eth0\nnameserver 10.0.0.2\n").map(\.description) == ["fe80::1"]
        )
        #expect(LinkLocalResolver.nameservers(inResolvConf: "nameserver 127.0.0.53\noptions edns0\n").isEmpty)
        #expect(LinkLocalResolver.nameservers(inResolvConf: "#nameserver 169.254.169.254\nnameserver bogus\n").isEmpty)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("resolv-\(UUID().uuidString).conf")
        defer { try? FileManager.default.removeItem(at: file) }
        try? Data(gce.utf8).write(to: file)
        #expect(LinkLocalResolver.warning(resolvConf: file.path)?.contains("IPAddressAllow=169.254.169.254") == true)
        #expect(LinkLocalResolver.warning(resolvConf: "/nonexistent/resolv.conf") == nil)
    }
}

@Suite("The text an item gives the extractor")
struct ItemTextTests {
    @Test("the longest body wins: yandex:full-text over a teaser description, content:encoded over both when longer")
    func preference() throws {
        let feed = try FeedParser.parse(
            Data(
                """
                <rss version="2.0" xmlns:yandex="http://news.yandex.ru" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
                <item><title>a</title><description>Коротко.</description>
                <yandex:full-text>Владимир Путин встретился с Виктором Орбаном в Пекине; стороны обсудили газ.</yandex:full-text></item>
                <item><title>b</title><description>Teaser.</description><yandex:full-text>Short full text.</yandex:full-text>
                <content:encoded><![CDATA[<p>The <b>longest</b> body of all, with markup that is taken out before extraction.</p>]]></content:encoded></item>
                <item><title>c</title><description>&lt;p&gt;Only a description.&lt;/p&gt;</description></item>
                </channel></rss>
                """.utf8))
        let texts = feed.entries.map(FeedPoller.text(of:))
        #expect(texts[0] == "Владимир Путин встретился с Виктором Орбаном в Пекине; стороны обсудили газ.")
        #expect(texts[1] == "The longest body of all, with markup that is taken out before extraction.", "\(texts[1])")
        #expect(texts[2] == "Only a description.", "\(texts[2])")
    }

    @Test("without a body or description: media:description, then itunes:summary; a JSON Feed item's content_text")
    func fallbacks() throws {
        let rss = try FeedParser.parse(
            Data(
                """
                <rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">
                <channel><item><title>v</title><media:group><media:description>Orbán speaks in the video.</media:description></media:group>
                <itunes:summary>Not this one.</itunes:summary></item>
                <item><title>p</title><itunes:summary>A podcast about sanctions.</itunes:summary></item>
                <item><title>e</title><description/><media:description>Filled in.</media:description></item></channel></rss>
                """.utf8))
        #expect(rss.entries.map(FeedPoller.text(of:)) == ["Orbán speaks in the video.", "A podcast about sanctions.", "Filled in."])
        let json = try FeedParser.parse(
            Data(
                #"{"version": "https://jsonfeed.org/version/1.1", "items": [{"id": "1", "summary": "Short.", "content_text": "The whole text."}]}"#
                    .utf8))
        #expect(json.entries.map(FeedPoller.text(of:)) == ["The whole text."])
    }
}
