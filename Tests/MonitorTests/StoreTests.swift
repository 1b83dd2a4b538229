import Foundation
import TestSupport
import Testing

@testable import Store

@Suite("Store (SQLite files)")
struct StoreTests {
    @Test("two connections opening an unmigrated file at once migrate it once (each step rechecked under the write lock)")
    func concurrentMigration() async throws {
        for _ in 0..<8 {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("migrate-\(UUID().uuidString).sqlite").path
            defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
            // An empty database in WAL mode (as a daemon leaves it between creating and migrating it).
            let empty = try SQLiteConnection(path: path)
            try empty.execute("PRAGMA journal_mode=WAL")
            empty.close()
            let stores = try await withThrowingTaskGroup(of: SQLiteStore.self) { group in
                for _ in 0..<2 { group.addTask { try await blockingWork { try SQLiteStore(path: path) } } }
                return try await group.reduce(into: [SQLiteStore]()) { $0.append($1) }
            }
            #expect(stores.count == 2)
            for store in stores { await store.close() }
        }
    }

    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("store-\(UUID().uuidString).sqlite").path
    }

    func item(_ id: String, hash: String = "h", firstSeenTitle: String = "t") -> StoredItem {
        StoredItem(
            identity: id, title: firstSeenTitle, link: nil, published: nil, contentHash: hash, text: "text",
            actors: [
                StoredActor(id: "putin", count: 1, salience: 0.5, mentions: [StoredMention(kind: "name", form: "Putin", sentence: 0)])
            ],
            topics: [StoredTopic(id: "sanctions", sentences: [0])],
            quotes: [
                StoredQuote(text: "We will see what happens next.", speakerActor: "putin", speakerText: "Putin", verb: "said", sentence: 0)
            ],
            coMentions: [StoredCoMention(a: "orban", b: "putin", count: 1)])
    }

    @Test("new, unchanged and updated items; a repeated store changes nothing", arguments: StoreBackend.allCases)
    func novelty(_ backend: StoreBackend) async throws {
        let (store, remove) = try await backend.open()
        defer { remove() }
        try await store.syncFeeds([FeedSpec(url: "http://a.example/rss")])
        let feed = try #require(try await store.feeds().first).id
        let now = Date()
        #expect(try await store.store(feed: feed, items: [item("1"), item("2")], at: now) == StoredCounts(new: 2, updated: 0))
        #expect(try await store.store(feed: feed, items: [item("1"), item("2")], at: now) == StoredCounts(new: 0, updated: 0))
        let novelty = try await store.classify(
            feed: feed,
            items: [
                ItemFingerprint(identity: "1", contentHash: "h"),
                ItemFingerprint(identity: "2", contentHash: "changed"),
                ItemFingerprint(identity: "3", contentHash: "h"),
            ])
        #expect(novelty == ["1": .unchanged, "2": .updated, "3": .new])
        #expect(try await store.store(feed: feed, items: [item("2", hash: "changed")], at: now) == StoredCounts(new: 0, updated: 1))
        let counts = try await store.counts()
        #expect(counts.items == 2)
        #expect(counts.mentions == 2, "an updated item's extraction is replaced, not added")
        #expect(try await store.duplicateItems() == 0)
        await store.close()
    }

    @Test("a damaged file: an error that names it and says what to do; the file is left as it is")
    func damaged() async throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try SQLiteStore(path: path)
        try await store.syncFeeds([FeedSpec(url: "http://a.example/rss")])
        let feed = try #require(try await store.feeds().first).id
        _ = try await store.store(feed: feed, items: (0..<200).map { item("\($0)") }, at: Date())
        await store.close()
        for file in [path + "-wal", path + "-shm"] { try? FileManager.default.removeItem(atPath: file) }

        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(bytes.count > 16384)
        bytes.replaceSubrange(4096..<12288, with: (0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
        try bytes.write(to: URL(fileURLWithPath: path))
        for damaged in [bytes, Data("this is not a database at all, but a text file".utf8)] {
            try damaged.write(to: URL(fileURLWithPath: path))
            do {
                _ = try SQLiteStore(path: path)
                Issue.record("a damaged database opened without an error")
            } catch let error as StoreError {
                guard case .damaged(let named, _) = error else { Issue.record("\(error)"); continue }
                #expect(named == path)
                #expect(error.description.contains("move it aside"))
            }
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == damaged, "never overwritten")
        }
    }

    @Test("a lock held by another connection: a clear 'locked' error after the busy timeout, nothing lost")
    func locked() async throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try SQLiteStore(path: path)
        try await store.syncFeeds([FeedSpec(url: "http://a.example/rss")])
        let feed = try #require(try await store.feeds().first).id
        let holder = try SQLiteConnection(path: path)
        try holder.execute("BEGIN IMMEDIATE")
        do {
            _ = try await store.store(feed: feed, items: [item("1")], at: Date())
            Issue.record("a write went through while another connection held the lock")
        } catch let error as StoreError {
            guard case .locked(let named) = error else { Issue.record("\(error)"); return }
            #expect(named == path)
        }
        try holder.execute("COMMIT")
        holder.close()
        #expect(
            try await store.store(feed: feed, items: [item("1")], at: Date()) == StoredCounts(new: 1, updated: 0),
            "the retry stores the item")
        await store.close()
    }

    @Test("migrations run once; reopening keeps the data")
    func reopen() async throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            let store = try SQLiteStore(path: path)
            try await store.syncFeeds([FeedSpec(url: "http://a.example/rss")])
            let feed = try #require(try await store.feeds().first).id
            try await store.store(feed: feed, items: [item("1")], at: Date())
            await store.close()
        }
        let again = try SQLiteStore(path: path)
        #expect(try await again.counts().items == 1)
        await again.close()
    }

    @Test("an item's categories and its feed's are stored and read back; an update replaces them", arguments: StoreBackend.allCases)
    func categories(_ backend: StoreBackend) async throws {
        let (store, remove) = try await backend.open()
        defer { remove() }
        try await store.syncFeeds([FeedSpec(url: "http://a.example/rss")])
        let feed = try #require(try await store.feeds().first).id
        let start = Date(timeIntervalSinceNow: -60)
        var tagged = item("1")
        tagged.categories = ["Politics", "Line\nbreak", "", "Europe"]
        try await store.store(feed: feed, items: [tagged, item("2")], at: Date())
        try await store.recordFeedCategories(feed: feed, categories: ["News", "Hungary"])
        var records = try await store.items(since: start)
        #expect(records.map(\.categories) == [["Politics", "Line break", "Europe"], []])
        #expect(records.map(\.feedCategories) == [["News", "Hungary"], ["News", "Hungary"]])
        tagged.contentHash = "changed"
        tagged.categories = ["Economy"]
        try await store.store(feed: feed, items: [tagged], at: Date())
        try await store.recordFeedCategories(feed: feed, categories: [])
        records = try await store.items(since: start)
        #expect(records.first?.categories == ["Economy"])
        #expect(records.first?.feedCategories == [])
        await store.close()
    }

    @Test("feeds no longer configured are set inactive, not deleted", arguments: StoreBackend.allCases)
    func sync(_ backend: StoreBackend) async throws {
        let (store, remove) = try await backend.open()
        defer { remove() }
        try await store.syncFeeds([FeedSpec(url: "http://a/"), FeedSpec(url: "http://b/")])
        try await store.syncFeeds([FeedSpec(url: "http://b/")])
        #expect(try await store.feeds().map(\.configURL) == ["http://b/"])
        #expect(try await store.feeds(activeOnly: false).count == 2)
        await store.close()
    }

    @Test("retention purges old items with everything extracted from them", arguments: StoreBackend.allCases)
    func retention(_ backend: StoreBackend) async throws {
        let (store, remove) = try await backend.open()
        defer { remove() }
        try await store.syncFeeds([FeedSpec(url: "http://a/")])
        let feed = try #require(try await store.feeds().first).id
        try await store.store(feed: feed, items: [item("old")], at: Date(timeIntervalSinceNow: -100 * 86400))
        try await store.store(feed: feed, items: [item("new")], at: Date())
        #expect(try await store.purge(before: Date(timeIntervalSinceNow: -90 * 86400)) == 1)
        let counts = try await store.counts()
        #expect(counts.items == 1)
        #expect(counts.mentions == 1)
        #expect(counts.quotes == 1)
        await store.close()
    }
}

