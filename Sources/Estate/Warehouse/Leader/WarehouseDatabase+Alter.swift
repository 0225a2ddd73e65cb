import GRDB

/// Redshift's `ALTER TABLE` (AWS's Redshift Database Developer Guide, ALTER TABLE):
///
/// - `ADD [COLUMN] name type [DEFAULT …] [ENCODE …] [NOT NULL | NULL]`, one column per statement;
///   not a DISTKEY, SORTKEY or IDENTITY column, and NOT NULL only with a DEFAULT.
/// - `DROP [COLUMN] name [RESTRICT | CASCADE]`; not the DISTKEY or a SORTKEY column, and not the
///   table's last column.
/// - `RENAME COLUMN a TO b` and `RENAME TO new_name`; keys that name the column follow it.
/// - `ALTER [COLUMN] c TYPE varchar(n)`, only to a VARCHAR at least as long as the longest value,
///   and `ALTER [COLUMN] c ENCODE e`.
/// - `ALTER DISTSTYLE ALL | EVEN | AUTO | KEY DISTKEY c`, `ALTER DISTKEY c`,
///   `ALTER [COMPOUND] SORTKEY (c, …) | NONE | AUTO`, `ALTER ENCODE AUTO` and `OWNER TO u`.
///
/// The catalog (PG_TABLE_DEF, SVV_TABLE_INFO, pg_attribute, the Data API's describe-table)
/// reads the table's definition, so each change updates it along with SQLite's table; a new
/// distribution re-places the rows on slices. Inside a transaction block every form is refused
/// (see `isUnundoableDDL`): the block's undo log records rows by column and cannot take a change of
/// columns back.
extension WarehouseDatabase {
    func alterTable(_ tokens: [SQLToken]) throws(SQLError) -> StatementResult {
        var i = 2
        var ifExists = false
        if i + 1 < tokens.count, tokens[i].isKeyword("IF"), tokens[i + 1].isKeyword("EXISTS") { ifExists = true; i += 2 }
        if i + 1 < tokens.count, tokens[i].isKeyword("PUBLIC"), tokens[i + 1].isSymbol(".") { i += 2 }
        guard i < tokens.count, let name = tokens[i].identifierName else {
            throw SQLError(SQLError.syntax, "expected a table name after ALTER TABLE", position: tokens.dropFirst(i).first.map { $0.offset + 1 })
        }
        let nameToken = tokens[i]
        guard tables[name] != nil else {
            if ifExists { return StatementResult(commandTag: "ALTER TABLE") }
            let what = externalTables[name] != nil ? "is an external table, which this warehouse does not alter" : "does not exist"
            throw SQLError(SQLError.undefinedTable, "Table \"\(name)\" \(what)", position: nameToken.offset + 1)
        }
        let rest = Array(tokens[(i + 1)...])
        guard let verb = rest.first else {
            throw SQLError(SQLError.syntax, "ALTER TABLE \(name) needs an action: \(Self.alterForms)", position: nameToken.offset + 1)
        }
        switch verb.keyword {
        case "ADD": try addColumn(name, rest)
        case "DROP": try dropColumn(name, rest)
        case "RENAME": try rename(name, rest)
        case "ALTER": try alterClause(name, rest)
        case "OWNER":
            // One user owns everything here; the owner is accepted and changes nothing.
            guard rest.count == 3, rest[1].isKeyword("TO"), rest[2].identifierName != nil else {
                throw SQLError(SQLError.syntax, "expected OWNER TO user_name", position: verb.offset + 1)
            }
        default:
            throw SQLError(SQLError.syntax, "syntax error at or near \"\(verb.text)\": ALTER TABLE takes \(Self.alterForms)", position: verb.offset + 1)
        }
        return StatementResult(commandTag: "ALTER TABLE")
    }

    static let alterForms = "ADD [COLUMN], DROP [COLUMN], RENAME COLUMN … TO, RENAME TO, ALTER [COLUMN] … TYPE|ENCODE, ALTER DISTSTYLE|DISTKEY|SORTKEY|ENCODE AUTO or OWNER TO"

    // MARK: - Columns

