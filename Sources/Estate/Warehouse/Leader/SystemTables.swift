import GRDB

/// Redshift's system tables and views, as temporary SQLite tables filled just before a statement
/// that names them, so they are queryable with SQL and joinable with user tables.
struct SystemTable: Sendable {
    let name: String
    let columns: [(name: String, type: String)]
    let rows: @Sendable (WarehouseDatabase) -> [[DatabaseValue]]

    static let all: [SystemTable] = [
        svvTableInfo, stvSlices, stvRecents, stlQuery, svlQuerySummary, stvWLMQueryState, stvWLMServiceClassState,
        stlLoadErrors, pgTableDef, svvTables, svvColumns, svvAllSchemas, svvExternalTables,
        pgNamespace, pgClass, pgAttribute, pgAttrdef, pgType, pgCollation, pgInherits, pgDatabase,
        informationSchemaTables, informationSchemaColumns,
    ]
    static let byName: [String: SystemTable] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

    static func v(_ x: (any DatabaseValueConvertible)?) -> DatabaseValue { x?.databaseValue ?? .null }

    static func timeText(_ t: SimInstant?) -> DatabaseValue {
        guard let t else { return .null }
        return SQLDateTime(t).text.databaseValue
    }

    static let svvTableInfo = SystemTable(name: "svv_table_info", columns: [
        ("database", "TEXT"), ("schema", "TEXT"), ("table_id", "INTEGER"), ("table", "TEXT"), ("encoded", "TEXT"),
        ("diststyle", "TEXT"), ("sortkey1", "TEXT"), ("max_varchar", "INTEGER"), ("sortkey1_enc", "TEXT"), ("sortkey_num", "INTEGER"),
        ("size", "INTEGER"), ("pct_used", "REAL"), ("empty", "INTEGER"), ("unsorted", "REAL"), ("stats_off", "REAL"),
        ("tbl_rows", "INTEGER"), ("skew_sortkey1", "REAL"), ("skew_rows", "REAL"), ("estimated_visible_rows", "INTEGER"),
    ]) { db in
        db.tables.keys.sorted().compactMap { db.tables[$0] }.map { t in
            let d = t.definition
            let sortkey1 = d.sortKey.first.map { d.sortStyle == .interleaved ? "INTERLEAVED(\($0))" : $0 }
                ?? (d.sortStyle == .auto ? "AUTO(SORTKEY)" : nil)
            let maxVarchar = d.columns.compactMap { c -> Int? in
                c.type.family == .text ? Int(c.type.name.split(separator: "(").last?.dropLast() ?? "") : nil
            }.max() ?? 0
            let encoded = d.columns.contains { $0.encoding != "none" && $0.encoding != "raw" } ? "Y" : "N"
            let capacityMB = db.topology.computeNodes * 160 * 1024
            return [v("dev"), v("public"), v(t.tableID), v(t.name), v(encoded), v(t.distStyleLabel), v(sortkey1), v(maxVarchar),
                    v(d.sortKey.first.flatMap { d.column($0)?.encoding }), v(d.sortKey.count), v(t.sizeMB),
                    v((Double(t.sizeMB) / Double(capacityMB) * 10000).rounded() / 100), v(0), v(t.unsortedPercent),
                    v(t.statsOffPercent), v(t.totalRows), v(d.sortKey.isEmpty ? nil : 1.0), v(t.skewRows), v(t.totalRows)]
        }
    }

    static let stvSlices = SystemTable(name: "stv_slices", columns: [
        ("node", "INTEGER"), ("slice", "INTEGER"), ("localslice", "INTEGER"), ("type", "TEXT"),
    ]) { db in
        (0..<db.topology.sliceCount).map { s in
            [v(db.topology.node(ofSlice: s)), v(s), v(db.topology.localSlice(s)), v("D")]
        }
    }

