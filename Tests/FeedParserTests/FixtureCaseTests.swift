import Foundation
import Testing

@testable import FeedParser

@Suite("Fixture cases")
struct FixtureCaseTests {
    static let cases = FixtureCase.all()

    @Test("there is a corpus of cases")
    func corpusIsThere() {
        #expect(Self.cases.count >= 150, "found \(Self.cases.count) cases")
        #expect(
            Self.cases.allSatisfy { !$0.expectations.isEmpty || $0.expectedError != nil },
            "every case must assert something: \(Self.cases.filter { $0.expectations.isEmpty && $0.expectedError == nil }.map(\.name))")
    }

    @Test("case", arguments: cases)
    func fixture(_ fixture: FixtureCase) throws {
        if let expectedError = fixture.expectedError {
            #expect(throws: FeedParseError.self) { _ = try fixture.run() }
            do { _ = try fixture.run() } catch {
                #expect(
                    String(reflecting: error).contains(expectedError) || "\(error)".contains(expectedError),
                    "error \(error) is not \(expectedError)")
            }
            return
        }
        let parsed = try fixture.run()
        let data = parsed.jsonData()
        let root = try JSONSerialization.jsonObject(with: data)
        for expectation in fixture.expectations {
            if let failure = JSONPath.check(expectation, in: root) {
                Issue.record("\(failure)\n  json: \(String(decoding: data, as: UTF8.self).prefix(1500))")
            }
        }
    }
}
