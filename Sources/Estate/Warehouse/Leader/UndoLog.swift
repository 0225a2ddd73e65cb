import GRDB

/// Where a transaction block's undo log stood at a moment (a savepoint): rolling back to it
/// undoes what the block did since.
public struct UndoMark: Equatable, Sendable {
    /// The log's last entry then (entries are numbered by an AUTOINCREMENT key, never reused).
    let entry: Int64
    /// The leader's count of captured statements then, for the bookkeeping each one changed.
    let step: Int

    /// The block's beginning: rolling back to it undoes everything.
    public static let start = UndoMark(entry: 0, step: 0)
}

/// The inverse of every row change a connection's transaction block makes, so ROLLBACK can undo it.
///
/// The leader's SQLite database is shared by every connection, the Data API and the stream
/// loaders, so a block cannot be a SQLite transaction held open across messages. Instead TEMP
/// triggers on the user tables write each change's inverse into `temp.cloudtop_undo` (the
/// technique of SQLite's "automatic undo/redo" note), but only while one block's statement runs:
/// `cloudtop_undo_block()` names that block and is NULL otherwise, so the loaders' and other
/// connections' writes are never captured. The simulation runs one statement at a time, which is
/// what makes that flag exact (and why the class needs no lock: only that thread touches it).
///
/// Rows are found again by rowid. A deleted row goes back under its old rowid unless another
/// writer took it meanwhile; then it gets a fresh one and the block's older entries follow it.
final class UndoLog: @unchecked Sendable {
    /// The block whose statement runs now; nil for everything else.
    var running: Int?
    /// Blocks that captured something and have not ended.
    var blocks: [Int: Block] = [:]
    /// Tables (by table id, never reused) that carry the capture triggers.
    var triggered: Set<Int> = []
    /// Captured statements so far, leader-wide.
    var step = 0
    var nextHidden = 0

    struct Block {
        /// Tables the block dropped, kept under a hidden name until it ends, by the entry that hid them.
        var dropped: [Int64: WarehouseTable] = [:]
        /// What each captured statement did to a table's bookkeeping, to take back on rollback.
        var bookkeeping: [Bookkeeping] = []
    }

    struct Bookkeeping {
        var step: Int
        var table: String
        var tableID: Int
        var sortedRows: Int
        var rowsAtLastAnalyze: Int
        var rowsChangedSinceAnalyze: Int
    }

    static let hiddenPrefix = "cloudtop_dropped_"

    /// The flag the triggers read.
    func register(on db: Database) {
        db.add(function: DatabaseFunction("cloudtop_undo_block", argumentCount: 0, pure: false) { [unowned self] _ in self.running })
    }

    static func createTable(_ db: Database) throws {
        // op: i (undo an insert: delete), u (undo an update), d (undo a delete: insert back),
        // c (a table the block created: drop it), x (a table the block dropped: bring it back).
        try db.execute(sql: """
            CREATE TEMP TABLE IF NOT EXISTS cloudtop_undo (entry INTEGER PRIMARY KEY AUTOINCREMENT, block INTEGER NOT NULL,
                op TEXT NOT NULL, tbl TEXT NOT NULL, rid INTEGER, cols TEXT, vals TEXT)
            """)
    }

    static func triggerNames(tableID: Int) -> [String] {
        ["i", "u", "d"].map { "cloudtop_undo_\(tableID)_\($0)" }
    }

