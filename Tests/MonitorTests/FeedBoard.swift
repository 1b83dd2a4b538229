import FlyingFox
import Foundation
import TestSupport

/// Feeds a loopback server publishes, changed by the tests: each answer carries an ETag of its
/// content, and a request with that ETag gets a 304.
actor FeedBoard {
    private var items: [String: [Item]] = [:]
    private var moved: [String: String] = [:]
    private var failing: [String: (status: Int, retryAfter: String?)] = [:]
    private(set) var requests: [String: Int] = [:]
    private(set) var notModified = 0
    /// The channel's own `<category>`s, per feed.
    private var channelCategories: [String: [String]] = [:]

    /// `link`: the item's link (default `http://news.example/ID`).
    func publish(
        _ feed: String, id: String, title: String, text: String, published: Date = Date(), link: String? = nil,
        categories: [String] = []
    ) {
        items[feed, default: []].insert(
            Item(id: id, title: title, text: text, published: published, link: link, categories: categories), at: 0)
    }

    func categorise(_ feed: String, as categories: [String]) { channelCategories[feed] = categories }

    struct Item {
        var id: String
        var title: String
        var text: String
        var published: Date
        var link: String?
        var categories: [String] = []
    }

    func move(_ feed: String, to target: String) { moved[feed] = target }

    /// Answers `status` (with Retry-After) for the feed until `heal`.
    func fail(_ feed: String, status: Int, retryAfter: String? = nil) { failing[feed] = (status, retryAfter) }
    func heal(_ feed: String) { failing[feed] = nil }

    func answer(_ request: HTTPRequest) -> HTTPResponse {
        let path = request.path
        requests[path, default: 0] += 1
        if let target = moved[path] { return redirect(.movedPermanently, to: target) }
        if let failure = failing[path] {
            var fields: [(String, String)] = []
            if let retry = failure.retryAfter { fields.append(("Retry-After", retry)) }
            var response = HTTPResponse(statusCode: HTTPStatusCode(failure.status, phrase: "Failing"))
            for (name, value) in fields { response.headers[HTTPHeader(name)] = value }
            return response
        }
        let feedItems = items[path] ?? []
        let body = Self.rss(path: path, items: feedItems, categories: channelCategories[path] ?? [])
        let etag = "\"\(body.hashValue)\""
        if request.headers[HTTPHeader("If-None-Match")] == etag {
            notModified += 1
            return HTTPResponse(statusCode: .notModified, headers: headers(("ETag", etag)))
        }
        return HTTPResponse(
            statusCode: .ok, headers: headers(("ETag", etag), ("Content-Type", "application/rss+xml; charset=utf-8")),
            body: Data(body.utf8))
    }

    static func rss(path: String, items: [Item], categories: [String] = []) -> String {
        let entries = items.map { item in
            let link = (item.link ?? "http://news.example/\(item.id)").replacingOccurrences(of: "&", with: "&amp;")
            return "<item><title>\(item.title)</title><link>\(link)</link><guid>\(item.id)</guid>"
                + item.categories.map { "<category>\($0)</category>" }.joined()
                + "<pubDate>\(rfc822(item.published))</pubDate><description>\(item.text)</description></item>"
        }.joined()
        let channel = categories.map { "<category>\($0)</category>" }.joined()
        return
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>\(path)</title><link>http://news.example/</link>\(channel)\(entries)</channel></rss>"
    }

    /// "Thu, 26 Nov 2026 08:00:00 GMT", as RSS writes dates.
    static func rfc822(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }

    static func routes(_ board: FeedBoard) -> (HTTPServer) async -> Void {
        { server in
            await server.appendRoute("GET /slow") { _ in
                try await Task.sleep(for: .seconds(60))
                return HTTPResponse(statusCode: .ok)
            }
            await server.appendRoute("GET /*") { request in await board.answer(request) }
        }
    }
}

/// A configuration file in a fresh folder, and the database beside it.
struct DaemonSandbox {
    let folder: URL
    var config: URL { folder.appendingPathComponent("config.json") }
    var database: String { folder.appendingPathComponent("feedwatch.sqlite").path }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("feedwatch-daemon-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    static let watchlist = """
        {"actors": [{"id": "putin", "name": "Vladimir Putin", "type": "person"},
                    {"id": "orban", "name": "Viktor Orbán", "type": "person"},
                    {"id": "hungary", "name": "Hungary", "type": "country"}],
         "topics": [{"id": "sanctions", "name": "Sanctions", "query": "sanction*"}]}
        """

    func write(feeds: [String], extra: String = "") throws {
        let list = feeds.map { "{\"url\": \"\($0)\"}" }.joined(separator: ", ")
        let json = """
            {"storage": {"path": "\(database)"}, "feeds": [\(list)], "watchlist": \(Self.watchlist),
             "schedule": {"intervalMinutes": 0.02, "minIntervalMinutes": 0, "jitterPercent": 0}, "logLevel": "info"\(extra)}
            """
        try Data(json.utf8).write(to: config)
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}