    private func addColumn(_ table: String, _ rest: [SQLToken]) throws(SQLError) {
        var k = 1
        if k < rest.count, rest[k].isKeyword("COLUMN") { k += 1 }
        guard k < rest.count else { throw SQLError(SQLError.syntax, "ADD COLUMN needs a column name and type", position: rest[0].offset + 1) }
        let part = Array(rest[k...])
        if part[0].isKeyword("CONSTRAINT") || part[0].isKeyword("PRIMARY") || part[0].isKeyword("UNIQUE") || part[0].isKeyword("FOREIGN") {
            throw SQLError(SQLError.featureNotSupported, "ADD of a table constraint is not supported here; constraints are given in CREATE TABLE", position: part[0].offset + 1)
        }
        let parsed: (column: ColumnDefinition, sqlite: [SQLToken], flags: CreateTableParser.ColumnFlags)
        do { parsed = try CreateTableParser.parseColumn(part) } catch {
            throw SQLError(SQLError.syntax, error.message, position: error.token.map { $0.offset + 1 })
        }
        var column = parsed.column
        let position = part[0].offset + 1
        guard let state = tables[table] else { return }
        if state.definition.column(column.name) != nil {
            throw SQLError("42701", "column \"\(column.name)\" of relation \"\(table)\" already exists", position: position)
        }
        if parsed.flags.distKey || parsed.flags.sortKey {
            throw SQLError(SQLError.featureNotSupported, "ALTER TABLE ADD COLUMN cannot add a \(parsed.flags.distKey ? "DISTKEY" : "SORTKEY") column; use ALTER DISTKEY or ALTER SORTKEY after adding it", position: position)
        }
        if column.identity != nil {
            throw SQLError(SQLError.featureNotSupported, "ALTER TABLE ADD COLUMN defined as an identity column is not supported", position: position)
        }
        if parsed.flags.primaryKey || parsed.flags.references != nil {
            throw SQLError(SQLError.featureNotSupported, "ALTER TABLE ADD COLUMN cannot add a PRIMARY KEY or REFERENCES constraint", position: position)
        }
        if column.notNull, !part.contains(where: { $0.isKeyword("DEFAULT") }) {
            // PostgreSQL refuses it where rows would hold NULL; SQLite refuses it even on an empty
            // table, so here it always needs a DEFAULT.
            if state.totalRows > 0 { throw SQLError("23502", "column \"\(column.name)\" of relation \"\(table)\" contains null values", position: position) }
            throw SQLError(SQLError.featureNotSupported, "a NOT NULL column added by ALTER TABLE needs a DEFAULT here", position: position)
        }
        if column.encoding.isEmpty { column.encoding = ColumnDefinition.defaultEncoding(for: column.type, isSortKey: false) }
        let sqlite = parsed.sqlite
        try changeColumns(table) { () throws(SQLError) in
            _ = try runSQLite([.word("ALTER"), .word("TABLE"), .word(Self.quoted(table)), .word("ADD"), .word("COLUMN")] + sqlite, commandTag: "ALTER TABLE")
        }
        tables[table]?.definition.columns.append(column)
    }

    private func dropColumn(_ table: String, _ rest: [SQLToken]) throws(SQLError) {
        var k = 1
        if k < rest.count, rest[k].isKeyword("COLUMN") { k += 1 }
        if k < rest.count, rest[k].isKeyword("CONSTRAINT") {
            throw SQLError(SQLError.featureNotSupported, "DROP CONSTRAINT is not supported here; constraints are only recorded, never enforced", position: rest[k].offset + 1)
        }
        guard k < rest.count, let column = rest[k].identifierName else {
            throw SQLError(SQLError.syntax, "DROP COLUMN needs a column name", position: rest[0].offset + 1)
        }
        for extra in rest.dropFirst(k + 1) where !(extra.isKeyword("RESTRICT") || extra.isKeyword("CASCADE")) {
            throw SQLError(SQLError.syntax, "syntax error at or near \"\(extra.text)\"", position: extra.offset + 1)
        }
        let position = rest[k].offset + 1
        guard let definition = tables[table]?.definition else { return }
        guard definition.column(column) != nil else {
            throw SQLError(SQLError.undefinedColumn, "column \"\(column)\" of relation \"\(table)\" does not exist", position: position)
        }
        if case let .key(key) = definition.distStyle, key == column {
            throw SQLError(SQLError.featureNotSupported, "cannot drop distkey column \"\(column)\"", position: position)
        }
        if definition.sortKey.contains(column) {
            throw SQLError(SQLError.featureNotSupported, "cannot drop sortkey column \"\(column)\"", position: position)
        }
        if definition.columns.count == 1 {
            throw SQLError(SQLError.featureNotSupported, "cannot drop the last column of table \"\(table)\"", position: position)
        }
        try changeColumns(table) { () throws(SQLError) in
            _ = try runSQLite([.word("ALTER"), .word("TABLE"), .word(Self.quoted(table)), .word("DROP"), .word("COLUMN"), .word(Self.quoted(column))], commandTag: "ALTER TABLE")
        }
        guard var state = tables[table] else { return }
        state.definition.columns.removeAll { $0.name == column }
        if state.definition.primaryKey == column { state.definition.primaryKey = nil }
        state.definition.foreignKeys.removeAll { $0.column == column }
        state.nextIdentity[column] = nil
        tables[table] = state
    }

