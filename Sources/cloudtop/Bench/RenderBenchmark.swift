import Dashboard
import Estate
import Terminal

/// Frame time of the EC2 view over many instances (issue 3's benchmark, issue 7's goal).
///
/// A frame is what the loop does: lay out, render the whole screen into a buffer and diff it
/// against the previous one. Two baselines from the same run: a plain fill and diff of a buffer
/// of the same size (the least any frame can cost, so the ratio says how much the view adds), and
/// the same view over 100 instances (a ratio near 1 shows the table is virtualised). Rebuilding
/// the sorted list (after the estate changed) is reported separately.
enum RenderBenchmark {
    static func run(instances: Int, frames: Int, runs: Int) -> BenchReport {
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
        func frameTime(_ d: Dashboard, size: Size, invalidate: Bool) -> Double {
            var previous = Buffer(size: size)
            let median = BenchSupport.median(runs: runs) {
                for i in 0..<frames {
                    // Move the selection so every frame differs, as when a user scrolls.
                    d.handle(.key(i % 2 == 0 ? .down : .up))
                    if invalidate { d.estate.advance(by: .seconds(60)); d.refresh() }
                    var buffer = Buffer(size: size)
                    d.arrange(for: size)
                    d.render(into: &buffer)
                    precondition(!buffer.diff(from: previous).isEmpty || i == 0)
                    previous = buffer
                }
            }
            return median / Double(frames)
        }
        /// The floor: blank a buffer, write a row of text, and diff it against the last one.
        func fillAndDiffTime(size: Size) -> Double {
            var previous = Buffer(size: size)
            var changed = 0
            let median = BenchSupport.median(runs: runs) {
                for i in 0..<frames {
                    var buffer = Buffer(size: size)
                    buffer.fill(buffer.area, with: Cell(" "))
                    buffer.write(i % 2 == 0 ? "even" : "odd", at: Point(x: 0, y: i % size.height))
                    changed &+= buffer.diff(from: previous).count
                    previous = buffer
                }
            }
            precondition(changed > 0)
            return median / Double(frames)
        }
        let big = dashboard(instances), small = dashboard(100)
        var rows: [BenchRow] = []
        var steady = 0.0
        var lines = ["render: EC2 view, \(frames) frames per run, median of \(runs) runs (lay out + render + diff, as the loop does)"]
        for size in [Size(width: 120, height: 40), Size(width: 200, height: 60)] {
            let floor = fillAndDiffTime(size: size)
            let bigFrame = frameTime(big, size: size, invalidate: false)
            let smallFrame = frameTime(small, size: size, invalidate: false)
            let goal = size.width == 120 ? "   (goal < 0.25 ms)" : ""
            // Issue 7: under 0.25 ms a frame at 120×40 with 10,000 instances.
            rows.append(BenchRow("render: EC2 view \(size.width)×\(size.height), \(BenchUnit.grouped(Double(instances))) instances", bigFrame,
                                 .seconds(per: "frame"), baseline: (floor, "buffer fill + diff"),
                                 goal: size.width == 120 ? .atMost(0.25e-3, source: "#7") : nil))
            if size.width == 120 {
                // Issue 7: a frame's cost independent of the number of rows.
                steady = bigFrame
                rows.append(BenchRow("render: 120×40, \(BenchUnit.grouped(Double(instances))) instances against 100", bigFrame, .seconds(per: "frame"),
                                     baseline: (smallFrame, "100 instances")))
            }
            lines += [
                "  \(size.width)×\(size.height): baseline, buffer fill + diff   \(BenchSupport.format(floor)) per frame",
                "    \(instances) instances        \(BenchSupport.format(bigFrame)) per frame   \(ratio(bigFrame, floor))× baseline\(goal)",
                "    100 instances            \(BenchSupport.format(smallFrame)) per frame   \(ratio(smallFrame, floor))× baseline; \(instances) / 100 = \(ratio(bigFrame, smallFrame))×",
            ]
        }
        let rebuild = frameTime(big, size: Size(width: 120, height: 40), invalidate: true)
        lines.append("  120×40, \(instances) instances, estate changed before every frame (re-sort + render)  \(BenchSupport.format(rebuild))")
        rows.append(BenchRow("render: 120×40, estate changed before every frame", rebuild, .seconds(per: "frame"),
                             baseline: (steady, "unchanged estate")))
        return BenchReport(text: lines.joined(separator: "\n"), rows: rows)
    }

    private static func ratio(_ a: Double, _ b: Double) -> String { String(format: "%.2f", a / b) }
}
