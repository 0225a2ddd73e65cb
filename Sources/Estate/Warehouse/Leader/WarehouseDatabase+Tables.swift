import GRDB

/// DDL and DML: the catalog follows every change, and every write re-places the table's rows on
/// slices so per-slice counts, skew, unsorted and stats figures stay true.
extension WarehouseDatabase {
    func createTable(_ tokens: [SQLToken]) throws(SQLError) -> StatementResult {
        let parsed: CreateTableParser.Parsed
        do { parsed = try CreateTableParser.parse(tokens) } catch {
            throw SQLError(SQLError.syntax, error.message, position: error.token.map { $0.offset + 1 })
        }
        let name = parsed.definition.name
        if tables[name] != nil || externalTables[name] != nil {
            if parsed.ifNotExists { return StatementResult(commandTag: "CREATE TABLE") }
            throw SQLError(SQLError.duplicateTable, "Relation \"\(name)\" already exists", position: tokens.first { $0.identifierName == name }.map { $0.offset + 1 })
        }
        if parsed.isCreateAs { try refreshSystemTables(mentionedIn: tokens) }
        let result = try runSQLite(parsed.sqlite, commandTag: "CREATE TABLE")
        var definition = parsed.definition
        if parsed.isCreateAs {
            definition.columns = (try? internalRows("SELECT name, type FROM pragma_table_info(?)", [name]))?.map { row in
                let declared = String.fromDatabaseValue(row[1])?.uppercased() ?? ""
                let type: RedshiftType
                if declared.contains("INT") { type = RedshiftType(words: ["bigint"], modifiers: [])! }
                else if declared.contains("REAL") || declared.contains("NUM") || declared.contains("FLOA") { type = RedshiftType(words: ["double"], modifiers: [])! }
                else { type = RedshiftType(words: ["varchar"], modifiers: [256])! }
                return ColumnDefinition(name: String.fromDatabaseValue(row[0]) ?? "?", type: type,
                                        encoding: ColumnDefinition.defaultEncoding(for: type, isSortKey: false), notNull: false, identity: nil)
            } ?? []
        }
        nextTableID += 1
        var state = WarehouseTable(definition: definition, tableID: nextTableID, rowsPerSlice: Array(repeating: 0, count: topology.sliceCount),
                               totalRows: 0, sortedRows: 0, rowsAtLastAnalyze: 0, rowsChangedSinceAnalyze: 0,
                               nextIdentity: [:], effectiveStyle: definition.distStyle)
        for c in definition.columns { if let id = c.identity { state.nextIdentity[c.name] = id.seed } }
        tables[name] = state
        if parsed.isCreateAs { afterWrite(name, kind: .load) }
        else { place(name) }
        return StatementResult(commandTag: result.commandTag)
    }

    func dropTable(_ tokens: [SQLToken]) throws(SQLError) -> StatementResult {
        guard tokens.count >= 3, tokens[1].isKeyword("TABLE") || tokens[1].isKeyword("VIEW") else {
            return try runSQLite(tokens, commandTag: "DROP")
        }
        var i = 2
        var ifExists = false
        if i + 1 < tokens.count, tokens[i].isKeyword("IF"), tokens[i + 1].isKeyword("EXISTS") { ifExists = true; i += 2 }
        var names: [SQLToken] = []
        while i < tokens.count {
            if tokens[i].isKeyword("PUBLIC"), i + 1 < tokens.count, tokens[i + 1].isSymbol(".") { i += 2; continue }
            if tokens[i].isKeyword("CASCADE") || tokens[i].isKeyword("RESTRICT") { i += 1; continue }
            if tokens[i].isSymbol(",") { i += 1; continue }
            names.append(tokens[i]); i += 1
        }
        for token in names {
            guard let name = token.identifierName else { throw SQLError(SQLError.syntax, "expected a table name", position: token.offset + 1) }
            if externalTables.removeValue(forKey: name) != nil {
                try? internalExecute("DROP TABLE IF EXISTS \(Self.quoted(name))")
                continue
            }
            if tables[name] == nil, !tokens[1].isKeyword("VIEW") {
                if ifExists { continue }
                throw SQLError(SQLError.undefinedTable, "Table \"\(name)\" does not exist", position: token.offset + 1)
            }
            if let block = runningBlock, tables[name] != nil {
                try hideDroppedTable(name, block: block)
                continue
            }
            _ = try runSQLite([.word("DROP"), tokens[1]] + (ifExists ? [.word("IF"), .word("EXISTS")] : []) + [token], commandTag: "DROP")
            tables[name] = nil
        }
        return StatementResult(commandTag: tokens[1].isKeyword("VIEW") ? "DROP VIEW" : "DROP TABLE")
    }

    enum WriteKind { case insert, update, delete, load }

