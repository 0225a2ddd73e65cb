/// One lexical unit of a SQL statement, with where it starts in the original text.
///
/// The leader rewrites Redshift's dialect token by token, so string literals, quoted identifiers
/// and comments are never mistaken for keywords, and every token keeps its 0-based character
/// offset so an error can point back at the user's own text.
public struct SQLToken: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        /// A bare word: keyword or identifier.
        case word
        /// `"Quoted Identifier"`, text kept with its quotes.
        case quotedIdentifier
        /// `'a string'`, text kept with its quotes.
        case string
        case number
        /// Punctuation and operators: `(`, `)`, `,`, `::`, `<=`, `||`, `;`, …
        case symbol
        case whitespace
        case comment
    }

    public var kind: Kind
    public var text: String
    /// Character offset in the statement the token came from (0-based); -1 for inserted tokens.
    public var offset: Int

    public init(_ kind: Kind, _ text: String, offset: Int = -1) {
        self.kind = kind
        self.text = text
        self.offset = offset
    }

    /// The word upper-cased, for keyword comparisons; empty for anything but a bare word.
    public var keyword: String { kind == .word ? text.uppercased() : "" }

    public func isKeyword(_ k: String) -> Bool { kind == .word && text.caseInsensitiveCompare(k) == .orderedSame }
    public func isSymbol(_ s: String) -> Bool { kind == .symbol && text == s }
    public var isTrivia: Bool { kind == .whitespace || kind == .comment }

    /// An identifier's name as the catalog stores it: bare words lower-cased, quoted ones verbatim.
    public var identifierName: String? {
        switch kind {
        case .word: return text.lowercased()
        case .quotedIdentifier: return String(text.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"")
        default: return nil
        }
    }

    /// The value of a string literal without its quotes.
    public var stringValue: String? {
        guard kind == .string else { return nil }
        return String(text.dropFirst().dropLast()).replacingOccurrences(of: "''", with: "'")
    }

    public static func string(_ value: String) -> SQLToken {
        SQLToken(.string, "'" + value.replacingOccurrences(of: "'", with: "''") + "'")
    }
    public static func word(_ w: String) -> SQLToken { SQLToken(.word, w) }
    public static func symbol(_ s: String) -> SQLToken { SQLToken(.symbol, s) }
    public static let space = SQLToken(.whitespace, " ")
}

/// Splits SQL into tokens: strings, quoted identifiers, `--` and `/* */` comments, numbers,
/// words and operators.
public enum SQLLexer {
    public struct Failure: Error, Equatable, Sendable {
        public let message: String
        /// 0-based character offset.
        public let offset: Int
    }

    private static let twoCharSymbols: Set<String> = ["::", "<=", ">=", "<>", "!=", "||", "==", "<<", ">>", "!~"]

    public static func tokenize(_ sql: String) throws(Failure) -> [SQLToken] {
        let chars = Array(sql)
        var tokens: [SQLToken] = []
        var i = 0
        func isWordStart(_ c: Character) -> Bool { c.isLetter || c == "_" }
        func isWordPart(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" || c == "$" }
        while i < chars.count {
            let c = chars[i]
            let start = i
            if c.isWhitespace {
                while i < chars.count, chars[i].isWhitespace { i += 1 }
                tokens.append(SQLToken(.whitespace, String(chars[start..<i]), offset: start))
            } else if c == "-", i + 1 < chars.count, chars[i + 1] == "-" {
                while i < chars.count, chars[i] != "\n" { i += 1 }
                tokens.append(SQLToken(.comment, String(chars[start..<i]), offset: start))
            } else if c == "/", i + 1 < chars.count, chars[i + 1] == "*" {
                i += 2
                while i + 1 < chars.count, !(chars[i] == "*" && chars[i + 1] == "/") { i += 1 }
                guard i + 1 < chars.count else { throw Failure(message: "unterminated /* comment", offset: start) }
                i += 2
                tokens.append(SQLToken(.comment, String(chars[start..<i]), offset: start))
            } else if c == "'" || c == "\"" {
                i += 1
                var closed = false
                while i < chars.count {
                    if chars[i] == c {
                        if i + 1 < chars.count, chars[i + 1] == c { i += 2; continue }
                        i += 1; closed = true; break
                    }
                    i += 1
                }
                guard closed else {
                    throw Failure(message: "unterminated quoted \(c == "'" ? "string" : "identifier")", offset: start)
                }
                tokens.append(SQLToken(c == "'" ? .string : .quotedIdentifier, String(chars[start..<i]), offset: start))
            } else if c.isNumber || (c == "." && i + 1 < chars.count && chars[i + 1].isNumber) {
                while i < chars.count, chars[i].isNumber || chars[i] == "." { i += 1 }
                if i < chars.count, chars[i] == "e" || chars[i] == "E" {
                    var j = i + 1
                    if j < chars.count, chars[j] == "+" || chars[j] == "-" { j += 1 }
                    if j < chars.count, chars[j].isNumber {
                        i = j
                        while i < chars.count, chars[i].isNumber { i += 1 }
                    }
                }
                tokens.append(SQLToken(.number, String(chars[start..<i]), offset: start))
            } else if isWordStart(c) {
                while i < chars.count, isWordPart(chars[i]) { i += 1 }
                tokens.append(SQLToken(.word, String(chars[start..<i]), offset: start))
            } else if c == "$", i + 1 < chars.count, chars[i + 1].isLetter {
                // Spectrum's pseudo-columns `$path` and `$size`.
                i += 1
                while i < chars.count, isWordPart(chars[i]) { i += 1 }
                tokens.append(SQLToken(.word, String(chars[start..<i]), offset: start))
            } else {
                if i + 1 < chars.count, twoCharSymbols.contains(String(chars[i...i + 1])) {
                    i += 2
                } else {
                    i += 1
                }
                tokens.append(SQLToken(.symbol, String(chars[start..<i]), offset: start))
            }
        }
        return tokens
    }

    /// Joins tokens back into text.
    public static func render(_ tokens: [SQLToken]) -> String {
        var out = ""
        for t in tokens { out += t.text }
        return out
    }

    /// Splits a token list into statements at top-level semicolons, dropping empty ones.
    public static func statements(_ tokens: [SQLToken]) -> [[SQLToken]] {
        var out: [[SQLToken]] = []
        var current: [SQLToken] = []
        for t in tokens {
            if t.isSymbol(";") {
                if current.contains(where: { !$0.isTrivia }) { out.append(current) }
                current = []
            } else {
                current.append(t)
            }
        }
        if current.contains(where: { !$0.isTrivia }) { out.append(current) }
        return out
    }
}
