import ArgumentParser
import FeedParser
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

    @Argument(help: "A feed file, '-' for standard input (several files with --stats).")
    var inputs: [String]

    @Option(name: .customLong("base-url"), help: "The document's own URL, to resolve relative links.")
    var baseURL: String?

    @Option(name: .customLong("content-type"), help: "The HTTP Content-Type; its charset wins over the XML declaration.")
    var contentType: String?

    @Flag(help: "Print the parsed document as JSON.")
    var json = false

    @Flag(help: "Parse every FILE and print entry counts, well-formedness, bytes and MB/s.")
    var stats = false

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("Name a feed file, or '-' for standard input.") }
        if !stats && inputs.count > 1 { throw ValidationError("Give one input, or use --stats for several.") }
    }

    func run() async throws {
        let options = ParseOptions(baseURL: baseURL, contentType: contentType)
        if stats {
            try ParseStats.run(paths: inputs, options: options)
            return
        }
        let input = inputs[0]
        let bytes = try DocumentInput.read(input, limit: options.limits.maxDocumentBytes)
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
        if path.hasPrefix("http://") || path.hasPrefix("https://") {
            Console.error("\(path): fetching URLs arrives with the fetcher; save the feed to a file and parse that")
            throw ExitCode(64)
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

enum Console {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("feedwatch: \(message)\n".utf8))
    }
}
