import GRDB
import GRDBSQLite

/// Reads a user's SQLite database for `cloudtop warehouse convert`: its tables, columns,
/// foreign keys, indexes and row counts, and then its rows.
///
/// A tool beside the simulation, not part of it: it opens a file the user named, read-only.
public final class SQLiteSchemaReader {
    let queue: DatabaseQueue

    public init(path: String) throws {
        var configuration = Configuration()
        configuration.readonly = true
        queue = try DatabaseQueue(path: path, configuration: configuration)
    }

    public func tables() throws -> [SchemaAdvisor.SourceTable] {
        try queue.read { db in
            let names = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            return try names.map { name in
                let q = WarehouseDatabase.quoted(name)
                let info = try Row.fetchAll(db, sql: "SELECT name, type, \"notnull\", pk FROM pragma_table_info(?)", arguments: [name])
                let columns = try info.map { r -> SchemaAdvisor.SourceColumn in
                    let column: String = r["name"]
                    let maxLength = try Int.fetchOne(db, sql: "SELECT max(length(\(WarehouseDatabase.quoted(column)))) FROM \(q)") ?? 0
                    return SchemaAdvisor.SourceColumn(name: column, declaredType: r["type"] ?? "", isPrimaryKey: (r["pk"] as Int? ?? 0) > 0,
                                                      notNull: (r["notnull"] as Int? ?? 0) != 0, maxLength: maxLength)
                }
                let fks = try Row.fetchAll(db, sql: "SELECT \"from\", \"table\", \"to\" FROM pragma_foreign_key_list(?)", arguments: [name]).map {
                    (column: $0["from"] as String? ?? "", table: $0["table"] as String? ?? "", referencedColumn: $0["to"] as String? ?? "")
                }
                let indexes = try String.fetchAll(db, sql: "SELECT name FROM pragma_index_list(?) WHERE origin = 'c'", arguments: [name])
                var indexed: [String] = []
                for index in indexes {
                    if let first = try String.fetchOne(db, sql: "SELECT name FROM pragma_index_info(?) ORDER BY seqno LIMIT 1", arguments: [index]) {
                        indexed.append(first)
                    }
                }
                let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(q)") ?? 0
                return SchemaAdvisor.SourceTable(name: name, columns: columns, foreignKeys: fks, indexedColumns: indexed, rowCount: count)
            }
        }
    }

    /// Every row of a table, columns in the order given.
    public func rows(of table: String, columns: [String]) throws -> [[DatabaseValue]] {
        try queue.read { db in
            let list = columns.map(WarehouseDatabase.quoted).joined(separator: ", ")
            return try Row.fetchAll(db, sql: "SELECT \(list) FROM \(WarehouseDatabase.quoted(table))").map { Array($0.databaseValues) }
        }
    }
}

extension WarehouseDatabase {
    /// Loads rows into a table in one transaction, as COPY does (identities, placement, statistics).
    public func bulkLoad(table name: String, columns: [String], rows: [[DatabaseValue]]) throws(SQLError) {
        guard tables[name] != nil else { throw SQLError(SQLError.undefinedTable, "Table \"\(name)\" does not exist") }
        let list = columns.map(Self.quoted).joined(separator: ", ")
        let marks = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        // Rows land above the table's highest rowid: only those need placing on slices.
        let before = (try? internalRows("SELECT coalesce(max(rowid), 0) FROM \(Self.quoted(name))").first?[0]).flatMap { Int64.fromDatabaseValue($0) } ?? 0
        do {
            try queue.inTransaction { db in
                let insert = try db.cachedStatement(sql: "INSERT INTO \(Self.quoted(name)) (\(list)) VALUES (\(marks))")
                for row in rows { try insert.stepOnce(row, in: db) }
                return .commit
            }
        } catch let error as DatabaseError {
            throw SQLError(SQLError.dataException, error.message ?? "\(error)")
        } catch {
            throw SQLError(SQLError.internalError, "\(error)")
        }
        fillIdentities(name, afterRowid: before)
        afterWrite(name, kind: .load, changed: rows.count, appendedAfterRowid: before)
    }
}
