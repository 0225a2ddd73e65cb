@testable import Estate
import Testing

/// Redshift's ALTER TABLE on the leader: the table's rows and the catalog that describes them
/// change together, and the refusals are Redshift's (AWS's Redshift Database Developer Guide).
@Suite struct AlterTableTests {
    static func sales() -> WarehouseDatabase {
        let db = warehouseDatabase()  // 2 nodes × 2 slices
        _ = db.rows("CREATE TABLE sales (id INT, who VARCHAR(10), sold DATE) DISTKEY(who) SORTKEY(sold)")
        _ = db.rows("INSERT INTO sales VALUES (1, 'ann', '2026-01-01'), (2, 'bob', '2026-01-02'), (3, 'ann', '2026-01-03')")
        return db
    }

    static func columns(_ db: WarehouseDatabase, _ table: String) -> [[String?]] {
        db.rows("SELECT \"column\", type, distkey, sortkey FROM pg_table_def WHERE tablename = '\(table)'")
    }

    @Test func addColumnGivesExistingRowsItsDefaultOrNull() throws {
        let db = Self.sales()
        #expect(try db.execute("ALTER TABLE sales ADD COLUMN qty INT DEFAULT 1").last?.commandTag == "ALTER TABLE")
        _ = db.rows("ALTER TABLE sales ADD note VARCHAR(40)")
        #expect(db.rows("SELECT id, qty, note FROM sales ORDER BY id") == [["1", "1", nil], ["2", "1", nil], ["3", "1", nil]])
        _ = db.rows("INSERT INTO sales VALUES (4, 'cy', '2026-01-04', 7, 'gift')")
        #expect(db.rows("SELECT qty, note FROM sales WHERE id = 4") == [["7", "gift"]])
        #expect(Self.columns(db, "sales").suffix(2) == [["qty", "integer", "0", "0"], ["note", "character varying(40)", "0", "0"]])
        #expect(db.rows("SELECT column_name, ordinal_position FROM svv_columns WHERE table_name = 'sales' ORDER BY 2").map { $0[0] } == ["id", "who", "sold", "qty", "note"])
    }

    @Test func addColumnRefusals() {
        let db = Self.sales()
        #expect(db.error("ALTER TABLE sales ADD COLUMN who INT")?.code == "42701")
        #expect(db.error("ALTER TABLE sales ADD COLUMN n BIGINT IDENTITY(1,1)")?.message == "ALTER TABLE ADD COLUMN defined as an identity column is not supported")
        #expect(db.error("ALTER TABLE sales ADD COLUMN k INT DISTKEY")?.code == "0A000")
        // A NOT NULL column without a default: PostgreSQL's error where rows would hold NULL.
        #expect(db.error("ALTER TABLE sales ADD COLUMN must INT NOT NULL")?.code == "23502")
        #expect(db.error("ALTER TABLE nope ADD COLUMN x INT")?.code == "42P01")
        _ = db.rows("ALTER TABLE sales ADD COLUMN must INT NOT NULL DEFAULT 0")
        #expect(db.rows("SELECT DISTINCT must FROM sales") == [["0"]])
        #expect(Self.columns(db, "sales").map { $0[0] } == ["id", "who", "sold", "must"], "nothing refused was added")
    }

    @Test func dropColumnKeepsTheOtherColumnsAndRefusesKeysAndTheLastColumn() {
        let db = Self.sales()
        _ = db.rows("ALTER TABLE sales ADD COLUMN qty INT DEFAULT 2")
        _ = db.rows("ALTER TABLE sales DROP COLUMN id")
        #expect(db.rows("SELECT who, sold, qty FROM sales ORDER BY sold") == [["ann", "2026-01-01", "2"], ["bob", "2026-01-02", "2"], ["ann", "2026-01-03", "2"]])
        #expect(db.error("SELECT id FROM sales")?.code == "42703")
        #expect(db.error("ALTER TABLE sales DROP COLUMN who")?.message == "cannot drop distkey column \"who\"")
        #expect(db.error("ALTER TABLE sales DROP COLUMN sold")?.message == "cannot drop sortkey column \"sold\"")
        #expect(db.error("ALTER TABLE sales DROP COLUMN nope")?.code == "42703")
        _ = db.rows("ALTER TABLE sales DROP qty RESTRICT")
        #expect(Self.columns(db, "sales").map { $0[0] } == ["who", "sold"])
        _ = db.rows("CREATE TABLE one (a INT)")
        #expect(db.error("ALTER TABLE one DROP COLUMN a")?.code == "0A000")
    }

    @Test func renamesCarryTheKeysAndTheRows() throws {
        let db = Self.sales()
        let slices = db.tables["sales"]?.rowsPerSlice
        _ = db.rows("ALTER TABLE sales RENAME COLUMN who TO customer")
        #expect(Self.columns(db, "sales") == [["id", "integer", "0", "0"], ["customer", "character varying(10)", "1", "0"], ["sold", "date", "0", "1"]])
        #expect(db.value("SELECT diststyle FROM svv_table_info WHERE \"table\" = 'sales'") == "KEY(customer)")
        #expect(db.error("SELECT who FROM sales")?.code == "42703")
        _ = db.rows("ALTER TABLE sales RENAME TO orders")
        #expect(db.error("SELECT * FROM sales")?.code == "42P01")
        #expect(db.rows("SELECT customer FROM orders ORDER BY id") == [["ann"], ["bob"], ["ann"]])
        #expect(db.tables["orders"]?.rowsPerSlice == slices, "renaming moves no row")
        #expect(db.rows("SELECT \"table\" FROM svv_table_info") == [["orders"]])
        _ = db.rows("CREATE TABLE other (a INT)")
        #expect(db.error("ALTER TABLE other RENAME TO orders")?.code == "42P07")
        #expect(db.error("ALTER TABLE orders RENAME COLUMN id TO customer")?.code == "42701")
    }

