import Estate
import Terminal

/// The Streams view: its models, its levels (streams → shards → tail) and its keys.
extension Dashboard {
    var kinesis: KinesisService { estate.kinesis }

    var isTailing: Bool { state.view == .streams && state.streams.tail?.log.isFollowing == true }

    // MARK: - Models

    func streamSummaries() -> [StreamSummary] {
        kinesis.streams.map { s in
            StreamSummary(
                name: s.name, status: s.status.rawValue, openShards: s.openShardCount,
                recordsPerSecond: s.metrics.incomingRecords.values, bytesPerSecond: s.metrics.incomingBytes.last ?? 0,
                throttledLastMinute: Int(s.metrics.throttledWrites.values.suffix(60).reduce(0, +)),
                retentionHours: s.retentionHours,
                consumers: kinesis.consumerApplications.filter { $0.streamName == s.name }.map(\.name))
        }
    }

    func shardSummaries(_ stream: KinesisStream) -> (apps: [String], shards: [ShardSummary], leases: [LeaseTable]) {
        let apps = kinesis.consumerApplications.filter { $0.streamName == stream.name }
        let shards = stream.listedShards.map { shard in
            ShardSummary(shardID: shard.shardID, isOpen: shard.isOpen, parents: shard.parentShardIDs, range: shard.hashKeyRange,
                         recordsPerSecond: shard.incomingRecordsPerSecond.values, throttledWrites: shard.totals.throttledWrites,
                         retained: shard.retainedRecordCount,
                         lagMilliseconds: apps.map { $0.lease(shard.shardID)?.millisBehindLatest })
        }
        let leases = apps.map { app in
            LeaseTable(application: app.name,
                       workers: app.workers.map { ($0.workerID, $0.isAlive, app.leaseCount(of: $0.workerID)) },
                       leases: app.leases)
        }
        return (apps.map(\.name), shards, leases)
    }

    func streamsOverviewTile(width: Int) -> OverviewTile? {
        guard !kinesis.streams.isEmpty else { return nil }
        return StreamsView.tile(streamSummaries(), theme: theme, width: width)
    }

    /// New tail records since the last frame; called before drawing.
    func pullTail() {
        guard var tail = state.streams.tail else { return }
        if tail.pull(from: kinesis, theme: theme) { needsRedraw = true }
        state.streams.tail = tail
    }

    // MARK: - Rendering

    func renderStreams(into buffer: inout Buffer, area: Rect) {
        if let tail = state.streams.tail {
            TailView.render(tail, theme: theme, into: &buffer, area: area)
            if var t = state.streams.tail { t.log.viewHeight = max(1, area.height - 3); state.streams.tail = t }
            return
        }
        let summaries = streamSummaries()
        if let name = state.streams.openStream, let stream = kinesis.stream(named: name),
           let summary = summaries.first(where: { $0.name == name }) {
            let (apps, shards, leases) = shardSummaries(stream)
            StreamsView.renderShards(stream: summary, shards: shards, apps: apps, leases: leases,
                                     table: &state.streams.shardTable, theme: theme, into: &buffer, area: area)
            tableBodyTop = area.y + 2
            return
        }
        StreamsView.renderList(summaries, table: &state.streams.table, theme: theme, into: &buffer, area: area)
        tableBodyTop = area.y + 2
    }

    var streamsFooter: [Action] {
        if state.streams.tail != nil { return [.back, .follow, .toggleHex, .filter, .up, .bottom] }
        if state.streams.openStream != nil { return [.back, .open, .tail] }
        return [.open, .tail]
    }

    // MARK: - Input

    var selectedStreamName: String? {
        let streams = kinesis.streams
        guard let i = state.streams.table.selected, streams.indices.contains(i) else { return nil }
        return streams[i].name
    }

    var selectedShardID: String? {
        guard let name = state.streams.openStream, let stream = kinesis.stream(named: name) else { return nil }
        let shards = stream.listedShards
        guard let i = state.streams.shardTable.selected, shards.indices.contains(i) else { return nil }
        return shards[i].shardID
    }

    /// Enter: a stream opens its shards, a shard opens its tail.
    func openInStreams() {
        if state.streams.tail != nil { return }
        if state.streams.openStream != nil {
            if let shard = selectedShardID, let stream = state.streams.openStream { openTail(stream: stream, shard: shard) }
        } else if let name = selectedStreamName {
            state.streams.openStream = name
            state.streams.shardTable = TableState()
        }
    }

    /// `t`: tail the selected (or open) stream.
    func tailSelectedStream() {
        guard state.streams.tail == nil, let name = state.streams.openStream ?? selectedStreamName else { return }
        openTail(stream: name, shard: nil)
    }

    func openTail(stream: String, shard: String?) {
        state.streams.tail = StreamTail(streamName: stream, shardID: shard, cursor: kinesis.tailCursor(streamName: stream))
        pullTail()
    }

    /// Esc in Streams leaves one level: tail → shards → list.
    func backInStreams() -> Bool {
        if state.streams.tail != nil { state.streams.tail = nil; return true }
        if state.streams.openStream != nil { state.streams.openStream = nil; return true }
        return false
    }

    func moveInStreams(by delta: Int) {
        if var tail = state.streams.tail {
            if delta < 0 { tail.log.scrollUp(-delta) } else { tail.log.scrollDown(delta) }
            state.streams.tail = tail
        } else if let name = state.streams.openStream, let stream = kinesis.stream(named: name) {
            state.streams.shardTable.move(by: delta, rowCount: stream.listedShards.count)
        } else {
            state.streams.table.move(by: delta, rowCount: kinesis.streams.count)
        }
    }

    func tailAction(_ action: Action) {
        guard var tail = state.streams.tail else { return }
        switch action {
        case .follow: tail.log.toggleFollow()
        case .toggleHex: tail.toggleHex(theme: theme)
        case .top: tail.log.scrollToTop()
        case .bottom: tail.log.scrollToBottom()
        case .pageUp: tail.log.pageUp()
        case .pageDown: tail.log.pageDown()
        default: break
        }
        state.streams.tail = tail
    }

    func setTailFilter(_ text: String) {
        guard var tail = state.streams.tail else { return }
        tail.setFilter(text, theme: theme)
        state.streams.tail = tail
    }
}
