import Estate
import Terminal

/// Windows drawn over a view: help, the palette, the launch menu and confirmations.
enum Overlays {
    /// Help lists every binding in force, grouped by where it applies. Where the list is taller
    /// than the screen, both columns scroll together by `scroll` rows (clamped here, so a stale
    /// offset after a resize draws the last page) and the bottom row says how.
    static func renderHelp(keymap: Keymap, scroll: Int = 0, theme: Theme, into buffer: inout Buffer, area: Rect) {
        let (lines, frame) = helpLayout(keymap: keymap, theme: theme, area: area)
        let offset = frame.clamp(scroll)
        let inner = Chrome.modal(title: "Help — keys in force", size: Size(width: frame.width, height: frame.height), theme: theme, into: &buffer, area: area)
        guard !inner.isEmpty else { return }
        var listArea = inner
        if frame.scrolls {
            listArea.height -= 1
            let below = frame.maxScroll - offset
            let hint = "\(keymap.allHints(.down)) \(keymap.allHints(.up)) \(keymap.hint(.pageDown)) scroll · "
                + (below > 0 ? "\(below) more row\(below == 1 ? "" : "s") below" : "end of help") + " · Esc closes"
            _ = buffer.write(Line(hint, style: theme["dim"]).truncated(to: inner.width - 1), at: Point(x: inner.x + 1, y: inner.bottom - 1), maxWidth: inner.width - 1)
        }
        let cols = listArea.columns(Array(repeating: .fill, count: frame.columns), spacing: 2)
        for (i, line) in lines.enumerated() {
            let c = i / frame.perColumn, row = i % frame.perColumn - offset
            guard c < cols.count, row >= 0, row < cols[c].height else { continue }
            _ = buffer.write(line.truncated(to: cols[c].width - 1), at: Point(x: cols[c].x + 1, y: cols[c].y + row), maxWidth: cols[c].width - 1)
        }
    }

    /// How the help window sits on a body of `area`: its size, its columns, and how far it scrolls.
    struct HelpFrame: Equatable {
        var columns: Int
        var perColumn: Int
        var width: Int
        var height: Int
        /// Rows of each column on screen.
        var visibleRows: Int

        init(lineCount: Int, area: Rect) {
            columns = area.width >= 100 ? 2 : 1
            perColumn = (lineCount + columns - 1) / columns
            width = columns == 2 ? min(area.width, 104) : min(area.width, 60)
            height = min(perColumn + 2, area.height)
            // Two rows of border; a row for the scroll hint when the list does not fit.
            visibleRows = perColumn + 2 > area.height ? max(0, height - 3) : perColumn
        }

        var scrolls: Bool { visibleRows < perColumn }
        var maxScroll: Int { max(0, perColumn - visibleRows) }
        func clamp(_ scroll: Int) -> Int { max(0, min(scroll, maxScroll)) }
    }

    /// The help's lines as they flow into the frame's columns: a section title that would end a
    /// column is moved to the top of the next, so no title stands apart from its keys.
    static func helpLayout(keymap: Keymap, theme: Theme, area: Rect) -> (lines: [Line], frame: HelpFrame) {
        var lines = helpLines(keymap: keymap, theme: theme)
        var frame = HelpFrame(lineCount: lines.count, area: area)
        // Each blank pushes the title down one; the column grows by at most one row each time,
        // so a couple of passes settle it.
        for _ in 0..<3 {
            let last = frame.perColumn - 1
            guard frame.columns > 1, last > 0, last < lines.count - 1, isTitle(lines[last]) else { break }
            lines.insert(Line(""), at: last)
            frame = HelpFrame(lineCount: lines.count, area: area)
        }
        return (lines, frame)
    }

    /// A section title: one unindented span (key lines start with two spaces).
    static func isTitle(_ line: Line) -> Bool {
        line.spans.count == 1 && !(line.spans[0].text.isEmpty || line.spans[0].text.hasPrefix(" "))
    }