    static let stvRecents = SystemTable(name: "stv_recents", columns: [
        ("userid", "INTEGER"), ("status", "TEXT"), ("starttime", "TEXT"), ("duration", "INTEGER"), ("user_name", "TEXT"),
        ("db_name", "TEXT"), ("query", "TEXT"), ("pid", "INTEGER"),
    ]) { db in
        let now = db.session.now
        return db.queryLog().suffix(100).map { q in
            let running = q.state == .running || q.state == .queued
            return [v(100), v(running ? "Running" : "Done"), timeText(q.startedAt ?? q.submittedAt),
                    v(q.execMicroseconds(now: now) + q.queueMicroseconds(now: now)), v(q.userName), v(q.database),
                    v(String(q.text.prefix(600))), v(running ? q.pid : -1)]
        }
    }

    static let stlQuery = SystemTable(name: "stl_query", columns: [
        ("userid", "INTEGER"), ("query", "INTEGER"), ("label", "TEXT"), ("xid", "INTEGER"), ("pid", "INTEGER"), ("database", "TEXT"),
        ("querytxt", "TEXT"), ("starttime", "TEXT"), ("endtime", "TEXT"), ("aborted", "INTEGER"),
    ]) { db in
        db.queryLog().filter { $0.state.isDone && $0.startedAt != nil }.map { q in
            [v(100), v(q.query), v("default"), v(q.xid), v(q.pid), v(q.database), v(String(q.text.prefix(4000))),
             timeText(q.startedAt), timeText(q.endedAt), v(q.state == .aborted ? 1 : 0)]
        }
    }

    static let svlQuerySummary = SystemTable(name: "svl_query_summary", columns: [
        ("userid", "INTEGER"), ("query", "INTEGER"), ("stm", "INTEGER"), ("seg", "INTEGER"), ("step", "INTEGER"),
        ("maxtime", "INTEGER"), ("avgtime", "INTEGER"), ("rows", "INTEGER"), ("bytes", "INTEGER"), ("rate_row", "REAL"),
        ("rate_byte", "REAL"), ("label", "TEXT"), ("is_diskbased", "TEXT"), ("workmem", "INTEGER"),
        ("is_rrscan", "TEXT"), ("is_delayed_scan", "TEXT"), ("rows_pre_filter", "INTEGER"),
    ]) { db in
        db.queryLog().filter { $0.state == .finished }.flatMap { q in
            q.steps.map { s in
                let seconds = Double(max(s.maxTimeMicroseconds, 1)) / 1_000_000
                return [v(100), v(q.query), v(s.stream), v(s.segment), v(s.step), v(s.maxTimeMicroseconds), v(s.avgTimeMicroseconds),
                        v(s.rows), v(s.bytes), v(Double(s.rows) / seconds), v(Double(s.bytes) / seconds), v(s.label), v("f"),
                        v(0), v(s.label.hasPrefix("scan") ? "t" : "f"), v("f"), v(s.rows)]
            }
        }
    }

    static let stvWLMQueryState = SystemTable(name: "stv_wlm_query_state", columns: [
        ("xid", "INTEGER"), ("task", "INTEGER"), ("query", "INTEGER"), ("service_class", "INTEGER"), ("slot_count", "INTEGER"),
        ("wlm_start_time", "TEXT"), ("state", "TEXT"), ("queue_time", "INTEGER"), ("exec_time", "INTEGER"), ("query_priority", "TEXT"),
    ]) { db in
        let now = db.session.now
        return db.queryLog().filter { !$0.state.isDone }.map { q in
            [v(q.xid), v(q.query), v(q.query), v(q.serviceClass), v(1), timeText(q.submittedAt),
             v(q.state == .queued ? "Queued" : "Running"), v(q.queueMicroseconds(now: now)), v(q.execMicroseconds(now: now)), v("Normal")]
        }
    }

    static let stvWLMServiceClassState = SystemTable(name: "stv_wlm_service_class_state", columns: [
        ("service_class", "INTEGER"), ("num_queued_queries", "INTEGER"), ("num_executing_queries", "INTEGER"),
    ]) { db in
        let active = db.queryLog().filter { !$0.state.isDone }
        let classes = Set(active.map(\.serviceClass)).union([6]).sorted()
        return classes.map { c in
            [v(c), v(active.filter { $0.serviceClass == c && $0.state == .queued }.count),
             v(active.filter { $0.serviceClass == c && $0.state == .running }.count)]
        }
    }

