import Foundation

/// feedwatch's state in a PostgreSQL database shared by several instances (issue 6/7 of the second
/// series; being built: the feeds are here, the rest of `FeedStore` follows). One actor owns one
/// connection on a thread of its own, as `SQLiteStore` does; the tables and their meanings are the
/// SQLite store's (`PostgresSchema`), so rows read the same (`RowReading`).
public actor PostgresStore {
    let db: PGConnection
    /// The URL without its password, for messages.
    public nonisolated let location: String
    private nonisolated let thread = DatabaseThread(name: "feedwatch-postgres")
    public nonisolated var unownedExecutor: UnownedSerialExecutor { thread.asUnownedSerialExecutor() }

    deinit { thread.stop() }

    /// Connects (`url`: libpq's URL, `sslmode` and the rest honoured) and brings the schema up to date.
    public init(url: String) throws {
        db = try PGConnection(url: url)
        location = db.location
        try PostgresSchema.apply(to: db)
    }

    // MARK: Feeds

    /// Makes the stored feeds match the configuration, as `SQLiteStore.syncFeeds` does: new ones
    /// added (due at once), names refreshed, feeds no longer configured set inactive, a changed
    /// interval moving the next poll up to at most `now` plus the new interval.
    public func syncFeeds(_ feeds: [FeedSpec], at now: Date) throws {
        try db.transaction {
            try db.execute("UPDATE feeds SET active = 0")
            for feed in feeds {
                let latest = feed.interval.map { now.timeIntervalSince1970 + $0 }
                try db.execute(
                    """
                    INSERT INTO feeds (config_url, url, name, active, next_due, interval) VALUES ($1, $1, $2, 1, 0, $3)
                    ON CONFLICT (config_url) DO UPDATE SET name = excluded.name, active = 1,
                      next_due = CASE WHEN excluded.interval IS NOT NULL AND feeds.interval IS DISTINCT FROM excluded.interval
                                      THEN LEAST(feeds.next_due, $4) ELSE feeds.next_due END,
                      interval = COALESCE(excluded.interval, feeds.interval)
                    """, [.text(feed.url), feed.name.map(PGValue.text), feed.interval.map(PGValue.double), latest.map(PGValue.double)])
            }
        }
    }

    public func feeds(activeOnly: Bool = true) throws -> [FeedState] {
        try db.execute("SELECT * FROM feeds \(activeOnly ? "WHERE active = 1" : "") ORDER BY id").map(FeedState.init)
    }

    /// Active feeds due at `now`, soonest first.
    public func dueFeeds(at now: Date) throws -> [FeedState] {
        try db.execute(
            "SELECT * FROM feeds WHERE active = 1 AND next_due <= $1 ORDER BY next_due, id", [.double(now.timeIntervalSince1970)]
        )
        .map(FeedState.init)
    }

    /// When the next active feed falls due.
    public func nextDue() throws -> Date? {
        try db.execute("SELECT min(next_due) AS due FROM feeds WHERE active = 1").first?.date("due")
    }

    /// A fetch that succeeded (2xx or 304); returns whether the feed was broken until now (it recovered).
    @discardableResult
    public func recordSuccess(
        feed: Int64, status: Int, url: String?, etag: String?, lastModified: String?, nextDue: Date, at now: Date
    ) throws -> Bool {
        try db.transaction {
            let wasBroken = try db.execute("SELECT broken FROM feeds WHERE id = $1 FOR UPDATE", [.int(feed)]).first?.int("broken") == 1
            try db.execute(
                """
                UPDATE feeds SET url = COALESCE($1, url), etag = $2, last_modified = $3, next_due = $4, last_status = $5,
                  consecutive_errors = 0, last_success = $6, failing_since = NULL, broken = 0, polls = polls + 1
                WHERE id = $7
                """,
                [
                    url.map(PGValue.text), etag.map(PGValue.text), lastModified.map(PGValue.text), .double(nextDue.timeIntervalSince1970),
                    .int(Int64(status)), .double(now.timeIntervalSince1970), .int(feed),
                ])
            return wasBroken
        }
    }

    /// A failed fetch; returns whether the feed is broken now, and whether it just became so.
    @discardableResult
    public func recordFailure(
        feed: Int64, status: Int, error: String, nextDue: Date, at now: Date, brokenAfter: TimeInterval
    ) throws -> FeedHealth {
        try db.transaction {
            let wasBroken = try db.execute("SELECT broken FROM feeds WHERE id = $1 FOR UPDATE", [.int(feed)]).first?.int("broken") == 1
            let row = try db.execute(
                """
                UPDATE feeds SET next_due = $1, last_status = $2, consecutive_errors = consecutive_errors + 1,
                  last_error = $3, last_error_at = $4, failing_since = COALESCE(failing_since, $4), polls = polls + 1,
                  broken = CASE WHEN COALESCE(failing_since, $4) <= $4 - $5 THEN 1 ELSE broken END
                WHERE id = $6 RETURNING broken
                """,
                [
                    .double(nextDue.timeIntervalSince1970), .int(Int64(status)), .text(error), .double(now.timeIntervalSince1970),
                    .double(brokenAfter), .int(feed),
                ])
            let broken = row.first?.int("broken") == 1
            return FeedHealth(broken: broken, newlyBroken: broken && !wasBroken)
        }
    }
}
