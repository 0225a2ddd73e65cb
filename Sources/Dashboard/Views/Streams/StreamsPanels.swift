import Estate
import Terminal

/// One stream as the Streams view and the Overview show it.
public struct StreamSummary: Sendable {
    public var name: String
    public var status: String
    public var openShards: Int
    public var recordsPerSecond: [Double]
    public var bytesPerSecond: Double
    public var throttledLastMinute: Int
    public var retentionHours: Int
    public var consumers: [String]
    /// The stream's records in memory and in segments on disk (the record store's two tiers).
    public var memoryBytes = 0
    public var diskBytes = 0
}

/// One shard row, with each consumer application's lag on it.
public struct ShardSummary: Sendable {
    public var shardID: String
    public var isOpen: Bool
    public var parents: [String]
    public var range: ClosedRange<UInt128>
    public var recordsPerSecond: [Double]
    public var throttledWrites: Int
    public var retained: Int
    public var lagMilliseconds: [Int64?]
}

/// A consumer application's lease table, for the shards level.
public struct LeaseTable: Sendable {
    public var application: String
    public var workers: [(id: String, alive: Bool, leases: Int)]
    public var leases: [Lease]
}

enum StreamsPanels {
    static func renderList(_ streams: [StreamSummary], table state: TableState, theme: Theme, into buffer: inout Buffer, area: Rect) {
        let inner = Block(title: "Streams (\(streams.count))", titleStyle: theme["title"], borderStyle: theme["border"])
            .render(into: &buffer, area: area).inset(horizontal: 1, vertical: 0)
        guard !inner.isEmpty else { return }
        if streams.isEmpty {
            _ = buffer.write("No streams. Try :kinesis create-stream --stream-name demo --shard-count 2", at: inner.origin, style: theme["dim"], maxWidth: inner.width)
            return
        }
        let rateWidth = TableColumn.place(StreamRow.columns, in: inner.width, spacing: 1).first { $0.column == 3 }?.width ?? 0
        let table = Table(columns: StreamRow.columns, rowCount: streams.count, headerStyle: theme["table.header"],
                          selectionStyle: theme["selection"]) { StreamRow.cells(streams[$0], theme: theme, rateWidth: rateWidth) }
        table.render(into: &buffer, area: inner, state: state)
    }

    static func renderShards(stream: StreamSummary, shards: [ShardSummary], apps: [String], leases: [LeaseTable],
                             table state: TableState, theme: Theme, into buffer: inout Buffer, area: Rect) {
        let parts = shardsParts(area, leases: leases)
        let title = "\(stream.name) · \(stream.status) · \(stream.openShards) open shards · hash key space 0…2¹²⁸−1"
        let inner = Block(title: title, titleStyle: theme["title"], borderStyle: theme["border"])
            .render(into: &buffer, area: parts[0]).inset(horizontal: 1, vertical: 0)
        if !inner.isEmpty {
            let columns = ShardRow.columns(apps: apps)
            let placements = TableColumn.place(columns, in: inner.width, spacing: 1)
            let rangeWidth = placements.first { $0.column == 3 }?.width ?? 0
            let rateWidth = placements.first { $0.column == 4 }?.width ?? 0
            let table = Table(columns: columns, rowCount: shards.count, headerStyle: theme["table.header"], selectionStyle: theme["selection"]) {
                ShardRow.cells(shards[$0], theme: theme, rangeWidth: rangeWidth, rateWidth: rateWidth)
            }
            table.render(into: &buffer, area: inner, state: state)
        }
        renderLeases(leases, theme: theme, into: &buffer, area: parts[1])
    }

    /// The shard table above, the lease tables below (at most half the height).
    static func shardsParts(_ area: Rect, leases: [LeaseTable]) -> [Rect] {
        let leaseRows = leases.reduce(0) { $0 + $1.leases.count + 2 }
        return area.rows([.fill, .fixed(leases.isEmpty ? 0 : min(leaseRows + 2, area.height / 2))])
    }

    static func renderLeases(_ tables: [LeaseTable], theme: Theme, into buffer: inout Buffer, area: Rect) {
        guard !tables.isEmpty else { return }
        let inner = Block(title: "Consumer applications (KCL lease tables)", titleStyle: theme["title"], borderStyle: theme["border"])
            .render(into: &buffer, area: area).inset(horizontal: 1, vertical: 0)
        var y = inner.y
        func write(_ line: Line) {
            guard y < inner.bottom else { return }
            _ = buffer.write(line, at: Point(x: inner.x, y: y), maxWidth: inner.width)
            y += 1
        }
        for t in tables {
            let workers = t.workers.map { "\($0.id)\($0.alive ? "" : " (dead)") ×\($0.leases)" }.joined(separator: "  ")
            write(Line([Span(t.application, style: theme["accent"]), Span("  workers: " + workers, style: theme["dim"])]))
            write(Line(TextWidth.pad("  LEASE KEY", to: 23) + TextWidth.pad("OWNER", to: 14) + TextWidth.pad("COUNTER", to: 9)
                       + TextWidth.pad("CHECKPOINT", to: 16) + TextWidth.pad("PROCESSED", to: 11) + "BEHIND", style: theme["table.header"]))
            for lease in t.leases {
                let checkpoint = lease.checkpoint.count > 14 ? "…" + lease.checkpoint.suffix(13) : lease.checkpoint
                write(Line([
                    Span("  " + TextWidth.pad(lease.leaseKey, to: 21), style: lease.isFinished ? theme["shard.closed"] : .plain),
                    Span(TextWidth.pad(lease.leaseOwner ?? "(none)", to: 14), style: lease.leaseOwner == nil ? theme["warning"] : .plain),
                    Span(TextWidth.pad(String(lease.leaseCounter), to: 9)),
                    Span(TextWidth.pad(checkpoint, to: 16), style: theme["dim"]),
                    Span(TextWidth.pad(Format.count(lease.recordsProcessed), to: 11)),
                    Span(lease.millisBehindLatest.map { "\(Format.count(Int($0))) ms" } ?? "–"),
                ]))
            }
        }
    }

