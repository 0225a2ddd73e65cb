/// Where a job's source stands on one shard: the part of the source that checkpoints capture.
///
/// Positions are sequence numbers, not iterators: iterators expire after five minutes, while a
/// checkpoint may be restored much later, so a restore asks for a fresh AFTER_SEQUENCE_NUMBER
/// iterator (REFERENCE §2.3).
public struct ShardCursor: Sendable, Equatable {
    public enum Start: Sendable, Equatable {
        case trimHorizon, latest
        case atTimestamp(SimInstant)
    }

    public let shardID: String
    public let parentShardIDs: [String]
    /// Where reading starts when nothing has been read yet.
    public var start: Start
    /// The last record processed; reading resumes after it.
    public var lastSequenceNumber: String?
    /// Read to SHARD_END: the children may start.
    public var isFinished = false
    /// Highest event time seen on this shard, for the per-shard watermark.
    public var maxEventTime: SimInstant?
    /// When this shard last delivered a record (processing time), to mark idle shards.
    public var lastRecordAt: SimInstant?
    public var millisBehindLatest: Int64 = 0

    /// Not checkpointed: recreated from the position after a restore.
    var iterator: String?

    public static func == (a: ShardCursor, b: ShardCursor) -> Bool {
        a.shardID == b.shardID && a.lastSequenceNumber == b.lastSequenceNumber && a.isFinished == b.isFinished
            && a.maxEventTime == b.maxEventTime && a.start == b.start
    }

    /// The copy a checkpoint keeps.
    var checkpointed: ShardCursor {
        var c = self
        c.iterator = nil
        return c
    }
}
