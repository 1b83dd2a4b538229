/// A topic rule: words, "phrases", trailing-`*` wildcards, AND / OR / NOT, parentheses, NEAR/n and
/// `title:`. Adjacent terms without an operator are ANDed; NOT binds tightest, then NEAR, AND, OR.
public indirect enum TopicQuery: Sendable, Equatable {
    /// A word, matched with its inflections (sanction, sanctions, sanctioned).
    case word(String)
    /// A word prefix (`sanction*`), matched against the normalised word.
    case prefix(String)
    /// Consecutive words, each matched with its inflections.
    case phrase([String])
    case and(TopicQuery, TopicQuery)
    case or(TopicQuery, TopicQuery)
    case not(TopicQuery)
    /// Both sides within `distance` words of each other.
    case near(TopicQuery, TopicQuery, distance: Int)
    /// Only the title is searched.
    case title(TopicQuery)

    public static func parse(_ text: String) throws -> TopicQuery {
        var parser = TopicQueryParser(text)
        return try parser.parse()
    }
}

/// Where and why a query could not be read; `position` is a 1-based character column.
public struct TopicQueryError: Error, Sendable, Equatable, CustomStringConvertible {
    public var position: Int
    public var message: String
    public var description: String { "query column \(position): \(message)" }
}

private struct TopicQueryParser {
    enum TokenKind: Equatable { case word(String), phrase(String), open, close, and, or, not, near(Int), title, end }
    struct Lexeme { var kind: TokenKind; var position: Int }

    private var lexemes: [Lexeme] = []
    private var index = 0
    private let text: String

    init(_ text: String) { self.text = text }

    mutating func parse() throws -> TopicQuery {
        lexemes = try lex()
        guard lexemes.count > 1 else { throw TopicQueryError(position: 1, message: "empty query") }
        let query = try parseOr()
        if case .end = current.kind { return query }
        throw TopicQueryError(position: current.position, message: "unexpected \(describe(current.kind))")
    }

    private var current: Lexeme { lexemes[index] }

    private mutating func parseOr() throws -> TopicQuery {
        var left = try parseAnd()
        while case .or = current.kind {
            index += 1
            left = .or(left, try parseAnd())
        }
        return left
    }

    private mutating func parseAnd() throws -> TopicQuery {
        var left = try parseNear()
        while true {
            switch current.kind {
            case .and:
                index += 1
                left = .and(left, try parseNear())
            case .word, .phrase, .open, .not, .title:
                left = .and(left, try parseNear())  // implicit AND
            default:
                return left
            }
        }
    }

    private mutating func parseNear() throws -> TopicQuery {
        var left = try parseUnary()
        while case let .near(distance) = current.kind {
            index += 1
            left = .near(left, try parseUnary(), distance: distance)
        }
        return left
    }

    private mutating func parseUnary() throws -> TopicQuery {
        switch current.kind {
        case .not:
            index += 1
            return .not(try parseUnary())
        case .title:
            index += 1
            return .title(try parseUnary())
        case .open:
            let open = current.position
            index += 1
            let inner = try parseOr()
            guard case .close = current.kind else {
                throw TopicQueryError(position: open, message: "this parenthesis is never closed")
            }
            index += 1
            return inner
        case let .word(word):
            index += 1
            let words = Normalization.tokens(of: word)
            if word.hasSuffix("*") {
                guard words.count == 1 else {
                    throw TopicQueryError(position: lexemes[index - 1].position, message: "a wildcard needs letters before the *")
                }
                return .prefix(words[0])
            }
            guard !words.isEmpty else {
                throw TopicQueryError(position: lexemes[index - 1].position, message: "\"\(word)\" has no letters or digits")
            }
            return words.count == 1 ? .word(words[0]) : .phrase(words)
        case let .phrase(phrase):
            index += 1
            let words = Normalization.tokens(of: phrase)
            guard !words.isEmpty else { throw TopicQueryError(position: lexemes[index - 1].position, message: "empty phrase") }
            return words.count == 1 ? .word(words[0]) : .phrase(words)
        default:
            throw TopicQueryError(
                position: current.position, message: "expected a word, a \"phrase\" or (, found \(describe(current.kind))")
        }
    }

