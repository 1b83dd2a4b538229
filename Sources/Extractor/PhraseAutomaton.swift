/// Aho–Corasick over token IDs: finds every watched phrase (a sequence of normalised words) in one
/// pass over a text's tokens, however many phrases there are. Built once, then read-only: safe to
/// share across threads.
///
/// Working on whole tokens rather than characters gives word boundaries for free and keeps the
/// automaton small: one state per distinct phrase prefix.
struct PhraseAutomaton: Sendable {
    /// Normalised word → ID. Words of the text not in here cannot be part of any phrase.
    private(set) var vocabulary: [String: Int32] = [:]
    /// Transitions, keyed by (state << 32 | token) in an open-addressing table.
    private var edgeKeys: [UInt64]
    private var edgeTargets: [Int32]
    private var edgeMask: Int
    private var edgeCount = 0
    private var failure: [Int32] = [0]
    /// Phrases ending at each state (index into `phrases`), and the nearest state on the failure
    /// chain that has outputs of its own.
    private var outputs: [[Int32]] = [[]]
    private var outputLink: [Int32] = [-1]
    private var depth: [Int32] = [0]
    private(set) var phraseLengths: [Int32] = []
    /// `vocabulary` again, for look-ups by bytes (built by `finish()`).
    private(set) var words = ByteVocabulary([:])

    init(expectedEdges: Int = 1024) {
        var size = 64
        while size < expectedEdges * 2 { size <<= 1 }
        edgeKeys = Array(repeating: UInt64.max, count: size)
        edgeTargets = Array(repeating: -1, count: size)
        edgeMask = size - 1
    }

    var stateCount: Int { failure.count }

    /// Adds a phrase; returns its index. Call `finish()` after the last one.
    mutating func add(_ words: [String]) -> Int32 {
        var state: Int32 = 0
        for word in words {
            let id =
                vocabulary[word]
                ?? {
                    let next = Int32(vocabulary.count)
                    vocabulary[word] = next
                    return next
                }()
            if let next = edge(state, id) {
                state = next
            } else {
                let next = Int32(failure.count)
                failure.append(0)
                outputs.append([])
                outputLink.append(-1)
                depth.append(depth[Int(state)] + 1)
                setEdge(state, id, next)
                state = next
            }
        }
        let index = Int32(phraseLengths.count)
        phraseLengths.append(Int32(words.count))
        outputs[Int(state)].append(index)
        return index
    }

    /// Computes failure and output links, breadth first.
    mutating func finish() {
        words = ByteVocabulary(vocabulary)
        var children: [[(Int32, Int32)]] = Array(repeating: [], count: failure.count)
        for slot in 0..<edgeKeys.count where edgeKeys[slot] != UInt64.max {
            let key = edgeKeys[slot]
            children[Int(key >> 32)].append((Int32(truncatingIfNeeded: key & 0xFFFF_FFFF), edgeTargets[slot]))
        }
        var queue: [Int32] = children[0].map(\.1)
        for child in queue { failure[Int(child)] = 0 }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            for (token, child) in children[Int(state)] {
                var f = failure[Int(state)]
                while f != 0, edge(f, token) == nil { f = failure[Int(f)] }
                let target = edge(f, token) ?? 0
                failure[Int(child)] = target == child ? 0 : target
                let fail = failure[Int(child)]
                outputLink[Int(child)] = outputs[Int(fail)].isEmpty ? outputLink[Int(fail)] : fail
                queue.append(child)
            }
        }
    }

    /// The ID of a normalised word, or -1 when no phrase contains it.
    @inline(__always)
    /// By the word's bytes in the byte-keyed vocabulary: no String hashing (it runs for every word).
    func id(of word: String) -> Int32 {
        var word = word
        return word.withUTF8 { words.id($0) }
    }

    /// Calls `report(phrase, firstToken, lastToken)` for every occurrence of every phrase.
    func scan(_ tokens: [Int32], report: (Int32, Int, Int) -> Void) {
        var state: Int32 = 0
        for (position, token) in tokens.enumerated() {
            if token < 0 { state = 0; continue }
            while true {
                if let next = edge(state, token) { state = next; break }
                if state == 0 { break }
                state = failure[Int(state)]
            }
            var output = outputs[Int(state)].isEmpty ? outputLink[Int(state)] : state
            while output > 0 {
                for phrase in outputs[Int(output)] {
                    report(phrase, position - Int(phraseLengths[Int(phrase)]) + 1, position)
                }
                output = outputLink[Int(output)]
            }
        }
    }

    // MARK: Edge table

    @inline(__always)
    private func slot(for key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 20) & edgeMask
    }

    @inline(__always)
    func edge(_ state: Int32, _ token: Int32) -> Int32? {
        let key = UInt64(UInt32(bitPattern: state)) << 32 | UInt64(UInt32(bitPattern: token))
        var s = slot(for: key)
        while true {
            let k = edgeKeys[s]
            if k == key { return edgeTargets[s] }
            if k == UInt64.max { return nil }
            s = (s + 1) & edgeMask
        }
    }

    private mutating func setEdge(_ state: Int32, _ token: Int32, _ target: Int32) {
        if (edgeCount + 1) * 2 > edgeKeys.count { growEdges() }
        let key = UInt64(UInt32(bitPattern: state)) << 32 | UInt64(UInt32(bitPattern: token))
        var s = slot(for: key)
        while edgeKeys[s] != UInt64.max { s = (s + 1) & edgeMask }
        edgeKeys[s] = key
        edgeTargets[s] = target
        edgeCount += 1
    }

    private mutating func growEdges() {
        let oldKeys = edgeKeys, oldTargets = edgeTargets
        edgeKeys = Array(repeating: UInt64.max, count: oldKeys.count * 2)
        edgeTargets = Array(repeating: -1, count: oldKeys.count * 2)
        edgeMask = edgeKeys.count - 1
        edgeCount = 0
        for (i, key) in oldKeys.enumerated() where key != UInt64.max {
            var s = slot(for: key)
            while edgeKeys[s] != UInt64.max { s = (s + 1) & edgeMask }
            edgeKeys[s] = key
            edgeTargets[s] = oldTargets[i]
            edgeCount += 1
        }
    }
}
