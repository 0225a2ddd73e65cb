import Estate
import Terminal

/// `d`, `y`, `c` and `Ctrl-S` in the Streams view: a stream, a shard, or the tail's text.
extension StreamsView: Inspectable {
    public var inspection: Inspection? {
        if let tail {
            if let shard = tail.shardID { return Self.shardInspection(stream: tail.streamName, shard: shard, among: shards?.shards.map(\.shardID) ?? []) }
            return Self.streamInspection(tail.streamName)
        }
        if let stream = openStream {
            guard let shard = selectedShardID else { return nil }
            return Self.shardInspection(stream: stream, shard: shard, among: shards?.shards.map(\.shardID) ?? [])
        }
        return selectedStreamName.map(Self.streamInspection)
    }

    public var copyText: String? { tail?.copyText }

    public var saveText: (name: String, text: String)? {
        guard let tail else { return nil }
        return ("tail-\(tail.streamName)" + (tail.shardID.map { "-" + $0 } ?? ""), tail.text)
    }

    static func streamInspection(_ name: String) -> Inspection {
        Inspection(kind: "Stream", id: name, command: "kinesis describe-stream --stream-name \(name)")
    }

    /// AWS has no describe of one shard: ListShards after the shard before it, one result, is
    /// the CLI line that prints exactly that shard (shard IDs sort as ListShards lists them).
    static func shardInspection(stream: String, shard: String, among ids: [String]) -> Inspection {
        var command = "kinesis list-shards --stream-name \(stream) --max-results 1"
        if let previous = ids.filter({ $0 < shard }).max() { command += " --exclusive-start-shard-id \(previous)" }
        return Inspection(kind: "Shard", id: shard, command: command)
    }

    /// `:since 15m`: the tail starts again that much virtual time ago, as an AT_TIMESTAMP
    /// iterator would read it, then goes on live. Returns what to say, or nil when no tail is open.
    mutating func restartTail(since duration: SimDuration, label: String, _ context: ViewContext) -> String? {
        guard let old = tail else { return nil }
        let kinesis = context.estate.kinesis
        let instant = SimInstant(milliseconds: max(0, context.estate.now.milliseconds - duration.milliseconds))
        // The live cursor is taken first: everything up to it is read from the store below.
        let cursor = kinesis.tailCursor(streamName: old.streamName)
        let page = kinesis.tailRecords(streamName: old.streamName, shardID: old.shardID, arrivedAtOrAfter: instant, limit: StreamTail.capacity)
        tail = StreamTail(restarting: old, since: label, records: page.records, skipped: page.skipped, cursor: cursor, theme: context.theme)
        var text = "Tail of \(old.streamName) from \(SimCalendar.iso8601(instant)) (AT_TIMESTAMP): \(page.records.count) records"
        if page.skipped > 0 { text += ", \(page.skipped) older ones skipped" }
        return text
    }
}
