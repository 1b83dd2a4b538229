import Fetcher
import Foundation

/// What one attempt to hand an alert to a sink did.
public struct DeliveryOutcome: Sendable, Equatable {
    /// Why a sink did not take an alert, by what failed.
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// The JSON Lines file could not be opened, written or flushed.
        case file(String)
        /// The webhook could not be reached (network, TLS, timeout, …; the fetch error's kind says which).
        case fetch(FetchError)
        /// The webhook answered outside 2xx (without a fetch error: a 1xx or 3xx that ended there).
        case httpStatus(Int)
        /// The command could not run, failed, or was killed at its timeout.
        case command(String)
        /// The SMTP server could not be reached or refused the message.
        case mail(MailError)

        /// A short name for metrics and logs: "file", "http", "command", or the fetch error's kind.
        public var kind: String {
            switch self {
            case .file: "file"
            case .fetch(let error): error.kind.rawValue
            case .httpStatus: "http"
            case .command: "command"
            case .mail: "smtp"
            }
        }

        public var description: String {
            switch self {
            case .file(let reason), .command(let reason): reason
            case .fetch(let error): error.description
            case .httpStatus(let status): "HTTP \(status)"
            case .mail(let error): error.description
            }
        }
    }

    public var sink: String
    /// nil when the sink took the alert.
    public var failure: Failure?
    /// How long the endpoint asked the next attempt to wait (429/503 `Retry-After`).
    public var retryAfter: TimeInterval?

    public var delivered: Bool { failure == nil }

    public init(sink: String, failure: Failure?, retryAfter: TimeInterval? = nil) {
        self.sink = sink
        self.failure = failure
        self.retryAfter = retryAfter
    }
}
