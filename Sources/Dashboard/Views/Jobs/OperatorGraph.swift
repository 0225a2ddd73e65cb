import Estate
import Terminal

/// A job's dataflow drawn in the terminal the way Flink's web UI draws a job graph: the source
/// chain in a box on the left, each output's chain in a box on the right, arrows between them
/// labelled with how records are shipped (HASH after a keyBy). A box's border takes the colour of
/// its backpressure; its lines give parallelism, rates and the watermark's lag.
///
/// Pure: it draws what it is given inside `area` and nothing outside it.
enum OperatorGraph {
    /// Columns between the source box and the output boxes, room for `─ REBALANCE ─▶`.
    static let connectorWidth = 16
    static let minimumBoxWidth = 18

    /// Where each box goes, or nil when the area is too small for boxes (a plain list then).
    struct Placement: Equatable {
        var source: Rect
        var targets: [Rect]
        /// Content rows inside each box.
        var lines: Int
    }

    static func place(targets n: Int, in area: Rect) -> Placement? {
        guard n > 0 else {
            guard area.height >= 3, area.width >= minimumBoxWidth else { return nil }
            let lines = min(3, area.height - 2)
            return Placement(source: Rect(x: area.x, y: area.y, width: min(area.width, 48), height: lines + 2), targets: [], lines: lines)
        }
        guard let lines = (1...3).reversed().first(where: { n * ($0 + 2) <= area.height }) else { return nil }
        let sourceWidth = max(minimumBoxWidth, min(44, area.width * 30 / 100))
        let targetWidth = area.width - sourceWidth - connectorWidth
        guard targetWidth >= minimumBoxWidth + 6 else { return nil }
        let boxHeight = lines + 2
        let spacing = n > 1 ? min(1, (area.height - n * boxHeight) / (n - 1)) : 0
        let stack = n * boxHeight + (n - 1) * spacing
        let targets = (0..<n).map { i in
            Rect(x: area.right - targetWidth, y: area.y + i * (boxHeight + spacing), width: targetWidth, height: boxHeight)
        }
        let source = Rect(x: area.x, y: area.y + (stack - boxHeight) / 2, width: sourceWidth, height: boxHeight)
        return Placement(source: source, targets: targets, lines: lines)
    }

    static func render(_ vertices: [OperatorVertexInfo], millisBehindLatest: Int64, theme: Theme, into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty, let source = vertices.first else { return }
        let outputs = Array(vertices.dropFirst())
        guard let placement = place(targets: outputs.count, in: area) else {
            renderList(vertices, millisBehindLatest: millisBehindLatest, theme: theme, into: &buffer, area: area)
            return
        }
        let sourceParts = source.name.components(separatedBy: " -> ")
        box(title: sourceParts[0], chain: sourceParts.dropFirst().joined(separator: " → "), vertex: source,
            health: "behind \(JobsFormat.millis(millisBehindLatest))", lines: placement.lines, theme: theme, into: &buffer, area: placement.source)
        for (vertex, rect) in zip(outputs, placement.targets) {
            let (title, chain) = splitOutputName(vertex.name)
            var health = vertex.watermarkLagMilliseconds.map { "wm lag \(JobsFormat.millis($0))" } ?? "no window"
            if vertex.lateRecords > 0 { health += " · late \(Format.count(vertex.lateRecords))" }
            box(title: title, chain: chain, vertex: vertex, health: health, lines: placement.lines, theme: theme, into: &buffer, area: rect)
        }
        connect(placement, strategies: outputs.map(\.shipStrategy), theme: theme, into: &buffer, clip: area)
    }

    /// `events-per-user: TumblingWindow(1m) -> Aggregate(…) -> Sink: …` → the name, and the
    /// chain with arrows.
    static func splitOutputName(_ name: String) -> (title: String, chain: String) {
        guard let colon = name.range(of: ": ") else { return (name, "") }
        return (String(name[..<colon.lowerBound]), name[colon.upperBound...].replacingOccurrences(of: " -> ", with: " → "))
    }

    /// One operator chain: the chain's operators, then `p2 · in 200/s · out 8/s`, then backpressure
    /// and lag. With fewer rows the chain goes first, then the rates join the health line.
    static func box(title: String, chain: String, vertex: OperatorVertexInfo, health: String, lines: Int,
                    theme: Theme, into buffer: inout Buffer, area: Rect) {
        let level = BackpressureLevel(vertex.backpressure)
        let inner = Block(title: title, titleStyle: theme["title"], borderStyle: level.style(theme)).render(into: &buffer, area: area)
            .inset(horizontal: 1, vertical: 0)
        guard !inner.isEmpty else { return }
        let rates = Line([Span("p\(vertex.parallelism)", style: theme["accent"]),
                          Span(" · in \(JobsFormat.rate(vertex.recordsInPerSecond)) · out \(JobsFormat.rate(vertex.recordsOutPerSecond))")])
        let pressure = Span("bp \(level.rawValue) \(Int((vertex.backpressure * 100).rounded()))%", style: level.style(theme))
        let healthLine = Line([pressure, Span(" · " + health, style: theme["dim"])])
        var rows: [Line] = []
        switch lines {
        case 3...: rows = [Line(chain.isEmpty ? "(no operators)" : chain, style: theme["dim"]), rates, healthLine]
        case 2: rows = [rates, healthLine]
        default: rows = [Line(rates.spans + [Span(" · ")] + healthLine.spans)]
        }
        for (i, line) in rows.prefix(inner.height).enumerated() {
            _ = buffer.write(line.truncated(to: inner.width), at: Point(x: inner.x, y: inner.y + i), maxWidth: inner.width)
        }
    }

