import Alerts
import Config
import Digests
import Extractor
import FeedCore
import Fetcher
import Foundation
import Logging
import Store

/// What every command that works on the database shares — the configuration, the extractor built
/// from its watchlist, the store and the fetcher — without the service around them: no signal
/// handlers (Ctrl-C stops `replay` and `explain`), no systemd, no metrics. The daemon keeps one and
/// replaces it on reload; `once`, `replay` and `explain` use one directly.
public final class Runtime: Sendable {
    public let configuration: Configuration
    public let extractor: Extractor
    public let store: any FeedStore
    public let fetcher: Fetcher
    public let logger: Logger

    /// How a command uses the database.
    public enum Access: Sendable {
        /// `run` and `once`, holding the instance lock: the configured feed list is written into it.
        case owner
        /// `replay --alert` beside a running daemon: items re-extracted and alerts queued (SQLite
        /// serialises the writes), the feed list left to the lock's holder.
        case writer
        /// `explain` and a dry `replay`: opened read-only.
        case reader
    }

    /// Opens the database and the network.
    /// `checkWholeFile`: see `SQLiteStore.init`.
    public convenience init(configuration: Configuration, logger: Logger, access: Access, checkWholeFile: Bool = true) async throws {
        let store = try configuration.openStore(readOnly: access == .reader, checkWholeFile: checkWholeFile)
        let fetcher = Fetcher(
            configuration: FetcherConfiguration(
                maxConcurrentTransfers: configuration.fetch.concurrency,
                maxTransfersPerHost: configuration.fetch.perHost), logger: logger)
        try self.init(configuration: configuration, store: store, fetcher: fetcher, logger: logger)
        if access == .owner {
            try await store.register(at: Date())
            try await store.syncFeeds(Self.specs(configuration))
        }
    }

    private init(configuration: Configuration, store: any FeedStore, fetcher: Fetcher, logger: Logger) throws {
        self.configuration = configuration
        self.extractor = try Extractor(watchlist: configuration.watchlist)
        self.store = store
        self.fetcher = fetcher
        self.logger = logger
    }

    /// The same database and network under a new configuration (SIGHUP), its feed list registered.
    /// Throws, leaving this runtime as it was, when the watchlist or the database refuses it.
    public func reloaded(with fresh: Configuration) async throws -> Runtime {
        let next = try Runtime(configuration: fresh, store: store, fetcher: fetcher, logger: logger)
        try await store.syncFeeds(Self.specs(fresh))
        return next
    }

    /// The feed list as the store keeps it, each with the interval it will be polled at.
    static func specs(_ configuration: Configuration) -> [FeedSpec] {
        let schedule = configuration.schedule
        return configuration.feeds.map { feed in
            FeedSpec(
                url: feed.url, name: feed.name,
                interval: min(max(feed.interval ?? schedule.interval, schedule.minInterval), schedule.maxInterval),
                host: Fetcher.hostKey(of: feed.url))
        }
    }

    var poller: FeedPoller {
        FeedPoller(configuration: configuration, extractor: extractor, store: store, fetcher: fetcher, logger: logger)
    }

    /// Polls one feed (fetch, parse, extract, store), timed.
    public func poll(_ feed: FeedState, spec: Configuration.Feed) async -> PollReport {
        let clock = ContinuousClock()
        let start = clock.now
        var report = await poller.poll(feed, spec: spec)
        report.seconds = (clock.now - start).seconds
        return report
    }

    /// Polls every feed once, whatever its schedule, at most `fetch.concurrency × 4` at a time
    /// (`observe` hears each poll as it ends); then delivers every alert that is due — round after
    /// round, so that nothing is left queued behind a round's limit — writes missed digests and purges
    /// old items. `observeDelivery` hears each delivery attempt.
    public func pollAll(
        observe: @escaping @Sendable (PollReport) -> Void = { _ in },
        observeDelivery: (@Sendable (DeliveryOutcome) -> Void)? = nil
    ) async throws -> CycleSummary {
        let started = Date()
        let mark = try await store.lastAlertID()
        let feeds = try await store.feeds()
        let specs = Dictionary(configuration.feeds.map { ($0.url, $0) }, uniquingKeysWith: { first, _ in first })
        let window = configuration.fetch.concurrency * 4
        var reports: [PollReport] = []
        await withTaskGroup(of: PollReport.self) { group in
            var next = 0
            while next < feeds.count || !group.isEmpty {
                while next < feeds.count, next - reports.count < window {
                    let feed = feeds[next]
                    if let spec = specs[feed.configURL] {
                        group.addTask {
                            let report = await self.poll(feed, spec: spec)
                            observe(report)
                            return report
                        }
                    } else {
                        reports.append(PollReport(feed: feed.url, status: 0, notModified: false, newItems: 0, updatedItems: 0))
                    }
                    next += 1
                }
                if let report = await group.next() { reports.append(report) }
            }
        }
        // The cycle's story keys, kept in memory while it polled, reach the database in one go; the
        // items PostgreSQL is to index for search are indexed after the polls, not in them.
        try? await store.flush()
        while let indexed = try? await store.indexSearch(limit: 2000), indexed > 0 {}
        let tally = DeliveryTally()
        let dispatcher = dispatcher(observe: { outcome in
            tally.record(outcome)
            observeDelivery?(outcome)
        })
        // A round delivers up to 500 per sink and stops a sink at its first failure (it retries later):
        // rounds go on while they deliver something.
        while await dispatcher.run() > 0 {}
        let digests = await writeMissingDigests()
        try await purgeExpired()
        let raised = try await store.alertsRaised(after: mark)
        let waiting = try await store.metricsCounts().pendingDeliveries
        return CycleSummary(
            reports: reports, alerts: raised, deliveriesWaiting: waiting,
            sinks: tally.snapshot, started: started, digests: digests)
    }

