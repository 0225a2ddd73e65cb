import Estate
import Terminal

/// The SQL console: the editor with a psql-style prompt, a status line (running, the answer's
/// size, or the error), the names Tab offered, and the result grid.
enum ConsolePanel {
    /// The console's inner rows: editor, status, completions (when offered), grid.
    static func parts(_ inner: Rect, _ console: SQLConsole) -> (editor: Rect, status: Rect, completions: Rect, grid: Rect) {
        let editorRows = min(console.editor.lines.count, max(1, inner.height / 3))
        let rows = inner.rows([.fixed(editorRows), .fixed(1), .fixed(console.completions.isEmpty ? 0 : 1), .fill])
        return (rows[0], rows[1], rows[2], rows[3])
    }

    static func inner(_ area: Rect) -> Rect { Block(title: "").inner(area).inset(horizontal: 1, vertical: 0) }

    /// Grid rows that fit under the grid's header.
    static func gridPageRows(_ area: Rect, _ console: SQLConsole) -> Int {
        max(1, parts(inner(area), console).grid.height - 1)
    }

    static func render(_ console: SQLConsole, editing: Bool, database: String, theme: Theme, into buffer: inout Buffer, area: Rect) {
        // Keys a keymap can rebind are in the footer; these are the editor's own.
        let title = editing
            ? "SQL console · Enter after ; runs · Tab completes · ↑↓ history · PgUp PgDn Ctrl-B Ctrl-F scroll · Esc leaves"
            : "SQL console"
        let inner = Block(title: title, titleStyle: editing ? theme["accent"] : theme["title"], borderStyle: theme["border"])
            .render(into: &buffer, area: area).inset(horizontal: 1, vertical: 0)
        guard !inner.isEmpty else { return }
        let p = parts(inner, console)
        renderEditor(console, editing: editing, database: database, theme: theme, into: &buffer, area: p.editor)
        renderStatus(console, theme: theme, into: &buffer, area: p.status)
        if !p.completions.isEmpty {
            _ = buffer.write(Line([Span("Tab: ", style: theme["dim"]), Span(console.completions.prefix(30).joined(separator: "  "), style: theme["completion"])])
                .truncated(to: p.completions.width), at: p.completions.origin, maxWidth: p.completions.width)
        }
        if case let .rows(grid)? = console.outcome {
            renderGrid(grid, scroll: console.grid, theme: theme, into: &buffer, area: p.grid)
        }
    }

    /// The lines around the cursor, each after its prompt; the cursor's cell reversed while
    /// editing, the failed statement's error position marked.
    static func renderEditor(_ console: SQLConsole, editing: Bool, database: String, theme: Theme, into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let editor = console.editor
        let prompt = database + "=# ", continuation = database + "-# "
        let promptWidth = TextWidth.of(prompt)
        let textWidth = max(1, area.width - promptWidth)
        if editor.isEmpty && !editing {
            _ = buffer.write(Line([Span(prompt, style: theme["dim"]), Span("SELECT … — press e to type a statement", style: theme["dim"])]),
                             at: area.origin, maxWidth: area.width)
            return
        }
        let first = max(0, min(editor.row - area.height + 1, editor.lines.count - area.height))
        let mark = console.errorMark
        for (i, lineIndex) in (first..<min(editor.lines.count, first + area.height)).enumerated() {
            let y = area.y + i
            _ = buffer.write(lineIndex == 0 ? prompt : continuation, at: Point(x: area.x, y: y), style: theme["accent"], maxWidth: area.width)
            let chars = editor.lines[lineIndex]
            // Long lines scroll sideways on the cursor's line only, so the cursor stays in view.
            let start = lineIndex == editor.row ? max(0, editor.column - textWidth + 1) : 0
            var x = area.x + promptWidth
            var column = start
            while column <= chars.count, x < area.right {
                let isCursor = editing && lineIndex == editor.row && column == editor.column
                let isMark = mark.map { $0.line == lineIndex && $0.column == column } ?? false
                guard column < chars.count || isCursor || isMark else { break }
                let ch = column < chars.count ? chars[column] : " "
                var style = Style.plain
                if isMark { style = theme["error"].over(Style(attributes: .underline)) }
                if isCursor { style = Style(attributes: .reverse).over(style) }
                let w = buffer.write(String(ch), at: Point(x: x, y: y), style: style, maxWidth: area.right - x)
                x += max(1, w)
                column += 1
            }
        }
    }

