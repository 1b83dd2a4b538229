import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// One writer per database: `run`, `once` and `replay --alert` hold an advisory lock (flock) on
/// `<database>.lock` while they work, so two daemons can never deliver the same alerts twice.
///
/// A file of its own rather than the database: SQLite's POSIX locks on the database file are dropped
/// when any descriptor of that file in the process is closed. The kernel releases the lock when the
/// process dies, so a `kill -9` never leaves a stale lock behind.
public final class InstanceLock {
    public let path: String
    private let descriptor: Int32

    /// Takes the lock at once or throws ``InstanceLockError/held(path:holder:)``; never waits.
    public init(database: String) throws {
        path = database + ".lock"
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw InstanceLockError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines)
            close(descriptor)
            throw InstanceLockError.held(path: path, holder: holder.flatMap { $0.isEmpty ? nil : $0 })
        }
        // The holder's pid, for the message another instance prints; informative only.
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = pid.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
    }

    deinit {
        _ = flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

public enum InstanceLockError: Error, CustomStringConvertible, Sendable {
    case held(path: String, holder: String?)
    case cannotOpen(path: String, reason: String)

    public var description: String {
        switch self {
        case let .held(path, holder):
            let who = holder.map { "feedwatch (pid \($0))" } ?? "feedwatch"
            return "another \(who) is already working on this database (\(path) is locked); "
                + "stop it first, or give each instance a database of its own"
        case let .cannotOpen(path, reason):
            return "\(path): cannot create the lock file: \(reason)"
        }
    }
}
