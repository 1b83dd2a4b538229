import ArgumentParser
import FeedParser
import Fetcher
import Foundation

/// `feedwatch parse`: parse a feed file (or stdin) and print it.
struct ParseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Parse an RSS or Atom document and print what it holds.",
        discussion: """
        Exit codes: 0 parsed (even if not well-formed), 65 not a feed or unreadable, 66 missing file.
        With --stats, every FILE is parsed and only counts, well-formedness and throughput are printed.
        """
    )

    @Argument(help: "A feed file, an http(s) URL, or '-' for standard input (several files with --stats).")
    var inputs: [String]

    @Option(name: .customLong("base-url"), help: "The document's own URL, to resolve relative links.")
    var baseURL: String?

    @Option(name: .customLong("content-type"), help: "The HTTP Content-Type; its charset wins over the XML declaration.")
    var contentType: String?

    @Flag(help: "Print the parsed document as JSON.")
    var json = false

    @Flag(help: "Parse every FILE and print entry counts, well-formedness, bytes and MB/s.")
    var stats = false

    @OptionGroup var network: NetworkOptions

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("Name a feed file, or '-' for standard input.") }
        if !stats && inputs.count > 1 { throw ValidationError("Give one input, or use --stats for several.") }
    }

    func run() async throws {
        var options = ParseOptions(baseURL: baseURL, contentType: contentType)
        if stats {
            try ParseStats.run(paths: inputs, options: options)
            return
        }
        let input = inputs[0]
        let bytes: Data
        if DocumentInput.isURL(input) {
            let fetched = try await DocumentInput.fetch(network.request(url: input))
            bytes = Data(fetched.body)
            // The server's charset and the final URL unless the command line says otherwise.
            options.contentType = contentType ?? fetched.headers.contentType
            options.baseURL = baseURL ?? fetched.finalURL
        } else {
            bytes = try DocumentInput.read(input, limit: options.limits.maxDocumentBytes)
        }
        let parsed: ParsedFeed
        do {
            parsed = try FeedParser.parse(bytes, options: options)
        } catch let error as FeedParseError {
            Console.error("\(input): \(error)")
            throw ExitCode(65)
        }
        if json {
            let data = try parsed.jsonData()
            FileHandle.standardOutput.write(data)
            FileHandle.standardOutput.write(Data("\n".utf8))
        } else {
            print(FeedSummary.render(parsed))
        }
        if parsed.version == .unknown {
            Console.error("\(input): not a feed (no RSS or Atom root element)")
            throw ExitCode(65)
        }
    }
}

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
                Console.error("\(request.url): an HTML page, not a feed; it links to:\n"
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

enum Console {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("feedwatch: \(message)\n".utf8))
    }
}
