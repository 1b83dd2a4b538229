import Foundation

/// An alert to write with its item, in the same transaction.
public struct PendingAlert: Sendable {
    public var ruleID: String
    public var sinks: [String]
    /// Also when the item is an update of one already stored (else only for new items).
    public var onUpdate: Bool
    /// At most this many alerts of the rule per hour; the rest are grouped into one summary.
    public var maxPerHour: Int?
    public var idempotencyKey: String
    /// The alert as the sinks receive it (JSON).
    public var payload: String
    /// For an item's alert when the rule has already alerted the item's story: the `story-update`
    /// alert to raise instead (key and payload), or nil to raise nothing (the default).
    public var storyUpdate: StoryUpdate?

    /// The alert raised for a later copy of a story the rule has alerted.
    public struct StoryUpdate: Sendable, Equatable {
        public var key: String
        public var payload: String

        public init(key: String, payload: String) {
            self.key = key
            self.payload = payload
        }
    }

    public init(ruleID: String, sinks: [String], onUpdate: Bool, maxPerHour: Int?, idempotencyKey: String, payload: String) {
        self.ruleID = ruleID
        self.sinks = sinks
        self.onUpdate = onUpdate
        self.maxPerHour = maxPerHour
        self.idempotencyKey = idempotencyKey
        self.payload = payload
    }
}

/// What raised an alert (the `kind` column, and the payload's "kind").
public enum AlertKind: String, Sendable, CaseIterable {
    /// A watched actor or topic in an item.
    case item
    case feedBroken = "feed-broken"
    case feedRecovered = "feed-recovered"
    /// One alert standing for those a rule's hourly limit held back.
    case group
    /// Another outlet's copy of a story the rule has alerted (only for rules with `storyUpdates`).
    case storyUpdate = "story-update"
}

/// Where an alert stands (the `status` column of `alerts`).
enum AlertStatus: String {
    /// Its deliveries are queued.
    case pending
    /// Held back by its rule's hourly limit, waiting for the next summary.
    case grouped
    /// Covered by a summary (a `group` alert).
    case summarized
}

/// Where one delivery stands (the `status` column of `deliveries`).
enum DeliveryStatus: String {
    case pending, delivered
    /// Given up after every retry.
    case failed
}

/// One alert for one sink, waiting to be delivered, with what its log lines name.
public struct Delivery: Sendable, Equatable {
    public var alertID: Int64
    public var sinkID: String
    public var attempts: Int
    public var idempotencyKey: String
    /// The alert as the sinks receive it (JSON).
    public var payload: String
    public var ruleID: String
    /// The feed as configured, for an item's alert or a feed's health alert.
    public var feedURL: String?
    /// The item's identity and link, for an item's alert.
    public var itemIdentity: String?
    public var itemLink: String?
}

extension SQLStore {
    /// Queues alerts that belong to no item (a feed broken or recovered, a throttled rule's summary).
    public func enqueue(_ alerts: [PendingAlert], kind: AlertKind, feed: Int64?, at now: Date) throws {
        try sql.transaction {
            for alert in alerts { try insert(alert, kind: kind, item: nil, feed: feed, at: now) }
        }
    }

    /// Inserts an alert (once per idempotency key) and its deliveries; over the rule's hourly limit it is
    /// kept as "grouped" for the next summary instead. Returns its status, nil when it was raised before.
    @discardableResult
    func insert(_ alert: PendingAlert, kind: AlertKind, item: Int64?, feed: Int64?, at now: Date) throws -> AlertStatus? {
        var status = AlertStatus.pending
        if let limit = alert.maxPerHour {
            let recent =
                try sql.rows(
                    """
                    SELECT COUNT(*) AS n FROM alerts WHERE rule_id = ? AND created > ? AND status != 'grouped' AND kind != 'group'
                    """, [alert.ruleID, now.timeIntervalSince1970 - 3600]
                ).first?.int("n") ?? 0
            if recent >= limit { status = .grouped }
        }
        let inserted = try sql.rows(
            """
            INSERT INTO alerts (rule_id, kind, item_id, feed_id, idempotency_key, payload, status, created)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id
            """, [alert.ruleID, kind.rawValue, item, feed, alert.idempotencyKey, alert.payload, status.rawValue, now.timeIntervalSince1970])
        guard let id = inserted.first?.int64("id") else { return nil }  // raised before (same idempotency key)
        try sql.run(
            "INSERT INTO rule_tallies VALUES (?, 1) ON CONFLICT (rule_id) DO UPDATE SET alerts = rule_tallies.alerts + 1", [alert.ruleID])
        guard status == .pending else { return status }
        let delivery = "INSERT INTO deliveries (alert_id, sink_id) VALUES (?, ?) ON CONFLICT DO NOTHING"
        for sink in alert.sinks { try sql.run(delivery, [id, sink]) }
        return status
    }

