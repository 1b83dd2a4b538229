import Alerts
import Config
import Extractor
import FeedCore
import FeedParser
import Fetcher
import Foundation
import Logging
import Store

/// Why a poll did not end in stored items (or a 304).
public enum PollFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The fetch failed: network, TLS, HTTP status, limits, the private-network guard (its kind says which).
    case fetch(FetchError)
    /// The body is not a feed feedwatch can read (the parser's words, with the line).
    case unreadable(String)
    /// The database could not take the poll (full disk, I/O error, lock): nothing of it was stored,
    /// not even the feed's next due time, so the caller must hold the feed back itself.
    case storage(String)
    /// The daemon is stopping.
    case cancelled

    /// A short name for metrics: the fetch error's kind, "unreadable", "storage" or "cancelled".
    public var kind: String {
        switch self {
        case .fetch(let error): error.kind.rawValue
        case .unreadable: "unreadable"
        case .storage: "storage"
        case .cancelled: "cancelled"
        }
    }

    public var description: String {
        switch self {
        case .fetch(let error): error.description
        case .unreadable(let reason), .storage(let reason): reason
        case .cancelled: "cancelled"
        }
    }
}

/// What one poll of one feed did.
public struct PollReport: Sendable {
    public var feed: String
    public var status: Int
    public var notModified: Bool
    public var newItems: Int
    public var updatedItems: Int
    /// nil when the poll succeeded (stored what was new, or a 304).
    public var failure: PollFailure?
    /// Set when the server asked the whole host to slow down (429, 503, 403).
    public var slowHost: (host: String, until: Date)?
    /// How long the poll took, fetch to commit.
    public var seconds: Double = 0
    /// New items that would have alerted but were stored quietly: the feed's first poll
    /// (`alerts.backfill` quiet) or older than `alerts.maxAgeHours`.
    public var quietItems = 0
    /// Alerts not raised because their rule had already alerted the item's story (another outlet's copy).
    public var sameStory = 0

    public var storageFailed: Bool { if case .storage = failure { true } else { false } }
}

/// Polls one feed: fetch, parse, extract what is new, store it in one transaction, schedule the next poll.
struct FeedPoller: Sendable {
    let configuration: Configuration
    let extractor: Extractor
    let store: any FeedStore
    let fetcher: Fetcher
    let logger: Logger

    var policy: SchedulePolicy { SchedulePolicy(schedule: configuration.schedule) }
    var rules: AlertRules { AlertRules(rules: configuration.rules, watchlist: configuration.watchlist) }

