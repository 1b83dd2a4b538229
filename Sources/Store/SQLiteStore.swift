import CSQLite
import Foundation

/// feedwatch's state in one SQLite file (WAL): feeds and their HTTP validators and health, items and
/// what the extractor found in them. One actor owns the connection, so writes are serialised and each
/// feed's new items land in one transaction.
public actor SQLiteStore: FeedStore {
    let db: SQLiteConnection
    public nonisolated let path: String
    /// Story keys not yet written (see `Stories.swift`): written in batches, sorted, so that a cycle
    /// of thousands of alerting items does not rewrite the key table's pages once per feed.
    var pendingStoryKeys = PendingStoryKeys()
    /// The actor runs on a thread of its own: its SQLite calls block (see `DatabaseThread`).
    private nonisolated let thread = DatabaseThread(name: "feedwatch-sqlite")
    public nonisolated var unownedExecutor: UnownedSerialExecutor { thread.asUnownedSerialExecutor() }

    deinit { thread.stop() }

    /// Opens (creating and migrating as needed) the database at `path`. `readOnly`: for commands
    /// that only look (`explain`, a dry `replay`) beside a running daemon: nothing is created,
    /// migrated or written, and a database an older feedwatch left is an error that says so.
    /// `checkWholeFile`: read every page first (`PRAGMA quick_check`), so that a damaged file is said
    /// at once; off for `once`, which cron may start every few minutes over gigabytes (damage it
    /// meets is still reported as such, from the statement that meets it).
    public init(path: String, readOnly: Bool = false, checkWholeFile: Bool = true) throws {
        self.path = path
        if readOnly {
            db = try SQLiteConnection(path: path, readOnly: true)
            let version = try db.prepare("PRAGMA user_version").rows().first?.int("user_version") ?? 0
            guard version == Migrations.steps.count else {
                throw StoreError.schema(
                    "\(path) is at schema version \(version), not \(Migrations.steps.count): run feedwatch once on it first")
            }
            return
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        db = try SQLiteConnection(path: path)
        try db.execute("PRAGMA journal_mode=WAL")
        try db.execute("PRAGMA synchronous=NORMAL")
        try db.execute("PRAGMA foreign_keys=ON")
        if checkWholeFile {
            let check = try db.prepare("PRAGMA quick_check").rows()
            if let result = check.first?.columns.values.first as? String, result != "ok" {
                throw StoreError.damaged(path: path, detail: result)
            }
        }
        try Migrations.apply(to: db)
    }

    public func close() {
        try? flushStoryKeys()
        db.close()
    }

    // MARK: Feeds

    /// Makes the stored feeds match the configuration: new ones added (due at once), names and options
    /// refreshed, feeds no longer configured set inactive (their items are kept).
    public func syncFeeds(_ feeds: [FeedSpec], at now: Date) throws {
        try db.transaction {
            try db.execute("UPDATE feeds SET active = 0")
            // A changed interval moves the next poll up (never later than the new interval allows);
            // an unchanged one leaves the schedule, its backoff and the server's max-age alone.
            let upsert = try db.prepare(
                """
                INSERT INTO feeds (config_url, url, name, active, next_due, interval) VALUES (?, ?, ?, 1, 0, ?)
                ON CONFLICT(config_url) DO UPDATE SET name = excluded.name, active = 1,
                  next_due = CASE WHEN excluded.interval IS NOT NULL AND feeds.interval IS NOT excluded.interval
                                  THEN MIN(feeds.next_due, ?) ELSE feeds.next_due END,
                  interval = COALESCE(excluded.interval, feeds.interval)
                """)
            for feed in feeds {
                let latest = feed.interval.map { now.timeIntervalSince1970 + $0 }
                try upsert.run([feed.url, feed.url, feed.name, feed.interval, latest])
            }
        }
    }

    public func feeds(activeOnly: Bool = true) throws -> [FeedState] {
        try db.prepare("SELECT * FROM feeds \(activeOnly ? "WHERE active = 1" : "") ORDER BY id").rows().map(FeedState.init)
    }

    /// Active feeds due at `now`, soonest first.
    public func dueFeeds(at now: Date) throws -> [FeedState] {
        try db.prepare("SELECT * FROM feeds WHERE active = 1 AND next_due <= ? ORDER BY next_due, id")
            .rows([now.timeIntervalSince1970]).map(FeedState.init)
    }

    /// When the next active feed falls due.
    public func nextDue() throws -> Date? {
        try db.prepare("SELECT MIN(next_due) AS due FROM feeds WHERE active = 1").rows().first?.date("due")
    }

    /// A fetch that succeeded (2xx or 304); returns whether the feed was broken until now (it recovered).
    @discardableResult
    public func recordSuccess(
        feed: Int64, status: Int, url: String?, etag: String?, lastModified: String?,
        nextDue: Date, at now: Date
    ) throws -> Bool {
        let wasBroken = try db.prepare("SELECT broken FROM feeds WHERE id = ?").rows([feed]).first?.int("broken") == 1
        try db.prepare(
            """
            UPDATE feeds SET url = COALESCE(?, url), etag = ?, last_modified = ?, next_due = ?, last_status = ?,
              consecutive_errors = 0, last_success = ?, failing_since = NULL, broken = 0, polls = polls + 1
            WHERE id = ?
            """
        ).run([url, etag, lastModified, nextDue.timeIntervalSince1970, status, now.timeIntervalSince1970, feed])
        return wasBroken
    }

    /// A failed fetch; returns whether the feed is broken now, and whether it just became so.
    @discardableResult
    public func recordFailure(
        feed: Int64, status: Int, error: String, nextDue: Date, at now: Date,
        brokenAfter: TimeInterval
    ) throws -> FeedHealth {
        let wasBroken = try db.prepare("SELECT broken FROM feeds WHERE id = ?").rows([feed]).first?.int("broken") == 1
        try db.prepare(
            """
            UPDATE feeds SET next_due = ?, last_status = ?, consecutive_errors = consecutive_errors + 1,
              last_error = ?, last_error_at = ?, failing_since = COALESCE(failing_since, ?), polls = polls + 1
            WHERE id = ?
            """
        ).run([nextDue.timeIntervalSince1970, status, error, now.timeIntervalSince1970, now.timeIntervalSince1970, feed])
        try db.prepare("UPDATE feeds SET broken = 1 WHERE id = ? AND failing_since <= ?")
            .run([feed, now.timeIntervalSince1970 - brokenAfter])
        let broken = try db.prepare("SELECT broken FROM feeds WHERE id = ?").rows([feed]).first?.int("broken") == 1
        return FeedHealth(broken: broken, newlyBroken: broken && !wasBroken)
    }

    // MARK: Items

    /// Which of these items are new, which changed, which were seen as they are.
    public func classify(feed: Int64, items: [ItemFingerprint]) throws -> [String: ItemNovelty] {
        let lookup = try db.prepare("SELECT content_hash FROM items WHERE feed_id = ? AND identity = ?")
        var result: [String: ItemNovelty] = [:]
        for item in items {
            let existing = try lookup.rows([feed, item.identity]).first?.string("content_hash")
            result[item.identity] = existing == nil ? .new : existing == item.contentHash ? .unchanged : .updated
        }
        return result
    }

    /// Stores a feed's new and changed items with what was extracted from them, in one transaction.
    /// An item already stored with the same content is skipped, so a repeated call changes nothing.
    @discardableResult
    public func store(feed: Int64, items: [StoredItem], at now: Date) throws -> StoredCounts {
        try db.transaction {
            var new = 0, updated = 0, sameStory = 0
            let find = try db.prepare("SELECT id, content_hash FROM items WHERE feed_id = ? AND identity = ?")
            let insert = try db.prepare(
                """
                INSERT INTO items (feed_id, identity, title, link, published, content_hash, first_seen, updated_at, text, story_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)
                """)
            let update = try db.prepare(
                """
                UPDATE items SET title = ?, link = ?, published = ?, content_hash = ?, updated_at = ?, text = ? WHERE id = ?
                """)
            var raised: [RaisedAlert] = []
            for item in items {
                let existing = try find.rows([feed, item.identity]).first
                let itemID: Int64
                var isUpdate = false
                if let existing, let id = existing.int("id") {
                    if existing.string("content_hash") == item.contentHash { continue }
                    isUpdate = true
                    try update.run([
                        item.title, item.link, item.published?.timeIntervalSince1970, item.contentHash,
                        now.timeIntervalSince1970, item.text, id,
                    ])
                    itemID = Int64(id)
                    try clearExtraction(itemID)
                    updated += 1
                } else {
                    try insert.run([
                        feed, item.identity, item.title, item.link, item.published?.timeIntervalSince1970,
                        item.contentHash, now.timeIntervalSince1970, item.text, item.storyID,
                    ])
                    itemID = db.lastInsertRowID
                    new += 1
                }
                try saveExtraction(itemID, item)
                for alert in item.alerts where !isUpdate || alert.onUpdate {
                    // Once per story and rule; an update the rule asked for (`onUpdate`) is news of its own.
                    if !isUpdate, let story = item.storyID, try !claimStory(story, rule: alert.ruleID) {
                        sameStory += 1
                        if let update = alert.storyUpdate {
                            var repeated = alert
                            repeated.idempotencyKey = update.key
                            repeated.payload = update.payload
                            if let status = try self.insert(repeated, kind: .storyUpdate, item: itemID, feed: feed, at: now) {
                                raised.append(
                                    RaisedAlert(rule: alert.ruleID, kind: .storyUpdate, item: item.identity, held: status == .grouped))
                            }
                        }
                        continue
                    }
                    if let status = try self.insert(alert, kind: .item, item: itemID, feed: feed, at: now) {
                        raised.append(RaisedAlert(rule: alert.ruleID, kind: .item, item: item.identity, held: status == .grouped))
                    }
                }
            }
            try db.prepare("UPDATE feeds SET items_seen = items_seen + ? WHERE id = ?").run([new, feed])
            try db.prepare("UPDATE tallies SET value = value + ? WHERE name = 'items'").run([new])
            var counts = StoredCounts(new: new, updated: updated, sameStory: sameStory)
            counts.raised = raised
            return counts
        }
    }

    private func clearExtraction(_ item: Int64) throws {
        for table in ["mentions", "item_actors", "item_topics", "quotes", "comentions"] {
            try db.prepare("DELETE FROM \(table) WHERE item_id = ?").run([item])
        }
    }

    private func saveExtraction(_ item: Int64, _ stored: StoredItem) throws {
        let actor = try db.prepare("INSERT INTO item_actors (item_id, actor_id, count, salience) VALUES (?, ?, ?, ?)")
        let mention = try db.prepare("INSERT INTO mentions (item_id, actor_id, kind, form, sentence) VALUES (?, ?, ?, ?, ?)")
        for a in stored.actors {
            try actor.run([item, a.id, a.count, a.salience])
            for m in a.mentions { try mention.run([item, a.id, m.kind, m.form, m.sentence]) }
        }
        let topic = try db.prepare("INSERT INTO item_topics (item_id, topic_id, sentences) VALUES (?, ?, ?)")
        for t in stored.topics { try topic.run([item, t.id, t.sentences.map(String.init).joined(separator: ",")]) }
        let quote = try db.prepare(
            "INSERT INTO quotes (item_id, text, speaker_actor, speaker_text, verb, sentence) VALUES (?, ?, ?, ?, ?, ?)")
        for q in stored.quotes { try quote.run([item, q.text, q.speakerActor, q.speakerText, q.verb, q.sentence]) }
        let pair = try db.prepare("INSERT INTO comentions (item_id, a, b, count) VALUES (?, ?, ?, ?)")
        for c in stored.coMentions { try pair.run([item, c.a, c.b, c.count]) }
    }

    // MARK: Reading back

    /// The database's figures; with `since`, over the items first seen since then (by the
    /// `items_first_seen` index: a cycle's summary costs what the cycle stored, not the database).
    public func counts(since: Date?) throws -> StoreCounts {
        let recent = since.map { "item_id IN (SELECT id FROM items WHERE first_seen >= \($0.timeIntervalSince1970))" }
        func count(_ sql: String) throws -> Int { try db.prepare(sql).rows().first?.int("n") ?? 0 }
        func filtered(_ table: String, _ what: String = "COUNT(*)") throws -> Int {
            try count("SELECT \(what) AS n FROM \(table)" + (recent.map { " WHERE \($0)" } ?? ""))
        }
        return StoreCounts(
            feeds: try count("SELECT COUNT(*) AS n FROM feeds WHERE active = 1"),
            items: try count(
                "SELECT COUNT(*) AS n FROM items" + (since.map { " WHERE first_seen >= \($0.timeIntervalSince1970)" } ?? "")),
            itemsWithActors: try filtered("item_actors", "COUNT(DISTINCT item_id)"),
            mentions: try filtered("mentions"),
            quotes: try filtered("quotes"),
            brokenFeeds: try count("SELECT COUNT(*) AS n FROM feeds WHERE active = 1 AND broken = 1"))
    }

    /// Actors and topics by the number of items mentioning them, most first.
    public func topActors(limit: Int = 10, since: Date?) throws -> [ActorTally] {
        try db.prepare(
            """
            SELECT actor_id, COUNT(*) AS items, SUM(count) AS mentions FROM item_actors
            \(since.map { "WHERE item_id IN (SELECT id FROM items WHERE first_seen >= \($0.timeIntervalSince1970))" } ?? "")
            GROUP BY actor_id ORDER BY items DESC, actor_id LIMIT ?
            """
        ).rows([limit]).map { ActorTally(id: $0.string("actor_id") ?? "", items: $0.int("items") ?? 0, mentions: $0.int("mentions") ?? 0) }
    }

    public func topTopics(limit: Int = 10, since: Date?) throws -> [TopicTally] {
        let recent = since.map { "WHERE item_id IN (SELECT id FROM items WHERE first_seen >= \($0.timeIntervalSince1970))" } ?? ""
        return try db.prepare(
            "SELECT topic_id, COUNT(*) AS items FROM item_topics \(recent) GROUP BY topic_id ORDER BY items DESC, topic_id LIMIT ?"
        )
        .rows([limit]).map { TopicTally(id: $0.string("topic_id") ?? "", items: $0.int("items") ?? 0) }
    }

    /// Deletes items first seen before `cutoff`, with everything extracted from them.
    @discardableResult
    public func purge(before cutoff: Date) throws -> Int {
        try db.transaction {
            let old = "SELECT id FROM items WHERE first_seen < \(cutoff.timeIntervalSince1970)"
            for table in ["mentions", "item_actors", "item_topics", "quotes", "comentions"] {
                try db.execute("DELETE FROM \(table) WHERE item_id IN (\(old))")
            }
            // Alerts outlive their items (their payload says what they were about); the reference goes.
            try db.execute("UPDATE alerts SET item_id = NULL WHERE item_id IN (\(old))")
            try db.execute("DELETE FROM items WHERE first_seen < \(cutoff.timeIntervalSince1970)")
            let removed = db.changes
            try purgeStories(before: cutoff)
            try db.prepare("UPDATE tallies SET value = value - ? WHERE name = 'items'").run([removed])
            return removed
        }
    }
}

extension FeedState {
    /// A feed read from the `feeds` table (either backend).
    init(_ row: some RowReading) {
        id = Int64(row.int("id") ?? 0)
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

extension SQLiteStore {
    public func items(since: Date) throws -> [StoredItemRecord] {
        try records(where: "i.first_seen >= ?", [since.timeIntervalSince1970])
    }

    /// A stored item by its database id or its link.
    public func item(matching key: String) throws -> StoredItemRecord? {
        if let id = Int64(key) { return try records(where: "i.id = ?", [id]).first }
        return try records(where: "i.link = ?", [key]).first
    }

    private func records(where condition: String, _ values: [Any?]) throws -> [StoredItemRecord] {
        try db.prepare(
            """
            SELECT i.*, f.config_url AS feed_url FROM items i JOIN feeds f ON f.id = i.feed_id WHERE \(condition) ORDER BY i.id
            """
        ).rows(values).map { row in
            StoredItemRecord(
                id: Int64(row.int("id") ?? 0), feedID: Int64(row.int("feed_id") ?? 0), feedURL: row.string("feed_url") ?? "",
                identity: row.string("identity") ?? "", title: row.string("title"), link: row.string("link"),
                published: row.date("published"), contentHash: row.string("content_hash") ?? "",
                text: row.string("text") ?? "", firstSeen: row.date("first_seen") ?? Date())
        }
    }

    /// Replaces what was extracted from an item (after the watchlist changed), and queues `alerts` with
    /// it, in one transaction; alerts already raised (same idempotency key) are not raised again.
    public func reextract(item: Int64, feed: Int64, with stored: StoredItem, alerts: [PendingAlert], at now: Date) throws {
        try db.transaction {
            try clearExtraction(item)
            try saveExtraction(item, stored)
            for alert in alerts { try insert(alert, kind: .item, item: item, feed: feed, at: now) }
        }
    }
}

extension SQLiteStore {
    public nonisolated var location: String { path }

    /// The database file and its write-ahead log.
    public func sizeOnDisk() -> Int? {
        ["", "-wal"].compactMap { try? FileManager.default.attributesOfItem(atPath: path + $0)[.size] as? Int }.reduce(0, +)
    }
}