    /// Delivers queued alerts (`observe` hears each attempt).
    public func dispatcher(observe: (@Sendable (DeliveryOutcome) -> Void)? = nil) -> AlertDispatcher {
        AlertDispatcher(configuration: configuration, store: store, fetcher: fetcher, logger: logger, observe: observe)
    }

    /// Why the rules fire or not for an article: the extraction, and each rule's reasoning.
    public func explain(
        title: String?, text: String, tags: [String], categories: [String] = [], feedCategories: [String] = []
    ) -> (ExtractionResult, [RuleExplanation]) {
        let result = extractor.extract(title: title, text: text, explain: true)
        let rules = AlertRules(rules: configuration.rules, watchlist: configuration.watchlist)
        return (
            result,
            configuration.rules.map {
                rules.explain(
                    $0, actors: result.actors, topics: result.topics, tags: tags, categories: categories, feedCategories: feedCategories)
            }
        )
    }

    /// Writes the digest of every recent day whose time has passed and whose files are missing.
    /// A failure (a full disk) is logged and tried again at the next check; the previous files stay whole.
    @discardableResult
    public func writeMissingDigests(at now: Date = Date()) async -> DigestRun {
        let writer = DigestWriter(configuration: configuration, store: store)
        var run = DigestRun(next: writer.nextDigest(after: now), timezone: configuration.digest.timezone)
        // One instance at a time writes and mails digests; another takes over when it is gone.
        do {
            guard try await store.lockDigests() else { return run }
        } catch {
            run.failure = "\(error)"
            logger.error("digest not written", metadata: ["error": "\(error)"])
            return run
        }
        await writeDigests(writer, at: now, into: &run)
        await mailDigest(writer, at: now, into: &run)
        try? await store.unlockDigests()
        return run
    }

    /// The missing days' digests (on a shared database, those no instance has written).
    private func writeDigests(_ writer: DigestWriter, at now: Date, into run: inout DigestRun) async {
        do {
            var missing = try await writer.missingDays(at: now)
            if configuration.sharedDatabase {
                let written = try await store.digestsWritten(missing)
                missing.removeAll(where: written.contains)
            }
            for day in missing {
                let paths = try await writer.write(date: day)
                try await store.recordDigestWritten(day: day, at: now)
                run.written.append((day, paths))
                logger.notice("digest written", metadata: ["date": "\(day)", "files": "\(paths.joined(separator: ","))"])
            }
        } catch {
            run.failure = "\(error)"
            logger.error("digest not written", metadata: ["error": "\(error)"])
        }
    }

    /// Mails the latest due digest to the email sinks with `"digest": true` that have not had it; a
    /// failed sink is tried again at the first check after its `retrySeconds` (the daemon checks every
    /// 30 s), until the next day's digest is due.
    private func mailDigest(_ writer: DigestWriter, at now: Date, into run: inout DigestRun) async {
        let sinks = configuration.sinks.filter { $0.email?.digest == true }
        guard !sinks.isEmpty else { return }
        do {
            guard let day = try await writer.latestDueDay(at: now) else { return }
            let due = Set(try await store.digestMailsDue(day: day, sinks: sinks.map(\.id), at: now))
            guard !due.isEmpty else { return }
            let content = try await writer.mailable(date: day)
            let mail = DigestMail(day: day, subject: content.subject, markdown: content.markdown, html: content.html)
            for sink in sinks where due.contains(sink.id) {
                let outcome = await EmailSink.send(mail, to: sink, at: now)
                if let failure = outcome.failure {
                    let retryAt = now.addingTimeInterval(sink.retryDelay)
                    try await store.recordDigestMail(day: day, sink: sink.id, error: "\(failure)", retryAt: retryAt, at: now)
                    run.mailFailures.append((day, sink.id, "\(failure)"))
                    logger.warning(
                        "digest not mailed; trying again later",
                        metadata: ["date": "\(day)", "sink": "\(sink.id)", "error": "\(failure)", "retryAt": "\(retryAt.isoString)"])
                } else {
                    try await store.recordDigestMail(day: day, sink: sink.id, error: nil, retryAt: nil, at: now)
                    run.mailed.append((day, sink.id))
                    logger.notice(
                        "digest mailed",
                        metadata: ["date": "\(day)", "sink": "\(sink.id)", "to": "\(sink.email?.to.joined(separator: ",") ?? "")"])
                }
            }
        } catch {
            run.failure = "\(error)"
            logger.error("digest not mailed", metadata: ["error": "\(error)"])
        }
    }

    /// Logs when the next digest is due (at start and after a reload).
    public func logNextDigest(at now: Date = Date()) {
        let next = DigestWriter(configuration: configuration, store: store).nextDigest(after: now)
        logger.notice(
            "next digest due",
            metadata: [
                "date": "\(next.day)", "due": "\(DigestRun.local(next.due, configuration.digest.timezone))",
                "folder": "\(configuration.digest.folder)",
            ])
    }

    /// Removes items older than `retentionDays`.
    public func purgeExpired(now: Date = Date()) async throws {
        _ = try await store.purge(before: now.addingTimeInterval(-Double(configuration.retentionDays) * 86400))
    }

    /// Logs each setting that weakens a safeguard (see `Configuration.cautions`).
    public func logCautions() {
        for caution in configuration.cautions { logger.warning("caution: \(caution)") }
    }
}
