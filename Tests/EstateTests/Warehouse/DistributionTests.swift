@testable import Estate
import Testing

/// Rows land on slices by their table's style, and the system tables report it.
@Suite struct DistributionTests {
    @Test func keyPlacesEqualValuesOnOneSlice() throws {
        let db = warehouseDatabase()
        _ = try db.execute("CREATE TABLE k (id INT, kind VARCHAR(5)) DISTKEY(kind)")
        let values = (0..<40).map { "(\($0), 'k\($0 % 4)')" }.joined(separator: ",")
        _ = try db.execute("INSERT INTO k VALUES \(values)")
        let t = try #require(db.tables["k"])
        #expect(t.rowsPerSlice.reduce(0, +) == 40)
        #expect(t.rowsPerSlice.allSatisfy { $0 % 10 == 0 }, "each key's ten rows share a slice: \(t.rowsPerSlice)")
    }

    @Test func evenIsRoundRobinAndSkewIsFullestOverEmptiest() throws {
        let db = warehouseDatabase()  // 2 nodes × 2 slices
        _ = try db.execute("CREATE TABLE e (id INT) DISTSTYLE EVEN")
        _ = try db.execute("INSERT INTO e VALUES " + (1...10).map { "(\($0))" }.joined(separator: ","))
        #expect(db.tables["e"]?.rowsPerSlice == [3, 3, 2, 2])
        #expect(db.value("SELECT skew_rows FROM svv_table_info WHERE \"table\" = 'e'") == "1.5")
        #expect(db.value("SELECT diststyle FROM svv_table_info WHERE \"table\" = 'e'") == "EVEN")
    }

    @Test func hotKeySkewShowsInSVVTableInfo() throws {
        let db = warehouseDatabase()
        _ = try db.execute("CREATE TABLE h (k INT, v INT) DISTKEY(k)")
        // 90 rows on one key, and one row on each of many other keys.
        _ = try db.execute("INSERT INTO h VALUES " + (0..<90).map { "(7, \($0))" }.joined(separator: ","))
        _ = try db.execute("INSERT INTO h VALUES " + (100..<160).map { "(\($0), 0)" }.joined(separator: ","))
        let t = try #require(db.tables["h"])
        let skew = try #require(t.skewRows)
        #expect(skew > 3, "a hot key makes one slice much fuller: \(t.rowsPerSlice)")
        #expect(Double(db.value("SELECT skew_rows FROM svv_table_info WHERE \"table\" = 'h'") ?? "") == skew)
    }

    @Test func allKeepsACopyPerNodeAndAutoStartsAsAll() throws {
        let db = warehouseDatabase(nodes: 3, slicesPerNode: 2)
        _ = try db.execute("CREATE TABLE d (id INT) DISTSTYLE ALL; INSERT INTO d VALUES (1), (2)")
        #expect(db.tables["d"]?.rowsPerSlice == [2, 0, 2, 0, 2, 0])
        _ = try db.execute("CREATE TABLE a (id INT PRIMARY KEY, v INT); INSERT INTO a VALUES (1, 1)")
        #expect(db.value("SELECT diststyle FROM svv_table_info WHERE \"table\" = 'a'") == "AUTO(ALL)")
        _ = try db.execute("INSERT INTO a SELECT x, x FROM (WITH RECURSIVE n(x) AS (SELECT 2 UNION ALL SELECT x + 1 FROM n WHERE x < \(WarehouseTable.autoAllRowLimit + 10)) SELECT x FROM n)")
        #expect(db.value("SELECT diststyle FROM svv_table_info WHERE \"table\" = 'a'") == "AUTO(KEY(id))")
        _ = try db.execute("CREATE TABLE b (v INT); INSERT INTO b SELECT v FROM a")
        #expect(db.value("SELECT diststyle FROM svv_table_info WHERE \"table\" = 'b'") == "AUTO(EVEN)")
    }

    @Test func unsortedRegionGrowsWithLaterLoadsAndVacuumResorts() throws {
        let db = warehouseDatabase()
        _ = try db.execute("CREATE TABLE s (ts TIMESTAMP, v INT) SORTKEY(ts)")
        _ = try db.execute("INSERT INTO s VALUES ('2026-01-01', 1), ('2026-01-02', 2)")
        #expect(db.value("SELECT unsorted FROM svv_table_info WHERE \"table\" = 's'") == "0.0")
        _ = try db.execute("INSERT INTO s VALUES ('2025-01-01', 3), ('2025-01-02', 4)")
        #expect(db.value("SELECT unsorted FROM svv_table_info WHERE \"table\" = 's'") == "50.0")
        #expect(db.value("SELECT sortkey1 FROM svv_table_info WHERE \"table\" = 's'") == "ts")
        _ = try db.execute("VACUUM s")
        #expect(db.value("SELECT unsorted FROM svv_table_info WHERE \"table\" = 's'") == "0.0")
        _ = try db.execute("CREATE TABLE nosort (v INT)")
        #expect(db.value("SELECT unsorted FROM svv_table_info WHERE \"table\" = 'nosort'") == nil)
    }

    @Test func analyzeResetsStatsOff() throws {
        let db = warehouseDatabase()
        _ = try db.execute("CREATE TABLE s (v INT); INSERT INTO s VALUES (1), (2)")
        _ = try db.execute("ANALYZE s")
        #expect(db.value("SELECT stats_off FROM svv_table_info WHERE \"table\" = 's'") == "0.0")
        _ = try db.execute("INSERT INTO s VALUES (3), (4)")
        #expect(db.value("SELECT stats_off FROM svv_table_info WHERE \"table\" = 's'") == "100.0")
        _ = try db.execute("ANALYZE")
        #expect(db.value("SELECT stats_off FROM svv_table_info WHERE \"table\" = 's'") == "0.0")
    }

    @Test func catalogTablesDescribeTablesColumnsSlicesAndSchemas() throws {
        let db = warehouseDatabase()
        _ = try db.execute("CREATE TABLE sales (id INT ENCODE az64, who VARCHAR(30), sold DATE) DISTKEY(who) SORTKEY(sold)")
        #expect(db.rows("SELECT node, slice, localslice FROM stv_slices ORDER BY slice") == [["0", "0", "0"], ["0", "1", "1"], ["1", "2", "0"], ["1", "3", "1"]])
        #expect(db.rows("SELECT \"column\", type, encoding, distkey, sortkey FROM pg_table_def WHERE tablename = 'sales'") == [
            ["id", "integer", "az64", "0", "0"], ["who", "character varying(30)", "lzo", "1", "0"], ["sold", "date", "none", "0", "1"],
        ])
        #expect(db.rows("SELECT table_schema, table_name, table_type FROM svv_tables") == [["public", "sales", "BASE TABLE"]])
        #expect(db.rows("SELECT column_name, ordinal_position, data_type, character_maximum_length FROM svv_columns WHERE table_name = 'sales' ORDER BY 2") == [
            ["id", "1", "integer", nil], ["who", "2", "character varying", "30"], ["sold", "3", "date", nil],
        ])
        #expect(db.rows("SELECT schema_name FROM svv_all_schemas ORDER BY 1").map { $0[0] } == ["information_schema", "pg_catalog", "public"])
        // System tables join user tables.
        _ = try db.execute("INSERT INTO sales VALUES (1, 'a', '2026-01-01'), (2, 'b', '2026-01-02')")
        #expect(db.value("SELECT i.tbl_rows = c.n FROM svv_table_info i JOIN (SELECT count(*) AS n FROM sales) c ON 1 = 1 WHERE i.\"table\" = 'sales'") == "1")
    }
}