    /// Deliveries whose time has come, oldest alert first: all, one sink's (`sink`), or those of sinks
    /// not in `except` (sinks no longer configured). Claimed for this instance like feeds (see
    /// `dueFeeds`): leased to it until marked, given back (`release`), or the lease runs out.
    public func dueDeliveries(at now: Date, limit: Int = 500, sink: String? = nil, except: [String]? = nil) throws -> [Delivery] {
        let time = now.timeIntervalSince1970
        var filter = "", values: [Any?] = [time, time]
        if let sink { filter += " AND d.sink_id = ?"; values.append(sink) }
        if let except { filter += " AND d.sink_id NOT IN (\(except.map { _ in "?" }.joined(separator: ",")))"; values += except }
        return try sql.transaction {
            let claimed = try sql.rows(
                """
                UPDATE deliveries SET lease_owner = ?, lease_until = ?
                WHERE (alert_id, sink_id) IN (
                    SELECT alert_id, sink_id FROM deliveries d
                    WHERE d.status = 'pending' AND d.next_attempt <= ? AND (d.lease_until IS NULL OR d.lease_until <= ?)\(filter)
                    ORDER BY d.alert_id, d.sink_id LIMIT ?\(claimLocking))
                RETURNING alert_id, sink_id
                """, [instance, time + leaseSeconds] + values + [limit])
            // Their alerts, read by id (the claimed pairs picked out: an alert may have other sinks' rows).
            let pairs = Set(claimed.map { "\($0.int64("alert_id") ?? 0) \($0.string("sink_id") ?? "")" })
            let ids = Array(Set(claimed.compactMap { $0.int64("alert_id") })).sorted()
            var deliveries: [Delivery] = []
            for start in stride(from: 0, to: ids.count, by: 500) {
                let list = ids[start..<min(ids.count, start + 500)].map(String.init).joined(separator: ",")
                deliveries += try sql.rows(
                    """
                    SELECT d.alert_id, d.sink_id, d.attempts, a.idempotency_key, a.payload, a.rule_id,
                           f.config_url, i.identity, i.link FROM deliveries d
                    JOIN alerts a ON a.id = d.alert_id
                    LEFT JOIN items i ON i.id = a.item_id
                    LEFT JOIN feeds f ON f.id = COALESCE(a.feed_id, i.feed_id)
                    WHERE d.alert_id IN (\(list)) AND d.lease_owner = ?
                    """, [instance]
                ).map { row in
                    Delivery(
                        alertID: row.int64("alert_id") ?? 0, sinkID: row.string("sink_id") ?? "", attempts: row.int("attempts") ?? 0,
                        idempotencyKey: row.string("idempotency_key") ?? "", payload: row.string("payload") ?? "{}",
                        ruleID: row.string("rule_id") ?? "", feedURL: row.string("config_url"), itemIdentity: row.string("identity"),
                        itemLink: row.string("link"))
                }
                .filter { pairs.contains("\($0.alertID) \($0.sinkID)") }
            }
            return deliveries.sorted { ($0.alertID, $0.sinkID) < ($1.alertID, $1.sinkID) }
        }
    }

    /// Deliveries still being worked through: their leases move on to `now + leaseSeconds` (the
    /// dispatcher renews them as a long round goes on; a killed instance's run out). Returns those
    /// still this instance's: one whose lease ran out meanwhile (the database was away longer than
    /// the lease) may be another's now, and is not to be delivered here.
    public func renew(deliveries: [Delivery], at now: Date) throws -> [Delivery] {
        try sql.transaction {
            try deliveries.filter { delivery in
                try sql.run(
                    "UPDATE deliveries SET lease_until = ? WHERE alert_id = ? AND sink_id = ? AND lease_owner = ? AND lease_until > ?",
                    [now.timeIntervalSince1970 + leaseSeconds, delivery.alertID, delivery.sinkID, instance, now.timeIntervalSince1970]) == 1
            }
        }
    }

    /// Gives back deliveries claimed and not attempted (a round stopped at a sink's first failure).
    public func release(deliveries: [Delivery]) throws {
        try sql.transaction {
            for delivery in deliveries {
                try sql.run(
                    "UPDATE deliveries SET lease_owner = NULL, lease_until = NULL WHERE alert_id = ? AND sink_id = ? AND lease_owner = ?",
                    [delivery.alertID, delivery.sinkID, instance])
            }
        }
    }

    /// Marks deliveries done, all in one transaction (a batch written to a file with one fsync).
    public func markDelivered(_ deliveries: [Delivery], at now: Date) throws {
        try sql.transaction {
            let mark = """
                UPDATE deliveries SET status = 'delivered', delivered = ?, attempts = attempts + 1, lease_owner = NULL, lease_until = NULL
                WHERE alert_id = ? AND sink_id = ?
                """
            for delivery in deliveries { try sql.run(mark, [now.timeIntervalSince1970, delivery.alertID, delivery.sinkID]) }
        }
    }

    /// A failed attempt: retried at `retryAt`, or given up after `maxAttempts`.
    public func markFailed(_ delivery: Delivery, error: String, retryAt: Date, maxAttempts: Int) throws {
        let give = delivery.attempts + 1 >= maxAttempts
        try sql.run(
            """
            UPDATE deliveries SET attempts = attempts + 1, last_error = ?, next_attempt = ?, status = ?,
              lease_owner = NULL, lease_until = NULL
            WHERE alert_id = ? AND sink_id = ?
            """,
            [error, retryAt.timeIntervalSince1970, (give ? DeliveryStatus.failed : .pending).rawValue, delivery.alertID, delivery.sinkID])
    }

