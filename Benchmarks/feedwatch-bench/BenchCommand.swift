import ArgumentParser
import CLibXML2
import FeedCore
import FeedParser
import Foundation

/// `feedwatch-bench`: throughput and memory of each layer, in a release build (see BENCHMARKS.md).
/// A separate executable, built beside `feedwatch` but never installed.
@main
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feedwatch-bench",
        abstract: "Measure throughput in a release build (see BENCHMARKS.md).",
        subcommands: [
            ParseBench.self, FetchBench.self, ExtractBench.self, AlertBench.self, DeliveryBench.self, DigestBench.self, StoryBench.self,
        ]
    )
}

struct ParseBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Parser MB/s and feeds/s beside a plain xmlTextReader walk that visits every node."
    )

    @Argument(help: "Feed files or folders of feeds.")
    var paths: [String] = []

    @Option(help: "Also measure a generated RSS 2.0 feed with this many items (0: none).")
    var syntheticItems = 20_000

    @Option(help: "Rounds per measurement; the fastest round counts.")
    var rounds = 5

    func run() async throws {
        var sets: [(String, [[UInt8]])] = []
        for path in paths {
            let files = try Self.expand(path)
            let name = files.count == 1 ? path : "\(path) (\(files.count) files)"
            sets.append((name, try files.map { [UInt8](try Data(contentsOf: URL(fileURLWithPath: $0))) }))
        }
        if syntheticItems > 0 {
            sets.append(("synthetic feed, \(syntheticItems) items", [SyntheticFeed.rss(items: syntheticItems)]))
        }
        guard !sets.isEmpty else { throw ValidationError("Name feed files or folders, or keep --synthetic-items above 0.") }

        print("set\tbytes\twalk MB/s\tSAX floor MB/s\tparser MB/s\tparser feeds/s\tparser/walk")
        for (name, documents) in sets {
            let bytes = documents.reduce(0) { $0 + $1.count }
            // Rounds interleave the three measurements, so a noisy neighbour slows all of them alike;
            // the fastest round of each counts.
            var walk = Double.infinity, parse = Double.infinity, floor = Double.infinity
            let clock = ContinuousClock()
            for _ in 0..<max(1, rounds) {
                var start = clock.now
                for d in documents { Self.libxmlWalk(d) }
                walk = min(walk, (clock.now - start).seconds)
                start = clock.now
                for d in documents { Self.saxFloor(d) }
                floor = min(floor, (clock.now - start).seconds)
                start = clock.now
                for d in documents { _ = try? FeedParser.parse(d) }
                parse = min(parse, (clock.now - start).seconds)
            }
            let mb = Double(bytes) / 1e6
            print(
                String(
                    format: "%@\t%d\t%.1f\t%.1f\t%.1f\t%.0f\t%.2f", name, bytes, mb / walk, mb / floor, mb / parse,
                    Double(documents.count) / parse, walk / parse))
        }
    }

    static func expand(_ path: String) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ValidationError("\(path): no such file or folder")
        }
        guard isDirectory.boolValue else { return [path] }
        return try FileManager.default.contentsOfDirectory(atPath: path)
            .filter { $0.hasSuffix(".xml") || $0.hasSuffix(".rss") || $0.hasSuffix(".atom") || $0.hasSuffix(".rdf") }
            .sorted()
            .map { path + "/" + $0 }
    }

    /// How fast libxml2's SAX push parser runs with callbacks that do nothing: the floor under the parser.
    static func saxFloor(_ document: [UInt8]) {
        var handler = xmlSAXHandler()
        handler.initialized = XML_SAX2_MAGIC
        handler.startElementNs = { _, _, _, _, _, _, _, _, _ in }
        handler.endElementNs = { _, _, _, _ in }
        handler.characters = { _, _, _ in }
        handler.cdataBlock = { _, _, _ in }
        handler.serror = { _, _ in }
        document.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                guard let context = xmlCreatePushParserCtxt(&handler, nil, nil, 0, nil) else { return }
                defer { xmlFreeParserCtxt(context) }
                let flags =
                    XML_PARSE_RECOVER.rawValue | XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
                xmlCtxtUseOptions(context, Int32(flags))
                var offset = 0
                repeat {
                    let count = min(256 << 10, chars.count - offset)
                    xmlParseChunk(context, chars.baseAddress! + offset, Int32(count), offset + count >= chars.count ? 1 : 0)
                    offset += count
                } while offset < chars.count
            }
        }
    }

    /// The yardstick: libxml2's streaming reader visiting every node, reading names and text.
    static func libxmlWalk(_ document: [UInt8]) {
        document.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                let flags =
                    XML_PARSE_RECOVER.rawValue | XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue
                    | XML_PARSE_NOWARNING.rawValue
                guard let reader = xmlReaderForMemory(chars.baseAddress, Int32(chars.count), nil, nil, Int32(flags)) else { return }
                defer { xmlFreeTextReader(reader) }
                var checksum = 0
                while xmlTextReaderRead(reader) == 1 {
                    checksum &+= Int(xmlTextReaderNodeType(reader))
                    if let name = xmlTextReaderConstLocalName(reader) { checksum &+= Int(name.pointee) }
                    if xmlTextReaderHasValue(reader) == 1, let value = xmlTextReaderConstValue(reader) {
                        checksum &+= Int(value.pointee)
                    }
                }
                if checksum == 42 { print("") }  // keep the walk from being optimised away
            }
        }
    }
}

