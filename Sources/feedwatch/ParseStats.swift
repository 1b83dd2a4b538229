import ArgumentParser
import FeedCore
import FeedParser
import Foundation

/// `feedwatch parse --stats FILE…`: whole-process throughput and memory for benchmarks.
enum ParseStats {
    static func run(paths: [String], options: ParseOptions) throws {
        let baselineRSS = ProcessUsage.residentMemory().now
        var totalBytes = 0, totalEntries = 0, files = 0, failures = 0
        var parseSeconds = 0.0
        for path in paths {
            let bytes = try DocumentInput.read(path, limit: options.limits.maxDocumentBytes)
            let clock = ContinuousClock()
            let started = clock.now
            do {
                let parsed = try FeedParser.parse(bytes, options: options)
                parseSeconds += (clock.now - started).seconds
                print("\(parsed.entries.count)\t\(parsed.wellFormed ? "well-formed" : "recovered")\t\(bytes.count)\t\(path)")
                totalEntries += parsed.entries.count
            } catch {
                parseSeconds += (clock.now - started).seconds
                print("0\terror\t\(bytes.count)\t\(path)\t\(error)")
                failures += 1
            }
            totalBytes += bytes.count
            files += 1
        }
        let megabytes = Double(totalBytes) / 1_000_000
        let peakRSS = ProcessUsage.residentMemory().peak
        print(
            String(
                format: "total: %d files, %d entries, %d bytes, %d failed, %.3f s parsing, %.1f MB/s, %.0f feeds/s",
                files, totalEntries, totalBytes, failures, parseSeconds,
                megabytes / max(parseSeconds, 1e-9), Double(files) / max(parseSeconds, 1e-9)))
        print(
            String(
                format: "memory: peak RSS %.1f MB, %.1f MB above the %.1f MB at start",
                Double(peakRSS) / 1e6, Double(peakRSS - baselineRSS) / 1e6, Double(baselineRSS) / 1e6))
        if failures == files { throw ExitCode(65) }
    }
}
