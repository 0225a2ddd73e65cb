import Foundation
import Estate
import Terminal

/// The Edge view's upper panels (distributions, functions by trigger), where each panel goes,
/// and the Overview tile.
enum EdgePanels {
    struct Parts {
        var distributions: Rect
        var functions: Rect
        var log: Rect
        var trace: Rect
    }

    /// Distributions and functions take the rows they need (up to a few each), the request log
    /// and the trace share the rest: side by side when the screen is wide, else the trace below.
    static func parts(_ area: Rect, distributions: Int, functions: Int) -> Parts {
        let distributionRows = min(max(1, distributions), 4) + 3
        let functionRows = min(max(1, functions), 8) + 3
        let rows = area.rows([.fixed(min(distributionRows, area.height / 5)), .fixed(min(functionRows, area.height / 4)), .fill])
        let bottom = area.width >= 100 ? rows[2].columns([.percent(62), .fill]) : rows[2].rows([.percent(50), .fill])
        return Parts(distributions: rows[0], functions: rows[1], log: bottom[0], trace: bottom[1])
    }

    static let distributionColumns = [
        TableColumn("NAME", width: .flex(min: 8, weight: 1)),
        TableColumn("DOMAIN", width: .flex(min: 10, weight: 2)),
        TableColumn("REQ/S", width: .flex(min: 6, weight: 2)),
        TableColumn("REQUESTS", width: .fixed(9), alignment: .right),
        TableColumn("HIT RATIO", width: .fixed(9), alignment: .right),
        TableColumn("2xx", width: .fixed(7), alignment: .right),
        TableColumn("3xx", width: .fixed(6), alignment: .right),
        TableColumn("4xx", width: .fixed(6), alignment: .right),
        TableColumn("5xx", width: .fixed(6), alignment: .right),
        TableColumn("CACHED", width: .fixed(6), alignment: .right),
    ]

    static func distributionCells(_ d: EdgeDistributionRow, theme: Theme, rateWidth: Int) -> [TableCell] {
        let rate = TextWidth.pad(Format.count(d.requestsPerSecond), to: 5, alignment: .right) + " "
        let graph = Sparkline.string(values: d.requestsPerSecondHistory.map(Double.init), width: max(0, rateWidth - 6),
                                     max: Double(max(1, d.requestsPerSecondHistory.max() ?? 0)))
        func mix(_ key: String, _ style: Style?) -> TableCell {
            let n = d.statusMix[key] ?? 0
            return TableCell(Format.count(n), style: n > 0 ? style : theme["dim"])
        }
        return [
            TableCell(d.name, style: theme["accent"]),
            TableCell(d.domainName, style: theme["dim"]),
            TableCell(rate + graph, style: theme["sparkline"]),
            TableCell(Format.count(d.requests)),
            TableCell(d.requests == 0 ? "–" : Format.percent(d.cacheHitRatio * 100)),
            mix("2xx", theme["ok"]), mix("3xx", nil), mix("4xx", theme["warning"]), mix("5xx", theme["error"]),
            TableCell(Format.count(d.cachedObjects)),
        ]
    }

    static func renderDistributions(_ rows: [EdgeDistributionRow], theme: Theme, into buffer: inout Buffer, area: Rect) {
        let inner = Block(title: "Distributions (\(rows.count))", titleStyle: theme["title"], borderStyle: theme["border"])
            .render(into: &buffer, area: area).inset(horizontal: 1, vertical: 0)
        guard !inner.isEmpty else { return }
        if rows.isEmpty {
            _ = buffer.write("No distributions. Declare one under edge: in estate.yaml.", at: inner.origin, style: theme["dim"], maxWidth: inner.width)
            return
        }
        let rateWidth = TableColumn.place(distributionColumns, in: inner.width, spacing: 1).first { $0.column == 2 }?.width ?? 0
        Table(columns: distributionColumns, rowCount: rows.count, headerStyle: theme["table.header"], selectionStyle: .plain) {
            distributionCells(rows[$0], theme: theme, rateWidth: rateWidth)
        }.render(into: &buffer, area: inner, state: TableState(selected: nil))
    }

    static let functionColumns = [
        TableColumn("TRIGGER", width: .fixed(15)),
        TableColumn("FUNCTION", width: .flex(min: 10, weight: 2)),
        TableColumn("VER", width: .fixed(3), alignment: .right),
        TableColumn("RUNTIME", width: .fixed(17)),
        TableColumn("INV/S", width: .flex(min: 5, weight: 2)),
        TableColumn("INVOKED", width: .fixed(8), alignment: .right),
        TableColumn("ERRORS", width: .fixed(6), alignment: .right),
        TableColumn("THROTTLED", width: .fixed(9), alignment: .right),
        TableColumn("P50 MS", width: .fixed(7), alignment: .right),
        TableColumn("P99 MS", width: .fixed(7), alignment: .right),
        TableColumn("ATTACHED TO", width: .flex(min: 8, weight: 2)),
    ]

