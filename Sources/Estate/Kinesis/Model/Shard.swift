/// One shard: its place in the key space, its lineage, its records and its limits.
///
/// A class because the write path mutates it at a million records a second; reaching it through
/// the stream's array by reference avoids copy-on-write checks of the whole stream.
public final class Shard {
    public let index: Int
    public let shardID: String
    public let hashKeyRange: ClosedRange<UInt128>
    /// `ParentShardId`: the split parent, or the lower of two merged shards.
    public let parentShardID: String?
    /// `AdjacentParentShardId`: the upper of two merged shards.
    public let adjacentParentShardID: String?
    /// Every shard this one took key space from: one after a split, two after a merge, never more
    /// (UpdateShardCount works through splits and merges too).
    public let parentShardIDs: [String]
    public let createdAt: SimInstant
    public internal(set) var closedAt: SimInstant?
    /// A closed shard whose records have all aged out is no longer listed, as in AWS.
    public internal(set) var isExpired = false
    /// Shards that took over this one's key space when it closed.
    public internal(set) var childShardIDs: [String] = []

    /// Retained records, in memory and on disk.
    let records: ShardRecords
    var throughput = ShardThroughput()
    /// Totals for the dashboard and this second's counts for the metric rings.
    public internal(set) var totals = ShardTotals()
    var second = ShardTotals()
    public internal(set) var incomingRecordsPerSecond = MetricRing(capacity: KinesisMetrics.ringCapacity)
    public internal(set) var throttledWritesPerSecond = MetricRing(capacity: KinesisMetrics.ringCapacity)

    init(index: Int, range: ClosedRange<UInt128>, parents: [String], adjacentParent: String? = nil, at now: SimInstant,
         records: ShardRecords) {
        self.index = index
        self.records = records
        shardID = Shard.id(index)
        hashKeyRange = range
        parentShardIDs = parents
        parentShardID = parents.first
        adjacentParentShardID = adjacentParent ?? (parents.count > 1 ? parents[1] : nil)
        createdAt = now
    }

    public var isOpen: Bool { closedAt == nil }
    public var retainedRecordCount: Int { records.count }
    public var retainedBytes: Int { records.retainedBytes }
    /// Memory holding the retained records: hot blocks, segment index, the decoded segment.
    public var memoryBytes: Int { records.memoryBytes }
    /// Compressed bytes of this shard's segments on disk.
    public var diskBytes: Int { records.diskBytes }
    /// Retained records in memory and in segments on disk.
    public var hotRecordCount: Int { records.hotRecordCount }
    public var coldRecordCount: Int { records.coldRecordCount }
    /// Ordinal of the oldest retained record and of the next record to be written.
    public var trimHorizonOrdinal: UInt64 { records.firstOrdinal }
    public var nextOrdinal: UInt64 { records.nextOrdinal }

    /// `shardId-` and twelve zero-padded digits.
    public static func id(_ index: Int) -> String {
        let digits = String(index)
        return "shardId-" + String(repeating: "0", count: max(0, 12 - digits.count)) + digits
    }

    public static func index(of shardID: String) -> Int? {
        guard shardID.hasPrefix("shardId-"), shardID.count == 20 else { return nil }
        return Int(shardID.dropFirst(8))
    }
}

/// Counters of one shard (or one second of it).
public struct ShardTotals: Sendable, Equatable {
    public var recordsIn = 0
    public var bytesIn = 0
    public var throttledWrites = 0
    public var readCalls = 0
    public var throttledReads = 0
    /// GetShardIterator calls refused for going over five a second.
    public var throttledShardIterators = 0
    public var recordsOut = 0
    public var bytesOut = 0
}
