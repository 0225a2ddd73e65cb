import GRDB

/// Evaluates an OpenSearch query DSL body against the store: each leaf query (`match`, `term`,
/// `range`, `exists`, `match_all`) is one SQL statement — `match` through FTS5 and its BM25
/// ranking — and `bool` combines the leaves' matches and scores.
struct SearchQueryEvaluator {
    let db: Database
    let index: String

    /// Matching documents (rowid → score).
    typealias Matches = [Int64: Double]

    func evaluate(_ query: JSONValue?) throws(AWSError) -> Matches {
        guard let query, case let .object(pairs) = query, !pairs.isEmpty else { return try all() }
        guard pairs.count == 1, let (kind, body) = pairs.first else {
            throw parsing("a query object holds exactly one query type, found [\(pairs.map(\.0).joined(separator: ", "))]")
        }
        switch kind {
        case "match_all": return try all()
        case "match": return try match(body)
        case "term": return try term(body)
        case "range": return try range(body)
        case "exists":
            guard let field = body["field"]?.stringValue else { throw parsing("[exists] requires a field") }
            return try rows("SELECT DISTINCT doc FROM fields WHERE idx = ? AND field = ?", [index, field])
        case "bool": return try bool(body)
        default:
            throw parsing("unknown query [\(kind)]; supported: match_all, match, term, range, exists, bool")
        }
    }

    func parsing(_ message: String) -> AWSError { AWSError("parsing_exception", message) }

    private func single(_ body: JSONValue, _ kind: String) throws(AWSError) -> (String, JSONValue) {
        guard case let .object(pairs) = body, pairs.count == 1, let (field, spec) = pairs.first else {
            throw parsing("[\(kind)] query takes exactly one field")
        }
        return (field, spec)
    }

    private func rows(_ sql: String, _ arguments: StatementArguments, score: Bool = false) throws(AWSError) -> Matches {
        do {
            var out: Matches = [:]
            if !score {
                for doc in try Int64.fetchAll(db, sql: sql, arguments: arguments) { out[doc] = 0 }
                return out
            }
            for row in try Row.fetchAll(db, sql: sql, arguments: arguments) {
                let doc: Int64 = row[0]
                out[doc, default: 0] += score ? (row[1] as Double? ?? 0) : 0
            }
            return out
        } catch {
            throw AWSError("search_phase_execution_exception", "\(error)")
        }
    }

    private func all() throws(AWSError) -> Matches {
        try rows("SELECT rowid FROM docs WHERE idx = ?", [index])
    }

    /// Full text: the query's words, ORed (or ANDed with "operator": "and"), ranked by BM25.
    private func match(_ body: JSONValue) throws(AWSError) -> Matches {
        let (field, spec) = try single(body, "match")
        let text: String
        var conjunction = "OR"
        if case .object = spec {
            guard let q = spec["query"] else { throw parsing("[match] requires query") }
            text = q.keyText
            if spec["operator"]?.stringValue?.lowercased() == "and" { conjunction = "AND" }
        } else {
            text = spec.keyText
        }
        let words = text.lowercased().split { !$0.isLetter && !$0.isNumber }.map { "\"\($0)\"" }
        guard !words.isEmpty else { return [:] }
        let expression = "value : (\(words.joined(separator: " \(conjunction) ")))"
        // bm25() is lower for better matches; OpenSearch scores are higher for better ones.
        return try rows("SELECT doc, -bm25(fts) FROM fts WHERE fts MATCH ? AND idx = ? AND field = ?", [expression, index, field], score: true)
    }

    private func term(_ body: JSONValue) throws(AWSError) -> Matches {
        let (field, spec) = try single(body, "term")
        let value: JSONValue = spec["value"] ?? spec
        switch value {
        case let .int(i): return try rows("SELECT DISTINCT doc FROM fields WHERE idx = ? AND field = ? AND nval = ?", [index, field, Double(i)])
        case let .double(d): return try rows("SELECT DISTINCT doc FROM fields WHERE idx = ? AND field = ? AND nval = ?", [index, field, d])
        case let .bool(b): return try rows("SELECT DISTINCT doc FROM fields WHERE idx = ? AND field = ? AND sval = ?", [index, field, b ? "true" : "false"])
        case let .string(s): return try rows("SELECT DISTINCT doc FROM fields WHERE idx = ? AND field = ? AND sval = ?", [index, field, s])
        default: throw parsing("[term] value must be a string, number or boolean")
        }
    }

