import Config
import Fetcher
import Foundation
import Logging
import Store

#if canImport(Glibc)
import Glibc
#endif

/// Delivers queued alerts to their sinks, at least once: a delivery is marked done only after the
/// sink has it, and failures are retried with backoff. The JSON Lines sink is also exactly once: before
/// appending it looks for the alert's idempotency key at the end of the file, where a crash between
/// writing and marking would have left it.
public struct AlertDispatcher: Sendable {
    let configuration: Configuration
    let store: any FeedStore
    let fetcher: Fetcher
    let logger: Logger
    let rules: AlertRules
    /// Told of every attempt (the daemon's metrics count them).
    let observe: (@Sendable (DeliveryOutcome) -> Void)?
    static let maxAttempts = 12

    public init(
        configuration: Configuration, store: any FeedStore, fetcher: Fetcher, logger: Logger,
        observe: (@Sendable (DeliveryOutcome) -> Void)? = nil
    ) {
        self.configuration = configuration
        self.store = store
        self.fetcher = fetcher
        self.logger = logger
        self.rules = AlertRules(rules: configuration.rules, watchlist: configuration.watchlist)
        self.observe = observe
    }

    /// Summarises throttled rules, then delivers everything due, each sink beside the others. Returns
    /// how many deliveries succeeded. (`run` in the daemon calls the two steps itself, per sink.)
    @discardableResult
    public func run(at now: Date = Date()) async -> Int {
        await prepare(at: now)
        return await withTaskGroup(of: Int.self) { group in
            for sink in configuration.sinks { group.addTask { await deliver(sink: sink, at: now) } }
            return await group.reduce(0, +)
        }
    }

    /// Before a round: throttled rules' summaries are queued, and deliveries to sinks that are no
    /// longer configured are given up (logged), so that they do not wait for ever.
    public func prepare(at now: Date = Date()) async {
        do {
            for group in try await store.groupsToSummarize(at: now) {
                if let summary = rules.summary(rule: group.rule, payloads: group.payloads, at: now) {
                    try await store.summarize(rule: group.rule, summary: summary, at: now)
                    logger.info("alert raised", metadata: ["rule": "\(group.rule)", "kind": "group", "alerts": "\(group.payloads.count)"])
                }
            }
        } catch {
            logger.error("could not summarise throttled alerts", metadata: ["error": "\(error)"])
        }
        for orphan in (try? await store.dueDeliveries(at: now, except: configuration.sinks.map(\.id))) ?? [] {
            let subject = Self.subject(of: orphan)
            logger.error("alert not delivered: its sink is no longer configured", metadata: subject)
            try? await store.markFailed(
                orphan, error: "no sink \"\(orphan.sinkID)\" in the configuration",
                retryAt: now.addingTimeInterval(3600), maxAttempts: 1)
        }
    }

    /// One sink's due deliveries, oldest first, until one fails: the rest wait for the next round, so
    /// a dead endpoint costs one timeout per round, not one per queued alert. Each sink is delivered
    /// on its own, so a webhook that hangs holds up neither the file nor the other sinks. Returns how
    /// many succeeded.
    public func deliver(sink: Configuration.Sink, at now: Date = Date()) async -> Int {
        if sink.kind == .jsonl {
            let path = sink.path ?? "alerts.jsonl"
            return await deliverBatches(sink: sink, at: now, limit: 5000, maxBytes: JSONLinesSink.batchBytes) { batch in
                JSONLinesSink.append(batch.map { ($0.payload, $0.idempotencyKey) }, to: path).map(DeliveryOutcome.Failure.file)
            }
        }
        if sink.kind == .email, sink.email?.batch == true {
            // One message per round, listing its alerts (at most 500: a message stays readable).
            return await deliverBatches(sink: sink, at: now, limit: 500, maxBytes: .max) { batch in
                await EmailSink.send(batch, to: sink).failure
            }
        }
        var delivered = 0
        var claim = Claim(store: store, deliveries: (try? await store.dueDeliveries(at: now, sink: sink.id)) ?? [])
        while let delivery = await claim.next() {
            var subject = Self.subject(of: delivery)
            let outcome = await deliver(delivery, to: sink)
            observe?(outcome)
            do {
                if let error = outcome.failure {
                    // Backoff, or later when the endpoint said so (429/503 Retry-After); an hour at most.
                    let wait = min(3600, max(outcome.retryAfter ?? 0, sink.retryDelay * pow(2, Double(delivery.attempts))))
                    // From the moment it failed, not the round's start: a slow attempt must not eat into the wait.
                    try await store.markFailed(
                        delivery, error: error.description, retryAt: Date().addingTimeInterval(wait), maxAttempts: Self.maxAttempts)
                    subject.merge(["error": "\(error)", "attempt": "\(delivery.attempts + 1)"]) { _, new in new }
                    logger.warning("alert not delivered", metadata: subject)
                    await claim.giveBack()
                    return delivered
                }
                try await Self.recording { try await store.markDelivered(delivery, at: Date()) }
                logger.debug("alert delivered", metadata: subject)
                delivered += 1
            } catch {
                subject["error"] = "\(error)"
                logger.error("could not record a delivery", metadata: subject)
                await claim.giveBack()
                return delivered
            }
        }
        return delivered
    }

