import Alerts
import Config
import Dispatch
import Extractor
import Fetcher
import Digests
import Foundation
import Logging
import Store
#if canImport(Glibc)
import Glibc
#endif

/// The feedwatch service: polls every configured feed on its schedule until told to stop.
public final class Daemon: @unchecked Sendable {
    private var configuration: Configuration
    private var extractor: Extractor
    private let store: Store
    private let fetcher: Fetcher
    private var logger: Logger
    private let notifier = SystemdNotifier()
    private let signals = SignalFlags()
    public let metrics = DaemonMetrics()
    private var metricsServer: (asked: MetricsListen, server: MetricsServer)?

    public init(configuration: Configuration, logger: Logger) async throws {
        // Signals first: until they are caught, SIGHUP's default action would kill the process.
        signals.install()
        self.configuration = configuration
        self.logger = logger
        extractor = try Extractor(watchlist: configuration.watchlist)
        store = try Store(path: configuration.storagePath)
        fetcher = Fetcher(configuration: FetcherConfiguration(maxConcurrentTransfers: configuration.fetch.concurrency,
                                                              maxTransfersPerHost: configuration.fetch.perHost), logger: logger)
        try await store.syncFeeds(configuration.feeds.map { FeedSpec(url: $0.url, name: $0.name) })
    }

    public var database: Store { store }
    var configurationSnapshot: Configuration { configuration }
    var fetcherForDelivery: Fetcher { fetcher }
    var loggerSnapshot: Logger { logger }

    /// Why the rules fire or not for an article: the extraction, and each rule's reasoning.
    public func explain(title: String?, text: String, tags: [String]) -> (ExtractionResult, [RuleExplanation]) {
        let result = extractor.extract(title: title, text: text)
        let rules = AlertRules(rules: configuration.rules, watchlist: configuration.watchlist)
        return (result, configuration.rules.map { rules.explain($0, actors: result.actors, topics: result.topics, tags: tags) })
    }

    private var poller: FeedPoller {
        FeedPoller(configuration: configuration, extractor: extractor, store: store, fetcher: fetcher, logger: logger)
    }

    private var dispatcher: AlertDispatcher {
        let metrics = self.metrics
        return AlertDispatcher(configuration: configuration, store: store, fetcher: fetcher, logger: logger,
                               observe: { metrics.delivery($0) })
    }

    /// Polls one feed and counts it.
    private static func measuredPoll(_ poller: FeedPoller, _ feed: FeedState, _ spec: Configuration.Feed, _ metrics: DaemonMetrics) async -> PollReport {
        let clock = ContinuousClock()
        let start = clock.now
        var report = await poller.poll(feed, spec: spec)
        let (seconds, attoseconds) = (clock.now - start).components
        report.seconds = Double(seconds) + Double(attoseconds) / 1e18
        metrics.poll(report, seconds: report.seconds)
        return report
    }

    /// Polls every feed once, whatever its schedule, and returns what each poll did.
    public func once() async throws -> [PollReport] {
        logCautions()
        let feeds = try await store.feeds()
        let specs = Dictionary(configuration.feeds.map { ($0.url, $0) }, uniquingKeysWith: { first, _ in first })
        let poller = self.poller
        let metrics = self.metrics
        let window = configuration.fetch.concurrency * 4
        var reports: [PollReport] = []
        let cycleStart = Date()
        await withTaskGroup(of: PollReport.self) { group in
            var next = 0
            while next < feeds.count || !group.isEmpty {
                while next < feeds.count, next - reports.count < window {
                    let feed = feeds[next]
                    if let spec = specs[feed.configURL] { group.addTask { await Self.measuredPoll(poller, feed, spec, metrics) } }
                    else { reports.append(PollReport(feed: feed.url, status: 0, notModified: false, newItems: 0, updatedItems: 0)) }
                    next += 1
                }
                if let report = await group.next() { reports.append(report) }
            }
        }
        await dispatcher.run()
        await writeMissingDigests()
        try await store.purge(before: Date().addingTimeInterval(-Double(configuration.retentionDays) * 86400))
        metrics.cycle(seconds: Date().timeIntervalSince(cycleStart))
        await metrics.write(to: configuration.metricsFile, store: store)
        return reports
    }

