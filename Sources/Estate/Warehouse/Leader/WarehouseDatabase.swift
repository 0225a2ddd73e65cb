import GRDB

/// One cluster's data and catalog: an in-memory SQLite database behind Redshift's dialect.
///
/// The leader layer: statements come in as Redshift SQL, Redshift-only clauses are recorded in
/// the catalog (distribution, sort keys, encodings, identities), the rest is rewritten for SQLite
/// and run for real. Every front end — the `sql` verb, the Data API, later the console and the
/// PostgreSQL wire — goes through `execute`.
public final class WarehouseDatabase {
    let queue: DatabaseQueue
    public let session: SessionState
    public internal(set) var topology: SliceTopology
    /// User tables by name.
    public internal(set) var tables: [String: WarehouseTable] = [:]
    var nextTableID = 100_000
    /// Rows of STL_LOAD_ERRORS, oldest first.
    public internal(set) var loadErrors: [LoadErrorRecord] = []
    /// Queries as STL_QUERY, STV_RECENTS, SVL_QUERY_SUMMARY and STV_WLM_QUERY_STATE show them;
    /// the workload manager keeps it current.
    public var queryLog: () -> [QueryRecord] = { [] }
    /// Answers `CANCEL pid`; set by the workload manager.
    public var cancelHandler: (Int) -> Bool = { _ in false }
    /// Where COPY, UNLOAD and Spectrum read and write objects; nil when the estate has no S3.
    public var objectStore: (any ObjectStore)?
    /// Spectrum: external schemas and tables.
    public internal(set) var externalSchemas: [String: String] = [:]
    public internal(set) var externalTables: [String: ExternalTable] = [:]
    /// Bytes Spectrum scanned, for billing and SVL_S3QUERY_SUMMARY.
    public internal(set) var spectrumBytesScanned = 0
    var systemTablesCreated: Set<String> = []
    /// The WLM query id of the statement running now, for STL_LOAD_ERRORS.
    public var currentQuery = 0
    /// Transaction blocks' undo log (`WarehouseDatabase+Blocks.swift`).
    let undo = UndoLog()

    public init(topology: SliceTopology, session: SessionState = SessionState()) {
        self.topology = topology
        self.session = session
        var configuration = Configuration()
        configuration.label = "warehouse"
        // An in-memory database per cluster; it cannot fail to open short of memory exhaustion.
        queue = try! DatabaseQueue(configuration: configuration)
        let undo = self.undo
        queue.inDatabase { db in
            RedshiftFunctions.register(on: db, session: session)
            PGCatalog.registerFunctions(on: db, session: session)
            undo.register(on: db)
            // Redshift's LIKE is case-sensitive; ILIKE is rewritten to compare folded text.
            try? db.execute(sql: "PRAGMA case_sensitive_like = ON")
        }
    }

    /// Runs one or more `;`-separated statements; stops at the first failure. Statements already
    /// run stay done (autocommit), as with Redshift's simple-query protocol; inside a connection's
    /// transaction block (`runningBlock`) their inverses go to the undo log for ROLLBACK.
    public func execute(_ sql: String) throws(SQLError) -> [StatementResult] {
        let tokens: [SQLToken]
        do { tokens = try SQLLexer.tokenize(sql) } catch {
            throw SQLError(SQLError.syntax, error.message, position: error.offset + 1)
        }
        let statements = SQLLexer.statements(tokens)
        guard !statements.isEmpty else { return [StatementResult(commandTag: "")] }
        var results: [StatementResult] = []
        for statement in statements {
            let tokens = DialectRewriter.significant(statement)
            if let block = runningBlock {
                results.append(try runInBlock(tokens, block: block))
            } else {
                results.append(try run(tokens))
            }
        }
        return results
    }

    /// Runs one statement's significant tokens.
    func run(_ tokens: [SQLToken]) throws(SQLError) -> StatementResult {
        guard let first = tokens.first else { return StatementResult(commandTag: "") }
        switch first.keyword {
        case "CREATE":
            if tokens.count > 1, tokens[1].isKeyword("EXTERNAL") { return try createExternal(tokens) }
            if tokens.dropFirst().prefix(3).contains(where: { $0.isKeyword("TABLE") }) { return try createTable(tokens) }
            if tokens.count > 1, tokens[1].isKeyword("SCHEMA") { return StatementResult(commandTag: "CREATE SCHEMA") }
            return try runSQLite(tokens, commandTag: "CREATE")
        case "DROP":
            return try dropTable(tokens)
        case "ALTER" where tokens.count > 1 && tokens[1].isKeyword("TABLE"):
            return try alterTable(tokens)
        case "INSERT", "UPDATE", "DELETE":
            return try write(tokens)
        case "TRUNCATE":
            return try truncate(tokens)
        case "COPY": return try copy(tokens)
        case "UNLOAD": return try unload(tokens)
        case "VACUUM": return try vacuum(tokens)
        case "ANALYZE": return try analyze(tokens)
        case "EXPLAIN": return try explain(tokens)
        case "CANCEL":
            guard tokens.count >= 2, let pid = Int(tokens[1].text) else {
                throw SQLError(SQLError.syntax, "CANCEL needs a process id", position: tokens[0].offset + 1)
            }
            guard cancelHandler(pid) else { throw SQLError("42704", "Could not find a query with process id \(pid).", position: tokens[1].offset + 1) }
            return StatementResult(commandTag: "CANCEL")
        case "SET", "RESET":
            return StatementResult(commandTag: "SET")
        case "BEGIN", "START", "COMMIT", "END", "ROLLBACK", "ABORT":
            return try runSQLite(normalizedTransaction(tokens), commandTag: first.keyword == "START" ? "BEGIN" : first.keyword)
        case "SELECT", "WITH", "VALUES", "(":
            return try query(tokens)
        case "SHOW":
            let name = tokens.dropFirst().map(\.text).joined(separator: " ").lowercased()
            let value: String
            switch name {
            case "search_path": value = "$user, public"
            case "datestyle": value = "ISO, MDY"
            case "timezone": value = "UTC"
            case "server_version": value = "8.0.2"
            default: throw SQLError("42704", "unrecognized configuration parameter \"\(name)\"", position: tokens[1 % tokens.count].offset + 1)
            }
            return StatementResult(columns: [ResultColumn(name: name, typeName: "varchar", typeOID: 1043, tableName: "")],
                                   rows: [[.text(value)]], commandTag: "SHOW")
        default:
            throw SQLError(SQLError.syntax, "syntax error at or near \"\(first.text)\"", position: first.offset + 1)
        }
    }

