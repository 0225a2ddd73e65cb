import Estate
import Foundation

/// One virtual hour of N instances sampled every 60 virtual seconds (issue 2's benchmark).
///
/// The baseline is the same number of samples drawn by a bare loop over the same generator and
/// math, without the estate: the ratio shows what the simulation's bookkeeping costs on top.
enum EC2Benchmark {
    struct Result {
        let instances: Int
        let samples: Int
        let launchSeconds: Double
        let hourSeconds: Double
        let baselineSeconds: Double
        let peakRSSMiB: Double?
        let runs: Int
    }

    static func run(instances: Int, runs: Int) -> Result {
        var launch: [Double] = []
        let hour = BenchSupport.median(runs: runs) {
            let estate = Estate(name: "bench", seed: 1, eventHistory: 1000)
            let clock = ContinuousClock()
            let t0 = clock.now
            let perZone = (instances + DefaultVPC.zones.count - 1) / DefaultVPC.zones.count
            var left = instances
            for zone in DefaultVPC.zones where left > 0 {
                let n = min(perZone, left)
                _ = try! estate.ec2.runInstances(RunInstancesInput(instanceType: "c5.large", count: n, availabilityZone: zone))
                left -= n
            }
            let d = clock.now - t0
            launch.append(Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18)
            estate.advance(by: .hours(1))
            precondition(estate.ec2.summary.running == instances)
        }
        let samples = instances * 60
        let baseline = BenchSupport.median(runs: runs) {
            var random = SeededRandom(seed: 1)
            var sink = 0.0
            var ring = [Float](repeating: 0, count: 60)
            for i in 0..<samples {
                let cpu = min(100, max(0, 30 + random.normal() * 2.5))
                ring[i % 60] = Float(cpu)
                sink += cpu * random.double(in: 0.8..<1.2) * random.double(in: 0.3..<0.9)
            }
            precondition(sink > 0 && ring[0] >= 0)
        }
        launch.sort()
        return Result(instances: instances, samples: samples, launchSeconds: launch[launch.count / 2], hourSeconds: hour,
                      baselineSeconds: baseline, peakRSSMiB: BenchSupport.peakRSSMiB(), runs: runs)
    }

    static func report(_ r: Result) -> BenchReport {
        let text = """
        ec2: \(r.instances) instances, 1 virtual hour, metrics every 60 s (\(r.samples) samples), median of \(r.runs) runs
          launch + one hour     \(BenchSupport.format(r.hourSeconds))   (goal < 1 s)
            of which launch     \(BenchSupport.format(r.launchSeconds))
          baseline (bare loop)  \(BenchSupport.format(r.baselineSeconds))   ratio \(String(format: "%.1f", r.hourSeconds / r.baselineSeconds))×
          peak RSS              \(r.peakRSSMiB.map { String(format: "%.1f MiB", $0) } ?? "n/a")
        """
        // Issue 2: 10,000 instances for a virtual hour in under a second.
        let row = BenchRow("ec2: \(BenchUnit.grouped(Double(r.instances))) instances, launch + 1 virtual hour", r.hourSeconds, .seconds(per: nil),
                           baseline: (r.baselineSeconds, "bare sampling loop"), goal: .atMost(1, source: "#2"))
        return BenchReport(text: text, rows: [row])
    }
}
