import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The JSON Lines file sink: one alert per line, exactly once.
enum JSONLinesSink {
    /// Appends one line, unless the key is already in the file's last 256 KB; flushed to disk first.
    /// A write that fails part-way (a full disk) is cut off again, so the file only ever holds whole
    /// lines and the retry appends a clean one; a file left without its final newline (power lost
    /// mid-write) gets one first, so the new line never fuses with the broken one.
    static func append(_ line: String, key: String, to path: String) -> String? {
        let url = URL(fileURLWithPath: path)
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o640)
        guard fd >= 0 else { return "cannot open \(path): \(String(cString: strerror(errno)))" }
        defer { close(fd) }
        let size = lseek(fd, 0, SEEK_END)
        let tail = min(Int(size), 256 << 10)
        var endsWithNewline = true
        if tail > 0 {
            var buffer = [UInt8](repeating: 0, count: tail)
            let read = max(0, pread(fd, &buffer, tail, size - off_t(tail)))
            // Only whole lines count: a line cut off by a crash is not a delivered alert.
            let whole = buffer[..<(buffer[..<read].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0)]
            if String(decoding: whole, as: UTF8.self).contains("\"idempotencyKey\":\"\(key)\"") {
                return nil  // written before a crash kept it from being marked
            }
            endsWithNewline = read < tail || buffer[tail - 1] == 0x0A  // a short read tells nothing: add no blank line
        }
        let bytes = Array(((endsWithNewline ? "" : "\n") + line + "\n").utf8)
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
}