@Suite("Store tallies")
struct StoreTallyTests {
    @Test(
        "the metrics' running tallies equal the tables' counts through stores, updates, repeated alerts and purges",
        arguments: StoreBackend.allCases)
    func talliesFollowTheTables(_ backend: StoreBackend) async throws {
        let (store, remove) = try await backend.open()
        defer { remove() }
        try await store.syncFeeds([FeedSpec(url: "http://a.example/rss")])
        let feed = try #require(try await store.feeds().first).id
        func alert(_ rule: String, _ key: String) -> PendingAlert {
            PendingAlert(ruleID: rule, sinks: ["f"], onUpdate: false, maxPerHour: nil, idempotencyKey: key, payload: "{}")
        }
        func check(_ label: String) async throws {
            let counts = try await store.metricsCounts()
            #expect(counts.items == (try await store.counts().items), "\(label)")
            let tallied = try await store.alertsByRule()
            let counted = try await store.countedAlertsByRule()
            #expect(tallied == counted, "\(label): \(tallied) against \(counted)")
        }
        var items = (0..<5).map { i -> StoredItem in
            var item = StoreTests().item("\(i)")
            item.alerts = [alert("r1", "k\(i)"), alert("r2", "k\(i)b")]
            return item
        }
        _ = try await store.store(feed: feed, items: items, at: Date(timeIntervalSinceNow: -100 * 86400))
        try await check("first store")
        items[0].contentHash = "changed"
        _ = try await store.store(feed: feed, items: items, at: Date())
        try await store.enqueue([alert("r1", "k0"), alert("health", "h1")], kind: .feedBroken, feed: feed, at: Date())
        try await check("an update, a repeated key, a health alert")
        #expect(try await store.metricsCounts().pendingDeliveries == 11)
        _ = try await store.store(feed: feed, items: [StoreTests().item("new")], at: Date())
        _ = try await store.purge(before: Date(timeIntervalSinceNow: -86400))
        try await check("after a purge")
        #expect(
            try await store.metricsCounts().items == 1, "the five first seen 100 days ago are purged (their alerts kept), the new one stays"
        )
        #expect(try await store.alertCounts().alerts == 11, "alerts outlive their items")
        await store.close()
    }
}

