/// The result of one window firing, as sinks and the Jobs view receive it.
public struct WindowResult: Sendable, Equatable {
    public let output: String
    public let key: String
    public let start: SimInstant
    public let end: SimInstant
    /// Key fields, `window_start`, `window_end`, then the aggregates.
    public let value: JSONValue
    /// Same key and window → same id, so a late re-firing replaces the earlier result downstream.
    public var id: String { "\(output)|\(key)|\(start.milliseconds)" }
}

/// One key's open windows (panes) on one subtask.
struct KeyedPanes: Sendable, Equatable {
    var keyValues: [JSONValue]
    var panes: [Pane]
}

struct Pane: Sendable, Equatable {
    var start: Int64
    var end: Int64
    var accumulators: [Accumulator]
    var fired = false
}

/// Keyed window state of one output on one subtask, and the rules that drive it (REFERENCE §6):
/// a window `[s, e)` fires when the watermark reaches `e − 1`; it keeps its state for the allowed
/// lateness, re-firing for each late record, and is purged once the watermark passes
/// `e − 1 + lateness`. A record whose windows are all purged is late: counted and dropped or
/// side-output.
struct WindowOperatorState: Sendable, Equatable {
    var keys: [String: KeyedPanes] = [:]
    /// No pane fires or is purged before the watermark reaches this (nil: not known, look).
    /// Most polls move the watermark a second and fire nothing; this lets them skip every key.
    var nextDue: Int64?

    /// Two states are the same when they hold the same windows; the bound is only a shortcut.
    static func == (a: WindowOperatorState, b: WindowOperatorState) -> Bool { a.keys == b.keys }

    var approximateBytes: Int {
        keys.reduce(0) { total, entry in
            total + entry.key.utf8.count + entry.value.panes.reduce(0) { $0 + 24 + $1.accumulators.reduce(0) { $0 + $1.approximateBytes } }
        }
    }
}

/// The stateless rules of one windowed output: assignment, firing and rendering results.
struct WindowOperator {
    let spec: OutputSpec
    let window: WindowSpec
    let lateness: Int64

    init?(_ spec: OutputSpec, lateness: SimDuration) {
        guard let window = spec.window else { return nil }
        self.spec = spec
        self.window = window
        self.lateness = lateness.milliseconds
    }

    /// The windows a timestamp belongs to (before session merging).
    func assign(_ ts: Int64) -> [(Int64, Int64)] {
        func floorMod(_ a: Int64, _ b: Int64) -> Int64 { ((a % b) + b) % b }
        switch window {
        case let .tumbling(size):
            let start = ts - floorMod(ts, size.milliseconds)
            return [(start, start + size.milliseconds)]
        case let .sliding(size, slide):
            var out: [(Int64, Int64)] = []
            var start = ts - floorMod(ts, slide.milliseconds)
            while start > ts - size.milliseconds {
                out.append((start, start + size.milliseconds))
                start -= slide.milliseconds
            }
            return out.reversed()
        case let .session(gap):
            return [(ts, ts + gap.milliseconds)]
        }
    }

    func isLate(end: Int64, watermark: Int64) -> Bool { end - 1 + lateness <= watermark }

    /// The watermark at which a pane next needs attention: its firing, else its purge.
    func due(_ pane: Pane) -> Int64 { pane.fired ? pane.end - 1 + lateness : pane.end - 1 }

