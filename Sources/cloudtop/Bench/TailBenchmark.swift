import Dashboard
import Estate
import Terminal

/// Frame time of the live tail while a stream takes 5,000 records/s (issue 4's benchmark).
///
/// Each frame covers 100 virtual ms (ten frames a second), so it pulls about 500 new records and
/// redraws the tail. The baseline is the same tail over an idle stream: the difference is the cost
/// of taking in the records.
enum TailBenchmark {
    static func run(recordsPerSecond: Int, frames: Int = 100, runs: Int) -> BenchReport {
        func frameTime(rate: Int) -> (seconds: Double, received: UInt64, skipped: UInt64) {
            let estate = Estate(name: "bench", seed: 1)
            let runner = CommandRunner(estate: estate)
            _ = runner.run("kinesis create-stream --stream-name flood --shard-count 8")
            estate.advance(by: .minutes(1))
            if rate > 0 { _ = runner.run("sim producer start firehose --stream flood --rate \(rate) --keys 1000") }
            let dashboard = Dashboard(estate: estate)
            dashboard.handle(.key(.character("3")))
            dashboard.handle(.key(.character("t")))
            var buffer = Buffer(width: 120, height: 40)
            let median = BenchSupport.median(runs: runs) {
                for _ in 0..<frames {
                    estate.advance(by: .milliseconds(100))
                    dashboard.refresh()
                    dashboard.arrange(for: buffer.size)
                    dashboard.render(into: &buffer)
                }
            }
            let tail = dashboard.focused(StreamsView.self)?.tail
            return (median / Double(frames), tail?.received ?? 0, tail?.skipped ?? 0)
        }
        let loaded = frameTime(rate: recordsPerSecond)
        let idle = frameTime(rate: 0)
        let text = """
        tail: live tail at 120×40, \(recordsPerSecond) records/s, a frame per 100 virtual ms, median of \(runs) runs
          loaded   \(BenchSupport.format(loaded.seconds)) per frame (includes advancing the simulation 100 ms)
          idle     \(BenchSupport.format(idle.seconds)) per frame   ratio \(String(format: "%.1f", loaded.seconds / max(idle.seconds, 1e-9)))×
          records shown \(loaded.received), skipped \(loaded.skipped)
        """
        return BenchReport(text: text, rows: [
            BenchRow("tail: live tail 120×40 at \(BenchUnit.grouped(Double(recordsPerSecond))) records/s", loaded.seconds, .seconds(per: "frame"),
                     baseline: (idle.seconds, "idle stream")),
        ])
    }
}