    func normalizedTransaction(_ tokens: [SQLToken]) -> [SQLToken] {
        switch tokens[0].keyword {
        case "START": return [.word("BEGIN")]
        case "END": return [.word("COMMIT")]
        case "ABORT": return [.word("ROLLBACK")]
        default: return tokens.filter { !$0.isKeyword("WORK") && !$0.isKeyword("TRANSACTION") }
        }
    }

    // MARK: - Queries

    func query(_ tokens: [SQLToken]) throws(SQLError) -> StatementResult {
        let rewritten = DialectRewriter.rewrite(tokens)
        // The rewrite may name catalog tables itself (`::regclass` reads pg_class).
        try refreshSystemTables(mentionedIn: tokens + rewritten)
        try refreshExternalTables(mentionedIn: tokens)
        var result = try runSQLite(rewritten, commandTag: "SELECT", original: tokens, booleans: catalogBooleans(tokens + rewritten))
        // PostgreSQL's names for unaliased expressions (`?column?`, `count`), not SQLite's text.
        if let names = ResultColumnNames.names(tokens), names.count == result.columns.count {
            for (k, name) in names.enumerated() { if let name { result.columns[k].name = name } }
        }
        return result
    }

    /// Runs rewritten tokens on SQLite and types the rows.
    func runSQLite(_ tokens: [SQLToken], commandTag: String, original: [SQLToken]? = nil, booleans: Set<String> = []) throws(SQLError) -> StatementResult {
        let sql = tokens.map(\.text).joined(separator: " ")
        let referenced = referencedTables(original ?? tokens)
        do {
            return try queue.inDatabase { db in
                let statement = try db.makeStatement(sql: sql)
                let names = statement.columnNames
                if names.isEmpty {
                    try statement.execute()
                    return StatementResult(commandTag: commandTag, rowsAffected: db.changesCount)
                }
                var rows: [[SQLValue]] = []
                let cursor = try Row.fetchCursor(statement)
                while let row = try cursor.next() {
                    var values: [SQLValue] = []
                    values.reserveCapacity(names.count)
                    for v in row.databaseValues { values.append(ResultTyping.value(v)) }
                    rows.append(values)
                }
                let columns = ResultTyping.columns(names: names, rows: &rows, tables: referenced, booleans: booleans)
                return StatementResult(columns: columns, rows: rows, commandTag: "\(commandTag) \(rows.count)", rowsAffected: -1)
            }
        } catch let error as DatabaseError {
            throw ResultTyping.sqlError(error, tokens: tokens)
        } catch {
            throw SQLError(SQLError.internalError, "\(error)")
        }
    }

    /// User tables a statement names, in the order first named.
    func referencedTables(_ tokens: [SQLToken]) -> [WarehouseTable] {
        var seen: [String] = []
        for t in tokens {
            if let n = t.identifierName, tables[n] != nil, !seen.contains(n) { seen.append(n) }
        }
        return seen.compactMap { tables[$0] }
    }

    /// Runs SQL the leader itself generates (no user text), returning raw rows.
    ///
    /// The statements are cached: their texts vary only with table and column names, so there are
    /// few of them, and a stream loader runs the same ones after every batch, where preparing them
    /// again cost more than running them.
    func internalRows(_ sql: String, _ arguments: StatementArguments = StatementArguments()) throws -> [[DatabaseValue]] {
        try queue.inDatabase { db in
            try Row.fetchAll(db.cachedStatement(sql: sql), arguments: arguments).map { Array($0.databaseValues) }
        }
    }

    func internalExecute(_ sql: String, _ arguments: StatementArguments = StatementArguments()) throws {
        try queue.inDatabase { db in try db.execute(sql: sql, arguments: arguments) }
    }

    /// `"name"` with quotes doubled, for SQL the leader writes itself.
    static func quoted(_ identifier: String) -> String {
        // Names rarely hold a quote, and Foundation's replacing costs microseconds even when
        // there is nothing to replace; every load batch quotes its table and columns.
        guard identifier.utf8.contains(UInt8(ascii: "\"")) else { return "\"" + identifier + "\"" }
        return "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