    /// Adds one record; returns the re-firings it causes (late data within the allowed lateness),
    /// or nil when the record is late for every window it belongs to.
    func add(_ record: JSONValue, key: String, keyValues: [JSONValue], timestamp ts: Int64, watermark: Int64,
             into state: inout WindowOperatorState) -> [WindowResult]? {
        let windows = assign(ts).filter { !isLate(end: $0.1, watermark: watermark) }
        guard !windows.isEmpty else { return nil }
        // Taken out while it changes, so its panes and accumulators are changed in place rather
        // than copied (the dictionary would otherwise still share them).
        var entry = state.keys.removeValue(forKey: key) ?? KeyedPanes(keyValues: keyValues, panes: [])
        var refired: [Int] = []
        for (start, end) in windows {
            if case .session = window {
                var merged = Pane(start: start, end: end, accumulators: Array(repeating: Accumulator(), count: spec.aggregates.count))
                entry.panes.removeAll { pane in
                    guard pane.start < merged.end, merged.start < pane.end else { return false }
                    merged.start = min(merged.start, pane.start)
                    merged.end = max(merged.end, pane.end)
                    for i in merged.accumulators.indices { merged.accumulators[i].merge(pane.accumulators[i]) }
                    merged.fired = merged.fired || pane.fired
                    return true
                }
                add(record, to: &merged)
                // A merged session that grew past the watermark is open again.
                if merged.fired, merged.end - 1 > watermark { merged.fired = false }
                entry.panes.append(merged)
                if merged.fired { refired.append(entry.panes.count - 1) }
            } else if let i = entry.panes.firstIndex(where: { $0.start == start && $0.end == end }) {
                add(record, to: &entry.panes[i])
                if entry.panes[i].fired { refired.append(i) }
            } else {
                var pane = Pane(start: start, end: end, accumulators: Array(repeating: Accumulator(), count: spec.aggregates.count))
                add(record, to: &pane)
                entry.panes.append(pane)
            }
        }
        if let due = state.nextDue {
            state.nextDue = entry.panes.reduce(due) { min($0, self.due($1)) }
        }
        state.keys[key] = entry
        return refired.map { result(key: key, keyValues: entry.keyValues, pane: entry.panes[$0]) }
    }

    private func add(_ record: JSONValue, to pane: inout Pane) {
        for (i, aggregate) in spec.aggregates.enumerated() { pane.accumulators[i].add(record, aggregate.kind) }
    }

    /// Fires every window the watermark has reached and purges those past their lateness;
    /// results in (end, start, key) order so every run emits them identically.
    func advance(to watermark: Int64, state: inout WindowOperatorState) -> [WindowResult] {
        var out: [WindowResult] = []
        if let next = state.nextDue, watermark < next { return out }
        // Look before touching: copying every key's panes on every poll would dominate the cost.
        let dueKeys = state.keys.compactMap { key, entry in
            entry.panes.contains { (!$0.fired && $0.end - 1 <= watermark) || isLate(end: $0.end, watermark: watermark) } ? key : nil
        }
        for key in dueKeys {
            guard var entry = state.keys.removeValue(forKey: key) else { continue }
            for i in entry.panes.indices where !entry.panes[i].fired && entry.panes[i].end - 1 <= watermark {
                entry.panes[i].fired = true
                out.append(result(key: key, keyValues: entry.keyValues, pane: entry.panes[i]))
            }
            entry.panes.removeAll { isLate(end: $0.end, watermark: watermark) }
            if !entry.panes.isEmpty { state.keys[key] = entry }
        }
        var next = Int64.max
        for entry in state.keys.values { for pane in entry.panes { next = min(next, self.due(pane)) } }
        state.nextDue = next
        return out.sorted { ($0.end, $0.start, $0.key) < ($1.end, $1.start, $1.key) }
    }

    func result(key: String, keyValues: [JSONValue], pane: Pane) -> WindowResult {
        var pairs: [(String, JSONValue)] = []
        for (i, field) in spec.keyBy.enumerated() { pairs.append((field.name, keyValues[i])) }
        pairs.append(("window_start", .string(SimCalendar.iso8601(SimInstant(milliseconds: pane.start)))))
        pairs.append(("window_end", .string(SimCalendar.iso8601(SimInstant(milliseconds: pane.end)))))
        for (i, aggregate) in spec.aggregates.enumerated() { pairs.append((aggregate.name, pane.accumulators[i].result(aggregate.kind))) }
        return WindowResult(output: spec.name, key: key, start: SimInstant(milliseconds: pane.start), end: SimInstant(milliseconds: pane.end), value: .object(pairs))
    }
}
