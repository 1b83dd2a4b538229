import Foundation

/// Everything feedwatch keeps between polls — feeds and their health, items and what was found in
/// them, the alert outbox — as the modules above the store see it. `SQLiteStore` (one file, the
/// default) is one implementation; a second backend sits beside it without the daemon changing.
///
/// Every method is one transaction: a poll's items with their extraction and alerts land together
/// or not at all.
public protocol FeedStore: Sendable {
    /// Where the data lives, for people (a file path, a server URL without its password).
    var location: String { get }
    /// Bytes the data takes on disk, for the metrics (nil where the backend cannot tell).
    func sizeOnDisk() async -> Int?
    /// Writes what the store holds in memory for speed (story keys, see `stories`): the daemon calls it
    /// every few seconds, `close` at the end. What a crash loses by it is deduplication, never an alert.
    func flush() async throws
    func close() async

    // MARK: Feeds
    /// Makes the stored feeds match the configuration: new ones added (due at once), names refreshed,
    /// feeds no longer configured set inactive (their items are kept); a feed whose interval changed
    /// is due no later than `now` plus its new interval.
    func syncFeeds(_ feeds: [FeedSpec], at now: Date) async throws
    func feeds(activeOnly: Bool) async throws -> [FeedState]
    /// Up to `limit` feeds due at `now`, soonest first, claimed for this instance under a lease that
    /// its `heartbeat` extends and recording the poll ends; feeds under another live lease are not due,
    /// nor those of a host with `perHost` feeds leased already (by any instance).
    func dueFeeds(at now: Date, limit: Int, perHost: Int) async throws -> [FeedState]
    /// Gives back claimed feeds that were not polled after all.
    func release(feeds: [Int64]) async throws
    func nextDue() async throws -> Date?
    /// A successful poll (or a 304); returns whether the feed was broken until now.
    func recordSuccess(
        feed: Int64, status: Int, url: String?, etag: String?, lastModified: String?,
        nextDue: Date, at now: Date
    ) async throws -> Bool
    func recordFailure(
        feed: Int64, status: Int, error: String, nextDue: Date, at now: Date,
        brokenAfter: TimeInterval
    ) async throws -> FeedHealth

    // MARK: Instances
    /// Records this instance as started, voiding the leases it held before a restart.
    func register(at now: Date) async throws
    /// This instance is alive: the leases on the feeds it is `polling` are extended, any other feed
    /// it holds is given back.
    func heartbeat(at now: Date, polling: [Int64]) async throws
    /// Instances whose heartbeat was seen within `within`, by name.
    func liveInstances(within: TimeInterval, at now: Date) async throws -> [String]
    /// A host that asked to be left alone (429, 503), for every instance, until `until`.
    func slowDown(host: String, until: Date) async throws
    func slowedHosts(at now: Date) async throws -> [String: Date]

    // MARK: Items
    func classify(feed: Int64, items: [ItemFingerprint]) async throws -> [String: ItemNovelty]
    /// The story of each item (see `StoryLookup`), made or found, its keys recorded for later copies.
    func stories(feed: Int64, items: [StoryLookup], matching: StoryMatching, at now: Date) async throws -> [StoryRef]
    /// Stores new and changed items with their extraction and alerts. An item alert whose rule has
    /// already alerted the item's story is not raised (its `storyUpdate`, if any, is raised instead).
    func store(feed: Int64, items: [StoredItem], at now: Date) async throws -> StoredCounts
    func reextract(item: Int64, feed: Int64, with stored: StoredItem, alerts: [PendingAlert], at now: Date) async throws
    func items(since: Date) async throws -> [StoredItemRecord]
    /// Records the categories a feed document gives itself (for `feedTags` in rules, and `replay`).
    func recordFeedCategories(feed: Int64, categories: [String]) async throws
    /// A stored item by its database id or its link.
    func item(matching key: String) async throws -> StoredItemRecord?
    /// Deletes items first seen before `cutoff`, with everything extracted from them; returns how many.
    func purge(before cutoff: Date) async throws -> Int

