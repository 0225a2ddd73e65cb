extension KinesisService {
    /// Arrivals `first`, `first + step`, `first + 2·step`, … up to the newest, read from the
    /// stream's tail; only those records are materialised, so a loader that keeps one record in
    /// a hundred costs a hundredth of reading them all. Returns the next arrival to read and how
    /// many wanted arrivals were gone (out of the tail's ring, or trimmed by retention), and the
    /// arrivals so far.
    func sampledTail(streamName: String, from first: UInt64, step: UInt64) -> SampledPage {
        guard let stream = streamsByName[streamName] else { return SampledPage(records: [], next: first, missed: 0, arrivals: 0) }
        let arrivals = stream.tail.arrivals
        guard first < arrivals else { return SampledPage(records: [], next: first, missed: 0, arrivals: arrivals) }
        // Slots are 16-byte pointers into the shards: taking them all is cheap.
        let (slots, skipped) = stream.tail.slots(after: first, limit: Int(arrivals - first))
        let base = first + skipped
        var records: [TailRecord] = []
        var missed = 0
        var k = first
        while k < arrivals {
            defer { k += max(1, step) }
            guard k >= base else { missed += 1; continue }
            let slot = slots[Int(k - base)]
            let shard = stream.shards[Int(slot.shard)]
            guard let stored = shard.records.record(ordinal: slot.ordinal) else { missed += 1; continue }
            records.append(TailRecord(arrival: stored.arrival, shardID: shard.shardID,
                                      sequenceNumber: stream.sequenceNumber(shard: shard, ordinal: slot.ordinal, arrival: stored.arrival).description,
                                      partitionKey: stored.partitionKey, data: stored.data))
        }
        return SampledPage(records: records, next: k, missed: missed, arrivals: arrivals)
    }
}

/// What one sampled read of the tail found.
struct SampledPage {
    var records: [TailRecord]
    /// The next arrival to read (past the newest when the step overshoots it).
    var next: UInt64
    var missed: Int
    /// Arrivals on the stream so far.
    var arrivals: UInt64
}
