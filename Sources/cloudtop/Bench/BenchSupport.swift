import Foundation

/// Timing and memory readings for `cloudtop bench`: medians over runs, peak RSS from the kernel.
///
/// The wall clock is allowed here and only here: benchmarks measure the simulation from outside.
enum BenchSupport {
    /// Runs `body` `runs` times (after one warm-up) and returns the median wall time in seconds.
    static func median(runs: Int, warmup: Bool = true, _ body: () -> Void) -> Double {
        if warmup { body() }
        var times: [Double] = []
        for _ in 0..<max(1, runs) {
            let clock = ContinuousClock()
            let start = clock.now
            body()
            let elapsed = clock.now - start
            times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
        times.sort()
        return times[times.count / 2]
    }

    /// Peak resident set size of this process so far, in MiB (VmHWM).
    static func peakRSSMiB() -> Double? { statusField("VmHWM:") }

    /// Current resident set size, in MiB (VmRSS).
    static func currentRSSMiB() -> Double? { statusField("VmRSS:") }

    private static func statusField(_ name: String) -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(name) {
            let kib = line.split(separator: " ").compactMap { Double($0) }.first
            return kib.map { $0 / 1024 }
        }
        return nil
    }

    static func format(_ seconds: Double) -> String {
        seconds < 1e-3 ? String(format: "%.1f µs", seconds * 1e6)
            : seconds < 1 ? String(format: "%.2f ms", seconds * 1e3) : String(format: "%.3f s", seconds)
    }
}
