@testable import Estate
import Testing

/// Each window kind, watermarks and late records, on hand-computed inputs (REFERENCE §6).
@Suite struct WindowTests {
    @Test func tumblingWindowsCountPerKeyAndFireInEndOrder() throws {
        let estate = try JobFixture.estate()
        try JobFixture.start(estate, JobFixture.yaml(output: """
                key-by: [user]
                window: { tumbling: 1m }
                aggregate: { events: count }
                sinks: [ { table: t } ]
            """))
        for (user, s) in [("u1", 10.0), ("u1", 50), ("u2", 20), ("u1", 65), ("u3", 150)] { try JobFixture.click(estate, user: user, at: s) }
        estate.advance(by: .seconds(2))
        // Watermark 00:02:30 closes [0,1m) and [1m,2m); [2m,3m) stays open.
        #expect(JobFixture.rows(estate, "t").map { $0.row("user", "window_start", "window_end", "events") } == [
            "user=u1 window_start=\(JobFixture.minute(0)) window_end=\(JobFixture.minute(1)) events=2",
            "user=u2 window_start=\(JobFixture.minute(0)) window_end=\(JobFixture.minute(1)) events=1",
            "user=u1 window_start=\(JobFixture.minute(1)) window_end=\(JobFixture.minute(2)) events=1",
        ])
    }

    @Test func slidingWindowsPutOneEventInSizeOverSlideWindows() throws {
        let estate = try JobFixture.estate()
        try JobFixture.start(estate, JobFixture.yaml(output: """
                window: { sliding: 2m, slide: 1m }
                aggregate: { events: count, top: "top(1, $.page)" }
                sinks: [ { table: t } ]
            """))
        try JobFixture.click(estate, user: "a", at: 30, page: "/x")
        try JobFixture.click(estate, user: "a", at: 90, page: "/y")
        try JobFixture.click(estate, user: "b", at: 105, page: "/y")
        try JobFixture.click(estate, user: "c", at: 300)
        estate.advance(by: .seconds(2))
        // 30s is in [-1m,1m) and [0,2m); 90s and 105s in [0,2m) and [1m,3m). Watermark 5m fires all three.
        #expect(JobFixture.rows(estate, "t").map { $0.row("window_start", "events") } == [
            "window_start=\(SimCalendar.iso8601(SimInstant(milliseconds: -60_000))) events=1",
            "window_start=\(JobFixture.minute(0)) events=3",
            "window_start=\(JobFixture.minute(1)) events=2",
        ])
        #expect(JobFixture.rows(estate, "t")[1]["top"] == [["Value": "/y", "Count": 2]])
    }

    @Test func sessionWindowsCloseAfterTheGapAndMerge() throws {
        let estate = try JobFixture.estate()
        try JobFixture.start(estate, JobFixture.yaml(output: """
                key-by: [user]
                window: { session: 30s }
                aggregate: { events: count }
                sinks: [ { table: t } ]
            """))
        // u1: 0, 45 and then 20 (out of order) merge into one session [0s, 75s); 90s starts another.
        for (user, s) in [("u1", 0.0), ("u1", 45), ("u2", 10), ("u1", 20), ("u1", 90), ("u9", 300)] { try JobFixture.click(estate, user: user, at: s) }
        estate.advance(by: .seconds(2))
        #expect(JobFixture.rows(estate, "t").map { $0.row("user", "window_start", "window_end", "events") } == [
            "user=u2 window_start=\(JobFixture.at(10)) window_end=\(JobFixture.at(40)) events=1",
            "user=u1 window_start=\(JobFixture.at(0)) window_end=\(JobFixture.at(75)) events=3",
            "user=u1 window_start=\(JobFixture.at(90)) window_end=\(JobFixture.at(120)) events=1",
        ])
    }

    @Test func lateRecordsAreCountedAndSideOutput() throws {
        let estate = try JobFixture.estate()
        let app = try JobFixture.start(estate, JobFixture.yaml(source: "  out-of-orderness: 10s", output: """
                window: { tumbling: 1m }
                aggregate: { events: count }
                late-records: too-late
                sinks: [ { table: t } ]
            """))
        for s in [10.0, 50, 75] { try JobFixture.click(estate, user: "u", at: s) }
        estate.advance(by: .seconds(1))
        // W = 75s − 10s = 65s ≥ 60s − 1ms: [0,1m) fired with 2.
        #expect(app.watermark == .zero + .seconds(65))
        #expect(JobFixture.rows(estate, "t").map { $0.row("window_start", "events") } == ["window_start=\(JobFixture.minute(0)) events=2"])
        try JobFixture.click(estate, user: "late", at: 55)
        try JobFixture.click(estate, user: "ok", at: 62)
        try JobFixture.click(estate, user: "flush", at: 180)
        estate.advance(by: .seconds(1))
        #expect(app.lateRecordCounts["out"] == 1)
        #expect(app.sideOutput("too-late").map { $0["user"] } == ["late"])
        #expect(JobFixture.rows(estate, "t").map { $0.row("window_start", "events") } == [
            "window_start=\(JobFixture.minute(0)) events=2",
            "window_start=\(JobFixture.minute(1)) events=2",
        ])
    }

    @Test func allowedLatenessRefiresTheWindowAndTheSearchDocumentIsReplaced() throws {
        let estate = try JobFixture.estate()
        let app = try JobFixture.start(estate, JobFixture.yaml(source: "  out-of-orderness: 10s\n  allowed-lateness: 30s", output: """
                window: { tumbling: 1m }
                aggregate: { events: count }
                sinks: [ { table: t }, { search: counts } ]
            """))
        for s in [10.0, 50, 75] { try JobFixture.click(estate, user: "u", at: s) }
        estate.advance(by: .seconds(1))
        try JobFixture.click(estate, user: "late-but-allowed", at: 55)
        estate.advance(by: .seconds(1))
        #expect(app.lateRecordCounts["out"] == 0)
        #expect(JobFixture.rows(estate, "t").map { $0.row("window_start", "events") } == [
            "window_start=\(JobFixture.minute(0)) events=2",
            "window_start=\(JobFixture.minute(0)) events=3",
        ])
        let response = try estate.search.search(index: "counts", body: [:]).get()
        #expect(response["hits"]?["total"]?["value"] == 1)
        #expect(response["hits"]?["hits"]?.arrayValue?.first?["_source"]?["events"] == 3)
        // Past W ≥ end − 1 + lateness the window is gone: a record for it is late.
        try JobFixture.click(estate, user: "u", at: 200)
        estate.advance(by: .seconds(1))
        try JobFixture.click(estate, user: "too-late", at: 30)
        estate.advance(by: .seconds(1))
        #expect(app.lateRecordCounts["out"] == 1)
    }

    @Test func processingTimeWindowsUseTheClock() throws {
        let estate = try JobFixture.estate()
        try JobFixture.start(estate, JobFixture.yaml(source: "  time: processing", output: """
                window: { tumbling: 10s }
                aggregate: { events: count }
                sinks: [ { table: t } ]
            """))
        // The job is RUNNING at 35s and polls each second; event times in the records are ignored.
        try JobFixture.click(estate, user: "a", at: 9999)
        try JobFixture.click(estate, user: "b", at: 0)
        estate.advance(by: .seconds(10))
        #expect(JobFixture.rows(estate, "t").map { $0.row("window_start", "window_end", "events") } == [
            "window_start=\(JobFixture.at(30)) window_end=\(JobFixture.at(40)) events=2",
        ])
    }
}
