import Config
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Who may read a digest file: `digest.group` and `digest.mode`, applied after each write, so that a
/// person in that group can read digests written by a service running as a user of its own.
enum DigestAccess {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func apply(_ settings: Configuration.Digest, to path: String) throws {
        if let group = settings.groupID, chown(path, uid_t.max, gid_t(group)) != 0 {
            throw Failure(
                description: "\(path): cannot give the digest to group \(settings.group ?? "\(group)"): \(String(cString: strerror(errno)))"
                    + " (the service must be a member of the group: README, \"Reading digests under systemd\")")
        }
        if let mode = settings.mode, chmod(path, mode_t(mode)) != 0 {
            throw Failure(
                description: "\(path): cannot set the digest's mode \(String(mode, radix: 8)): \(String(cString: strerror(errno)))")
        }
    }
}
