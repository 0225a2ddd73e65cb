import Estate
import Terminal

/// Every service at a glance. Services the estate does not have are absent, never faked.
public struct OverviewViewModel {
    public var ec2: EC2Service.Summary
    public var stoppedOrOther: Int
    public var averageCPU: [Double]
    public var networkIn: [Double]
    public var recentEvents: [EventLog.Entry]
    /// Extra tiles from other services (streams), drawn after EC2.
    public var tiles: [OverviewTile]
}

/// A titled box of lines, for services that add themselves to the Overview.
///
/// The lines are made for the width of the screen (sparklines take the room there is) from
/// values taken when the model was refreshed, so drawing them reads nothing from the estate.
public struct OverviewTile {
    public var title: String
    public var lines: (_ screenWidth: Int) -> [Line]
    public init(title: String, lines: @escaping (_ screenWidth: Int) -> [Line]) { self.title = title; self.lines = lines }
    public init(title: String, lines: [Line]) { self.init(title: title) { _ in lines } }
}

/// A tile with its lines made for one width.
struct PlacedTile {
    var title: String
    var lines: [Line]
}

enum OverviewPanels {
    static func render(_ m: OverviewViewModel, theme: Theme, into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let tiles = [ec2Tile(m, theme: theme, width: area.width)] + m.tiles.map { PlacedTile(title: $0.title, lines: $0.lines(area.width)) }
        let perRow = area.width >= 100 ? 2 : 1
        // Tiles take the height of their content; recent events take the rest.
        var tileRows: [[PlacedTile]] = []
        for start in stride(from: 0, to: tiles.count, by: perRow) { tileRows.append(Array(tiles[start..<min(tiles.count, start + perRow)])) }
        let heights = tileRows.map { Constraint.fixed(($0.map(\.lines.count).max() ?? 0) + 2) }
        let rows = area.rows(heights + [.fill])
        for (r, rowTiles) in tileRows.enumerated() {
            let cols = rows[r].columns(Array(repeating: .fill, count: perRow), spacing: 1)
            for (c, tile) in rowTiles.enumerated() { render(tile, theme: theme, into: &buffer, area: cols[c]) }
        }
        renderEvents(m.recentEvents, theme: theme, into: &buffer, area: rows[rows.count - 1])
    }


    static func ec2Tile(_ m: OverviewViewModel, theme: Theme, width: Int) -> PlacedTile {
        let graphWidth = max(0, tileTextWidth(screenWidth: width) - 19)
        let cpu = m.averageCPU.last.map { Format.percent($0) } ?? "–"
        return PlacedTile(title: "EC2", lines: [
            Line([Span("\(m.ec2.running)", style: theme["state.running"]), Span(" running  "),
                  Span("\(m.ec2.pending)", style: theme["state.pending"]), Span(" pending  "),
                  Span("\(m.ec2.stopped)", style: theme["state.stopped"]), Span(" stopped  "),
                  Span("\(m.stoppedOrOther)", style: theme["dim"]), Span(" other")]),
            Line([Span("\(m.ec2.runningVCPUs) vCPU   "), Span(Format.dollars(m.ec2.costPerHourUSD) + "/h", style: theme["accent"]),
                  Span(" simulated on-demand", style: theme["dim"])]),
            Line([Span("avg CPU     ", style: theme["dim"]), Span(TextWidth.pad(cpu, to: 7)),
                  Span(Sparkline.string(values: m.averageCPU, width: graphWidth, max: 100), style: theme["sparkline"])]),
            Line([Span("network in  ", style: theme["dim"]), Span(TextWidth.pad(m.networkIn.last.map { Format.bytes($0) } ?? "–", to: 9)),
                  Span(Sparkline.string(values: m.networkIn, width: max(0, graphWidth - 2)), style: theme["sparkline"])]),
        ])
    }

    /// Room for text inside a tile: half the screen (or all of it when narrow), less the borders
    /// and the one-cell margin.
    static func tileTextWidth(screenWidth: Int) -> Int {
        (screenWidth >= 100 ? (screenWidth - 1) / 2 : screenWidth) - 3
    }

    static func render(_ tile: PlacedTile, theme: Theme, into buffer: inout Buffer, area: Rect) {
        let inner = Block(title: tile.title, titleStyle: theme["title"], borderStyle: theme["border"]).render(into: &buffer, area: area)
        for (i, line) in tile.lines.enumerated() where i < inner.height {
            _ = buffer.write(line.truncated(to: inner.width - 1), at: Point(x: inner.x + 1, y: inner.y + i), maxWidth: inner.width - 1)
        }
    }

    static func renderEvents(_ events: [EventLog.Entry], theme: Theme, into buffer: inout Buffer, area: Rect) {
        let inner = Block(title: "Recent events", titleStyle: theme["title"], borderStyle: theme["border"]).render(into: &buffer, area: area)
        if events.isEmpty, !inner.isEmpty {
            _ = buffer.write("Nothing has happened yet.", at: Point(x: inner.x + 1, y: inner.y), style: theme["dim"], maxWidth: inner.width - 1)
        }
        for (i, e) in events.prefix(max(0, inner.height)).enumerated() {
            _ = buffer.write(EventsTable.line(e, theme: theme).truncated(to: inner.width - 1), at: Point(x: inner.x + 1, y: inner.y + i), maxWidth: inner.width - 1)
        }
    }
}
