import ArgumentParser
import FeedParser
import Fetcher
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Reads a document from a file or standard input, with the exit codes the CLI promises.
enum DocumentInput {
    static func read(_ path: String, limit: Int) throws -> Data {
        try bytes(path, limit: limit).withUnsafeBytes { Data(buffer: $0) }
    }

    /// The document's bytes, up to one byte past `limit` (so that an oversized file is refused
    /// without reading all of it). A regular file of 4 MiB or more is mapped, not copied: `parse` then
    /// holds it once, in the page cache; a smaller one is read in one call, which costs less.
    static func bytes(_ path: String, limit: Int) throws -> DocumentBytes {
        if path == "-" {
            return DocumentBytes(owned: [UInt8](FileHandle.standardInput.readDataToEndOfFile().prefix(limit + 1)))
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let missing = errno == ENOENT
            Console.error("\(path): \(missing ? "no such file" : "cannot be read")")
            throw ExitCode(missing ? 66 : 65)
        }
        defer { close(descriptor) }
        var status = stat()
        var expected: Int?
        if fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG {
            let length = min(Int(status.st_size), limit + 1)
            guard length > 0 else { return DocumentBytes(owned: []) }
            expected = length
            // Mapping costs two system calls and page-table work that a small read does not.
            if length >= 1 << 22, let mapped = mmap(nil, length, PROT_READ, MAP_PRIVATE | MAP_POPULATE, descriptor, 0),
                mapped != MAP_FAILED
            {
                return DocumentBytes(mapping: UnsafeRawBufferPointer(start: mapped, count: length))
            }
        }
        // A small file (read to the size it has), a pipe or a device (read to its end).
        var bytes = [UInt8](repeating: 0, count: min(expected ?? 1 << 16, limit + 1))
        var filled = 0
        while filled <= limit, filled < expected ?? Int.max {
            if filled == bytes.count { bytes.append(contentsOf: repeatElement(0, count: min(bytes.count, limit + 1 - filled))) }
            let got = bytes.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress! + filled, $0.count - filled) }
            if got < 0, errno == EINTR { continue }
            guard got > 0 else { break }
            filled += got
        }
        bytes.removeSubrange(filled...)
        return DocumentBytes(owned: bytes)
    }
}

/// A document's bytes: a read-only mapping of its file, or bytes read from a pipe.
final class DocumentBytes {
    private let mapping: UnsafeRawBufferPointer?
    private let owned: [UInt8]

    init(mapping: UnsafeRawBufferPointer) {
        self.mapping = mapping
        owned = []
    }

    init(owned: [UInt8]) {
        mapping = nil
        self.owned = owned
    }

    deinit {
        if let mapping { munmap(UnsafeMutableRawPointer(mutating: mapping.baseAddress), mapping.count) }
    }

    var count: Int { mapping?.count ?? owned.count }

    func withUnsafeBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if let mapping { return try body(mapping.bindMemory(to: UInt8.self)) }
        return try owned.withUnsafeBufferPointer(body)
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