@Suite("Store query plans")
struct StoreQueryPlanTests {
    @Test("a delivery round's, a poll's story and the purge's questions use indexes, not a scan of a table")
    func roundQueriesAreIndexed() async throws {
        let path = StoreTests.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try SQLiteStore(path: path)
        // Each question, and the index made for it (a partial one holds only the rows the round wants;
        // without it SQLite walks every alert of the table or of the rule).
        let expected = [
            "SELECT DISTINCT rule_id FROM alerts WHERE status = 'grouped'": "INDEX alerts_grouped",
            "SELECT MAX(created) AS t FROM alerts WHERE rule_id = 'r' AND kind = 'group'": "INDEX alerts_summaries",
            "SELECT d.alert_id FROM deliveries d WHERE d.status = 'pending' AND d.next_attempt <= 0": "INDEX deliveries_pending",
            // A poll's story lookups: by key within the window, and a story's outlets.
            "SELECT entry_id FROM story_keys WHERE key IN (1, 2) AND seen >= 0 ORDER BY seen LIMIT 16": "USING PRIMARY KEY (key=?)",
            "SELECT i.link FROM items i WHERE i.story_id = 1 ORDER BY i.first_seen, i.id LIMIT 20": "INDEX items_story",
            // The purge's (every `once`, hourly in the daemon): what it deletes, not the tables.
            "UPDATE alerts SET item_id = NULL WHERE item_id IN (SELECT id FROM items WHERE first_seen < 1)": "INDEX alerts_item",
            "DELETE FROM story_keys WHERE seen < 1": "INDEX story_keys_seen",
            "DELETE FROM story_entries WHERE seen < 1": "INDEX story_entries_seen",
            "DELETE FROM stories WHERE first_seen < 1 AND NOT EXISTS (SELECT 1 FROM items WHERE items.story_id = stories.id)":
                "INDEX stories_first_seen",
        ]
        for (query, plan) in try await store.plans(Array(expected.keys)) {
            #expect(plan.contains(expected[query]!), "\(query): \(plan)")
        }
        await store.close()
    }
}

extension SQLiteStore {
    /// `EXPLAIN QUERY PLAN` of each query, its steps joined.
    func plans(_ queries: [String]) throws -> [(String, String)] {
        try queries.map { query in
            (query, try db.prepare("EXPLAIN QUERY PLAN " + query).rows().compactMap { $0.string("detail") }.joined(separator: "; "))
        }
    }
}

@Suite("Store stories")
struct StoreStoryTests {
    let matching = StoryMatching(window: 3600, minSimilarity: 0.5, minTitleSimilarity: 0.125) { a, b in
        Double(zip(a, b).filter { $0 == $1 }.count) / Double(a.count)
    }
    let text: [UInt32] = Array(0..<32)

    func lookup(_ id: String, keys: [String] = [], signature: [UInt32]? = nil, bands: [Int64] = []) -> StoryLookup {
        // Test keys stand for hashes: "link:…" and "title:…" strings hashed by their Swift hash of this run.
        let hashed = { (prefix: String) in keys.filter { $0.hasPrefix(prefix) }.map { Int64($0.utf8.reduce(7) { $0 &* 31 &+ Int($1) }) } }
        return StoryLookup(
            identity: id, linkKeys: hashed("link:"), titleKeys: hashed("title:"), signature: signature, bandKeys: bands, title: id)
    }

