/// The closed sets of choices the configuration file offers, as types: a misspelt value is caught
/// where the file is read (with its path and line), and the code that acts on it has every case.

/// `logLevel`: how much the daemon logs (swift-log's levels).
public enum LogLevel: String, CaseIterable, Sendable {
    case trace, debug, info, notice, warning, error, critical
}

/// `digest.formats`: the files each day's digest is written as.
public enum DigestFormat: String, CaseIterable, Sendable {
    case md, html, json
}

/// `alerts.backfill`: whether the items a feed already holds when it is first polled raise alerts.
public enum BackfillMode: String, CaseIterable, Sendable {
    /// They are stored, extracted and counted in digests, but alert nobody: only what is new from then on does.
    case quiet
    /// The first poll alerts like any other (still within `alerts.maxAgeHours`).
    case alert
}

/// A rule's `match`: one listed actor or topic is enough ("any"), or every one must appear ("all").
public enum MatchMode: String, CaseIterable, Sendable {
    case any, all
}
