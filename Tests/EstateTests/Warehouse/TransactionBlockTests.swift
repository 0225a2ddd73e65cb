@testable import Estate
import Testing

/// A connection's transaction block on the leader: its statements commit as they run, and
/// ROLLBACK puts back exactly what was there (PostgreSQL's semantics), leaving everyone else's
/// writes alone.
@Suite struct TransactionBlockTests {
    /// Runs `sql` as a statement of `block`, as the workload manager does for a connection's block.
    static func inBlock(_ db: WarehouseDatabase, _ block: Int, _ sql: String, sourceLocation: SourceLocation = #_sourceLocation) {
        db.runningBlock = block
        defer { db.runningBlock = nil }
        do { _ = try db.execute(sql) } catch { Issue.record("\(sql) failed: \(error)", sourceLocation: sourceLocation) }
    }

    static func seeded() -> WarehouseDatabase {
        let db = warehouseDatabase()
        _ = db.rows("CREATE TABLE t (id INT, name VARCHAR(20), price DECIMAL(8,2), at TIMESTAMP) DISTSTYLE EVEN SORTKEY (id)")
        _ = db.rows("INSERT INTO t VALUES (1, 'ada', 9.5, '2024-01-01 10:00:00'), (2, 'bob', NULL, NULL), (3, 'it''s', 0.25, '2024-02-29 23:59:59')")
        return db
    }

    static let everything = "SELECT rowid, id, name, price, at FROM t ORDER BY rowid"

    /// What the catalog says about a table, as SVV_TABLE_INFO and the dashboard show it.
    static func bookkeeping(_ db: WarehouseDatabase, _ name: String) -> [Int]? {
        db.tables[name].map { [$0.tableID, $0.totalRows, $0.sortedRows, $0.rowsAtLastAnalyze, $0.rowsChangedSinceAnalyze] + $0.rowsPerSlice }
    }

    @Test func rollbackPutsBackInsertedUpdatedAndDeletedRowsAndTheTablesBookkeeping() {
        let db = Self.seeded()
        _ = db.rows("ANALYZE t")
        let before = db.rows(Self.everything)
        let catalog = Self.bookkeeping(db, "t")
        #expect(before.count == 3 && db.tables["t"]?.sortedRows == 3)

        Self.inBlock(db, 1, "INSERT INTO t VALUES (4, 'new', 1, NULL), (5, 'newer', 2, NULL)")
        Self.inBlock(db, 1, "UPDATE t SET price = price * 2, name = NULL WHERE id <= 2")
        Self.inBlock(db, 1, "DELETE FROM t WHERE id = 3")
        Self.inBlock(db, 1, "UPDATE t SET at = '2030-01-01' WHERE id = 4")
        // Statements commit as they run: the block's rows are visible before it ends.
        #expect(db.value("SELECT COUNT(*) FROM t") == "4")
        #expect(db.tables["t"]?.sortedRows != 3)

        #expect(throws: Never.self) { try db.rollbackBlock(1) }
        #expect(db.rows(Self.everything) == before)
        #expect(Self.bookkeeping(db, "t") == catalog, "rows, sorted rows, statistics and slices as they were")
        #expect(db.value("SELECT COUNT(*) FROM temp.cloudtop_undo") == "0", "the ended block's log is gone")
    }

    @Test func commitKeepsTheBlocksChangesAndForgetsItsLog() {
        let db = Self.seeded()
        Self.inBlock(db, 1, "INSERT INTO t VALUES (4, 'kept', 1, NULL)")
        Self.inBlock(db, 1, "DELETE FROM t WHERE id = 1")
        db.commitBlock(1)
        #expect(db.rows("SELECT id FROM t ORDER BY id") == [["2"], ["3"], ["4"]])
        // A ROLLBACK after the COMMIT has nothing left to undo.
        #expect(throws: Never.self) { try db.rollbackBlock(1) }
        #expect(db.rows("SELECT id FROM t ORDER BY id") == [["2"], ["3"], ["4"]])
        #expect(db.value("SELECT COUNT(*) FROM temp.cloudtop_undo") == "0")
    }

