/// One row of a KCL lease table (REFERENCE §2.6), keyed by shard id.
public struct Lease: Sendable, Equatable {
    public static let trimHorizon = "TRIM_HORIZON"
    public static let latest = "LATEST"
    public static let shardEnd = "SHARD_END"

    public let leaseKey: String
    public internal(set) var leaseOwner: String?
    /// Raised on every renewal and every change of owner; a counter that stands still for the
    /// failover time marks the lease expired.
    public internal(set) var leaseCounter: Int64 = 0
    /// A sequence number, or TRIM_HORIZON / LATEST / SHARD_END.
    public internal(set) var checkpoint: String
    public internal(set) var checkpointSubSequenceNumber: Int64 = 0
    public internal(set) var ownerSwitchesSinceCheckpoint: Int64 = 0
    public let parentShardIDs: [String]

    /// When this table last saw the counter move: what other workers judge expiry by.
    var lastCounterChange: SimInstant
    /// When the processor last wrote a checkpoint; it checkpoints at most once per interval.
    var lastCheckpointAt: SimInstant?
    /// Per shard, for the dashboard: records handed to the processor and how far behind it reads.
    public internal(set) var recordsProcessed = 0
    public internal(set) var millisBehindLatest: Int64?
    public internal(set) var throttledReads = 0

    init(shardID: String, checkpoint: String, parents: [String], at now: SimInstant) {
        leaseKey = shardID
        self.checkpoint = checkpoint
        parentShardIDs = parents
        lastCounterChange = now
    }

    public var isFinished: Bool { checkpoint == Self.shardEnd }

    func isExpired(at now: SimInstant, failover: SimDuration) -> Bool {
        leaseOwner == nil || now - lastCounterChange > failover
    }

    mutating func bump(at now: SimInstant) {
        leaseCounter += 1
        lastCounterChange = now
    }

    /// The item as the DynamoDB lease table holds it.
    var json: JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("leaseKey", .string(leaseKey)),
            ("leaseOwner", leaseOwner.map(JSONValue.string) ?? .null),
            ("leaseCounter", .int(leaseCounter)),
            ("checkpoint", .string(checkpoint)),
            ("checkpointSubSequenceNumber", .int(checkpointSubSequenceNumber)),
            ("ownerSwitchesSinceCheckpoint", .int(ownerSwitchesSinceCheckpoint)),
        ]
        if !parentShardIDs.isEmpty { pairs.append(("parentShardId", .array(parentShardIDs.map(JSONValue.string)))) }
        pairs.append(("RecordsProcessed", .int(Int64(recordsProcessed))))
        pairs.append(("MillisBehindLatest", millisBehindLatest.map { .int($0) } ?? .null))
        return .object(pairs)
    }
}

/// A worker of a consumer application: holds leases and runs one record processor per lease.
public struct ConsumerWorker: Sendable {
    public let workerID: String
    public internal(set) var isAlive = true
    /// Iterator of each shard this worker is reading; dropped when the lease goes.
    var iterators: [String: String] = [:]
    var nextRenewal: SimInstant
    var nextTake: SimInstant
}
