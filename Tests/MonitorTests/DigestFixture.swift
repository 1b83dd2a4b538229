import Extractor
import Foundation

@testable import Config
@testable import Store

/// A month of news in a real SQLite store for digest tests: 30 feeds, a watchlist of twelve actors
/// and four topics, 13 days of history at a few stories a day each (so trends have baselines), and
/// on the digest's day about 300 items in stories carried by one to six outlets, with quotes, one
/// actor's spike, old news that must stay out, a hostile title and a very long unbroken one.
struct DigestFixture {
    static let zone = TimeZone(identifier: "Europe/Budapest")!
    static let day = "2026-11-20"

    static let actors: [(String, String, ActorType)] = [
        ("putin", "Vladimir Putin", .person), ("orban", "Viktor Orbán", .person), ("zelensky", "Volodymyr Zelensky", .person),
        ("vonderleyen", "Ursula von der Leyen", .person), ("macron", "Emmanuel Macron", .person), ("xi", "Xi Jinping", .person),
        ("nato", "NATO", .organization), ("eu", "European Union", .organization), ("hungary", "Hungary", .country),
        ("russia", "Russia", .country), ("ukraine", "Ukraine", .country), ("china", "China", .country),
    ]
    static let topics: [(String, String, String)] = [
        ("sanctions", "Sanctions", "sanction*"), ("energy", "Energy supply", "gas OR oil"),
        ("aid", "Military aid to Ukraine", "aid AND ukraine"), ("trade", "Trade", "tariff*"),
    ]
    static let outlets = [
        "Reuters World", "AP News", "BBC News", "Deutsche Welle", "France 24", "Euronews", "Politico Europe",
        "The Guardian", "Financial Times", "Al Jazeera", "NPR World", "CNN International", "Le Monde (en)",
        "Kyiv Independent", "Meduza", "Telex English", "Hungary Today", "Balkan Insight", "Notes from Poland",
        "EUobserver", "South China Morning Post", "Nikkei Asia", "The Moscow Times", "RFE/RL", "Daily Sabah",
        "Times of India", "ABC News (AU)", "CBC World", "Irish Times", "Kathimerini",
    ]
    static let quotes = [
        "We will not accept a deal that is made over our heads, and we will say so at the summit.",
        "Sanctions have hurt those who imposed them more than those they were aimed at.",
        "Our support will continue for as long as it takes.", "Nobody wants a trade war, but we are ready for one.",
        "The talks were frank and, I would say, useful.", "Energy must not become a weapon again this winter.",
        "We have managed to save a lot of what we achieved.",
    ]
    static let verbs = ["said", "told reporters", "added", "wrote", "warned"]
    static let headlines = [
        "%@ and %@ meet as talks on the war resume", "%@ warns of new measures after %@ vote",
        "What %@'s visit means for %@", "%@ faces pressure over ties with %@", "%@ signals shift on %@ policy",
        "Leaders gather as %@ and %@ trade accusations", "Analysis: %@ bets on %@ as winter nears",
    ]

    static var watchlist: Watchlist {
        Watchlist(
            actors: actors.map { WatchedActor(id: $0.0, name: $0.1, type: $0.2) },
            topics: topics.map { Topic(id: $0.0, name: $0.1, query: $0.2) })
    }

