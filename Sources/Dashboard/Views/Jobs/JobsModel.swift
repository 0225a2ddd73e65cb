import Estate
import Terminal

/// One application as the Jobs table shows it, taken from the estate when the view refreshes.
public struct JobSummary: Sendable, Equatable {
    public var name: String
    public var status: String
    public var parallelism: Int
    public var recordsInPerSecond: Double
    public var recordsOutPerSecond: Double
    public var checkpoint: CheckpointInfo?
    public var restarts: Int
    public var millisBehindLatest: Int64
    /// The search indices its sinks write, in the job file's order.
    public var searchIndices: [String]
}

/// Documents over time and the newest hits of one index: what the Kibana-style panel draws.
public struct SearchPanelModel: Sendable, Equatable {
    public var index: String
    public var documentCount: Int
    /// Documents indexed per minute, oldest first, the last one the current minute.
    public var perMinute: [Int]
    /// The first bucket's start.
    public var firstMinute: SimInstant
    public var newest: [SearchHit]
    /// Which of the job's indices this is, and how many there are (for the title).
    public var position: Int
    public var of: Int
}

/// The selected job as the graph, the window pane and the search panel show it.
public struct JobDetailModel: Sendable, Equatable {
    public var name: String
    public var vertices: [OperatorVertexInfo]
    public var windowResults: [WindowResult]
    public var search: SearchPanelModel?
}

extension JobSummary {
    init(_ app: JobApplication, now: SimInstant) {
        name = app.name
        status = app.status.rawValue
        parallelism = app.currentParallelism
        recordsInPerSecond = app.recordsInPerSecond
        recordsOutPerSecond = app.recordsOutPerSecond
        checkpoint = app.lastCheckpoint(now: now)
        restarts = app.restarts
        millisBehindLatest = app.millisBehindLatest
        searchIndices = Self.searchIndices(app.definition)
    }

    static func searchIndices(_ definition: JobDefinition) -> [String] {
        var out: [String] = []
        for output in definition.outputs {
            for case let .search(index, _) in output.sinks where !out.contains(index) { out.append(index) }
        }
        return out
    }
}

extension JobDetailModel {
    /// Minutes of history the search panel's histogram covers at most.
    static let histogramMinutes = 120
    static let newestHits = 20

    /// Reads the job's graph and recent window results; the view adds the search panel, which
    /// it re-reads only when the index changed.
    init?(_ app: JobApplication?, now: SimInstant) {
        guard let app else { return nil }
        name = app.name
        vertices = app.operatorGraph(now: now)
        windowResults = app.recentWindowOutputs
        search = nil
    }

    /// The panel for one of `indices` (`choice` wraps around): the last two hours per minute,
    /// and the newest documents.
    static func searchPanel(_ indices: [String], choice: Int, search: SearchService, now: SimInstant) -> SearchPanelModel? {
        guard !indices.isEmpty else { return nil }
        let position = ((choice % indices.count) + indices.count) % indices.count
        let name = indices[position]
        let minute = now.milliseconds - now.milliseconds % 60_000
        let first = minute - Int64(histogramMinutes - 1) * 60_000
        var counts = Array(repeating: 0, count: histogramMinutes)
        var docs = 0
        if let info = search.index(named: name) {
            docs = info.documentCount
            for bucket in search.ingestionHistogram(index: name, interval: .minutes(1), since: SimInstant(milliseconds: first)) {
                let slot = Int((bucket.start.milliseconds - first) / 60_000)
                if counts.indices.contains(slot) { counts[slot] += bucket.count }
            }
        }
        // Minutes before the index existed are not zeros, they are nothing: start at its first.
        let used = counts.firstIndex { $0 > 0 } ?? counts.count - 1
        return SearchPanelModel(index: name, documentCount: docs, perMinute: Array(counts[used...]),
                                firstMinute: SimInstant(milliseconds: first + Int64(used) * 60_000),
                                newest: search.index(named: name) == nil ? [] : search.newestHits(index: name, count: newestHits),
                                position: position, of: indices.count)
    }
}

/// Backpressure as Flink's web UI grades it: OK up to 10 %, LOW up to 50 %, HIGH above.
enum BackpressureLevel: String {
    case ok = "OK", low = "LOW", high = "HIGH"

    init(_ ratio: Double) {
        self = ratio <= 0.10 ? .ok : ratio <= 0.50 ? .low : .high
    }

    func style(_ theme: Theme) -> Style {
        switch self {
        case .ok: return theme["ok"]
        case .low: return theme["warning"]
        case .high: return theme["error"]
        }
    }
}

/// Numbers the Jobs view writes the same way everywhere.
enum JobsFormat {
    /// `1,234/s`, `12.5/s` under ten.
    /// `200/s`, `8.3/s`; under one a second (a window that fires once a minute), `1.0/min`.
    static func rate(_ r: Double) -> String {
        if r > 0 && r < 0.95 { return Format.printf("%.1f/min", r * 60) }
        return r > 0 && r < 10 && r != r.rounded() ? Format.printf("%.1f/s", r) : Format.count(Int(r.rounded())) + "/s"
    }

    /// `850 ms`, `5.2 s`, `3m10s`.
    static func millis(_ ms: Int64) -> String {
        if ms < 1000 { return "\(max(0, ms)) ms" }
        if ms < 60_000 { return String(format: "%.1f s", Double(ms) / 1000) }
        return "\(ms / 60_000)m\(String(format: "%02d", (ms % 60_000) / 1000))s"
    }

    /// `12:03:00`: the time of day of a virtual instant.
    static func time(_ t: SimInstant) -> String {
        String(SimCalendar.iso8601(t).dropFirst(11).prefix(8))
    }

    /// `12:03`.
    static func minute(_ t: SimInstant) -> String {
        String(SimCalendar.iso8601(t).dropFirst(11).prefix(5))
    }
}
