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

/// A rule's `match`: one listed actor or topic is enough ("any"), or every one must appear ("all").
public enum MatchMode: String, CaseIterable, Sendable {
    case any, all
}
