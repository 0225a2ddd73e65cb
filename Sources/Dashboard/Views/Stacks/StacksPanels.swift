import Estate
import Terminal

/// Drawing the Stacks view: the list of stacks, and one stack's tree, events, outputs and parameters.
enum StacksPanels {
    static let listColumns = [
        TableColumn("STACK NAME", width: .flex(min: 12, weight: 2)),
        TableColumn("STATUS", width: .flex(min: 18, weight: 2)),
        TableColumn("RESOURCES", width: .fixed(9), alignment: .right),
        TableColumn("DRIFT", width: .fixed(11)),
        TableColumn("CREATED", width: .fixed(19)),
        TableColumn("DESCRIPTION", width: .flex(min: 10, weight: 3)),
    ]

    static func listCells(_ s: StackSummary, theme: Theme) -> [TableCell] {
        [
            TableCell(s.name),
            TableCell(s.status, style: theme[StacksModel.role(s.status)]),
            TableCell("\(s.resourcesDone)/\(s.resourcesTotal)"),
            TableCell(s.driftStatus, style: theme[StacksModel.driftRole(s.driftStatus)]),
            TableCell(Format.clock(s.created), style: theme["dim"]),
            TableCell(s.description, style: theme["dim"]),
        ]
    }

    static func renderList(_ stacks: [StackSummary], table state: TableState, theme: Theme, into buffer: inout Buffer, area: Rect) {
        let inner = Block(title: "Stacks (\(stacks.count))", titleStyle: theme["title"], borderStyle: theme["border"])
            .render(into: &buffer, area: area).inset(horizontal: 1, vertical: 0)
        guard !inner.isEmpty else { return }
        if stacks.isEmpty {
            _ = buffer.write("No stacks. Press d to deploy a template file, e.g. Config/stacks/streams.yaml",
                             at: inner.origin, style: theme["dim"], maxWidth: inner.width)
            return
        }
        let table = Table(columns: listColumns, rowCount: stacks.count, headerStyle: theme["table.header"],
                          selectionStyle: theme["selection"]) { listCells(stacks[$0], theme: theme) }
        table.render(into: &buffer, area: inner, state: state)
    }

    // MARK: - One stack

    static let treeColumns = [
        TableColumn("LOGICAL ID", width: .flex(min: 16, weight: 2)),
        TableColumn("TYPE", width: .flex(min: 12, weight: 2)),
        TableColumn("STATUS", width: .fixed(19)),
        TableColumn("PHYSICAL ID", width: .flex(min: 12, weight: 2)),
        TableColumn("DRIFT", width: .fixed(9)),
    ]

    /// The tree above, as tall as its lines need up to three fifths of the area, and below it
    /// the events beside the outputs and parameters.
    static func detailParts(_ area: Rect, treeLines: Int) -> (tree: Rect, events: Rect, values: Rect) {
        let treeHeight = min(max(treeLines + 3, 5), area.height * 3 / 5)
        let rows = area.rows([.fixed(treeHeight), .fill])
        let bottom = rows[1].width >= 100 ? rows[1].columns([.percent(60), .fill], spacing: 1) : rows[1].rows([.percent(60), .fill])
        return (rows[0], bottom[0], bottom[1])
    }

    static func renderDetail(_ d: StackDetail, table state: TableState, theme: Theme, into buffer: inout Buffer, area: Rect) {
        let parts = detailParts(area, treeLines: d.lines.count)
        renderTree(d, table: state, theme: theme, into: &buffer, area: parts.tree)
        renderEvents(d.events, theme: theme, into: &buffer, area: parts.events)
        renderValues(d, theme: theme, into: &buffer, area: parts.values)
    }

    static func treeTitle(_ s: StackSummary) -> String {
        var title = "\(s.name) · \(s.status) · \(s.resourcesDone)/\(s.resourcesTotal) resources"
        if s.driftStatus != "NOT_CHECKED" { title += " · drift \(s.driftStatus)" }
        return title
    }

    static func renderTree(_ d: StackDetail, table state: TableState, theme: Theme, into buffer: inout Buffer, area: Rect) {
        let inner = Block(title: treeTitle(d.summary), titleStyle: theme[StacksModel.role(d.summary.status)], borderStyle: theme["border"])
            .render(into: &buffer, area: area).inset(horizontal: 1, vertical: 0)
        guard !inner.isEmpty else { return }
        let lines = d.lines
        if lines.isEmpty {
            _ = buffer.write("No resources yet.", at: inner.origin, style: theme["dim"], maxWidth: inner.width)
            return
        }
        let table = Table(columns: treeColumns, rowCount: lines.count, headerStyle: theme["table.header"],
                          selectionStyle: theme["selection"]) { treeCells(lines[$0], d.resources, theme: theme) }
        table.render(into: &buffer, area: inner, state: state)
    }

