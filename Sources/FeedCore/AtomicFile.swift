import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Files that readers must never see half-written (digests, the metrics file): written beside the
/// target, flushed to disk, then renamed over it in one step.
public enum AtomicFile {
    public struct WriteError: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "cannot write \(path): \(reason)" }
    }

    public static func write(_ data: Data, to url: URL) throws {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try data.write(to: temporary)
            let handle = try FileHandle(forWritingTo: temporary)
            try handle.synchronize()
            try handle.close()
            if rename(temporary.path, url.path) != 0 { throw WriteError(path: url.path, reason: String(cString: strerror(errno))) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }
}

extension Date {
    /// "2026-12-02T15:20:01Z": how logs, alerts and reports write a moment (UTC, seconds).
    public var isoString: String { formatted(Date.ISO8601FormatStyle()) }
}
