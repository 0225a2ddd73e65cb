/// Per-shard provisioned limits (REFERENCE §2.4), enforced continuously in virtual time.
///
/// AWS states its limits per second but does not reset them on second boundaries, so a fixed
/// one-second window would let 2,000 records land within two milliseconds either side of an edge.
/// Each limit is therefore a token bucket holding one second's worth, refilled continuously.
public struct ThroughputLimits: Sendable, Equatable {
    public var writeRecordsPerSecond = 1000
    /// Data plus partition key bytes.
    public var writeBytesPerSecond = 1 << 20
    /// GetRecords calls, shared by every reader of the shard.
    public var readCallsPerSecond = 5
    public var readBytesPerSecond = 2 << 20
    public var shardIteratorCallsPerSecond = 5

    public static let provisioned = ThroughputLimits()
    public init() {}
}

/// A token bucket that holds at most one second of its rate and refills every millisecond.
///
/// Counted in thousandths of a token, so a rate of r per second refills exactly r units per
/// millisecond and no rounding accumulates.
struct TokenBucket: Sendable {
    /// Thousandths of a token; nil until first used, which means full.
    private var levelMilli: Int64?
    private var lastMilliseconds: Int64 = 0

    @inline(__always)
    private mutating func refill(now: Int64, perSecond: Int) -> Int64 {
        let capacity = Int64(perSecond) * 1000
        guard let level = levelMilli else {
            levelMilli = capacity
            lastMilliseconds = now
            return capacity
        }
        let elapsed = now - lastMilliseconds
        guard elapsed > 0 else { return level }
        lastMilliseconds = now
        // More than a second of refill fills the bucket; no need to multiply (and overflow).
        let refilled = elapsed >= 1000 ? capacity : min(capacity, level + elapsed * Int64(perSecond))
        levelMilli = refilled
        return refilled
    }

    /// Whether `cost` tokens are available now.
    @inline(__always)
    mutating func has(_ cost: Int, now: Int64, perSecond: Int) -> Bool {
        refill(now: now, perSecond: perSecond) >= Int64(cost) * 1000
    }

    /// Takes `cost` tokens (call `has` first, at the same instant).
    @inline(__always)
    mutating func take(_ cost: Int) {
        levelMilli = (levelMilli ?? 0) - Int64(cost) * 1000
    }

    /// Empties the bucket until `instant`: it starts refilling from zero then.
    mutating func drain(until instant: Int64) {
        levelMilli = 0
        lastMilliseconds = instant
    }
}

/// The buckets of one shard.
struct ShardThroughput: Sendable {
    var writeRecords = TokenBucket()
    var writeBytes = TokenBucket()
    var readCalls = TokenBucket()
    var readBytes = TokenBucket()
    var shardIterators = TokenBucket()
    /// Reads are refused until this instant after a reply larger than the allowance left.
    var readsBlockedUntil: Int64 = .min

    /// Counts a write of `bytes` (data plus key) if both the record and the byte limit allow it;
    /// false means throttled, and nothing is taken.
    @inline(__always)
    mutating func admitWrite(bytes: Int, now: Int64, limits: ThroughputLimits) -> Bool {
        guard writeRecords.has(1, now: now, perSecond: limits.writeRecordsPerSecond),
              writeBytes.has(bytes, now: now, perSecond: limits.writeBytesPerSecond) else { return false }
        writeRecords.take(1)
        writeBytes.take(bytes)
        return true
    }

    /// Counts one GetRecords call if allowed; false means throttled. The byte allowance is
    /// settled after the reply (`chargeRead`), since a call cannot know its size beforehand.
    mutating func admitRead(now: Int64, limits: ThroughputLimits) -> Bool {
        guard now >= readsBlockedUntil,
              readCalls.has(1, now: now, perSecond: limits.readCallsPerSecond) else { return false }
        readCalls.take(1)
        return true
    }

    /// Charges the bytes a GetRecords reply returned. A reply within the allowance left just uses
    /// it up; a larger one pays for itself, blocking reads for as long as its bytes take at the
    /// read rate (a 10 MiB reply blocks the next five seconds, as AWS documents).
    mutating func chargeRead(bytes: Int, now: Int64, limits: ThroughputLimits) {
        guard bytes > 0 else { return }
        if readBytes.has(bytes, now: now, perSecond: limits.readBytesPerSecond) {
            readBytes.take(bytes)
        } else {
            let milliseconds = (Int64(bytes) * 1000 + Int64(limits.readBytesPerSecond) - 1) / Int64(limits.readBytesPerSecond)
            readsBlockedUntil = now + milliseconds
            readBytes.drain(until: readsBlockedUntil)
        }
    }

    /// Counts one GetShardIterator call if allowed; false means throttled.
    mutating func admitShardIterator(now: Int64, limits: ThroughputLimits) -> Bool {
        guard shardIterators.has(1, now: now, perSecond: limits.shardIteratorCallsPerSecond) else { return false }
        shardIterators.take(1)
        return true
    }
}
