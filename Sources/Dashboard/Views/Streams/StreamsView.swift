import Foundation
import Estate
import Terminal

extension ViewID {
    public static let streams = ViewID("streams")
}

/// The Streams view: streams → a stream's shards and consumers → a live tail, each a level that
/// Esc leaves.
public struct StreamsView: DashboardView {
    public var table = TableState()
    /// The stream whose shards are open, if any.
    public var openStream: String?
    public var shardTable = TableState()
    /// The live tail, when one is open; it sits above the other two levels.
    public var tail: StreamTail?
    /// Streams as listed, and the open stream's shards and leases; rebuilt when Kinesis changed
    /// or the clock's second did (rates are per second and come without events).
    public private(set) var streams: [StreamSummary] = []
    public private(set) var shards: (apps: [String], shards: [ShardSummary], leases: [LeaseTable])?
    private var modelKey: ModelKey?

    struct ModelKey: Equatable {
        let version: UInt64, second: Int64, openStream: String?
    }

    public init() {}

    public var scope: Action.Scope { tail != nil ? .tail : .streams }

    public var footerActions: [Action] {
        if tail != nil { return [.back, .follow, .toggleHex, .wrap, .timestamps, .prettyJSON, .clearTail, .filter, .up, .bottom] }
        if openStream != nil { return [.back, .open, .tail] }
        return [.open, .tail]
    }

    public var filterText: String? { tail.map(\.filter) }

    public var breadcrumbs: [String] {
        if let tail { return [tail.streamName, tail.shardID ?? "all shards"] }
        return openStream.map { [$0] } ?? []
    }

    /// `:stream NAME` opens a stream's shards; `:stream NAME SHARD` tails one shard, given by its
    /// id or its number (`2` is `shardId-000000000002`). Checked first, so a wrong name changes nothing.
    public mutating func drill(into path: [String], _ context: ViewContext) -> String? {
        guard path.count <= 2 else { return "a stream has two levels, its name and a shard: \(path.joined(separator: " "))" }
        let kinesis = context.estate.kinesis
        var shardID: String?
        if let name = path.first {
            guard let stream = kinesis.stream(named: name) else {
                let names = kinesis.streams.map(\.name)
                return "no stream named \(name); streams: \(names.isEmpty ? "none" : names.joined(separator: ", "))"
            }
            if path.count == 2 {
                let ids = stream.listedShards.map(\.shardID)
                let wanted = Int(path[1]).map { String(format: "shardId-%012d", $0) } ?? path[1]
                guard ids.contains(wanted) else { return "stream \(name) has no shard \(path[1]); shards: \(ids.joined(separator: ", "))" }
                shardID = wanted
            }
        }
        tail = nil
        openStream = nil
        shards = nil
        _ = refresh(context)
        guard let name = path.first else { return nil }
        table.selected = streams.firstIndex { $0.name == name }
        openStream = name
        shardTable = TableState()
        _ = refresh(context)
        if let shardID {
            shardTable.selected = self.shards?.shards.firstIndex { $0.shardID == shardID }
            openTail(stream: name, shard: shardID, context)
        }
        return nil
    }

    public var liveRefreshMilliseconds: Int? { tail?.log.isFollowing == true ? 100 : nil }

    public var selectedStreamName: String? {
        guard let i = table.selected, streams.indices.contains(i) else { return nil }
        return streams[i].name
    }

    var selectedShardID: String? {
        guard let shards = shards?.shards, let i = shardTable.selected, shards.indices.contains(i) else { return nil }
        return shards[i].shardID
    }

    // MARK: - Model

