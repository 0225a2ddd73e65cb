@testable import Estate
import Testing

/// A loader reads the simulator's own records through their generator's fields instead of
/// writing and parsing their JSON. The two must give the same table: same rows, same load errors.
@Suite struct StreamLoaderFieldsTests {
    static let yaml = """
        name: fields
        seed: 11
        warmup: 0s
        streams:
          - name: orders
            shards: 2
          - name: clickstream
            shards: 2
        producers:
          - name: checkout
            stream: orders
            rate: 15
            keys: 300
            template: orders
          - name: web
            stream: clickstream
            rate: 15
            keys: 700
            hot-key-share: 0.2
            template: clickstream
        warehouse:
          - cluster: lab
            node-type: ra3.xlplus
            nodes: 2
        """

    /// Table schemas, each loaded twice from its stream: as the shop's tables have them, odd ones
    /// where keys match only ignoring case, some values do not fit (too long) and a column has no
    /// key, and one that refuses every record (not a number), so the comparison covers errors.
    static let tables: [(stream: String, name: String, columns: String)] = [
        ("orders", "orders_rows", "order_id VARCHAR(20), customer_id VARCHAR(20), items SUPER, total DECIMAL(10,2), currency CHAR(3), ts TIMESTAMP"),
        ("clickstream", "click_rows", "event_id VARCHAR(16), user_id VARCHAR(20), session_id VARCHAR(12), event_type VARCHAR(20), page VARCHAR(256), referrer VARCHAR(256), ts TIMESTAMP"),
        ("orders", "odd_orders", "TOTAL DOUBLE PRECISION, Items VARCHAR(90), customer_id VARCHAR(12), missing INTEGER, ts DATE"),
        ("clickstream", "odd_clicks", "Event_Type VARCHAR(6), page VARCHAR(12), SESSION_ID CHAR(10), ts DATE, absent BIGINT"),
        ("clickstream", "no_clicks", "ts TIMESTAMP, user_id INTEGER"),
    ]

    @Test func fieldsFromTheGeneratorLoadTheSameRowsAndErrorsAsParsingTheJSON() throws {
        let estate = try EstateBuilder.build(yaml: Self.yaml, file: "estate.yaml", seed: 11)
        let db = estate.warehouse.cluster("lab")!.database
        var pairs: [(fast: StreamLoader, json: StreamLoader, table: String)] = []
        for t in Self.tables {
            _ = try db.execute("CREATE TABLE \(t.name)_fast (\(t.columns)); CREATE TABLE \(t.name)_json (\(t.columns))")
            let fast = try estate.startStreamLoader(name: "\(t.name)-fast", stream: t.stream, cluster: "lab", table: "\(t.name)_fast")
            let json = try estate.startStreamLoader(name: "\(t.name)-json", stream: t.stream, cluster: "lab", table: "\(t.name)_json")
            json.readsSyntheticFields = false
            pairs.append((fast, json, t.name))
        }
        // Short enough that every table's errors fit STL_LOAD_ERRORS' 10,000 rows.
        estate.advance(by: .seconds(100))
        for p in pairs { p.fast.flush(); p.json.flush() }

        for p in pairs {
            #expect(p.fast.recordsLoaded + p.fast.recordsFailed > 1_000, "\(p.table): the stream's records reached the loader")
            #expect(p.fast.recordsLoaded == p.json.recordsLoaded && p.fast.recordsFailed == p.json.recordsFailed, "\(p.table)")
            let fastRows = try db.execute("SELECT * FROM \(p.table)_fast ORDER BY rowid")[0].rows
            let jsonRows = try db.execute("SELECT * FROM \(p.table)_json ORDER BY rowid")[0].rows
            #expect(fastRows.count == p.json.recordsLoaded && jsonRows.count == p.json.recordsLoaded, "\(p.table)")
            let row = zip(fastRows, jsonRows).enumerated().first { $0.element.0 != $0.element.1 }
            #expect(row == nil, "\(p.table), row \(row?.offset ?? 0): \(String(describing: row?.element.0)) from the fields, \(String(describing: row?.element.1)) from the JSON")
            let fastErrors = Self.errors(db, "\(p.table)_fast"), jsonErrors = Self.errors(db, "\(p.table)_json")
            #expect(fastErrors.count == p.fast.recordsFailed && jsonErrors.count == p.json.recordsFailed, "\(p.table)")
            let error = zip(fastErrors, jsonErrors).first { $0 != $1 }
            #expect(error == nil, "\(p.table): \(String(describing: error?.0)) from the fields, \(String(describing: error?.1)) from the JSON")
        }
        // The shop's schemas load every record; the odd ones load some and refuse some; the last
        // refuses all.
        #expect(pairs[0].fast.recordsFailed == 0 && pairs[1].fast.recordsFailed == 0)
        for p in pairs[2...3] { #expect(p.fast.recordsLoaded > 0 && p.fast.recordsFailed > 0, "\(p.table)") }
        #expect(pairs[4].fast.recordsLoaded == 0 && pairs[4].fast.recordsFailed > 1_000)
        #expect(db.loadErrors.count < 10_000)
    }

    /// A table's load errors, without the table id (each table has its own).
    static func errors(_ db: WarehouseDatabase, _ table: String) -> [String] {
        let id = db.tables[table]!.tableID
        return db.loadErrors.filter { $0.tableID == id }.map { e in
            "\(e.fileName)|\(e.lineNumber)|\(e.columnName)|\(e.rawLine)|\(e.rawFieldValue)|\(e.errorCode)|\(e.reason)|\(e.startTime.milliseconds)"
        }
    }
}