    /// Up to `limit` of a sink's due deliveries, in batches of at most `maxBytes` of payload: the JSON
    /// Lines file takes each batch with one write and one fsync, an email
    /// sink as one message. Then one transaction marks the batch. A batch that fails is retried as a
    /// whole at the next round (the file's keys keep a retried line from being written twice).
    private func deliverBatches(
        sink: Configuration.Sink, at now: Date, limit: Int, maxBytes: Int,
        write: ([Delivery]) async -> DeliveryOutcome.Failure?
    ) async -> Int {
        var delivered = 0
        let due = (try? await store.dueDeliveries(at: now, limit: limit, sink: sink.id, except: nil)) ?? []
        var claim = Claim(store: store, deliveries: due)
        var start = 0
        while start < due.count {
            var end = start, bytes = 0
            while end < due.count, end == start || bytes + due[end].payload.utf8.count < maxBytes {
                bytes += due[end].payload.utf8.count + 1
                end += 1
            }
            let batch = Array(due[start..<end])
            start = end
            guard await claim.take(batch.count) else { return delivered }
            if let failure = await write(batch) {
                for delivery in batch {
                    observe?(DeliveryOutcome(sink: sink.id, failure: failure))
                    let wait = min(3600, sink.retryDelay * pow(2, Double(delivery.attempts)))
                    try? await store.markFailed(
                        delivery, error: failure.description, retryAt: Date().addingTimeInterval(wait), maxAttempts: Self.maxAttempts)
                }
                logger.warning(
                    "alerts not delivered", metadata: ["sink": "\(sink.id)", "alerts": "\(batch.count)", "error": "\(failure)"])
                await claim.giveBack()
                return delivered
            }
            do {
                try await Self.recording { try await store.markDelivered(batch, at: Date()) }
            } catch {
                logger.error(
                    "could not record deliveries", metadata: ["sink": "\(sink.id)", "alerts": "\(batch.count)", "error": "\(error)"])
                await claim.giveBack()
                return delivered
            }
            for delivery in batch {
                observe?(DeliveryOutcome(sink: sink.id, failure: nil))
                if logger.logLevel <= .debug { logger.debug("alert delivered", metadata: Self.subject(of: delivery)) }
            }
            delivered += batch.count
        }
        return delivered
    }

    /// One attempt at one delivery.
    private func deliver(_ delivery: Delivery, to sink: Configuration.Sink) async -> DeliveryOutcome {
        switch sink.kind {
        case .jsonl:
            let error = JSONLinesSink.append(delivery.payload, key: delivery.idempotencyKey, to: sink.path ?? "alerts.jsonl")
            return DeliveryOutcome(sink: sink.id, failure: error.map(DeliveryOutcome.Failure.file))
        case .stdout:
            FileHandle.standardOutput.write(Data((delivery.payload + "\n").utf8))
            return DeliveryOutcome(sink: sink.id, failure: nil)
        case .webhook:
            return await WebhookSink.post(delivery.payload, to: sink, settings: configuration.fetch, fetcher: fetcher)
        case .command:
            let error = await CommandSink.run(sink.command ?? [], input: delivery.payload, timeout: sink.timeout)
            return DeliveryOutcome(sink: sink.id, failure: error.map(DeliveryOutcome.Failure.command))
        case .email:
            return await EmailSink.send([delivery], to: sink)
        }
    }

    /// What a delivery's log lines name: the feed URL, the item's id and link, the rule, the sink and
    /// the idempotency key, so that a person reading the journal need not decode the key.
    static func subject(of delivery: Delivery) -> Logger.Metadata {
        var metadata: Logger.Metadata = ["sink": "\(delivery.sinkID)", "key": "\(delivery.idempotencyKey)", "rule": "\(delivery.ruleID)"]
        if let url = delivery.feedURL { metadata["feed"] = "\(url)" }
        if let id = delivery.itemIdentity { metadata["item"] = "\(id)" }
        if let link = delivery.itemLink, !link.isEmpty { metadata["link"] = "\(link)" }
        return metadata
    }
}

extension AlertDispatcher {
    /// Records what a sink has taken, trying again for about 15 s (0.5 s doubling) when the database
    /// fails: a server restarting under the daemon must not turn a delivery made into one made twice.
    /// (A process killed between the two is the window no sink can close: the delivery is made again,
    /// under the same idempotency key.)
    static func recording(_ record: () async throws -> Void) async throws {
        var wait = 0.5
        while true {
            do {
                return try await record()
            } catch  where wait <= 8 {
                try? await Task.sleep(for: .seconds(wait))
                wait *= 2
            }
        }
    }
}

/// A round's claimed deliveries, taken one by one (or a batch at a time). Every 2 s their leases
/// are renewed, and the round stops at any that is no longer this instance's (the database was away
/// longer than the lease: another instance may be delivering it); those not taken when the round
/// stops early (a sink's first failure) are given back, so that they wait for their next try and not
/// for their lease to run out.
private struct Claim {
    let store: any FeedStore
    private var deliveries: [Delivery]
    private var taken = 0
    private var renewed = Date()

    init(store: any FeedStore, deliveries: [Delivery]) {
        self.store = store
        self.deliveries = deliveries
    }

    mutating func next() async -> Delivery? {
        guard await take(1) else { return nil }
        return deliveries[taken - 1]
    }

    /// Whether the next `count` are still this instance's (renewed when 2 s have passed).
    mutating func take(_ count: Int) async -> Bool {
        guard taken + count <= deliveries.count else { return false }
        if Date().timeIntervalSince(renewed) >= 2 {
            let wanted = Array(deliveries[taken..<(taken + count)])
            guard let held = try? await store.renew(deliveries: Array(deliveries[taken...]), at: Date()),
                Set(held.map(\.alertID)).isSuperset(of: wanted.map(\.alertID))
            else {
                deliveries = Array(deliveries[..<taken])
                return false
            }
            renewed = Date()
        }
        taken += count
        return true
    }

    func giveBack() async {
        guard taken < deliveries.count else { return }
        try? await store.release(deliveries: Array(deliveries[taken...]))
    }
}
