import Foundation

/// Several instances, one job: each instance says it is there (`register`, `heartbeat`), claims due
/// feeds in small batches under a lease (`claimDueFeeds`), and a killed instance's leases run out so
/// that the others take its feeds. A host that answered 429 or 503 is slowed down for everyone
/// (`slowDown`, `slowedHosts`), not only for the instance that was told.
extension PostgresStore {
    /// Records this instance (by name), or refreshes it after a restart.
    public func register(instance: String, at now: Date) throws {
        try db.execute(
            """
            INSERT INTO instances (name, started, seen) VALUES ($1, $2, $2)
            ON CONFLICT (name) DO UPDATE SET started = excluded.started, seen = excluded.seen
            """, [.text(instance), .double(now.timeIntervalSince1970)])
    }

    /// The instance is alive: its row's `seen`, and the leases it holds, moved on to `now + lease`.
    public func heartbeat(instance: String, lease: TimeInterval, at now: Date) throws {
        try db.transaction {
            try db.execute("UPDATE instances SET seen = $2 WHERE name = $1", [.text(instance), .double(now.timeIntervalSince1970)])
            try db.execute(
                "UPDATE feeds SET lease_until = $2 WHERE lease_owner = $1 AND lease_until > $3",
                [.text(instance), .double(now.timeIntervalSince1970 + lease), .double(now.timeIntervalSince1970)])
        }
    }

    /// Instances seen within `within` of `now`, by name.
    public func liveInstances(within: TimeInterval, at now: Date) throws -> [String] {
        try db.execute("SELECT name FROM instances WHERE seen >= $1 ORDER BY name", [.double(now.timeIntervalSince1970 - within)])
            .compactMap { $0.string("name") }
    }

    /// Up to `limit` active feeds due at `now` that no live lease holds (not even this instance's:
    /// a feed it is polling is not handed out again), soonest first, leased to
    /// `instance` until `now + lease`. Rows another instance is claiming at this moment are skipped,
    /// not waited for (`FOR UPDATE SKIP LOCKED`): two instances never get the same feed.
    public func claimDueFeeds(instance: String, limit: Int, lease: TimeInterval, at now: Date) throws -> [FeedState] {
        try db.execute(
            """
            UPDATE feeds SET lease_owner = $1, lease_until = $2
            WHERE id IN (
                SELECT id FROM feeds
                WHERE active = 1 AND next_due <= $3 AND (lease_until IS NULL OR lease_until <= $3)
                ORDER BY next_due, id LIMIT $4
                FOR UPDATE SKIP LOCKED)
            RETURNING *
            """,
            [.text(instance), .double(now.timeIntervalSince1970 + lease), .double(now.timeIntervalSince1970), .int(Int64(limit))]
        ).map(FeedState.init).sorted { ($0.nextDue, $0.id) < ($1.nextDue, $1.id) }
    }

    /// Gives a feed back after its poll (its next due time is already recorded).
    public func release(feed: Int64, instance: String) throws {
        try db.execute(
            "UPDATE feeds SET lease_owner = NULL, lease_until = NULL WHERE id = $1 AND lease_owner = $2", [.int(feed), .text(instance)])
    }

    /// Slows a host down for every instance until `until` (the later of this and any earlier word).
    public func slowDown(host: String, until: Date) throws {
        try db.execute(
            """
            INSERT INTO host_slowdowns (host, until) VALUES ($1, $2)
            ON CONFLICT (host) DO UPDATE SET until = GREATEST(host_slowdowns.until, excluded.until)
            """, [.text(host), .double(until.timeIntervalSince1970)])
    }

    /// Hosts slowed down at `now`, with until when.
    public func slowedHosts(at now: Date) throws -> [String: Date] {
        var hosts: [String: Date] = [:]
        for row in try db.execute("SELECT host, until FROM host_slowdowns WHERE until > $1", [.double(now.timeIntervalSince1970)]) {
            if let host = row.string("host"), let until = row.date("until") { hosts[host] = until }
        }
        return hosts
    }
}