    static func helpLines(keymap: Keymap, theme: Theme) -> [Line] {
        let groups: [(String, [Action])] = [
            ("Everywhere", [.palette, .filter, .help, .back, .quit, .togglePause, .speedUp, .speedDown, .describe, .json, .copy, .save]),
            ("Moving", [.up, .down, .pageUp, .pageDown, .top, .bottom, .open]),
            ("Description and JSON pages", [.filter, .nextMatch, .previousMatch, .describe, .json, .copy, .save, .back]),
            ("Panes", [.splitSideBySide, .splitStacked, .zoom]),
        ] + ViewRegistry.all.compactMap { $0.help.map { ($0.title, $0.actions) } }
        var lines: [Line] = [Line("Views", style: theme["table.header"])]
        for registration in ViewRegistry.all {
            lines.append(Line([Span("  " + TextWidth.pad(keymap.viewHints(registration.id), to: 16), style: theme["footer.key"]),
                               Span(TextWidth.pad(registration.title, to: 10)),
                               Span(registration.paletteNames.map { ":" + $0 }.joined(separator: " "), style: theme["dim"])]))
        }
        for action in [Action.nextView, .previousView] {
            lines.append(Line([Span("  " + TextWidth.pad(keymap.allHints(action), to: 16), style: theme["footer.key"]), Span(action.help)]))
        }
        for (title, actions) in groups {
            lines.append(Line(title, style: theme["table.header"]))
            for action in actions {
                lines.append(Line([Span("  " + TextWidth.pad(keymap.allHints(action), to: 16), style: theme["footer.key"]), Span(action.help)]))
            }
        }
        lines.append(Line([Span("  " + TextWidth.pad(":theme NAME", to: 16), style: theme["footer.key"]), Span(ThemeCatalog.list)]))
        lines.append(Line("Filter (/)", style: theme["table.header"]))
        for (syntax, meaning) in filterSyntax {
            lines.append(Line([Span("  " + TextWidth.pad(syntax, to: 16), style: theme["footer.key"]), Span(meaning)]))
        }
        lines.append(Line("Jump (:, Tab completes)", style: theme["table.header"]))
        for (syntax, meaning) in jumpSyntax {
            lines.append(Line([Span("  " + TextWidth.pad(syntax, to: 16), style: theme["footer.key"]), Span(meaning)]))
        }
        lines.append(Line(""))
        lines.append(Line("Rebind in Config/keys.yaml · Esc closes", style: theme["dim"]))
        return lines
    }

    /// What the `/` line takes, as `TextFilter` reads it.
    static let filterSyntax = [
        ("/err(or|no)", "regular expression, any case"),
        ("/!running", "rows that do not match"),
        ("/-f cks", "fuzzy: the letters in order"),
        ("/error -C 2", "tail: 2 records around each match"),
    ]

    /// What the palette takes besides commands: a view's name jumps there, with a path drills in.
    static let jumpSyntax = [
        (":wh :edge …", "show a view (names above)"),
        (":stream NAME [N]", "a stream's shards, or shard N's tail"),
        (":stacks NAME", "a stack's resources"),
    ]

    static func renderPalette(_ p: PaletteState, theme: Theme, into buffer: inout Buffer, area: Rect) {
        let height = min(area.height, max(6, area.height * 2 / 5))
        let box = Rect(x: area.x, y: area.bottom - height, width: area.width, height: height)
        buffer.fill(box, with: Cell(" "))
        let inner = Block(title: "Command — Enter runs, Tab completes, ↑↓ history, Esc closes", titleStyle: theme["title"],
                          borderStyle: theme["border"]).render(into: &buffer, area: box)
        guard inner.height >= 1 else { return }
        let parts = inner.rows([.fill, .fixed(min(2, inner.height))])
        var output = p.output
        output.viewHeight = parts[0].height
        output.render(into: &buffer, area: parts[0])
        let inputRow = parts[1]
        _ = buffer.write(":", at: inputRow.origin, style: theme["accent"])
        var field = p.input
        field.candidateStyle = theme["completion"]
        field.render(into: &buffer, area: Rect(x: inputRow.x + 1, y: inputRow.y, width: inputRow.width - 1, height: inputRow.height))
    }