    @Test func writesOutsideTheBlockSurviveItsRollbackEvenWhenTheyReuseADeletedRowid() {
        let db = Self.seeded()
        let before = db.rows("SELECT id, name, price, at FROM t ORDER BY id")
        Self.inBlock(db, 1, "DELETE FROM t")
        // A loader (or another connection) writes meanwhile: SQLite hands it the freed rowid 1.
        _ = db.rows("INSERT INTO t VALUES (100, 'loader', 7, NULL)")
        #expect(db.value("SELECT rowid FROM t WHERE id = 100") == "1")
        Self.inBlock(db, 1, "INSERT INTO t VALUES (200, 'block', 8, NULL)")
        Self.inBlock(db, 2, "INSERT INTO t VALUES (300, 'other block', 9, NULL)")
        #expect(throws: Never.self) { try db.rollbackBlock(1) }
        #expect(db.rows("SELECT id, name, price, at FROM t WHERE id < 100 ORDER BY id") == before)
        #expect(db.rows("SELECT id FROM t WHERE id >= 100 ORDER BY id") == [["100"], ["300"]])
        #expect(db.tables["t"]?.totalRows == 5)
        // The other block still has its own change to undo.
        #expect(throws: Never.self) { try db.rollbackBlock(2) }
        #expect(db.rows("SELECT id FROM t ORDER BY id") == [["1"], ["2"], ["3"], ["100"]])
    }

    @Test func aRowDeletedAfterASavepointWhoseRowidWasTakenIsStillFoundByOlderEntries() {
        let db = Self.seeded()
        Self.inBlock(db, 1, "UPDATE t SET name = 'changed' WHERE id = 3")
        let mark = db.undoMark()
        Self.inBlock(db, 1, "DELETE FROM t WHERE id = 3")
        _ = db.rows("INSERT INTO t VALUES (100, 'loader', 7, NULL)")
        #expect(throws: Never.self) { try db.rollbackBlock(1, to: mark) }
        #expect(db.rows("SELECT id, name FROM t ORDER BY id") == [["1", "ada"], ["2", "bob"], ["3", "changed"], ["100", "loader"]])
        #expect(throws: Never.self) { try db.rollbackBlock(1) }
        #expect(db.rows("SELECT id, name FROM t ORDER BY id") == [["1", "ada"], ["2", "bob"], ["3", "it's"], ["100", "loader"]])
    }

    @Test func rollbackToASavepointUndoesOnlyWhatCameAfterIt() {
        let db = Self.seeded()
        Self.inBlock(db, 1, "INSERT INTO t VALUES (4, 'before savepoint', 1, NULL)")
        let mark = db.undoMark()
        Self.inBlock(db, 1, "INSERT INTO t VALUES (5, 'after savepoint', 1, NULL)")
        Self.inBlock(db, 1, "UPDATE t SET name = 'x' WHERE id = 4")
        #expect(throws: Never.self) { try db.rollbackBlock(1, to: mark) }
        #expect(db.rows("SELECT id, name FROM t WHERE id > 3 ORDER BY id") == [["4", "before savepoint"]])
        // The block goes on; a full rollback then takes the rest back.
        Self.inBlock(db, 1, "DELETE FROM t WHERE id = 1")
        #expect(throws: Never.self) { try db.rollbackBlock(1) }
        #expect(db.rows("SELECT id FROM t ORDER BY id") == [["1"], ["2"], ["3"]])
    }

