import Foundation

/// `FeedStore` written once in SQL for both backends: `SQLiteStore` (one file, one process writing)
/// and `PostgresStore` (a server shared by several instances). The tables are the same in both, and
/// so are the queries; what differs is said here: how rows are locked while they are claimed, whether
/// story keys may wait in memory, and how concurrent story lookups are kept apart.
///
/// Several instances, one job: each claims due feeds and deliveries under a lease in its name
/// (`instance`) that its heartbeat extends; a killed instance's leases run out and the others take
/// its work. With SQLite there is one instance, and the same code runs.
protocol SQLStore: Actor, FeedStore {
    var sql: any SQLDatabase { get }
    /// This instance's name, on the leases it takes.
    var instance: String { get }
    /// How long a claimed feed or delivery stays this instance's without a heartbeat.
    var leaseSeconds: TimeInterval { get }
    /// Story keys not yet written (see `Stories.swift`).
    var pendingStoryKeys: PendingStoryKeys { get set }
    /// Whether story keys may wait in memory between writes (one process on the data), or are written
    /// in the transaction that finds them (another instance must find the story once it is committed).
    var buffersStoryKeys: Bool { get }
    /// Added to a claim's SELECT: PostgreSQL's `FOR UPDATE SKIP LOCKED`, so that two instances claiming
    /// at once skip each other's rows instead of taking them twice (SQLite has one writer at a time).
    var claimLocking: String { get }
    /// Inside a transaction, holds until it ends a lock on each of these story keys: two instances
    /// looking up copies of one story take turns, so the second finds the first's story.
    func lockStoryKeys(_ keys: [Int64]) throws
    /// Inside a transaction, holds until it ends the lock claims take turns under.
    func lockClaims() throws
    /// `count` ids for new rows of `table` (whose key is `id`), to insert them with in one statement.
    func reserveIDs(_ table: String, count: Int) throws -> [Int64]
    /// The table where new and changed items wait for the full-text index (`indexSearch`): PostgreSQL
    /// indexes after the poll, not in it; nil where the database indexes as items are written
    /// (SQLite's FTS5, by triggers).
    var searchQueue: String? { get }
}

extension SQLStore {
    // MARK: Feeds

    /// Makes the stored feeds match the configuration: new ones added (due at once), names and options
    /// refreshed, feeds no longer configured set inactive (their items are kept).
    public func syncFeeds(_ given: [FeedSpec], at now: Date) throws {
        // A URL listed twice is one feed (the first listing), as one statement may touch a row once.
        var seen: Set<String> = []
        let feeds = given.filter { seen.insert($0.url).inserted }
        try sql.transaction {
            try sql.run("UPDATE feeds SET active = 0")
            // A changed interval moves the next poll up (never later than the new interval allows);
            // an unchanged one leaves the schedule, its backoff and the server's max-age alone.
            try sql.insert(
                into: "feeds", columns: ["config_url", "url", "name", "active", "next_due", "interval", "host"],
                rows: feeds.map { [$0.url, $0.url, $0.name, 1, 0.0, $0.interval, $0.host ?? $0.url] },
                conflict: """
                    ON CONFLICT (config_url) DO UPDATE SET name = excluded.name, active = 1, host = excluded.host,
                      next_due = CASE WHEN excluded.interval IS NOT NULL AND feeds.interval IS DISTINCT FROM excluded.interval
                                       AND feeds.next_due > \(now.timeIntervalSince1970) + excluded.interval
                                      THEN \(now.timeIntervalSince1970) + excluded.interval ELSE feeds.next_due END,
                      interval = COALESCE(excluded.interval, feeds.interval)
                    """)
        }
    }

    public func feeds(activeOnly: Bool = true) throws -> [FeedState] {
        try sql.rows("SELECT * FROM feeds \(activeOnly ? "WHERE active = 1" : "") ORDER BY id").map(FeedState.init)
    }

