import FeedCore
import Foundation

extension ParsedFeed {
    /// The document as `feedwatch parse --json` prints it: camelCase keys, absent values omitted,
    /// dates as `YYYY-MM-DDTHH:MM:SSZ`.
    public func jsonData(prettyPrinted: Bool = true) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting =
            prettyPrinted ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(FeedDate.format(date))
        }
        return try encoder.encode(self)
    }
}
