import ArgumentParser
import FeedParser
import Fetcher
import Foundation

#if canImport(Glibc)
import Glibc
#endif

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
        let bytes: DocumentBytes
        if DocumentInput.isURL(input) {
            let fetched = try await DocumentInput.fetch(network.request(url: input))
            bytes = DocumentBytes(owned: fetched.body)
            // The server's charset and the final URL unless the command line says otherwise.
            options.contentType = contentType ?? fetched.headers.contentType
            options.baseURL = baseURL ?? fetched.finalURL
        } else {
            bytes = try DocumentInput.bytes(input, limit: options.limits.maxDocumentBytes)
        }
        let parsed: ParsedFeed
        do {
            if json {
                // Each entry is written as soon as it is parsed, then dropped: memory stays at the document.
                var writer = FeedJSONWriter(sink: StandardOutput.write)
                parsed = try bytes.withUnsafeBytes { try FeedParser.parse($0, options: options) { writer.write($0) } }
                writer.finish(parsed)
            } else {
                parsed = try bytes.withUnsafeBytes { try FeedParser.parse($0, options: options) }
                print(FeedSummary.render(parsed))
            }
        } catch let error as FeedParseError {
            Console.error("\(input): \(error)")
            throw ExitCode(65)
        }
        if parsed.version == .unknown {
            Console.error("\(input): not a feed (no RSS or Atom root element)")
            throw ExitCode(65)
        }
    }
}

/// Standard output written straight to its descriptor, without a `Data` copy of each piece.
enum StandardOutput {
    static func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(1, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return  // a closed pipe: nothing more can be said
                }
                offset += written
            }
        }
    }
}
