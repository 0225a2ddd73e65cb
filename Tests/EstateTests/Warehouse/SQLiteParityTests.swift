@testable import Estate
import Foundation
import Testing

/// The warehouse answers standard SQL exactly as SQLite does on the same data: the leader's
/// rewriting must never change the meaning of a query it has nothing to rewrite.
@Suite struct SQLiteParityTests {
    /// Plain SQL both sides run: a small sales schema with skewed keys and NULLs.
    static let setup: String = {
        var s = """
        CREATE TABLE customers (id INTEGER, name TEXT, region TEXT, signup TEXT);
        CREATE TABLE orders (id INTEGER, customer_id INTEGER, amount INTEGER, status TEXT, placed TEXT);
        """
        var inserts: [String] = []
        for c in 1...40 {
            let region = ["north", "south", "east", "west"][c % 4]
            inserts.append("INSERT INTO customers VALUES (\(c), 'cust\(c)', \(c % 7 == 0 ? "NULL" : "'\(region)'"), '2025-0\(c % 9 + 1)-1\(c % 10)');")
        }
        for o in 1...300 {
            let customer = o % 5 == 0 ? 1 : (o * 7) % 40 + 1
            let status = ["new", "paid", "shipped"][o % 3]
            inserts.append("INSERT INTO orders VALUES (\(o), \(customer), \(o * 13 % 500), '\(status)', '2025-0\(o % 9 + 1)-2\(o % 8) 1\(o % 10):00:00');")
        }
        s += "\n" + inserts.joined(separator: "\n")
        return s
    }()

    static let queries: [String] = [
        "SELECT count(*), sum(amount), min(amount), max(amount) FROM orders",
        "SELECT status, count(*), sum(amount) FROM orders GROUP BY status ORDER BY status",
        "SELECT c.region, count(o.id), sum(o.amount) FROM customers c JOIN orders o ON o.customer_id = c.id GROUP BY c.region ORDER BY c.region",
        "SELECT c.name, o.amount FROM customers c LEFT JOIN orders o ON o.customer_id = c.id AND o.amount > 450 ORDER BY c.id, o.amount LIMIT 30",
        "SELECT id, amount, rank() OVER (PARTITION BY status ORDER BY amount DESC, id) AS r FROM orders ORDER BY status, r, id LIMIT 40",
        "SELECT id, sum(amount) OVER (ORDER BY id ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) FROM orders ORDER BY id LIMIT 25",
        "SELECT customer_id, amount, lag(amount) OVER (PARTITION BY customer_id ORDER BY id) FROM orders WHERE customer_id < 5 ORDER BY customer_id, id",
        "SELECT name FROM customers WHERE id IN (SELECT customer_id FROM orders WHERE amount > 480) ORDER BY name",
        "SELECT id FROM customers c WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id) ORDER BY id",
        "SELECT (SELECT max(amount) FROM orders o WHERE o.customer_id = c.id) AS top, c.id FROM customers c ORDER BY c.id",
        "WITH big AS (SELECT customer_id, sum(amount) AS total FROM orders GROUP BY customer_id HAVING sum(amount) > 2000) SELECT c.name, big.total FROM big JOIN customers c ON c.id = big.customer_id ORDER BY big.total DESC, c.name",
        "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 10) SELECT sum(x) FROM n",
        "SELECT region, avg(id), count(DISTINCT signup) FROM customers GROUP BY region ORDER BY region",
        "SELECT CASE WHEN amount > 250 THEN 'high' ELSE 'low' END AS band, count(*) FROM orders GROUP BY 1 ORDER BY 1",
        "SELECT coalesce(region, 'none'), count(*) FROM customers GROUP BY 1 ORDER BY 1",
        "SELECT substr(placed, 1, 7) AS month, count(*), sum(amount) FROM orders GROUP BY month ORDER BY month",
        "SELECT status FROM orders UNION SELECT region FROM customers WHERE region IS NOT NULL ORDER BY 1",
        "SELECT o.id, c.name FROM orders o, customers c WHERE o.customer_id = c.id AND o.amount BETWEEN 100 AND 120 ORDER BY o.id",
        "SELECT name FROM customers WHERE name LIKE 'cust1%' ORDER BY name",
        "SELECT count(*) FILTER (WHERE status = 'paid'), count(*) FROM orders",
    ]

    @Test(arguments: queries)
    func sameRowsAsSQLite(_ query: String) throws {
        let db = warehouseDatabase()
        _ = try db.execute(Self.setup)
        let ours = db.rows(query)
        let theirs = try sqlite3Rows(setup: Self.setup, query: query)
        #expect(!theirs.isEmpty)
        #expect(ours.count == theirs.count, "row count for \(query)")
        for (a, b) in zip(ours, theirs) {
            #expect(a.count == b.count)
            for (x, y) in zip(a, b) where x != y {
                if let dx = x.flatMap(Double.init), let dy = y.flatMap(Double.init), abs(dx - dy) <= 1e-9 * max(1, abs(dy)) { continue }
                Issue.record("\(query): \(String(describing: x)) ≠ sqlite3's \(String(describing: y))")
            }
        }
    }
}
