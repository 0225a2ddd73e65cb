import DequeModule

/// A job's per-second samples, one per poll, kept for the last minute so a view can draw rates
/// and sparklines without reading the runtime's internals.
struct JobMetrics {
    static let history = 60

    struct Series {
        private(set) var samples = Deque<Double>()
        mutating func append(_ v: Double) {
            samples.append(v)
            if samples.count > JobMetrics.history { samples.removeFirst() }
        }
        var mean: Double { samples.isEmpty ? 0 : samples.reduce(0, +) / Double(samples.count) }
    }

    var sourceRecords = Series()
    var sourceBackpressured = Series()
    /// Per output: records entering and leaving the output's operators.
    var outputIn: [Series]
    var outputOut: [Series]
    var outputBusy: [Series]

    init(outputs: Int) {
        outputIn = Array(repeating: Series(), count: outputs)
        outputOut = Array(repeating: Series(), count: outputs)
        outputBusy = Array(repeating: Series(), count: outputs)
    }
}

/// Counts of the poll in progress, turned into samples at its end.
struct PollCounts {
    var sourceRecords = 0
    var backpressured = false
    var outputIn: [Int]
    var outputOut: [Int]

    init(outputs: Int) {
        outputIn = Array(repeating: 0, count: outputs)
        outputOut = Array(repeating: 0, count: outputs)
    }
}
