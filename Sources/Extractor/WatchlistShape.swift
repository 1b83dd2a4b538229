import FeedCore

/// The keys a watchlist may hold, checked before decoding: a misspelt key ("aliasses", "tpye") would
/// otherwise be dropped without a word, and with it the aliases the user meant to add.
enum WatchlistShape {
    static let rootKeys = ["actors", "topics", "$comment", "$schema"]
    static let actorKeys = [
        "id", "name", "type", "aliases", "titles", "surnameAlias", "capitalAsMetonym", "exclude",
        "gender", "cues", "$comment",
    ]
    static let cueKeys = ["for", "against"]
    static let topicKeys = ["id", "name", "query", "$comment"]
    /// Keys of a whole feedwatch configuration: such a file is not a watchlist.
    static let configurationKeys: Set<String> = ["feeds", "watchlist", "storage", "alerts", "digest", "schedule", "opml"]

    /// Every problem of shape, each with its path and line.
    static func problems(_ root: JSONValue.Located) -> [WatchlistError] {
        guard case let .object(members) = root.value else {
            return [
                WatchlistError(
                    path: "$", message: "expected an object with \"actors\" (and \"topics\"), found \(root.value.typeName)", line: root.line
                )
            ]
        }
        let keys = Set(members.map(\.0))
        if !keys.isDisjoint(with: configurationKeys) {
            return [
                WatchlistError(
                    path: "$",
                    message: "this is a whole feedwatch configuration, not a watchlist: give the file its "
                        + "\"watchlist\" names, or put the actors and topics in a file of their own", line: root.line)
            ]
        }
        var problems = unknownKeys(root, path: "$", known: rootKeys)
        // A watchlist of topics alone is fine; one with neither list watches nothing and is surely a mistake.
        if root.value["actors"] == nil && root.value["topics"] == nil {
            problems.append(
                WatchlistError(path: "$.actors", message: "missing: a watchlist needs \"actors\", \"topics\" or both", line: root.line))
        }
        if let actors = root.value["actors"], case let .array(items) = actors.value {
            for (i, actor) in items.enumerated() {
                problems += unknownKeys(actor, path: "$.actors[\(i)]", known: actorKeys)
                if let cues = actor.value["cues"] { problems += unknownKeys(cues, path: "$.actors[\(i)].cues", known: cueKeys) }
            }
        }
        if let topics = root.value["topics"], case let .array(items) = topics.value {
            for (i, topic) in items.enumerated() { problems += unknownKeys(topic, path: "$.topics[\(i)]", known: topicKeys) }
        }
        return problems
    }

    private static func unknownKeys(_ value: JSONValue.Located, path: String, known: [String]) -> [WatchlistError] {
        guard case let .object(members) = value.value else { return [] }
        return members.filter { !known.contains($0.0) }.map { key, member in
            let hint =
                suggestion(for: key, among: known).map { " (did you mean \"\($0)\"?)" }
                ?? " (known: " + known.filter { !$0.hasPrefix("$") }.joined(separator: ", ") + ")"
            return WatchlistError(path: path + "." + key, message: "unknown key \"\(key)\"" + hint, line: member.line)
        }
    }

    /// The known key nearest to a misspelt one: a different case, or at most two edits (one for short keys).
    static func suggestion(for key: String, among known: [String]) -> String? {
        if let same = known.first(where: { $0.lowercased() == key.lowercased() }) { return same }
        let scored = known.map { ($0, editDistance($0.lowercased(), key.lowercased())) }.min { $0.1 < $1.1 }
        guard let (best, distance) = scored, distance <= (key.count <= 4 ? 1 : 2) else { return nil }
        return best
    }

    /// Optimal-string-alignment distance: insertions, deletions, substitutions and swaps of neighbours
    /// ("tpye" → "type") cost one each.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var rows = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { rows[i][0] = i }
        for j in 0...b.count { rows[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                rows[i][j] = min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { rows[i][j] = min(rows[i][j], rows[i - 2][j - 2] + 1) }
            }
        }
        return rows[a.count][b.count]
    }
}