    /// A command's reply, scrollable; any key but the scroll keys closes it.
    static func renderResult(_ log: LogView, theme: Theme, into buffer: inout Buffer, area: Rect) {
        let height = min(area.height, max(6, area.height * 3 / 5))
        let box = Rect(x: area.x, y: area.bottom - height, width: area.width, height: height)
        buffer.fill(box, with: Cell(" "))
        let inner = Block(title: "Result — ↑↓ PgUp PgDn scroll, any other key closes", titleStyle: theme["title"],
                          borderStyle: theme["border"]).render(into: &buffer, area: box).inset(horizontal: 1, vertical: 0)
        guard !inner.isEmpty else { return }
        var view = log
        view.viewHeight = inner.height
        view.render(into: &buffer, area: inner)
    }

    static func renderLaunch(_ l: LaunchMenuState, theme: Theme, into buffer: inout Buffer, area: Rect) {
        let inner = Chrome.modal(title: "Launch instances — Enter launches, Esc cancels", size: Size(width: 76, height: 13), theme: theme, into: &buffer, area: area)
        guard !inner.isEmpty else { return }
        // One row per field plus the completion row under the type field, then a blank line.
        let parts = inner.inset(horizontal: 1, vertical: 0).rows([.fixed(l.form.entries.count + 2), .fill])
        var form = l.form
        form.focusedLabelStyle = theme["accent"]
        form.errorStyle = theme["error"]
        form.render(into: &buffer, area: parts[0])
        var y = parts[1].y
        let width = parts[1].width
        func line(_ l: Line) {
            guard y < parts[1].bottom else { return }
            _ = buffer.write(l.truncated(to: width), at: Point(x: parts[1].x, y: y), maxWidth: width)
            y += 1
        }
        switch l.preview {
        case nil:
            line(Line("Start typing: c7 lists the c7 families, c7g. their sizes.", style: theme["dim"]))
        case let .success(spec)?:
            line(Line([Span(spec.name.name, style: theme["accent"]), Span(" — " + spec.explanation.summary)]))
            line(Line("\(spec.vCPUs) vCPU · \(Format.memory(miB: spec.memoryMiB)) · \(spec.architectures.joined(separator: "/")) · \(spec.networkPerformance)"))
            line(Line([Span("\(Format.dollars(spec.hourlyPriceUSD))/h", style: theme["ok"]),
                       Span(" simulated on-demand price" + (spec.isEstimated ? " · specs estimated" : ""), style: theme["dim"])]))
        case let .failure(error)?:
            let matches = InstanceTypeCatalog.completions(for: l.typedType)
            if matches.isEmpty {
                line(Line(error.message, style: theme["warning"]))
            } else {
                line(Line([Span("\(matches.count) match\(matches.count == 1 ? "" : "es")", style: theme["accent"]),
                           Span(" — keep typing, or Tab to complete", style: theme["dim"])]))
            }
        }
        if let error = l.error { line(Line(error, style: theme["error"])) }
    }

    static func renderConfirm(_ c: Confirmation, theme: Theme, into buffer: inout Buffer, area: Rect) {
        let width = min(area.width, max(40, TextWidth.of(c.question) + 6))
        let inner = Chrome.modal(title: "Confirm", size: Size(width: width, height: 5), theme: theme, into: &buffer, area: area)
        guard !inner.isEmpty else { return }
        _ = buffer.write(c.question, at: Point(x: inner.x + 1, y: inner.y), style: theme["dialog"], maxWidth: inner.width - 1)
        if inner.height > 2 {
            _ = buffer.write(Line([Span("y", style: theme["footer.key"]), Span(" yes    "), Span("n", style: theme["footer.key"]), Span("/Esc no")]),
                             at: Point(x: inner.x + 1, y: inner.y + 2), maxWidth: inner.width - 1)
        }
    }

    /// The filter line; a text that is not a filter yet has its reason at the right.
    static func renderFilter(_ field: TextField, error: String?, theme: Theme, into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        buffer.fill(area, with: Cell(" "))
        _ = buffer.write("/", at: area.origin, style: theme["accent"])
        var f = field
        f.completions = nil
        var fieldWidth = area.width - 1
        if let error {
            let text = TextWidth.truncate(error, to: max(0, area.width * 2 / 3)) + " "
            let width = TextWidth.of(text)
            fieldWidth = max(1, area.width - 1 - width)
            _ = buffer.write(text, at: Point(x: area.right - width, y: area.y), style: theme["error"], maxWidth: width)
        }
        f.render(into: &buffer, area: Rect(x: area.x + 1, y: area.y, width: fieldWidth, height: 1))
    }
}
