import Estate
import Terminal

/// The cluster's nodes and slices, its tables and its queries, and the Overview tile.
enum WarehousePanels {
    /// Where the parts go: nodes and tables side by side, queries under them, the console below.
    struct Parts: Equatable {
        var nodes: Rect
        var tables: Rect
        var queries: Rect
        var console: Rect
    }

    static func parts(_ area: Rect, _ s: WarehouseSummary) -> Parts {
        let nodeLines = 1 + s.slices.count + (s.leader == nil ? 0 : 1) + 1 + s.loaders.count
        let top = min(max(nodeLines, s.tables.count + 1) + 2, max(5, area.height * 2 / 5))
        let queries = min(max(4, s.queries.count + 3), max(4, area.height / 4))
        let rows = area.rows([.fixed(top), .fixed(queries), .fill])
        // The slices need about 38 columns; the tables take the rest of a wide screen.
        let nodesWidth = area.width >= 100 ? max(38, area.width * 3 / 10) : area.width * 2 / 5
        let columns = rows[0].columns([.fixed(nodesWidth), .fill])
        return Parts(nodes: columns[0], tables: columns[1], queries: rows[1], console: rows[2])
    }

    static func title(_ s: WarehouseSummary, index: Int, clusterCount: Int) -> String {
        var title = "\(s.identifier) · \(s.status)"
        if clusterCount > 1 { title += " · \(index + 1) of \(clusterCount)" }
        return title
    }

    // MARK: - Nodes and slices

    /// A line per slice with a bar of its storage against the fullest slice's, so skew shows as
    /// bars of different lengths; then the skew figure and the loaders.
    static func renderNodes(_ s: WarehouseSummary, title: String, focused: Bool = false, theme: Theme, into buffer: inout Buffer, area: Rect) {
        let inner = Block(title: title, titleStyle: titleStyle(focused, theme), borderStyle: theme["border"])
            .render(into: &buffer, area: area).inset(horizontal: 1, vertical: 0)
        guard !inner.isEmpty else { return }
        var y = inner.y
        func write(_ line: Line) {
            guard y < inner.bottom else { return }
            _ = buffer.write(line.truncated(to: inner.width), at: Point(x: inner.x, y: y), maxWidth: inner.width)
            y += 1
        }
        write(Line("\(s.nodeType) × \(s.numberOfNodes) · \(s.slices.count) slices", style: theme["dim"]))
        if let leader = s.leader {
            write(Line([Span(TextWidth.pad("LEADER", to: 11), style: theme["accent"]), Span(leader, style: theme["dim"])]))
        }
        let fullest = s.slices.map(\.blocksMB).max() ?? 0
        // Wide: `COMPUTE-0 slice 0 ████ 13,610 rows  55 MB`; narrow: `c0·s0 ████ 13,610  55 MB`.
        let wide = inner.width >= 50
        let barWidth = max(0, inner.width - (wide ? 10 + 8 + 19 : 6 + 15))
        var lastNode = ""
        for slice in s.slices {
            let ratio = fullest > 0 ? Double(slice.blocksMB) / Double(fullest) : 0
            let size = TextWidth.pad("\(slice.blocksMB) MB", to: 7, alignment: .right)
            var spans: [Span]
            if wide {
                spans = [Span(TextWidth.pad(slice.node == lastNode ? "" : slice.node, to: 10), style: theme["accent"]),
                         Span(TextWidth.pad("slice \(slice.slice)", to: 8), style: theme["dim"])]
            } else {
                let node = slice.node.split(separator: "-").last.map { "c\($0)" } ?? slice.node
                spans = [Span(TextWidth.pad("\(node)·s\(slice.slice)", to: 6), style: theme["dim"])]
            }
            lastNode = slice.node
            spans.append(Span(Gauge.bar(ratio: ratio, width: barWidth), style: theme["gauge"]))
            spans.append(Span(" " + TextWidth.pad(Format.count(slice.rows) + (wide ? " rows" : ""), to: wide ? 11 : 7, alignment: .right) + size))
            write(Line(spans))
        }
        if let skew = s.storageSkew {
            write(Line([Span("fullest ÷ emptiest slice: ", style: theme["dim"]),
                        Span(String(format: "%.2f", skew), style: skew >= 1.5 ? theme["warning"] : theme["ok"])]))
        } else {
            write(Line("No rows yet.", style: theme["dim"]))
        }
        for l in s.loaders {
            write(Line([Span("loader ", style: theme["dim"]), Span("\(l.stream) → \(l.table)", style: theme["accent"]),
                        Span("  \(Format.count(l.loaded)) rows" + (l.failed > 0 ? " · \(Format.count(l.failed)) failed" : "") + (l.running ? "" : " · stopped"),
                             style: l.failed > 0 ? theme["warning"] : .plain)]))
        }
    }

    // MARK: - Tables

    /// Skew and the unsorted share come early: they are what a narrow screen must still show.
    static let tableColumns = [
        TableColumn("TABLE", width: .flex(min: 10, weight: 3)), TableColumn("ROWS", width: .fixed(7), alignment: .right),
        TableColumn("SKEW", width: .fixed(5), alignment: .right), TableColumn("UNSORTED", width: .fixed(8), alignment: .right),
        TableColumn("STYLE", width: .flex(min: 10, weight: 2)), TableColumn("SORT KEY", width: .flex(min: 8, weight: 1)),
        TableColumn("SIZE", width: .fixed(6), alignment: .right),
    ]

