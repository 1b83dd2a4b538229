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

    public static func write(_ data: some DataProtocol, to url: URL) throws {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
                throw WriteError(path: temporary.path, reason: "cannot create the file")
            }
            let handle = try FileHandle(forWritingTo: temporary)
            defer { try? handle.close() }
            try handle.write(contentsOf: data)
            try handle.synchronize()
            if rename(temporary.path, url.path) != 0 { throw WriteError(path: url.path, reason: String(cString: strerror(errno))) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    /// Writes a string's UTF-8 as it is stored (no copy of a large text into `Data` first).
    public static func write(text: String, to url: URL) throws {
        var text = text
        try text.withUTF8 { try write(UnsafeRawBufferPointer($0), to: url) }
    }
}

extension Date {
    /// "2026-12-02T15:20:01Z": how logs, alerts and reports write a moment (UTC, seconds).
    public var isoString: String { formatted(Date.ISO8601FormatStyle()) }
}