    static func renderStatus(_ console: SQLConsole, theme: Theme, into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let line: Line
        if let p = console.pending {
            line = Line(p.query.map { "query \($0) submitted · waiting for WLM and the slices…" } ?? "sending…", style: theme["warning"])
        } else {
            switch console.outcome {
            case nil:
                line = Line("Statements run through WLM like any client's; answers appear here.", style: theme["dim"])
            case let .rows(g)?:
                var text = g.columns.isEmpty ? g.commandTag : "\(Format.count(g.totalRows)) row\(g.totalRows == 1 ? "" : "s")"
                if g.rows.count < g.totalRows { text += " (first \(Format.count(g.rows.count)) shown)" }
                text += " · query \(g.query) · \(WarehousePanels.duration(g.milliseconds * 1000))"
                if console.grid.row > 0 || console.grid.column > 0 { text += " · from row \(console.grid.row + 1), column \(console.grid.column + 1)" }
                line = Line(text, style: theme["ok"])
            case let .failed(e)?:
                var text = "ERROR: " + e.message
                if let place = e.place { text += " (line \(place.line + 1), column \(place.column + 1))" }
                line = Line(text, style: theme["error"])
            }
        }
        _ = buffer.write(line.truncated(to: area.width), at: area.origin, maxWidth: area.width)
    }

    /// The result's columns from the first scrolled to, its rows from the scrolled row on.
    static func renderGrid(_ g: ResultGrid, scroll: SQLConsole.GridScroll, theme: Theme, into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty, !g.columns.isEmpty else { return }
        if g.columns.count == 1 { return renderLines(g, scroll: scroll, theme: theme, into: &buffer, area: area) }
        var placements: [(column: Int, x: Int, width: Int)] = []
        var x = area.x
        for c in scroll.column..<g.columns.count where x < area.right {
            let width = min(g.widths[c], area.right - x)
            placements.append((c, x, width))
            x += width + 2
        }
        buffer.fill(Rect(x: area.x, y: area.y, width: area.width, height: 1), with: Cell(" ", style: theme["table.header"]))
        for p in placements {
            _ = buffer.write(TextWidth.fit(g.columns[p.column], to: p.width, alignment: g.rightAligned[p.column] ? .right : .left),
                             at: Point(x: p.x, y: area.y), style: theme["table.header"], maxWidth: p.width)
        }
        for (i, r) in (scroll.row..<g.rows.count).prefix(area.height - 1).enumerated() {
            let y = area.y + 1 + i
            for p in placements {
                let value = g.rows[r][p.column]
                _ = buffer.write(TextWidth.fit(value ?? "NULL", to: p.width, alignment: g.rightAligned[p.column] ? .right : .left),
                                 at: Point(x: p.x, y: y), style: value == nil ? theme["dim"] : .plain, maxWidth: p.width)
            }
        }
    }

    /// A one-column result (an `EXPLAIN` plan) across the whole width, each value wrapped rather
    /// than cut: scrolling sideways cannot help a single column, and a plan's costs are at the
    /// end of its lines.
    static func renderLines(_ g: ResultGrid, scroll: SQLConsole.GridScroll, theme: Theme, into buffer: inout Buffer, area: Rect) {
        buffer.fill(Rect(x: area.x, y: area.y, width: area.width, height: 1), with: Cell(" ", style: theme["table.header"]))
        _ = buffer.write(g.columns[0], at: area.origin, style: theme["table.header"], maxWidth: area.width)
        var y = area.y + 1
        for r in scroll.row..<max(scroll.row, g.rows.count) where y < area.bottom {
            let value = g.rows[r][0]
            for text in CellWrap.rows(value ?? "NULL", width: area.width) where y < area.bottom {
                _ = buffer.write(text, at: Point(x: area.x, y: y), style: value == nil ? theme["dim"] : .plain, maxWidth: area.width)
                y += 1
            }
        }
    }
}
