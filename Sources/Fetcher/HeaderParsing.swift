import FeedCore
import Foundation

/// Reads the response headers feedwatch acts on.
enum HeaderParsing {
    static func headers(from lines: [(name: String, value: String)]) -> ResponseHeaders {
        var headers = ResponseHeaders(all: lines)
        for (name, value) in lines {
            switch name {
            case "etag": headers.etag = value
            case "last-modified": headers.lastModified = value
            case "content-type": headers.contentType = value
            case "content-encoding": headers.contentEncoding = value
            case "retry-after": headers.retryAfter = retryAfter(value)
            case "cache-control": headers.maxAge = maxAge(value) ?? headers.maxAge
            case "expires": headers.expires = FeedDate.parse(value)
            default: break
            }
        }
        return headers
    }

    /// `Retry-After: 120` or `Retry-After: Fri, 31 Dec 1999 23:59:59 GMT`.
    static func retryAfter(_ value: String) -> RetryAfter? {
        let trimmed = value.trimmingASCIIWhitespace()
        if let seconds = Int(trimmed) { return seconds >= 0 ? .seconds(seconds) : nil }
        return FeedDate.parse(trimmed).map(RetryAfter.date)
    }

    /// The `max-age` directive of Cache-Control (0 for `no-cache` / `no-store`).
    static func maxAge(_ value: String) -> Int? {
        var result: Int?
        for directive in value.split(separator: ",") {
            let parts = directive.split(separator: "=", maxSplits: 1).map { $0.trimmingASCIIWhitespace().asciiLowercased() }
            switch parts[0] {
            case "max-age":
                if parts.count == 2, let seconds = Int(parts[1].trimmingQuotesIfAny()), seconds >= 0 { result = seconds }
            case "no-cache", "no-store":
                result = result ?? 0
            default:
                break
            }
        }
        return result
    }
}

extension String {
    fileprivate func trimmingQuotesIfAny() -> String {
        hasPrefix("\"") && hasSuffix("\"") && count >= 2 ? String(dropFirst().dropLast()) : self
    }
}
