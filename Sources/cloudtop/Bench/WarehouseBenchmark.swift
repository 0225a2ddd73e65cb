import Estate
import Foundation

/// `cloudtop bench warehouse`: the leader layer's overhead over plain SQLite on the same queries
/// and data (goal ≤ 1.2×), COPY's load rate, and the stream loader's rate.
enum WarehouseBenchmark {

    static let queries = [
        "SELECT c.region, count(*), sum(o.amount) FROM orders o JOIN customers c ON c.id = o.customer_id GROUP BY c.region ORDER BY 1",
        "SELECT customer_id, sum(amount) AS total FROM orders GROUP BY customer_id ORDER BY total DESC LIMIT 20",
        "SELECT id, amount, rank() OVER (PARTITION BY customer_id ORDER BY amount DESC) FROM orders WHERE customer_id < 200",
        "SELECT count(*) FROM orders WHERE placed >= '2026-03-01' AND placed < '2026-04-01'",
        "SELECT status, avg(amount), min(placed), max(placed) FROM orders GROUP BY status",
    ]

    /// Plain SQL both sides accept, generated the same way every run.
    static func setupSQL(customers: Int, orders: Int) -> [String] {
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

    static func run(sizes: BenchSizes) -> BenchReport {
        let (runs, orders, customers) = (sizes.runs, sizes.orders, sizes.customers)
        var rows: [BenchRow] = []
        var lines = ["warehouse: \(orders) orders × \(customers) customers, median of \(runs) runs"]
        let setup = setupSQL(customers: customers, orders: orders)
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
        // Issue 9: the leader layer within 1.2× of plain SQLite on the same queries.
        rows.append(BenchRow("warehouse: \(queries.count) queries through the leader", totalOurs, .seconds(per: nil),
                             baseline: (totalPlain, "plain SQLite"), goal: .ratioAtMost(1.2, source: "#9")))

        // COPY: CSV files in S3 into an empty table.
        let copyRows = sizes.copyRows
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
        rows.append(BenchRow("warehouse: COPY from S3 CSV", Double(copyRows) / copySeconds, .rate("rows")))
        let loader = loaderRate(seconds: sizes.loaderSeconds)
        lines.append(loader.text)
        rows += loader.rows
        let cost = defaultEstateCost(seconds: sizes.estateCostSeconds)
        lines.append(cost.text)
        rows += cost.rows
        return BenchReport(text: lines.joined(separator: "\n"), rows: rows)
    }

    /// The stream loader on its own: the same producer with and without a loader behind it, so
    /// the difference is what delivering the rows costs.
    static func loaderRate(seconds: Int64) -> BenchReport {
        let name = "warehouse: stream loader alone"
        guard let (rows, withLoader) = loaderRun(loader: true, seconds: seconds), let (_, without) = loaderRun(loader: false, seconds: seconds) else {
            return BenchReport(text: "  loader: could not start", rows: [.skipped(name, "the loader could not start")])
        }
        let loaderSeconds = max(1e-9, withLoader - without)
        let text = String(format: "  loader: %d rows in %d virtual seconds; %@ wall with the loader, %@ without: %.0f rows/s for the loader alone",
                          rows, Int(seconds), BenchSupport.format(withLoader), BenchSupport.format(without), Double(rows) / loaderSeconds)
        return BenchReport(text: text, rows: [BenchRow(name, Double(rows) / loaderSeconds, .rate("rows"))])
    }

    /// An `orders` stream fed at 2,000 records a second for `seconds` virtual seconds, optionally
    /// micro-batched into a table: (rows loaded, wall seconds).
    static func loaderRun(loader: Bool, seconds: Int64) -> (Int, Double)? {
        let estate = Estate(name: "bench")
        guard (try? estate.warehouse.createCluster(Parameters(["ClusterIdentifier": "wh", "NodeType": "ra3.4xlarge", "MasterUsername": "awsuser",
                                                                "NumberOfNodes": 2, "ClusterType": "multi-node"]))) != nil,
              (try? estate.kinesis.createStream(name: "orders", shardCount: 4)) != nil else { return nil }
        estate.advance(by: .seconds(90))
        let runner = CommandRunner(estate: estate)
        _ = runner.run("sim producer start p --stream orders --rate 2000 --template orders")
        if loader {
            _ = try? estate.warehouse.cluster("wh")?.database.execute(ShopSampleData.streamTables["orders_stream"]!)
            guard (try? estate.startStreamLoader(name: "orders-loader", stream: "orders", cluster: "wh", table: "orders_stream")) != nil else { return nil }
        }
        let wall = BenchSupport.median(runs: 1, warmup: false) { estate.advance(by: .seconds(seconds)) }
        return (estate.warehouse.cluster("wh")?.database.tables["orders_stream"]?.totalRows ?? 0, wall)
    }

    /// What the default estate's warehouse (cluster, sample data, loaders) costs: building the
    /// estate and one virtual hour, with the warehouse (its stack or section) and without it.
    static func defaultEstateCost(seconds: Int64) -> BenchReport {
        let span = seconds % 60 == 0 ? "\(seconds / 60) virtual min" : "\(seconds) virtual s"
        let name = "warehouse: default estate, \(span)"
        func measure(_ yaml: String) -> (build: Double, hour: Double)? {
            var estate: Estate?
            let build = BenchSupport.median(runs: 1, warmup: false) { estate = try? EstateBuilder.build(yaml: yaml, file: "estate.yaml", seed: 42) }
            guard let estate else { return nil }
            let hour = BenchSupport.median(runs: 1, warmup: false) { estate.advance(by: .seconds(seconds)) }
            return (build, hour)
        }
        let full = DefaultConfig.estateYAML
        guard let without = withoutWarehouse(full) else {
            return BenchReport(text: "  default estate: no warehouse section or stack", rows: [.skipped(name, "the default estate has no warehouse")])
        }
        guard let a = measure(full), let b = measure(without) else {
            return BenchReport(text: "  default estate: could not build", rows: [.skipped(name, "the default estate could not be built")])
        }
        let text = String(format: "  default estate: build %@ with the warehouse, %@ without; %@ %@ with, %@ without (+%.0f%%)",
                          BenchSupport.format(a.build), BenchSupport.format(b.build), span, BenchSupport.format(a.hour), BenchSupport.format(b.hour),
                          (a.hour / b.hour - 1) * 100)
        return BenchReport(text: text, rows: [BenchRow(name, a.hour, .seconds(per: nil), baseline: (b.hour, "without the warehouse"))])
    }

    /// The estate's YAML less its warehouse: the `warehouse` stack in the `stacks:` list (how the
    /// default estate forms it), else a `warehouse:` section, which runs to the next top-level key.
    static func withoutWarehouse(_ yaml: String) -> String? {
        if let line = yaml.range(of: "\n  - warehouse\n") {
            return yaml.replacingCharacters(in: line, with: "\n")
        }
        guard let cut = yaml.range(of: "\nwarehouse:\n") else { return nil }
        let rest = yaml[cut.upperBound...]
        let end = rest.range(of: "\n[a-z]", options: .regularExpression).map { $0.lowerBound } ?? yaml.endIndex
        return String(yaml[..<cut.lowerBound]) + "\n" + String(yaml[end...])
    }
}
