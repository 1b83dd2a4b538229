/// HTML named character references (`&nbsp;`, `&eacute;` …), which XML does not define but feeds use
/// everywhere. libxml2 reports such a reference as an entity-reference node; the parser resolves its
/// name here. Names are case-sensitive, as in HTML.
enum HTMLEntities {
    /// The UTF-8 bytes of `&name;`, or nil when HTML does not define the name.
    static func utf8(named name: String) -> [UInt8]? {
        table[name]
    }

    private static let table: [String: [UInt8]] = {
        var table: [String: [UInt8]] = [:]
        table.reserveCapacity(2200)
        for entry in htmlEntityTableSource.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            guard let eq = entry.firstIndex(of: "=") else { continue }
            var bytes: [UInt8] = []
            for hex in entry[entry.index(after: eq)...].split(separator: ",") {
                guard let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) else { continue }
                bytes.append(contentsOf: String(Character(scalar)).utf8)
            }
            table[String(entry[..<eq])] = bytes
        }
        return table
    }()
}
