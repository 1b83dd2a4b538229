import Foundation

/// Made-up news text for tests, different for every seed.
public enum SyntheticText {
    /// A text of `sentences` sentences about `subject`, different for every `seed`: distinct items
    /// must not read as copies of one story (the same text in two items is one story to feedwatch).
    public static func article(_ seed: Int, about subject: String, sentences: Int = 12) -> String {
        let words = [
            "council", "budget", "harbour", "election", "railway", "minister", "protest", "treaty", "winter", "farmers",
            "court", "energy", "border", "schools", "vaccine", "museum", "bridge", "tariffs", "river", "airport",
            "police", "strike", "festival", "coalition", "reform", "drought", "market", "housing", "pension", "army",
            "spoke", "warned", "signed", "rejected", "visited", "closed", "opened", "funded", "delayed", "praised",
            "north", "south", "early", "late", "quietly", "again", "twice", "before", "after", "during",
        ]
        var state = UInt64(truncatingIfNeeded: seed) &* 0x9E37_79B9_7F4A_7C15 | 1
        func next() -> String {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return words[Int(state % UInt64(words.count))]
        }
        return (0..<sentences).map { k in
            ((k % 4 == 0 ? [subject] : []) + (0..<9).map { _ in next() }).joined(separator: " ") + "."
        }.joined(separator: " ")
    }

    /// Publishes an item, dated now unless told otherwise (an old item: `published` in the past).
}