    /// Rules with grouped alerts whose last summary is at least an hour old (or never was): the
    /// payloads to summarise, per rule.
    public func groupsToSummarize(at now: Date) throws -> [HeldBackAlerts] {
        let rules = try sql.rows("SELECT DISTINCT rule_id FROM alerts WHERE status = 'grouped'").compactMap {
            $0.string("rule_id")
        }
        var result: [HeldBackAlerts] = []
        for rule in rules {
            let last = try sql.rows("SELECT MAX(created) AS t FROM alerts WHERE rule_id = ? AND kind = 'group'", [rule]).first?
                .double("t")
            if let last, now.timeIntervalSince1970 - last < 3600 { continue }
            let payloads = try sql.rows("SELECT payload FROM alerts WHERE rule_id = ? AND status = 'grouped' ORDER BY id", [rule])
                .compactMap { $0.string("payload") }
            result.append(HeldBackAlerts(rule: rule, payloads: payloads))
        }
        return result
    }

    /// Queues a rule's summary and marks the alerts it covers.
    public func summarize(rule: String, summary: PendingAlert, at now: Date) throws {
        try sql.transaction {
            try insert(
                PendingAlert(
                    ruleID: summary.ruleID, sinks: summary.sinks, onUpdate: true, maxPerHour: nil,
                    idempotencyKey: summary.idempotencyKey, payload: summary.payload),
                kind: .group, item: nil, feed: nil, at: now)
            try sql.run("UPDATE alerts SET status = 'summarized' WHERE rule_id = ? AND status = 'grouped'", [rule])
        }
    }

    /// Alert and delivery counts, for `status` and the tests.
    public func alertCounts() throws -> AlertCounts {
        return AlertCounts(
            alerts: try sql.count("SELECT COUNT(*) AS n FROM alerts"),
            pending: try sql.count("SELECT COUNT(*) AS n FROM deliveries WHERE status = 'pending'"),
            delivered: try sql.count("SELECT COUNT(*) AS n FROM deliveries WHERE status = 'delivered'"),
            failed: try sql.count("SELECT COUNT(*) AS n FROM deliveries WHERE status = 'failed'"),
            grouped: try sql.count("SELECT COUNT(*) AS n FROM alerts WHERE status = 'grouped'"))
    }

    /// The id of the newest alert (0 if none): a mark to count a cycle's alerts from.
    public func lastAlertID() throws -> Int64 {
        Int64(try sql.rows("SELECT MAX(id) AS n FROM alerts").first?.int("n") ?? 0)
    }

    /// Alerts raised after `mark` (a `lastAlertID()`), read by primary key: only the new rows.
    public func alertsRaised(after mark: Int64) throws -> RaisedAlerts {
        let row = try sql.rows(
            """
            SELECT COUNT(*) FILTER (WHERE kind IN ('item', 'story-update')) AS n,
                   COUNT(*) FILTER (WHERE kind IN ('item', 'story-update') AND status IN ('grouped', 'summarized')) AS held,
                   COUNT(*) FILTER (WHERE kind = 'group') AS summaries,
                   COUNT(*) FILTER (WHERE kind IN ('feed-broken', 'feed-recovered')) AS health
            FROM alerts WHERE id > ?
            """, [mark]
        ).first
        return RaisedAlerts(
            raised: row?.int("n") ?? 0, heldBack: row?.int("held") ?? 0, summaries: row?.int("summaries") ?? 0,
            feedHealth: row?.int("health") ?? 0)
    }
}

extension SQLStore {
    /// Alerts raised per rule (all time), for the metrics: a running tally, not a count of the table.
    public func alertsByRule() throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in try sql.rows("SELECT rule_id, alerts FROM rule_tallies") {
            counts[row.string("rule_id") ?? ""] = row.int("alerts") ?? 0
        }
        return counts
    }

    /// What the metrics show every 15 s, each answer from an index range or a tally (never a whole table).
    public func metricsCounts() throws -> MetricsCounts {
        return MetricsCounts(
            feeds: try sql.count("SELECT COUNT(*) AS n FROM feeds WHERE active = 1"),
            brokenFeeds: try sql.count("SELECT COUNT(*) AS n FROM feeds WHERE active = 1 AND broken = 1"),
            items: try sql.count("SELECT value AS n FROM tallies WHERE name = 'items'"),
            pendingDeliveries: try sql.count("SELECT COUNT(*) AS n FROM deliveries WHERE status = 'pending'"),
            failedDeliveries: try sql.count("SELECT COUNT(*) AS n FROM deliveries WHERE status = 'failed'"))
    }
}

extension SQLStore {
    public func existingAlertKeys(_ keys: [String]) throws -> Set<String> {
        let query = "SELECT 1 AS found FROM alerts WHERE idempotency_key = ?"
        return Set(try keys.filter { try !sql.rows(query, [$0]).isEmpty })
    }
}
