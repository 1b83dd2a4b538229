import Foundation
import Testing

@testable import Alerts
@testable import Monitor

/// The JSON Lines sink at the edges: a full disk, a line cut off by a crash, a repeated key.
@Suite("JSON Lines alert file")
struct AlertFileTests {
    static func line(_ key: String, padding: Int = 0) -> String {
        "{\"idempotencyKey\":\"\(key)\",\"note\":\"\(String(repeating: "x", count: padding))\"}"
    }

    static func lines(_ path: String) throws -> [Substring] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    }

    @Test("a batch is one append; written again after a crash (not marked), none of its lines is doubled")
    func batchReplay() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("batch-\(UUID().uuidString).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        // Lines as long as real alerts (~1.5 kB), so that a batch of 600 is near the batch limit.
        let batch = (0..<600).map { (Self.line("k\($0)", padding: 1500), "k\($0)") }
        #expect(JSONLinesSink.append(Array(batch[0..<100]), to: path) == nil)
        #expect(JSONLinesSink.append(batch, to: path) == nil, "the first 100 were written already: only 500 are added")
        #expect(JSONLinesSink.append(batch, to: path) == nil, "the whole batch again: nothing added")
        let keys = try Self.lines(path).map { $0.split(separator: "\"")[3] }
        #expect(keys.count == 600 && Set(keys).count == 600)
        #expect(keys.first == "k0" && keys.last == "k599")
        let fd = open(path, O_RDONLY)
        defer { close(fd) }
        let (found, endsWithNewline) = JSONLinesSink.keysInTail(fd, size: lseek(fd, 0, SEEK_END))
        #expect(endsWithNewline && found.contains("k599") && found.count >= 600 * 1 / 2, "the tail covers at least a whole batch")
    }

    @Test("a full disk mid-line: the error says so, the file keeps only whole lines, the retry appends one clean line")
    func diskFull() async throws {
        try await DigestTests.withTinyDisk { disk in
            let path = disk.appendingPathComponent("alerts.jsonl").path
            #expect(JSONLinesSink.append(Self.line("k1"), key: "k1", to: path) == nil)
            let before = try Data(contentsOf: URL(fileURLWithPath: path))

            // Every free page taken: what is left is the rest of the alert file's own page, so a long
            // line starts to be written and then runs out of space.
            let filler = try DigestTests.fill(disk)
            let long = Self.line("k2", padding: 20_000)
            let error = try #require(JSONLinesSink.append(long, key: "k2", to: path))
            #expect(error.contains(path) && error.contains("No space left on device"), "\(error)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before, "the half-written line is cut off again")

            try FileManager.default.removeItem(at: filler)
            #expect(JSONLinesSink.append(long, key: "k2", to: path) == nil)
            #expect(JSONLinesSink.append(long, key: "k2", to: path) == nil, "already there: not written twice")
            let written = try Self.lines(path)
            #expect(written.count == 2)
            #expect(written.allSatisfy { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) != nil })
        }
    }

    @Test("a line cut off by a crash neither counts as delivered nor swallows the next line")
    func cutOffLine() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("alerts-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("alerts.jsonl").path
        #expect(JSONLinesSink.append(Self.line("k1"), key: "k1", to: path) == nil)
        // Power lost while "k2" was being written: its line has no end.
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(Self.line("k2").prefix(30).utf8))
        try handle.close()

        #expect(JSONLinesSink.append(Self.line("k2"), key: "k2", to: path) == nil)
        #expect(JSONLinesSink.append(Self.line("k1"), key: "k1", to: path) == nil)
        let written = try Self.lines(path)
        #expect(written.count == 3, "k1, the broken k2, k2 again: \(written)")
        #expect(written.last == Substring(Self.line("k2")), "the retry is a whole line of its own")
        #expect(written.filter { $0.contains("\"k1\"") }.count == 1, "k1 was whole: not written again")
    }
}

@Suite("Alert payload")
struct AlertPayloadTests {
    @Test("JSON: keys sorted, slashes unescaped, a missing date is null, absent parts left out; read back the same")
    func json() throws {
        var payload = AlertPayload(idempotencyKey: "r:https://e.org/rss:g1:h", rule: "r", kind: .item)
        payload.feed = AlertPayload.Feed(url: "https://e.org/rss", name: "E", tags: ["eu"])
        payload.item = AlertPayload.Item(id: "g1", title: "Talks", link: "https://e.org/a", published: nil)
        payload.actors = [AlertPayload.Actor(id: "orban", name: "Viktor Orbán", count: 2, salience: 0.5, snippets: ["Orbán spoke."])]
        let text = payload.json
        #expect(
            text.hasPrefix(#"{"actors":[{"count":2,"id":"orban","name":"Viktor Orbán","salience":0.5,"snippets":["Orbán spoke."]}],"#),
            "\(text)")
        #expect(text.contains(#""item":{"id":"g1","link":"https://e.org/a","published":null,"title":"Talks"}"#), "\(text)")
        #expect(!text.contains("\"topics\"") && !text.contains("\"count\":null"))
        #expect(AlertPayload(json: text) == payload)
        #expect(AlertPayload(json: "not json") == nil)
    }
}
