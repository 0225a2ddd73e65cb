/// The warehouse's part of the state dump: clusters in describe-clusters' shape, then (our own
/// extension, documented) each cluster's tables with their placement and its recent queries.
extension WarehouseService {
    public func dump() -> JSONValue {
        .object([
            ("Clusters", .array(clusters.map(\.json))),
            ("Tables", .array(clusters.flatMap { c in c.tables.map { Self.tableJSON($0, cluster: c.identifier) } })),
            ("Queries", .array(clusters.flatMap { c in c.wlm.records.suffix(50).map { Self.queryJSON($0, cluster: c.identifier) } })),
            ("Loaders", .array(loaders.map(\.json))),
        ])
    }

    static func tableJSON(_ t: WarehouseTable, cluster: String) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("ClusterIdentifier", .string(cluster)), ("TableName", .string(t.name)), ("DistStyle", .string(t.distStyleLabel)),
            ("SortKey", .array(t.definition.sortKey.map { .string($0) })), ("Rows", .int(Int64(t.totalRows))),
            ("RowsPerSlice", .array(t.rowsPerSlice.map { .int(Int64($0)) })), ("SizeMB", .int(Int64(t.sizeMB))),
        ]
        if let skew = t.skewRows { pairs.append(("SkewRows", .double(skew))) }
        if let unsorted = t.unsortedPercent { pairs.append(("UnsortedPercent", .double(unsorted))) }
        pairs.append(("StatsOffPercent", .double(t.statsOffPercent)))
        return .object(pairs)
    }

    static func queryJSON(_ q: QueryRecord, cluster: String) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("ClusterIdentifier", .string(cluster)), ("Query", .int(Int64(q.query))), ("Pid", .int(Int64(q.pid))),
            ("State", .string(q.state.rawValue)), ("Queue", .string(q.queueName)), ("QueryText", .string(String(q.text.prefix(600)))),
            ("SubmittedAt", .string(SimCalendar.iso8601(q.submittedAt))),
        ]
        if let s = q.startedAt { pairs.append(("StartedAt", .string(SimCalendar.iso8601(s)))) }
        if let e = q.endedAt { pairs.append(("EndedAt", .string(SimCalendar.iso8601(e)))) }
        if let err = q.error { pairs.append(("Error", .string(err.message))) }
        return .object(pairs)
    }
}
