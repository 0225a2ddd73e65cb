@testable import Estate
import Testing

/// Unaliased result columns are named as PostgreSQL 15 names them (checked with psql against a
/// PostgreSQL 15 server, the same statement over the same table): `?column?`, the function's
/// name, the cast column's or type's, `case`.
@Suite struct ResultColumnNameTests {
    @Test func namesFollowPostgreSQL() throws {
        let db = warehouseDatabase()
        _ = try db.execute("CREATE TABLE p (id INT, v VARCHAR(4)); INSERT INTO p VALUES (1, 'a')")
        let sql = """
            SELECT 1, count(*), max(id), id + 1, upper(v), CAST(id AS VARCHAR), v, p.id, CASE WHEN id > 0 THEN 1 END,
                   coalesce(v, 'x'), id::int, 1::int, count(*) AS n, id other, true, NULL, row_number() OVER (ORDER BY id), current_date
            FROM p GROUP BY id, v
            """
        let names = try #require(try db.execute(sql).last).columns.map(\.name)
        #expect(names == ["?column?", "count", "max", "?column?", "upper", "id", "v", "id", "case",
                          "coalesce", "id", "int4", "n", "other", "?column?", "?column?", "row_number", "current_date"])
    }

    @Test func starsSubqueriesAndOperators() throws {
        let db = warehouseDatabase()
        _ = try db.execute("CREATE TABLE p (id INT, v VARCHAR(4))")
        #expect(try db.execute("SELECT * FROM p").last?.columns.map(\.name) == ["id", "v"])
        #expect(try db.execute("SELECT DISTINCT v, count(*) FROM p GROUP BY v").last?.columns.map(\.name) == ["v", "count"])
        #expect(try db.execute("WITH c AS (SELECT id + 1 FROM p) SELECT count(*) FROM c").last?.columns.map(\.name) == ["count"])
        // A scalar subquery is named by its own column, as PostgreSQL 15 names it.
        #expect(try db.execute("SELECT (SELECT max(id) FROM p), 2 UNION SELECT 3, 4").last?.columns.map(\.name) == ["max", "?column?"])
        #expect(try db.execute("SELECT (SELECT id AS x FROM p), (SELECT v FROM p)").last?.columns.map(\.name) == ["x", "v"])
        #expect(try db.execute("SELECT 'a' || 'b', -1, NOT true, 2 * 3, EXISTS (SELECT 1), id IS NULL FROM p").last?.columns.map(\.name)
                == ["?column?", "?column?", "?column?", "?column?", "exists", "?column?"])
    }
}