    private func describe(_ kind: TokenKind) -> String {
        switch kind {
        case .word(let w): return "\"\(w)\""
        case .phrase(let p): return "\"\(p)\""
        case .open: return "("
        case .close: return ")"
        case .and: return "AND"
        case .or: return "OR"
        case .not: return "NOT"
        case .near(let n): return "NEAR/\(n)"
        case .title: return "title:"
        case .end: return "the end of the query"
        }
    }

    /// Habits from search engines that this grammar would read otherwise than meant: a lower-case
    /// operator is a word to search for, "-word" is not NOT, NEAR needs a distance.
    static func lint(_ word: String) -> String? {
        let lower = word.lowercased()
        if ["and", "or", "not"].contains(lower), word != word.uppercased() {
            return "operators are written in capitals: write \(word.uppercased()) (or \"\(word)\" in quotes to search for the word)"
        }
        if lower == "near" || (lower.hasPrefix("near/") && !word.hasPrefix("NEAR/")) {
            return "write NEAR/n in capitals with the most words between, as in NEAR/10"
        }
        if word == "|" || word == "||" { return "write OR instead of \(word)" }
        if word == "&" || word == "&&" { return "write AND instead of \(word)" }
        if word.count > 1, word.hasPrefix("-") || word.hasPrefix("−") {
            return "\"\(word)\" does not exclude: write NOT \(word.dropFirst()) (or \"\(word)\" in quotes)"
        }
        if word.count > 1, word.hasPrefix("+") {
            return "\"\(word)\": words side by side must all match already; drop the +"
        }
        return nil
    }

    private func lex() throws -> [Lexeme] {
        var result: [Lexeme] = []
        let characters = Array(text)
        var i = 0
        while i < characters.count {
            let c = characters[i]
            let position = i + 1
            if c.isWhitespace { i += 1; continue }
            if c == "(" { result.append(Lexeme(kind: .open, position: position)); i += 1; continue }
            if c == ")" { result.append(Lexeme(kind: .close, position: position)); i += 1; continue }
            if c == "\"" || c == "“" || c == "”" {
                var j = i + 1
                while j < characters.count, characters[j] != "\"", characters[j] != "”", characters[j] != "“" { j += 1 }
                guard j < characters.count else { throw TopicQueryError(position: position, message: "this quote is never closed") }
                result.append(Lexeme(kind: .phrase(String(characters[(i + 1)..<j])), position: position))
                i = j + 1
                continue
            }
            var j = i
            while j < characters.count, !characters[j].isWhitespace, !"()\"“”".contains(characters[j]) { j += 1 }
            let word = String(characters[i..<j])
            i = j
            if let hint = Self.lint(word) { throw TopicQueryError(position: position, message: hint) }
            switch word {
            case "AND": result.append(Lexeme(kind: .and, position: position))
            case "OR": result.append(Lexeme(kind: .or, position: position))
            case "NOT": result.append(Lexeme(kind: .not, position: position))
            default:
                if word.hasPrefix("NEAR/") {
                    guard let n = Int(word.dropFirst(5)), n > 0, n <= 1000 else {
                        throw TopicQueryError(position: position, message: "NEAR needs a distance from 1 to 1000, as in NEAR/10")
                    }
                    result.append(Lexeme(kind: .near(n), position: position))
                } else if word.lowercased() == "title:" {
                    result.append(Lexeme(kind: .title, position: position))
                } else if word.lowercased().hasPrefix("title:") {
                    result.append(Lexeme(kind: .title, position: position))
                    result.append(Lexeme(kind: .word(String(word.dropFirst(6))), position: position + 6))
                } else {
                    if word.dropLast().contains("*") {
                        throw TopicQueryError(position: position, message: "* is allowed only at the end of a word")
                    }
                    result.append(Lexeme(kind: .word(word), position: position))
                }
            }
        }
        result.append(Lexeme(kind: .end, position: characters.count + 1))
        return result
    }
}
