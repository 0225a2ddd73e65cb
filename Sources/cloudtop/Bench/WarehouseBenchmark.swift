import Estate
import Foundation

/// `cloudtop bench warehouse`: the leader layer's overhead over plain SQLite on the same queries
/// and data (goal ≤ 1.2×), COPY's load rate, and the stream loader's rate.
enum WarehouseBenchmark {
    static let customers = 5_000
    static let orders = 100_000

    static let queries = [
        "SELECT c.region, count(*), sum(o.amount) FROM orders o JOIN customers c ON c.id = o.customer_id GROUP BY c.region ORDER BY 1",
        "SELECT customer_id, sum(amount) AS total FROM orders GROUP BY customer_id ORDER BY total DESC LIMIT 20",
        "SELECT id, amount, rank() OVER (PARTITION BY customer_id ORDER BY amount DESC) FROM orders WHERE customer_id < 200",
        "SELECT count(*) FROM orders WHERE placed >= '2026-03-01' AND placed < '2026-04-01'",
        "SELECT status, avg(amount), min(placed), max(placed) FROM orders GROUP BY status",
    ]

    /// Plain SQL both sides accept, generated the same way every run.
    static func setupSQL() -> [String] {
        var random = SeededRandom(seed: 1)
        var statements = [
            "CREATE TABLE customers (id INTEGER, name TEXT, region TEXT)",
            "CREATE TABLE orders (id INTEGER, customer_id INTEGER, amount INTEGER, status TEXT, placed TEXT)",
        ]
        var rows: [String] = []
        for c in 1...customers { rows.append("(\(c), 'customer \(c)', '\(["north", "south", "east", "west"][c % 4])')") }
        statements.append("INSERT INTO customers VALUES " + rows.joined(separator: ","))
        rows = []
        for o in 1...orders {
            let day = random.int(in: 1...28), month = random.int(in: 1...6)
            rows.append("(\(o), \(random.int(in: 1...customers)), \(random.int(in: 1...500)), '\(["new", "paid", "shipped"][o % 3])', '2026-0\(month)-\(day < 10 ? "0" : "")\(day) 12:00:00')")
            if rows.count == 5_000 { statements.append("INSERT INTO orders VALUES " + rows.joined(separator: ",")); rows = [] }
        }
        if !rows.isEmpty { statements.append("INSERT INTO orders VALUES " + rows.joined(separator: ",")) }
        return statements
    }

    static func run(runs: Int) -> String {
        var lines = ["warehouse: \(orders) orders × \(customers) customers, median of \(runs) runs"]
        let setup = setupSQL()
        let baseline = SQLiteBaseline()
        let warehouse = WarehouseDatabase(topology: SliceTopology(computeNodes: 2, slicesPerNode: 4))
        for s in setup {
            _ = try? baseline.execute(s)
            _ = try? warehouse.execute(s)
        }
        var totalPlain = 0.0, totalOurs = 0.0
        for (k, q) in queries.enumerated() {
            let plain = BenchSupport.median(runs: runs) { _ = try? baseline.execute(q) }
            let ours = BenchSupport.median(runs: runs) { _ = try? warehouse.execute(q) }
            totalPlain += plain; totalOurs += ours
            lines.append(String(format: "  query %d: warehouse %@  sqlite %@  ratio %.2f×", k + 1, BenchSupport.format(ours), BenchSupport.format(plain), ours / plain))
        }
        lines.append(String(format: "  all queries: ratio %.2f× (goal ≤ 1.20×)", totalOurs / totalPlain))

        // COPY: CSV files in S3 into an empty table.
        let copyRows = 100_000
        var csv = "id,customer_id,amount,status,placed\n"
        for o in 1...copyRows { csv += "\(o),\(o % customers + 1),\(o % 500),paid,2026-02-0\(o % 9 + 1) 10:00:00\n" }
        let copySeconds = BenchSupport.median(runs: max(1, runs / 2), warmup: false) {
            let estate = Estate(name: "bench")
            try? estate.s3.createBucket("bench")
            try? estate.s3.putObject(bucket: "bench", key: "orders/part-0.csv", body: Array(csv.utf8))
            let db = WarehouseDatabase(topology: SliceTopology(computeNodes: 2, slicesPerNode: 4))
            db.objectStore = estate.s3
            _ = try? db.execute("CREATE TABLE o (id BIGINT, customer_id INT, amount INT, status VARCHAR(10), placed TIMESTAMP) DISTKEY(customer_id)")
            _ = try? db.execute("COPY o FROM 's3://bench/orders/' CSV IGNOREHEADER 1")
        }
        lines.append(String(format: "  COPY: %.0f rows/s (%d CSV rows in %@)", Double(copyRows) / copySeconds, copyRows, BenchSupport.format(copySeconds)))
        if let loader = loaderRate() { lines.append(loader) }
        return lines.joined(separator: "\n")
    }

    /// The stream loader: an estate whose `orders` stream is fed by a producer and micro-batched
    /// into the warehouse; rows loaded per wall second of simulation.
    static func loaderRate() -> String? {
        let estate = Estate(name: "bench")
        guard (try? estate.warehouse.createCluster(Parameters(["ClusterIdentifier": "wh", "NodeType": "ra3.4xlarge", "MasterUsername": "awsuser",
                                                                "NumberOfNodes": 2, "ClusterType": "multi-node"]))) != nil,
              (try? estate.kinesis.createStream(name: "orders", shardCount: 4)) != nil else { return nil }
        estate.advance(by: .seconds(90))
        let runner = CommandRunner(estate: estate)
        _ = runner.run("sim producer start p --stream orders --rate 2000 --template orders")
        _ = try? estate.warehouse.cluster("wh")?.database.execute("CREATE TABLE orders_raw (order_id VARCHAR(20), customer_id VARCHAR(20), items SUPER, total DECIMAL(10,2), currency CHAR(3), ts TIMESTAMP)")
        guard (try? estate.startStreamLoader(name: "orders-loader", stream: "orders", cluster: "wh", table: "orders_raw")) != nil else {
            return "  loader: could not start"
        }
        let clock = ContinuousClock()
        let start = clock.now
        estate.advance(by: .minutes(10))
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let rows = estate.warehouse.cluster("wh")?.database.tables["orders_raw"]?.totalRows ?? 0
        return String(format: "  loader: %d rows in %@ wall for 10 virtual minutes (%.0f rows/s, producer and stream included)", rows, BenchSupport.format(seconds), Double(rows) / seconds)
    }
}
