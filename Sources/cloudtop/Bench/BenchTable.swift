import Foundation

/// What a benchmark suite measured: its own detailed text (`cloudtop bench NAME`) and the rows
/// it adds to the one table (`cloudtop bench`), built from the same numbers, not from the text.
struct BenchReport {
    var text: String
    var rows: [BenchRow]
}

/// One row of the table: a median figure, the baseline measured in the same run, and the goal the
/// issue set for it, if any.
struct BenchRow {
    var name: String
    var value: Double
    var unit: BenchUnit
    /// The baseline's figure in the same unit and what it is.
    var baseline: (value: Double, label: String)?
    var goal: BenchGoal?
    /// Why there is no baseline, when one was meant to be measured (its tool is missing).
    var baselineSkipped: String?
    /// Why the row was not measured (a tool is missing), instead of a figure.
    var skipped: String?

    init(_ name: String, _ value: Double, _ unit: BenchUnit, baseline: (Double, String)? = nil, goal: BenchGoal? = nil) {
        self.name = name
        self.value = value
        self.unit = unit
        self.baseline = baseline.map { (value: $0.0, label: $0.1) }
        self.goal = goal
    }

    static func skipped(_ name: String, _ reason: String, goal: BenchGoal? = nil, unit: BenchUnit = .count("")) -> BenchRow {
        var row = BenchRow(name, .nan, unit, goal: goal)
        row.skipped = reason
        return row
    }

    /// Result over baseline; nil without a baseline (or one of zero).
    var ratio: Double? {
        guard skipped == nil, let baseline, baseline.value > 0 else { return nil }
        return value / baseline.value
    }

    /// Whether the goal holds; nil when there is no goal or no figure to judge.
    var meetsGoal: Bool? {
        guard skipped == nil, let goal, value.isFinite else { return nil }
        switch goal {
        case let .atMost(limit, _): return value <= limit
        case let .atLeast(floor, _): return value >= floor
        case let .ratioAtMost(limit, _): return ratio.map { $0 <= limit }
        case let .ratioAtLeast(floor, _): return ratio.map { $0 >= floor }
        }
    }

    var verdict: String {
        if skipped != nil { return "skipped" }
        switch meetsGoal {
        case true?: return "pass"
        case false?: return "falls short"
        case nil: return goal == nil ? "—" : "n/a"
        }
    }
}

/// How a figure is written.
enum BenchUnit {
    /// Seconds, written in µs, ms or s; `per` names what one is spent on ("frame").
    case seconds(per: String?)
    /// A rate: so many `what` a second.
    case rate(String)
    /// Per cent of one core.
    case cpuPercent
    /// Megabytes (10^6 bytes, as the issues' goals are written).
    case megabytes
    /// Bytes per something ("record").
    case bytesPer(String)
    case count(String)

    func format(_ x: Double) -> String {
        guard x.isFinite else { return "—" }
        switch self {
        case let .seconds(per): return BenchSupport.format(x) + (per.map { "/" + $0 } ?? "")
        case let .rate(what): return Self.grouped(x) + " \(what)/s"
        case .cpuPercent: return String(format: "%.2f %%", x)
        case .megabytes: return String(format: "%.0f MB", x)
        case let .bytesPer(what): return String(format: "%.1f B/%@", x, what)
        case let .count(what): return Self.grouped(x) + (what.isEmpty ? "" : " " + what)
        }
    }

    /// 1234567 as "1,234,567"; small values keep a decimal.
    static func grouped(_ x: Double) -> String {
        if abs(x) < 100 { return String(format: "%.1f", x) }
        let digits = String(Int(x.rounded()))
        var out = ""
        for (i, ch) in digits.reversed().enumerated() {
            if i > 0, i % 3 == 0, ch != "-" { out.append(",") }
            out.append(ch)
        }
        return String(out.reversed())
    }
}

/// A goal as the issue states it: on the figure itself, or on its ratio to the baseline. `source`
/// names the issue.
enum BenchGoal {
    case atMost(Double, source: String)
    case atLeast(Double, source: String)
    case ratioAtMost(Double, source: String)
    case ratioAtLeast(Double, source: String)

    func text(_ unit: BenchUnit) -> String {
        switch self {
        case let .atMost(x, source): return "≤ \(unit.format(x)) (\(source))"
        case let .atLeast(x, source): return "≥ \(unit.format(x)) (\(source))"
        case let .ratioAtMost(x, source): return String(format: "≤ %.2f× (%@)", x, source)
        case let .ratioAtLeast(x, source): return String(format: "≥ %.0f× (%@)", x, source)
        }
    }
}

/// The one table: a row per figure, columns aligned, skipped rows saying why.
enum BenchTable {
    static let columns = ["benchmark", "result", "baseline (same run)", "ratio", "goal", "verdict"]

    static func render(_ rows: [BenchRow]) -> String {
        let cells: [[String]] = rows.map { row in
            if let reason = row.skipped {
                return [row.name, "skipped: \(reason)", "", "", row.goal.map { $0.text(row.unit) } ?? "", row.verdict]
            }
            return [
                row.name,
                row.unit.format(row.value),
                row.baseline.map { "\(row.unit.format($0.value)) \($0.label)" } ?? row.baselineSkipped.map { "skipped: \($0)" } ?? "—",
                row.ratio.map { String(format: "%.2f×", $0) } ?? "—",
                row.goal.map { $0.text(row.unit) } ?? "—",
                row.verdict,
            ]
        }
        var widths = columns.map(\.count)
        for line in cells { for (i, cell) in line.enumerated() { widths[i] = max(widths[i], cell.count) } }
        func line(_ cells: [String]) -> String {
            zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces)
        }
        let passed = rows.filter { $0.meetsGoal == true }.count, short = rows.filter { $0.meetsGoal == false }.count
        let skipped = rows.filter { $0.skipped != nil }.count
        return ([line(columns), line(widths.map { String(repeating: "-", count: $0) })] + cells.map(line)
            + ["", "\(rows.count) rows: \(passed) pass, \(short) fall short, \(skipped) skipped; figures are medians, each baseline from this run"])
            .joined(separator: "\n")
    }
}
