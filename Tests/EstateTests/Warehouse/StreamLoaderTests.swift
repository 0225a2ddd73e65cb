@testable import Estate
import Testing

/// The Firehose-style loader: stream records arrive as table rows in micro-batches.
@Suite struct StreamLoaderTests {
    /// One stream fed by a producer and a cluster with the loader's table, nothing else.
    static let yaml = loaderEstateYAML(name: "loader", cluster: """
            loaders:
              - stream: orders
                table: orders_stream
        """)

    static func rows(_ estate: Estate, _ table: String) -> Int {
        estate.warehouse.cluster("lab")!.database.tables[table]!.totalRows
    }

    @Test func rowsArriveEveryBufferIntervalAsRecordsFlow() throws {
        let estate = try EstateBuilder.build(yaml: Self.yaml, file: "estate.yaml", seed: 5)
        let loader = estate.warehouse.loaders[0]
        #expect(loader.name == "orders-to-orders_stream" && loader.bufferInterval == .seconds(60))
        estate.advance(by: .seconds(59))
        #expect(Self.rows(estate, "orders_stream") == 0, "nothing is delivered before the first 60 s buffer interval")
        estate.advance(by: .seconds(2))
        let first = Self.rows(estate, "orders_stream")
        // 20 records a second for 60 s, give or take the second the flush shares with the producer.
        #expect((1_180...1_220).contains(first), "\(first)")
        #expect(loader.batches == 1 && loader.recordsLoaded == first)
        estate.advance(by: .seconds(60))
        let second = Self.rows(estate, "orders_stream")
        #expect((2_380...2_420).contains(second), "the table grows with the stream: \(second)")
        // Stop the producer, let the loader read what is left, deliver it: every record is a row.
        _ = CommandRunner(estate: estate).run("sim producer stop checkout")
        estate.advance(by: .seconds(2))
        loader.flush()
        let put = estate.kinesis.stream(named: "orders")!.metrics.totals.recordsIn
        #expect(Self.rows(estate, "orders_stream") == put)
        #expect(loader.recordsFailed == 0 && loader.recordsMissed == 0)
        // Each batch placed only its own rows: the counts are what placing the whole table gives.
        let db0 = estate.warehouse.cluster("lab")!.database
        let counted = db0.tables["orders_stream"]!.rowsPerSlice
        #expect(loader.batches >= 3 && counted.reduce(0, +) == put)
        db0.place("orders_stream")
        #expect(db0.tables["orders_stream"]!.rowsPerSlice == counted)
        // The rows are the records: JSON keys went to their columns.
        let db = estate.warehouse.cluster("lab")!.database
        let sample = try db.execute("SELECT COUNT(*) FROM orders_stream WHERE order_id IS NULL OR customer_id NOT LIKE 'customer-%' OR ts IS NULL")
        #expect(sample[0].rows == [[.int(0)]])
    }

    /// One record in ten: arrivals 0, 10, 20, … become rows; every other arrival is counted dropped.
    @Test func samplingKeepsOneRecordInN() throws {
        let yaml = Self.yaml + "\n        sample-one-in: 10\n"
        let estate = try EstateBuilder.build(yaml: yaml, file: "estate.yaml", seed: 5)
        let loader = estate.warehouse.loaders[0]
        #expect(loader.sampleOneIn == 10)
        estate.advance(by: .seconds(90))
        _ = CommandRunner(estate: estate).run("sim producer stop checkout")
        estate.advance(by: .seconds(2))
        loader.flush()
        let put = estate.kinesis.stream(named: "orders")!.metrics.totals.recordsIn
        #expect(put > 1_000)
        #expect(Self.rows(estate, "orders_stream") == (put + 9) / 10)
        #expect(loader.recordsLoaded + loader.recordsDropped == put)
        #expect(loader.recordsMissed == 0)
    }

