@testable import Estate
import Testing

/// A job's rates read as Flink's one-minute meters, so a windowed output that emits only when a
/// window fires still shows its rate between firings.
struct JobRateTests {
    @Test func outputRateBetweenFiringsIsTheLastMinutesAverage() throws {
        let estate = try JobFixture.estate()
        // Two users click once a second each for two minutes, on the processing clock.
        let app = try JobFixture.start(estate, """
            name: rates
            parallelism: 1
            checkpoint-interval: off
            source: { stream: clicks, time: processing }
            outputs:
              - name: per-user
                key-by: [user]
                window: { tumbling: 10s }
                aggregate: { events: count }
                sinks: [ { table: per_user } ]
            """)
        for second in 0..<120 {
            try JobFixture.click(estate, user: "u1", at: Double(second))
            try JobFixture.click(estate, user: "u2", at: Double(second))
            estate.advance(by: .seconds(1))
        }
        // Half-way between two firings: the last second emitted nothing, yet every 10 s window
        // of the last minute emitted one result per user, 12 in 60 s.
        estate.advance(by: .seconds(4))
        #expect(abs(app.recordsOutPerSecond - 12.0 / 60) < 0.04, "\(app.recordsOutPerSecond)")
        #expect(abs(app.recordsInPerSecond - 2) < 0.2, "\(app.recordsInPerSecond)")
        let window = try #require(app.operatorGraph(now: estate.now).last)
        #expect(abs(window.recordsOutPerSecond - 12.0 / 60) < 0.04)
    }
}
