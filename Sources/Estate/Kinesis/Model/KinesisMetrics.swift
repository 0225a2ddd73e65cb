/// Per-stream series sampled every virtual second, in fixed-size rings for sparklines.
///
/// The write path only bumps plain counters in `second`; the sampler moves them into the rings
/// once a second, so a million records a second cost no more than one sample.
public struct StreamMetrics: Sendable {
    /// `IncomingRecords` per second.
    public var incomingRecords = MetricRing(capacity: KinesisMetrics.ringCapacity)
    /// `IncomingBytes` per second (data plus partition key).
    public var incomingBytes = MetricRing(capacity: KinesisMetrics.ringCapacity)
    /// `WriteProvisionedThroughputExceeded` records per second.
    public var throttledWrites = MetricRing(capacity: KinesisMetrics.ringCapacity)
    /// `GetRecords` calls per second, by every reader.
    public var readCalls = MetricRing(capacity: KinesisMetrics.ringCapacity)
    /// `ReadProvisionedThroughputExceeded` calls per second.
    public var throttledReads = MetricRing(capacity: KinesisMetrics.ringCapacity)
    /// Records returned by GetRecords per second.
    public var outgoingRecords = MetricRing(capacity: KinesisMetrics.ringCapacity)

    public var totals = ShardTotals()
    var second = ShardTotals()

    public init() {}

    mutating func sample() {
        incomingRecords.append(Double(second.recordsIn))
        incomingBytes.append(Double(second.bytesIn))
        throttledWrites.append(Double(second.throttledWrites))
        readCalls.append(Double(second.readCalls))
        throttledReads.append(Double(second.throttledReads))
        outgoingRecords.append(Double(second.recordsOut))
        second = ShardTotals()
    }
}

public enum KinesisMetrics {
    /// Two minutes of one-second samples.
    public static let ringCapacity = 120
    public static let samplePeriod = SimDuration.seconds(1)
}

/// The most recent arrivals of a stream, for the live tail, without copying any record.
///
/// Each slot is a (shard, ordinal) pair pointing into the shard's storage, so keeping the tail
/// costs 16 bytes per arrival and no allocation. Readers keep a cursor (the arrival count they
/// have seen); if they fall more than `capacity` behind, `read` says how many they skipped.
public struct RecordTail: Sendable {
    struct Slot { var shard: Int32; var ordinal: UInt64 }

    public let capacity: Int
    private var slots: [Slot]
    /// Records ever appended; also the cursor just past the newest.
    public private(set) var arrivals: UInt64 = 0

    public init(capacity: Int) {
        self.capacity = max(1, capacity)
        slots = Array(repeating: Slot(shard: 0, ordinal: 0), count: self.capacity)
    }

    @inline(__always)
    mutating func append(shard: Int, ordinal: UInt64) {
        slots[Int(arrivals % UInt64(capacity))] = Slot(shard: Int32(shard), ordinal: ordinal)
        arrivals &+= 1
    }

    /// The slot of arrival number `arrival`, or nil once the ring has overwritten it (or before
    /// it has arrived): one lookup, for a reader that wants only some arrivals.
    @inline(__always)
    func slot(arrival: UInt64) -> Slot? {
        guard arrival < arrivals, arrivals - arrival <= UInt64(capacity) else { return nil }
        return slots[Int(arrival % UInt64(capacity))]
    }

    /// Slots after `cursor` (at most `limit`, the newest ones), and how many were skipped.
    func slots(after cursor: UInt64, limit: Int) -> (slots: [Slot], skipped: UInt64) {
        let oldest = arrivals > UInt64(capacity) ? arrivals - UInt64(capacity) : 0
        var start = max(cursor, oldest)
        if arrivals - start > UInt64(limit) { start = arrivals - UInt64(max(0, limit)) }
        let skipped = start - min(cursor, start)
        return ((start..<arrivals).map { slots[Int($0 % UInt64(capacity))] }, skipped)
    }
}

/// One record as the tail shows it.
public struct TailRecord: Sendable, Equatable {
    public let arrival: SimInstant
    public let shardID: String
    public let sequenceNumber: String
    public let partitionKey: String
    public let data: [UInt8]
}

/// A page of the tail: records after the reader's cursor, the cursor to pass next time, and how
/// many arrivals were not shown (fell out of the ring, or trimmed by retention).
public struct TailPage: Sendable {
    public let records: [TailRecord]
    public let nextCursor: UInt64
    public let skipped: UInt64
}