    /// The Overview tile: one line per stream with its rate.
    static func tile(_ streams: [StreamSummary], theme: Theme) -> OverviewTile {
        OverviewTile(title: "Streams") { width in tileLines(streams, theme: theme, width: width) }
    }

    static func tileLines(_ streams: [StreamSummary], theme: Theme, width: Int) -> [Line] {
        let graphWidth = max(0, OverviewPanels.tileTextWidth(screenWidth: width) - 37)
        let lines = streams.prefix(6).map { s -> Line in
            Line([
                Span(TextWidth.pad(TextWidth.truncate(s.name, to: 14), to: 15), style: theme["accent"]),
                Span(TextWidth.pad("\(s.openShards) shards", to: 10), style: theme["dim"]),
                Span(TextWidth.pad(Format.count(Int(s.recordsPerSecond.last ?? 0)) + " rec/s", to: 12)),
                Span(Sparkline.string(values: s.recordsPerSecond, width: graphWidth, max: (s.recordsPerSecond.max() ?? 0) * 1.25), style: theme["sparkline"]),
                Span(s.throttledLastMinute > 0 ? "  ⚠ \(Format.count(s.throttledLastMinute)) throttled" : "", style: theme["stream.hot"]),
            ])
        }
        return lines.isEmpty ? [Line("No streams.", style: theme["dim"])] : lines
    }
}

/// The live tail: records as they arrive, with what was skipped said plainly.
enum TailPanel {
    static func render(_ tail: StreamTail, theme: Theme, into buffer: inout Buffer, area: Rect) {
        var title = "Tail · \(tail.streamName)"
        if let shard = tail.shardID { title += " · \(shard)" }
        title += tail.log.isFollowing ? " · following" : " · paused"
        if !tail.filter.isEmpty { title += " · filter /\(tail.filter)" }
        if tail.hex { title += " · hex" }
        if let since = tail.since { title += " · since \(since)" }
        if tail.wrap { title += " · wrap" }
        if !tail.timestamps { title += " · no time" }
        if tail.prettyJSON { title += " · JSON" }
        let inner = Block(title: title, titleStyle: theme["title"], borderStyle: theme["border"])
            .render(into: &buffer, area: area).inset(horizontal: 1, vertical: 0)
        guard !inner.isEmpty else { return }
        let parts = inner.rows([.fixed(min(1, inner.height)), .fill])
        var status = "\(Format.count(Int(tail.received))) records received"
        status += tail.skipped > 0 ? " · \(Format.count(Int(tail.skipped))) skipped (arrived faster than the tail keeps)" : " · none skipped"
        if tail.log.droppedCount > 0 { status += " · oldest \(Format.count(tail.log.droppedCount)) scrolled out" }
        _ = buffer.write(status, at: parts[0].origin, style: tail.skipped > 0 ? theme["warning"] : theme["dim"], maxWidth: parts[0].width)
        var log = tail.log
        log.viewHeight = parts[1].height
        if log.lines.isEmpty {
            _ = buffer.write("Waiting for records…", at: parts[1].origin, style: theme["dim"], maxWidth: parts[1].width)
        } else if tail.wrap {
            renderWrapped(log, theme: theme, into: &buffer, area: parts[1])
        } else {
            log.render(into: &buffer, area: parts[1])
        }
    }

    /// The tail with long lines folded onto the rows below: following, the newest line ends at
    /// the bottom; scrolled back, the line at the top of the scroll starts the screen.
    static func renderWrapped(_ log: LogView, theme: Theme, into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        var rows: [Line] = []
        if log.isFollowing {
            var index = log.lines.count - 1
            while index >= 0, rows.count < area.height {
                rows.insert(contentsOf: wrap(log.lines[index], width: area.width), at: 0)
                index -= 1
            }
            rows = Array(rows.suffix(area.height))
        } else {
            var index = log.firstVisible(height: area.height)
            while index < log.lines.count, rows.count < area.height {
                rows.append(contentsOf: wrap(log.lines[index], width: area.width))
                index += 1
            }
        }
        for (row, line) in rows.prefix(area.height).enumerated() {
            _ = buffer.write(line, at: Point(x: area.x, y: area.y + row), maxWidth: area.width)
        }
    }

    /// A line cut into rows of at most `width` columns, styles kept.
    static func wrap(_ line: Line, width: Int) -> [Line] {
        guard width > 0, line.width > width else { return [line] }
        var rows: [Line] = []
        var current: [Span] = []
        var used = 0
        for span in line.spans {
            var piece = ""
            for character in span.text {
                let w = TextWidth.of(String(character))
                if used + w > width {
                    if !piece.isEmpty { current.append(Span(piece, style: span.style)); piece = "" }
                    rows.append(Line(current))
                    current = []
                    used = 0
                }
                piece.append(character)
                used += w
            }
            if !piece.isEmpty { current.append(Span(piece, style: span.style)) }
        }
        if !current.isEmpty { rows.append(Line(current)) }
        return rows
    }
}
