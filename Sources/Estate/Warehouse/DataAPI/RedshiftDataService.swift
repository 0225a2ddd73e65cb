/// The Redshift Data API (`redshift-data`): statements submitted over HTTP-style calls, run by the
/// cluster's WLM, polled with describe-statement and read page by page.
public final class RedshiftDataService: EstateService {
    public let serviceName = "redshift-data"
    /// The Data API's statements are part of the warehouse's state; they are dumped there.
    public let dumpKey = "RedshiftData"
    let warehouse: WarehouseService
    var random: SeededRandom
    let scheduler: Scheduler

    /// A Data API statement: one or more SQL texts, each a WLM query.
    struct Statement {
        let id: String
        let clusterIdentifier: String
        let database: String
        let dbUser: String
        let name: String?
        let sqls: [String]
        let isBatch: Bool
        let createdAt: SimInstant
        var queries: [Int]
    }

    private var statements: [Statement] = []
    private var indexByID: [String: Int] = [:]
    /// Cluster → WLM query id → the statement that submitted it, for views that start from a query.
    private var idByQuery: [String: [Int: String]] = [:]
    /// Records per get-statement-result page.
    public static let pageSize = 1000

    init(warehouse: WarehouseService, context: ServiceContext) {
        self.warehouse = warehouse
        random = context.random
        scheduler = context.scheduler
    }

    public var operations: [OperationSpec] { Self.operationSpecs }

    public func perform(_ operation: String, _ p: Parameters) throws(AWSError) -> JSONValue {
        switch operation {
        case "ExecuteStatement": return try execute(p, sqls: [try p.requiredString("Sql")], batch: false)
        case "BatchExecuteStatement":
            guard let sqls = try p.strings("Sqls"), !sqls.isEmpty, sqls.count <= 40 else {
                throw .validation("Sqls must hold 1 to 40 statements.")
            }
            return try execute(p, sqls: sqls, batch: true)
        case "DescribeStatement": return try describe(try statement(p))
        case "GetStatementResult": return try result(p)
        case "ListStatements": return try list(p)
        case "DescribeTable": return try describeTable(p)
        case "CancelStatement":
            let s = try statement(p)
            let cluster = try warehouse.requireCluster(s.clusterIdentifier)
            var cancelled = false
            for q in s.queries { cancelled = cluster.wlm.cancel(query: q) || cancelled }
            guard cancelled else { throw .validation("Could not cancel a query that is already in FINISHED, FAILED or ABORTED state.") }
            return ["Status": true]
        default: throw AWSError("InvalidAction", "The action \(operation) is not valid for this web service.")
        }
    }