    static func tableCells(_ t: TableSummary, theme: Theme) -> [TableCell] {
        [
            TableCell(t.name, style: theme["accent"]),
            TableCell(Format.count(t.rows)),
            // Redshift's guidance: a skew_rows well above 1 means one slice does most of the work.
            TableCell(t.skew.map { $0 >= 100 ? String(format: "%.0f", $0) : String(format: "%.2f", $0) } ?? "–",
                      style: (t.skew ?? 0) >= 1.5 ? theme["warning"] : nil),
            TableCell(t.unsorted.map { String(format: "%.1f%%", $0) } ?? "–", style: (t.unsorted ?? 0) >= 20 ? theme["warning"] : nil),
            TableCell(t.distStyle),
            TableCell(t.sortKey.isEmpty ? "–" : t.sortKey, style: t.sortKey.isEmpty ? theme["dim"] : nil),
            TableCell("\(t.sizeMB) MB"),
        ]
    }

    /// The focused panel's title stands out, as the console's does while it is edited.
    static func titleStyle(_ focused: Bool, _ theme: Theme) -> Style { focused ? theme["accent"] : theme["title"] }

    static func renderTables(_ s: WarehouseSummary, table state: TableState, focused: Bool, theme: Theme, into buffer: inout Buffer, area: Rect) {
        let inner = Chrome.listPanelInner(area)
        _ = Block(title: "Tables (\(s.tables.count)) · Enter queries one", titleStyle: titleStyle(focused, theme), borderStyle: theme["border"]).render(into: &buffer, area: area)
        guard !inner.isEmpty else { return }
        if s.tables.isEmpty {
            _ = buffer.write("No tables. Press e and CREATE TABLE …", at: inner.origin, style: theme["dim"], maxWidth: inner.width)
            return
        }
        // The selection bar shows only in the focused panel; elsewhere it would mislead.
        Table(columns: tableColumns, rowCount: s.tables.count, headerStyle: theme["table.header"], selectionStyle: focused ? theme["selection"] : .plain) {
            tableCells(s.tables[$0], theme: theme)
        }.render(into: &buffer, area: inner, state: state)
    }

    // MARK: - Queries

    static let queryColumns = [
        TableColumn("QUERY", width: .fixed(6), alignment: .right), TableColumn("STATE", width: .fixed(9)),
        TableColumn("QUEUE", width: .fixed(8)), TableColumn("QUEUED", width: .fixed(8), alignment: .right),
        TableColumn("RUN", width: .fixed(8), alignment: .right), TableColumn("TEXT", width: .flex(min: 10)),
    ]

    static func stateStyle(_ state: QueryRecord.State, theme: Theme) -> Style {
        switch state {
        case .queued: return theme["warning"]
        case .running: return theme["state.running"]
        case .finished: return theme["dim"]
        case .failed: return theme["error"]
        case .aborted: return theme["state.stopped"]
        }
    }

    /// `0 ms`, `840 ms`, `12.4 s`, `3m05s`.
    static func duration(_ microseconds: Int64) -> String {
        let ms = microseconds / 1000
        if ms < 1000 { return "\(ms) ms" }
        if ms < 60_000 { return String(format: "%.1f s", Double(ms) / 1000) }
        return Format.age(.milliseconds(ms))
    }

    static func renderQueries(_ s: WarehouseSummary, table state: TableState, focused: Bool, theme: Theme, into buffer: inout Buffer, area: Rect) {
        let title = "Queries · \(s.runningCount) running · \(s.queuedCount) queued"
        let inner = Block(title: title, titleStyle: titleStyle(focused, theme), borderStyle: theme["border"])
            .render(into: &buffer, area: area).inset(horizontal: 1, vertical: 0)
        guard !inner.isEmpty else { return }
        if s.queries.isEmpty {
            _ = buffer.write("No queries yet.", at: inner.origin, style: theme["dim"], maxWidth: inner.width)
            return
        }
        let queries = s.queries
        Table(columns: queryColumns, rowCount: queries.count, headerStyle: theme["table.header"], selectionStyle: focused ? theme["selection"] : .plain) { i in
            let q = queries[i]
            return [TableCell(String(q.query)), TableCell(q.state.rawValue, style: stateStyle(q.state, theme: theme)), TableCell(q.queue),
                    TableCell(duration(q.queuedMicroseconds)), TableCell(duration(q.runMicroseconds)), TableCell(q.text)]
        }.render(into: &buffer, area: inner, state: state)
    }

    // MARK: - Overview

    static func tile(_ clusters: [WarehouseSummary], theme: Theme) -> OverviewTile {
        var lines: [Line] = []
        for s in clusters.prefix(3) {
            lines.append(Line([
                Span(TextWidth.pad(TextWidth.truncate(s.identifier, to: 14), to: 15), style: theme["accent"]),
                Span(TextWidth.pad("\(s.nodeType) × \(s.numberOfNodes)", to: 16), style: theme["dim"]),
                Span(s.status, style: s.status == "available" ? theme["ok"] : theme["warning"]),
            ]))
            lines.append(Line("  \(s.tables.count) tables · \(Format.count(s.totalRows)) rows · \(s.runningCount) running · \(s.queuedCount) queued"))
            for l in s.loaders.prefix(2) {
                lines.append(Line([Span("  ↳ \(l.stream) → \(l.table)  ", style: theme["dim"]), Span("\(Format.count(l.loaded)) rows loaded")]))
            }
        }
        return OverviewTile(title: "Warehouse", lines: lines)
    }
}