    @Test func distributionAndSortKeyChangeWhereRowsLive() {
        let db = warehouseDatabase()
        _ = db.rows("CREATE TABLE k (id INT, kind VARCHAR(5)) DISTKEY(kind)")
        _ = db.rows("INSERT INTO k VALUES " + (1...10).map { "(\($0), 'same')" }.joined(separator: ","))
        #expect(db.tables["k"]?.rowsPerSlice.filter { $0 > 0 }.count == 1, "one key, one slice")
        _ = db.rows("ALTER TABLE k ALTER DISTSTYLE EVEN")
        // EVEN deals rows round-robin over the four slices, as DistributionTests shows for a new table.
        #expect(db.tables["k"]?.rowsPerSlice == [3, 3, 2, 2])
        #expect(db.value("SELECT diststyle FROM svv_table_info WHERE \"table\" = 'k'") == "EVEN")
        _ = db.rows("ALTER TABLE k ALTER DISTKEY id")
        #expect(db.value("SELECT diststyle FROM svv_table_info WHERE \"table\" = 'k'") == "KEY(id)")
        #expect((db.tables["k"]?.rowsPerSlice.filter { $0 > 0 }.count ?? 0) > 1, "ten ids spread over slices")
        _ = db.rows("ALTER TABLE k ALTER DISTSTYLE ALL")
        #expect(db.tables["k"]?.rowsPerSlice == [10, 0, 10, 0], "a full copy on each node's first slice")
        #expect(db.error("ALTER TABLE k ALTER DISTKEY nope")?.code == "42703")
        #expect(db.error("ALTER TABLE k ALTER DISTSTYLE KEY")?.code == "42601")

        _ = db.rows("ALTER TABLE k ALTER SORTKEY (kind, id)")
        #expect(db.rows("SELECT \"column\", sortkey FROM pg_table_def WHERE tablename = 'k'") == [["id", "2"], ["kind", "1"]])
        #expect(db.value("SELECT unsorted FROM svv_table_info WHERE \"table\" = 'k'") == "0.0")
        _ = db.rows("ALTER TABLE k ALTER SORTKEY NONE")
        #expect(db.rows("SELECT sortkey FROM pg_table_def WHERE tablename = 'k'") == [["0"], ["0"]])
    }

    @Test func onlyAVarcharGrowsAndOnlyWhenEveryValueFits() {
        let db = Self.sales()
        _ = db.rows("ALTER TABLE sales ALTER COLUMN who TYPE varchar(64)")
        #expect(Self.columns(db, "sales")[1][1] == "character varying(64)")
        #expect(db.error("ALTER TABLE sales ALTER COLUMN who TYPE varchar(2)")?.message == "target column size should be greater or equal to current maximum column size")
        #expect(db.error("ALTER TABLE sales ALTER COLUMN id TYPE bigint")?.code == "0A000")
        _ = db.rows("ALTER TABLE sales ALTER COLUMN id ENCODE zstd")
        #expect(db.value("SELECT encoding FROM pg_table_def WHERE tablename = 'sales' AND \"column\" = 'id'") == "zstd")
        #expect(db.error("ALTER TABLE sales FROBNICATE")?.code == "42601")
        _ = db.rows("ALTER TABLE sales OWNER TO someone")
    }

    /// Inside a block ALTER TABLE is refused and changes nothing; PostgreSQL's several-statement
    /// messages holding one run statement by statement.
    @Test func aBlockRefusesIt() {
        let db = Self.sales()
        #expect(!WarehouseDatabase.canRunInBlock("ALTER TABLE sales ADD COLUMN x INT"))
        TransactionBlockTests.inBlock(db, 1, "INSERT INTO sales VALUES (9, 'zed', '2026-02-01')")
        db.runningBlock = 1
        let refused = db.error("ALTER TABLE sales ADD COLUMN x INT")
        db.runningBlock = nil
        #expect(refused?.code == "0A000")
        #expect(Self.columns(db, "sales").count == 3)
    }

    /// Another connection's open block: a table it changed cannot be altered until it ends (its
    /// log holds rows by the old columns); a table it has not changed can, and the block's undo
    /// log then follows the new columns, so its ROLLBACK is still exact.
    @Test func anOpenBlockElsewhereKeepsItsRollbackExact() throws {
        let db = Self.sales()
        _ = db.rows("CREATE TABLE other (a INT)")
        TransactionBlockTests.inBlock(db, 1, "INSERT INTO other VALUES (1)")
        TransactionBlockTests.inBlock(db, 2, "INSERT INTO sales VALUES (9, 'zed', '2026-02-01')")
        #expect(db.error("ALTER TABLE sales ADD COLUMN x INT")?.code == "55006")
        try db.rollbackBlock(2)

        _ = db.rows("ALTER TABLE sales ADD COLUMN qty INT DEFAULT 5")
        _ = db.rows("ALTER TABLE sales RENAME COLUMN id TO sale_id")
        let before = db.rows("SELECT sale_id, who, qty FROM sales ORDER BY sale_id")
        TransactionBlockTests.inBlock(db, 1, "INSERT INTO sales VALUES (10, 'new', '2026-03-01', 1)")
        TransactionBlockTests.inBlock(db, 1, "UPDATE sales SET qty = 99, who = 'x' WHERE sale_id = 1")
        TransactionBlockTests.inBlock(db, 1, "DELETE FROM sales WHERE sale_id = 2")
        try db.rollbackBlock(1)
        #expect(db.rows("SELECT sale_id, who, qty FROM sales ORDER BY sale_id") == before)
        #expect(db.rows("SELECT a FROM other") == [])
    }
}
