/// A small open-addressing table keyed by up to three libxml2-interned name pointers.
///
/// libxml2 interns element and attribute names (and namespace URIs) in its parser dictionary, so a
/// pointer identifies a name for the life of the parse. Looking names up by pointer, without hashing
/// their text, keeps per-element cost low: this sits on the parser's hottest path.
struct InternedNameTable<Value> {
    private struct Key: Equatable {
        var a: UInt, b: UInt, c: UInt
    }

    private var keys: [Key?]
    private var values: [Value?]
    private var count = 0
    private var mask: Int

    init(capacity: Int = 64) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = Array(repeating: nil, count: size)
        values = Array(repeating: nil, count: size)
        mask = size - 1
    }

    /// The value for the pointers, made by `make` the first time they are seen.
    mutating func value(_ a: UnsafeRawPointer?, _ b: UnsafeRawPointer?, _ c: UnsafeRawPointer?, make: () -> Value) -> Value {
        let key = Key(a: UInt(bitPattern: a), b: UInt(bitPattern: b), c: UInt(bitPattern: c))
        var slot = Self.hash(key) & mask
        while let existing = keys[slot] {
            if existing == key { return values[slot]! }
            slot = (slot + 1) & mask
        }
        let value = make()
        keys[slot] = key
        values[slot] = value
        count += 1
        if count * 2 > keys.count { grow() }
        return value
    }

    private static func hash(_ key: Key) -> Int {
        let mixed = (key.a &* 0x9E37_79B9_7F4A_7C15) ^ (key.b &* 0xC2B2_AE3D_27D4_EB4F) ^ (key.c &* 0x1656_67B1_9E37_79F9)
        return Int(truncatingIfNeeded: mixed >> 17)
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = Array(repeating: nil, count: oldKeys.count * 2)
        values = Array(repeating: nil, count: oldKeys.count * 2)
        mask = keys.count - 1
        for (index, key) in oldKeys.enumerated() {
            guard let key else { continue }
            var slot = Self.hash(key) & mask
            while keys[slot] != nil { slot = (slot + 1) & mask }
            keys[slot] = key
            values[slot] = oldValues[index]
        }
    }
}
