import Foundation

/// How an item is looked up among recent stories (made from the extractor's `StoryFingerprint`).
/// Keys are 64-bit hashes: the key table stays small and its lookups cheap.
public struct StoryLookup: Sendable, Equatable {
    /// The item's identity in its feed: an item seen before keeps its story.
    public var identity: String
    /// Its canonical link's key: the same article.
    public var linkKeys: [Int64]
    /// Its title's keys: the same story unless the texts plainly differ.
    public var titleKeys: [Int64]
    /// The text's MinHash signature, and its LSH band keys; nil and none when the text is too short to tell.
    public var signature: [UInt32]?
    public var bandKeys: [Int64]
    public var title: String?

    public init(
        identity: String, linkKeys: [Int64], titleKeys: [Int64], signature: [UInt32]?, bandKeys: [Int64], title: String?
    ) {
        self.identity = identity
        self.linkKeys = linkKeys
        self.titleKeys = titleKeys
        self.signature = signature
        self.bandKeys = bandKeys
        self.title = title
    }

    var allKeys: [Int64] { linkKeys + titleKeys + bandKeys }
}

/// Where a story was published: one item of it.
public struct StoryOutlet: Sendable, Equatable {
    public var feedURL: String
    public var feedName: String?
    public var link: String?
    public var firstSeen: Date
}

/// The story an item belongs to, with the outlets that carried it before.
public struct StoryRef: Sendable, Equatable {
    public var id: Int64
    /// Whether the story began with this item.
    public var isNew: Bool
    /// Earlier items of the story, first seen first (at most 20).
    public var outlets: [StoryOutlet]
}

/// How stories are matched: keys and bands seen within `window`; texts are near-duplicates from
/// `similarity(a, b) >= minSimilarity`, and a shared title counts only when the texts cannot both be
/// compared or are at least `minTitleSimilarity` alike (a recurring headline, "10 Things to Know
/// for Today", over unrelated texts is not one story).
public struct StoryMatching: Sendable {
    public var window: TimeInterval
    public var minSimilarity: Double
    public var minTitleSimilarity: Double
    public var similarity: @Sendable ([UInt32], [UInt32]) -> Double

    public init(
        window: TimeInterval, minSimilarity: Double, minTitleSimilarity: Double,
        similarity: @escaping @Sendable ([UInt32], [UInt32]) -> Double
    ) {
        self.window = window
        self.minSimilarity = minSimilarity
        self.minTitleSimilarity = minTitleSimilarity
        self.similarity = similarity
    }
}

extension SQLStore {
    /// The story of each item, in order: the one it already belongs to, else one that shares a key
    /// with it or whose text is a near-duplicate within the window — an earlier item of the same call
    /// included — else a new one. The items' keys are recorded in the same transaction, so that the
    /// next copy, from this poll or another feed's, finds them. (The items themselves are stored later,
    /// with `StoredItem.storyID`.) A few statements whatever the number of items: the keys of all are
    /// looked up at once, new stories and entries inserted in one statement each.
    public func stories(feed: Int64, items: [StoryLookup], matching: StoryMatching, at now: Date) throws -> [StoryRef] {
        try sql.transaction {
            if !buffersStoryKeys {
                // Written before this transaction ends; a retried transaction starts again from none.
                pendingStoryKeys = PendingStoryKeys()
                try lockStoryKeys(items.flatMap(\.allKeys))
            }
            let time = now.timeIntervalSince1970
            let since = time - matching.window
            var known: [String: Int64] = [:]
            for row in try sql.rows(
                "SELECT identity, story_id FROM items WHERE story_id IS NOT NULL AND feed_id = ? AND identity IN ",
                in: items.map(\.identity), before: [feed])
            {
                if let identity = row.string("identity"), let story = row.int64("story_id") { known[identity] = story }
            }
            var found = try recentEntries(Set(items.filter { known[$0.identity] == nil }.flatMap(\.allKeys)), since: since)
            // Decided in order, a new story under a provisional (negative) id until its row is written.
            var decided: [(item: StoryLookup, story: Int64, isNew: Bool, seenBefore: Bool)] = []
            var provisional: Int64 = 0
            for item in items {
                if let story = known[item.identity] {
                    decided.append((item, story, false, true))
                    continue
                }
                let matched = Self.match(item, in: found, matching: matching)
                if matched == nil { provisional -= 1 }
                let story = matched ?? provisional
                decided.append((item, story, matched == nil, false))
                for key in Set(item.allKeys) { found[key, default: []].append((story, item.signature)) }
            }
            let storyIDs = try reserveIDs("stories", count: -Int(provisional))
            func real(_ story: Int64) -> Int64 { story < 0 ? storyIDs[Int(-story) - 1] : story }
            try sql.insert(
                into: "stories", columns: ["id", "first_seen", "title"],
                rows: decided.filter(\.isNew).map { [real($0.story), time, $0.item.title] })
            let entered = decided.filter { !$0.seenBefore }
            let entryIDs = try reserveIDs("story_entries", count: entered.count)
            try sql.insert(
                into: "story_entries", columns: ["id", "story_id", "signature", "seen"],
                rows: zip(entered, entryIDs).map { [$1, real($0.story), $0.item.signature.map(blob), time] })
            for (choice, entry) in zip(entered, entryIDs) {
                pendingStoryKeys.add(
                    choice.item.allKeys, entry: entry, story: real(choice.story), signature: choice.item.signature, seen: time)
            }
            let outlets = try self.outlets(of: Set(decided.filter { !$0.isNew && $0.story > 0 }.map(\.story)))
            if !buffersStoryKeys || pendingStoryKeys.isDue(at: time) { try writeStoryKeys() }
            return decided.map { StoryRef(id: real($0.story), isNew: $0.isNew, outlets: $0.isNew ? [] : outlets[$0.story] ?? []) }
        }
    }