    private func rename(_ table: String, _ rest: [SQLToken]) throws(SQLError) {
        if rest.count == 3, rest[1].isKeyword("TO") {
            guard let newName = rest[2].identifierName else { throw SQLError(SQLError.syntax, "expected a new table name", position: rest[2].offset + 1) }
            guard newName != table else { return }
            if tables[newName] != nil || externalTables[newName] != nil {
                throw SQLError(SQLError.duplicateTable, "relation \"\(newName)\" already exists", position: rest[2].offset + 1)
            }
            try changeColumns(table) { () throws(SQLError) in
                _ = try runSQLite([.word("ALTER"), .word("TABLE"), .word(Self.quoted(table)), .word("RENAME"), .word("TO"), .word(Self.quoted(newName))], commandTag: "ALTER TABLE")
            }
            guard var state = tables.removeValue(forKey: table) else { return }
            state.definition.name = newName
            tables[newName] = state
            return
        }
        var k = 1
        if k < rest.count, rest[k].isKeyword("COLUMN") { k += 1 }
        guard k + 2 < rest.count, rest.count == k + 3, let old = rest[k].identifierName, rest[k + 1].isKeyword("TO"), let new = rest[k + 2].identifierName else {
            throw SQLError(SQLError.syntax, "expected RENAME TO new_name or RENAME COLUMN name TO new_name", position: rest[0].offset + 1)
        }
        guard let definition = tables[table]?.definition else { return }
        guard definition.column(old) != nil else {
            throw SQLError(SQLError.undefinedColumn, "column \"\(old)\" does not exist", position: rest[k].offset + 1)
        }
        if old != new, definition.column(new) != nil {
            throw SQLError("42701", "column \"\(new)\" of relation \"\(table)\" already exists", position: rest[k + 2].offset + 1)
        }
        try changeColumns(table) { () throws(SQLError) in
            _ = try runSQLite([.word("ALTER"), .word("TABLE"), .word(Self.quoted(table)), .word("RENAME"), .word("COLUMN"), .word(Self.quoted(old)), .word("TO"), .word(Self.quoted(new))], commandTag: "ALTER TABLE")
        }
        guard var state = tables[table] else { return }
        state.definition = Self.renamingColumn(old, to: new, in: state.definition)
        if let next = state.nextIdentity.removeValue(forKey: old) { state.nextIdentity[new] = next }
        if case .key(old) = state.effectiveStyle { state.effectiveStyle = .key(new) }
        tables[table] = state
    }

    /// The definition with column `old` called `new` everywhere it is named: the column, the
    /// DISTKEY, the sort key, the primary key and foreign keys.
    static func renamingColumn(_ old: String, to new: String, in definition: TableDefinition) -> TableDefinition {
        var d = definition
        for k in d.columns.indices where d.columns[k].name == old { d.columns[k].name = new }
        if case .key(old) = d.distStyle { d.distStyle = .key(new) }
        d.sortKey = d.sortKey.map { $0 == old ? new : $0 }
        if d.primaryKey == old { d.primaryKey = new }
        d.foreignKeys = d.foreignKeys.map { ($0.column == old ? new : $0.column, $0.table) }
        return d
    }

