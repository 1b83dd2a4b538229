import Alerts
import Config
import Dispatch
import FeedCore
import Fetcher
import Foundation
import Logging
import Monitor
import Store

/// The feedwatch service: polls every configured feed on its schedule until told to stop, with what
/// a service needs around the polling (`Runtime`): signals, systemd notifications, metrics, and
/// per-host slow-downs shared by all polls (through the database: by every instance on PostgreSQL).
public actor Daemon {
    private var runtime: Runtime {
        didSet { specs = Self.specs(runtime.configuration) }
    }
    /// The configured feeds by URL, made once per configuration (not on every turn of the loop).
    private var specs: [String: Configuration.Feed]

    private static func specs(_ configuration: Configuration) -> [String: Configuration.Feed] {
        Dictionary(configuration.feeds.map { ($0.url, $0) }, uniquingKeysWith: { first, _ in first })
    }
    private var configuration: Configuration { runtime.configuration }
    private var store: any FeedStore { runtime.store }
    private var fetcher: Fetcher { runtime.fetcher }
    private var logger: Logger { runtime.logger }
    private let notifier = SystemdNotifier()
    private let signals = SignalFlags()
    public let metrics = DaemonMetrics()
    /// The database, for the commands' summaries (the same store across reloads).
    public nonisolated let database: any FeedStore
    private var metricsServer: (asked: MetricsListen, server: MetricsServer)?

    /// Opens the database and registers the configured feeds (the caller holds the instance lock).
    /// `checkWholeFile`: see `SQLiteStore.init` (`once` skips it).
    public init(configuration: Configuration, logger: Logger, checkWholeFile: Bool = true) async throws {
        runtime = try await Runtime(configuration: configuration, logger: logger, access: .owner, checkWholeFile: checkWholeFile)
        specs = Self.specs(configuration)
        database = runtime.store
    }

    private var dispatcher: AlertDispatcher {
        let metrics = self.metrics
        return runtime.dispatcher(observe: { metrics.delivery($0) })
    }

    /// Polls every feed once, whatever its schedule, delivers, and writes the metrics file.
    public func once() async throws -> CycleSummary {
        runtime.logCautions()
        let metrics = self.metrics
        let cycleStart = Date()
        let summary = try await runtime.pollAll(
            observe: { metrics.poll($0, seconds: $0.seconds) }, observeDelivery: { metrics.delivery($0) })
        metrics.cycle(seconds: Date().timeIntervalSince(cycleStart))
        await metrics.write(to: configuration.metricsFile, store: store)
        return summary
    }

    /// Runs until SIGTERM or SIGINT: polls feeds as they fall due, reloads the configuration on SIGHUP
    /// (keeping the old one if the new one is invalid), talks to systemd when it is there.
    public func run() async throws {
        // Signals first: until they are caught, SIGHUP's default action would kill the process.
        signals.install()
        notifier.notify("READY=1\nSTATUS=polling \(configuration.feeds.count) feeds")
        logger.notice(
            "started",
            metadata: [
                "feeds": "\(configuration.feeds.count)", "database": "\(configuration.databaseDescription)",
                "instance": "\(configuration.instance)",
            ])
        runtime.logCautions()
        if notifier.socketPath != nil, let warning = LinkLocalResolver.warning() { logger.warning("\(warning)") }
        let watchdog = SystemdNotifier.watchdogInterval().map { $0 / 2 }
        var lastPing = Date()
        var hostsSlowedUntil: [String: Date] = [:]
        var inFlight: Set<Int64> = []
        // Feeds whose last poll the database could not take (a full disk): the store could not record
        // their next due time either, so they wait here, 30 s doubling to 10 min, instead of being
        // fetched again at once, over and over.
        var heldBack: [Int64: (until: Date, failures: Int)] = [:]
        var lastPurge = Date.distantPast
        // Digests missed while the daemon was down are written; alerts a previous run left undelivered
        // (a crash, a sink that was down) go out with the first delivery round.
        await runtime.writeMissingDigests()
        runtime.logNextDigest()
        var lastDigestCheck = Date()
        var lastMetrics = Date.distantPast
        // Leases on claimed feeds last `leaseSeconds`; the heartbeat renews those being polled four
        // times as often, so a busy instance never loses what it is working on.
        var lastHeartbeat = Date()
        var lastClaimError = Date.distantPast
        var searchBacklog = false
        var claimMore = true
        // The timer fired since the last turn: a claim may take what little room there is.
        var tick = true
        var lastSlowdowns = Date.distantPast
        let heartbeatEvery = configuration.storage.leaseSeconds / 4
        let metrics = self.metrics
        serveMetrics()

        await withTaskGroup(of: LoopEvent.self) { group in
            var timerRunning = false
            // Deliveries run beside the polls, one round per sink at a time: a sink that hangs until
            // its timeout must hold up neither polling, nor the other sinks, nor the reaction to SIGTERM.
            var busySinks: Set<String> = [], deliveryWanted = true
            while !signals.stopRequested {
                if signals.takeReload() { await reload() }
                let now = Date()
                if let watchdog, now.timeIntervalSince(lastPing) >= watchdog {
                    notifier.notify("WATCHDOG=1")
                    lastPing = now
                }
                if now.timeIntervalSince(lastMetrics) >= 15 {
                    await metrics.write(to: configuration.metricsFile, store: store)
                    // Story keys kept in memory reach the database at least this often.
                    try? await store.flush()
                    lastMetrics = now
                }
                if now.timeIntervalSince(lastHeartbeat) >= heartbeatEvery {
                    do {
                        try await store.heartbeat(at: now, polling: Array(inFlight))
                        lastHeartbeat = now
                    } catch {
                        logger.error("heartbeat not recorded", metadata: ["error": "\(error)"])
                    }
                }
                if now.timeIntervalSince(lastDigestCheck) >= 30 {
                    await runtime.writeMissingDigests()
                    lastDigestCheck = now
                }
                if now.timeIntervalSince(lastPurge) > 3600 {
                    try? await runtime.purgeExpired(now: now)
                    lastPurge = now
                }
                // Due feeds are claimed for as many polls as may start; those that may not start after
                // all (host slowed down, held back) are given back for any instance to take.
                // Claimed in batches of at most `concurrency`, so that instances share the due feeds.
                // Claimed a batch at a time (up to `concurrency`, once that much room is free), so that
                // instances share the due feeds and a claim is not made for every poll that ends; a
                // claim that found nothing waits for the timer (time makes feeds due).
                let capacity = configuration.fetch.concurrency * 4
                let room = min(configuration.fetch.concurrency, capacity - inFlight.count)
                var due: [FeedState] = []
                do {
                    if claimMore, room >= configuration.fetch.concurrency || (room > 0 && tick) {
                        due = try await store.dueFeeds(at: now, limit: room, perHost: configuration.fetch.perHost)
                        claimMore = !due.isEmpty
                    }
                } catch {
                    // A full disk, a server gone: said once a minute, polling resumes when it passes.
                    if now.timeIntervalSince(lastClaimError) >= 60 {
                        logger.error("could not claim due feeds", metadata: ["error": "\(error)"])
                        lastClaimError = now
                    }
                }
                var notStarted: [Int64] = []
                let runtime = self.runtime, store = self.store
                for feed in due {
                    let host = Fetcher.hostKey(of: feed.url)
                    guard hostsSlowedUntil[host].map({ $0 <= now }) ?? true, heldBack[feed.id].map({ $0.until <= now }) ?? true,
                        let spec = specs[feed.configURL], !inFlight.contains(feed.id)
                    else {
                        notStarted.append(feed.id)
                        continue
                    }
                    inFlight.insert(feed.id)
                    group.addTask {
                        let report = await runtime.poll(feed, spec: spec)
                        metrics.poll(report, seconds: report.seconds)
                        if let slow = report.slowHost { try? await store.slowDown(host: slow.host, until: slow.until) }
                        // Alerts come with new or changed items, and with failures (a feed broken) or
                        // a recovery; a 304 or an unchanged feed raises none.
                        let mayAlert = report.newItems + report.updatedItems > 0 || report.failure != nil || feed.broken
                        return .polled(feed: feed.id, storageFailed: report.storageFailed, mayAlert: mayAlert)
                    }
                }
                if !notStarted.isEmpty { try? await store.release(feeds: notStarted) }
                // Idle: items waiting for PostgreSQL's search index are indexed, a batch a turn.
                searchBacklog = false
                if inFlight.isEmpty, let indexed = try? await store.indexSearch(limit: 1000) { searchBacklog = indexed > 0 }
                if !timerRunning {
                    // Wake at the next due time, and at least every second to notice signals. A feed
                    // still due now was either just started or is waiting (host slowed, held back,
                    // transfers full); a finished poll wakes the loop anyway, so no 50 ms spinning.
                    let nextDue = (try? await store.nextDue()) ?? now.addingTimeInterval(1)
                    let wait = searchBacklog ? 0.01 : nextDue <= now ? 1 : min(1, max(0.05, nextDue.timeIntervalSince(now)))
                    timerRunning = true
                    group.addTask {
                        try? await Task.sleep(for: .milliseconds(Int(wait * 1000)))
                        return .timer
                    }
                }
                if deliveryWanted {
                    // New alerts after a poll, and retries falling due, every timer tick (≤ 1 s).
                    let dispatcher = self.dispatcher
                    deliveryWanted = false
                    await dispatcher.prepare()
                    for sink in configuration.sinks where busySinks.insert(sink.id).inserted {
                        group.addTask {
                            _ = await dispatcher.deliver(sink: sink)
                            return .delivered(sink: sink.id)
                        }
                    }
                }
                tick = false
                guard let event = await group.next() else { continue }
                switch event {
                case let .polled(feed, storageFailed, mayAlert):
                    inFlight.remove(feed)
                    claimMore = true
                    if storageFailed {
                        let failures = (heldBack[feed]?.failures ?? 0) + 1
                        let wait = min(600, 30 * pow(2, Double(failures - 1)))
                        heldBack[feed] = (Date().addingTimeInterval(wait), failures)
                    } else {
                        heldBack[feed] = nil
                    }
                    // At once after a poll that may have alerted; the timer's round (≤ 1 s) covers the rest.
                    if mayAlert { deliveryWanted = true }
                case .timer:
                    claimMore = true
                    tick = true
                    timerRunning = false
                    deliveryWanted = true
                case let .delivered(sink):
                    busySinks.remove(sink)
                }
                if Date().timeIntervalSince(lastSlowdowns) >= 0.5, let slowed = try? await store.slowedHosts(at: Date()) {
                    hostsSlowedUntil = slowed
                    lastSlowdowns = Date()
                }
            }
            notifier.notify("STOPPING=1")
            logger.notice("stopping", metadata: ["inFlight": "\(inFlight.count)"])
            // In-flight polls and deliveries get a few seconds to finish; then their transfers are
            // abandoned. Each poll writes in one transaction, so an abandoned one leaves nothing
            // half-stored, and an abandoned delivery is retried at the next start.
            let fetcher = self.fetcher
            let deadline = Task {
                try? await Task.sleep(for: .seconds(5))
                fetcher.shutdown()
            }
            while await group.next() != nil {}
            await dispatcher.run()
            deadline.cancel()
            await metrics.write(to: configuration.metricsFile, store: store)
        }
        metricsServer?.server.stop()
        fetcher.shutdown()
        await store.close()
        logger.notice("stopped")
    }

    /// Starts, moves or stops the loopback metrics endpoint to match the configuration. A port that
    /// cannot be bound is logged and the daemon goes on polling: metrics are not worth an outage.
    private func serveMetrics() {
        guard metricsServer?.asked != configuration.metricsListen else { return }
        metricsServer?.server.stop()
        metricsServer = nil
        guard let asked = configuration.metricsListen else { return }
        let metrics = self.metrics
        do {
            let server = try MetricsServer(address: asked) { metrics.exposition() }
            metricsServer = (asked, server)
            logger.notice("serving metrics", metadata: ["url": "http://\(server.address)/metrics"])
        } catch {
            logger.error("metrics not served", metadata: ["listen": "\(asked)", "error": "\(error)"])
        }
    }

    private func reload() async {
        notifier.notify("RELOADING=1")
        do {
            let fresh = try Configuration.load(path: configuration.path)
            let changes = ConfigurationChanges(from: runtime.configuration, to: fresh)
            runtime = try await runtime.reloaded(with: fresh)
            var metadata = Logger.Metadata(uniqueKeysWithValues: changes.metadata.map { ($0.key, .string($0.value)) })
            metadata["feeds"] = "\(fresh.feeds.count)"
            logger.notice(changes.isEmpty ? "configuration reloaded: nothing changed" : "configuration reloaded", metadata: metadata)
            runtime.logCautions()
            runtime.logNextDigest()
            serveMetrics()
        } catch {
            logger.error("configuration not reloaded; keeping the running one", metadata: ["error": "\(error)"])
        }
        notifier.notify("READY=1")
    }
}

/// What wakes the daemon's loop: a poll that ended, the timer, a delivery round that ended.
enum LoopEvent: Sendable {
    case polled(feed: Int64, storageFailed: Bool, mayAlert: Bool)
    case timer
    case delivered(sink: String)
}