    func alert(_ rule: String, key: String, update: Bool = false) -> PendingAlert {
        var alert = PendingAlert(ruleID: rule, sinks: ["file"], onUpdate: false, maxPerHour: nil, idempotencyKey: key, payload: "{}")
        if update { alert.storyUpdate = PendingAlert.StoryUpdate(key: key + ":update", payload: "{\"kind\":\"story-update\"}") }
        return alert
    }

    @Test(
        "found by link, title or near-duplicate text across feeds; a title over different texts, or past the window, is a new story",
        arguments: StoreBackend.allCases)
    func matchingAcrossFeeds(_ backend: StoreBackend) async throws {
        let (store, remove) = try await backend.open()
        defer { remove() }
        try await store.syncFeeds([FeedSpec(url: "http://a/"), FeedSpec(url: "http://b/")])
        let feeds = try await store.feeds().map(\.id)
        let now = Date()
        let first = try await store.stories(
            feed: feeds[0], items: [lookup("1", keys: ["link:a/1", "title:gas deal"], signature: text, bands: [1, 2])],
            matching: matching, at: now)
        #expect(first.count == 1 && first[0].isNew)
        var stored = StoreTests().item("1")
        stored.storyID = first[0].id
        try await store.store(feed: feeds[0], items: [stored], at: now)

        var edited = text
        for k in 0..<12 { edited[k] = 1000 + UInt32(k) }  // 20 of 32 alike, sharing band 2
        let unrelated = (0..<32).map { UInt32(500 + $0) }
        let found = try await store.stories(
            feed: feeds[1],
            items: [
                lookup("b1", keys: ["link:a/1"]), lookup("b2", keys: ["title:gas deal"]),
                lookup("b3", signature: edited, bands: [7, 2]),
                lookup("b4", keys: ["title:gas deal"], signature: unrelated, bands: [8]),
                lookup("b5", signature: unrelated.map { $0 + 1 }, bands: [1]),
            ],
            matching: matching, at: now.addingTimeInterval(60))
        #expect(found.prefix(3).allSatisfy { $0.id == first[0].id && !$0.isNew }, "link, title, text: \(found)")
        #expect(found[0].outlets.map(\.feedURL) == ["http://a/"], "the earlier copy is named")
        #expect(found[3].isNew, "the same title over unrelated texts (a recurring headline) is another story")
        #expect(found[4].isNew, "a shared band but texts that are not alike")

        let later = try await store.stories(
            feed: feeds[1], items: [lookup("c1", keys: ["link:a/1"])], matching: matching, at: now.addingTimeInterval(3700))
        #expect(later[0].isNew, "past the window")
        let again = try await store.stories(feed: feeds[0], items: [lookup("1")], matching: matching, at: now.addingTimeInterval(3700))
        #expect(again[0].id == first[0].id, "a stored item keeps its story")

        #expect(try await store.purge(before: now.addingTimeInterval(4000)) == 1)
        #expect(try await store.storyRows() == (stories: 0, keys: 0), "keys and stories without items go with their items")
        await store.close()
    }

    @Test(
        "a rule alerts once per story; its storyUpdate is raised instead for later copies; an update it asked for still alerts",
        arguments: StoreBackend.allCases)
    func oncePerStory(_ backend: StoreBackend) async throws {
        let (store, remove) = try await backend.open()
        defer { remove() }
        try await store.syncFeeds([FeedSpec(url: "http://a/"), FeedSpec(url: "http://b/")])
        let feeds = try await store.feeds().map(\.id)
        let story = try await store.stories(feed: feeds[0], items: [lookup("1", keys: ["title:x"])], matching: matching, at: Date())[0].id
        func copy(_ id: String, _ alerts: [PendingAlert], hash: String = "h") -> StoredItem {
            var item = StoreTests().item(id, hash: hash)
            item.storyID = story
            item.alerts = alerts
            return item
        }
        let first = try await store.store(
            feed: feeds[0], items: [copy("1", [alert("quiet", key: "q1"), alert("loud", key: "l1", update: true)])], at: Date())
        #expect(first.sameStory == 0)
        let second = try await store.store(
            feed: feeds[1], items: [copy("2", [alert("quiet", key: "q2"), alert("loud", key: "l2", update: true)])], at: Date())
        #expect(second.sameStory == 2)
        var onUpdate = alert("quiet", key: "q1-changed")
        onUpdate.onUpdate = true
        _ = try await store.store(feed: feeds[0], items: [copy("1", [onUpdate], hash: "changed")], at: Date())
        #expect(try await store.alertKeys() == ["l1", "l2:update", "q1", "q1-changed"])
        await store.close()
    }
}
