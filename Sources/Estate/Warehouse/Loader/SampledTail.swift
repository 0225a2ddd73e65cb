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
        var records: [LoaderRecord] = []
        var missed = 0
        var k = first
        while k < arrivals {
            defer { k += max(1, step) }
            // Only the wanted arrivals are looked up in the ring, not every slot since `first`.
            guard let slot = stream.tail.slot(arrival: k) else { missed += 1; continue }
            let shard = stream.shards[Int(slot.shard)]
            guard let stored = shard.records.content(ordinal: slot.ordinal) else { missed += 1; continue }
            records.append(LoaderRecord(arrival: stored.arrival, shardID: shard.shardID,
                                        sequenceNumber: stream.sequenceNumber(shard: shard, ordinal: slot.ordinal, arrival: stored.arrival),
                                        content: stored.content))
        }
        return SampledPage(records: records, next: k, missed: missed, arrivals: arrivals)
    }
}

/// One record as a loader reads it: where it came from, and its content unexpanded, so a
/// synthetic record's JSON is written only if the loader needs the text (a load error's line).
struct LoaderRecord {
    let arrival: SimInstant
    let shardID: String
    let sequenceNumber: SequenceNumber
    let content: RecordContent

    /// The record's bytes, regenerated for a synthetic record.
    var data: [UInt8] {
        switch content {
        case let .bytes(data): return data
        case let .synthetic(source, keyIndex, position): return source.payload(keyIndex: keyIndex, at: arrival, position: position)
        }
    }
}

/// What one sampled read of the tail found.
struct SampledPage {
    var records: [LoaderRecord]
    /// The next arrival to read (past the newest when the step overshoots it).
    var next: UInt64
    var missed: Int
    /// Arrivals on the stream so far.
    var arrivals: UInt64
}
