/// The live tail the dashboard reads: records as they arrive, without any record on the bus.
extension KinesisService {
    /// Records of `streamName` that arrived after `cursor` (pass 0 first, then `nextCursor`),
    /// at most `limit`, newest kept when there are more. `skipped` counts arrivals not returned:
    /// overtaken in the ring, cut by `limit`, or already trimmed by retention.
    public func tail(streamName: String, after cursor: UInt64, limit: Int = 500) -> TailPage {
        guard let stream = streamsByName[streamName] else { return TailPage(records: [], nextCursor: cursor, skipped: 0) }
        let (slots, skippedInRing) = stream.tail.slots(after: cursor, limit: max(0, limit))
        var records: [TailRecord] = []
        records.reserveCapacity(slots.count)
        var trimmed: UInt64 = 0
        for slot in slots {
            let shard = stream.shards[Int(slot.shard)]
            guard let stored = shard.records.record(ordinal: slot.ordinal) else { trimmed += 1; continue }
            records.append(TailRecord(arrival: stored.arrival, shardID: shard.shardID,
                                      sequenceNumber: stream.sequenceNumber(shard: shard, ordinal: slot.ordinal, arrival: stored.arrival).description,
                                      partitionKey: stored.partitionKey, data: stored.data))
        }
        return TailPage(records: records, nextCursor: stream.tail.arrivals, skipped: skippedInRing + trimmed)
    }

    /// The cursor just past the newest arrival: where a tail that starts now begins.
    public func tailCursor(streamName: String) -> UInt64 {
        streamsByName[streamName]?.tail.arrivals ?? 0
    }
}

extension KinesisService {
    /// What a tail opened at `instant` would hold now: the records of `streamName` (of one shard
    /// when given) that arrived at or after it, oldest first, as GetRecords with an AT_TIMESTAMP
    /// iterator reads them, at most `limit` (the newest kept). `skipped` counts the older ones
    /// left out. Read from the record store, so it reaches past the tail ring's recent window.
    public func tailRecords(streamName: String, shardID: String?, arrivedAtOrAfter instant: SimInstant, limit: Int) -> (records: [TailRecord], skipped: UInt64) {
        guard let stream = streamsByName[streamName], limit > 0 else { return ([], 0) }
        var found: [(arrival: Int64, shard: Int, ordinal: UInt64)] = []
        var total: UInt64 = 0
        for (index, shard) in stream.shards.enumerated() where shardID == nil || shard.shardID == shardID {
            let start = shard.records.firstOrdinal(arrivedAtOrAfter: instant)
            let end = shard.records.nextOrdinal
            guard start < end else { continue }
            total += end - start
            // No shard can give more than the limit to the newest `limit` of all of them.
            let from = max(start, end > UInt64(limit) ? end - UInt64(limit) : 0)
            shard.records.visit(from: from) { ordinal, entry in
                guard ordinal < end else { return false }
                found.append((entry.arrivalMilliseconds, index, ordinal))
                return true
            }
        }
        found.sort { ($0.arrival, $0.shard, $0.ordinal) < ($1.arrival, $1.shard, $1.ordinal) }
        let kept = found.suffix(limit)
        var records: [TailRecord] = []
        records.reserveCapacity(kept.count)
        for item in kept {
            let shard = stream.shards[item.shard]
            guard let stored = shard.records.record(ordinal: item.ordinal) else { continue }
            records.append(TailRecord(arrival: stored.arrival, shardID: shard.shardID,
                                      sequenceNumber: stream.sequenceNumber(shard: shard, ordinal: item.ordinal, arrival: stored.arrival).description,
                                      partitionKey: stored.partitionKey, data: stored.data))
        }
        return (records, total - UInt64(records.count))
    }
}
