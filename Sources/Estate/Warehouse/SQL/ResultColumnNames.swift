/// The names PostgreSQL (and so Redshift) gives a query's result columns where the select list
/// gives none: a column reference keeps the column's name, a function call takes the function's
/// (`count`, `upper`, `row_number`), a cast of a column keeps the column's and a cast of anything
/// else takes the type's (`int4`, `varchar`), `CASE` is `case`, and anything else is `?column?`.
///
/// SQLite names such a column by the expression's text instead (`count ( * )`, `1`). The leader
/// renames the outermost select list's unaliased items; a list with `*` is left alone, since
/// its items do not line up with the result's columns.
enum ResultColumnNames {
    /// One entry per select-list item: the PostgreSQL name, or nil where SQLite's name is already
    /// PostgreSQL's (an alias, a plain column). Nil when the list cannot be read item by item.
    static func names(_ tokens: [SQLToken]) -> [String?]? {
        guard let list = selectList(tokens) else { return nil }
        var out: [String?] = []
        for item in DialectRewriter.splitTopLevel(list) {
            let isStar = item.last?.isSymbol("*") == true && (item.count == 1 || (item.count == 3 && item[1].isSymbol(".")))
            guard !item.isEmpty, !isStar else { return nil }
            out.append(name(of: item))
        }
        return out
    }

    /// The outermost SELECT's list: after `WITH …` definitions and `DISTINCT`, up to the first
    /// clause at the same depth.
    static func selectList(_ tokens: [SQLToken]) -> [SQLToken]? {
        var depth = 0
        var start: Int?
        let ends: Set<String> = ["FROM", "INTO", "WHERE", "GROUP", "HAVING", "ORDER", "LIMIT", "OFFSET", "UNION", "EXCEPT", "INTERSECT", "WINDOW"]
        for (k, t) in tokens.enumerated() {
            if t.isSymbol("(") { depth += 1; continue }
            if t.isSymbol(")") { depth -= 1; continue }
            guard depth == 0 else { continue }
            if start == nil {
                if t.isKeyword("SELECT") {
                    var s = k + 1
                    while s < tokens.count, tokens[s].isKeyword("DISTINCT") || tokens[s].isKeyword("ALL") { s += 1 }
                    if s + 1 < tokens.count, tokens[s].isKeyword("TOP"), tokens[s + 1].kind == .number { s += 2 }
                    start = s
                }
                continue
            }
            if ends.contains(t.keyword) || t.isSymbol(";") { return Array(tokens[start!..<k]) }
        }
        return start.map { Array(tokens[$0...]) }
    }

    static func name(of item: [SQLToken]) -> String? {
        let n = item.count
        // `expr AS name` or `expr name`: SQLite uses the alias, as PostgreSQL does.
        if n >= 2, item[n - 1].identifierName != nil, item[n - 2].isKeyword("AS") { return nil }
        if n >= 2, isColumnLike(item[n - 1]) {
            let before = item[n - 2]
            let endsAnExpression = before.isSymbol(")") || before.kind == .number || before.kind == .string
                || before.kind == .quotedIdentifier || (before.kind == .word && !isOperator(before))
            if endsAnExpression { return nil }
        }
        // A keyword that stands for a value is named by its text (`current_date`).
        if n == 1, item[0].kind == .word, !isColumnLike(item[0]), !["NULL", "TRUE", "FALSE"].contains(item[0].keyword) { return item[0].text.lowercased() }
        if isColumnReference(item) { return nil }
        // `x::type`: the column's name if x is one, else the type's.
        if let cast = item.lastIndex(where: { $0.isSymbol("::") }), cast > 0, depth(of: cast, in: item) == 0 {
            let value = Array(item[..<cast])
            if isColumnReference(value) { return value.last?.identifierName }
            return internalTypeName(Array(item[(cast + 1)...]))
        }
        if isCase(item), item[n - 1].isKeyword("END") { return "case" }
        // A scalar subquery takes its own first column's name.
        if item[0].isSymbol("("), DialectRewriter.matchingParen(item, 0) == n - 1, n > 2, item[1].isKeyword("SELECT"),
           let inner = selectList(Array(item[1..<(n - 1)])), let first = DialectRewriter.splitTopLevel(inner).first, !first.isEmpty {
            return name(of: first) ?? explicitName(of: first) ?? "?column?"
        }
        if item[0].kind == .word, n >= 3, item[1].isSymbol("(") {
            let close = DialectRewriter.matchingParen(item, 1)
            let function = item[0].text.lowercased()
            let rest = item[(close + 1)...]
            // A window function: `row_number() OVER (…)`.
            let overOnly = rest.isEmpty || (rest.first?.isKeyword("OVER") == true && DialectRewriter.matchingParen(item, close + 2) == n - 1)
            guard overOnly else { return "?column?" }
            if function == "cast" {
                let inner = Array(item[2..<close])
                if let asIndex = inner.lastIndex(where: { $0.isKeyword("AS") }) {
                    let value = Array(inner[..<asIndex])
                    if isColumnReference(value) { return value.last?.identifierName }
                    return internalTypeName(Array(inner[(asIndex + 1)...]))
                }
            }
            return function
        }
        if item[0].isKeyword("EXISTS") { return "exists" }
        return "?column?"
    }