    static let stlLoadErrors = SystemTable(name: "stl_load_errors", columns: [
        ("userid", "INTEGER"), ("slice", "INTEGER"), ("tbl", "INTEGER"), ("starttime", "TEXT"), ("session", "INTEGER"),
        ("query", "INTEGER"), ("filename", "TEXT"), ("line_number", "INTEGER"), ("colname", "TEXT"), ("type", "TEXT"),
        ("col_length", "TEXT"), ("position", "INTEGER"), ("raw_line", "TEXT"), ("raw_field_value", "TEXT"),
        ("err_code", "INTEGER"), ("err_reason", "TEXT"),
    ]) { db in
        db.loadErrors.map { e in
            [v(100), v(0), v(e.tableID), timeText(e.startTime), v(0), v(e.query), v(e.fileName), v(e.lineNumber), v(e.columnName),
             v(""), v(""), v(0), v(e.rawLine), v(e.rawFieldValue), v(e.errorCode), v(e.reason)]
        }
    }

    static let pgTableDef = SystemTable(name: "pg_table_def", columns: [
        ("schemaname", "TEXT"), ("tablename", "TEXT"), ("column", "TEXT"), ("type", "TEXT"), ("encoding", "TEXT"),
        ("distkey", "INTEGER"), ("sortkey", "INTEGER"), ("notnull", "INTEGER"),
    ]) { db in
        db.tables.keys.sorted().compactMap { db.tables[$0] }.flatMap { t in
            t.definition.columns.map { c in
                let sortPosition = (t.definition.sortKey.firstIndex(of: c.name).map { $0 + 1 }) ?? 0
                return [v("public"), v(t.name), v(c.name), v(c.type.name), v(c.encoding), v(t.distKey == c.name ? 1 : 0),
                        v(t.definition.sortStyle == .interleaved && sortPosition > 0 ? -sortPosition : sortPosition), v(c.notNull ? 1 : 0)]
            }
        }
    }

    static let svvTables = SystemTable(name: "svv_tables", columns: [
        ("table_catalog", "TEXT"), ("table_schema", "TEXT"), ("table_name", "TEXT"), ("table_type", "TEXT"), ("remarks", "TEXT"),
    ]) { db in
        db.tables.keys.sorted().map { [v("dev"), v("public"), v($0), v("BASE TABLE"), v(nil as String?)] }
            + db.externalTables.keys.sorted().compactMap { db.externalTables[$0] }.map {
                [v("dev"), v($0.schema), v($0.name), v("EXTERNAL TABLE"), v(nil as String?)]
            }
    }

    static let svvColumns = SystemTable(name: "svv_columns", columns: [
        ("table_catalog", "TEXT"), ("table_schema", "TEXT"), ("table_name", "TEXT"), ("column_name", "TEXT"),
        ("ordinal_position", "INTEGER"), ("column_default", "TEXT"), ("is_nullable", "TEXT"), ("data_type", "TEXT"),
        ("character_maximum_length", "INTEGER"), ("numeric_precision", "INTEGER"), ("numeric_scale", "INTEGER"), ("remarks", "TEXT"),
    ]) { db in
        func rows(_ schema: String, _ table: String, _ columns: [ColumnDefinition]) -> [[DatabaseValue]] {
            columns.enumerated().map { k, c in
                let mods = c.type.name.split(separator: "(").dropFirst().first.map { $0.dropLast().split(separator: ",").compactMap { Int($0) } } ?? []
                let baseName = String(c.type.name.split(separator: "(").first ?? "")
                return [v("dev"), v(schema), v(table), v(c.name), v(k + 1), v(c.identity.map { "\"identity\"(\($0.seed), \($0.step))" }),
                        v(c.notNull ? "NO" : "YES"), v(baseName), v(c.type.family == .text ? mods.first : nil),
                        v(c.type.family == .decimal ? mods.first : nil), v(c.type.family == .decimal && mods.count > 1 ? mods[1] : nil), v(nil as String?)]
            }
        }
        return db.tables.keys.sorted().compactMap { db.tables[$0] }.flatMap { rows("public", $0.name, $0.definition.columns) }
            + db.externalTables.keys.sorted().compactMap { db.externalTables[$0] }.flatMap { rows($0.schema, $0.name, $0.columns) }
    }

