/// Rewrites Redshift's expression dialect into SQL SQLite understands, token by token.
///
/// What it changes: `expr::type` and `CAST(… AS redshift_type)` into conversions by affinity;
/// `ILIKE` into a case-folded `LIKE` (the leader turns SQLite's `LIKE` case-sensitive, as
/// Redshift's is); bare date parts in `DATEADD(day, …)`, `DATEDIFF`, `DATE_PART`, `EXTRACT(… FROM …)`
/// into strings; `CONVERT(type, expr)`; `LISTAGG(…) WITHIN GROUP (ORDER BY …)` into an aggregate
/// with its sort key; `APPROXIMATE COUNT` into `COUNT`; `SYSDATE`, `CURRENT_DATE`,
/// `CURRENT_TIMESTAMP`, `current_user` into calls of functions that read the virtual clock and the
/// session; and drops the `public.` and `pg_catalog.` schema qualifiers of the default schema.
/// Everything else passes through untouched, so SQLite's own errors reach the user.
public enum DialectRewriter {
    /// Words that end an expression rather than name a function, when they precede `(`.
    static let nonFunctionWords: Set<String> = [
        "AND", "OR", "NOT", "IN", "EXISTS", "SELECT", "FROM", "WHERE", "ON", "AS", "WHEN", "THEN", "ELSE",
        "VALUES", "USING", "JOIN", "BY", "HAVING", "IS", "LIKE", "BETWEEN", "OVER", "INTO", "TABLE", "WITH",
    ]

    static let datePartFunctions: Set<String> = ["DATEADD", "DATEDIFF", "DATE_PART", "DATEPART", "DATE_TRUNC"]
    static let clockWords: [String: String] = [
        "SYSDATE": "sysdate", "CURRENT_DATE": "rs_current_date", "CURRENT_TIMESTAMP": "getdate",
        "CURRENT_TIME": "rs_current_time", "CURRENT_USER": "current_user", "SESSION_USER": "current_user",
        "LOCALTIMESTAMP": "getdate",
    ]

    /// Drops whitespace and comments; the leader renders the rest with single spaces.
    public static func significant(_ tokens: [SQLToken]) -> [SQLToken] { tokens.filter { !$0.isTrivia } }

    public static func rewrite(_ tokens: [SQLToken]) -> [SQLToken] {
        let tokens = PGSyntax.normalize(tokens)
        var out: [SQLToken] = []
        var i = 0
        while i < tokens.count {
            let t = tokens[i]
            let next = i + 1 < tokens.count ? tokens[i + 1] : nil
            let callFollows = next?.isSymbol("(") == true
            switch t.keyword {
            case "PUBLIC" where next?.isSymbol(".") == true, "PG_CATALOG" where next?.isSymbol(".") == true:
                i += 2; continue
            case "APPROXIMATE" where next?.isKeyword("COUNT") == true:
                i += 1; continue
            case "ILIKE":
                var negate = false
                if out.last?.isKeyword("NOT") == true { out.removeLast(); negate = true }
                let leftStart = primaryStart(in: out)
                let left = Array(out[leftStart...])
                out.removeSubrange(leftStart...)
                let rightEnd = primaryEnd(in: tokens, from: i + 1)
                let right = rewrite(Array(tokens[(i + 1)..<rightEnd]))
                out += [.word("lower"), .symbol("(")] + left + [.symbol(")")]
                if negate { out.append(.word("NOT")) }
                out += [SQLToken(.word, "LIKE", offset: t.offset), .word("lower"), .symbol("(")] + right + [.symbol(")")]
                i = rightEnd; continue
            case "CAST" where callFollows:
                let close = matchingParen(tokens, i + 1)
                let inner = Array(tokens[(i + 2)..<close])
                if let asIndex = lastTopLevel(inner, keyword: "AS"), let (type, end) = RedshiftType.read(inner, at: asIndex + 1), end == inner.count {
                    out += type.castTokens(rewrite(Array(inner[..<asIndex])))
                    i = close + 1; continue
                }
            case "CONVERT" where callFollows:
                let close = matchingParen(tokens, i + 1)
                let inner = Array(tokens[(i + 2)..<close])
                if let (type, end) = RedshiftType.read(inner, at: 0), end < inner.count, inner[end].isSymbol(",") {
                    out += type.castTokens(rewrite(Array(inner[(end + 1)...])))
                    i = close + 1; continue
                }
            case "EXTRACT" where callFollows:
                let close = matchingParen(tokens, i + 1)
                let inner = Array(tokens[(i + 2)..<close])
                if inner.count >= 3, inner[0].kind == .word || inner[0].kind == .string, inner[1].isKeyword("FROM") {
                    let part = inner[0].stringValue ?? inner[0].text
                    out += [SQLToken(.word, "date_part", offset: t.offset), .symbol("("), .string(part.lowercased()), .symbol(",")]
                        + rewrite(Array(inner[2...])) + [.symbol(")")]
                    i = close + 1; continue
                }
            case "LISTAGG" where callFollows:
                let close = matchingParen(tokens, i + 1)
                var args = splitTopLevel(Array(tokens[(i + 2)..<close])).map(rewrite)
                if args.count == 1 { args.append([.string("")]) }
                var j = close + 1
                var orderKey: [SQLToken] = [.word("NULL")]
                var descending = false
                if j + 1 < tokens.count, tokens[j].isKeyword("WITHIN"), tokens[j + 1].isKeyword("GROUP"),
                   j + 2 < tokens.count, tokens[j + 2].isSymbol("(") {
                    let groupClose = matchingParen(tokens, j + 2)
                    var keys = Array(tokens[(j + 3)..<groupClose])
                    if keys.count >= 2, keys[0].isKeyword("ORDER"), keys[1].isKeyword("BY") { keys.removeFirst(2) }
                    let firstKey = splitTopLevel(keys).first ?? []
                    var key = firstKey
                    if key.last?.isKeyword("DESC") == true { descending = true; key.removeLast() }
                    else if key.last?.isKeyword("ASC") == true { key.removeLast() }
                    if !key.isEmpty { orderKey = rewrite(key) }
                    j = groupClose + 1
                }
                out += [SQLToken(.word, descending ? "rs_listagg_desc" : "rs_listagg", offset: t.offset), .symbol("(")]
                    + args[0] + [.symbol(",")] + args[1] + [.symbol(",")] + orderKey + [.symbol(")")]
                i = j; continue
            default:
                break
            }
            if datePartFunctions.contains(t.keyword), callFollows, i + 3 < tokens.count,
               tokens[i + 2].kind == .word, tokens[i + 3].isSymbol(",") {
                out += [t, .symbol("("), SQLToken(.string, "'" + tokens[i + 2].text.lowercased() + "'", offset: tokens[i + 2].offset), .symbol(",")]
                i += 4; continue
            }
            if let function = clockWords[t.keyword], !callFollows, out.last?.isSymbol(".") != true {
                out += [SQLToken(.word, function, offset: t.offset), .symbol("("), .symbol(")")]
                i += 1; continue
            }
            if t.kind == .word, t.text.hasPrefix("$") {
                // Spectrum's `$path` and `$size` are column names, not SQLite parameters.
                out.append(SQLToken(.quotedIdentifier, "\"\(t.text)\"", offset: t.offset))
                i += 1; continue
            }
            if t.isSymbol("::"), !out.isEmpty, let (type, end) = RedshiftType.read(tokens, at: i + 1) {
                let start = primaryStart(in: out)
                let expr = Array(out[start...])
                out.removeSubrange(start...)
                out += type.castTokens(expr)
                i = end; continue
            }
            out.append(t)
            i += 1
        }
        return out
    }