    public mutating func refresh(_ context: ViewContext) -> Bool {
        var changed = false
        if var t = tail {
            // The tail pulls from the stream's ring: records do not cross the bus one by one.
            if t.pull(from: context.estate.kinesis, theme: context.theme) { changed = true }
            tail = t
        }
        let key = ModelKey(version: context.versions["kinesis"], second: context.estate.now.milliseconds / 1000, openStream: openStream)
        guard key != modelKey else { return changed }
        modelKey = key
        let kinesis = context.estate.kinesis
        streams = Self.summaries(kinesis)
        table.clamp(rowCount: streams.count)
        if let name = openStream, let stream = kinesis.stream(named: name) {
            shards = Self.shardSummaries(stream, kinesis: kinesis)
            shardTable.clamp(rowCount: shards?.shards.count ?? 0)
        } else {
            shards = nil
        }
        return true
    }

    static func summaries(_ kinesis: KinesisService) -> [StreamSummary] {
        kinesis.streams.map { s in
            StreamSummary(
                name: s.name, status: s.status.rawValue, openShards: s.openShardCount,
                recordsPerSecond: s.metrics.incomingRecords.values, bytesPerSecond: s.metrics.incomingBytes.last ?? 0,
                throttledLastMinute: Int(s.metrics.throttledWrites.values.suffix(60).reduce(0, +)),
                retentionHours: s.retentionHours,
                consumers: kinesis.consumerApplications.filter { $0.streamName == s.name }.map(\.name)
                    + kinesis.streamConsumers.filter { $0.streamName == s.name }.map(fanOutLabel),
                memoryBytes: s.memoryBytes, diskBytes: s.diskBytes)
        }
    }

    /// An enhanced fan-out consumer beside the KCL applications: its name, marked, with its
    /// status until it is ACTIVE.
    static func fanOutLabel(_ c: StreamConsumer) -> String {
        c.status == .active ? "\(c.name) (EFO)" : "\(c.name) (EFO \(c.status.rawValue))"
    }

    static func shardSummaries(_ stream: KinesisStream, kinesis: KinesisService) -> (apps: [String], shards: [ShardSummary], leases: [LeaseTable]) {
        let apps = kinesis.consumerApplications.filter { $0.streamName == stream.name }
        // Enhanced fan-out consumers get a lag column beside the applications': how far their
        // subscription to each shard is behind (– without one).
        let fanOut = kinesis.streamConsumers.filter { $0.streamName == stream.name }
        let shards = stream.listedShards.map { shard in
            ShardSummary(shardID: shard.shardID, isOpen: shard.isOpen, parents: shard.parentShardIDs, range: shard.hashKeyRange,
                         recordsPerSecond: shard.incomingRecordsPerSecond.values, throttledWrites: shard.totals.throttledWrites,
                         retained: shard.retainedRecordCount,
                         lagMilliseconds: apps.map { $0.lease(shard.shardID)?.millisBehindLatest }
                             + fanOut.map { kinesis.fanOutMillisBehind(consumerARN: $0.arn, shardID: shard.shardID) })
        }
        let leases = apps.map { app in
            LeaseTable(application: app.name,
                       workers: app.workers.map { ($0.workerID, $0.isAlive, app.leaseCount(of: $0.workerID)) },
                       leases: app.leases)
        }
        return (apps.map(\.name) + fanOut.map(fanOutLabel), shards, leases)
    }

    /// The Overview's Streams tile, when the estate has streams.
    static func overviewTile(_ context: ViewContext) -> OverviewTile? {
        let kinesis = context.estate.kinesis
        guard !kinesis.streams.isEmpty else { return nil }
        return StreamsPanels.tile(summaries(kinesis), theme: context.theme)
    }

    // MARK: - Input

