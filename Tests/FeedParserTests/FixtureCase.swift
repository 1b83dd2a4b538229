import FeedParser
import Foundation
import Testing

/// One parser case from `Fixtures/cases/*.feedtest`.
///
/// A file holds many cases. Each starts with `### name`; lines starting `@@ ` set options
/// (`@@ base-url: U`, `@@ content-type: T`, `@@ throws: tooDeep|documentTooLarge|unreadable`);
/// lines starting `>>> ` are expectations on the `--json` output: `PATH = JSON` (equal; `null` also
/// matches an absent key), `PATH ~= "text"` (the string contains it), `PATH#count = N`.
/// Every other line is the document.
struct FixtureCase: CustomTestStringConvertible, Sendable {
    let file: String
    let name: String
    let document: String
    let baseURL: String?
    let contentType: String?
    let expectedError: String?
    let expectations: [String]

    var testDescription: String { "\(file): \(name)" }

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func all() -> [FixtureCase] {
        let folder = directory.appendingPathComponent("cases")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return files.filter { $0.hasSuffix(".feedtest") }.sorted().flatMap { file in
            load(file: file, text: (try? String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)) ?? "")
        }
    }

    static func load(file: String, text: String) -> [FixtureCase] {
        var cases: [FixtureCase] = []
        var name: String?
        var lines: [String] = [], expectations: [String] = []
        var options: [String: String] = [:]
        func flush() {
            guard let current = name else { return }
            cases.append(
                FixtureCase(
                    file: file, name: current, document: lines.joined(separator: "\n"),
                    baseURL: options["base-url"], contentType: options["content-type"],
                    expectedError: options["throws"], expectations: expectations))
        }
        for line in text.components(separatedBy: "\n") {
            if line.hasPrefix("### ") {
                flush()
                name = String(line.dropFirst(4))
                lines = []; expectations = []; options = [:]
            } else if line.hasPrefix("@@ "), let colon = line.firstIndex(of: ":") {
                let key = line[line.index(line.startIndex, offsetBy: 3)..<colon].trimmingCharacters(in: .whitespaces)
                options[key] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            } else if line.hasPrefix(">>> ") {
                expectations.append(String(line.dropFirst(4)))
            } else if name != nil {
                lines.append(line)
            }
        }
        flush()
        return cases
    }

    func run() throws -> ParsedFeed {
        try FeedParser.parse(Array(document.utf8), options: ParseOptions(baseURL: baseURL, contentType: contentType))
    }
}

/// Evaluates `entries[0].authors[1].name`-style paths over decoded JSON.
enum JSONPath {
    static func value(_ path: String, in root: Any) -> Any? {
        var current: Any? = root
        for segment in path.split(separator: ".") {
            var name = Substring(segment)
            var indices: [Int] = []
            while let open = name.lastIndex(of: "["), name.hasSuffix("]") {
                indices.insert(Int(name[name.index(after: open)..<name.index(before: name.endIndex)])!, at: 0)
                name = name[..<open]
            }
            if !name.isEmpty {
                current = (current as? [String: Any])?[String(name)]
            }
            for index in indices {
                guard let array = current as? [Any], index < array.count else { return nil }
                current = array[index]
            }
        }
        if current is NSNull { return nil }
        return current
    }

    static func canonical(_ value: Any?) -> String {
        guard let value else { return "null" }
        let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed, .withoutEscapingSlashes])
        return data.map { String(decoding: $0, as: UTF8.self) } ?? "\(value)"
    }

    /// nil when the expectation holds, else a message saying what was found.
    static func check(_ expectation: String, in root: Any) -> String? {
        let ops = [" ~= ", " = "]
        guard let op = ops.first(where: { expectation.contains($0) }),
            let range = expectation.range(of: op)
        else { return "malformed expectation: \(expectation)" }
        var path = String(expectation[..<range.lowerBound])
        let expectedText = String(expectation[range.upperBound...])
        var counting = false
        if path.hasSuffix("#count") { path = String(path.dropLast(6)); counting = true }
        var actual = value(path, in: root)
        if counting { actual = (actual as? [Any])?.count ?? (actual == nil ? 0 : -1) }
        guard let expectedData = expectedText.data(using: .utf8),
            let expected = try? JSONSerialization.jsonObject(with: expectedData, options: .fragmentsAllowed)
        else {
            return "expected value is not JSON: \(expectedText)"
        }
        if op == " ~= " {
            guard let haystack = actual as? String, let needle = expected as? String else {
                return "\(path): expected a string containing \(expectedText), found \(canonical(actual))"
            }
            return haystack.contains(needle) ? nil : "\(path): \(canonical(actual)) does not contain \(expectedText)"
        }
        let want = expected is NSNull ? "null" : canonical(expected)
        let got = canonical(actual)
        return want == got ? nil : "\(path): expected \(want), found \(got)"
    }
}