    @Test func tablesCreatedInABlockGoAndTablesDroppedOrTruncatedInItComeBack() {
        let db = Self.seeded()
        let rows = db.rows(Self.everything)
        let catalog = Self.bookkeeping(db, "t")
        Self.inBlock(db, 1, "CREATE TABLE fresh (k INT)")
        Self.inBlock(db, 1, "INSERT INTO fresh VALUES (1), (2)")
        Self.inBlock(db, 1, "TRUNCATE t")
        #expect(db.tables["t"]?.totalRows == 0)
        Self.inBlock(db, 1, "DROP TABLE t")
        #expect(db.tables["t"] == nil && db.error("SELECT * FROM t") != nil, "gone for the block and everyone else")
        #expect(throws: Never.self) { try db.rollbackBlock(1) }
        #expect(db.tables["fresh"] == nil)
        #expect(db.error("SELECT * FROM fresh") != nil)
        #expect(db.rows(Self.everything) == rows)
        #expect(Self.bookkeeping(db, "t") == catalog)
        // DROP TABLE then COMMIT: gone for good, no hidden copy left behind.
        Self.inBlock(db, 2, "DROP TABLE t")
        db.commitBlock(2)
        #expect(db.tables["t"] == nil)
        #expect(db.rows("SELECT name FROM sqlite_master WHERE type = 'table'").isEmpty)
    }

    @Test func whatABlockCannotTakeBackIsRefusedInsideOneOnly() {
        let db = Self.seeded()
        db.runningBlock = 1
        let vacuum = db.error("VACUUM t")
        let view = db.error("CREATE VIEW v AS SELECT id FROM t")
        db.runningBlock = nil
        // PostgreSQL and Redshift: 25001 active_sql_transaction.
        #expect(vacuum?.code == "25001" && vacuum?.message == "VACUUM cannot run inside a transaction block", "\(String(describing: vacuum))")
        #expect(view?.code == "0A000", "\(String(describing: view))")
        #expect(db.error("VACUUM t") == nil && db.error("CREATE VIEW v AS SELECT id FROM t") == nil)
    }

    /// Through WLM on a running estate: a stream loader delivers while the block is open, and
    /// its rows stay when the block rolls back; STL_QUERY keeps the rolled-back statement.
    @Test func aStreamLoadersBatchDuringTheBlockSurvivesTheRollback() throws {
        let yaml = loaderEstateYAML(name: "blocks", cluster: """
                loaders:
                  - stream: orders
                    table: orders_stream
            """)
        let estate = try EstateBuilder.build(yaml: yaml, file: "estate.yaml", seed: 5)
        estate.advance(by: .seconds(61))
        let db = try #require(estate.warehouse.cluster("lab")?.database)
        let first = try #require(db.tables["orders_stream"]?.totalRows)
        #expect(first > 1_000)
        let ids = Set(db.rows("SELECT order_id FROM orders_stream").compactMap { $0[0] })
        #expect(ids.count == first, "order ids are unique, so sets compare the rows")

        func run(_ sql: String) throws -> StatementResult? {
            guard case let .success(.result(result)) = estate.runStatement(SQLVerb(statement: sql, cluster: "lab", block: 42)) else {
                Issue.record("\(sql) did not run")
                return nil
            }
            return result
        }
        #expect(try run("DELETE FROM orders_stream WHERE rowid % 2 = 0")?.commandTag == "DELETE \(first / 2)")
        estate.advance(by: .seconds(60))
        let delivered = try #require(db.tables["orders_stream"]?.totalRows) - (first - first / 2)
        #expect(delivered > 1_000, "the loader's second batch landed while the block was open")
        let delivery = Set(db.rows("SELECT order_id FROM orders_stream").compactMap { $0[0] }).subtracting(ids)
        #expect(delivery.count == delivered)
        _ = try run("UPDATE orders_stream SET order_id = 'x'")
        #expect(estate.endBlock(42, cluster: "lab", commit: false) == nil)

        #expect(db.tables["orders_stream"]?.totalRows == first + delivered)
        let after = Set(db.rows("SELECT order_id FROM orders_stream").compactMap { $0[0] })
        #expect(after == ids.union(delivery), "every original row back and every delivered row kept: \(after.count) rows, \(after.subtracting(ids.union(delivery)).count) unexpected")
        #expect(db.value("SELECT COUNT(*) FROM orders_stream WHERE order_id = 'x'") == "0")
        #expect(db.value("SELECT COUNT(*) FROM stl_query WHERE querytxt LIKE 'DELETE FROM orders_stream%'") == "1",
                "Redshift logs a rolled-back statement too")
    }
}
