import Foundation

/// Items and what was extracted from them, in SQL both backends run (see `SQLStore`).
extension SQLStore {
    /// Which of these items are new, which changed, which were seen as they are.
    public func classify(feed: Int64, items: [ItemFingerprint]) throws -> [String: ItemNovelty] {
        let stored = try storedItems(feed: feed, identities: items.map(\.identity))
        var result: [String: ItemNovelty] = [:]
        for item in items {
            let existing = stored[item.identity]?.hash
            result[item.identity] = existing == nil ? .new : existing == item.contentHash ? .unchanged : .updated
        }
        return result
    }

    /// The feed's stored items among these identities: their ids and content hashes.
    private func storedItems(feed: Int64, identities: [String]) throws -> [String: (id: Int64, hash: String)] {
        var found: [String: (id: Int64, hash: String)] = [:]
        for row in try sql.rows(
            "SELECT id, identity, content_hash FROM items WHERE feed_id = ? AND identity IN ", in: identities, before: [feed])
        {
            if let identity = row.string("identity"), let id = row.int64("id") { found[identity] = (id, row.string("content_hash") ?? "") }
        }
        return found
    }

    /// Stores a feed's new and changed items with what was extracted from them, in one transaction
    /// of a few statements (the new items in one, each extraction table's rows in one): a server is
    /// a round trip away. An item already stored with the same content is skipped, so a repeated call
    /// changes nothing; an identity given twice is stored once.
    @discardableResult
    public func store(feed: Int64, items: [StoredItem], at now: Date) throws -> StoredCounts {
        try sql.transaction {
            var counts = StoredCounts(new: 0, updated: 0)
            var seen: Set<String> = []
            // In parts of 256: a feed of 100,000 items holds one part's rows at a time, not all.
            for start in stride(from: 0, to: items.count, by: 256) {
                let part = items[start..<min(items.count, start + 256)].filter { seen.insert($0.identity).inserted }
                try store(feed: feed, part: part, at: now, into: &counts)
            }
            if counts.new > 0 {
                try sql.run("UPDATE feeds SET items_seen = items_seen + ? WHERE id = ?", [counts.new, feed])
                try sql.run("UPDATE tallies SET value = value + ? WHERE name = 'items'", [counts.new])
            }
            return counts
        }
    }

    private func store(feed: Int64, part items: [StoredItem], at now: Date, into counts: inout StoredCounts) throws {
        let stored = try storedItems(feed: feed, identities: items.map(\.identity))
        let fresh = items.filter { stored[$0.identity] == nil }
        let changed = items.filter { item in stored[item.identity].map { $0.hash != item.contentHash } ?? false }
        var ids: [String: Int64] = [:]
        for row in try sql.insert(
            into: "items",
            columns: ["feed_id", "identity", "title", "link", "published", "content_hash", "first_seen", "text", "story_id", "categories"],
            rows: fresh.map {
                [
                    feed, $0.identity, $0.title, $0.link, $0.published?.timeIntervalSince1970, $0.contentHash, now.timeIntervalSince1970,
                    $0.text, $0.storyID, StoredCategories.text($0.categories),
                ]
            }, returning: "id, identity")
        {
            if let identity = row.string("identity"), let id = row.int64("id") { ids[identity] = id }
        }
        for item in changed {
            guard let id = stored[item.identity]?.id else { continue }
            try sql.run(
                "UPDATE items SET title = ?, link = ?, published = ?, content_hash = ?, updated_at = ?, text = ?, categories = ? WHERE id = ?",
                [
                    item.title, item.link, item.published?.timeIntervalSince1970, item.contentHash, now.timeIntervalSince1970, item.text,
                    StoredCategories.text(item.categories), id,
                ])
            ids[item.identity] = id
        }
        if let queue = searchQueue {
            try sql.insert(into: queue, columns: ["item_id"], rows: ids.values.sorted().map { [$0] }, conflict: "ON CONFLICT DO NOTHING")
        }
        try clearExtraction(changed.compactMap { ids[$0.identity] })
        try saveExtraction((fresh + changed).compactMap { item in ids[item.identity].map { ($0, item) } })
        counts.new += fresh.count
        counts.updated += changed.count
        let updates = Set(changed.map(\.identity))
        for item in items {
            guard let itemID = ids[item.identity] else { continue }
            let isUpdate = updates.contains(item.identity)
            for alert in item.alerts where !isUpdate || alert.onUpdate {
                // Once per story and rule; an update the rule asked for (`onUpdate`) is news of its own.
                if !isUpdate, let story = item.storyID, try !claimStory(story, rule: alert.ruleID) {
                    counts.sameStory += 1
                    if let update = alert.storyUpdate {
                        var repeated = alert
                        repeated.idempotencyKey = update.key
                        repeated.payload = update.payload
                        if let status = try self.insert(repeated, kind: .storyUpdate, item: itemID, feed: feed, at: now) {
                            counts.raised.append(
                                RaisedAlert(rule: alert.ruleID, kind: .storyUpdate, item: item.identity, held: status == .grouped))
                        }
                    }
                    continue
                }
                if let status = try self.insert(alert, kind: .item, item: itemID, feed: feed, at: now) {
                    counts.raised.append(RaisedAlert(rule: alert.ruleID, kind: .item, item: item.identity, held: status == .grouped))
                }
            }
        }
    }

