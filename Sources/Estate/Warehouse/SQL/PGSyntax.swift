/// PostgreSQL syntax the leader accepts, as Redshift's does, turned into what `DialectRewriter`
/// and SQLite understand before the rest of the rewrite: the `~` regular-expression operators
/// (also spelled `OPERATOR(pg_catalog.~)`, as psql writes them), `E'…'` strings with backslash
/// escapes, casts to the catalog's object-id types (`::regclass`, `::regtype`, `::oid`), and
/// `information_schema.tables` / `.columns`.
enum PGSyntax {
    /// Words after which `~` is a prefix (bitwise not), not the match operator.
    static let operatorWords: Set<String> = DialectRewriter.nonFunctionWords.union(["CASE", "THEN", "ELSE", "WHEN", "SELECT", "DISTINCT"])

    static func normalize(_ tokens: [SQLToken]) -> [SQLToken] {
        var out: [SQLToken] = []
        var i = 0
        while i < tokens.count {
            let t = tokens[i]
            let next = i + 1 < tokens.count ? tokens[i + 1] : nil
            // OPERATOR(pg_catalog.~) → ~
            if t.keyword == "OPERATOR", next?.isSymbol("(") == true {
                let close = DialectRewriter.matchingParen(tokens, i + 1)
                var inner = Array(tokens[(i + 2)..<close])
                if inner.count >= 2, inner[1].isSymbol(".") { inner.removeFirst(2) }
                if !inner.isEmpty, inner.allSatisfy({ $0.kind == .symbol }) {
                    let op = inner.map(\.text).joined()
                    out += matchOperator(op, offset: t.offset, after: out) ?? [SQLToken(.symbol, op, offset: t.offset)]
                    i = close + 1; continue
                }
            }
            // information_schema.tables → the leader's information_schema_tables
            if t.keyword == "INFORMATION_SCHEMA", next?.isSymbol(".") == true, i + 2 < tokens.count,
               let view = tokens[i + 2].identifierName, ["tables", "columns"].contains(view) {
                out.append(SQLToken(.word, "information_schema_\(view)", offset: t.offset))
                i += 3; continue
            }
            // E'a\nb' → 'a<newline>b'
            if t.kind == .word, t.text == "E" || t.text == "e", let s = next, s.kind == .string, t.offset >= 0, s.offset == t.offset + 1,
               let raw = s.stringValue {
                out.append(SQLToken(.string, SQLToken.string(unescape(raw)).text, offset: t.offset))
                i += 2; continue
            }
            // ::pg_catalog.text → ::text; ::regclass and the other object-id types → lookups.
            if t.isSymbol("::"), let next {
                let j = next.isKeyword("PG_CATALOG") && i + 2 < tokens.count && tokens[i + 2].isSymbol(".") ? i + 3 : i + 1
                if j < tokens.count, ["REGCLASS", "REGTYPE", "OID", "NAME", "REGPROC", "REGNAMESPACE"].contains(tokens[j].keyword) {
                    let start = DialectRewriter.primaryStart(in: out)
                    let expr = Array(out[start...])
                    out.removeSubrange(start...)
                    out += objectIDCast(expr, to: tokens[j].keyword)
                    i = j + 1; continue
                }
                out.append(t)
                i = j; continue
            }
            if t.kind == .symbol, t.text == "~" || t.text == "!~" {
                let insensitive = next?.isSymbol("*") == true && next!.offset == t.offset + t.text.count
                if let replacement = matchOperator(t.text + (insensitive ? "*" : ""), offset: t.offset, after: out) {
                    out += replacement
                    i += insensitive ? 2 : 1; continue
                }
            }
            out.append(t)
            i += 1
        }
        return out
    }

    /// `a ~ b` → `a REGEXP b` (SQLite calls `regexp(b, a)`); nil when `~` is a prefix operator.
    static func matchOperator(_ op: String, offset: Int, after out: [SQLToken]) -> [SQLToken]? {
        guard let previous = out.last else { return nil }
        let operandEnds = previous.isSymbol(")") || previous.kind == .string || previous.kind == .number
            || previous.kind == .quotedIdentifier || (previous.kind == .word && !operatorWords.contains(previous.keyword))
        guard operandEnds else { return nil }
        let negated = op.hasPrefix("!")
        let word = SQLToken(.word, "REGEXP", offset: offset)
        var tokens = negated ? [SQLToken(.word, "NOT", offset: offset), word] : [word]
        if op.hasSuffix("*") { tokens += [.string("(?i)"), .symbol("||")] }
        return tokens
    }

    /// A cast to an object-id type: a name becomes its oid, an oid its name (regclass, regtype).
    static func objectIDCast(_ expr: [SQLToken], to type: String) -> [SQLToken] {
        switch type {
        case "REGCLASS":
            if expr.count == 1, let name = expr[0].stringValue {
                let relation = String(name.split(separator: ".").last ?? "").trimmingCharacters(in: .init(charactersIn: "\""))
                return [.symbol("("), .word("SELECT"), .word("rc"), .symbol("."), .word("oid"), .word("FROM"), .word("pg_class"), .word("rc"),
                        .word("WHERE"), .word("rc"), .symbol("."), .word("relname"), .symbol("="), .string(relation), .symbol(")")]
            }
            return [.word("COALESCE"), .symbol("("), .symbol("("), .word("SELECT"), .word("rc"), .symbol("."), .word("relname"), .word("FROM"),
                    .word("pg_class"), .word("rc"), .word("WHERE"), .word("rc"), .symbol("."), .word("oid"), .symbol("="), .symbol("(")]
                + expr + [.symbol(")"), .symbol(")"), .symbol(",")] + expr + [.symbol(")")]
        case "REGTYPE":
            return [.word("format_type"), .symbol("(")] + expr + [.symbol(","), .word("NULL"), .symbol(")")]
        case "OID":
            return [.word("CAST"), .symbol("(")] + expr + [.word("AS"), .word("INTEGER"), .symbol(")")]
        default:
            return expr
        }
    }

    /// The backslash escapes of an `E'…'` string.
    static func unescape(_ raw: String) -> String {
        var out = ""
        var escaped = false
        for c in raw {
            if escaped {
                switch c {
                case "n": out.append("\n")
                case "t": out.append("\t")
                case "r": out.append("\r")
                case "b": out.append("\u{8}")
                case "f": out.append("\u{c}")
                default: out.append(c)
                }
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else {
                out.append(c)
            }
        }
        return out
    }
}
