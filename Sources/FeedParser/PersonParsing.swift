import FeedCore

/// Reads the free-text person forms of RSS: `john@example.com (John Doe)`, `John Doe <john@example.com>`,
/// a bare address or a bare name.
enum PersonParsing {
    static func parse(_ text: String) -> FeedPerson? {
        let value = text.trimmingASCIIWhitespace()
        guard !value.isEmpty else { return nil }
        guard value.utf8.contains(0x40) else { return FeedPerson(name: value) }  // no '@': a plain name
        if let open = value.firstIndex(of: "("), value.hasSuffix(")") {
            let outside = value[..<open].trimmingASCIIWhitespace()
            let inside = value[value.index(after: open)..<value.index(before: value.endIndex)].trimmingASCIIWhitespace()
            if isEmail(outside) { return FeedPerson(name: inside.isEmpty ? nil : inside, email: outside) }
            if isEmail(inside) { return FeedPerson(name: outside.isEmpty ? nil : outside, email: inside) }
        }
        if let open = value.firstIndex(of: "<"), value.hasSuffix(">") {
            let name = value[..<open].trimmingASCIIWhitespace().trimmingQuotes()
            let email = value[value.index(after: open)..<value.index(before: value.endIndex)].trimmingASCIIWhitespace()
            if isEmail(email) { return FeedPerson(name: name.isEmpty ? nil : name, email: email) }
        }
        if isEmail(value) { return FeedPerson(email: value.hasPrefix("mailto:") ? String(value.dropFirst(7)) : value) }
        return FeedPerson(name: value)
    }

    static func isEmail(_ s: String) -> Bool {
        guard let at = s.firstIndex(of: "@"), at != s.startIndex else { return false }
        let domain = s[s.index(after: at)...]
        return domain.utf8.contains(0x2E) && !s.utf8.contains(0x20) && !domain.utf8.contains(0x40)
    }
}

extension String {
    func trimmingQuotes() -> String {
        if count >= 2, let first, let last, first == last, first == "\"" || first == "'" {
            return String(dropFirst().dropLast())
        }
        return self
    }
}