    static func functionCells(_ f: EdgeFunctionRow, theme: Theme, rateWidth: Int) -> [TableCell] {
        let rate = TextWidth.pad(Format.count(f.invocationsPerSecond), to: 4, alignment: .right) + " "
        let graph = Sparkline.string(values: f.invocationsPerSecondHistory.map(Double.init), width: max(0, rateWidth - 5),
                                     max: Double(max(1, f.invocationsPerSecondHistory.max() ?? 0)))
        return [
            TableCell(f.eventType.rawValue, style: theme["accent"]),
            TableCell(f.functionName),
            TableCell(f.version.map(String.init) ?? "–", style: theme["dim"]),
            TableCell(f.runtime, style: theme["dim"]),
            TableCell(rate + graph, style: theme["sparkline"]),
            TableCell(Format.count(f.invocations)),
            TableCell(Format.count(f.errors), style: f.errors > 0 ? theme["error"] : theme["dim"]),
            TableCell(Format.count(f.throttles), style: f.throttles > 0 ? theme["warning"] : theme["dim"]),
            TableCell(f.invocations == 0 ? "–" : milliseconds(f.durationP50Milliseconds)),
            TableCell(f.invocations == 0 ? "–" : milliseconds(f.durationP99Milliseconds)),
            TableCell(f.attachedTo.isEmpty ? "(detached)" : f.attachedTo.joined(separator: ", "), style: theme["dim"]),
        ]
    }

    static func milliseconds(_ ms: Double) -> String { String(format: ms < 10 ? "%.2f" : "%.1f", ms) }

    static func renderFunctions(_ rows: [EdgeFunctionRow], theme: Theme, into buffer: inout Buffer, area: Rect) {
        let inner = Block(title: "Functions by trigger (\(rows.count))", titleStyle: theme["title"], borderStyle: theme["border"])
            .render(into: &buffer, area: area).inset(horizontal: 1, vertical: 0)
        guard !inner.isEmpty else { return }
        if rows.isEmpty {
            _ = buffer.write("No function is attached. Try :edge attach website '*' viewer-request NAME:1", at: inner.origin,
                             style: theme["dim"], maxWidth: inner.width)
            return
        }
        let rateWidth = TableColumn.place(functionColumns, in: inner.width, spacing: 1).first { $0.column == 4 }?.width ?? 0
        Table(columns: functionColumns, rowCount: rows.count, headerStyle: theme["table.header"], selectionStyle: .plain) {
            functionCells(rows[$0], theme: theme, rateWidth: rateWidth)
        }.render(into: &buffer, area: inner, state: TableState(selected: nil))
    }

    /// The Overview tile: per distribution its rate, hit ratio and status mix, then the functions' totals.
    static func tile(_ distributions: [EdgeDistributionRow], functions: [EdgeFunctionRow], theme: Theme) -> OverviewTile {
        OverviewTile(title: "Edge") { width in tileLines(distributions, functions: functions, theme: theme, width: width) }
    }

    static func tileLines(_ distributions: [EdgeDistributionRow], functions: [EdgeFunctionRow], theme: Theme, width: Int) -> [Line] {
        let graphWidth = max(0, OverviewPanels.tileTextWidth(screenWidth: width) - 33)
        var lines: [Line] = []
        for d in distributions.prefix(3) {
            let peak = Double(d.requestsPerSecondHistory.max() ?? 0)
            lines.append(Line([
                Span(TextWidth.pad(TextWidth.truncate(d.name, to: 10), to: 11), style: theme["accent"]),
                Span(TextWidth.pad(Format.count(d.requestsPerSecond) + " req/s", to: 11)),
                Span(TextWidth.pad(d.requests == 0 ? "hit –" : "hit " + Format.percent(d.cacheHitRatio * 100), to: 11), style: theme["dim"]),
                Span(Sparkline.string(values: d.requestsPerSecondHistory.map(Double.init), width: graphWidth, max: max(1, peak * 1.25)),
                     style: theme["sparkline"]),
            ]))
            var mix: [Span] = [Span(TextWidth.pad("", to: 11))]
            for (i, key) in ["2xx", "3xx", "4xx", "5xx"].enumerated() {
                let n = d.statusMix[key] ?? 0
                let style = n == 0 ? theme["dim"] : [theme["ok"], Style.plain, theme["warning"], theme["error"]][i]
                mix.append(Span((i == 0 ? "" : " · ") + key + " ", style: theme["dim"]))
                mix.append(Span(Format.count(n), style: style))
            }
            lines.append(Line(mix))
        }
        let invocations = functions.reduce(0) { $0 + $1.invocations }
        let errors = functions.reduce(0) { $0 + $1.errors + $1.throttles }
        lines.append(Line([
            Span("functions  ", style: theme["dim"]),
            Span("\(functions.count) attached · \(Format.count(invocations)) invocations · "),
            Span("\(Format.count(errors)) errors", style: errors > 0 ? theme["error"] : theme["dim"]),
        ]))
        return lines
    }
}