    public func flush() throws { try flushStoryKeys() }

    /// Writes the story keys kept in memory, in one transaction (at close, and in `stories` when due).
    func flushStoryKeys() throws {
        guard !pendingStoryKeys.isEmpty else { return }
        try sql.transaction { try writeStoryKeys() }
    }

    /// The pending keys in key order, a thousand rows per statement, inside the caller's transaction.
    private func writeStoryKeys() throws {
        let rows = pendingStoryKeys.take()
        var start = 0
        while start < rows.count {
            let chunk = rows[start..<min(start + 1000, rows.count)]
            let insert =
                "INSERT INTO story_keys (key, entry_id, seen) VALUES "
                + Array(repeating: "(?, ?, ?)", count: chunk.count).joined(separator: ", ") + " ON CONFLICT DO NOTHING"
            try sql.run(insert, chunk.flatMap { [$0.key, $0.entry, $0.seen] as [Any?] })
            start += chunk.count
        }
    }

    /// The entries recorded under these keys within the window, earliest first (at most 32 a key: a
    /// title every outlet uses does not bring back thousands), and those waiting in memory.
    private func recentEntries(_ keys: Set<Int64>, since: TimeInterval) throws -> [Int64: [(story: Int64, signature: [UInt32]?)]] {
        var found: [Int64: [(story: Int64, signature: [UInt32]?)]] = [:]
        let sorted = keys.sorted()
        for start in stride(from: 0, to: sorted.count, by: 256) {
            let list = sorted[start..<min(sorted.count, start + 256)].map(String.init).joined(separator: ",")
            for row in try sql.rows(
                """
                SELECT key, story_id, signature FROM (
                    SELECT k.key, e.story_id, e.signature, k.seen,
                           ROW_NUMBER() OVER (PARTITION BY k.key ORDER BY k.seen, k.entry_id) AS place
                    FROM story_keys k JOIN story_entries e ON e.id = k.entry_id
                    WHERE k.key IN (\(list)) AND k.seen >= ?) AS recent
                WHERE place <= 32 ORDER BY seen
                """, [since])
            {
                guard let key = row.int64("key"), let story = row.int64("story_id") else { continue }
                found[key, default: []].append((story, signature(row)))
            }
        }
        for key in sorted { found[key, default: []] += pendingStoryKeys.entries(for: key, since: since) }
        return found
    }

    /// The story an item belongs to among the entries found for its keys. A shared link is the same
    /// article; a shared title too, unless the texts say otherwise (when this item's text and the
    /// story's can be compared, one of the story's must be alike); a shared band, when the texts are
    /// near-duplicates.
    private static func match(
        _ item: StoryLookup, in found: [Int64: [(story: Int64, signature: [UInt32]?)]], matching: StoryMatching
    ) -> Int64? {
        for key in item.linkKeys { if let first = found[key]?.first { return first.story } }
        for key in item.titleKeys {
            let candidates = found[key] ?? []
            let story = candidates.first { candidate in
                guard let mine = item.signature else { return true }
                let texts = candidates.filter { $0.story == candidate.story }.compactMap(\.signature)
                return texts.isEmpty || texts.contains { matching.similarity(mine, $0) >= matching.minTitleSimilarity }
            }
            if let story { return story.story }
        }
        guard let mine = item.signature else { return nil }
        for key in item.bandKeys {
            for candidate in found[key] ?? [] {
                if let theirs = candidate.signature, matching.similarity(mine, theirs) >= matching.minSimilarity { return candidate.story }
            }
        }
        return nil
    }