    /// INSERT, UPDATE, DELETE: run, then fill identities and re-place the target's rows.
    func write(_ tokens: [SQLToken]) throws(SQLError) -> StatementResult {
        let kind: WriteKind = tokens[0].isKeyword("INSERT") ? .insert : tokens[0].isKeyword("UPDATE") ? .update : .delete
        var k = 1
        while k < tokens.count, tokens[k].isKeyword("INTO") || tokens[k].isKeyword("FROM") { k += 1 }
        if k + 1 < tokens.count, tokens[k].isKeyword("PUBLIC"), tokens[k + 1].isSymbol(".") { k += 2 }
        let target = k < tokens.count ? tokens[k].identifierName : nil
        try refreshSystemTables(mentionedIn: tokens)
        let result = try runSQLite(DialectRewriter.rewrite(tokens), commandTag: tokens[0].keyword)
        if let target, tables[target] != nil {
            if kind == .insert { fillIdentities(target) }
            afterWrite(target, kind: kind, changed: result.rowsAffected)
        }
        let tag = kind == .insert ? "INSERT 0 \(result.rowsAffected)" : "\(tokens[0].keyword) \(result.rowsAffected)"
        return StatementResult(commandTag: tag, rowsAffected: result.rowsAffected)
    }

    func truncate(_ tokens: [SQLToken]) throws(SQLError) -> StatementResult {
        var k = 1
        if k < tokens.count, tokens[k].isKeyword("TABLE") { k += 1 }
        guard k < tokens.count, let name = tokens[k].identifierName, tables[name] != nil else {
            throw SQLError(SQLError.undefinedTable, "Table \"\(tokens.dropFirst(k).first?.text ?? "")\" does not exist", position: tokens.dropFirst(k).first.map { $0.offset + 1 })
        }
        _ = try runSQLite([.word("DELETE"), .word("FROM"), tokens[k]], commandTag: "DELETE")
        tables[name]?.sortedRows = 0
        tables[name]?.rowsAtLastAnalyze = 0
        tables[name]?.rowsChangedSinceAnalyze = 0
        place(name)
        return StatementResult(commandTag: "TRUNCATE TABLE")
    }

    /// Numbers rows whose IDENTITY columns are still NULL, in insertion order; after a load that
    /// only appended rows above `afterRowid`, only those are looked at rather than the whole table.
    func fillIdentities(_ name: String, afterRowid: Int64? = nil) {
        guard var state = tables[name], state.definition.columns.contains(where: { $0.identity != nil }) else { return }
        for c in state.definition.columns {
            guard let identity = c.identity else { continue }
            let column = Self.quoted(c.name), table = Self.quoted(name)
            guard let rows = try? internalRows("SELECT rowid FROM \(table) WHERE rowid > ? AND \(column) IS NULL ORDER BY rowid",
                                               [afterRowid ?? Int64.min]) else { continue }
            var next = state.nextIdentity[c.name] ?? identity.seed
            try? queue.inDatabase { db in
                let update = try db.makeStatement(sql: "UPDATE \(table) SET \(column) = ? WHERE rowid = ?")
                for row in rows {
                    try update.execute(arguments: [next, row[0]])
                    next += identity.step
                }
            }
            state.nextIdentity[c.name] = next
        }
        tables[name] = state
    }

    /// Updates sorted-region and statistics bookkeeping after a change, then re-places rows.
    ///
    /// `appendedAfterRowid`: the write only appended `changed` rows above that rowid, so only they
    /// are placed (a stream loader's every batch would otherwise re-read the whole table).
    func afterWrite(_ name: String, kind: WriteKind, changed: Int = 0, appendedAfterRowid: Int64? = nil) {
        guard var state = tables[name] else { return }
        let wasEmpty = state.totalRows == 0
        tables[name] = state
        if let after = appendedAfterRowid, !wasEmpty, state.definition.distStyle != .auto {
            placeAppended(name, afterRowid: after, count: changed)
        } else {
            place(name)
        }
        state = tables[name]!
        let total = state.totalRows
        switch kind {
        case .load, .insert:
            // A load into an empty table is sorted as it lands; later loads append unsorted rows.
            if wasEmpty { state.sortedRows = total }
            if kind == .load && wasEmpty {
                // COPY's automatic statistics update runs on an empty table's first load.
                state.rowsAtLastAnalyze = total
                state.rowsChangedSinceAnalyze = 0
            } else {
                state.rowsChangedSinceAnalyze += max(changed, 0)
            }
        case .update:
            state.sortedRows = max(0, state.sortedRows - changed)
            state.rowsChangedSinceAnalyze += changed
        case .delete:
            state.rowsChangedSinceAnalyze += changed
        }
        state.sortedRows = min(state.sortedRows, total)
        tables[name] = state
    }