    public mutating func handle(_ action: Action, _ context: ViewContext) -> [Effect] {
        if var t = tail {
            switch action {
            case .follow: t.log.toggleFollow()
            case .toggleHex: t.toggleHex(theme: context.theme)
            case .wrap: t.toggleWrap()
            case .timestamps: t.toggleTimestamps(theme: context.theme)
            case .prettyJSON: t.togglePrettyJSON(theme: context.theme)
            case .clearTail: t.clear()
            case .top: t.log.scrollToTop()
            case .bottom: t.log.scrollToBottom()
            case .pageUp: t.log.pageUp()
            case .pageDown: t.log.pageDown()
            case .up: t.log.scrollUp(1)
            case .down: t.log.scrollDown(1)
            case .back: tail = nil; return []
            default: return []
            }
            tail = t
            return []
        }
        if let rows = action.listMove(pageRows: currentTable.visibleRows) {
            scroll(by: rows, context)
            return []
        }
        switch action {
        case .open:
            // Enter: a stream opens its shards, a shard opens its tail.
            if let stream = openStream {
                if let shard = selectedShardID { openTail(stream: stream, shard: shard, context) }
            } else if let name = selectedStreamName {
                openStream = name
                shardTable = TableState()
                _ = refresh(context)
            }
        case .tail:
            if let name = openStream ?? selectedStreamName { openTail(stream: name, shard: nil, context) }
        case .back:
            if openStream != nil { openStream = nil; shards = nil }
        default: break
        }
        return []
    }

    private var currentTable: TableState { openStream != nil ? shardTable : table }

    private mutating func openTail(stream: String, shard: String?, _ context: ViewContext) {
        tail = StreamTail(streamName: stream, shardID: shard, cursor: context.estate.kinesis.tailCursor(streamName: stream))
        _ = refresh(context)
    }

    public mutating func setFilter(_ text: String, _ context: ViewContext) {
        guard var t = tail else { return }
        t.setFilter(text, theme: context.theme)
        tail = t
    }

    public mutating func scroll(by rows: Int, _ context: ViewContext) {
        if var t = tail {
            if rows < 0 { t.log.scrollUp(-rows) } else { t.log.scrollDown(rows) }
            tail = t
        } else if openStream != nil {
            shardTable.move(by: rows, rowCount: shards?.shards.count ?? 0)
        } else {
            table.move(by: rows, rowCount: streams.count)
        }
    }

    public mutating func click(at point: Point, layout: ViewLayout, _ context: ViewContext) -> [Effect] {
        guard tail == nil, let list = layout.list else { return [] }
        let count = openStream != nil ? (shards?.shards.count ?? 0) : streams.count
        guard let row = list.row(at: point, rowCount: count) else { return [] }
        scroll(by: currentTable.distance(to: row), context)
        return []
    }

    // MARK: - Layout and drawing

    public func layout(in area: Rect) -> ViewLayout {
        if tail != nil {
            // The tail's border, then a status row, then the records.
            return ViewLayout(area: area, pageRows: max(1, area.height - 3))
        }
        if openStream != nil, let shards {
            let inner = Chrome.listPanelInner(StreamsPanels.shardsParts(area, leases: shards.leases)[0])
            let list = ListLayout.table(shardTable, rowCount: shards.shards.count, in: inner)
            return ViewLayout(area: area, list: list, pageRows: list.body.height)
        }
        let list = ListLayout.table(table, rowCount: streams.count, in: Chrome.listPanelInner(area))
        return ViewLayout(area: area, list: list, pageRows: list.body.height)
    }

    public mutating func apply(_ layout: ViewLayout, _ context: ViewContext) {
        if var t = tail {
            t.log.viewHeight = layout.pageRows
            tail = t
        } else if let list = layout.list {
            if openStream != nil { shardTable = list.table } else { table = list.table }
        }
    }

    public func render(_ layout: ViewLayout, theme: Theme, into buffer: inout Buffer) {
        let area = layout.area
        if let tail {
            TailPanel.render(tail, theme: theme, into: &buffer, area: area)
            return
        }
        if let name = openStream, let shards, let summary = streams.first(where: { $0.name == name }) {
            StreamsPanels.renderShards(stream: summary, shards: shards.shards, apps: shards.apps, leases: shards.leases,
                                       table: layout.list?.table ?? shardTable, theme: theme, into: &buffer, area: area)
            return
        }
        StreamsPanels.renderList(streams, table: layout.list?.table ?? table, theme: theme, into: &buffer, area: area)
    }
}
