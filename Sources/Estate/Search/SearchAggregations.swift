import GRDB

/// `aggregations` of a `_search`: `date_histogram` buckets counted in SQL over the matching
/// documents, keyed by Unix epoch milliseconds like OpenSearch, empty buckets between the first
/// and last filled in (min_doc_count 0).
extension SearchService {
    func aggregations(_ body: JSONValue, docs: [Int64], index: String, db: Database) throws(AWSError) -> JSONValue {
        guard case let .object(named) = body else { throw AWSError("parsing_exception", "[aggregations] must be an object of named aggregations") }
        var out: [(String, JSONValue)] = []
        for (name, spec) in named {
            guard case let .object(kinds) = spec, kinds.count == 1, let (kind, params) = kinds.first else {
                throw AWSError("parsing_exception", "aggregation [\(name)] needs exactly one type")
            }
            guard kind == "date_histogram" else {
                throw AWSError("parsing_exception", "Unknown aggregation type [\(kind)] in [\(name)]; supported: date_histogram")
            }
            out.append((name, try dateHistogram(params, name: name, docs: docs, index: index, db: db)))
        }
        return .object(out)
    }

    static let calendarIntervals: [String: Int64] = [
        "minute": 60_000, "1m": 60_000, "hour": 3_600_000, "1h": 3_600_000, "day": 86_400_000, "1d": 86_400_000,
    ]

    private func dateHistogram(_ params: JSONValue, name: String, docs: [Int64], index: String, db: Database) throws(AWSError) -> JSONValue {
        guard let field = params["field"]?.stringValue else { throw AWSError("parsing_exception", "[date_histogram] \(name) requires a field") }
        let interval: Int64
        if let text = params["fixed_interval"]?.stringValue ?? params["interval"]?.stringValue, let d = SimDuration.parse(text), d.milliseconds > 0 {
            interval = d.milliseconds
        } else if let text = params["calendar_interval"]?.stringValue, let ms = Self.calendarIntervals[text] {
            interval = ms
        } else {
            throw AWSError("illegal_argument_exception", "[date_histogram] \(name) needs fixed_interval (e.g. 30s, 5m) or calendar_interval (minute, hour, day)")
        }
        let minimum = params["min_doc_count"]?.intValue ?? 0
        let rows: [Row]
        do {
            rows = try Row.fetchAll(db, sql: """
                SELECT CAST(nval AS INTEGER) - (((CAST(nval AS INTEGER) % ?) + ?) % ?) AS bucket, COUNT(DISTINCT doc)
                FROM fields WHERE idx = ? AND field = ? AND nval IS NOT NULL AND doc IN (SELECT value FROM json_each(?))
                GROUP BY bucket ORDER BY bucket
                """, arguments: [interval, interval, interval, index, field, JSONValue.array(docs.sorted().map { .int($0) }).serialized()])
        } catch { throw AWSError("search_phase_execution_exception", "\(error)") }
        var counts: [(Int64, Int64)] = rows.map { ($0[0], $0[1]) }
        if minimum == 0, let first = counts.first?.0, let last = counts.last?.0 {
            var filled: [(Int64, Int64)] = []
            var lookup: [Int64: Int64] = [:]
            for (k, n) in counts { lookup[k] = n }
            var k = first
            while k <= last, filled.count < 10_000 { filled.append((k, lookup[k] ?? 0)); k += interval }
            counts = filled
        } else {
            counts = counts.filter { $0.1 >= minimum }
        }
        return ["buckets": .array(counts.map { key, count in
            [
                "key_as_string": .string(SimCalendar.iso8601(SimInstant(milliseconds: key - SimCalendar.epochUnixSeconds * 1000))),
                "key": .int(key),
                "doc_count": .int(count),
            ]
        })]
    }
}
