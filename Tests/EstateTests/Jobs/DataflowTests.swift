@testable import Estate
import Testing

/// keyBy partitioning, stateless operators, backpressure and resharding under a running job.
@Suite struct DataflowTests {
    @Test func keyByPutsEachKeyOnTheSubtaskOfItsKeyGroup() throws {
        func run(parallelism: Int) throws -> (rows: [JSONValue], app: JobApplication) {
            let estate = try JobFixture.estate(shards: 2)
            let app = try JobFixture.start(estate, JobFixture.yaml(parallelism: parallelism, output: """
                    key-by: [user]
                    window: { tumbling: 1m }
                    aggregate: { events: count }
                    sinks: [ { table: t } ]
                """))
            for i in 0..<40 { try JobFixture.click(estate, user: "user-\(i % 20)", at: 5) }
            estate.advance(by: .seconds(2))
            let runtime = try #require(app.runtime)
            // Each key's state lives on exactly the subtask its key group maps to.
            for i in 0..<20 {
                let key = "user-\(i)"
                let holders = runtime.windowStates[0].indices.filter { runtime.windowStates[0][$0].keys[key] != nil }
                #expect(holders == [KeyGroups.subtask(of: key, parallelism: parallelism)])
            }
            if parallelism > 1 { #expect(Set((0..<20).map { KeyGroups.subtask(of: "user-\($0)", parallelism: parallelism) }).count > 1) }
            for i in 0..<2 { try JobFixture.click(estate, user: "flush-\(i)", at: 500) }
            // A shard the flush missed holds the watermark back until it counts as idle.
            estate.advance(by: JobRuntime.idleTimeout + .seconds(2))
            return (JobFixture.rows(estate, "t"), app)
        }
        let one = try run(parallelism: 1), four = try run(parallelism: 4)
        #expect(one.rows.count == 20)
        #expect(one.rows.allSatisfy { $0["events"] == 2 })
        #expect(four.rows == one.rows)
    }

    @Test func keyGroupsFollowFlinksRangeAssignment() {
        // 128 key groups over 4 subtasks: groups 0–31 → 0, 32–63 → 1, 64–95 → 2, 96–127 → 3.
        #expect([0, 31, 32, 63, 64, 95, 96, 127].map { KeyGroups.subtask(ofGroup: $0, parallelism: 4) } == [0, 0, 1, 1, 2, 2, 3, 3])
        #expect((0..<200).allSatisfy { KeyGroups.group(of: "k\($0)") == KeyGroups.group(of: "k\($0)") && KeyGroups.group(of: "k\($0)") < 128 })
    }

    @Test func mapFilterAndFlatMapShapeRecords() throws {
        let estate = try JobFixture.estate()
        try JobFixture.start(estate, """
            name: orders
            checkpoint-interval: off
            source: { stream: clicks }
            operators:
              - filter: [ "$.total >= 20", "$.status != test" ]
              - flat-map: { path: $.items, as: item }
            outputs:
              - name: lines
                operators:
                  - map: { order: $.id, sku: upper($.item.sku), cents: $.item.price * 100, label: "concat($.id, '/', $.item.sku)" }
                sinks: [ { table: lines } ]
            """)
        for text in [#"{"id":"o1","total":30,"status":"paid","items":[{"sku":"a","price":1.5},{"sku":"b","price":2}]}"#,
                     #"{"id":"o2","total":10,"status":"paid","items":[{"sku":"c","price":3}]}"#,
                     #"{"id":"o3","total":50,"status":"test","items":[{"sku":"d","price":4}]}"#] {
            _ = try estate.kinesis.putRecord(streamName: "clicks", text: text, partitionKey: "k")
        }
        estate.advance(by: .seconds(2))
        #expect(JobFixture.rows(estate, "lines") == [
            ["order": "o1", "sku": "A", "cents": 150, "label": "o1/a"],
            ["order": "o1", "sku": "B", "cents": 200, "label": "o1/b"],
        ])
    }

    @Test func throttledSinkBackpressuresTheSourceAndLosesNothing() throws {
        let estate = try JobFixture.estate(shards: 4)
        _ = try estate.kinesis.createStream(name: "out", shardCount: 1)
        estate.advance(by: .seconds(30))
        let app = try JobFixture.start(estate, """
            name: copy
            checkpoint-interval: off
            source: { stream: clicks }
            outputs:
              - name: all
                sinks: [ { kinesis: out, partition-key: $.n } ]
            """)
        // 2,000 records a second in (500 per input shard), for ten seconds; the one-shard output
        // takes only 1,000 a second, so the backlog grows.
        var behind: [Int64] = []
        var backpressured = false
        var n = 0
        for second in 0..<40 {
            if second < 10 {
                for _ in 0..<2000 {
                    _ = try estate.kinesis.putRecord(streamName: "clicks", text: #"{"n":\#(n)}"#, partitionKey: "p\(n)")
                    n += 1
                }
            }
            estate.advance(by: .seconds(1))
            behind.append(app.millisBehindLatest)
            backpressured = backpressured || (app.operatorGraph(now: estate.now).first?.backpressure ?? 0) > 0
        }
        #expect(backpressured)
        // Nothing is behind until the buffer is full; then the lag grows while input outpaces the sink.
        #expect(behind[9] > behind[4])
        #expect(behind.max()! > behind[5])
        #expect(behind.last == 0)
        // Every record arrived, exactly once.
        let out = try #require(estate.kinesis.stream(named: "out"))
        var seen: [Int] = []
        var iterator: String? = try estate.kinesis.getShardIterator(streamName: "out", shardID: out.shards[0].shardID, type: .trimHorizon)
        while let it = iterator {
            let result = try estate.kinesis.getRecords(shardIterator: it)
            seen += result.records.compactMap { (try? JSONParser.parse(String(decoding: $0.data, as: UTF8.self)))?["n"]?.intValue }.map(Int.init)
            if result.records.isEmpty { break }
            iterator = result.nextShardIterator
            estate.advance(by: .seconds(1))
        }
        #expect(seen.count == 20_000)
        #expect(Set(seen).count == 20_000)
    }

    @Test func readsParentsBeforeChildrenAndFollowsAReshardWhileRunning() throws {
        let estate = try JobFixture.estate(shards: 2)
        let kinesis = estate.kinesis
        let half = UInt128(1) << 127, quarter = UInt128(1) << 126
        let yaml = """
            name: copy
            parallelism: 2
            checkpoint-interval: off
            source: { stream: clicks }
            outputs:
              - name: all
                operators: [ { map: { n: $.n } } ]
                sinks: [ { table: seen } ]
            """
        func put(_ range: Range<Int>, hashKey: (Int) -> UInt128) throws {
            for n in range { _ = try kinesis.putRecord(streamName: "clicks", text: #"{"n":\#(n)}"#, partitionKey: "k", explicitHashKey: hashKey(n)) }
        }
        // Ten records in shard 1 (the upper half of the key space), then shard 1 splits and ten
        // more land in its children 2 and 3.
        try put(0..<10) { half + UInt128($0) }
        try kinesis.splitShard(streamName: "clicks", shardToSplit: "shardId-000000000001", newStartingHashKey: String(half + quarter))
        estate.advance(by: .seconds(30))
        try put(10..<20) { $0 % 2 == 0 ? half + UInt128($0) : half + quarter + UInt128($0) }
        // With two subtasks the reading order is shards 0 and 2, then 1 and 3: only the
        // parents-first rule keeps child 2 waiting until its parent has been read to the end.
        let app = try JobFixture.start(estate, yaml)
        estate.advance(by: .seconds(3))
        let first = JobFixture.rows(estate, "seen").compactMap { $0["n"]?.intValue }
        #expect(Array(first.prefix(10)) == Array(0..<10))
        #expect(Set(first) == Set(0..<20))
        // Split child 2 while the job runs: its records still arrive, once.
        try kinesis.splitShard(streamName: "clicks", shardToSplit: "shardId-000000000002", newStartingHashKey: String(half + quarter / 2))
        estate.advance(by: .seconds(30))
        try put(20..<40) { half + UInt128($0) * (quarter / 64) }
        estate.advance(by: .seconds(3))
        let all = JobFixture.rows(estate, "seen").compactMap { $0["n"]?.intValue }
        #expect(all.count == 40)
        #expect(Set(all) == Set(0..<40))
        #expect(app.shardPositions.count == 6)
        #expect(app.shardPositions.filter(\.finished).map(\.shardID) == ["shardId-000000000001", "shardId-000000000002"])
    }

    @Test func latestStartsAfterTheNewestRecordAndAtTimestampAtTheGivenTime() throws {
        let estate = try JobFixture.estate()
        try JobFixture.click(estate, user: "old", at: 0)
        estate.advance(by: .seconds(10))
        let cut = SimCalendar.iso8601(estate.now)
        try JobFixture.click(estate, user: "newer", at: 0)
        estate.advance(by: .seconds(1))
        for (name, position) in [("latest", "LATEST"), ("stamp", "AT_TIMESTAMP\n  timestamp: \(cut)")] {
            try JobFixture.start(estate, """
                name: \(name)
                checkpoint-interval: off
                source:
                  stream: clicks
                  starting-position: \(position)
                outputs:
                  - name: all
                    operators: [ { map: { user: $.user } } ]
                    sinks: [ { table: \(name) } ]
                """)
        }
        try JobFixture.click(estate, user: "after", at: 0)
        estate.advance(by: .seconds(3))
        #expect(JobFixture.rows(estate, "latest").map { $0["user"] } == ["after"])
        #expect(JobFixture.rows(estate, "stamp").map { $0["user"] } == ["newer", "after"])
    }
}
