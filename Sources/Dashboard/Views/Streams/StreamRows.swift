import Estate
import Terminal

/// How streams and shards read as table rows.
enum StreamRow {
    static let columns = [
        TableColumn("NAME", width: .flex(min: 10, weight: 1)),
        TableColumn("STATUS", width: .fixed(9)),
        TableColumn("SHARDS", width: .fixed(6), alignment: .right),
        TableColumn("RECORDS/S", width: .flex(min: 9, weight: 2)),
        TableColumn("BYTES/S", width: .fixed(9), alignment: .right),
        TableColumn("THROTTLED", width: .fixed(10), alignment: .right),
        TableColumn("RETENTION", width: .fixed(9), alignment: .right),
        TableColumn("CONSUMERS", width: .flex(min: 9, weight: 1)),
        TableColumn("MEMORY", width: .fixed(8), alignment: .right),
        TableColumn("DISK", width: .fixed(8), alignment: .right),
    ]

    static func cells(_ s: StreamSummary, theme: Theme, rateWidth: Int) -> [TableCell] {
        let rate = s.recordsPerSecond.last ?? 0
        let rateText = TextWidth.pad(Format.count(Int(rate)), to: 6, alignment: .right) + " "
        // Scaled to the stream's write limit, so the graph shows how close it runs to throttling.
        let graph = Sparkline.string(values: s.recordsPerSecond, width: max(0, rateWidth - 7), max: Double(max(1, s.openShards) * 1000))
        let throttled = s.throttledLastMinute
        return [
            TableCell(s.name),
            TableCell(s.status, style: s.status == "ACTIVE" ? theme["ok"] : theme["warning"]),
            TableCell(String(s.openShards)),
            TableCell(rateText + graph, style: theme["sparkline"]),
            TableCell(Format.bytes(s.bytesPerSecond)),
            TableCell(throttled > 0 ? Format.count(throttled) : "0", style: throttled > 0 ? theme["stream.hot"] : theme["dim"]),
            TableCell("\(s.retentionHours) h"),
            TableCell(s.consumers.isEmpty ? "–" : s.consumers.joined(separator: ", ")),
            TableCell(Format.bytes(Double(s.memoryBytes))),
            TableCell(Format.bytes(Double(s.diskBytes)), style: s.diskBytes > 0 ? nil : theme["dim"]),
        ]
    }
}

enum ShardRow {
    /// The fixed columns; one LAG column per consumer application follows.
    static func columns(apps: [String]) -> [TableColumn] {
        [
            TableColumn("SHARD", width: .fixed(20)),
            TableColumn("STATE", width: .fixed(6)),
            TableColumn("PARENT", width: .fixed(20)),
            TableColumn("HASH KEY RANGE", width: .flex(min: 12, weight: 2)),
            TableColumn("REC/S", width: .flex(min: 6, weight: 1)),
            TableColumn("THROTTLED", width: .fixed(9), alignment: .right),
            TableColumn("RETAINED", width: .fixed(8), alignment: .right),
        ] + apps.map { TableColumn("LAG " + $0, width: .fixed(max(10, min(16, $0.count + 4))), alignment: .right) }
    }

    static func cells(_ s: ShardSummary, theme: Theme, rangeWidth: Int, rateWidth: Int) -> [TableCell] {
        let closed = !s.isOpen
        let rate = s.recordsPerSecond.last ?? 0
        var cells = [
            TableCell(s.shardID, style: closed ? theme["shard.closed"] : nil),
            TableCell(closed ? "closed" : "open", style: closed ? theme["shard.closed"] : theme["ok"]),
            TableCell(s.parents.isEmpty ? "–" : s.parents.joined(separator: "+"), style: theme["dim"]),
            TableCell(rangeBar(s.range, width: rangeWidth), style: closed ? theme["shard.closed"] : theme["accent"]),
            TableCell(TextWidth.pad(String(Int(rate)), to: 5, alignment: .right) + " " +
                      Sparkline.string(values: s.recordsPerSecond, width: max(0, rateWidth - 6), max: 1000), style: theme["sparkline"]),
            TableCell(Format.count(s.throttledWrites), style: s.throttledWrites > 0 ? theme["stream.hot"] : theme["dim"]),
            TableCell(Format.count(s.retained)),
        ]
        for lag in s.lagMilliseconds {
            cells.append(TableCell(lag.map { "\(Format.count(Int($0))) ms" } ?? "–", style: (lag ?? 0) > 10_000 ? theme["warning"] : nil))
        }
        return cells
    }

    /// The shard's slice of the 128-bit key space drawn across `width` cells: `───███────`.
    /// Eighth blocks would suggest precision a few cells cannot carry, so cells are whole.
    static func rangeBar(_ range: ClosedRange<UInt128>, width: Int) -> String {
        guard width > 0 else { return "" }
        let top = Double(UInt128.max)
        let start = Int((Double(range.lowerBound) / top * Double(width)).rounded(.down))
        let end = max(start + 1, Int((Double(range.upperBound) / top * Double(width)).rounded(.up)))
        return String((0..<width).map { $0 >= start && $0 < end ? "█" : "─" })
    }
}
