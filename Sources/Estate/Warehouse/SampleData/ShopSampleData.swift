import GRDB

/// The default estate's warehouse contents: a small shop's star schema from the seeded generator.
///
/// `customers` (5,000, KEY on customer_id), `orders` (25,000, KEY on customer_id, sorted by date,
/// so the two join collocated), `clicks` (20,000, EVEN, sorted by time) and `date_dim` (ALL). The
/// stream tables receive the `orders` and `clickstream` streams through the loaders; customer ids
/// match the producers' partition keys (`customer-N`, `user-N`), so stream rows join the dimensions.
public enum ShopSampleData {
    public static let name = "shop"
    // Tens of thousands of rows: enough to explore; few enough that building the estate stays quick.
    public static let customerCount = 5_000
    public static let orderCount = 25_000
    public static let clickCount = 20_000

    /// Tables the loaders fill, by name.
    public static let streamTables: [String: String] = [
        "orders_stream": """
            CREATE TABLE orders_stream (order_id VARCHAR(20), customer_id VARCHAR(20), items SUPER, total DECIMAL(10,2),
              currency CHAR(3), ts TIMESTAMP) DISTKEY(customer_id) SORTKEY(ts)
            """,
        "clickstream_events": """
            CREATE TABLE clickstream_events (event_id VARCHAR(16), user_id VARCHAR(20), session_id VARCHAR(12),
              event_type VARCHAR(20), page VARCHAR(256), referrer VARCHAR(256), ts TIMESTAMP) DISTSTYLE EVEN SORTKEY(ts)
            """,
    ]

    static let regions = ["north", "south", "east", "west", "central"]
    static let segments = ["consumer", "smb", "enterprise"]
    static let statuses = ["placed", "paid", "shipped", "delivered", "returned"]
    static let eventTypes = ["page_view", "add_to_cart", "search", "checkout", "click"]
    static let pages = ["/", "/search", "/cart", "/checkout", "/products/", "/blog/", "/account"]
    static let dayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    public static func load(into db: WarehouseDatabase, random: inout SeededRandom) throws(SQLError) {
        _ = try db.execute("""
            CREATE TABLE date_dim (date_key DATE NOT NULL, year SMALLINT, quarter SMALLINT, month SMALLINT, day SMALLINT,
              day_of_week SMALLINT, day_name VARCHAR(9), is_weekend BOOLEAN) DISTSTYLE ALL SORTKEY(date_key);
            CREATE TABLE customers (customer_id VARCHAR(20) NOT NULL, name VARCHAR(40), region VARCHAR(10), segment VARCHAR(12),
              signup_date DATE, PRIMARY KEY (customer_id)) DISTKEY(customer_id);
            CREATE TABLE orders (order_id BIGINT IDENTITY(1, 1), customer_id VARCHAR(20) NOT NULL, order_date DATE NOT NULL,
              status VARCHAR(10), total DECIMAL(10,2), items SMALLINT) DISTKEY(customer_id) COMPOUND SORTKEY(order_date);
            CREATE TABLE clicks (event_id VARCHAR(16), user_id VARCHAR(20), event_type VARCHAR(20), page VARCHAR(64),
              ts TIMESTAMP) DISTSTYLE EVEN SORTKEY(ts)
            """)
        let start = SQLDateTime(year: 2025, month: 1, day: 1)
        var dates: [[DatabaseValue]] = []
        for d in 0..<730 {
            let t = start.adding(.day, Int64(d))
            let f = t.fields
            dates.append([t.dateText.databaseValue, f.year.databaseValue, ((f.month - 1) / 3 + 1).databaseValue, f.month.databaseValue,
                          f.day.databaseValue, f.dayOfWeek.databaseValue, dayNames[Int(f.dayOfWeek)].databaseValue,
                          (f.dayOfWeek == 0 || f.dayOfWeek == 6 ? 1 : 0).databaseValue])
        }
        try db.bulkLoad(table: "date_dim", columns: ["date_key", "year", "quarter", "month", "day", "day_of_week", "day_name", "is_weekend"], rows: dates)

        var customers: [[DatabaseValue]] = []
        for c in 0..<customerCount {
            let signup = start.adding(.day, Int64(random.int(in: 0...364)))
            customers.append(["customer-\(c)".databaseValue, "Customer \(c)".databaseValue,
                              regions[random.int(in: 0...(regions.count - 1))].databaseValue,
                              segments[random.int(in: 0...(segments.count - 1))].databaseValue, signup.dateText.databaseValue])
        }
        try db.bulkLoad(table: "customers", columns: ["customer_id", "name", "region", "segment", "signup_date"], rows: customers)

        var orders: [[DatabaseValue]] = []
        for _ in 0..<orderCount {
            // A few heavy buyers place a large share of orders, as in real shops.
            let customer = random.unit() < 0.2 ? random.int(in: 0...99) : random.int(in: 0...(customerCount - 1))
            let day = start.adding(.day, Int64(random.int(in: 365...729)))
            let items = random.int(in: 1...5)
            let cents = items * random.int(in: 499...19_900)
            orders.append(["customer-\(customer)".databaseValue, day.dateText.databaseValue,
                           statuses[random.int(in: 0...(statuses.count - 1))].databaseValue,
                           (Double(cents) / 100).databaseValue, items.databaseValue])
        }
        try db.bulkLoad(table: "orders", columns: ["customer_id", "order_date", "status", "total", "items"], rows: orders)

        var clicks: [[DatabaseValue]] = []
        var ts = SQLDateTime(year: 2026, month: 1, day: 1)
        for _ in 0..<clickCount {
            ts = ts.adding(.millisecond, Int64(random.int(in: 50...1_500)))
            var page = pages[random.int(in: 0...(pages.count - 1))]
            if page.hasSuffix("/"), page.count > 1 { page += String(random.int(in: 100...999)) }
            clicks.append([random.hex(16).databaseValue, "user-\(random.int(in: 0...(customerCount - 1)))".databaseValue,
                           eventTypes[random.int(in: 0...(eventTypes.count - 1))].databaseValue, page.databaseValue, ts.text.databaseValue])
        }
        try db.bulkLoad(table: "clicks", columns: ["event_id", "user_id", "event_type", "page", "ts"], rows: clicks)
        _ = try db.execute("ANALYZE")
    }
}
