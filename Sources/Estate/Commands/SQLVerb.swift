/// `sql "STATEMENT" [--cluster ID]`: runs one statement on a warehouse cluster to completion and
/// prints what `redshift-data get-statement-result` would.
public struct SQLVerb: Equatable, Sendable {
    public let statement: String
    /// nil: the estate's only (or first) cluster.
    public let cluster: String?
    /// The PostgreSQL connection's transaction block the statement runs in, if any.
    public let block: Int?

    public static let verb = "sql"

    public init(statement: String, cluster: String?, block: Int? = nil) {
        self.statement = statement
        self.cluster = cluster
        self.block = block
    }

    /// A single query that cannot change anything (what `--readonly` still allows).
    public var isReadOnly: Bool {
        guard let tokens = try? SQLLexer.tokenize(statement) else { return false }
        let statements = SQLLexer.statements(tokens)
        guard statements.count == 1, let first = statements[0].first(where: { !$0.isTrivia }) else { return false }
        return ["SELECT", "WITH", "EXPLAIN", "SHOW"].contains(first.keyword)
            && !statements[0].contains { $0.isKeyword("INTO") || $0.isKeyword("CANCEL") }
    }

    /// Parses the words after `sql`: the statement (one quoted word, or several joined by spaces)
    /// and `--cluster ID`.
    static func parse(_ words: [Tokenizer.Token], at verbWord: Tokenizer.Token) throws(CommandError) -> SQLVerb {
        var text: [String] = []
        var cluster: String?
        var i = 0
        while i < words.count {
            let w = words[i]
            if w.text == "--cluster" {
                guard i + 1 < words.count else { throw CommandError("Option '--cluster' needs a cluster identifier", token: w.text, column: w.column) }
                cluster = words[i + 1].text
                i += 2
                continue
            }
            if w.text.hasPrefix("--"), w.text.count > 2, text.isEmpty {
                throw CommandError("Unknown option '\(w.text)' for sql. Valid: --cluster", token: w.text, column: w.column)
            }
            text.append(w.text)
            i += 1
        }
        guard !text.isEmpty else {
            throw CommandError("'sql' needs a statement, e.g. sql \"SELECT 1\" [--cluster ID]", token: verbWord.text, column: verbWord.column)
        }
        return SQLVerb(statement: text.joined(separator: " "), cluster: cluster)
    }
}

extension Estate {
    /// What one statement did, typed, for the wire protocol: its result (nil for an empty
    /// statement), or the leader's error with its SQLSTATE.
    public enum SQLOutcome: Sendable {
        case result(StatementResult?)
        case failed(SQLError)
    }

    /// Runs one statement through WLM on its cluster (the first when none is named), advancing
    /// virtual time until it is done; no such cluster, or one not available, is an AWS error.
    public func runStatement(_ verb: SQLVerb) -> Result<SQLOutcome, AWSError> {
        guard let cluster = sqlCluster(verb.cluster) else {
            return .failure(AWSError("ClusterNotFound", verb.cluster.map { "Cluster \($0) not found." } ?? "There is no warehouse cluster; create one with redshift create-cluster."))
        }
        if cluster.status == .creating || cluster.status == .resuming {
            while cluster.status != .available, let due = scheduler.nextDue { advance(to: due) }
        }
        guard cluster.status == .available else {
            return .failure(AWSError("InvalidClusterState", "Cluster \(cluster.identifier) is \(cluster.status.rawValue); it cannot run queries."))
        }
        let query = cluster.wlm.submit(verb.statement, user: cluster.masterUsername, block: verb.block)
        while let r = cluster.wlm.record(query), !r.state.isDone, let due = scheduler.nextDue { advance(to: due) }
        guard let record = cluster.wlm.record(query) else { return .failure(AWSError("InternalFailure", "query \(query) vanished")) }
        if let error = record.error { return .success(.failed(error)) }
        return .success(.result(record.result.last))
    }

    /// The cluster a statement names, or the estate's first when it names none.
    func sqlCluster(_ identifier: String?) -> Cluster? {
        identifier.flatMap { warehouse.cluster($0) } ?? (identifier == nil ? warehouse.clusters.first : nil)
    }

    /// Runs a `sql` verb and answers with the Data API's result shape or `{"Error": …}`.
    public func run(_ verb: SQLVerb) -> Result<JSONValue, AWSError> {
        switch runStatement(verb) {
        case let .failure(error):
            return .failure(error)
        case let .success(.failed(error)):
            var pairs: [(String, JSONValue)] = [("Code", .string(error.code)), ("Message", .string(error.message))]
            if let p = error.position { pairs.append(("Position", .int(Int64(p)))) }
            return .success(["Error": .object(pairs)])
        case .success(.result(nil)):
            return .success(["TotalNumRows": 0])
        case let .success(.result(result?)):
            if !result.hasResultSet {
                return .success(["CommandTag": .string(result.commandTag), "NumberOfRecordsUpdated": .int(Int64(max(result.rowsAffected, 0)))])
            }
            return .success([
                "ColumnMetadata": .array(result.columns.map(\.json)),
                "Records": .array(result.rows.map { .array($0.map(\.field)) }),
                "TotalNumRows": .int(Int64(result.rows.count)),
            ])
        }
    }
}
