import Foundation
import Testing

@testable import FeedCore

@Suite("Decoding a located JSON tree")
struct LocatedJSONDecoderTests {
    struct Actor: Decodable, Equatable {
        var id: String
        var aliases: [String]?
        var weight: Double
        var rank: Int
        var active: Bool
        var nested: [Inner]
    }
    struct Inner: Decodable, Equatable { var x: Int? }

    func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try LocatedJSONDecoder().decode(type, from: try LocatedJSONParser.parse(json))
    }

    /// The same document through Foundation's decoder, for comparison.
    func foundation<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(json.utf8))
    }

    @Test("the same values as JSONDecoder; of a duplicated key the last counts, as in the loader's own reading")
    func values() throws {
        let json = #"{"id": "q", "weight": 0.5, "rank": 3, "active": true, "nested": [{"x": 1}, {"x": null}, {}], "extra": {}}"#
        let ours = try decode(Actor.self, json)
        #expect(
            ours == Actor(id: "q", aliases: nil, weight: 0.5, rank: 3, active: true, nested: [Inner(x: 1), Inner(x: nil), Inner(x: nil)]))
        #expect(ours == (try foundation(Actor.self, json)))
        let duplicated = try decode(Actor.self, json.replacingOccurrences(of: #"{"id": "q","#, with: #"{"id": "p", "id": "q","#))
        let tree = try LocatedJSONParser.parse(#"{"id": "p", "id": "q"}"#)
        #expect(duplicated.id == "q" && tree.value["id"]?.value == .string("q"))
    }

    @Test("errors are DecodingErrors with the path of the value at fault")
    func errors() throws {
        func path(_ json: String) -> String {
            do {
                _ = try decode(Actor.self, json)
                return "no error"
            } catch let error as DecodingError {
                let context: DecodingError.Context
                switch error {
                case .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c): context = c
                case .keyNotFound(let key, let c): return (c.codingPath + [key]).map(\.stringValue).joined(separator: ".") + " missing"
                @unknown default: return "?"
                }
                return context.codingPath.map(\.stringValue).joined(separator: ".") + ": " + context.debugDescription
            } catch { return "\(error)" }
        }
        let base = #""id": "p", "weight": 1, "active": false"#
        #expect(path("{\(base), \"rank\": 1, \"nested\": [{\"x\": \"one\"}]}") == "nested.0.x: expected a number, found a string")
        #expect(path("{\(base), \"rank\": 1.5, \"nested\": []}") == "rank: 1.5 is not a whole number that fits Int")
        #expect(path("{\(base), \"nested\": []}") == "rank missing")
        #expect(path("{\(base), \"rank\": null, \"nested\": []}") == "rank: expected a number, found null")
        #expect(path("{\(base), \"rank\": 1, \"nested\": {}}") == "nested: expected a list, found an object")
        #expect(path("[]") == ": expected an object, found a list")
    }
}
