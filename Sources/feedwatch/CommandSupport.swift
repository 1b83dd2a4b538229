import ArgumentParser
import Config
import Extractor
import Foundation
import Logging
import Monitor
import Service
import Store

/// Loads a configuration for a command, exiting 78 (EX_CONFIG) with every problem on stderr.
enum ConfigurationInput {
    /// "7d", "12h", "30m" in seconds (for --since); nil for anything else.
    static func duration(_ text: String) -> TimeInterval? {
        guard let amount = Double(text.dropLast()), amount >= 0, let unit = text.last,
            let scale = ["d": 86400.0, "h": 3600, "m": 60][String(unit)]
        else { return nil }
        return amount * scale
    }

    /// `--config`'s help: every command that reads the configuration takes it the same way.
    static let help = ArgumentHelp("The configuration file (default: $FEEDWATCH_CONFIG, else /etc/feedwatch/config.json).")

    /// Where the configuration is when no `--config` is given.
    static var defaultPath: String {
        if let path = ProcessInfo.processInfo.environment["FEEDWATCH_CONFIG"], !path.isEmpty { return path }
        return "/etc/feedwatch/config.json"
    }

    /// The configuration at `path` (nil: `defaultPath`), or exit 78 with every problem on stderr.
    static func load(_ path: String?) throws -> Configuration {
        do {
            return try Configuration.load(path: path ?? defaultPath)
        } catch let errors as ConfigErrors {
            FileHandle.standardError.write(Data((errors.description + "\n").utf8))
            throw ExitCode(78)
        }
    }

    static func logger(level: LogLevel) -> Logger {
        var logger = Logger(label: "feedwatch") { label in LineLogHandler.standardError(label: label) }
        logger.logLevel = Logger.Level(rawValue: level.rawValue) ?? .info
        return logger
    }
}

extension InstanceLock {
    /// The lock on the SQLite file, or exit 75 (EX_TEMPFAIL) with the reason on stderr. None on
    /// PostgreSQL: there the database keeps instances apart (each takes its name when it starts).
    static func acquireOrExit(_ configuration: Configuration) throws -> InstanceLock? {
        guard !configuration.sharedDatabase else { return nil }
        return try acquireOrExit(database: configuration.storagePath)
    }

    /// The lock, or exit 75 (EX_TEMPFAIL) with the reason on stderr.
    static func acquireOrExit(database: String) throws -> InstanceLock {
        do {
            return try InstanceLock(database: database)
        } catch {
            FileHandle.standardError.write(Data("feedwatch: \(error)\n".utf8))
            throw ExitCode(75)
        }
    }
}

extension Daemon {
    /// The daemon over its database, or exit 74 (EX_IOERR) with the reason logged: a database that
    /// cannot be opened (damaged, disk full, no permission) is for the person running feedwatch to fix.
    /// A PostgreSQL server that cannot be reached (down, restarting, refusing the login) is tried
    /// again, 1 s doubling to 30 s, each failure logged: the daemon waits for it rather than exit.
    static func startOrExit(configuration: Configuration, logger: Logger, checkWholeFile: Bool = true) async throws -> Daemon {
        var wait = 1.0
        while true {
            do {
                return try await Daemon(configuration: configuration, logger: logger, checkWholeFile: checkWholeFile)
            } catch let error where configuration.sharedDatabase && (error is PGError || error is StoreError) {
                logger.error("cannot start; trying again", metadata: ["error": "\(error)", "retryIn": "\(Int(wait))s"])
                try await Task.sleep(for: .seconds(wait))
                wait = min(30, wait * 2)
            } catch {
                logger.critical("cannot start", metadata: ["error": "\(error)"])
                throw ExitCode(74)
            }
        }
    }
}