    @Test func aRecordThatIsNotJSONGoesToLoadErrorsAndTheRestLoad() throws {
        let estate = try EstateBuilder.build(yaml: Self.yaml, file: "estate.yaml", seed: 5)
        _ = CommandRunner(estate: estate).run("sim producer stop checkout")
        _ = try estate.kinesis.putRecord(streamName: "orders", text: #"{"order_id":"o-1","customer_id":"customer-1","total":12.5}"#, partitionKey: "a")
        _ = try estate.kinesis.putRecord(streamName: "orders", text: "this is not json", partitionKey: "b")
        _ = try estate.kinesis.putRecord(streamName: "orders", text: #"{"order_id":"o-2","customer_id":"customer-2","total":3}"#, partitionKey: "c")
        estate.advance(by: .seconds(61))
        let loader = estate.warehouse.loaders[0]
        #expect(Self.rows(estate, "orders_stream") == 2)
        #expect(loader.recordsLoaded == 2 && loader.recordsFailed == 1)
        let db = estate.warehouse.cluster("lab")!.database
        let errors = try db.execute("SELECT filename, raw_line FROM stl_load_errors")[0].rows
        #expect(errors.count == 1)
        #expect(errors.first?[0].text?.hasPrefix("kinesis://orders/shardId-") == true)
        #expect(errors.first?[1] == .text("this is not json"))
        #expect(try db.execute("SELECT order_id, total FROM orders_stream ORDER BY order_id")[0].rows == [[.text("o-1"), .double(12.5)], [.text("o-2"), .double(3)]])
    }

    /// The default estate: the shop's tables are there from the start and both loaders deliver;
    /// the streams' partition keys are customer and user ids, so loaded rows join the dimension.
    @Test func theDefaultEstateLoadsBothStreamsIntoRowsThatJoinTheShop() throws {
        let estate = try EstateBuilder.build(yaml: DefaultConfig.estateYAML, file: "estate.yaml", seed: 42)
        estate.advance(by: .minutes(3))
        let cluster = estate.warehouse.cluster("shop")!
        #expect(cluster.status == .available)
        let db = cluster.database
        #expect(db.tables["customers"]?.totalRows == ShopSampleData.customerCount)
        #expect(db.tables["orders"]?.totalRows == ShopSampleData.orderCount)
        #expect(db.tables["clicks"]?.totalRows == ShopSampleData.clickCount)
        #expect(db.tables["date_dim"]?.totalRows == 730)
        #expect(estate.warehouse.loaders.map(\.streamName) == ["orders", "clickstream"])
        let orders = db.tables["orders_stream"]!.totalRows, clicks = db.tables["clickstream_events"]!.totalRows
        #expect(orders > 0 && clicks > 0)
        #expect(estate.warehouse.loaders.allSatisfy { $0.recordsFailed == 0 })
        let joined = try db.execute("SELECT COUNT(*) FROM orders_stream s JOIN customers c ON s.customer_id = c.customer_id")[0].rows
        #expect(joined == [[.int(Int64(orders))]], "every streamed order's customer is in customers")
    }

    @Test func theDumpWithLoadedRowsIsTheSameEveryRun() throws {
        func dump() throws -> String {
            let estate = try EstateBuilder.build(yaml: Self.yaml, file: "estate.yaml", seed: 5)
            estate.advance(by: .minutes(3))
            return estate.dump().serialized()
        }
        let a = try dump(), b = try dump()
        #expect(a == b)
        let parsed = try JSONParser.parse(a)
        let loader = parsed["Warehouse"]?["Loaders"]?.arrayValue?.first
        #expect((loader?["RecordsLoaded"]?.intValue ?? 0) > 3_000)
        let table = parsed["Warehouse"]?["Tables"]?.arrayValue?.first { $0["TableName"]?.stringValue == "orders_stream" }
        #expect(table?["Rows"]?.intValue == loader?["RecordsLoaded"]?.intValue)
    }
}
