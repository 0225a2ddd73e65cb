/// `StreamStatus` values.
public enum StreamStatus: String, Sendable {
    case creating = "CREATING", deleting = "DELETING", active = "ACTIVE", updating = "UPDATING"
}

/// `StreamMode`: provisioned shards, or on demand (created with four shards, as AWS starts them,
/// and grown to double the recent peak; see `KinesisService.observeWrites`).
public enum StreamMode: String, Sendable {
    case provisioned = "PROVISIONED", onDemand = "ON_DEMAND"
}

/// One data stream: its shards (open and closed), routing, retention, metrics and tail.
public final class KinesisStream {
    public let name: String
    public let arn: String
    /// Random per incarnation; part of every sequence number and iterator of this stream.
    public let tag: UInt64
    public internal(set) var mode: StreamMode
    public let createdAt: SimInstant
    public internal(set) var status: StreamStatus = .creating
    public internal(set) var retentionHours = KinesisLimits.defaultRetentionHours
    /// Its tags by key (AddTagsToStream).
    public internal(set) var tags: [String: String] = [:]
    /// Every shard ever created, by index (= the number in its id); expired ones stay as tombstones.
    public internal(set) var shards: [Shard] = []
    public var limits = ThroughputLimits.provisioned

    /// Open shards ordered by starting hash key, for binary-search routing.
    private(set) var routeStarts: [UInt128] = []
    private(set) var routeShards: [Shard] = []
    /// The same shards, unretained, for the producers' write path (`routeReference`).
    private var routeReferences: [Unmanaged<Shard>] = []

    public internal(set) var metrics = StreamMetrics()
    public internal(set) var tail: RecordTail
    /// Resharding waiting for the UPDATING → ACTIVE moment.
    var pendingUpdate: Scheduler.TaskID?
    /// Accepted UpdateShardCount calls in the last 24 hours, oldest first.
    var shardCountUpdates: [SimInstant] = []
    /// Accepted UpdateStreamMode calls in the last 24 hours, oldest first.
    var modeSwitches: [SimInstant] = []
    /// The highest records/s and bytes/s accepted in each hour of the last 30 days, oldest first:
    /// what on-demand capacity is sized from.
    var writePeaks: [(hour: Int64, records: Int, bytes: Int)] = []

    /// Where the shards keep their records.
    let store: RecordStore

    init(name: String, arn: String, tag: UInt64, mode: StreamMode, createdAt: SimInstant, tailCapacity: Int, store: RecordStore) {
        self.store = store
        self.name = name
        self.arn = arn
        self.tag = tag
        self.mode = mode
        self.createdAt = createdAt
        tail = RecordTail(capacity: tailCapacity)
    }

    /// Memory the stream's retained records take (all tiers' in-memory parts).
    public var memoryBytes: Int { shards.reduce(0) { $0 + $1.memoryBytes } }
    /// Compressed bytes of the stream's segments on disk.
    public var diskBytes: Int { shards.reduce(0) { $0 + $1.diskBytes } }

    public var listedShards: [Shard] { shards.filter { !$0.isExpired } }
    public var openShards: [Shard] { routeShards }
    public var openShardCount: Int { routeShards.count }

    public func shard(_ shardID: String) -> Shard? {
        guard let i = Shard.index(of: shardID), i < shards.count, !shards[i].isExpired else { return nil }
        return shards[i]
    }

    /// Writes are refused while the stream is being created or deleted.
    var acceptsTraffic: Bool { status == .active || status == .updating }

    @discardableResult
    func addShard(range: ClosedRange<UInt128>, parents: [String], adjacentParent: String? = nil, at now: SimInstant) -> Shard {
        let records = ShardRecords(store: store, streamName: name, streamTag: tag, shardIndex: shards.count)
        let shard = Shard(index: shards.count, range: range, parents: parents, adjacentParent: adjacentParent, at: now, records: records)
        shards.append(shard)
        return shard
    }

    /// Rebuilds the routing table from the open shards.
    func rebuildRoutes() {
        let open = shards.filter(\.isOpen).sorted { $0.hashKeyRange.lowerBound < $1.hashKeyRange.lowerBound }
        routeStarts = open.map(\.hashKeyRange.lowerBound)
        routeShards = open
        routeReferences = open.map { Unmanaged.passUnretained($0) }
    }

    /// The open shard whose inclusive range holds `hash`.
    @inline(__always)
    func route(_ hash: UInt128) -> Shard? {
        routeIndex(hash).map { routeShards[$0] }
    }

    /// The same shard without a retain: valid while the stream keeps it open, which nothing
    /// between routing a record and storing it can change.
    @inline(__always)
    func routeReference(_ hash: UInt128) -> Unmanaged<Shard>? {
        routeIndex(hash).map { routeReferences[$0] }
    }

    @inline(__always)
    private func routeIndex(_ hash: UInt128) -> Int? {
        var lo = 0, hi = routeStarts.count
        while lo < hi {
            let mid = (lo &+ hi) >> 1
            if routeStarts[mid] <= hash { lo = mid &+ 1 } else { hi = mid }
        }
        guard lo > 0, hash <= routeShards[lo - 1].hashKeyRange.upperBound else { return nil }
        return lo - 1
    }

    /// A record's number. Its time part is one more than the milliseconds since the stream was
    /// created, so a record written in the very millisecond its shard opened still sorts after the
    /// shard's `StartingSequenceNumber`.
    func sequenceNumber(shard: Shard, ordinal: UInt64, arrival: SimInstant) -> SequenceNumber {
        SequenceNumber(streamTag: tag, shardIndex: shard.index, offsetMilliseconds: arrival.milliseconds - createdAt.milliseconds + 1, ordinal: ordinal)
    }

    /// `StartingSequenceNumber` of a shard: below every record it will hold.
    func startingSequenceNumber(_ shard: Shard) -> SequenceNumber {
        SequenceNumber(streamTag: tag, shardIndex: shard.index, offsetMilliseconds: shard.createdAt.milliseconds - createdAt.milliseconds, ordinal: 0)
    }

    /// `EndingSequenceNumber` of a closed shard: at or above every record it holds.
    func endingSequenceNumber(_ shard: Shard) -> SequenceNumber? {
        guard let closed = shard.closedAt else { return nil }
        return sequenceNumber(shard: shard, ordinal: max(shard.nextOrdinal, 1) - 1, arrival: closed)
    }

    public var retention: SimDuration { .hours(Int64(retentionHours)) }
}

/// Limits and defaults of the service (REFERENCE §2.4).
public enum KinesisLimits {
    public static let defaultRetentionHours = 24
    public static let maximumRetentionHours = 8760
    public static let maximumRecordBytes = 1 << 20
    public static let maximumPutRecordsEntries = 500
    public static let maximumPutRecordsBytes = 5 << 20
    public static let maximumGetRecordsLimit = 10_000
    public static let maximumGetRecordsBytes = 10 << 20
    public static let iteratorLifetime = SimDuration.minutes(5)
    public static let onDemandShardCount = 4
    /// Open shards per account (the default quota in us-east-1).
    public static let accountShardQuota = 500
    /// UpdateShardCount: ten scaling calls per stream per rolling 24 hours.
    public static let updateShardCountCallsPerWindow = 10
    public static let updateShardCountWindow = SimDuration.hours(24)
    /// SplitShard and MergeShards: five transactions a second per account.
    public static let reshardingCallsPerSecond = 5
}
