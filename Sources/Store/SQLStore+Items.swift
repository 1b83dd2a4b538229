import Foundation

/// Items and what was extracted from them, in SQL both backends run (see `SQLStore`).
extension SQLStore {
    /// Which of these items are new, which changed, which were seen as they are.
    public func classify(feed: Int64, items: [ItemFingerprint]) throws -> [String: ItemNovelty] {
        let lookup = "SELECT content_hash FROM items WHERE feed_id = ? AND identity = ?"
        var result: [String: ItemNovelty] = [:]
        for item in items {
            let existing = try sql.rows(lookup, [feed, item.identity]).first?.string("content_hash")
            result[item.identity] = existing == nil ? .new : existing == item.contentHash ? .unchanged : .updated
        }
        return result
    }

    /// Stores a feed's new and changed items with what was extracted from them, in one transaction.
    /// An item already stored with the same content is skipped, so a repeated call changes nothing.
    @discardableResult
    public func store(feed: Int64, items: [StoredItem], at now: Date) throws -> StoredCounts {
        try sql.transaction {
            var new = 0, updated = 0, sameStory = 0
            let find = "SELECT id, content_hash FROM items WHERE feed_id = ? AND identity = ?"
            let insert = """
                INSERT INTO items (feed_id, identity, title, link, published, content_hash, first_seen, updated_at, text, story_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?) RETURNING id
                """
            let update = """
                UPDATE items SET title = ?, link = ?, published = ?, content_hash = ?, updated_at = ?, text = ? WHERE id = ?
                """
            var raised: [RaisedAlert] = []
            for item in items {
                let existing = try sql.rows(find, [feed, item.identity]).first
                let itemID: Int64
                var isUpdate = false
                if let existing, let id = existing.int64("id") {
                    if existing.string("content_hash") == item.contentHash { continue }
                    isUpdate = true
                    try sql.run(
                        update,
                        [
                            item.title, item.link, item.published?.timeIntervalSince1970, item.contentHash,
                            now.timeIntervalSince1970, item.text, id,
                        ])
                    itemID = id
                    try clearExtraction(itemID)
                    updated += 1
                } else {
                    let inserted = try sql.rows(
                        insert,
                        [
                            feed, item.identity, item.title, item.link, item.published?.timeIntervalSince1970,
                            item.contentHash, now.timeIntervalSince1970, item.text, item.storyID,
                        ])
                    itemID = inserted.first?.int64("id") ?? 0
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
            try sql.run("UPDATE feeds SET items_seen = items_seen + ? WHERE id = ?", [new, feed])
            try sql.run("UPDATE tallies SET value = value + ? WHERE name = 'items'", [new])
            var counts = StoredCounts(new: new, updated: updated, sameStory: sameStory)
            counts.raised = raised
            return counts
        }
    }

    private func clearExtraction(_ item: Int64) throws {
        for table in ["mentions", "item_actors", "item_topics", "quotes", "comentions"] {
            try sql.run("DELETE FROM \(table) WHERE item_id = ?", [item])
        }
    }

    private func saveExtraction(_ item: Int64, _ stored: StoredItem) throws {
        let actor = "INSERT INTO item_actors (item_id, actor_id, count, salience) VALUES (?, ?, ?, ?)"
        let mention = "INSERT INTO mentions (item_id, actor_id, kind, form, sentence) VALUES (?, ?, ?, ?, ?)"
        for a in stored.actors {
            try sql.run(actor, [item, a.id, a.count, a.salience])
            for m in a.mentions { try sql.run(mention, [item, a.id, m.kind, m.form, m.sentence]) }
        }
        let topic = "INSERT INTO item_topics (item_id, topic_id, sentences) VALUES (?, ?, ?)"
        for t in stored.topics { try sql.run(topic, [item, t.id, t.sentences.map(String.init).joined(separator: ",")]) }
        let quote = "INSERT INTO quotes (item_id, text, speaker_actor, speaker_text, verb, sentence) VALUES (?, ?, ?, ?, ?, ?)"
        for q in stored.quotes { try sql.run(quote, [item, q.text, q.speakerActor, q.speakerText, q.verb, q.sentence]) }
        let pair = "INSERT INTO comentions (item_id, a, b, count) VALUES (?, ?, ?, ?)"
        for c in stored.coMentions { try sql.run(pair, [item, c.a, c.b, c.count]) }
    }

    public func items(since: Date) throws -> [StoredItemRecord] {
        try records(where: "i.first_seen >= ?", [since.timeIntervalSince1970])
    }

    /// A stored item by its database id or its link.
    public func item(matching key: String) throws -> StoredItemRecord? {
        if let id = Int64(key) { return try records(where: "i.id = ?", [id]).first }
        return try records(where: "i.link = ?", [key]).first
    }

    private func records(where condition: String, _ values: [Any?]) throws -> [StoredItemRecord] {
        try sql.rows(
            """
            SELECT i.*, f.config_url AS feed_url FROM items i JOIN feeds f ON f.id = i.feed_id WHERE \(condition) ORDER BY i.id
            """, values
        ).map { row in
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
        try sql.transaction {
            try clearExtraction(item)
            try saveExtraction(item, stored)
            for alert in alerts { try insert(alert, kind: .item, item: item, feed: feed, at: now) }
        }
    }
}
