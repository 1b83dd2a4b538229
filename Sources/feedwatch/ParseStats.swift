import ArgumentParser
import CMalloc
import FeedCore
import FeedParser
import Foundation

/// `feedwatch parse --stats FILE…`: whole-process throughput and memory for benchmarks.
enum ParseStats {
    /// `parse --stats [--base-url U] [--content-type T] FILE…` with many files and nothing else.
    struct Invocation {
        var paths: [String] = []
        var options = ParseOptions()

        init?(arguments: [String], atLeast minimum: Int = 64) {
            guard arguments.count > minimum, arguments.first == "parse", arguments.contains("--stats") else { return nil }
            var index = 1
            while index < arguments.count {
                let argument = arguments[index]
                switch argument {
                case "--stats": break
                case "--base-url", "--content-type":
                    guard index + 1 < arguments.count else { return nil }
                    index += 1
                    if argument == "--base-url" { options.baseURL = arguments[index] } else { options.contentType = arguments[index] }
                default:
                    // Anything else that looks like an option (help, network options, `--`): the full parser.
                    guard argument == "-" || !argument.hasPrefix("-") else { return nil }
                    paths.append(argument)
                }
                index += 1
            }
            guard !paths.isEmpty else { return nil }
        }
    }

    static func run(paths: [String], options: ParseOptions) throws {
        fw_keep_freed_memory()  // ~3 % of the time over the corpus went to page faults on reused memory
        let baselineRSS = ProcessUsage.residentMemory().now
        var totalBytes = 0, totalEntries = 0, files = 0, failures = 0
        var parseSeconds = 0.0
        for path in paths {
            let bytes = try DocumentInput.bytes(path, limit: options.limits.maxDocumentBytes)
            let clock = ContinuousClock()
            let started = clock.now
            do {
                // Entries counted as they come and dropped: memory stays at the document and one entry.
                var entries = 0
                let parsed = try bytes.withUnsafeBytes { try FeedParser.parse($0, options: options) { _ in entries += 1 } }
                parseSeconds += (clock.now - started).seconds
                print("\(entries)\t\(parsed.wellFormed ? "well-formed" : "recovered")\t\(bytes.count)\t\(path)")
                totalEntries += entries
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