    // MARK: Reading back
    /// The database's figures; with `since`, those of the items first seen since then.
    func counts(since: Date?) async throws -> StoreCounts
    func topActors(limit: Int, since: Date?) async throws -> [ActorTally]
    func topTopics(limit: Int, since: Date?) async throws -> [TopicTally]
    /// A digest's day: items first seen in the window (those published more than `maxAge` before
    /// they were first seen only counted), what was found in them, the alerts raised in it.
    func digestRows(from start: Date, to end: Date, maxAge: TimeInterval?) async throws -> DigestRows
    func itemTexts(_ ids: [Int64]) async throws -> [Int64: String]
    /// Stories per actor and per topic first seen in the window (old news left out as in `digestRows`).
    func dailyCounts(from start: Date, to end: Date, maxAge: TimeInterval?) async throws -> DailyCounts
    func firstItemSeen() async throws -> Date?
    /// Of `sinks`, those that have not been sent the digest of `day` and whose next try is due.
    func digestMailsDue(day: String, sinks: [String], at now: Date) async throws -> [String]
    /// A try at mailing `day`'s digest to `sink`: sent (error nil), or failed and retried at `retryAt`.
    func recordDigestMail(day: String, sink: String, error: String?, retryAt: Date?, at now: Date) async throws
    /// Takes the right to write digests, at once or not at all: one instance writes each day's digest,
    /// any other can take over when it is gone (SQLite: always granted, the file lock keeps one writer).
    func lockDigests() async throws -> Bool
    func unlockDigests() async throws
    /// Of these days, those whose digest an instance has written.
    func digestsWritten(_ days: [String]) async throws -> Set<String>
    func recordDigestWritten(day: String, at now: Date) async throws
    /// Indexes up to `limit` items waiting for the full-text index; returns how many (0: none wait).
    /// PostgreSQL indexes after the poll (the daemon when no poll is running, `once` at its end), so
    /// that a poll's alerts do not wait for it; SQLite indexes as it stores.
    func indexSearch(limit: Int) async throws -> Int
    /// Full-text search over stored items (titles and texts), best first.
    func search(_ request: SearchRequest) async throws -> [SearchHit]

    // MARK: Alert outbox
    func enqueue(_ alerts: [PendingAlert], kind: AlertKind, feed: Int64?, at now: Date) async throws
    /// Due deliveries, claimed for this instance as feeds are (see `dueFeeds`).
    func dueDeliveries(at now: Date, limit: Int, sink: String?, except: [String]?) async throws -> [Delivery]
    /// Extends the leases of claimed deliveries still to be attempted (a long round); returns those
    /// still this instance's.
    func renew(deliveries: [Delivery], at now: Date) async throws -> [Delivery]
    /// Gives back claimed deliveries that were not attempted.
    func release(deliveries: [Delivery]) async throws
    func markDelivered(_ deliveries: [Delivery], at now: Date) async throws
    func markFailed(_ delivery: Delivery, error: String, retryAt: Date, maxAttempts: Int) async throws
    func groupsToSummarize(at now: Date) async throws -> [HeldBackAlerts]
    func summarize(rule: String, summary: PendingAlert, at now: Date) async throws
    func alertCounts() async throws -> AlertCounts
    /// The id of the newest alert: a mark for `alertsRaised(after:)`.
    func lastAlertID() async throws -> Int64
    /// The alerts raised after a mark, counted over the new rows only.
    func alertsRaised(after mark: Int64) async throws -> RaisedAlerts
    func alertsByRule() async throws -> [String: Int]
    /// Of these idempotency keys, those of alerts already raised.
    func existingAlertKeys(_ keys: [String]) async throws -> Set<String>
    /// The metrics' figures, none of them a count of a whole table.
    func metricsCounts() async throws -> MetricsCounts
}

extension FeedStore {
    public func syncFeeds(_ feeds: [FeedSpec]) async throws { try await syncFeeds(feeds, at: Date()) }
    public func markDelivered(_ delivery: Delivery, at now: Date) async throws { try await markDelivered([delivery], at: now) }
    public func feeds() async throws -> [FeedState] { try await feeds(activeOnly: true) }
    public func dueFeeds(at now: Date) async throws -> [FeedState] { try await dueFeeds(at: now, limit: 1_000_000, perHost: 1_000_000) }
    public func counts() async throws -> StoreCounts { try await counts(since: nil) }
    public func topActors() async throws -> [ActorTally] { try await topActors(limit: 10, since: nil) }
    public func topTopics() async throws -> [TopicTally] { try await topTopics(limit: 10, since: nil) }
    /// Due deliveries, oldest alert first: all, one sink's (`sink`), or those of sinks not in `except`.
    public func dueDeliveries(at now: Date, sink: String? = nil, except: [String]? = nil) async throws -> [Delivery] {
        try await dueDeliveries(at: now, limit: 500, sink: sink, except: except)
    }
}
