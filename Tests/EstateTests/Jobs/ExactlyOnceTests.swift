@testable import Estate
import Testing

/// Checkpoints, failures, savepoints and rescaling give the same window results as an
/// undisturbed run: nothing counted twice, nothing missed.
@Suite struct ExactlyOnceTests {
    static let job = """
        name: counter
        parallelism: 2
        checkpoint-interval: 10s
        source:
          stream: clicks
          starting-position: TRIM_HORIZON
          event-time: ApproximateArrivalTimestamp
        outputs:
          - name: per-user
            key-by: [user]
            window: { tumbling: 20s }
            aggregate: { events: count, last: max($.n) }
            sinks: [ { table: t }, { search: per-user } ]
        """

    enum Disturbance { case none, failure, failureTwice, stopAndRestart, scale }

    /// Three records a second for 120 s over two shards, then quiet until every window fired.
    static func run(_ disturbance: Disturbance) throws -> (rows: [JSONValue], estate: Estate, app: JobApplication) {
        let estate = try JobFixture.estate(shards: 2)
        let app = try JobFixture.start(estate, job)
        var n = 0
        for second in 0..<120 {
            for _ in 0..<3 {
                try JobFixture.click(estate, user: "user-\(n % 5)", at: 0, n: n)
                n += 1
            }
            estate.advance(by: .seconds(1))
            switch (disturbance, second) {
            case (.failure, 47), (.failureTwice, 33), (.failureTwice, 81): try estate.jobs.failTaskManager("counter")
            case (.stopAndRestart, 60): try estate.jobs.stop("counter")
            case (.stopAndRestart, 64):
                #expect(app.status == .ready)
                try estate.jobs.start("counter")
            case (.scale, 52): try estate.jobs.scale("counter", to: 4)
            default: break
            }
        }
        // One more record far ahead moves the watermark past the last window on both shards.
        for key in ["a", "b", "c", "d", "e", "f"] { _ = try estate.kinesis.putRecord(streamName: "clicks", text: #"{"user":"flush","n":-1}"#, partitionKey: key) }
        estate.advance(by: .seconds(60))
        for key in ["a", "b", "c", "d", "e", "f"] { _ = try estate.kinesis.putRecord(streamName: "clicks", text: #"{"user":"flush","n":-1}"#, partitionKey: key) }
        estate.advance(by: .seconds(30))
        return (JobFixture.rows(estate, "t").filter { $0["user"] != "flush" }, estate, app)
    }

    static func total(_ rows: [JSONValue]) -> Int64 { rows.reduce(0) { $0 + ($1["events"]?.intValue ?? 0) } }

    @Test func undisturbedRunCountsEveryRecordOnce() throws {
        let (rows, _, app) = try Self.run(.none)
        #expect(Self.total(rows) == 360)
        #expect(app.lastCheckpoint(now: .zero + .hours(1)) != nil)
        // One row per key and window: no window fired twice.
        let ids = rows.map { "\($0["user"]!.keyText)@\($0["window_start"]!.keyText)" }
        #expect(Set(ids).count == ids.count)
    }

    @Test func failureRestoresTheLastCheckpointWithExactlyOnceResults() throws {
        let baseline = try Self.run(.none).rows
        let (rows, estate, app) = try Self.run(.failure)
        #expect(app.restarts == 1)
        // The restored job read some records twice (from the checkpoint on) …
        #expect(app.recordsRead > 366)
        // … yet every window result is exactly the undisturbed one.
        #expect(rows == baseline)
        // The search sink upserts by window id: one document per fired window, none twice.
        let fired = JobFixture.rows(estate, "t").count
        #expect(try estate.search.search(index: "per-user", body: ["size": 0]).get()["hits"]?["total"]?["value"]?.intValue == Int64(fired))
    }

    @Test func twoFailuresStillGiveTheUndisturbedResults() throws {
        let baseline = try Self.run(.none).rows
        let (rows, _, app) = try Self.run(.failureTwice)
        #expect(app.restarts == 2)
        #expect(rows == baseline)
    }

    @Test func savepointOnStopAndRestoreOnStartRoundTrip() throws {
        let baseline = try Self.run(.none).rows
        let (rows, _, app) = try Self.run(.stopAndRestart)
        #expect(app.snapshots.count == 1)
        #expect(app.restoredFrom == app.snapshots.first?.name)
        #expect(rows == baseline)
    }

    @Test func startSkippingTheSnapshotRereadsFromTheStartingPosition() throws {
        let estate = try JobFixture.estate()
        let app = try JobFixture.start(estate, Self.job)
        try JobFixture.click(estate, user: "u", at: 0)
        estate.advance(by: .seconds(3))
        #expect(app.recordsRead == 1)
        try estate.jobs.stop("counter")
        estate.advance(by: JobsService.TransitionDelay.stop)
        try estate.jobs.start("counter", restore: .skip)
        estate.advance(by: JobsService.TransitionDelay.start + .seconds(2))
        // TRIM_HORIZON again: the one record is read by the new run.
        #expect(app.recordsRead == 1)
        #expect(app.restoredFrom == nil)
        #expect(app.shardPositions.first?.sequenceNumber != nil)
    }

    @Test func rescalingMovesKeyedStateByKeyGroup() throws {
        let baseline = try Self.run(.none).rows
        let (rows, _, app) = try Self.run(.scale)
        #expect(app.currentParallelism == 4)
        #expect(app.versionID == 2)
        #expect(rows == baseline)
    }
}
