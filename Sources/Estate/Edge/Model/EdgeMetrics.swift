import Collections
import Histogram

/// A distribution's counters for the dashboard: requests per second, cache hit ratio, status mix.
public struct DistributionMetrics: Sendable {
    public private(set) var requests = 0
    public private(set) var hits = 0
    public private(set) var misses = 0
    /// Responses by class: index 2 for 2xx … 5 for 5xx.
    public private(set) var statusClasses = [0, 0, 0, 0, 0, 0]
    /// Requests in each of the last seconds of virtual time, oldest first.
    public private(set) var requestsPerSecond: Deque<Int> = []
    var currentSecond = 0
    public static let secondsKept = 120

    mutating func record(status: Int, cacheHit: Bool) {
        requests += 1
        currentSecond += 1
        if cacheHit { hits += 1 } else { misses += 1 }
        statusClasses[min(5, max(0, status / 100))] += 1
    }

    /// Closes one second of virtual time.
    mutating func sample() {
        requestsPerSecond.append(currentSecond)
        currentSecond = 0
        if requestsPerSecond.count > Self.secondsKept { requestsPerSecond.removeFirst() }
    }

    /// Hits over requests that could have been served from cache.
    public var cacheHitRatio: Double { hits + misses == 0 ? 0 : Double(hits) / Double(hits + misses) }

    /// The status mix as the dashboard and dump show it.
    public var statusMix: [(String, Int)] { (2...5).map { ("\($0)xx", statusClasses[$0]) } }

    public var latestRequestsPerSecond: Int { requestsPerSecond.last ?? 0 }

    var json: JSONValue {
        .object([
            ("Requests", .int(Int64(requests))), ("CacheHits", .int(Int64(hits))), ("CacheMisses", .int(Int64(misses))),
            ("CacheHitRatio", .double((cacheHitRatio * 10_000).rounded() / 10_000)),
            ("RequestsPerSecond", .int(Int64(latestRequestsPerSecond))),
            ("StatusMix", .object(statusMix.map { ($0.0, .int(Int64($0.1))) })),
        ])
    }
}

/// One function's counters at one trigger: invocations, errors, throttles and simulated duration.
public struct FunctionMetrics: Sendable {
    public private(set) var invocations = 0
    public private(set) var errors = 0
    public private(set) var throttles = 0
    public private(set) var coldStarts = 0
    /// Invocations in each of the last seconds of virtual time, oldest first.
    public private(set) var invocationsPerSecond: Deque<Int> = []
    var currentSecond = 0
    /// Simulated duration in microseconds, up to a minute.
    private var durations = Histogram<UInt64>(lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .two)

    mutating func record(durationMicroseconds: UInt64, failed: Bool, coldStart: Bool) {
        invocations += 1
        currentSecond += 1
        if failed { errors += 1 }
        if coldStart { coldStarts += 1 }
        _ = durations.record(min(60_000_000, max(1, durationMicroseconds)))
    }

    mutating func recordThrottle() { throttles += 1 }

    /// Closes one second of virtual time.
    mutating func sample() {
        invocationsPerSecond.append(currentSecond)
        currentSecond = 0
        if invocationsPerSecond.count > DistributionMetrics.secondsKept { invocationsPerSecond.removeFirst() }
    }

    public var latestInvocationsPerSecond: Int { invocationsPerSecond.last ?? 0 }

    public var durationP50Milliseconds: Double { invocations == 0 ? 0 : Double(durations.valueAtPercentile(50)) / 1000 }
    public var durationP99Milliseconds: Double { invocations == 0 ? 0 : Double(durations.valueAtPercentile(99)) / 1000 }

    var json: JSONValue {
        .object([
            ("Invocations", .int(Int64(invocations))), ("Errors", .int(Int64(errors))), ("Throttles", .int(Int64(throttles))),
            ("ColdStarts", .int(Int64(coldStarts))),
            ("DurationP50Milliseconds", .double((durationP50Milliseconds * 1000).rounded() / 1000)),
            ("DurationP99Milliseconds", .double((durationP99Milliseconds * 1000).rounded() / 1000)),
        ])
    }
}