    /// Submits SQL as the Data API does; the statement runs in virtual time.
    func execute(_ p: Parameters, sqls: [String], batch: Bool) throws(AWSError) -> JSONValue {
        guard let clusterID = try p.string("ClusterIdentifier") else {
            throw .validation("Either ClusterIdentifier or WorkgroupName is required; this estate has provisioned clusters only.")
        }
        let cluster = try warehouse.queryableCluster(clusterID)
        let database = try p.string("Database") ?? cluster.dbName
        guard database == cluster.dbName else { throw .validation("database \"\(database)\" does not exist") }
        for sql in sqls where sql.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw .validation("Sql must not be empty.")
        }
        let user = try p.string("DbUser") ?? cluster.masterUsername
        let id = nextID()
        // A batch runs its statements one after another; here, as one query per statement,
        // submitted together to keep their order in the queue.
        let queries = sqls.map { cluster.wlm.submit($0, user: user) }
        let s = Statement(id: id, clusterIdentifier: cluster.identifier, database: database, dbUser: user,
                          name: try p.string("StatementName"), sqls: sqls, isBatch: batch, createdAt: scheduler.now, queries: queries)
        indexByID[id] = statements.count
        for q in queries { idByQuery[cluster.identifier, default: [:]][q] = id }
        statements.append(s)
        return ["Id": .string(id), "CreatedAt": .string(SimCalendar.iso8601(s.createdAt)), "ClusterIdentifier": .string(cluster.identifier),
                "DbUser": .string(user), "Database": .string(database)]
    }

    /// A UUID-shaped id drawn from the seeded generator.
    func nextID() -> String {
        "\(random.hex(8))-\(random.hex(4))-4\(random.hex(3))-a\(random.hex(3))-\(random.hex(12))"
    }

    /// The Data API statement that submitted a cluster's query; nil for queries that came
    /// another way (the `sql` verb, the PostgreSQL endpoint), which the Data API does not know.
    public func statementID(cluster: String, query: Int) -> String? {
        idByQuery[cluster.lowercased()]?[query]
    }

    func statement(_ p: Parameters) throws(AWSError) -> Statement {
        let raw = try p.requiredString("Id")
        let id = raw.split(separator: ":").first.map(String.init) ?? raw
        guard let i = indexByID[id] else { throw AWSError("ResourceNotFoundException", "Query does not exist.") }
        return statements[i]
    }

    func records(_ s: Statement) -> [QueryRecord] {
        guard let c = warehouse.cluster(s.clusterIdentifier) else { return [] }
        return s.queries.compactMap { c.wlm.record($0) }
    }

    /// SUBMITTED, PICKED, STARTED, FINISHED, ABORTED or FAILED, from the WLM states.
    static func status(_ records: [QueryRecord]) -> String {
        if records.contains(where: { $0.state == .aborted }) { return "ABORTED" }
        if records.contains(where: { $0.state == .failed }) { return "FAILED" }
        if !records.isEmpty, records.allSatisfy({ $0.state == .finished }) { return "FINISHED" }
        if records.contains(where: { $0.state == .running || $0.state == .finished }) { return "STARTED" }
        return records.isEmpty ? "FAILED" : "SUBMITTED"
    }

    func updatedAt(_ s: Statement, _ rs: [QueryRecord]) -> SimInstant {
        rs.compactMap { $0.endedAt ?? $0.startedAt }.max() ?? s.createdAt
    }

    func describe(_ s: Statement) throws(AWSError) -> JSONValue {
        let rs = records(s)
        let status = Self.status(rs)
        let last = rs.last
        let lastResult = last?.result.last
        var pairs: [(String, JSONValue)] = [
            ("Id", .string(s.id)), ("DbUser", .string(s.dbUser)), ("Database", .string(s.database)),
            ("ClusterIdentifier", .string(s.clusterIdentifier)),
            ("Duration", .int(rs.reduce(Int64(0)) { $0 + $1.execMicroseconds(now: scheduler.now) * 1000 })),
        ]
        if let error = rs.compactMap(\.error).first { pairs.append(("Error", .string("ERROR: \(error.message)"))) }
        pairs += [
            ("Status", .string(status)),
            ("CreatedAt", .string(SimCalendar.iso8601(s.createdAt))),
            ("UpdatedAt", .string(SimCalendar.iso8601(updatedAt(s, rs)))),
            ("RedshiftPid", .int(Int64(last?.pid ?? 0))),
            ("HasResultSet", .bool(!s.isBatch && lastResult?.hasResultSet == true)),
            ("QueryString", .string(s.sqls.joined(separator: "; "))),
            ("ResultRows", .int(Int64(lastResult.map { $0.hasResultSet ? $0.rows.count : $0.rowsAffected } ?? -1))),
            ("ResultSize", .int(Int64(lastResult.map { r in r.rows.reduce(0) { $0 + $1.reduce(0) { $0 + ($1.text?.utf8.count ?? 0) } } } ?? -1))),
            ("RedshiftQueryId", .int(Int64(last?.query ?? 0))),
        ]
        if s.isBatch {
            pairs.append(("SubStatements", .array(zip(s.sqls.indices, rs).map { k, r in
                var sub: [(String, JSONValue)] = [("Id", .string("\(s.id):\(k + 1)")), ("Duration", .int(r.execMicroseconds(now: scheduler.now) * 1000))]
                if let e = r.error { sub.append(("Error", .string("ERROR: \(e.message)"))) }
                let res = r.result.last
                sub += [("Status", .string(Self.status([r]) == "STARTED" ? "STARTED" : Self.status([r]))),
                        ("CreatedAt", .string(SimCalendar.iso8601(r.submittedAt))),
                        ("UpdatedAt", .string(SimCalendar.iso8601(r.endedAt ?? r.startedAt ?? r.submittedAt))),
                        ("QueryString", .string(s.sqls[k])),
                        ("ResultRows", .int(Int64(res.map { $0.hasResultSet ? $0.rows.count : $0.rowsAffected } ?? -1))),
                        ("ResultSize", .int(0)), ("RedshiftQueryId", .int(Int64(r.query))), ("HasResultSet", .bool(res?.hasResultSet == true))]
                return .object(sub)
            })))
        }
        return .object(pairs)
    }

    func result(_ p: Parameters) throws(AWSError) -> JSONValue {
        let s = try statement(p)
        let raw = try p.requiredString("Id")
        let rs = records(s)
        var index = rs.count - 1
        if s.isBatch {
            guard let n = raw.split(separator: ":").dropFirst().first.flatMap({ Int($0) }), (1...rs.count).contains(n) else {
                throw .validation("A batch statement's results are read per sub-statement: use an Id such as \(s.id):1.")
            }
            index = n - 1
        }
        guard index >= 0, rs[index].state == .finished, let result = rs[index].result.last else {
            throw AWSError("ResourceNotFoundException", "Query does not have result. Please check query status with DescribeStatement.")
        }
        guard result.hasResultSet else { throw AWSError("ResourceNotFoundException", "Query does not have result. Please check query status with DescribeStatement.") }
        var start = 0
        if let token = try p.string("NextToken") {
            guard let n = Int(token), n > 0, n < result.rows.count else { throw .validation("Invalid NextToken '\(token)'.") }
            start = n
        }
        let page = result.rows[start..<min(result.rows.count, start + Self.pageSize)]
        var pairs: [(String, JSONValue)] = [
            ("Records", .array(page.map { .array($0.map(\.field)) })),
            ("ColumnMetadata", .array(result.columns.map(\.json))),
            ("TotalNumRows", .int(Int64(result.rows.count))),
        ]
        if start + page.count < result.rows.count { pairs.append(("NextToken", .string(String(start + page.count)))) }
        return .object(pairs)
    }

    func list(_ p: Parameters) throws(AWSError) -> JSONValue {
        let wanted = try p.string("Status") ?? "ALL"
        let valid = ["SUBMITTED", "PICKED", "STARTED", "FINISHED", "ABORTED", "FAILED", "ALL"]
        guard valid.contains(wanted) else { throw .validation("Status must be one of \(valid.joined(separator: ", ")).") }
        let maxResults = try p.int("MaxResults") ?? 100
        guard (0...100).contains(maxResults) else { throw .validation("MaxResults must be from 0 to 100.") }
        let name = try p.string("StatementName")
        let cluster = try p.string("ClusterIdentifier")?.lowercased()
        var matching: [(Statement, String)] = []
        for s in statements.reversed() {
            let st = Self.status(records(s))
            if wanted != "ALL", st != wanted { continue }
            if let name, s.name?.hasPrefix(name) != true { continue }
            if let cluster, s.clusterIdentifier != cluster { continue }
            matching.append((s, st))
        }
        var start = 0
        if let token = try p.string("NextToken") {
            guard let n = Int(token), n >= 0, n <= matching.count else { throw .validation("Invalid NextToken '\(token)'.") }
            start = n
        }
        let page = matching[start..<min(matching.count, start + (maxResults == 0 ? 100 : maxResults))]
        var pairs: [(String, JSONValue)] = [("Statements", .array(page.map { s, st in
            var item: [(String, JSONValue)] = [("Id", .string(s.id))]
            if s.isBatch { item.append(("QueryStrings", .array(s.sqls.map { .string($0) }))) } else { item.append(("QueryString", .string(s.sqls[0]))) }
            item += [("Status", .string(st))]
            if let n = s.name { item.append(("StatementName", .string(n))) }
            item += [("CreatedAt", .string(SimCalendar.iso8601(s.createdAt))),
                     ("UpdatedAt", .string(SimCalendar.iso8601(updatedAt(s, records(s))))), ("IsBatchStatement", .bool(s.isBatch))]
            return .object(item)
        }))]
        if start + page.count < matching.count { pairs.append(("NextToken", .string(String(start + page.count)))) }
        return .object(pairs)
    }

    public func dump() -> JSONValue {
        .object([("Statements", .array(statements.map { s in
            let rs = records(s)
            return ["Id": .string(s.id), "ClusterIdentifier": .string(s.clusterIdentifier), "Status": .string(Self.status(rs)),
                    "QueryString": .string(s.sqls.joined(separator: "; ")), "CreatedAt": .string(SimCalendar.iso8601(s.createdAt))]
        }))])
    }

    static let idParameter = ParameterSpec("Id", .string, required: true, help: "the statement's id (batch: ID:N for sub-statement N)")
    static func op(_ name: String, _ parameters: [ParameterSpec], _ summary: String) -> OperationSpec {
        OperationSpec(service: "redshift-data", name: name, parameters: parameters, summary: summary)
    }
    static let common = [
        ParameterSpec("ClusterIdentifier", .string, help: "the cluster"),
        ParameterSpec("Database", .string, help: "the database (dev)"),
        ParameterSpec("DbUser", .string, help: "the database user"),
        ParameterSpec("StatementName", .string, help: "a name to find the statement by"),
        ParameterSpec("WithEvent", .boolean, help: "accepted, no effect"),
        ParameterSpec("SecretArn", .string, help: "accepted, no effect"),
    ]
    public static let operationSpecs: [OperationSpec] = [
        op("ExecuteStatement", [ParameterSpec("Sql", .string, required: true, help: "one SQL statement")] + common, "Run a SQL statement"),
        op("BatchExecuteStatement", [ParameterSpec("Sqls", .list(.string), required: true, help: "1–40 statements run in order")] + common,
           "Run SQL statements in order"),
        op("DescribeStatement", [idParameter], "Show a statement's status"),
        op("GetStatementResult", [idParameter, ParameterSpec("NextToken", .string, help: "from the previous page")], "Read a statement's rows"),
        op("ListStatements", [
            ParameterSpec("Status", .string, help: "SUBMITTED|PICKED|STARTED|FINISHED|ABORTED|FAILED|ALL"),
            ParameterSpec("MaxResults", .integer, help: "0–100 per page"),
            ParameterSpec("NextToken", .string, help: "from the previous page"),
            ParameterSpec("StatementName", .string, help: "names starting with this"),
            ParameterSpec("ClusterIdentifier", .string, help: "statements on this cluster"),
            ParameterSpec("Database", .string, help: "accepted"),
            ParameterSpec("RoleLevel", .boolean, help: "accepted"),
        ], "List statements, newest first"),
        op("CancelStatement", [idParameter], "Cancel a running statement"),
        op("DescribeTable", [
            ParameterSpec("ClusterIdentifier", .string, help: "the cluster"),
            ParameterSpec("Database", .string, required: true, help: "the database (dev)"),
            ParameterSpec("Table", .string, help: "the table to describe"),
            ParameterSpec("Schema", .string, help: "the schema (public)"),
            ParameterSpec("MaxResults", .integer, help: "columns per page, 0–1000"),
            ParameterSpec("NextToken", .string, help: "from the previous page"),
            ParameterSpec("DbUser", .string, help: "accepted"),
            ParameterSpec("ConnectedDatabase", .string, help: "accepted"),
            ParameterSpec("SecretArn", .string, help: "accepted, no effect"),
        ], "Describe a table's columns"),
    ]
}