    /// The three capture triggers for one table, over its current columns.
    static func installTriggers(_ db: Database, table name: String, tableID: Int, columns: [String]) throws {
        let table = WarehouseDatabase.quoted(name)
        let literalName = literal(name)
        let names = triggerNames(tableID: tableID)
        let into = "INSERT INTO cloudtop_undo (block, op, tbl, rid, cols, vals) VALUES (cloudtop_undo_block(), "
        let when = "WHEN cloudtop_undo_block() IS NOT NULL"
        let oldValues = columns.map { "quote(old.\(WarehouseDatabase.quoted($0)))" }.joined(separator: " || ',' || ")
        let assignments = columns.map { "'\(literalBody(WarehouseDatabase.quoted($0)))=' || quote(old.\(WarehouseDatabase.quoted($0)))" }
            .joined(separator: " || ',' || ")
        let columnList = literal(columns.map { WarehouseDatabase.quoted($0) }.joined(separator: ","))
        try db.execute(sql: """
            CREATE TEMP TRIGGER IF NOT EXISTS \(names[0]) AFTER INSERT ON main.\(table) \(when) BEGIN
            \(into)'i', \(literalName), new.rowid, NULL, NULL); END;
            CREATE TEMP TRIGGER IF NOT EXISTS \(names[1]) AFTER UPDATE ON main.\(table) \(when) BEGIN
            \(into)'u', \(literalName), new.rowid, NULL, \(columns.isEmpty ? "NULL" : assignments)); END;
            CREATE TEMP TRIGGER IF NOT EXISTS \(names[2]) AFTER DELETE ON main.\(table) \(when) BEGIN
            \(into)'d', \(literalName), old.rowid, \(columnList), \(columns.isEmpty ? "NULL" : oldValues)); END;
            """)
    }

    static func dropTriggers(_ db: Database, tableID: Int) throws {
        for name in triggerNames(tableID: tableID) { try db.execute(sql: "DROP TRIGGER IF EXISTS temp.\(name)") }
    }

    /// The log's last entry number so far.
    static func lastEntry(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT seq FROM temp.sqlite_sequence WHERE name = 'cloudtop_undo'") ?? 0
    }

    /// One entry to undo, newest first when replayed.
    struct Entry {
        var entry: Int64
        var op: String
        var table: String
        var rowid: Int64?
        var columns: String?
        var values: String?
    }

    static func entries(_ db: Database, block: Int, after mark: Int64) throws -> [Entry] {
        try Row.fetchAll(db, sql: "SELECT entry, op, tbl, rid, cols, vals FROM cloudtop_undo WHERE block = ? AND entry > ? ORDER BY entry DESC",
                         arguments: [block, mark]).map {
            Entry(entry: $0[0], op: $0[1], table: $0[2], rowid: $0[3], columns: $0[4], values: $0[5])
        }
    }

    /// Undoes one row entry. `moved` maps a rowid another writer took to the one its row came back under.
    static func undoRow(_ db: Database, _ e: Entry, moved: inout [String: [Int64: Int64]]) throws {
        guard let original = e.rowid else { return }
        let table = WarehouseDatabase.quoted(e.table)
        let rowid = moved[e.table]?[original] ?? original
        switch e.op {
        case "i":
            try db.execute(sql: "DELETE FROM main.\(table) WHERE rowid = ?", arguments: [rowid])
        case "u":
            guard let values = e.values else { return }
            try db.execute(sql: "UPDATE main.\(table) SET \(values) WHERE rowid = ?", arguments: [rowid])
        case "d":
            let columns = e.columns ?? "", values = e.values ?? ""
            let taken = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM main.\(table) WHERE rowid = ?)", arguments: [rowid]) ?? false
            if taken {
                try db.execute(sql: columns.isEmpty ? "INSERT INTO main.\(table) DEFAULT VALUES" : "INSERT INTO main.\(table) (\(columns)) VALUES (\(values))")
                moved[e.table, default: [:]][original] = db.lastInsertedRowID
            } else {
                try db.execute(sql: "INSERT INTO main.\(table) (rowid\(columns.isEmpty ? "" : ",")\(columns)) VALUES (?\(columns.isEmpty ? "" : ",")\(values))",
                               arguments: [rowid])
            }
        default:
            break
        }
    }

    /// `'text'` as an SQL string literal.
    static func literal(_ text: String) -> String { "'" + literalBody(text) + "'" }
    static func literalBody(_ text: String) -> String { text.replacingOccurrences(of: "'", with: "''") }
}