    /// Re-places a table's rows on slices by its distribution style and counts each slice.
    func place(_ name: String) {
        guard var state = tables[name] else { return }
        let table = Self.quoted(name)
        let slices = topology.sliceCount
        let total = (try? internalRows("SELECT count(*) FROM \(table)").first?[0]).flatMap { Int.fromDatabaseValue($0) } ?? 0
        var style = state.definition.distStyle
        if style == .auto {
            // AUTO: ALL while small, then KEY on a single-column primary key, else EVEN (AWS's rule of thumb).
            if total < WarehouseTable.autoAllRowLimit { style = .all }
            else if let pk = state.definition.primaryKey { style = .key(pk) }
            else { style = .even }
        }
        var counts = Array(repeating: 0, count: slices)
        switch style {
        case .all, .auto:
            for node in 0..<topology.computeNodes { counts[node * topology.slicesPerNode] = total }
        case .even:
            if let rows = try? internalRows("SELECT (rowid - 1) % \(slices), count(*) FROM \(table) GROUP BY 1") {
                for r in rows { if let s = Int.fromDatabaseValue(r[0]), let n = Int.fromDatabaseValue(r[1]), s >= 0, s < slices { counts[s] = n } }
            }
        case let .key(column):
            if let rows = try? internalRows("SELECT rs_slice(\(Self.quoted(column)), \(slices)), count(*) FROM \(table) GROUP BY 1") {
                for r in rows { if let s = Int.fromDatabaseValue(r[0]), let n = Int.fromDatabaseValue(r[1]), s >= 0, s < slices { counts[s] = n } }
            }
        }
        state.effectiveStyle = style
        state.rowsPerSlice = counts
        state.totalRows = total
        tables[name] = state
    }

    /// Adds rows appended above `afterRowid` to the slice counts by the same rules as `place`.
    /// AUTO tables are always placed in full, since their style may change with their size.
    func placeAppended(_ name: String, afterRowid: Int64, count: Int) {
        guard var state = tables[name] else { return }
        let table = Self.quoted(name)
        let slices = topology.sliceCount
        var counts = state.rowsPerSlice.count == slices ? state.rowsPerSlice : Array(repeating: 0, count: slices)
        let total = state.totalRows + count
        let grouped: String?
        switch state.effectiveStyle {
        case .all, .auto:
            grouped = nil
            for node in 0..<topology.computeNodes { counts[node * topology.slicesPerNode] = total }
        case .even: grouped = "(rowid - 1) % \(slices)"
        case let .key(column): grouped = "rs_slice(\(Self.quoted(column)), \(slices))"
        }
        if let grouped, let rows = try? internalRows("SELECT \(grouped), count(*) FROM \(table) WHERE rowid > ? GROUP BY 1", [afterRowid]) {
            for r in rows { if let s = Int.fromDatabaseValue(r[0]), let n = Int.fromDatabaseValue(r[1]), s >= 0, s < slices { counts[s] += n } }
        }
        state.rowsPerSlice = counts
        state.totalRows = total
        tables[name] = state
    }

    /// `VACUUM [FULL|SORT ONLY|DELETE ONLY|REINDEX] [table] [TO n PERCENT] [BOOST]`: re-sorts.
    func vacuum(_ tokens: [SQLToken]) throws(SQLError) -> StatementResult {
        let skip: Set<String> = ["FULL", "SORT", "DELETE", "ONLY", "REINDEX", "RECLUSTER", "BOOST", "TO", "PERCENT"]
        let named = tokens.dropFirst().filter { $0.kind != .number && !skip.contains($0.keyword) && !$0.isSymbol(".") && !$0.isKeyword("PUBLIC") }
        let targets: [String]
        if let t = named.first {
            guard let n = t.identifierName, tables[n] != nil else {
                throw SQLError(SQLError.undefinedTable, "Table \"\(t.text)\" does not exist", position: t.offset + 1)
            }
            targets = [n]
        } else {
            targets = tables.keys.sorted()
        }
        let deleteOnly = tokens.contains { $0.isKeyword("DELETE") }
        for n in targets where !deleteOnly {
            let total = tables[n]?.totalRows ?? 0
            tables[n]?.sortedRows = total
        }
        return StatementResult(commandTag: "VACUUM")
    }

    /// `ANALYZE [table]`: fresh statistics (stats_off back to 0).
    func analyze(_ tokens: [SQLToken]) throws(SQLError) -> StatementResult {
        let named = tokens.dropFirst().filter { !["VERBOSE", "COMPRESSION", "PREDICATE", "COLUMNS", "ALL"].contains($0.keyword) && $0.kind != .symbol && !$0.isKeyword("PUBLIC") }
        let targets: [String]
        if let t = named.first {
            guard let n = t.identifierName, tables[n] != nil else {
                throw SQLError(SQLError.undefinedTable, "Table \"\(t.text)\" does not exist", position: t.offset + 1)
            }
            targets = [n]
        } else {
            targets = tables.keys.sorted()
        }
        for n in targets {
            let total = tables[n]?.totalRows ?? 0
            tables[n]?.rowsAtLastAnalyze = total
            tables[n]?.rowsChangedSinceAnalyze = 0
        }
        return StatementResult(commandTag: "ANALYZE")
    }
}
