import Estate
import Terminal

/// What the header shows: the estate, the virtual clock and speed, and the totals.
public struct HeaderModel: Equatable, Sendable {
    public var estateName: String
    public var now: SimInstant
    public var speed: Double
    public var isPaused: Bool
    public var readOnly: Bool
    public var ec2: EC2Service.Summary
    /// The machine could not simulate this fast, and virtual time was dropped to keep up.
    public var behind = false
}

/// The top two rows (title bar, view tabs) and the bottom row (keys or a message).
enum Chrome {
    /// `crumbs` are the focused pane's levels, `Streams › clickstream › shardId-000000000002`.
    /// `labels` are the tabs' (`2 EC2`), `selected` the one shown.
    static func renderHeader(_ m: HeaderModel, labels: [String], selected: Int, crumbs: [String] = [], theme: Theme,
                             into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let clock = m.isPaused ? "⏸ paused" : "▶ \(Format.speed(m.speed))" + (m.behind ? " (can't keep up)" : "")
        var name: [Span] = [Span(" cloudtop ", style: theme["header.accent"]), Span(m.estateName + "  ", style: theme["header"])]
        if m.readOnly { name.append(Span("[read-only]  ", style: theme["warning"])) }
        var path: [Span] = []
        for (i, crumb) in crumbs.enumerated() {
            if i > 0 { path.append(Span(" › ", style: theme["dim"])) }
            path.append(Span(crumb, style: i == crumbs.count - 1 ? theme["accent"] : theme["header"]))
        }
        var left = name + path
        var right: [Span] = [
            Span("\(m.ec2.running) running · \(m.ec2.runningVCPUs) vCPU · \(Format.dollars(m.ec2.costPerHourUSD))/h   ", style: theme["dim"]),
            Span(Format.clock(m.now) + " ", style: theme["header"]),
            Span(clock + " ", style: m.isPaused ? theme["warning"] : theme["ok"]),
        ]
        // Where you are matters more than the totals (the Overview has them) and the estate's name:
        // on a narrow screen they give way, in that order.
        if Line(left).width + Line(right).width + 1 > area.width { right.removeFirst() }
        if Line(left).width + Line(right).width + 1 > area.width, !path.isEmpty {
            left = [Span(" ")] + (m.readOnly ? [Span("[read-only] ", style: theme["warning"])] : []) + path
        }
        StatusBar(left: left, right: right, style: .plain).render(into: &buffer, area: area.row(0))
        guard area.height > 1 else { return }
        var tabs = Tabs(labels, selected: selected, numbered: false)
        tabs.style = theme["tab.inactive"]
        tabs.selectedStyle = theme["tab.active"]
        tabs.render(into: &buffer, area: area.row(1))
    }

    /// The status line: a message, or the keys that work here; `required` (help, quit) always
    /// show at the right. Hints that do not fit are dropped from the end of `hints` (the least
    /// important), whole, never cut in the middle.
    static func renderFooter(hints: [(key: String, label: String)], required: [(key: String, label: String)], message: StatusMessage?,
                             theme: Theme, into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let right = StatusBar.hints(required, keyStyle: theme["footer.key"], labelStyle: theme["footer"]) + [Span(" ", style: theme["footer"])]
        let room = area.width - Line(right).width - 2
        if let message {
            let style = message.isError ? theme["error"] : theme["ok"]
            StatusBar(left: [Span(" " + message.text, style: style)], right: right, style: .plain).render(into: &buffer, area: area)
            return
        }
        // `<key> label`, two spaces between hints: measured once each rather than building the
        // spans again for every hint dropped.
        let widths = hints.map { TextWidth.of($0.key) + TextWidth.of($0.label) + 3 }
        var count = hints.count
        var width = widths.reduce(0, +) + 2 * max(0, count - 1)
        while count > 0, width > room {
            count -= 1
            width -= widths[count] + (count > 0 ? 2 : 0)
        }
        let shown = Array(hints.prefix(count))
        let spans = StatusBar.hints(shown, keyStyle: theme["footer.key"], labelStyle: theme["footer"])
        StatusBar(left: [Span(" ")] + spans, right: right, style: theme["footer"]).render(into: &buffer, area: area)
    }

    /// A titled box for a list: `Name (shown of total, filter /text, note)`. Returns the area
    /// inside the border, with a one-cell margin left and right.
    static func listPanel(_ name: String, shown: Int, total: Int, filter: String, note: String? = nil,
                          theme: Theme, into buffer: inout Buffer, area: Rect) -> Rect {
        var title = "\(name) (\(shown)"
        if !filter.isEmpty { title += " of \(total), filter /\(filter)" }
        if let note { title += ", \(note)" }
        title += ")"
        return Block(title: title, titleStyle: theme["title"], borderStyle: theme["border"]).render(into: &buffer, area: area)
            .inset(horizontal: 1, vertical: 0)
    }

    /// Where `listPanel` puts its content in `area`, for layouts computed before drawing.
    static func listPanelInner(_ area: Rect) -> Rect {
        Block(title: "").inner(area).inset(horizontal: 1, vertical: 0)
    }

    /// A bordered box centred in `area`, cleared first so it reads as a window over the view.
    static func modal(title: String, size: Size, theme: Theme, into buffer: inout Buffer, area: Rect) -> Rect {
        let box = area.centered(Size(width: min(size.width, area.width), height: min(size.height, area.height)))
        buffer.fill(box, with: Cell(" "))
        return Block(title: title, titleStyle: theme["title"], borderStyle: theme["border"]).render(into: &buffer, area: box)
    }
}

