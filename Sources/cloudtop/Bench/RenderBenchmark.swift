import Dashboard
import Estate
import Terminal

/// Frame time of the EC2 view over 10,000 instances (issue 3's benchmark).
///
/// A frame is what the loop does: render the whole screen into a buffer and diff it against the
/// previous one. The baseline is the same view over 100 instances (enough to fill the screen): a ratio near 1 shows the table
/// is virtualised. Rebuilding the sorted list (after the estate changed) is reported separately.
enum RenderBenchmark {
    static func run(instances: Int, frames: Int, runs: Int) -> String {
        func dashboard(_ count: Int) -> Dashboard {
            let estate = Estate(name: "bench", seed: 1)
            var left = count
            for zone in DefaultVPC.zones where left > 0 {
                let n = min(left, 4000)
                _ = try! estate.ec2.runInstances(RunInstancesInput(instanceType: "c5.large", count: n, availabilityZone: zone))
                left -= n
            }
            estate.advance(by: .minutes(30))
            let d = Dashboard(estate: estate)
            d.handle(.key(.character("2")))
            return d
        }
        func frameTime(_ d: Dashboard, invalidate: Bool) -> Double {
            var previous = Buffer(width: 120, height: 40)
            let median = BenchSupport.median(runs: runs) {
                for i in 0..<frames {
                    // Move the selection so every frame differs, as when a user scrolls.
                    d.handle(.key(i % 2 == 0 ? .down : .up))
                    if invalidate { d.estate.advance(by: .seconds(60)) }
                    var buffer = Buffer(width: 120, height: 40)
                    d.render(into: &buffer)
                    precondition(!buffer.diff(from: previous).isEmpty || i == 0)
                    previous = buffer
                }
            }
            return median / Double(frames)
        }
        let big = dashboard(instances), small = dashboard(100)
        let bigFrame = frameTime(big, invalidate: false)
        let smallFrame = frameTime(small, invalidate: false)
        let rebuild = frameTime(big, invalidate: true)
        return """
        render: EC2 view at 120×40, \(frames) frames per run, median of \(runs) runs
          \(instances) instances       \(BenchSupport.format(bigFrame)) per frame   (goal < 2 ms)
          baseline, 100 instances \(BenchSupport.format(smallFrame)) per frame   ratio \(String(format: "%.2f", bigFrame / smallFrame))×
          \(instances) instances, estate changed before every frame (re-sort + render)  \(BenchSupport.format(rebuild))
        """
    }
}
