import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The command sink: a program run once per alert, the alert's JSON on its standard input.
enum CommandSink {
    /// Runs the command with the alert on standard input; killed after `timeout` seconds.
    static func run(_ command: [String], input: String, timeout: TimeInterval) async -> String? {
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
}