    func poll(_ feed: FeedState, spec: Configuration.Feed, now: Date = Date()) async -> PollReport {
        var log = logger
        log[metadataKey: "feed"] = "\(feed.url)"
        // The configured URL's host is the user's choice, wherever it points; a redirect elsewhere is not.
        let request = FetchRequest(
            url: feed.url, etag: feed.etag, lastModified: feed.lastModified, allowFile: spec.allowFile,
            verifyTLS: spec.verifyTLS, limits: configuration.fetch.limits,
            privateNetworks: configuration.fetch.privateNetworks(trusting: spec.url))
        var result = await fetcher.fetch(request)
        // A site's page where a feed was expected: the feed it announces is fetched instead, once,
        // and its URL stored (like a permanent redirect) so that later polls go straight to it.
        var discovered: String?
        if result.error == nil, !result.notModified, FeedDiscovery.looksLikeHTML(result.body, contentType: result.headers.contentType),
            let found = FeedDiscovery.feeds(inHTML: result.body, pageURL: result.finalURL).first
        {
            let page = result.finalURL
            result = await fetcher.fetch(
                FetchRequest(
                    url: found.url, verifyTLS: spec.verifyTLS, limits: configuration.fetch.limits,
                    privateNetworks: result.linkAccess))
            if result.error == nil {
                discovered = found.url
                log.notice("feed found in the page", metadata: ["page": "\(page)", "found": "\(found.url)"])
            }
        }
        var report = PollReport(
            feed: feed.url, status: result.status, notModified: result.notModified, newItems: 0,
            updatedItems: 0, failure: nil, slowHost: nil)
        do {
            if let error = result.error {
                if error.kind == .cancelled { report.failure = .cancelled; return report }
                report.failure = .fetch(error)
                let failures = feed.consecutiveErrors + 1
                let next = policy.nextRetry(after: now, interval: spec.interval, failures: failures, retryAfter: result.headers.retryAfter)
                if SchedulePolicy.slowsHost(result.status) {
                    report.slowHost = (Fetcher.hostKey(of: feed.url), next)
                }
                let broken = try await store.recordFailure(
                    feed: feed.id, status: result.status, error: error.description,
                    nextDue: next, at: now, brokenAfter: configuration.schedule.brokenAfter)
                if broken.newlyBroken {
                    try await store.enqueue(
                        rules.healthAlerts(feed: spec, broken: true, error: error.description, at: now),
                        kind: .feedBroken, feed: feed.id, at: now)
                }
                log.warning(
                    "fetch failed",
                    metadata: [
                        "error": "\(error)", "failures": "\(failures)", "broken": "\(broken)",
                        "retry": "\(next.isoString)",
                    ])
                return report
            }
            let movedTo = discovered ?? result.permanentURL
            if discovered == nil, movedTo != nil { log.notice("moved permanently", metadata: ["to": "\(movedTo!)"]) }
            if result.notModified {
                let next = policy.nextPoll(after: now, interval: spec.interval, ttlMinutes: nil, headers: result.headers)
                let recovered = try await store.recordSuccess(
                    feed: feed.id, status: 304, url: movedTo, etag: result.headers.etag ?? feed.etag,
                    lastModified: result.headers.lastModified ?? feed.lastModified, nextDue: next, at: now)
                try await recoveredAlert(recovered, feed: feed, spec: spec, at: now)
                log.debug("not modified")
                return report
            }
            let parsed: ParsedFeed
            do {
                if FeedDiscovery.looksLikeHTML(result.body, contentType: result.headers.contentType) {
                    throw FeedParseError.unreadable("an HTML page, not a feed, and it announces no feed (<link rel=\"alternate\">)")
                }
                parsed = try FeedParser.parse(
                    result.body, options: ParseOptions(baseURL: result.finalURL, contentType: result.headers.contentType))
                if parsed.version == .unknown { throw FeedParseError.unreadable("not an RSS or Atom feed") }
            } catch {
                let failures = feed.consecutiveErrors + 1
                report.failure = .unreadable("\(error)")
                let next = policy.nextRetry(after: now, interval: spec.interval, failures: failures, retryAfter: nil)
                let broken = try await store.recordFailure(
                    feed: feed.id, status: result.status, error: "\(error)", nextDue: next,
                    at: now, brokenAfter: configuration.schedule.brokenAfter)
                if broken.newlyBroken {
                    try await store.enqueue(
                        rules.healthAlerts(feed: spec, broken: true, error: "\(error)", at: now),
                        kind: .feedBroken, feed: feed.id, at: now)
                }
                log.warning("unreadable feed", metadata: ["error": "\(error)"])
                return report
            }
            let entries = parsed.entries.map { entry in
                (
                    entry: entry, identity: ItemIdentity.identity(of: entry, rotatingGuids: spec.rotatingGuids),
                    hash: ItemIdentity.contentHash(of: entry)
                )
            }
            let novelty = try await store.classify(
                feed: feed.id, items: entries.map { ItemFingerprint(identity: $0.identity, contentHash: $0.hash) })
            // What a feed holds when it is first polled is its past, not news: stored, but alerting
            // nobody unless `alerts.backfill` says so.
            let backfill = feed.lastSuccess == nil && configuration.backfill == .quiet
            let feedCategories = parsed.feed.categories.labels
            if !feedCategories.isEmpty || feed.lastSuccess != nil {
                try await store.recordFeedCategories(feed: feed.id, categories: feedCategories)
            }
            var seen: Set<String> = []
            var items: [StoredItem] = []
            // The extraction of the items that will alert, by index in `items` (only theirs is kept).
            var alerting: [(index: Int, extraction: ExtractionResult)] = []
            // Items that name a watched actor or topic and are not old news: the digest groups them into stories.
            var watched: [Int] = []
            var silenced = 0
            for item in entries where novelty[item.identity] != .unchanged && seen.insert(item.identity).inserted {
                var (prepared, extraction) = await prepare(
                    item.entry, identity: item.identity, hash: item.hash, spec: spec, linkAccess: result.linkAccess, log: log)
                prepared.categories = item.entry.categories.labels
                let stale = isStale(published: prepared.published, now: now)
                let fires = rules.firesAny(extraction, feed: spec, categories: prepared.categories, feedCategories: feedCategories)
                // (Not on a quiet first poll: what a feed holds then is its past.)
                if !stale, !backfill, fires || !extraction.actors.isEmpty || !extraction.topics.isEmpty { watched.append(items.count) }
                if fires {
                    if backfill || stale {
                        silenced += 1
                    } else {
                        alerting.append((items.count, extraction))
                    }
                }
                items.append(prepared)
            }
            // Stories are looked for where a watched actor or topic appears (every item a rule fires on
            // is among them): what names nobody needs no grouping.
            let stories = try await self.stories(of: watched.map { items[$0] }, feed: feed.id, at: now)
            let storyOf = Dictionary(zip(watched, stories ?? []).map { ($0, $1) }, uniquingKeysWith: { first, _ in first })
            for index in watched { items[index].storyID = storyOf[index]?.id }
            for (index, extraction) in alerting {
                let story = storyOf[index]
                let item = items[index]
                items[index].alerts = rules.alerts(
                    for: extraction, item: (item.title, item.link, item.published, item.identity, item.contentHash),
                    feed: spec, categories: item.categories, feedCategories: feedCategories, story: story, at: now)
            }
            let stored = try await store.store(feed: feed.id, items: items, at: now)
            // One line per alert, whatever the number of sinks it goes to (their deliveries are debug).
            let raisedFor = Set(stored.raised.map(\.item))
            let byIdentity = Dictionary(
                items.lazy.filter { raisedFor.contains($0.identity) }.map { ($0.identity, (title: $0.title, link: $0.link)) },
                uniquingKeysWith: { first, _ in first })
            for alert in stored.raised {
                let item = byIdentity[alert.item]
                var metadata: Logger.Metadata = [
                    "rule": "\(alert.rule)", "item": "\(alert.item)", "title": "\(item?.title ?? "")", "link": "\(item?.link ?? "")",
                ]
                if alert.kind != .item { metadata["kind"] = "\(alert.kind.rawValue)" }
                if alert.held { metadata["held"] = "hourly limit: in the next summary" }
                log.info("alert raised", metadata: metadata)
            }
            report.newItems = stored.new
            report.updatedItems = stored.updated
            let next = policy.nextPoll(after: now, interval: spec.interval, ttlMinutes: parsed.feed.ttl, headers: result.headers)
            let recovered = try await store.recordSuccess(
                feed: feed.id, status: result.status, url: movedTo, etag: result.headers.etag,
                lastModified: result.headers.lastModified, nextDue: next, at: now)
            try await recoveredAlert(recovered, feed: feed, spec: spec, at: now)
            var polled: Logger.Metadata = ["new": "\(stored.new)", "updated": "\(stored.updated)", "entries": "\(parsed.entries.count)"]
            if stored.sameStory > 0 { polled["sameStory"] = "\(stored.sameStory)" }
            log.info("polled", metadata: polled)
            report.quietItems = silenced
            report.sameStory = stored.sameStory
            if silenced > 0 {
                log.notice(
                    "items stored without alerts",
                    metadata: [
                        "items": "\(silenced)",
                        "why": "\(backfill ? "the feed's first poll (alerts.backfill quiet)" : "older than alerts.maxAgeHours")",
                    ])
            }
        } catch {
            report.failure = .storage("\(error)")
            log.error("could not record the poll", metadata: ["error": "\(error)"])
        }
        return report
    }

