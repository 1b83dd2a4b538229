import ArgumentParser
import FeedParser
import Fetcher
import Foundation

/// Reads a document from a file or standard input, with the exit codes the CLI promises.
enum DocumentInput {
    static func read(_ path: String, limit: Int) throws -> Data {
        if path == "-" {
            return FileHandle.standardInput.readDataToEndOfFile()
        }
        guard FileManager.default.fileExists(atPath: path) else {
            Console.error("\(path): no such file")
            throw ExitCode(66)
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            Console.error("\(path): cannot be read")
            throw ExitCode(65)
        }
        defer { try? handle.close() }
        // Read one byte past the limit, so an oversized file is refused without reading all of it.
        let data = (try? handle.read(upToCount: limit + 1)) ?? nil
        return data ?? Data()
    }
}

extension DocumentInput {
    static func isURL(_ input: String) -> Bool {
        let lower = input.lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("file://")
    }

    /// Fetches a feed for `parse URL`: exit 69 when the fetch fails, 65 (listing the feeds it links
    /// to) when the URL is an HTML page rather than a feed.
    static func fetch(_ request: FetchRequest) async throws -> FetchResult {
        let fetcher = Fetcher()
        defer { fetcher.shutdown() }
        let result = await fetcher.fetch(request)
        if let error = result.error {
            Console.error("\(request.url): \(error)")
            throw ExitCode(69)
        }
        if FeedDiscovery.looksLikeHTML(result.body, contentType: result.headers.contentType) {
            let feeds = FeedDiscovery.feeds(inHTML: result.body, pageURL: result.finalURL)
            if feeds.isEmpty {
                Console.error("\(request.url): an HTML page, not a feed, and it links to no feed")
            } else {
                Console.error(
                    "\(request.url): an HTML page, not a feed; it links to:\n"
                        + feeds.map { "  \($0.url)  (\($0.type))" }.joined(separator: "\n"))
            }
            throw ExitCode(65)
        }
        return result
    }
}

extension DocumentInput {
    /// A page for `explain URL`: exit 69 when it cannot be fetched.
    static func fetchPage(_ url: String) async throws -> [UInt8] {
        let fetcher = Fetcher()
        defer { fetcher.shutdown() }
        let result = await fetcher.fetch(FetchRequest(url: url))
        if let error = result.error {
            Console.error("\(url): \(error)")
            throw ExitCode(69)
        }
        return result.body
    }
}
