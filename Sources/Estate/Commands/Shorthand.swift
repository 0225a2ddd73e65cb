/// The AWS CLI's shorthand syntax for structured parameters.
///
/// `Name=instance-state-name,Values=running,stopped` is an object whose `Values` collects the bare
/// words after it; `Tags=[{Key=Name,Value=web}]` nests lists and objects; values may be quoted.
/// The result is untyped; `ShapeCoercion` then fits it to the parameter's shape.
public enum Shorthand {
    public struct Failure: Error, Equatable, Sendable {
        public let message: String
    }

    public static func parse(_ text: String) throws(Failure) -> JSONValue {
        var p = Parser(Array(text))
        let value = try p.pairs(closing: nil)
        guard p.atEnd else { throw Failure(message: "unexpected '\(p.peek!)' at position \(p.i + 1) in '\(text)'") }
        return value
    }

    /// Whether a word looks like shorthand (`key=…`) rather than a plain value.
    public static func looksLikeShorthand(_ text: String) -> Bool {
        guard let eq = text.firstIndex(of: "=") else { return false }
        let key = text[..<eq]
        return !key.isEmpty && key.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ":" || $0 == "." }
    }

    private struct Parser {
        let s: [Character]
        var i = 0
        init(_ s: [Character]) { self.s = s }
        var atEnd: Bool { i >= s.count }
        var peek: Character? { i < s.count ? s[i] : nil }

        /// `k=v,k=v,…` up to `closing` (or the end); bare words extend the previous key into a list.
        mutating func pairs(closing: Character?) throws(Failure) -> JSONValue {
            var pairs: [(String, JSONValue)] = []
            while !atEnd && peek != closing {
                let word = try scalar(stopAt: closing, allowEquals: false)
                if peek == "=" {
                    i += 1
                    let value = try value(closing: closing)
                    if let existing = pairs.firstIndex(where: { $0.0 == word }) {
                        throw Failure(message: "key '\(word)' appears twice (position \(existing + 1))")
                    }
                    pairs.append((word, value))
                } else {
                    guard let last = pairs.popLast() else {
                        throw Failure(message: "expected key=value, found '\(word)'")
                    }
                    switch last.1 {
                    case let .array(items): pairs.append((last.0, .array(items + [.string(word)])))
                    default: pairs.append((last.0, .array([last.1, .string(word)])))
                    }
                }
                if peek == "," { i += 1 } else if peek != closing && !atEnd {
                    throw Failure(message: "expected ',' at position \(i + 1)")
                }
            }
            return .object(pairs)
        }

        mutating func value(closing: Character?) throws(Failure) -> JSONValue {
            switch peek {
            case "[":
                i += 1
                var items: [JSONValue] = []
                while peek != "]" {
                    guard !atEnd else { throw Failure(message: "missing ']'") }
                    items.append(try value(closing: "]"))
                    if peek == "," { i += 1 }
                }
                i += 1
                return .array(items)
            case "{":
                i += 1
                let object = try pairs(closing: "}")
                guard peek == "}" else { throw Failure(message: "missing '}'") }
                i += 1
                return object
            default:
                return .string(try scalar(stopAt: closing, allowEquals: true))
            }
        }

        /// A plain or quoted word, ending at `,`, `=` (for keys) or the closing bracket.
        mutating func scalar(stopAt closing: Character?, allowEquals: Bool) throws(Failure) -> String {
            if let q = peek, q == "\"" || q == "'" {
                i += 1
                var out = ""
                while let c = peek, c != q {
                    if c == "\\", q == "\"", i + 1 < s.count { i += 1 }
                    out.append(s[i]); i += 1
                }
                guard peek == q else { throw Failure(message: "unterminated quote") }
                i += 1
                return out
            }
            var out = ""
            while let c = peek, c != ",", c != closing, allowEquals || c != "=" {
                if closing == nil && (c == "]" || c == "}") { break }
                out.append(c); i += 1
            }
            return out
        }
    }
}