    /// Numbers, or dates as ISO 8601 text (compared as epoch milliseconds).
    private func range(_ body: JSONValue) throws(AWSError) -> Matches {
        let (field, spec) = try single(body, "range")
        guard case let .object(bounds) = spec, !bounds.isEmpty else { throw parsing("[range] takes gte, gt, lte or lt") }
        var clauses: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = [index, field]
        for (op, v) in bounds {
            let sqlOp: String
            switch op {
            case "gte": sqlOp = ">="
            case "gt": sqlOp = ">"
            case "lte": sqlOp = "<="
            case "lt": sqlOp = "<"
            case "format", "time_zone", "boost": continue
            default: throw parsing("[range] query does not support [\(op)]")
            }
            let number: Double
            if let s = v.stringValue, let t = EventTimestamp.parseISO(s) { number = Double(EventTimestamp.unixMilliseconds(t)) } else if let n = v.numberValue {
                number = n
            } else {
                throw parsing("[range] bound [\(op)] must be a number or an ISO 8601 date, not \(v.serialized())")
            }
            clauses.append("nval \(sqlOp) ?")
            arguments.append(number)
        }
        let sql = "SELECT DISTINCT doc FROM fields WHERE idx = ? AND field = ? AND nval IS NOT NULL" + clauses.map { " AND \($0)" }.joined()
        return try rows(sql, StatementArguments(arguments))
    }

    /// must and should add their scores, filter and must_not only select; with no must or filter
    /// at least one should clause must match (OpenSearch's minimum_should_match default).
    private func bool(_ body: JSONValue) throws(AWSError) -> Matches {
        func clauses(_ name: String) throws(AWSError) -> [JSONValue] {
            guard let v = body[name] else { return [] }
            if case let .array(items) = v { return items }
            return [v]
        }
        let known = ["must", "filter", "should", "must_not", "minimum_should_match", "boost"]
        for (key, _) in body.objectValue ?? [] where !known.contains(key) { throw parsing("[bool] query does not support [\(key)]") }
        let must = try clauses("must"), filter = try clauses("filter"), should = try clauses("should"), mustNot = try clauses("must_not")
        var result: Matches?
        func intersect(_ m: Matches, scoring: Bool) {
            guard let current = result else { result = scoring ? m : m.mapValues { _ in 0 }; return }
            var next: Matches = [:]
            for (doc, score) in current { if let s = m[doc] { next[doc] = score + (scoring ? s : 0) } }
            result = next
        }
        for q in must { intersect(try evaluate(q), scoring: true) }
        for q in filter { intersect(try evaluate(q), scoring: false) }
        var shouldMatches: [Matches] = []
        for q in should { shouldMatches.append(try evaluate(q)) }
        let minimumShould = body["minimum_should_match"]?.intValue.map(Int.init) ?? (must.isEmpty && filter.isEmpty && !should.isEmpty ? 1 : 0)
        if result == nil { result = must.isEmpty && filter.isEmpty && !should.isEmpty ? [:] : try all() }
        if must.isEmpty && filter.isEmpty && !should.isEmpty {
            var union: Matches = [:]
            for m in shouldMatches { for (doc, _) in m { union[doc] = 0 } }
            result = union
        }
        var scored: Matches = [:]
        for (doc, base) in result! {
            var hits = 0, score = base
            for m in shouldMatches { if let s = m[doc] { hits += 1; score += s } }
            if hits >= minimumShould { scored[doc] = score }
        }
        for q in mustNot { for (doc, _) in try evaluate(q) { scored[doc] = nil } }
        return scored
    }
}