    // MARK: - ALTER …: a column's type or encoding, distribution, sort key

    private func alterClause(_ table: String, _ rest: [SQLToken]) throws(SQLError) {
        guard rest.count > 1 else { throw SQLError(SQLError.syntax, "ALTER needs COLUMN, DISTSTYLE, DISTKEY, SORTKEY or ENCODE", position: rest[0].offset + 1) }
        let what = rest[1]
        switch what.keyword {
        case "DISTSTYLE": try alterDistStyle(table, rest)
        case "DISTKEY":
            guard rest.count == 3, let column = rest[2].identifierName else { throw SQLError(SQLError.syntax, "expected ALTER DISTKEY column_name", position: what.offset + 1) }
            try setDistribution(table, .key(column), at: rest[2])
        case "COMPOUND", "SORTKEY", "INTERLEAVED": try alterSortKey(table, rest)
        case "ENCODE":
            guard rest.count == 3, rest[2].isKeyword("AUTO") else { throw SQLError(SQLError.syntax, "expected ALTER ENCODE AUTO", position: what.offset + 1) }
        default:
            try alterColumn(table, rest)
        }
    }

    private func alterDistStyle(_ table: String, _ rest: [SQLToken]) throws(SQLError) {
        guard rest.count >= 3 else { throw SQLError(SQLError.syntax, "DISTSTYLE must be ALL, EVEN, AUTO or KEY DISTKEY column_name", position: rest[1].offset + 1) }
        let style = rest[2]
        switch style.keyword {
        case "ALL" where rest.count == 3: try setDistribution(table, .all, at: style)
        case "EVEN" where rest.count == 3: try setDistribution(table, .even, at: style)
        case "AUTO" where rest.count == 3: try setDistribution(table, .auto, at: style)
        case "KEY" where rest.count == 5 && rest[3].isKeyword("DISTKEY"):
            guard let column = rest[4].identifierName else { throw SQLError(SQLError.syntax, "expected a column name after DISTKEY", position: rest[4].offset + 1) }
            try setDistribution(table, .key(column), at: rest[4])
        case "KEY":
            throw SQLError(SQLError.syntax, "ALTER DISTSTYLE KEY needs DISTKEY column_name", position: style.offset + 1)
        default:
            throw SQLError(SQLError.syntax, "DISTSTYLE must be ALL, EVEN, AUTO or KEY DISTKEY column_name", position: style.offset + 1)
        }
    }

    private func setDistribution(_ table: String, _ style: DistributionStyle, at token: SQLToken) throws(SQLError) {
        if case let .key(column) = style, tables[table]?.definition.column(column) == nil {
            throw SQLError(SQLError.undefinedColumn, "column \"\(column)\" of relation \"\(table)\" does not exist", position: token.offset + 1)
        }
        tables[table]?.definition.distStyle = style
        // Redshift redistributes the rows; the slices they land on follow the new style.
        place(table)
    }

    private func alterSortKey(_ table: String, _ rest: [SQLToken]) throws(SQLError) {
        var k = 1
        if rest[k].isKeyword("INTERLEAVED") {
            throw SQLError(SQLError.featureNotSupported, "ALTER SORTKEY cannot make an INTERLEAVED sort key; recreate the table for one", position: rest[k].offset + 1)
        }
        if rest[k].isKeyword("COMPOUND") { k += 1 }
        guard k < rest.count, rest[k].isKeyword("SORTKEY"), k + 1 < rest.count else {
            throw SQLError(SQLError.syntax, "expected ALTER [COMPOUND] SORTKEY (columns), NONE or AUTO", position: rest[min(k, rest.count - 1)].offset + 1)
        }
        guard var state = tables[table] else { return }
        if state.definition.sortStyle == .interleaved {
            throw SQLError(SQLError.featureNotSupported, "ALTER SORTKEY is not supported on a table with an INTERLEAVED sort key", position: rest[k].offset + 1)
        }
        let after = rest[k + 1]
        if after.isKeyword("NONE") || after.isKeyword("AUTO") {
            state.definition.sortKey = []
            state.definition.sortStyle = after.isKeyword("NONE") ? .none : .auto
        } else {
            let columns: [String]
            do { columns = try CreateTableParser.parenList(rest, k + 1, after: rest[k]).0 } catch {
                throw SQLError(SQLError.syntax, error.message, position: error.token.map { $0.offset + 1 })
            }
            for column in columns where state.definition.column(column) == nil {
                throw SQLError(SQLError.undefinedColumn, "column \"\(column)\" of relation \"\(table)\" does not exist", position: after.offset + 1)
            }
            state.definition.sortKey = columns
            state.definition.sortStyle = .compound
        }
        // Redshift sorts the table in the background after a new sort key; here that is at once.
        state.sortedRows = state.definition.sortKey.isEmpty ? 0 : state.totalRows
        tables[table] = state
    }

