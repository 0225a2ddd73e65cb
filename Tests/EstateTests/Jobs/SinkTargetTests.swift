@testable import Estate
import Testing

/// Object and table sinks land in the estate's own S3 and warehouse, where their commands see them.
@Suite struct SinkTargetTests {
    static let job = """
        name: minutes
        checkpoint-interval: 10s
        source:
          stream: clicks
          starting-position: TRIM_HORIZON
          event-time: $.ts
        outputs:
          - name: per-minute
            window: { tumbling: 1m }
            aggregate: { events: count }
            sinks:
              - table: per_minute
              - objects: job-out
                prefix: minutes
        """

    @Test func windowRowsGoToAWarehouseTableAndPartsToS3() throws {
        let (estate, cluster) = try estateWithCluster()
        _ = cluster.database.rows("CREATE TABLE per_minute (window_start VARCHAR(32), window_end VARCHAR(32), events BIGINT)")
        _ = try estate.kinesis.createStream(name: "clicks", shardCount: 1)
        estate.advance(by: .seconds(30))
        try JobFixture.start(estate, Self.job)
        // Minute 0: three clicks; minute 1: one; the click at 130 s moves the watermark past
        // minute 1's end, so both windows fire (and minute 2 stays open).
        for (user, second) in [("a", 5.0), ("b", 20.0), ("a", 40.0), ("a", 70.0), ("b", 130.0)] {
            try JobFixture.click(estate, user: user, at: second)
        }
        estate.advance(by: .seconds(30))

        let rows = cluster.database.rows("SELECT window_start, window_end, events FROM per_minute ORDER BY window_start")
        #expect(rows == [[JobFixture.minute(0), JobFixture.minute(1), "3"], [JobFixture.minute(1), JobFixture.minute(2), "1"]])
        #expect(estate.jobs.tableStore.rows(of: "per_minute").isEmpty, "nothing left in the fallback store")

        let bucket = try #require(estate.s3.bucket("job-out"))
        #expect(!bucket.sortedKeys.isEmpty && bucket.sortedKeys.allSatisfy { $0.hasPrefix("minutes/2026-01-01--00/part-") })
        let lines = try bucket.sortedKeys.flatMap { key in
            String(decoding: try bucket.objects[key]!.bytes(), as: UTF8.self).split(separator: "\n").map(String.init)
        }
        #expect(lines.map { (try? JSONParser.parse($0))?["events"]?.intValue ?? -1 } == [3, 1])
        let listed = try estate.ok("s3api list-objects-v2 --bucket job-out")
        #expect(listed["KeyCount"]?.intValue == Int64(bucket.sortedKeys.count))
    }

    @Test func rowsForATableNoClusterHasStayInTheJobsStore() throws {
        let estate = try JobFixture.estate()
        try JobFixture.start(estate, Self.job)
        for second in [5.0, 70.0] { try JobFixture.click(estate, user: "a", at: second) }
        estate.advance(by: .seconds(20))
        #expect(JobFixture.rows(estate, "per_minute").map { $0["events"]?.intValue } == [1])
    }
}