    /// A signature as stored: its values little-endian, four bytes each.
    func blob(_ signature: [UInt32]) -> Data {
        var data = Data(capacity: signature.count * 4)
        for value in signature { withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) } }
        return data
    }

    func signature(_ row: Row) -> [UInt32]? {
        guard let data = row.columns["signature"] as? Data, data.count % 4 == 0, !data.isEmpty else { return nil }
        return data.withUnsafeBytes { bytes in
            stride(from: 0, to: bytes.count, by: 4).map { UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: $0, as: UInt32.self)) }
        }
    }

    /// The items of these stories, first seen first (at most 20 a story), with their feeds.
    func outlets(of stories: Set<Int64>) throws -> [Int64: [StoryOutlet]] {
        var outlets: [Int64: [StoryOutlet]] = [:]
        let sorted = stories.sorted()
        for start in stride(from: 0, to: sorted.count, by: 256) {
            let list = sorted[start..<min(sorted.count, start + 256)].map(String.init).joined(separator: ",")
            for row in try sql.rows(
                """
                SELECT story_id, config_url, name, link, first_seen FROM (
                    SELECT i.story_id, f.config_url, f.name, i.link, i.first_seen, i.id,
                           ROW_NUMBER() OVER (PARTITION BY i.story_id ORDER BY i.first_seen, i.id) AS place
                    FROM items i JOIN feeds f ON f.id = i.feed_id WHERE i.story_id IN (\(list))) AS o
                WHERE place <= 20 ORDER BY story_id, first_seen, id
                """)
            {
                outlets[row.int64("story_id") ?? 0, default: []].append(
                    StoryOutlet(
                        feedURL: row.string("config_url") ?? "", feedName: row.string("name"), link: row.string("link"),
                        firstSeen: row.date("first_seen") ?? Date(timeIntervalSince1970: 0)))
            }
        }
        return outlets
    }

    /// Records that `rule` alerted `story`; false when it had already (the caller then raises no
    /// second item alert for it).
    func claimStory(_ story: Int64, rule: String) throws -> Bool {
        try sql.run("INSERT INTO story_alerts (story_id, rule_id) VALUES (?, ?) ON CONFLICT DO NOTHING", [story, rule]) == 1
    }

    /// Drops story keys and entries older than `cutoff`, and stories left without items (part of the
    /// daily purge: its scans of the key table are not on a poll's path).
    func purgeStories(before cutoff: Date) throws {
        try sql.run("DELETE FROM story_keys WHERE seen < ?", [cutoff.timeIntervalSince1970])
        try sql.run("DELETE FROM story_entries WHERE seen < ?", [cutoff.timeIntervalSince1970])
        try sql.run(
            "DELETE FROM stories WHERE first_seen < ? AND NOT EXISTS (SELECT 1 FROM items WHERE items.story_id = stories.id)",
            [cutoff.timeIntervalSince1970])
    }
}

/// Story keys held in memory until they are written: at most `limit` of them, or `maxAge` seconds'
/// worth. Looked up beside the table, so a copy polled a moment later still finds its story. A crash
/// loses them (not the alerts): a copy of such a story polled afterwards alerts again, once.
struct PendingStoryKeys {
    struct Row {
        var key: Int64
        var entry: Int64
        var seen: Double
    }

    static let limit = 50_000
    static let maxAge: Double = 30
    private var rows: [Row] = []
    private var byKey: [Int64: [(story: Int64, signature: [UInt32]?, seen: Double)]] = [:]
    private var oldest: Double?

    var isEmpty: Bool { rows.isEmpty }

    mutating func add(_ keys: [Int64], entry: Int64, story: Int64, signature: [UInt32]?, seen: Double) {
        for key in Set(keys) {
            rows.append(Row(key: key, entry: entry, seen: seen))
            byKey[key, default: []].append((story, signature, seen))
        }
        if oldest == nil { oldest = seen }
    }

    func entries(for key: Int64, since: Double) -> [(story: Int64, signature: [UInt32]?)] {
        (byKey[key] ?? []).filter { $0.seen >= since }.map { ($0.story, $0.signature) }
    }

    func isDue(at now: Double) -> Bool { rows.count >= Self.limit || (oldest.map { now - $0 >= Self.maxAge } ?? false) }

    /// The rows in key order (neighbours land on the same pages), leaving none.
    mutating func take() -> [Row] {
        defer {
            rows = []
            byKey = [:]
            oldest = nil
        }
        return rows.sorted { ($0.key, $0.entry) < ($1.key, $1.entry) }
    }
}
