/// Normalised words → IDs, looked up by their UTF-8 bytes without making a String: the matcher's
/// per-word cost. Open addressing over FNV-1a hashes; keys live in one byte arena.
struct ByteVocabulary: Sendable {
    private var slots: [Int32]  // index into `entries`, or -1
    private var entries: [(offset: Int32, length: Int32, id: Int32, hash: UInt64)] = []
    private var arena: [UInt8] = []
    private var mask: Int

    init(_ words: [String: Int32]) {
        var size = 16
        while size < words.count * 2 + 2 { size <<= 1 }
        slots = Array(repeating: -1, count: size)
        mask = size - 1
        for (word, id) in words {
            let bytes = Array(word.utf8)
            let hash = bytes.withUnsafeBufferPointer(Self.hash)
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(entries.count)
            entries.append((Int32(arena.count), Int32(bytes.count), id, hash))
            arena.append(contentsOf: bytes)
        }
    }

    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return h ^ (h >> 29)
    }

    /// The ID of the word spelled by `bytes`, or -1.
    @inline(__always)
    func id(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        let hash = Self.hash(bytes)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let index = slots[slot]
            if index < 0 { return -1 }
            let entry = entries[Int(index)]
            if entry.hash == hash, Int(entry.length) == bytes.count {
                let equal = arena.withUnsafeBufferPointer { arena in
                    memcmpEqual(arena.baseAddress! + Int(entry.offset), bytes.baseAddress!, bytes.count)
                }
                if equal { return entry.id }
            }
            slot = (slot + 1) & mask
        }
    }

    @inline(__always)
    private func memcmpEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        for k in 0..<count where a[k] != b[k] { return false }
        return true
    }
}
