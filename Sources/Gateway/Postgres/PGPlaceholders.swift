import Estate

/// `$1`, `$2`, … in a statement: how many it uses, and the statement with each replaced by a
/// literal.
///
/// The leader runs SQL text, so bound parameters become literals here, after they were checked
/// and quoted (`PGValueCodec.literal`). Placeholders inside string literals, quoted identifiers
/// and comments are left alone, as PostgreSQL's lexer does.
enum PGPlaceholders {
    /// The highest placeholder number the statement uses (0 for none).
    static func count(in sql: String) -> Int {
        var highest = 0
        scan(sql) { number, _ in highest = max(highest, number); return nil }
        return highest
    }

    /// The statement with `$n` replaced by `literals[n - 1]`; a number past the end is an error.
    static func substitute(_ sql: String, _ literals: [String]) throws(SQLError) -> String {
        var missing: Int?
        let out = scan(sql) { number, position in
            guard number >= 1, number <= literals.count else {
                if missing == nil { missing = position }
                return nil
            }
            return literals[number - 1]
        }
        if let missing {
            throw SQLError("08P01", "the statement uses a parameter that was not bound (\(literals.count) bound)", position: missing)
        }
        return out
    }

    /// Walks the text; `replace(number, 1-based position)` answers what to put instead of a
    /// placeholder (nil keeps it).
    @discardableResult
    private static func scan(_ sql: String, _ replace: (Int, Int) -> String?) -> String {
        let chars = Array(sql.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        func copy(until end: Int) { out.append(contentsOf: chars[i..<min(end, chars.count)]); i = min(end, chars.count) }
        while i < chars.count {
            let c = chars[i]
            switch c {
            case "'", "\"":
                // A quoted string or identifier; a doubled quote stays inside it.
                var j = i + 1
                while j < chars.count {
                    if chars[j] == c {
                        if j + 1 < chars.count, chars[j + 1] == c { j += 2; continue }
                        break
                    }
                    j += 1
                }
                copy(until: j + 1)
            case "-" where i + 1 < chars.count && chars[i + 1] == "-":
                var j = i
                while j < chars.count, chars[j] != "\n" { j += 1 }
                copy(until: j)
            case "/" where i + 1 < chars.count && chars[i + 1] == "*":
                var j = i + 2
                while j + 1 < chars.count, !(chars[j] == "*" && chars[j + 1] == "/") { j += 1 }
                copy(until: j + 2)
            case "$" where i + 1 < chars.count && ("0"..."9").contains(chars[i + 1]) && (i == 0 || !isWordScalar(chars[i - 1])):
                var j = i + 1
                while j < chars.count, ("0"..."9").contains(chars[j]) { j += 1 }
                let number = Int(String(String.UnicodeScalarView(chars[(i + 1)..<j]))) ?? 0
                if let literal = replace(number, i + 1) {
                    out.append(contentsOf: literal.unicodeScalars)
                    i = j
                } else {
                    copy(until: j)
                }
            default:
                out.append(c)
                i += 1
            }
        }
        return String(out)
    }

    private static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        s.properties.isAlphabetic || ("0"..."9").contains(s) || s == "_"
    }
}
