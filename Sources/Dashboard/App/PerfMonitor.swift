#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The figures behind `:perf`: frame times split into render, diff and write, frames per second,
/// the process's CPU, and how much of its speed the simulation keeps up with.
///
/// The loop measures a frame only while the overlay is shown, so hidden it costs one branch per
/// frame. Samples go into a fixed ring; the figures on screen are recomputed once a wall second,
/// so the overlay itself redraws once a second, not every frame.
public final class PerfMonitor {
    public var isShown = false {
        didSet { if isShown != oldValue { reset() } }
    }
    /// The figures as last computed; what the overlay draws.
    public private(set) var figures = PerfFigures()

    struct Sample { var render: Int64, diff: Int64, write: Int64 }
    static let capacity = 256
    private var samples: [Sample] = []
    private var next = 0
    private var framesInWindow = 0
    private var windowStart: Int64?
    private var cpuAtWindowStart: Int64 = 0
    private var expectedVirtual = 0.0
    private var advancedVirtual = 0.0
    private var droppedInWindow: Int64 = 0

    public init() {}

    private func reset() {
        samples.removeAll(keepingCapacity: true)
        next = 0
        framesInWindow = 0
        windowStart = nil
        expectedVirtual = 0
        advancedVirtual = 0
        droppedInWindow = 0
        figures = PerfFigures()
    }

    /// One frame's parts, in nanoseconds.
    public func record(renderNanos: Int64, diffNanos: Int64, writeNanos: Int64) {
        let s = Sample(render: renderNanos, diff: diffNanos, write: writeNanos)
        if samples.count < Self.capacity { samples.append(s) } else { samples[next] = s }
        next = (next + 1) % Self.capacity
        framesInWindow += 1
    }

    /// One step of the clock: virtual milliseconds the speed asked for and those simulated.
    public func recordStep(expectedMilliseconds: Double, advancedMilliseconds: Double, droppedMilliseconds: Int64) {
        expectedVirtual += expectedMilliseconds
        advancedVirtual += advancedMilliseconds
        droppedInWindow += droppedMilliseconds
    }

    /// Recomputes the figures when a wall second has passed since the last time; returns whether
    /// they changed (the overlay then needs a frame). `nowNanos` is a monotonic wall clock.
    public func tick(nowNanos: Int64, speed: Double, isPaused: Bool) -> Bool {
        guard let start = windowStart else {
            windowStart = nowNanos
            cpuAtWindowStart = Self.processCPUNanos()
            return false
        }
        let elapsed = nowNanos - start
        guard elapsed >= 1_000_000_000 else { return false }
        let cpu = Self.processCPUNanos()
        var f = PerfFigures()
        f.framesPerSecond = Double(framesInWindow) * 1e9 / Double(elapsed)
        f.render = Self.percentiles(samples.map(\.render))
        f.diff = Self.percentiles(samples.map(\.diff))
        f.write = Self.percentiles(samples.map(\.write))
        f.frame = Self.percentiles(samples.map { $0.render + $0.diff + $0.write })
        f.cpuPercent = Double(cpu - cpuAtWindowStart) * 100 / Double(elapsed)
        f.speed = speed
        f.isPaused = isPaused
        f.keptUp = expectedVirtual > 0 ? min(1, advancedVirtual / expectedVirtual) : 1
        f.droppedMilliseconds = droppedInWindow
        f.measured = true
        let changed = f != figures
        figures = f
        windowStart = nowNanos
        cpuAtWindowStart = cpu
        framesInWindow = 0
        expectedVirtual = 0
        advancedVirtual = 0
        droppedInWindow = 0
        return changed
    }

    /// p50 and p99 of the samples, nearest rank.
    static func percentiles(_ values: [Int64]) -> PerfFigures.Spread {
        guard !values.isEmpty else { return PerfFigures.Spread() }
        let sorted = values.sorted()
        func rank(_ p: Double) -> Int64 { sorted[min(sorted.count - 1, max(0, Int((p * Double(sorted.count)).rounded(.up)) - 1))] }
        return PerfFigures.Spread(p50: rank(0.5), p99: rank(0.99))
    }

    /// User and system CPU time of this process so far.
    static func processCPUNanos() -> Int64 {
        var usage = rusage()
        #if canImport(Glibc)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        let user = Int64(usage.ru_utime.tv_sec) * 1_000_000_000 + Int64(usage.ru_utime.tv_usec) * 1000
        let system = Int64(usage.ru_stime.tv_sec) * 1_000_000_000 + Int64(usage.ru_stime.tv_usec) * 1000
        return user + system
    }
}

/// What the overlay shows, as of the last wall second.
public struct PerfFigures: Equatable, Sendable {
    public struct Spread: Equatable, Sendable {
        public var p50: Int64 = 0
        public var p99: Int64 = 0
    }
    /// False until a whole second was measured.
    public var measured = false
    public var framesPerSecond = 0.0
    public var frame = Spread(), render = Spread(), diff = Spread(), write = Spread()
    public var cpuPercent = 0.0
    public var speed = 1.0
    public var isPaused = false
    /// The share of the virtual time asked for that was simulated (1: keeping up).
    public var keptUp = 1.0
    public var droppedMilliseconds: Int64 = 0
}