    private func clearExtraction(_ items: [Int64]) throws {
        guard !items.isEmpty else { return }
        let list = items.map(String.init).joined(separator: ",")
        for table in ["mentions", "item_actors", "item_topics", "quotes", "comentions"] {
            try sql.run("DELETE FROM \(table) WHERE item_id IN (\(list))")
        }
    }

    /// What was extracted from these items, each table's rows in as few statements as fit.
    private func saveExtraction(_ items: [(id: Int64, item: StoredItem)]) throws {
        try sql.insert(
            into: "item_actors", columns: ["item_id", "actor_id", "count", "salience"],
            rows: items.flatMap { id, item -> [[Any?]] in item.actors.map { [id, $0.id, $0.count, $0.salience] } })
        try sql.insert(
            into: "mentions", columns: ["item_id", "actor_id", "kind", "form", "sentence"],
            rows: items.flatMap { id, item -> [[Any?]] in
                item.actors.flatMap { a -> [[Any?]] in a.mentions.map { [id, a.id, $0.kind, $0.form, $0.sentence] } }
            })
        try sql.insert(
            into: "item_topics", columns: ["item_id", "topic_id", "sentences"],
            rows: items.flatMap { id, item -> [[Any?]] in
                item.topics.map { [id, $0.id, $0.sentences.map(String.init).joined(separator: ",")] }
            })
        try sql.insert(
            into: "quotes", columns: ["item_id", "text", "speaker_actor", "speaker_text", "verb", "sentence"],
            rows: items.flatMap { id, item -> [[Any?]] in
                item.quotes.map { [id, $0.text, $0.speakerActor, $0.speakerText, $0.verb, $0.sentence] }
            })
        try sql.insert(
            into: "comentions", columns: ["item_id", "a", "b", "count"],
            rows: items.flatMap { id, item -> [[Any?]] in item.coMentions.map { [id, $0.a, $0.b, $0.count] } })
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
            SELECT i.*, f.config_url AS feed_url, f.categories AS feed_categories FROM items i JOIN feeds f ON f.id = i.feed_id
            WHERE \(condition) ORDER BY i.id
            """, values
        ).map { row in
            StoredItemRecord(
                id: Int64(row.int("id") ?? 0), feedID: Int64(row.int("feed_id") ?? 0), feedURL: row.string("feed_url") ?? "",
                identity: row.string("identity") ?? "", title: row.string("title"), link: row.string("link"),
                published: row.date("published"), contentHash: row.string("content_hash") ?? "",
                text: row.string("text") ?? "", firstSeen: row.date("first_seen") ?? Date(),
                categories: StoredCategories.list(row.string("categories")),
                feedCategories: StoredCategories.list(row.string("feed_categories")))
        }
    }

    /// Records the categories a feed document gives itself, when they changed.
    public func recordFeedCategories(feed: Int64, categories: [String]) throws {
        let text = StoredCategories.text(categories)
        try sql.run("UPDATE feeds SET categories = ? WHERE id = ? AND categories IS DISTINCT FROM ?", [text, feed, text])
    }

    /// Replaces what was extracted from an item (after the watchlist changed), and queues `alerts` with
    /// it, in one transaction; alerts already raised (same idempotency key) are not raised again.
    public func reextract(item: Int64, feed: Int64, with stored: StoredItem, alerts: [PendingAlert], at now: Date) throws {
        try sql.transaction {
            try clearExtraction([item])
            try saveExtraction([(item, stored)])
            for alert in alerts { try insert(alert, kind: .item, item: item, feed: feed, at: now) }
        }
    }
}

/// Categories kept as one text per item or feed, one category per line (a category holds no line break).
enum StoredCategories {
    static func text(_ categories: [String]) -> String? {
        let clean = categories.map { $0.split(whereSeparator: \.isNewline).joined(separator: " ") }.filter { !$0.isEmpty }
        return clean.isEmpty ? nil : clean.joined(separator: "\n")
    }

    static func list(_ text: String?) -> [String] {
        text.map { $0.split(separator: "\n").map(String.init) } ?? []
    }
}
