/// Splits a command line into words the way a POSIX shell would for simple cases.
///
/// Single quotes keep everything literally; double quotes allow backslash escapes of `"`, `\`, `$`
/// and `` ` `` (and keep other backslashes, as sh does); outside quotes a backslash escapes the next
/// character. `#` starts a comment at the beginning of a word, so script files can be annotated.
public enum Tokenizer {
    public struct Token: Equatable, Sendable {
        public let text: String
        /// Column (0-based, in characters) where the word starts, for error messages.
        public let column: Int
    }

    public struct Failure: Error, Equatable, Sendable {
        public let message: String
        public let column: Int
    }

    public static func split(_ line: String) throws(Failure) -> [Token] {
        var tokens: [Token] = []
        var current = ""
        var start: Int? = nil
        var quote: Character? = nil
        var quoteStart = 0
        var escaping = false
        for (column, ch) in line.enumerated() {
            if escaping {
                current.append(ch)
                escaping = false
                continue
            }
            if let q = quote {
                if ch == q {
                    quote = nil
                } else if q == "\"" && ch == "\\" {
                    escaping = true
                    // sh keeps the backslash unless it escapes one of these.
                    if let next = line.dropFirst(column + 1).first, !"\"\\$`".contains(next) { current.append("\\") }
                } else {
                    current.append(ch)
                }
                continue
            }
            switch ch {
            case " ", "\t", "\r", "\n":
                if let s = start { tokens.append(Token(text: current, column: s)) }
                current = ""; start = nil
            case "'", "\"":
                if start == nil { start = column }
                quote = ch; quoteStart = column
            case "\\":
                if start == nil { start = column }
                escaping = true
            case "#" where start == nil:
                return tokens
            default:
                if start == nil { start = column }
                current.append(ch)
            }
        }
        if quote != nil {
            throw Failure(message: "unterminated \(quote == "'" ? "single" : "double") quote", column: quoteStart)
        }
        if escaping { current.append("\\") }
        if let s = start { tokens.append(Token(text: current, column: s)) }
        return tokens
    }
}
