import Estate
import Terminal

/// How applications read as rows of the Jobs table, and as lines of the Overview tile.
enum JobRow {
    static let columns = [
        TableColumn("APPLICATION", width: .flex(min: 12, weight: 2)),
        TableColumn("STATUS", width: .fixed(9)),
        TableColumn("P", width: .fixed(2), alignment: .right),
        TableColumn("IN/S", width: .fixed(8), alignment: .right),
        TableColumn("OUT/S", width: .fixed(8), alignment: .right),
        TableColumn("CHECKPOINT AGE · DURATION · SIZE", width: .flex(min: 20, weight: 2)),
        TableColumn("RESTARTS", width: .fixed(8), alignment: .right),
        TableColumn("BEHIND", width: .fixed(9), alignment: .right),
    ]

    static func cells(_ j: JobSummary, theme: Theme) -> [TableCell] {
        [
            TableCell(j.name),
            TableCell(j.status, style: statusStyle(j.status, theme: theme)),
            TableCell(String(j.parallelism)),
            TableCell(JobsFormat.rate(j.recordsInPerSecond)),
            TableCell(JobsFormat.rate(j.recordsOutPerSecond)),
            TableCell(checkpointText(j.checkpoint), style: j.checkpoint == nil ? theme["dim"] : nil),
            TableCell(String(j.restarts), style: j.restarts > 0 ? theme["warning"] : theme["dim"]),
            TableCell(JobsFormat.millis(j.millisBehindLatest), style: j.millisBehindLatest > 10_000 ? theme["warning"] : nil),
        ]
    }

    static func statusStyle(_ status: String, theme: Theme) -> Style {
        switch status {
        case "RUNNING": return theme["ok"]
        case "READY": return theme["dim"]
        default: return theme["warning"]
        }
    }

    /// `#4 · 12s ago · 21 ms · 18.2 KB`, or a dash before the first.
    static func checkpointText(_ c: CheckpointInfo?) -> String {
        guard let c else { return "–" }
        return "#\(c.id) · \(Format.age(.milliseconds(c.ageMilliseconds))) ago · \(JobsFormat.millis(c.durationMilliseconds)) · \(Format.bytes(Double(c.sizeBytes)))"
    }

    /// The Overview tile: one line per application.
    static func tileLines(_ jobs: [JobSummary], indexedDocuments: Int, theme: Theme) -> [Line] {
        var lines = jobs.prefix(5).map { j in
            Line([
                Span(TextWidth.pad(TextWidth.truncate(j.name, to: 14), to: 15), style: theme["accent"]),
                Span(TextWidth.pad(j.status, to: 9), style: statusStyle(j.status, theme: theme)),
                Span(TextWidth.pad("in " + JobsFormat.rate(j.recordsInPerSecond), to: 12)),
                Span(TextWidth.pad("out " + JobsFormat.rate(j.recordsOutPerSecond), to: 12)),
                Span(j.restarts > 0 ? "\(j.restarts) restarts" : "", style: theme["warning"]),
            ])
        }
        if jobs.isEmpty { lines.append(Line("No stream jobs.", style: theme["dim"])) }
        if indexedDocuments > 0 { lines.append(Line("search: \(Format.count(indexedDocuments)) documents indexed", style: theme["dim"])) }
        return lines
    }
}
