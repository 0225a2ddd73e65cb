/// A checkpoint or savepoint: source positions per shard and every operator's state, captured
/// together at one barrier, plus the records still waiting for a sink.
///
/// The runtime takes it between polls, when no record is in flight between operators — the state
/// an aligned barrier produces — so restoring it replays exactly the records after it.
public struct JobSnapshot: Sendable {
    public let id: Int
    public let takenAt: SimInstant
    public let parallelism: Int
    public let sizeBytes: Int
    /// Modelled time to write the state (a fixed cost plus the bytes at 50 MB/s).
    public let duration: SimDuration
    var cursors: [ShardCursor]
    /// [output][subtask]
    var windowStates: [[WindowOperatorState]]
    /// [output][sink]
    var buffers: [[[JobOutputRecord]]]
    var watermark: Int64?
    var lateCounts: [Int]

    /// Source positions as the dump and DescribeApplication show them.
    public var positions: [(shardID: String, sequenceNumber: String?, finished: Bool)] {
        cursors.map { ($0.shardID, $0.lastSequenceNumber, $0.isFinished) }
    }

    static func modelledDuration(bytes: Int) -> SimDuration {
        .milliseconds(20 + Int64(bytes / 50_000))
    }
}

/// A savepoint kept by name (AWS: an application snapshot).
public struct NamedSnapshot: Sendable {
    public let name: String
    public let createdAt: SimInstant
    public let applicationVersionID: Int64
    public let snapshot: JobSnapshot
}
