/// Small byte-level string helpers for the parser's hot paths. With Foundation imported,
/// `String.contains(_: String)` and friends go through CFString: far too slow per element.
public extension String {
    /// True when the UTF-8 bytes of `needle` occur in the string.
    func containsBytes(_ needle: String) -> Bool {
        var haystack = self
        var needle = needle
        return haystack.withUTF8 { h in
            needle.withUTF8 { n in
                guard !n.isEmpty else { return true }
                guard h.count >= n.count else { return false }
                for start in 0...(h.count - n.count) where h[start] == n[0] {
                    var k = 1
                    while k < n.count, h[start + k] == n[k] { k += 1 }
                    if k == n.count { return true }
                }
                return false
            }
        }
    }

    /// Every occurrence of `target` replaced by `replacement`, comparing UTF-8 bytes.
    func replacingBytes(_ target: String, with replacement: String) -> String {
        guard containsBytes(target) else { return self }
        var out: [UInt8] = []
        let h = Array(utf8), t = Array(target.utf8), r = Array(replacement.utf8)
        out.reserveCapacity(h.count)
        var i = 0
        while i < h.count {
            if i + t.count <= h.count, h[i] == t[0], h[i..<(i + t.count)].elementsEqual(t) {
                out.append(contentsOf: r)
                i += t.count
            } else {
                out.append(h[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// ASCII-only lowercasing, enough for names, types and keywords.
    func asciiLowercased() -> String {
        guard utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return self }
        return String(decoding: utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }
}

public extension StringProtocol {
    /// Without space, tab, CR and LF at either end. Works on UTF-8 code units: no grapheme breaking.
    func trimmingASCIIWhitespace() -> String {
        let string = String(self)
        let utf8 = string.utf8
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        guard let first = utf8.first, let last = utf8.last else { return "" }
        if !isSpace(first) && !isSpace(last) { return string }
        guard let start = utf8.firstIndex(where: { !isSpace($0) }) else { return "" }
        let end = utf8.lastIndex(where: { !isSpace($0) })!
        return String(string[start...end])
    }
}