    /// Up to `limit` active feeds due at `now`, soonest first, claimed for this instance: leased to it
    /// for `leaseSeconds` (its heartbeat extends the lease while it polls; recording the poll gives the
    /// feed back). A feed under another live lease is not due, nor is one this instance is polling;
    /// nor is one whose host already has `perHost` feeds leased, by any instance: the per-host limit
    /// holds across instances. (Chosen among the `8 × limit` soonest due: a claim reads what it may
    /// take, not every due feed of a list of a million.) Claims take turns (`lockClaims`), so that two instances claiming at
    /// once cannot both fill a host's last place.
    public func dueFeeds(at now: Date, limit: Int, perHost: Int) throws -> [FeedState] {
        let time = now.timeIntervalSince1970
        return try sql.transaction {
            try lockClaims()
            return try sql.rows(
                """
                UPDATE feeds SET lease_owner = ?, lease_until = ?
                WHERE id IN (
                    SELECT id FROM feeds WHERE id IN (
                        SELECT c.id FROM (
                            SELECT f.id, f.next_due, COALESCE(busy.n, 0) AS busy,
                                   ROW_NUMBER() OVER (PARTITION BY f.host ORDER BY f.next_due, f.id) AS place
                            FROM (SELECT id, host, next_due FROM feeds
                                  WHERE active = 1 AND next_due <= ? AND (lease_until IS NULL OR lease_until <= ?)
                                  ORDER BY next_due, id LIMIT ?) AS f
                            LEFT JOIN (SELECT host, COUNT(*) AS n FROM feeds WHERE lease_until > ? GROUP BY host) AS busy
                                ON busy.host = f.host
                        ) AS c
                        WHERE c.place + c.busy <= ?
                        ORDER BY c.next_due, c.id LIMIT ?)\(claimLocking))
                RETURNING *
                """, [instance, time + leaseSeconds, time, time, limit * 8, time, perHost, limit]
            ).map(FeedState.init).sorted { ($0.nextDue, $0.id) < ($1.nextDue, $1.id) }
        }
    }

    /// Gives back feeds claimed and not polled after all (their host slowed down, no free transfer).
    public func release(feeds: [Int64]) throws {
        guard !feeds.isEmpty else { return }
        try sql.run(
            "UPDATE feeds SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = ? AND id IN (\(feeds.map(String.init).joined(separator: ",")))",
            [instance])
    }

    /// When the next active feed falls due (under a lease: when the lease ends, if later).
    public func nextDue() throws -> Date? {
        try sql.rows(
            """
            SELECT MIN(CASE WHEN lease_until > next_due THEN lease_until ELSE next_due END) AS due FROM feeds WHERE active = 1
            """
        ).first?.date("due")
    }

    /// A fetch that succeeded (2xx or 304); returns whether the feed was broken until now (it
    /// recovered). The feed's lease ends.
    @discardableResult
    public func recordSuccess(
        feed: Int64, status: Int, url: String?, etag: String?, lastModified: String?,
        nextDue: Date, at now: Date
    ) throws -> Bool {
        // Two statements, no transaction around them: the feed is this instance's (leased) while it is polled.
        do {
            let wasBroken = try sql.rows("SELECT broken FROM feeds WHERE id = ?", [feed]).first?.int("broken") == 1
            try sql.run(
                """
                UPDATE feeds SET url = COALESCE(?, url), etag = ?, last_modified = ?, next_due = ?, last_status = ?,
                  consecutive_errors = 0, last_success = ?, failing_since = NULL, broken = 0, polls = polls + 1,
                  lease_owner = NULL, lease_until = NULL
                WHERE id = ?
                """, [url, etag, lastModified, nextDue.timeIntervalSince1970, status, now.timeIntervalSince1970, feed])
            return wasBroken
        }
    }

    /// A failed fetch; returns whether the feed is broken now, and whether it just became so. The
    /// feed's lease ends.
    @discardableResult
    public func recordFailure(
        feed: Int64, status: Int, error: String, nextDue: Date, at now: Date,
        brokenAfter: TimeInterval
    ) throws -> FeedHealth {
        let time = now.timeIntervalSince1970
        do {
            let wasBroken = try sql.rows("SELECT broken FROM feeds WHERE id = ?", [feed]).first?.int("broken") == 1
            let broken =
                try sql.rows(
                    """
                    UPDATE feeds SET next_due = ?, last_status = ?, consecutive_errors = consecutive_errors + 1,
                      last_error = ?, last_error_at = ?, failing_since = COALESCE(failing_since, ?), polls = polls + 1,
                      broken = CASE WHEN COALESCE(failing_since, ?) <= ? THEN 1 ELSE broken END,
                      lease_owner = NULL, lease_until = NULL
                    WHERE id = ? RETURNING broken
                    """, [nextDue.timeIntervalSince1970, status, error, time, time, time, time - brokenAfter, feed]
                ).first?.int("broken") == 1
            return FeedHealth(broken: broken, newlyBroken: broken && !wasBroken)
        }
    }

