import Foundation

/// URLs as messages and logs may show them: without the password a database URL may carry.
public enum URLRedaction {
    /// "postgresql://user:secret@host/db?password=x" → "postgresql://user@host/db".
    public static func withoutPassword(_ url: String) -> String {
        guard var components = URLComponents(string: url) else { return "(an unparsable URL)" }
        components.password = nil
        components.queryItems = components.queryItems?.filter { $0.name != "password" }
        if components.queryItems?.isEmpty == true { components.queryItems = nil }
        return components.string ?? "(an unparsable URL)"
    }
}
