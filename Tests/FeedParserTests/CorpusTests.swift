import Foundation
import Testing

@testable import FeedParser

/// Every real-world feed of `../shared/corpus/feeds/` parses without a crash or a hang. The corpus sits
/// beside the project on development machines and in CI; a clone without it skips this test.
@Suite("Shared real-world corpus")
struct CorpusTests {
    static let folder = FixtureCase.directory.deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/corpus/feeds")

    static var files: [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasSuffix(".tsv") && !$0.hasPrefix(".") }.sorted().map { folder.appendingPathComponent($0) }
    }

    @Test("every feed parses, in bounded time", .enabled(if: !files.isEmpty, "../shared/corpus/feeds is not here"))
    func everyFeed() throws {
        var entries = 0, unreadable: [String] = []
        let clock = ContinuousClock()
        for file in Self.files {
            let bytes = [UInt8](try Data(contentsOf: file))
            let start = clock.now
            do {
                let parsed = try FeedParser.parse(bytes)
                entries += parsed.entries.count
                if parsed.version == .unknown { unreadable.append(file.lastPathComponent) }
            } catch {
                unreadable.append("\(file.lastPathComponent): \(error)")
            }
            #expect(clock.now - start < .seconds(2), "\(file.lastPathComponent) took too long")
        }
        #expect(Self.files.count >= 200)
        #expect(unreadable.isEmpty, "not read as feeds: \(unreadable)")
        #expect(entries > 3000)
    }
}