    /// Lines leaving the source box's middle row, a trunk, and a branch into each output box
    /// ending in `▶`, each branch labelled with its ship strategy.
    static func connect(_ p: Placement, strategies: [String], theme: Theme, into buffer: inout Buffer, clip: Rect) {
        guard !p.targets.isEmpty else { return }
        var grid = ConnectorGrid()
        let from = Point(x: p.source.right, y: p.source.y + p.source.height / 2)
        let trunk = from.x + 1
        let ends = p.targets.map { Point(x: $0.x - 2, y: $0.y + $0.height / 2) }
        grid.horizontal(y: from.y, from: from.x, to: trunk)
        grid.vertical(x: trunk, from: min(from.y, ends.map(\.y).min()!), to: max(from.y, ends.map(\.y).max()!))
        for end in ends { grid.horizontal(y: end.y, from: trunk, to: end.x) }
        let style = theme["border"]
        func put(_ x: Int, _ y: Int, _ ch: Character, _ s: Style) {
            if clip.contains(Point(x: x, y: y)) { buffer.set(x, y, Cell(ch, style: s)) }
        }
        for (point, glyph) in grid.glyphs() { put(point.x, point.y, glyph, style) }
        // The source box's border opens where the line leaves it.
        put(p.source.right - 1, from.y, "├", buffer.cell(at: Point(x: p.source.right - 1, y: from.y))?.style ?? style)
        for (i, end) in ends.enumerated() {
            put(end.x + 1, end.y, "▶", style)
            let label = " \(strategies[i]) "
            let room = end.x - (trunk + 1)
            guard room >= label.count + 1 else { continue }
            for (k, ch) in label.enumerated() { put(trunk + 2 + k, end.y, ch, theme["accent"]) }
        }
    }

    /// Too small for boxes: one line per operator chain.
    static func renderList(_ vertices: [OperatorVertexInfo], millisBehindLatest: Int64, theme: Theme, into buffer: inout Buffer, area: Rect) {
        for (i, v) in vertices.prefix(area.height).enumerated() {
            let level = BackpressureLevel(v.backpressure)
            let title = i == 0 ? v.name.components(separatedBy: " -> ")[0] : splitOutputName(v.name).title
            var spans = [Span(i == 0 ? "" : "└▶ ", style: theme["border"]), Span(title, style: theme["accent"]),
                         Span("  p\(v.parallelism) in \(JobsFormat.rate(v.recordsInPerSecond)) out \(JobsFormat.rate(v.recordsOutPerSecond)) "),
                         Span("bp \(level.rawValue)", style: level.style(theme))]
            if let lag = v.watermarkLagMilliseconds { spans.append(Span(" wm lag \(JobsFormat.millis(lag))", style: theme["dim"])) }
            if i == 0 { spans.append(Span(" behind \(JobsFormat.millis(millisBehindLatest))", style: theme["dim"])) }
            _ = buffer.write(Line(spans).truncated(to: area.width), at: Point(x: area.x, y: area.y + i), maxWidth: area.width)
        }
    }
}

/// Cells of connector lines, each remembering which sides it joins, turned into box-drawing
/// glyphs at the end so crossings and forks come out right (`┬`, `├`, `┼`).
struct ConnectorGrid {
    struct Sides: OptionSet, Hashable {
        let rawValue: UInt8
        static let up = Sides(rawValue: 1), down = Sides(rawValue: 2), left = Sides(rawValue: 4), right = Sides(rawValue: 8)
    }

    private(set) var cells: [Point: Sides] = [:]

    mutating func horizontal(y: Int, from x0: Int, to x1: Int) {
        let (a, b) = (min(x0, x1), max(x0, x1))
        guard a < b else { return }
        for x in a...b {
            var sides: Sides = []
            if x > a { sides.insert(.left) }
            if x < b { sides.insert(.right) }
            cells[Point(x: x, y: y), default: []].formUnion(sides)
        }
    }

    mutating func vertical(x: Int, from y0: Int, to y1: Int) {
        let (a, b) = (min(y0, y1), max(y0, y1))
        guard a < b else { return }
        for y in a...b {
            var sides: Sides = []
            if y > a { sides.insert(.up) }
            if y < b { sides.insert(.down) }
            cells[Point(x: x, y: y), default: []].formUnion(sides)
        }
    }

    /// Every cell with its glyph, in row then column order.
    func glyphs() -> [(Point, Character)] {
        cells.keys.sorted { ($0.y, $0.x) < ($1.y, $1.x) }.map { ($0, Self.glyph(cells[$0]!)) }
    }

    static func glyph(_ s: Sides) -> Character {
        switch (s.contains(.up), s.contains(.down), s.contains(.left), s.contains(.right)) {
        case (true, true, true, true): return "┼"
        case (true, true, false, true): return "├"
        case (true, true, true, false): return "┤"
        case (false, true, true, true): return "┬"
        case (true, false, true, true): return "┴"
        case (false, true, false, true): return "┌"
        case (false, true, true, false): return "┐"
        case (true, false, false, true): return "└"
        case (true, false, true, false): return "┘"
        case (true, _, false, false), (_, true, false, false): return "│"
        default: return "─"
        }
    }
}
