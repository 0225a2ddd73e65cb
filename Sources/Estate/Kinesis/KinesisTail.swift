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