    /// `ALTER [COLUMN] c TYPE varchar(n)` or `ALTER [COLUMN] c ENCODE e`.
    private func alterColumn(_ table: String, _ rest: [SQLToken]) throws(SQLError) {
        var k = 1
        if rest[k].isKeyword("COLUMN") { k += 1 }
        guard k + 2 < rest.count, let column = rest[k].identifierName else {
            throw SQLError(SQLError.syntax, "expected ALTER [COLUMN] name TYPE varchar(n) or ENCODE encoding", position: rest[min(k, rest.count - 1)].offset + 1)
        }
        guard var state = tables[table], let index = state.definition.columns.firstIndex(where: { $0.name == column }) else {
            throw SQLError(SQLError.undefinedColumn, "column \"\(column)\" of relation \"\(table)\" does not exist", position: rest[k].offset + 1)
        }
        let clause = rest[k + 1]
        switch clause.keyword {
        case "ENCODE":
            guard rest.count == k + 3 else { throw SQLError(SQLError.syntax, "expected ENCODE encoding", position: clause.offset + 1) }
            state.definition.columns[index].encoding = rest[k + 2].text.lowercased()
        case "TYPE":
            guard let (type, end) = RedshiftType.read(rest, at: k + 2), end == rest.count else {
                throw SQLError(SQLError.syntax, "expected TYPE varchar(n)", position: rest[k + 2].offset + 1)
            }
            let current = state.definition.columns[index].type
            let varchar = "character varying"
            guard current.name.hasPrefix(varchar), type.name.hasPrefix(varchar), let length = type.length else {
                throw SQLError(SQLError.featureNotSupported, "ALTER COLUMN TYPE changes only a VARCHAR column's length (to varchar(n))", position: rest[k + 2].offset + 1)
            }
            let longest = (try? internalRows("SELECT max(length(CAST(\(Self.quoted(column)) AS BLOB))) FROM \(Self.quoted(table))").first?[0])
                .flatMap { Int.fromDatabaseValue($0) } ?? 0
            guard length >= longest else {
                throw SQLError(SQLError.featureNotSupported, "target column size should be greater or equal to current maximum column size", position: rest[k + 2].offset + 1)
            }
            state.definition.columns[index].type = type
        default:
            throw SQLError(SQLError.syntax, "syntax error at or near \"\(clause.text)\": expected TYPE or ENCODE", position: clause.offset + 1)
        }
        tables[table] = state
    }

    /// Runs a change to SQLite's table after dropping the undo log's triggers on it: they name its
    /// columns and its name, and the next statement of an open block installs fresh ones.
    ///
    /// A table another connection's open block has changed is refused: that block's log holds
    /// rows by the old columns, and PostgreSQL would make the ALTER wait for the block to end.
    private func changeColumns(_ table: String, _ change: () throws(SQLError) -> Void) throws(SQLError) {
        if !undo.blocks.isEmpty,
           (try? internalRows("SELECT 1 FROM temp.cloudtop_undo WHERE tbl = ? LIMIT 1", [table]).isEmpty == false) == true {
            throw SQLError("55006", "cannot ALTER TABLE \"\(table)\" while another connection's transaction block has changed it; run it after that block ends")
        }
        if let id = tables[table]?.tableID, undo.triggered.contains(id) {
            try? queue.inDatabase { db in try UndoLog.dropTriggers(db, tableID: id) }
            undo.triggered.remove(id)
        }
        try change()
    }
}
