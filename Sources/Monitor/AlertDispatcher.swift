import Config
import Fetcher
import Foundation
import Logging
import Store
#if canImport(Glibc)
import Glibc
#endif

/// Delivers queued alerts to their sinks, at least once: a delivery is marked done only after the
/// sink has it, and failures are retried with backoff. The JSON Lines sink is also exactly once: before
/// appending it looks for the alert's idempotency key at the end of the file, where a crash between
/// writing and marking would have left it.
struct AlertDispatcher: Sendable {
    let configuration: Configuration
    let store: Store
    let fetcher: Fetcher
    let logger: Logger
    let rules: AlertRules
    var metrics: DaemonMetrics? = nil
    static let maxAttempts = 12

    /// Summarises throttled rules, then delivers everything due, each sink beside the others. Returns
    /// how many deliveries succeeded. (`run` in the daemon calls the two steps itself, per sink.)
    @discardableResult
    func run(at now: Date = Date()) async -> Int {
        await prepare(at: now)
        return await withTaskGroup(of: Int.self) { group in
            for sink in configuration.sinks { group.addTask { await deliver(sink: sink, at: now) } }
            return await group.reduce(0, +)
        }
    }

    /// Before a round: throttled rules' summaries are queued, and deliveries to sinks that are no
    /// longer configured are given up (logged), so that they do not wait for ever.
    func prepare(at now: Date = Date()) async {
        do {
            for group in try await store.groupsToSummarize(at: now) {
                if let summary = rules.summary(rule: group.rule, payloads: group.payloads, at: now) {
                    try await store.summarize(rule: group.rule, summary: summary, at: now)
                }
            }
        } catch {
            logger.error("could not summarise throttled alerts", metadata: ["error": "\(error)"])
        }
        for orphan in (try? await store.dueDeliveries(at: now, except: configuration.sinks.map(\.id))) ?? [] {
            let subject = Self.subject(of: orphan)
            logger.error("alert not delivered: its sink is no longer configured", metadata: subject)
            try? await store.markFailed(orphan, error: "no sink \"\(orphan.sinkID)\" in the configuration",
                                        retryAt: now.addingTimeInterval(3600), maxAttempts: 1)
        }
    }

    /// One sink's due deliveries, oldest first, until one fails: the rest wait for the next round, so
    /// a dead endpoint costs one timeout per round, not one per queued alert. Each sink is delivered
    /// on its own, so a webhook that hangs holds up neither the file nor the other sinks. Returns how
    /// many succeeded.
    func deliver(sink: Configuration.Sink, at now: Date = Date()) async -> Int {
        var delivered = 0
        for delivery in (try? await store.dueDeliveries(at: now, sink: sink.id)) ?? [] {
            var subject = Self.subject(of: delivery)
            let (outcome, retryAfter) = await deliver(delivery, to: sink)
            metrics?.delivery(sink: sink.id, delivered: outcome == nil)
            do {
                if let error = outcome {
                    // Backoff, or later when the endpoint said so (429/503 Retry-After); an hour at most.
                    let wait = min(3600, max(retryAfter ?? 0, sink.retryDelay * pow(2, Double(delivery.attempts))))
                    // From the moment it failed, not the round's start: a slow attempt must not eat into the wait.
                    try await store.markFailed(delivery, error: error, retryAt: Date().addingTimeInterval(wait), maxAttempts: Self.maxAttempts)
                    subject.merge(["error": "\(error)", "attempt": "\(delivery.attempts + 1)"]) { _, new in new }
                    logger.warning("alert not delivered", metadata: subject)
                    return delivered
                }
                try await store.markDelivered(delivery, at: Date())
                logger.info("alert delivered", metadata: subject)
                delivered += 1
            } catch {
                subject["error"] = "\(error)"
                logger.error("could not record a delivery", metadata: subject)
                return delivered
            }
        }
        return delivered
    }

    /// nil when delivered, else why not, with the delay the endpoint asked for, if any.
    private func deliver(_ delivery: Delivery, to sink: Configuration.Sink) async -> (error: String?, retryAfter: TimeInterval?) {
        switch sink.kind {
        case .jsonl:
            return (Self.appendLine(delivery.payload, key: delivery.idempotencyKey, to: sink.path ?? "alerts.jsonl"), nil)
        case .stdout:
            FileHandle.standardOutput.write(Data((delivery.payload + "\n").utf8))
            return (nil, nil)
        case .webhook:
            var limits = configuration.fetch.limits
            limits.totalTimeout = sink.timeout
            let result = await fetcher.fetch(FetchRequest(url: sink.url ?? "", limits: limits, postBody: Array(delivery.payload.utf8),
                                                          postContentType: "application/json",
                                                          privateNetworks: configuration.fetch.privateNetworks(trusting: sink.url ?? "")))
            let retryAfter = result.headers.retryAfter?.delay()
            if let error = result.error { return (error.description, retryAfter) }
            return ((200..<300).contains(result.status) ? nil : "HTTP \(result.status)", retryAfter)
        case .command:
            return (await Self.runCommand(sink.command ?? [], input: delivery.payload, timeout: sink.timeout), nil)
        }
    }

    /// Appends one line, unless the key is already in the file's last 256 KB; flushed to disk first.
    /// A write that fails part-way (a full disk) is cut off again, so the file only ever holds whole
    /// lines and the retry appends a clean one; a file left without its final newline (power lost
    /// mid-write) gets one first, so the new line never fuses with the broken one.
    static func appendLine(_ line: String, key: String, to path: String) -> String? {
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
                return nil // written before a crash kept it from being marked
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

    /// Runs the command with the alert on standard input; killed after `timeout` seconds.
    static func runCommand(_ command: [String], input: String, timeout: TimeInterval) async -> String? {
        guard let executable = command.first else { return "empty command" }
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: executable)
                process.arguments = Array(command.dropFirst())
                let stdin = Pipe()
                process.standardInput = stdin
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                do { try process.run() } catch {
                    continuation.resume(returning: "cannot run \(executable): \(error)")
                    return
                }
                let watchdog = DispatchWorkItem { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
                DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
                stdin.fileHandleForWriting.write(Data(input.utf8))
                try? stdin.fileHandleForWriting.close()
                process.waitUntilExit()
                watchdog.cancel()
                if process.terminationReason == .uncaughtSignal { continuation.resume(returning: "killed after \(timeout) s"); return }
                continuation.resume(returning: process.terminationStatus == 0 ? nil : "exit status \(process.terminationStatus)")
            }
        }
    }

    /// What a delivery's log lines name: the feed URL, the item's id and link, the rule, the sink and
    /// the idempotency key, so that a person reading the journal need not decode the key.
    static func subject(of delivery: Delivery) -> Logger.Metadata {
        var metadata: Logger.Metadata = ["sink": "\(delivery.sinkID)", "key": "\(delivery.idempotencyKey)"]
        guard let object = try? JSONSerialization.jsonObject(with: Data(delivery.payload.utf8)) as? [String: Any] else { return metadata }
        if let url = (object["feed"] as? [String: Any])?["url"] as? String { metadata["feed"] = "\(url)" }
        let item = object["item"] as? [String: Any]
        if let id = item?["id"] as? String { metadata["item"] = "\(id)" }
        if let link = item?["link"] as? String, !link.isEmpty { metadata["link"] = "\(link)" }
        if let rule = object["rule"] as? String { metadata["rule"] = "\(rule)" }
        return metadata
    }
}