    // MARK: Instances

    /// Records this instance as started; the leases it held before a restart (a crash, a kill) are
    /// void, so that its feeds are polled again at once rather than when those leases run out.
    func recordStart(at now: Date) throws {
        try sql.transaction {
            try sql.run(
                """
                INSERT INTO instances (name, started, seen) VALUES (?, ?, ?)
                ON CONFLICT (name) DO UPDATE SET started = excluded.started, seen = excluded.seen
                """, [instance, now.timeIntervalSince1970, now.timeIntervalSince1970])
            try sql.run("UPDATE feeds SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = ?", [instance])
            try sql.run("UPDATE deliveries SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = ?", [instance])
        }
    }

    /// This instance is alive: its row's `seen` moves on, and so do the leases on the feeds it is
    /// polling (to `now + leaseSeconds`); any other feed it holds (a poll whose end could not be
    /// recorded) is given back.
    public func heartbeat(at now: Date, polling: [Int64]) throws {
        let time = now.timeIntervalSince1970
        let list = polling.map(String.init).joined(separator: ",")
        try sql.transaction {
            try sql.run("UPDATE instances SET seen = ? WHERE name = ?", [time, instance])
            if !polling.isEmpty {
                try sql.run("UPDATE feeds SET lease_until = ? WHERE lease_owner = ? AND id IN (\(list))", [time + leaseSeconds, instance])
            }
            try sql.run(
                "UPDATE feeds SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = ?\(polling.isEmpty ? "" : " AND id NOT IN (\(list))")",
                [instance])
        }
    }

    /// Instances seen within `within` of `now`, by name.
    public func liveInstances(within: TimeInterval, at now: Date) throws -> [String] {
        try sql.rows("SELECT name FROM instances WHERE seen >= ? ORDER BY name", [now.timeIntervalSince1970 - within])
            .compactMap { $0.string("name") }
    }

    /// Slows a host down for every instance until `until` (the later of this and any earlier word).
    public func slowDown(host: String, until: Date) throws {
        try sql.run(
            """
            INSERT INTO host_slowdowns (host, until) VALUES (?, ?)
            ON CONFLICT (host) DO UPDATE SET until = CASE WHEN excluded.until > host_slowdowns.until
                                                        THEN excluded.until ELSE host_slowdowns.until END
            """, [host, until.timeIntervalSince1970])
    }

    /// Hosts slowed down at `now`, with until when.
    public func slowedHosts(at now: Date) throws -> [String: Date] {
        var hosts: [String: Date] = [:]
        for row in try sql.rows("SELECT host, until FROM host_slowdowns WHERE until > ?", [now.timeIntervalSince1970]) {
            if let host = row.string("host"), let until = row.date("until") { hosts[host] = until }
        }
        return hosts
    }
}

extension FeedState {
    /// A feed read from the `feeds` table (either backend).
    init(_ row: Row) {
        id = row.int64("id") ?? 0
        configURL = row.string("config_url") ?? ""
        url = row.string("url") ?? configURL
        name = row.string("name")
        etag = row.string("etag")
        lastModified = row.string("last_modified")
        nextDue = row.date("next_due") ?? Date(timeIntervalSince1970: 0)
        consecutiveErrors = row.int("consecutive_errors") ?? 0
        lastError = row.string("last_error")
        lastSuccess = row.date("last_success")
        failingSince = row.date("failing_since")
        broken = row.int("broken") == 1
        itemsSeen = row.int("items_seen") ?? 0
        lastStatus = row.int("last_status")
        polls = row.int("polls") ?? 0
    }
}