    /// Published longer than `alerts.maxAgeHours` before now, when it is first seen: old news.
    private func isStale(published: Date?, now: Date) -> Bool {
        guard let published, let maxAge = configuration.alertMaxAge else { return false }
        return published < now.addingTimeInterval(-maxAge)
    }

    private func recoveredAlert(_ recovered: Bool, feed: FeedState, spec: Configuration.Feed, at now: Date) async throws {
        guard recovered else { return }
        try await store.enqueue(
            rules.healthAlerts(feed: spec, broken: false, error: nil, at: now), kind: .feedRecovered,
            feed: feed.id, at: now)
    }

    /// The item's text (its page's main text when the feed asks for full text), run through the extractor.
    /// `linkAccess`: where the item's link may lead (the feed's own host only if the feed itself
    /// was served from a non-public address; see `FetchResult.linkAccess`).
    private func prepare(
        _ entry: FeedEntry, identity: String, hash: String, spec: Configuration.Feed,
        linkAccess: PrivateNetworkAccess, log: Logger
    ) async -> (item: StoredItem, extraction: ExtractionResult) {
        var log = log
        log[metadataKey: "item"] = "\(identity)"
        var text = Self.text(of: entry)
        if spec.fullText, let link = entry.link, link.hasPrefix("http") {
            let page = await fetcher.fetch(
                FetchRequest(
                    url: link, verifyTLS: spec.verifyTLS, limits: configuration.fetch.limits,
                    privateNetworks: linkAccess))
            if let refused = page.refused {
                log.warning(
                    "full text refused: the item's link leads to a non-public address; the feed's own text is used",
                    metadata: [
                        "link": "\(link)", "address": "\(refused.address)", "range": "\(refused.range.rawValue)",
                        "refusedURL": "\(refused.url)",
                    ])
            } else if let error = page.error {
                log.warning("full text not fetched; the feed's own text is used", metadata: ["link": "\(link)", "error": "\(error)"])
            } else if !page.body.isEmpty {
                let main = MainText.extract(String(decoding: page.body, as: UTF8.self)).text
                if main.count > text.count { text = main }
            }
        }
        let title = entry.title.map { entry.titleType == .text ? $0 : HTMLText.convert($0).text }
        let result = extractor.extract(title: title, text: text, language: entry.language ?? entry.content.first?.language)
        let stored = StoredItem(
            identity: identity, title: title, link: entry.link, published: entry.published ?? entry.updated,
            contentHash: hash, text: text, extraction: result)
        log.debug(
            "item extracted",
            metadata: [
                "link": "\(entry.link ?? "")", "actors": "\(result.actors.map(\.id).joined(separator: ","))",
                "topics": "\(result.topics.map(\.id).joined(separator: ","))",
            ])
        return (stored, result)
    }

