import GRDB

/// A connection's transaction block on the leader: its statements run and commit at once, as
/// everyone's do, while the undo log keeps their inverses; ROLLBACK replays them, COMMIT
/// forgets them. Other connections and the loaders see a block's rows before it ends.
///
/// CREATE TABLE in a block is undone by dropping the table, DROP TABLE by keeping the table under
/// a hidden name until the block ends, TRUNCATE by its captured rows. What cannot be undone this
/// way is refused inside a block, before it runs.
extension WarehouseDatabase {
    /// The block whose statement runs now (the workload manager sets it around each statement).
    var runningBlock: Int? {
        get { undo.running }
        set { undo.running = newValue }
    }

    /// Where the undo log stands now: a savepoint's place in a block.
    public func undoMark() -> UndoMark {
        UndoMark(entry: (try? lastUndoEntry()) ?? 0, step: undo.step)
    }

    private func lastUndoEntry() throws -> Int64 {
        try queue.inDatabase { db in
            guard try db.tableExists("cloudtop_undo", in: "temp") else { return 0 }
            return try UndoLog.lastEntry(db)
        }
    }

    /// COMMIT: the block's changes stay; tables it dropped go for good.
    public func commitBlock(_ block: Int) {
        guard let state = undo.blocks.removeValue(forKey: block) else { return }
        try? queue.inDatabase { db in
            for (entry, _) in state.dropped.sorted(by: { $0.key < $1.key }) {
                if let hidden = try String.fetchOne(db, sql: "SELECT vals FROM cloudtop_undo WHERE entry = ?", arguments: [entry]) {
                    try db.execute(sql: "DROP TABLE IF EXISTS main.\(Self.quoted(hidden))")
                }
            }
            try db.execute(sql: "DELETE FROM cloudtop_undo WHERE block = ?", arguments: [block])
        }
        retireTriggersIfIdle()
    }

    /// ROLLBACK (to `mark`, a savepoint, or the start): replays the block's inverses newest first
    /// in one SQLite transaction and takes back what its statements did to the tables'
    /// bookkeeping. Rolling back to the start ends the block.
    public func rollbackBlock(_ block: Int, to mark: UndoMark = .start) throws(SQLError) {
        guard var state = undo.blocks[block] else { return }
        var touched: Set<String> = []
        do {
            try queue.inDatabase { db in
                let entries = try UndoLog.entries(db, block: block, after: mark.entry)
                var moved: [String: [Int64: Int64]] = [:]
                try db.execute(sql: "SAVEPOINT cloudtop_rollback")
                do {
                    for e in entries {
                        switch e.op {
                        case "c":
                            try db.execute(sql: "DROP TABLE IF EXISTS main.\(Self.quoted(e.table))")
                            tables[e.table] = nil
                        case "x":
                            guard let hidden = e.values, let table = state.dropped.removeValue(forKey: e.entry) else { continue }
                            try db.execute(sql: "ALTER TABLE main.\(Self.quoted(hidden)) RENAME TO \(Self.quoted(e.table))")
                            tables[e.table] = table
                            touched.insert(e.table)
                        default:
                            try UndoLog.undoRow(db, e, moved: &moved)
                            touched.insert(e.table)
                        }
                    }
                    try db.execute(sql: "DELETE FROM cloudtop_undo WHERE block = ? AND entry > ?", arguments: [block, mark.entry])
                    // The block's older entries follow rows that came back under a new rowid.
                    for (table, rowids) in moved.sorted(by: { $0.key < $1.key }) {
                        for (old, new) in rowids.sorted(by: { $0.key < $1.key }) {
                            try db.execute(sql: "UPDATE cloudtop_undo SET rid = ? WHERE block = ? AND tbl = ? AND rid = ?", arguments: [new, block, table, old])
                        }
                    }
                    try db.execute(sql: "RELEASE cloudtop_rollback")
                } catch {
                    try? db.execute(sql: "ROLLBACK TO cloudtop_rollback")
                    try? db.execute(sql: "RELEASE cloudtop_rollback")
                    throw error
                }
            }
        } catch {
            // The block ends anyway, so a log that cannot be replayed does not fail every later ROLLBACK.
            if mark == .start { abandon(block) }
            throw SQLError(SQLError.internalError, "could not roll back the transaction block: \(error)")
        }
        for b in state.bookkeeping.reversed() where b.step > mark.step {
            touched.insert(b.table)
            guard var table = tables[b.table], table.tableID == b.tableID else { continue }
            table.sortedRows -= b.sortedRows
            table.rowsAtLastAnalyze -= b.rowsAtLastAnalyze
            table.rowsChangedSinceAnalyze = max(0, table.rowsChangedSinceAnalyze - b.rowsChangedSinceAnalyze)
            tables[b.table] = table
        }
        state.bookkeeping.removeAll { $0.step > mark.step }
        for name in touched.sorted() where tables[name] != nil {
            place(name)
            if var table = tables[name] {
                table.sortedRows = min(max(0, table.sortedRows), table.totalRows)
                table.rowsAtLastAnalyze = max(0, table.rowsAtLastAnalyze)
                tables[name] = table
            }
        }
        if mark == .start {
            undo.blocks[block] = nil
            retireTriggersIfIdle()
        } else {
            undo.blocks[block] = state
        }
    }

