import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// What this process uses: resident memory and CPU time, for the daemon's metrics, `parse --stats`
/// and the benchmarks (one reader, so that they all count the same thing).
public enum ProcessUsage {
    /// Resident memory now and at its highest so far (VmRSS and VmHWM from /proc/self/status), in
    /// bytes; 0 where there is no /proc.
    public static func residentMemory() -> (now: Int, peak: Int) {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return (0, 0) }
        func field(_ name: String) -> Int {
            guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(name + ":") }) else { return 0 }
            return (Int(String(line.filter(\.isNumber))) ?? 0) * 1024  // "VmRSS:\t  12345 kB"
        }
        return (field("VmRSS"), field("VmHWM"))
    }

    /// User plus system CPU time of this process so far, in seconds.
    public static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}

extension Duration {
    /// The duration in seconds, as a Double (for rates and reports).
    public var seconds: Double {
        let (s, attoseconds) = components
        return Double(s) + Double(attoseconds) / 1e18
    }
}