    /// Noon (Budapest) `back` days before the digest's day, plus `minutes`.
    static func time(daysBefore back: Int, minutes: Int = 0) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let noon = calendar.date(from: DateComponents(year: 2026, month: 11, day: 20, hour: 12))!
        return noon.addingTimeInterval(Double(-back * 86400 + minutes * 60))
    }

    static func configuration(folder: URL, database: String) -> Configuration {
        var configuration = Configuration(
            path: folder.appendingPathComponent("config.json").path, storagePath: database,
            feeds: [], watchlist: watchlist,
            digest: Configuration.Digest(folder: folder.appendingPathComponent("digests").path))
        configuration.digest.timezone = zone.identifier
        return configuration
    }

    /// Fills the store; returns the feed ids.
    @discardableResult
    static func fill(_ store: any FeedStore) async throws -> [Int64] {
        try await store.syncFeeds(outlets.enumerated().map { FeedSpec(url: "https://feed\($0.offset).example/rss", name: $0.element) })
        let feeds = try await store.feeds().map(\.id)
        var random = SplitMix(seed: 7)
        var story = 0
        for back in (0...13).reversed() {
            // A few stories a day in the past; today's many, Orbán's many more than usual.
            let count = back == 0 ? 60 : 40 + Int(random.next() % 20)
            for _ in 0..<count {
                story += 1
                let a = Int(random.next() % UInt64(actors.count))
                var b = Int(random.next() % UInt64(actors.count))
                if b == a { b = (a + 1) % actors.count }
                if back == 0 && story % 2 == 0 { b = 1 }  // today's spike: Orbán
                let topic = random.next() % 3 == 0 ? nil : Int(random.next() % UInt64(topics.count))
                let headline = String(format: headlines[story % headlines.count], actors[a].1, actors[b].1)
                let copies = back == 0 ? 1 + Int(random.next() % 6) : 1
                let minutes = Int(random.next() % 600) - 300
                var used: Set<Int> = []
                for copy in 0..<copies {
                    var feedIndex = Int(random.next() % UInt64(feeds.count))
                    while used.contains(feedIndex) { feedIndex = (feedIndex + 1) % feeds.count }
                    used.insert(feedIndex)
                    let id = "s\(story)-c\(copy)"
                    var item = StoredItem(
                        identity: id, title: copy == 0 ? headline : "\(headline) - \(outlets[feedIndex])",
                        link: "https://feed\(feedIndex).example/news/\(id)", published: time(daysBefore: back, minutes: minutes - 20),
                        contentHash: id,
                        text: "\(actors[a].1) met officials on Thursday. \(actors[b].1) was also named in the talks. "
                            + (topic.map { "The talks touched on \(topics[$0].1.lowercased()). " } ?? "")
                            + "Officials said more meetings would follow.")
                    item.actors = [
                        StoredActor(
                            id: actors[a].0, count: 2, salience: 0.8,
                            mentions: [StoredMention(kind: "name", form: actors[a].1, sentence: 0)]),
                        StoredActor(
                            id: actors[b].0, count: 1, salience: 0.4,
                            mentions: [StoredMention(kind: "name", form: actors[b].1, sentence: 1)]),
                    ]
                    if let topic { item.topics = [StoredTopic(id: topics[topic].0, sentences: [2])] }
                    if copy == 0, story % 4 == 0 {
                        item.quotes = [
                            StoredQuote(
                                text: quotes[story % quotes.count],
                                speakerActor: actors[a].0, speakerText: actors[a].1, verb: verbs[story % verbs.count], sentence: 1)
                        ]
                    }
                    let lookup = StoryLookup(
                        identity: id, linkKeys: [Int64(story)], titleKeys: [], signature: nil, bandKeys: [], title: headline)
                    let seen = time(daysBefore: back, minutes: minutes + copy * 7)
                    let ref = try await store.stories(
                        feed: feeds[feedIndex], items: [lookup],
                        matching: StoryMatching(window: 86400, minSimilarity: 0.5, minTitleSimilarity: 0.1, similarity: { _, _ in 0 }),
                        at: seen)
                    item.storyID = ref.first?.id
                    if back == 0, story % 3 == 0 {
                        item.alerts = [
                            PendingAlert(
                                ruleID: story % 2 == 0 ? "orban-watch" : "sanctions", sinks: [], onUpdate: false, maxPerHour: nil,
                                idempotencyKey: "alert-\(id)", payload: "{}")
                        ]
                    }
                    try await store.store(feed: feeds[feedIndex], items: [item], at: seen)
                }
            }
        }
        // Today's oddities: a hostile title, a very long unbroken one, old news first seen today.
        var hostile = StoredItem(
            identity: "evil", title: "<script>alert('x')</script> & [click](javascript:alert(1)) *now* | cell",
            link: "javascript:alert(1)", published: nil, contentHash: "evil", text: "Vladimir Putin spoke.")
        hostile.actors = [
            StoredActor(id: "putin", count: 1, salience: 0.5, mentions: [StoredMention(kind: "name", form: "Vladimir Putin", sentence: 0)])
        ]
        var long = StoredItem(
            identity: "long", title: String(repeating: "Unbroken", count: 40),
            link: "https://feed1.example/" + String(repeating: "x", count: 300),
            published: nil, contentHash: "long", text: "NATO " + String(repeating: "y", count: 400) + ".")
        long.actors = [StoredActor(id: "nato", count: 1, salience: 0.5, mentions: [StoredMention(kind: "name", form: "NATO", sentence: 0)])]
        var old = StoredItem(
            identity: "old", title: "An archive item from 2003", link: "https://feed2.example/2003",
            published: Date(timeIntervalSince1970: 1_050_000_000),
            contentHash: "old", text: "Vladimir Putin in 2003.")
        old.actors = hostile.actors
        try await store.store(feed: feeds[0], items: [hostile, long, old], at: time(daysBefore: 0, minutes: 30))
        return feeds
    }
}

/// A small, fixed pseudo-random sequence (the fixture must be the same on every run).
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