    // MARK: - Structure helpers

    /// The index of the `)` that closes the `(` at `open`, or the last index when unbalanced.
    static func matchingParen(_ tokens: [SQLToken], _ open: Int) -> Int {
        var depth = 0
        for k in open..<tokens.count {
            if tokens[k].isSymbol("(") { depth += 1 }
            if tokens[k].isSymbol(")") { depth -= 1; if depth == 0 { return k } }
        }
        return tokens.count - 1
    }

    /// Splits at commas outside parentheses.
    static func splitTopLevel(_ tokens: [SQLToken]) -> [[SQLToken]] {
        var parts: [[SQLToken]] = [[]]
        var depth = 0
        for t in tokens {
            if t.isSymbol("(") { depth += 1 }
            if t.isSymbol(")") { depth -= 1 }
            if depth == 0, t.isSymbol(",") { parts.append([]) } else { parts[parts.count - 1].append(t) }
        }
        return parts.filter { !$0.isEmpty }
    }

    static func lastTopLevel(_ tokens: [SQLToken], keyword: String) -> Int? {
        var depth = 0
        var found: Int?
        for (k, t) in tokens.enumerated() {
            if t.isSymbol("(") { depth += 1 }
            if t.isSymbol(")") { depth -= 1 }
            if depth == 0, t.isKeyword(keyword) { found = k }
        }
        return found
    }

    /// Where the primary expression that ends `tokens` starts: a literal, a (qualified) name, a
    /// parenthesised group or a function call.
    static func primaryStart(in tokens: [SQLToken]) -> Int {
        guard var j = tokens.indices.last else { return 0 }
        if tokens[j].isSymbol(")") {
            var depth = 0
            while j >= 0 {
                if tokens[j].isSymbol(")") { depth += 1 }
                if tokens[j].isSymbol("(") { depth -= 1; if depth == 0 { break } }
                j -= 1
            }
            j = max(j, 0)
            if j > 0, tokens[j - 1].kind == .word, !nonFunctionWords.contains(tokens[j - 1].keyword) { j -= 1 }
        }
        while j >= 2, tokens[j - 1].isSymbol("."), tokens[j - 2].kind == .word || tokens[j - 2].kind == .quotedIdentifier { j -= 2 }
        return j
    }

    /// The index just after the primary expression that starts at `start`.
    static func primaryEnd(in tokens: [SQLToken], from start: Int) -> Int {
        guard start < tokens.count else { return start }
        var j = start
        if tokens[j].isSymbol("(") { return matchingParen(tokens, j) + 1 }
        if tokens[j].kind == .word, j + 1 < tokens.count, tokens[j + 1].isSymbol("(") {
            return matchingParen(tokens, j + 1) + 1
        }
        j += 1
        while j + 1 < tokens.count, tokens[j].isSymbol("."), tokens[j + 1].kind == .word || tokens[j + 1].kind == .quotedIdentifier { j += 2 }
        return j
    }
}
