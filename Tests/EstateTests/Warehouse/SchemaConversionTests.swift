@testable import Estate
import Foundation
import Testing

/// `cloudtop warehouse convert`: Redshift DDL proposed for a SQLite file, with reasons, and loaded.
@Suite struct SchemaConversionTests {
    /// A small shop in SQLite: a tiny dimension, a big customer table and a fact table.
    func shopFile() throws -> (URL, () -> Void) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("convert-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("shop.sqlite")
        var sql = """
            CREATE TABLE regions (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
            CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT, region_id INTEGER REFERENCES regions(id));
            CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers(id), region_id INTEGER REFERENCES regions(id),
                                 amount REAL, placed_at DATETIME);
            CREATE INDEX orders_amount ON orders(amount);
            INSERT INTO regions VALUES (1, 'north'), (2, 'south');
            WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 12000)
              INSERT INTO customers SELECT x, 'customer ' || x, 1 + x % 2 FROM n;
            WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 3000)
              INSERT INTO orders SELECT x, 1 + x % 12000, 1 + x % 2, x * 1.5, '2026-01-01 00:00:00' FROM n;

            """
        sql += ""
        let script = dir.appendingPathComponent("shop.sql")
        try sql.write(to: script, atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        p.arguments = [file.path]
        p.standardInput = try FileHandle(forReadingFrom: script)
        try p.run()
        p.waitUntilExit()
        return (file, { try? FileManager.default.removeItem(at: dir) })
    }

    @Test func proposesDistributionSortKeysAndEncodingsWithReasons() throws {
        let (file, cleanup) = try shopFile()
        defer { cleanup() }
        let reader = try SQLiteSchemaReader(path: file.path)
        let proposals = SchemaAdvisor().propose(try reader.tables())
        let byTable = Dictionary(uniqueKeysWithValues: proposals.map { ($0.table, $0) })
        let regions = try #require(byTable["regions"]), customers = try #require(byTable["customers"]), orders = try #require(byTable["orders"])
        #expect(regions.ddl.contains("DISTSTYLE ALL"), "a small dimension: \(regions.ddl)")
        #expect(regions.reasons.first?.contains("dimension") == true)
        #expect(customers.ddl.contains("DISTKEY(id)"), "too big for ALL and joined by orders: \(customers.ddl)")
        #expect(orders.ddl.contains("DISTKEY(customer_id)"), "the most-joined key to the big table: \(orders.ddl)")
        #expect(orders.ddl.contains("SORTKEY(\"placed_at\")"))
        #expect(orders.ddl.contains("\"placed_at\" TIMESTAMP ENCODE RAW"))
        #expect(orders.ddl.contains("\"amount\" DOUBLE PRECISION"))
        #expect(customers.ddl.contains("\"name\" VARCHAR(28) ENCODE ZSTD"), "text sized from the longest value: \(customers.ddl)")
        #expect(orders.reasons.contains { $0.hasPrefix("SORTKEY(placed_at)") })

        // --load: the DDL runs on a cluster and the rows arrive.
        let db = warehouseDatabase()
        for p in proposals {
            _ = try db.execute(p.ddl)
            try db.bulkLoad(table: p.table, columns: p.columns, rows: try reader.rows(of: p.table, columns: p.columns))
        }
        #expect(db.rows("SELECT \"table\", diststyle, tbl_rows FROM svv_table_info ORDER BY 1") == [
            ["customers", "KEY(id)", "12000"], ["orders", "KEY(customer_id)", "3000"], ["regions", "ALL", "2"],
        ])
        #expect(db.value("SELECT count(*) FROM orders o JOIN customers c ON c.id = o.customer_id") == "3000")
    }
}
