#if canImport(Glibc)
import Glibc
#endif

/// An IPv4 or IPv6 address as the kernel sees it, and which part of the address space it lies in.
///
/// The guard against server-side request forgery needs one question answered for the address a
/// socket is about to connect to: is it on the public internet, or somewhere a link in a feed must
/// not reach (this machine, the local network, a cloud's metadata service)?
public struct IPAddress: Sendable, Hashable, CustomStringConvertible {
    /// 4 bytes (IPv4) or 16 (IPv6), in network order.
    public let bytes: [UInt8]

    public init?(bytes: [UInt8]) {
        guard bytes.count == 4 || bytes.count == 16 else { return nil }
        self.bytes = bytes
    }

    /// Parses the textual forms `inet_pton` accepts ("192.0.2.1", "::ffff:127.0.0.1"), with or
    /// without the brackets and zone ("[fe80::1%eth0]") that URLs and libcurl use.
    public init?(_ text: String) {
        var text = Substring(text)
        if text.hasPrefix("["), text.hasSuffix("]") { text = text.dropFirst().dropLast() }
        if let zone = text.firstIndex(of: "%") { text = text[..<zone] }
        var v4 = in_addr()
        if inet_pton(AF_INET, String(text), &v4) == 1 {
            self.bytes = withUnsafeBytes(of: &v4) { Array($0) }
            return
        }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, String(text), &v6) == 1 else { return nil }
        self.bytes = withUnsafeBytes(of: &v6) { Array($0) }
    }

    /// The address of a `sockaddr_in` or `sockaddr_in6`; nil for any other family.
    public init?(socketAddress: UnsafeRawPointer, family: Int32) {
        switch family {
        case AF_INET:
            var address = socketAddress.loadUnaligned(as: sockaddr_in.self).sin_addr
            self.bytes = withUnsafeBytes(of: &address) { Array($0) }
        case AF_INET6:
            var address = socketAddress.loadUnaligned(as: sockaddr_in6.self).sin6_addr
            self.bytes = withUnsafeBytes(of: &address) { Array($0) }
        default:
            return nil
        }
    }

    public var isIPv4: Bool { bytes.count == 4 }

    public var description: String {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let family = isIPv4 ? AF_INET : AF_INET6
        return bytes.withUnsafeBytes { raw in
            inet_ntop(family, raw.baseAddress, &buffer, socklen_t(buffer.count)) != nil
                ? String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : "?"
        }
    }

    /// The special-purpose range this address lies in, or nil for an ordinary public address.
    ///
    /// Follows IANA's special-purpose address registries (RFC 6890 and its successors): every block
    /// that is not globally reachable. IPv6 forms that carry an IPv4 address (IPv4-mapped,
    /// IPv4-compatible, NAT64, 6to4) are judged by the IPv4 address they carry, so that
    /// `[::ffff:127.0.0.1]` is loopback like `127.0.0.1`.
    public var specialRange: SpecialRange? {
        if isIPv4 { return Self.range(ofIPv4: bytes) }
        if let embedded = embeddedIPv4 { return Self.range(ofIPv4: embedded) ?? (isIPv4Compatible ? .reserved : nil) }
        let b = bytes
        if b.allSatisfy({ $0 == 0 }) { return .unspecified }
        if b[0..<15].allSatisfy({ $0 == 0 }) && b[15] == 1 { return .loopback }
        if b[0] == 0xff { return .multicast }
        if b[0] == 0xfe && b[1] & 0xc0 == 0x80 { return .linkLocal }  // fe80::/10
        if b[0] == 0xfe && b[1] & 0xc0 == 0xc0 { return .privateNetwork }  // fec0::/10, site-local (deprecated)
        if b[0] & 0xfe == 0xfc { return .privateNetwork }  // fc00::/7, unique local
        if b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b[4] == 0 && b[5] == 1 {
            return .privateNetwork  // 64:ff9b:1::/48, local-use NAT64
        }
        if b[0] == 0x01 && b[1] == 0x00 && b[2..<8].allSatisfy({ $0 == 0 }) { return .reserved }  // 100::/64, discard-only
        if b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8 { return .documentation }  // 2001:db8::/32
        if b[0] == 0x3f && b[1] == 0xff && b[2] & 0xf0 == 0 { return .documentation }  // 3fff::/20
        if b[0] == 0x20 && b[1] == 0x01 && b[2] & 0xfe == 0 { return .reserved }  // 2001::/23, IETF protocol assignments
        if b[0] == 0 { return .reserved }  // ::/8, reserved by the IETF
        return nil
    }

    /// True for an address on the public internet.
    public var isPublic: Bool { specialRange == nil }

    /// The IPv4 address inside an IPv4-mapped (::ffff:0:0/96), IPv4-translated (::ffff:0:0:0/96),
    /// IPv4-compatible (::/96), NAT64 (64:ff9b::/96) or 6to4 (2002::/16) IPv6 address.
    private var embeddedIPv4: [UInt8]? {
        let b = bytes
        if b[0..<10].allSatisfy({ $0 == 0 }) && b[10] == 0xff && b[11] == 0xff { return Array(b[12..<16]) }
        if b[0..<8].allSatisfy({ $0 == 0 }) && b[8] == 0xff && b[9] == 0xff && b[10] == 0 && b[11] == 0 { return Array(b[12..<16]) }
        if isIPv4Compatible { return Array(b[12..<16]) }
        if b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b[4..<12].allSatisfy({ $0 == 0 }) { return Array(b[12..<16]) }
        if b[0] == 0x20 && b[1] == 0x02 { return Array(b[2..<6]) }
        return nil
    }

    /// ::a.b.c.d with a.b.c.d not 0.0.0.0 or 0.0.0.1 (which are :: and ::1).
    private var isIPv4Compatible: Bool {
        bytes[0..<12].allSatisfy { $0 == 0 } && !(bytes[12..<15].allSatisfy { $0 == 0 } && bytes[15] <= 1)
    }

    private static func range(ofIPv4 b: [UInt8]) -> SpecialRange? {
        switch (b[0], b[1], b[2]) {
        case (0, _, _): return .unspecified  // 0.0.0.0/8, "this network"
        case (10, _, _): return .privateNetwork  // 10/8
        case (100, 64...127, _): return .sharedAddressSpace  // 100.64/10, carrier-grade NAT
        case (127, _, _): return .loopback  // 127/8
        case (169, 254, _): return .linkLocal  // 169.254/16, cloud metadata services
        case (172, 16...31, _): return .privateNetwork  // 172.16/12
        case (192, 0, 0): return .reserved  // 192.0.0/24, IETF protocol assignments
        case (192, 0, 2), (198, 51, 100), (203, 0, 113): return .documentation
        case (192, 88, 99): return .reserved  // 6to4 relay anycast (deprecated)
        case (192, 168, _): return .privateNetwork  // 192.168/16
        case (198, 18...19, _): return .reserved  // 198.18/15, benchmarking
        case (224...239, _, _): return .multicast  // 224/4
        case (240...255, _, _): return .reserved  // 240/4 and the broadcast address
        default: return nil
        }
    }
}

/// The parts of the address space that are not the public internet.
public enum SpecialRange: String, Sendable, Equatable, CaseIterable {
    /// 127/8, ::1: this machine.
    case loopback
    /// RFC 1918 (10/8, 172.16/12, 192.168/16) and IPv6 unique local (fc00::/7) and site-local.
    case privateNetwork = "private network"
    /// 169.254/16, fe80::/10: where cloud metadata services (169.254.169.254) live.
    case linkLocal = "link-local"
    /// 100.64/10, carrier-grade NAT (RFC 6598).
    case sharedAddressSpace = "carrier-grade NAT"
    case multicast
    /// 0.0.0.0/8, ::: connecting there reaches this machine on Linux.
    case unspecified
    /// Documentation examples (192.0.2/24, 2001:db8::/32, …): never a real server.
    case documentation
    /// Blocks the IETF keeps (240/4, benchmarking, protocol assignments, …).
    case reserved
}
