extension QueryRecord {
    /// The query as the system tables record it: STL_QUERY's columns (its text, transaction,
    /// process, times, `aborted`), then STV_WLM_QUERY_STATE's queue and times in microseconds,
    /// the rows it returned and its error. Names are the system tables' own.
    public func historyJSON(cluster: String, now: SimInstant) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("cluster_identifier", .string(cluster)),
            ("userid", 100),
            ("user_name", .string(userName)),
            ("query", .int(Int64(query))),
            ("xid", .int(Int64(xid))),
            ("pid", .int(Int64(pid))),
            ("database", .string(database)),
            ("querytxt", .string(text)),
            ("state", .string(state.rawValue)),
            ("service_class", .int(Int64(serviceClass))),
            ("service_class_name", .string(queueName)),
            ("submittime", .string(SQLDateTime(submittedAt).text)),
            ("starttime", startedAt.map { .string(SQLDateTime($0).text) } ?? .null),
            ("endtime", endedAt.map { .string(SQLDateTime($0).text) } ?? .null),
            ("queue_time", .int(queueMicroseconds(now: now))),
            ("exec_time", .int(execMicroseconds(now: now))),
            ("aborted", .int(state == .aborted ? 1 : 0)),
        ]
        if let last = result.last {
            pairs.append(last.hasResultSet ? ("returned_rows", .int(Int64(last.rows.count))) : ("command_tag", .string(last.commandTag)))
        }
        if let error { pairs.append(("error_message", .string(error.message))) }
        return .object(pairs)
    }
}