    /// The story of each item (nil when `alerts.storyWindowHours` is 0): found among the items of
    /// every feed seen within the window, or begun by this one.
    private func stories(of items: [StoredItem], feed: Int64, at now: Date) async throws -> [StoryRef]? {
        guard let window = configuration.storyWindow, !items.isEmpty else { return nil }
        let lookups = items.map { item in
            let fingerprint = StoryFingerprint(
                title: item.title, text: item.text, canonicalLink: item.link.map(ItemIdentity.canonicalLink))
            let keys = { (prefix: String) in
                fingerprint.keys.filter { $0.hasPrefix(prefix) }.map { Int64(bitPattern: FNV1a.hash($0)) }
            }
            return StoryLookup(
                identity: item.identity, linkKeys: keys("link:"), titleKeys: keys("title:"), signature: fingerprint.signature,
                bandKeys: fingerprint.signature.map(StoryFingerprint.bandKeys) ?? [], title: item.title)
        }
        let matching = StoryMatching(
            window: window, minSimilarity: StoryFingerprint.minSimilarity, minTitleSimilarity: StoryFingerprint.minTitleSimilarity,
            similarity: StoryFingerprint.similarity)
        return try await store.stories(feed: feed, items: lookups, matching: matching, at: now)
    }

    /// Plain text of an entry: its longest content, else its summary, HTML turned into text.
    static func text(of entry: FeedEntry) -> String {
        let body = entry.content.max { $0.value.count < $1.value.count }
        if let body, !body.value.isEmpty {
            return body.type == .text ? body.value : HTMLText.convert(body.value).text
        }
        guard let summary = entry.summary else { return "" }
        return entry.summaryType == .text ? summary : HTMLText.convert(summary).text
    }
}

extension [FeedCategory] {
    /// The names rules can ask for: each category's term, and its label where it has a different one.
    var labels: [String] {
        var seen: Set<String> = []
        var names: [String] = []
        for category in self {
            for name in [category.term, category.label].compactMap({ $0 }) where seen.insert(name).inserted { names.append(name) }
        }
        return names
    }
}