    /// A resource indented by its depth (`└─` marks what it waits for above), or one drifted
    /// property under it with the value the stack expects and the one the resource has.
    static func treeCells(_ line: StackTreeLine, _ resources: [StackResourceRow], theme: Theme) -> [TableCell] {
        switch line {
        case let .resource(i):
            let r = resources[i]
            let indent = r.depth == 0 ? "" : String(repeating: "  ", count: r.depth - 1) + "└─ "
            let drift = r.drift?.status ?? ""
            return [
                TableCell(indent + r.logicalID),
                TableCell(r.type, style: theme["dim"]),
                TableCell(r.status, style: theme[StacksModel.role(r.status)]),
                TableCell(r.physicalID ?? "–", style: r.physicalID == nil ? theme["dim"] : nil),
                TableCell(drift, style: theme[StacksModel.driftRole(drift)]),
            ]
        case let .difference(i, difference):
            let indent = String(repeating: "  ", count: resources[i].depth + 1)
            return [
                TableCell(indent + "≠ " + difference.path, style: theme["warning"]),
                TableCell("expected " + difference.expected, style: theme["dim"]),
                TableCell("actual " + difference.actual, style: theme["warning"]),
            ]
        }
    }

    static func renderEvents(_ events: [StackEvent], theme: Theme, into buffer: inout Buffer, area: Rect) {
        let inner = Block(title: "Events (newest first)", titleStyle: theme["title"], borderStyle: theme["border"])
            .render(into: &buffer, area: area).inset(horizontal: 1, vertical: 0)
        guard !inner.isEmpty else { return }
        for (row, e) in events.prefix(inner.height).enumerated() {
            let time = String(SimCalendar.iso8601(e.timestamp).dropFirst(11).prefix(8))
            let line = Line([
                Span(time + " ", style: theme["dim"]),
                Span(TextWidth.pad(TextWidth.truncate(e.logicalID, to: 18), to: 19)),
                Span(TextWidth.pad(e.status, to: 20), style: theme[StacksModel.role(e.status)]),
                Span(e.reason ?? "", style: theme["dim"]),
            ])
            _ = buffer.write(line.truncated(to: inner.width), at: Point(x: inner.x, y: inner.y + row), maxWidth: inner.width)
        }
    }

    static func renderValues(_ d: StackDetail, theme: Theme, into buffer: inout Buffer, area: Rect) {
        let inner = Block(title: "Outputs · Parameters", titleStyle: theme["title"], borderStyle: theme["border"])
            .render(into: &buffer, area: area).inset(horizontal: 1, vertical: 0)
        guard !inner.isEmpty else { return }
        var lines: [Line] = [Line("Outputs", style: theme["table.header"])]
        if d.outputs.isEmpty { lines.append(Line("  none yet", style: theme["dim"])) }
        // The key and export on one line, the value (often a long ARN) on its own below.
        for o in d.outputs {
            var spans = [Span("  " + o.key, style: theme["accent"])]
            if let export = o.exportName { spans.append(Span("  ⇢ export " + export, style: theme["dim"])) }
            lines.append(Line(spans))
            lines.append(Line("    " + o.value))
        }
        lines.append(Line("Parameters", style: theme["table.header"]))
        if d.parameters.isEmpty { lines.append(Line("  none", style: theme["dim"])) }
        for p in d.parameters {
            lines.append(Line([Span("  " + p.key + " ", style: theme["accent"]), Span(p.value)]))
        }
        for (row, line) in lines.prefix(inner.height).enumerated() {
            _ = buffer.write(line.truncated(to: inner.width), at: Point(x: inner.x, y: inner.y + row), maxWidth: inner.width)
        }
    }

    // MARK: - Overview

    static func tileLines(_ stacks: [StackSummary], theme: Theme) -> [Line] {
        stacks.prefix(6).map { s in
            var spans = [
                Span(TextWidth.pad(TextWidth.truncate(s.name, to: 18), to: 19), style: theme["accent"]),
                Span(TextWidth.pad(s.status, to: 24), style: theme[StacksModel.role(s.status)]),
                Span("\(s.resourcesDone)/\(s.resourcesTotal) resources", style: theme["dim"]),
            ]
            if s.drifted > 0 { spans.append(Span("  ⚠ \(s.drifted) drifted", style: theme["warning"])) }
            return Line(spans)
        }
    }
}
