import Foundation

/// Runs the built `feedwatch` executable as a real process, for the command-line tests of every module.
public enum FeedwatchProcess {
    public struct Run: Sendable {
        public let status: Int32
        public let stdout: Data
        public let stderr: String
        public var output: String { String(decoding: stdout, as: UTF8.self) }
    }

    /// The executable beside the test bundle in the build folder.
    public static var binary: URL {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        if folder.lastPathComponent.hasSuffix(".xctest") { folder = folder.deletingLastPathComponent() }
        return folder.appendingPathComponent("feedwatch")
    }

    public static var isBuilt: Bool { FileManager.default.isExecutableFile(atPath: binary.path) }

    /// `run` on a dispatch thread: waiting for the child must not block Swift concurrency's few
    /// threads, which an in-process test server needs to answer that very child.
    /// `environment`: variables set for the child only (beside the test process's own).
    public static func runDetached(
        _ arguments: [String], stdin: Data? = nil, timeout: TimeInterval = 60, environment: [String: String] = [:]
    ) async throws -> Run {
        try await blockingWork { try run(arguments, stdin: stdin, timeout: timeout, environment: environment) }
    }

    /// Runs `feedwatch ARGUMENTS`, feeding `stdin`, and waits for it (killed after `timeout` seconds).
    public static func run(
        _ arguments: [String], stdin: Data? = nil, timeout: TimeInterval = 60, environment: [String: String] = [:]
    ) throws -> Run {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        let watchdog = DispatchWorkItem { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        watchdog.cancel()
        return Run(status: process.terminationStatus, stdout: stdout, stderr: String(decoding: stderr, as: UTF8.self))
    }
}

/// Runs work that blocks (waiting for a process: a server's start, a browser) on a thread of its own,
/// off Swift concurrency's few threads: on 2 cores a test blocking them starves every in-process test
/// server of the suites running beside it (seen: loopback servers not started within 5 s while
/// PostgreSQL was being initialised).
public func blockingWork<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
    }
}