/// A deterministic news-like RSS 2.0 feed, for throughput and memory at scale without outside files.
enum SyntheticFeed {
    static func rss(items: Int) -> [UInt8] {
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
            <channel><title>Synthetic World News</title><link>https://news.example.org/</link>
            <description>Generated for benchmarks</description><language>en</language>
            <atom:link href="https://news.example.org/rss" rel="self" type="application/rss+xml"/>

            """
        let places = ["Budapest", "Moscow", "Beijing", "Brussels", "Kyiv", "Washington", "Berlin", "Ankara"]
        let people = ["Viktor Orbán", "Vladimir Putin", "Xi Jinping", "Ursula von der Leyen", "Olaf Scholz"]
        let topics = ["sanctions", "energy prices", "military aid", "trade talks", "elections"]
        var seed: UInt64 = 42
        func next() -> Int { seed = seed &* 6364136223846793005 &+ 1442695040888963407; return Int(seed >> 33) }
        for i in 0..<items {
            let place = places[next() % places.count], person = people[next() % people.count]
            let topic = topics[next() % topics.count]
            let day = 1 + next() % 28, hour = next() % 24, minute = next() % 60
            var paragraphs = ""
            for p in 0..<(3 + next() % 4) {
                paragraphs +=
                    "&lt;p&gt;\(person) spoke in \(place) about \(topic) on the \(p + 1)th day of talks, "
                    + "officials said, adding that &amp;quot;no decision&amp;quot; had been taken yet.&lt;/p&gt;"
            }
            out += """
                <item><title>\(person) in \(place): new round on \(topic) (\(i))</title>
                <link>https://news.example.org/world/\(i)-\(place.lowercased())</link>
                <guid isPermaLink="false">urn:synthetic:\(i)</guid>
                <pubDate>Tue, \(day) Oct 2026 \(hour < 10 ? "0" : "")\(hour):\(minute < 10 ? "0" : "")\(minute):00 +0000</pubDate>
                <dc:creator>Staff reporter \(i % 37)</dc:creator><category>World</category><category>\(topic)</category>
                <description>\(person) in \(place) on \(topic).</description>
                <content:encoded><![CDATA[<p>\(place) — \(person) said on Tuesday that talks on \(topic) would continue.</p>]]>\(paragraphs)</content:encoded>
                </item>

                """
        }
        out += "</channel></rss>\n"
        return Array(out.utf8)
    }
}
