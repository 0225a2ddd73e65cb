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

/// The words on the right of the header's first row, as `Chrome.renderTitle` draws them.
///
/// Kept apart from the model because they change at different paces: the clock every second,
/// the totals and the speed seldom. `ChromeImages` formats each again only when it changed.
struct HeaderTexts: Equatable {
    /// `11 running · 46 vCPU · $2.49/h   `
    var totals: String
    /// `2026-01-01 00:03:00 `
    var clock: String
    /// `▶ 10× `, `⏸ paused `
    var speed: String

    init(totals: String, clock: String, speed: String) {
        self.totals = totals
        self.clock = clock
        self.speed = speed
    }

    init(_ m: HeaderModel) {
        self.init(totals: Self.totals(m.ec2), clock: Self.clock(m.now), speed: Self.speed(m))
    }

    static func totals(_ s: EC2Service.Summary) -> String {
        "\(s.running) running · \(s.runningVCPUs) vCPU · \(Format.dollars(s.costPerHourUSD))/h   "
    }

    static func clock(_ now: SimInstant) -> String { Format.clock(now) + " " }

    /// Printable ASCII only: a byte per cell, so a text of as many bytes covers the same cells.
    static func isPlainASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }

    static func speed(_ m: HeaderModel) -> String {
        (m.isPaused ? "⏸ paused" : "▶ \(Format.speed(m.speed))" + (m.behind ? " (can't keep up)" : "")) + " "
    }
}

/// The top two rows (title bar, view tabs) and the bottom row (keys or a message).
enum Chrome {
    /// The header's first row: the estate and where you are (`crumbs`, the focused pane's levels,
    /// `Streams › clickstream › shardId-000000000002`) on the left, the totals, the clock
    /// and the speed on the right, in words `texts` formatted from `m`.
    /// Returns the columns the clock's text took, when it was drawn whole and is plain ASCII:
    /// the next second's clock, as wide, can be written over them alone.
    @discardableResult
    static func renderTitle(_ m: HeaderModel, texts: HeaderTexts, crumbs: [String], theme: Theme, into buffer: inout Buffer, row: Rect) -> Range<Int>? {
        guard !row.isEmpty else { return nil }
        var name: [Span] = [Span(" cloudtop ", style: theme["header.accent"]), Span(m.estateName + "  ", style: theme["header"])]
        if m.readOnly { name.append(Span("[read-only]  ", style: theme["warning"])) }
        var path: [Span] = []
        for (i, crumb) in crumbs.enumerated() {
            if i > 0 { path.append(Span(" › ", style: theme["dim"])) }
            path.append(Span(crumb, style: i == crumbs.count - 1 ? theme["accent"] : theme["header"]))
        }
        var left = name + path
        var right: [Span] = [
            Span(texts.totals, style: theme["dim"]),
            Span(texts.clock, style: theme["header"]),
            Span(texts.speed, style: m.isPaused ? theme["warning"] : theme["ok"]),
        ]
        // Where you are matters more than the totals (the Overview has them) and the estate's name:
        // on a narrow screen they give way, in that order.
        if Line(left).width + Line(right).width + 1 > row.width { right.removeFirst() }
        if Line(left).width + Line(right).width + 1 > row.width, !path.isEmpty {
            left = [Span(" ")] + (m.readOnly ? [Span("[read-only] ", style: theme["warning"])] : []) + path
        }
        StatusBar(left: left, right: right, style: .plain).render(into: &buffer, area: row)
        // The status bar puts the right side flush right, whole when it fits.
        let rightWidth = Line(right).width
        guard rightWidth <= row.width, HeaderTexts.isPlainASCII(texts.clock) else { return nil }
        let clockX = row.right - rightWidth + (right.count == 3 ? TextWidth.of(texts.totals) : 0)
        return clockX..<(clockX + texts.clock.utf8.count)
    }

    /// The header's second row: a tab per view (`labels`, `2 EC2`), `selected` highlighted.
    static func renderTabs(labels: [String], selected: Int, theme: Theme, into buffer: inout Buffer, row: Rect) {
        guard !row.isEmpty else { return }
        var tabs = Tabs(labels, selected: selected, numbered: false)
        tabs.style = theme["tab.inactive"]
        tabs.selectedStyle = theme["tab.active"]
        tabs.render(into: &buffer, area: row)
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