    static let svvAllSchemas = SystemTable(name: "svv_all_schemas", columns: [
        ("database_name", "TEXT"), ("schema_name", "TEXT"), ("schema_owner", "INTEGER"), ("schema_type", "TEXT"),
        ("schema_acl", "TEXT"), ("source_database", "TEXT"), ("schema_option", "TEXT"),
    ]) { db in
        [[v("dev"), v("information_schema"), v(1), v("local"), v(nil as String?), v(nil as String?), v(nil as String?)],
         [v("dev"), v("pg_catalog"), v(1), v("local"), v(nil as String?), v(nil as String?), v(nil as String?)],
         [v("dev"), v("public"), v(1), v("local"), v(nil as String?), v(nil as String?), v(nil as String?)]]
            + db.externalSchemas.keys.sorted().map { s in
                [v("dev"), v(s), v(100), v("external"), v(nil as String?), v(db.externalSchemas[s]), v(nil as String?)]
            }
    }

    static let svvExternalTables = SystemTable(name: "svv_external_tables", columns: [
        ("schemaname", "TEXT"), ("tablename", "TEXT"), ("location", "TEXT"), ("input_format", "TEXT"),
    ]) { db in
        db.externalTables.keys.sorted().compactMap { db.externalTables[$0] }.map {
            [v($0.schema), v($0.name), v($0.location), v("org.apache.hadoop.mapred.TextInputFormat")]
        }
    }
}

extension WarehouseDatabase {
    /// Fills the system tables a statement names, so they show the state as of this statement.
    func refreshSystemTables(mentionedIn tokens: [SQLToken]) throws(SQLError) {
        var names: [String] = []
        for t in tokens {
            if let n = t.identifierName, SystemTable.byName[n] != nil, !names.contains(n) { names.append(n) }
        }
        for n in names {
            let table = SystemTable.byName[n]!
            let rows = table.rows(self)
            do {
                try queue.inDatabase { db in
                    if !systemTablesCreated.contains(n) {
                        let cols = table.columns.map { "\(Self.quoted($0.name)) \($0.type)" }.joined(separator: ", ")
                        try db.execute(sql: "CREATE TEMP TABLE \(n) (\(cols))")
                        systemTablesCreated.insert(n)
                    }
                    try db.execute(sql: "DELETE FROM temp.\(n)")
                    let marks = Array(repeating: "?", count: table.columns.count).joined(separator: ", ")
                    let insert = try db.makeStatement(sql: "INSERT INTO temp.\(n) VALUES (\(marks))")
                    for row in rows { try insert.execute(arguments: StatementArguments(row)) }
                }
            } catch {
                throw SQLError(SQLError.internalError, "could not read \(n): \(error)")
            }
        }
    }

    /// The boolean columns of the catalog tables a statement names.
    func catalogBooleans(_ tokens: [SQLToken]) -> Set<String> {
        var names: Set<String> = []
        for t in tokens { if let n = t.identifierName, let columns = SystemTable.booleanColumns[n] { names.formUnion(columns) } }
        return names
    }

    /// Whether a statement reads only the catalog (system tables or no table): the leader answers
    /// it alone, without compute slices.
    func isCatalogOnly(_ tokens: [SQLToken]) -> Bool {
        !tokens.contains { t in t.identifierName.map { tables[$0] != nil || externalSchemas[$0] != nil } ?? false }
    }
}

extension WarehouseDatabase {
    /// Every system table with its column names, for completion in consoles.
    public static var systemTableColumns: [(table: String, columns: [String])] {
        SystemTable.all.map { ($0.name, $0.columns.map(\.name)) }
    }
}
