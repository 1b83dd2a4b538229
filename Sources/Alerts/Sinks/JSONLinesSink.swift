import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The JSON Lines file sink: one alert per line, exactly once.
///
/// Alerts are appended in batches: one `write` and one `fsync` per batch, then the batch is marked
/// delivered in one transaction. A crash between the two leaves the batch in the file but not marked;
/// the retry finds its keys in the file's tail (which always covers a whole batch) and does not
/// write them again.
enum JSONLinesSink {
    /// At most this many bytes of lines per batch; the tail read before appending is twice that.
    static let batchBytes = 1 << 20
    static let tailBytes = 2 * batchBytes

    /// Appends one line unless its key is already in the file's tail (see `append(_:to:)`).
    static func append(_ line: String, key: String, to path: String) -> String? {
        append([(line, key)], to: path)
    }

    /// Appends the lines whose keys are not already in the file's tail, in one write, flushed to disk.
    /// Returns nil when all of them are in the file, else why none is: a write that fails part-way (a
    /// full disk) is cut off again, so the file only ever holds whole lines and the retry appends clean
    /// ones; a file left without its final newline (power lost mid-write) gets one first, so a new
    /// line never fuses with the broken one.
    static func append(_ entries: [(line: String, key: String)], to path: String) -> String? {
        let url = URL(fileURLWithPath: path)
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o640)
        guard fd >= 0 else { return "cannot open \(path): \(String(cString: strerror(errno)))" }
        defer { close(fd) }
        let size = lseek(fd, 0, SEEK_END)
        let (present, endsWithNewline) = keysInTail(fd, size: size)
        var bytes: [UInt8] = endsWithNewline ? [] : [0x0A]
        for entry in entries where !present.contains(entry.key) {
            bytes.append(contentsOf: entry.line.utf8)
            bytes.append(0x0A)
        }
        guard bytes.count > (endsWithNewline ? 0 : 1) else { return nil }  // written before a crash kept them from being marked
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + written, $0.count - written) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else {
                let reason = String(cString: strerror(n < 0 ? errno : ENOSPC))
                _ = ftruncate(fd, size)
                return "cannot write \(path): \(reason)"
            }
            written += n
        }
        guard fsync(fd) == 0 else {
            let reason = String(cString: strerror(errno))
            _ = ftruncate(fd, size)
            return "cannot flush \(path): \(reason)"
        }
        return nil
    }

    private static let keyField = Array(#""idempotencyKey":""#.utf8)

    /// The idempotency keys of the whole lines in the file's last `tailBytes`, found on bytes (no
    /// string search: this runs once per batch), and whether the file ends with a newline.
    static func keysInTail(_ fd: Int32, size: off_t) -> (keys: Set<String>, endsWithNewline: Bool) {
        let tail = min(Int(size), tailBytes)
        guard tail > 0 else { return ([], true) }
        var buffer = [UInt8](repeating: 0, count: tail)
        let read = max(0, pread(fd, &buffer, tail, size - off_t(tail)))
        // A short read tells nothing about the last byte: add no blank line.
        let endsWithNewline = read < tail || buffer[tail - 1] == 0x0A
        // Only whole lines count: a line cut off by a crash is not a delivered alert.
        let end = buffer[..<read].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        var keys: Set<String> = []
        buffer.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress else { return }
            var position = 0
            while position < end, let hit = find(keyField, in: base, from: position, to: end) {
                let start = hit + keyField.count
                var stop = start
                while stop < end, bytes[stop] != 0x22, bytes[stop] != 0x0A {
                    stop += bytes[stop] == 0x5C ? 2 : 1  // a backslash escapes the next byte
                }
                if stop < end, bytes[stop] == 0x22 {
                    keys.insert(String(decoding: bytes[start..<stop], as: UTF8.self))
                }
                position = stop
            }
        }
        return (keys, endsWithNewline)
    }

    /// The offset of `pattern` in `bytes[from..<to]`: `memchr` to its first byte, `memcmp` for the rest
    /// (glibc's `memmem` is not visible to Swift without _GNU_SOURCE).
    private static func find(_ pattern: [UInt8], in bytes: UnsafePointer<UInt8>, from: Int, to end: Int) -> Int? {
        var position = from
        while end - position >= pattern.count {
            guard let hit = memchr(bytes + position, Int32(pattern[0]), end - position - pattern.count + 1) else { return nil }
            let offset = UnsafeRawPointer(hit) - UnsafeRawPointer(bytes)
            if memcmp(bytes + offset, pattern, pattern.count) == 0 { return offset }
            position = offset + 1
        }
        return nil
    }
}
