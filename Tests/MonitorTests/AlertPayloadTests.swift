import Alerts
import Foundation
import Testing

/// The hand-written JSON of an alert against Foundation's encoder: the same text, byte for byte.
@Suite("Alert payload JSON against JSONEncoder")
struct AlertPayloadEncoderTests {
    static func encoded(_ payload: AlertPayload) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(payload), as: UTF8.self)
    }

    @Test("every field, and strings that need escaping, as JSONEncoder writes them")
    func sameAsEncoder() throws {
        let awkward = "Orbán said \"no\" \\ then / left\n\ttab\u{1}\u{1F}\r\u{8}\u{C} 🇭🇺 end"
        var payload = AlertPayload(idempotencyKey: "r:http://e.example/rss:id:\(awkward):h", rule: "r", kind: .storyUpdate)
        payload.feed = .init(url: "http://e.example/rss", name: awkward, tags: ["a", "b/c"])
        payload.item = .init(id: "id:1", title: awkward, link: "http://e.example/a?b=1&c=2", published: "2026-12-02T10:00:00Z")
        payload.actors = [
            .init(id: "orban", name: "Viktor Orbán", count: 3, salience: 0.75, snippets: [awkward, "second"]),
            .init(id: "putin", name: "Vladimir Putin", count: 1, salience: 1, snippets: []),
        ]
        payload.topics = [.init(id: "t", name: "Sanctions", snippets: ["s"])]
        payload.quotes = [.init(text: awkward, speaker: "orban", verb: "said")]
        payload.coMentions = [.init(a: "orban", b: "putin", count: 2)]
        payload.story = .init(
            id: 42, outlets: [.init(feed: "http://e.example/rss", name: "E", link: "http://e.example/a", seen: "2026-12-02T10:01:00Z")])
        payload.at = "2026-12-02T10:02:00Z"
        payload.error = awkward
        payload.count = 7
        payload.items = [.init(id: "x", title: "X", link: "", published: nil)]
        #expect(payload.json == (try Self.encoded(payload)))
        #expect(AlertPayload(json: payload.json) == payload, "reads back the same")
    }

    @Test("absent parts are left out; an item without a date has published null")
    func minimal() throws {
        var payload = AlertPayload(idempotencyKey: "k", rule: "r", kind: .item)
        #expect(payload.json == #"{"idempotencyKey":"k","kind":"item","rule":"r"}"#)
        payload.item = .init(id: "i", title: "", link: "", published: nil)
        #expect(payload.json == (try Self.encoded(payload)))
        #expect(payload.json.contains(#""published":null"#))
    }
}