    private func abandon(_ block: Int) {
        undo.blocks[block] = nil
        try? internalExecute("DELETE FROM cloudtop_undo WHERE block = ?", [block])
        retireTriggersIfIdle()
    }

    /// With no block open, the triggers go, so the loaders' writes pay nothing for them.
    private func retireTriggersIfIdle() {
        guard undo.blocks.isEmpty, !undo.triggered.isEmpty else { return }
        try? queue.inDatabase { db in
            for id in undo.triggered.sorted() { try UndoLog.dropTriggers(db, tableID: id) }
        }
        undo.triggered = []
    }

    // MARK: - Capturing a statement

    /// Runs one statement of `block`, capturing the inverse of what it does.
    func runInBlock(_ tokens: [SQLToken], block: Int) throws(SQLError) -> StatementResult {
        try refuseInBlock(tokens)
        do {
            try queue.inDatabase { db in
                try UndoLog.createTable(db)
                for name in tables.keys.sorted() {
                    guard let table = tables[name], !undo.triggered.contains(table.tableID) else { continue }
                    let columns = try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?)", arguments: [name])
                    guard !columns.isEmpty else { continue }
                    try UndoLog.installTriggers(db, table: name, tableID: table.tableID, columns: columns)
                    undo.triggered.insert(table.tableID)
                }
            }
        } catch {
            throw SQLError(SQLError.internalError, "could not start the undo log: \(error)")
        }
        if undo.blocks[block] == nil { undo.blocks[block] = UndoLog.Block() }
        undo.step += 1
        let step = undo.step
        let before = tables
        defer { recordBookkeeping(block: block, step: step, before: before) }
        return try run(tokens)
    }

    /// What a captured statement did to each table: tables it created get a `c` entry, and the
    /// change to the bookkeeping of tables it kept is noted.
    private func recordBookkeeping(block: Int, step: Int, before: [String: WarehouseTable]) {
        for name in tables.keys.sorted() where before[name] == nil {
            try? internalExecute("INSERT INTO cloudtop_undo (block, op, tbl) VALUES (?, 'c', ?)", [block, name])
        }
        for name in before.keys.sorted() {
            guard let old = before[name], let new = tables[name], old.tableID == new.tableID else { continue }
            let change = UndoLog.Bookkeeping(step: step, table: name, tableID: new.tableID, sortedRows: new.sortedRows - old.sortedRows,
                                             rowsAtLastAnalyze: new.rowsAtLastAnalyze - old.rowsAtLastAnalyze,
                                             rowsChangedSinceAnalyze: new.rowsChangedSinceAnalyze - old.rowsChangedSinceAnalyze)
            if change.sortedRows != 0 || change.rowsAtLastAnalyze != 0 || change.rowsChangedSinceAnalyze != 0 {
                undo.blocks[block]?.bookkeeping.append(change)
            }
        }
    }

    /// DROP TABLE inside a block: the table is renamed out of sight (and out of the catalog) and
    /// comes back on rollback; COMMIT drops it.
    func hideDroppedTable(_ name: String, block: Int) throws(SQLError) {
        guard let table = tables[name] else { return }
        undo.nextHidden += 1
        let hidden = UndoLog.hiddenPrefix + String(undo.nextHidden)
        do {
            try queue.inDatabase { db in
                try UndoLog.dropTriggers(db, tableID: table.tableID)
                try db.execute(sql: "ALTER TABLE main.\(Self.quoted(name)) RENAME TO \(Self.quoted(hidden))")
                try db.execute(sql: "INSERT INTO cloudtop_undo (block, op, tbl, vals) VALUES (?, 'x', ?, ?)", arguments: [block, name, hidden])
                undo.blocks[block, default: UndoLog.Block()].dropped[db.lastInsertedRowID] = table
            }
        } catch {
            throw SQLError(SQLError.internalError, "could not drop \"\(name)\" inside the transaction block: \(error)")
        }
        undo.triggered.remove(table.tableID)
        tables[name] = nil
    }

    /// Statements a block cannot take back, refused before they run: VACUUM and external tables
    /// as Redshift refuses them in a block, and DDL other than CREATE/DROP TABLE and TRUNCATE.
    private func refuseInBlock(_ tokens: [SQLToken]) throws(SQLError) {
        guard let first = tokens.first else { return }
        let position = first.offset + 1
        switch first.keyword {
        case "VACUUM":
            throw SQLError("25001", "VACUUM cannot run inside a transaction block", position: position)
        case "CREATE":
            if tokens.count > 1, tokens[1].isKeyword("EXTERNAL") {
                throw SQLError("25001", "CREATE EXTERNAL \(tokens.count > 2 ? tokens[2].text.uppercased() : "TABLE") cannot run inside a transaction block", position: position)
            }
            if Self.isUnundoableDDL(tokens) { throw notUndoable(tokens, position: position) }
        case "ALTER":
            if Self.isUnundoableDDL(tokens) { throw notUndoable(tokens, position: position) }
        case "DROP":
            if Self.isUnundoableDDL(tokens) { throw notUndoable(tokens, position: position) }
            if let external = tokens.dropFirst(2).compactMap(\.identifierName).first(where: { externalTables[$0] != nil }) {
                throw SQLError("25001", "DROP EXTERNAL TABLE \"\(external)\" cannot run inside a transaction block", position: position)
            }
        case "BEGIN", "START", "COMMIT", "END", "ROLLBACK", "ABORT":
            throw SQLError(SQLError.featureNotSupported, "transaction control must be a statement of its own inside a transaction block", position: position)
        default:
            break
        }
    }

    /// DDL the undo log cannot take back (views, indexes, functions…): every CREATE but CREATE
    /// [TEMP] TABLE, CREATE SCHEMA and CREATE EXTERNAL …, every DROP but DROP TABLE, and ALTER
    /// TABLE, which changes the columns the log records rows by.
    static func isUnundoableDDL(_ tokens: [SQLToken]) -> Bool {
        guard let first = tokens.first else { return false }
        switch first.keyword {
        case "CREATE":
            if tokens.count > 1, tokens[1].isKeyword("EXTERNAL") || tokens[1].isKeyword("SCHEMA") { return false }
            return !tokens.dropFirst().prefix(3).contains { $0.isKeyword("TABLE") }
        case "DROP":
            return !(tokens.count > 1 && tokens[1].isKeyword("TABLE"))
        case "ALTER":
            return tokens.count > 1 && tokens[1].isKeyword("TABLE")
        default:
            return false
        }
    }

    /// Whether a statement may run inside a block, as far as its text tells: false for the DDL a
    /// block refuses because it cannot be rolled back here. PostgreSQL runs such DDL in blocks, so
    /// a server deciding whether to wrap several statements of one message in an implicit block
    /// runs them one by one instead when one of them is such DDL. VACUUM and external tables count
    /// as able: PostgreSQL and Redshift refuse them in any block, implicit ones included.
    public static func canRunInBlock(_ sql: String) -> Bool {
        guard let tokens = try? SQLLexer.tokenize(sql) else { return true }
        return !isUnundoableDDL(DialectRewriter.significant(tokens))
    }

    private func notUndoable(_ tokens: [SQLToken], position: Int) -> SQLError {
        let what = tokens.prefix(2).map { $0.text.uppercased() }.joined(separator: " ")
        return SQLError(SQLError.featureNotSupported,
                        "\(what) cannot be rolled back, so it cannot run inside a transaction block here; run it outside one (after COMMIT)",
                        position: position)
    }
}
