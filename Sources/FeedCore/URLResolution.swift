import CLibXML2

/// Resolves a reference against a base URI with libxml2's RFC 3986 resolver.
public enum URLResolution {
    /// `reference` (trimmed) made absolute against `base`; unchanged when it is absolute already,
    /// when there is no base, or when the two cannot be combined.
    public static func resolve(_ reference: String, against base: String?) -> String {
        let trimmed = reference.trimmingASCIIWhitespace()
        guard let base, !base.isEmpty, !hasScheme(trimmed) else { return trimmed }
        guard let built = xmlBuildURI(trimmed, base) else { return trimmed }
        defer { fw_xml_free(built) }
        return String(cString: built)
    }

    /// True for "http://…", "mailto:…": a reference that needs no base.
    public static func hasScheme(_ s: String) -> Bool {
        var sawLetter = false
        for b in s.utf8 {
            switch b {
            case 0x61...0x7A, 0x41...0x5A: sawLetter = true
            case 0x30...0x39, 0x2B, 0x2D, 0x2E: if !sawLetter { return false }
            case 0x3A: return sawLetter
            default: return false
            }
        }
        return false
    }
}
