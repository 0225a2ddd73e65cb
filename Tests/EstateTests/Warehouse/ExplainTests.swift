@testable import Estate
import Testing

/// EXPLAIN names each join's data movement from the tables' distribution and the join keys.
@Suite struct ExplainTests {
    /// 2 compute nodes; `big_*` have 100 rows, `small_even` 10.
    func db() throws -> WarehouseDatabase {
        let db = warehouseDatabase()
        let hundred = (1...100).map { "(\($0), \($0 % 10))" }.joined(separator: ",")
        _ = try db.execute("""
            CREATE TABLE big_a (id INT, other INT) DISTKEY(id);
            CREATE TABLE big_b (a_id INT, other INT) DISTKEY(a_id);
            CREATE TABLE big_even (id INT, other INT) DISTSTYLE EVEN;
            CREATE TABLE big_even2 (id INT, other INT) DISTSTYLE EVEN;
            CREATE TABLE small_even (id INT, other INT) DISTSTYLE EVEN;
            CREATE TABLE dim_all (id INT, other INT) DISTSTYLE ALL;
            INSERT INTO big_a VALUES \(hundred); INSERT INTO big_b VALUES \(hundred); INSERT INTO big_even VALUES \(hundred);
            INSERT INTO big_even2 VALUES \(hundred); INSERT INTO dim_all VALUES \(hundred);
            INSERT INTO small_even VALUES (1, 1), (2, 2), (3, 3), (4, 4), (5, 5), (6, 6), (7, 7), (8, 8), (9, 9), (10, 10)
            """)
        return db
    }

    @Test(arguments: [
        ("SELECT * FROM big_a a JOIN big_b b ON a.id = b.a_id", "DS_DIST_NONE"),
        ("SELECT * FROM big_a a JOIN dim_all d ON a.other = d.id", "DS_DIST_ALL_NONE"),
        ("SELECT * FROM dim_all d JOIN big_a a ON a.id = d.id", "DS_DIST_ALL_INNER"),
        ("SELECT * FROM big_a a JOIN big_even e ON a.id = e.id", "DS_DIST_INNER"),
        ("SELECT * FROM big_even e JOIN big_a a ON e.other = a.id", "DS_DIST_OUTER"),
        ("SELECT * FROM big_even e JOIN small_even s ON e.id = s.id", "DS_BCAST_INNER"),
        ("SELECT * FROM big_even e, big_even2 f WHERE e.id = f.id", "DS_DIST_BOTH"),
        ("SELECT * FROM big_a a JOIN big_b b ON a.other = b.a_id", "DS_DIST_OUTER"),
    ])
    func joinLabel(_ query: String, _ label: String) throws {
        let plan = try db().rows("EXPLAIN " + query).map { $0[0] ?? "" }
        let join = try #require(plan.first { $0.contains("Hash Join") })
        #expect(join.hasPrefix("XN Hash Join \(label) "), "\(query): \(join)")
        #expect(plan.contains { $0.contains("XN Seq Scan on") })
        #expect(plan.contains { $0.contains("Hash Cond:") })
    }

    @Test func aggregateAndSortShapeThePlan() throws {
        let plan = try db().rows("EXPLAIN SELECT other, count(*) FROM big_a GROUP BY other ORDER BY other").map { $0[0] ?? "" }
        #expect(plan.first?.hasPrefix("XN Merge") == true)
        #expect(plan.contains { $0.contains("XN HashAggregate") })
        #expect(plan.last?.contains("XN Seq Scan on big_a") == true)
    }

    @Test func zoneMapsSkipBlocksOfSortedTablesOnly() throws {
        let db = warehouseDatabase()
        _ = try db.execute("CREATE TABLE ev (ts INT, v INT) DISTSTYLE EVEN SORTKEY(ts); CREATE TABLE ev2 (ts INT, v INT) DISTSTYLE EVEN")
        let rows = (1...3000).map { "(\($0), \($0))" }.joined(separator: ",")
        _ = try db.execute("INSERT INTO ev VALUES \(rows); INSERT INTO ev2 VALUES \(rows)")
        var planner = QueryPlanner(database: db)
        // Small blocks (16 integers) so a unit-sized table spans many of them.
        planner.blockBytes = 64
        let sorted = planner.scannedFraction(db.tables["ev"]!, alias: "ev", whereTokens: try SQLLexer.tokenize("ts < 30").filter { !$0.isTrivia }, sources: [])
        let unsortedTable = planner.scannedFraction(db.tables["ev2"]!, alias: "ev2", whereTokens: try SQLLexer.tokenize("ts < 30").filter { !$0.isTrivia }, sources: [])
        #expect(sorted < 0.5)
        #expect(unsortedTable == 1)
        _ = try db.execute("INSERT INTO ev VALUES \(rows)")  // a second, unsorted load
        let afterLoad = planner.scannedFraction(db.tables["ev"]!, alias: "ev", whereTokens: try SQLLexer.tokenize("ts < 30").filter { !$0.isTrivia }, sources: [])
        #expect(afterLoad > sorted, "unsorted rows weaken the zone maps")
    }
}