    /// Runs until SIGTERM or SIGINT: polls feeds as they fall due, reloads the configuration on SIGHUP
    /// (keeping the old one if the new one is invalid), talks to systemd when it is there.
    public func run() async throws {
        notifier.notify("READY=1\nSTATUS=polling \(configuration.feeds.count) feeds")
        logger.notice("started", metadata: ["feeds": "\(configuration.feeds.count)", "database": "\(configuration.storagePath)"])
        logCautions()
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
        await writeMissingDigests()
        var lastDigestCheck = Date()
        var lastMetrics = Date.distantPast
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
                    lastMetrics = now
                }
                if now.timeIntervalSince(lastDigestCheck) >= 30 {
                    await writeMissingDigests()
                    lastDigestCheck = now
                }
                if now.timeIntervalSince(lastPurge) > 3600 {
                    _ = try? await store.purge(before: now.addingTimeInterval(-Double(configuration.retentionDays) * 86400))
                    lastPurge = now
                }
                let specs = Dictionary(configuration.feeds.map { ($0.url, $0) }, uniquingKeysWith: { first, _ in first })
                let due = (try? await store.dueFeeds(at: now)) ?? []
                let poller = self.poller
                for feed in due where !inFlight.contains(feed.id) && inFlight.count < configuration.fetch.concurrency * 4 {
                    let host = FeedPoller.host(of: feed.url)
                    if let until = hostsSlowedUntil[host], until > now { continue }
                    if let held = heldBack[feed.id], held.until > now { continue }
                    guard let spec = specs[feed.configURL] else { continue }
                    inFlight.insert(feed.id)
                    group.addTask {
                        let report = await Self.measuredPoll(poller, feed, spec, metrics)
                        if let slow = report.slowHost { await HostGate.shared.slow(slow.host, until: slow.until) }
                        return .polled(feed: feed.id, storageFailed: report.storageFailed)
                    }
                }
                if !timerRunning {
                    // Wake at the next due time, and at least every second to notice signals. A feed
                    // still due now was either just started or is waiting (host slowed, held back,
                    // transfers full); a finished poll wakes the loop anyway, so no 50 ms spinning.
                    let nextDue = (try? await store.nextDue()) ?? now.addingTimeInterval(1)
                    let wait = nextDue <= now ? 1 : min(1, max(0.05, nextDue.timeIntervalSince(now)))
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
                guard let event = await group.next() else { continue }
                switch event {
                case let .polled(feed, storageFailed):
                    inFlight.remove(feed)
                    if storageFailed {
                        let failures = (heldBack[feed]?.failures ?? 0) + 1
                        let wait = min(600, 30 * pow(2, Double(failures - 1)))
                        heldBack[feed] = (Date().addingTimeInterval(wait), failures)
                    } else {
                        heldBack[feed] = nil
                    }
                    deliveryWanted = true
                case .timer:
                    timerRunning = false
                    deliveryWanted = true
                case let .delivered(sink):
                    busySinks.remove(sink)
                }
                hostsSlowedUntil = await HostGate.shared.snapshot()
            }
            notifier.notify("STOPPING=1")
            logger.notice("stopping", metadata: ["inFlight": "\(inFlight.count)"])
            // In-flight polls and deliveries get a few seconds to finish; then their transfers are
            // abandoned. Each poll writes in one transaction, so an abandoned one leaves nothing
            // half-stored, and an abandoned delivery is retried at the next start.
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

    /// Writes the digest of every recent day whose time has passed and whose files are missing.
    /// A failure (a full disk) is logged and tried again at the next check; the previous files stay whole.
    func writeMissingDigests(at now: Date = Date()) async {
        let writer = DigestWriter(configuration: configuration, store: store)
        do {
            for day in try await writer.missingDays(at: now) {
                let paths = try await writer.write(date: day)
                logger.notice("digest written", metadata: ["date": "\(day)", "files": "\(paths.joined(separator: ", "))"])
            }
        } catch {
            logger.error("digest not written", metadata: ["error": "\(error)"])
        }
    }

    private func logCautions() {
        for caution in configuration.cautions { logger.warning("caution: \(caution)") }
    }

    private func reload() async {
        notifier.notify("RELOADING=1")
        do {
            let fresh = try Configuration.load(path: configuration.path)
            let freshExtractor = try Extractor(watchlist: fresh.watchlist)
            try await store.syncFeeds(fresh.feeds.map { FeedSpec(url: $0.url, name: $0.name) })
            configuration = fresh
            extractor = freshExtractor
            logger.notice("configuration reloaded", metadata: ["feeds": "\(fresh.feeds.count)"])
            logCautions()
            serveMetrics()
        } catch {
            logger.error("configuration not reloaded; keeping the running one", metadata: ["error": "\(error)"])
        }
        notifier.notify("READY=1")
    }
}

/// What wakes the daemon's loop: a poll that ended, the timer, a delivery round that ended.
enum LoopEvent: Sendable {
    case polled(feed: Int64, storageFailed: Bool)
    case timer
    case delivered(sink: String)
}

/// Hosts that asked to be left alone (429, 503, 403), shared by all polls.
actor HostGate {
    static let shared = HostGate()
    private var until: [String: Date] = [:]

    func slow(_ host: String, until date: Date) {
        until[host] = max(until[host] ?? date, date)
    }

    func snapshot() -> [String: Date] {
        let now = Date()
        until = until.filter { $0.value > now }
        return until
    }
}

/// SIGTERM / SIGINT (stop) and SIGHUP (reload), caught with dispatch sources so that their default
/// actions never kill the process.
final class SignalFlags: @unchecked Sendable {
    private let lock = NSLock()
    private var stop = false
    private var reload = false
    private var sources: [DispatchSourceSignal] = []

    func install() {
        // A parent may have left these blocked (shells and test runners do); a daemon must hear them.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for signal in [SIGTERM, SIGINT, SIGHUP] { sigaddset(&unblock, signal) }
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        for signal in [SIGTERM, SIGINT, SIGHUP] {
            Glibc.signal(signal, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signal, queue: .global())
            source.setEventHandler { [weak self] in
                guard let self else { return }
                self.lock.lock()
                if signal == SIGHUP { self.reload = true } else { self.stop = true }
                self.lock.unlock()
            }
            source.resume()
            sources.append(source)
        }
    }

    var stopRequested: Bool { lock.lock(); defer { lock.unlock() }; return stop }

    func takeReload() -> Bool {
        lock.lock(); defer { lock.unlock() }
        let value = reload
        reload = false
        return value
    }
}