    /// The name an item gives itself: its alias, or the column it references.
    static func explicitName(of item: [SQLToken]) -> String? {
        if let last = item.last?.identifierName, item.count >= 2, item[item.count - 2].isKeyword("AS") || !isOperator(item[item.count - 2]) {
            return last
        }
        return isColumnReference(item) ? item.last?.identifierName : nil
    }

    static func isColumnReference(_ item: [SQLToken]) -> Bool {
        switch item.count {
        case 1: return isColumnLike(item[0])
        case 3: return isColumnLike(item[0]) && item[1].isSymbol(".") && isColumnLike(item[2])
        default: return false
        }
    }

    /// A name that is not a literal or a keyword that stands for a value.
    static func isColumnLike(_ t: SQLToken) -> Bool {
        if t.kind == .quotedIdentifier { return true }
        guard t.kind == .word else { return false }
        return !["NULL", "TRUE", "FALSE", "END", "CURRENT_DATE", "CURRENT_TIMESTAMP", "CURRENT_TIME", "SYSDATE"].contains(t.keyword)
    }

    static func isOperator(_ t: SQLToken) -> Bool {
        (t.kind == .symbol && !t.isSymbol(")")) || ["AND", "OR", "NOT", "IS", "IN", "LIKE", "ILIKE", "BETWEEN", "THEN", "ELSE", "WHEN", "CASE"].contains(t.keyword)
    }

    static func isCase(_ item: [SQLToken]) -> Bool { item.first?.isKeyword("CASE") == true }

    static func depth(of index: Int, in item: [SQLToken]) -> Int {
        item[..<index].reduce(0) { $0 + ($1.isSymbol("(") ? 1 : $1.isSymbol(")") ? -1 : 0) }
    }

    /// PostgreSQL's internal name of a type as a cast writes it (`int` → `int4`).
    static func internalTypeName(_ type: [SQLToken]) -> String {
        let words = type.prefix { !$0.isSymbol("(") }.map { $0.text.lowercased() }.joined(separator: " ")
        switch words {
        case "int", "integer", "int4": return "int4"
        case "bigint", "int8": return "int8"
        case "smallint", "int2": return "int2"
        case "varchar", "character varying", "nvarchar": return "varchar"
        case "char", "character", "nchar", "bpchar": return "bpchar"
        case "decimal", "numeric": return "numeric"
        case "real", "float4": return "float4"
        case "float", "float8", "double precision": return "float8"
        case "boolean", "bool": return "bool"
        case "timestamp", "timestamp without time zone": return "timestamp"
        case "timestamptz", "timestamp with time zone": return "timestamptz"
        default: return words.isEmpty ? "?column?" : words
        }
    }
}
