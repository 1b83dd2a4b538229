import ArgumentParser
import Extractor
import Foundation

/// `feedwatch extract`: actors, topics, quotes and co-mentions of one article, or of JSON Lines in bulk.
struct ExtractCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Find the watched actors and topics, quotes and co-mentions in an article.",
        discussion: """
            Prints one JSON object. With --jsonl, reads {"id", "title", "text" or "html", "language"} objects, one per line,
            from standard input and writes one result per line with its id. Exit 78 for an invalid watchlist,
            65 for unreadable input, 66 for a missing file.
            """
    )

    @Option(help: "The watchlist (JSON: actors and topics).")
    var watchlist: String

    @Flag(help: "The input is HTML: convert it to text first.")
    var html = false

    @Option(help: "The article's title.")
    var title: String?

    @Flag(help: "Read JSON Lines from standard input and write one result per line.")
    var jsonl = false

    @Flag(help: "Also list the candidate mentions refused, and why (\"refused\").")
    var explain = false

    @Option(help: "The article's language as its source declares it (e.g. en, de): a hint for the matcher.")
    var language: String?

    @Argument(help: "The article, or '-' for standard input (not with --jsonl).")
    var input: String?

    func run() async throws {
        let extractor = try Self.loadExtractor(watchlist)
        if jsonl {
            try await BulkExtraction.run(extractor: extractor, explain: explain)
            return
        }
        guard let input else { throw ValidationError("Name an article file, or '-' for standard input.") }
        let data = try DocumentInput.read(input, limit: 64 << 20)
        var text = String(decoding: data, as: UTF8.self)
        var title = self.title
        if html {
            let document = HTMLText.convert(text)
            text = document.text
            title = title ?? document.title
        }
        let result = extractor.extract(title: title, text: text, language: language, explain: explain)
        FileHandle.standardOutput.write(try Self.encoder(pretty: true).encode(result))
        FileHandle.standardOutput.write(Data("\n".utf8))
    }

    static func loadExtractor(_ path: String) throws -> Extractor {
        guard let data = FileManager.default.contents(atPath: path) else {
            Console.error("\(path): no such file")
            throw ExitCode(66)
        }
        do {
            return try Extractor(watchlist: Watchlist.load(data))
        } catch let errors as WatchlistErrors {
            for error in errors.errors { Console.error("\(path): \(error)") }
            throw ExitCode(78)
        }
    }

    static func encoder(pretty: Bool) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting =
            pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}

/// `--jsonl`: many articles through one extractor, on every core.
enum BulkExtraction {
    struct Article: Decodable, Sendable {
        var id: String?
        var title: String?
        var text: String?
        var html: String?
        /// The language its source declares (`xml:lang`), a hint.
        var language: String?
    }

    struct Output: Encodable {
        var id: String?
        var result: ExtractionResult?
        var error: String?

        func encode(to encoder: any Encoder) throws {
            if let result { try result.encode(to: encoder) }
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encodeIfPresent(id, forKey: .id)
            try container.encodeIfPresent(error, forKey: .error)
        }

        enum CodingKeys: String, CodingKey { case id, error }
    }

    static func run(extractor: Extractor, explain: Bool = false) async throws {
        let lines = FileHandle.standardInput.readDataToEndOfFile().split(separator: UInt8(ascii: "\n"))
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let encoder = ExtractCommand.encoder(pretty: false)
        // Lines are processed in batches across all cores and written in input order.
        let batch = 64 * workers
        var start = 0
        while start < lines.count {
            let slice = Array(lines[start..<min(lines.count, start + batch)])
            let outputs = await withTaskGroup(of: (Int, Data).self) { group in
                for (offset, line) in slice.enumerated() {
                    group.addTask {
                        (offset, (try? encoder.encode(process(Data(line), extractor: extractor, explain: explain))) ?? Data())
                    }
                }
                var ordered = [Data](repeating: Data(), count: slice.count)
                for await (offset, data) in group { ordered[offset] = data }
                return ordered
            }
            for data in outputs {
                FileHandle.standardOutput.write(data)
                FileHandle.standardOutput.write(Data("\n".utf8))
            }
            start += batch
        }
    }

    static func process(_ line: Data, extractor: Extractor, explain: Bool = false) -> Output {
        guard let article = try? JSONDecoder().decode(Article.self, from: line) else {
            return Output(id: nil, result: nil, error: "not a JSON object with \"text\" or \"html\"")
        }
        var text = article.text ?? ""
        var title = article.title
        if let html = article.html {
            let document = HTMLText.convert(html)
            text = document.text
            title = title ?? document.title
        }
        return Output(
            id: article.id, result: extractor.extract(title: title, text: text, language: article.language, explain: explain), error: nil)
    }
}
