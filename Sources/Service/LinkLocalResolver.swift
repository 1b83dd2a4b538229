import Fetcher
import Foundation

/// The shipped systemd unit forbids link-local addresses (`IPAddressDeny=link-local`), which also
/// cuts off a DNS resolver that lives there (Google Cloud's 169.254.169.254, some AWS images'
/// 169.254.169.253). Every fetch would then fail with a DNS error that does not say why, so the
/// daemon names the cause once at start.
enum LinkLocalResolver {
    /// The link-local `nameserver` lines of a resolv.conf.
    static func nameservers(inResolvConf text: String) -> [IPAddress] {
        text.split(separator: "\n").compactMap { line -> IPAddress? in
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard words.count >= 2, words[0] == "nameserver", let address = IPAddress(String(words[1])),
                address.specialRange == .linkLocal
            else { return nil }
            return address
        }
    }

    /// A warning to log under systemd when the resolver is link-local, else nil.
    static func warning(resolvConf path: String = "/etc/resolv.conf") -> String? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        let servers = nameservers(inResolvConf: text)
        guard !servers.isEmpty else { return nil }
        let list = servers.map(\.description).joined(separator: ", ")
        return "the DNS resolver \(list) (\(path)) is link-local, which the shipped unit's IPAddressDeny=link-local blocks: "
            + "if every feed fails with a DNS error, allow it with IPAddressAllow=\(servers[0]) (README, Security)"
    }
}
