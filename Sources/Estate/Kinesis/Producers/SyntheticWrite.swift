/// The producers' write path: the same routing, limits and counting as PutRecord, with a
/// descriptor stored instead of bytes.
extension KinesisService {
    /// Writes record number `keyIndex`'s next payload from `source`. Nothing is built: the
    /// payload's size is counted for the limits and the bytes are regenerated when read.
    @inline(__always)
    func writeSynthetic(_ stream: KinesisStream?, named name: String, source: SyntheticSource, keyIndex: Int, at now: SimInstant) throws(AWSError) {
        guard let stream, stream.acceptsTraffic else { throw notFound(name) }
        let key = source.keyFacts(keyIndex)
        let hash = key.hash
        guard let shard = stream.route(hash) else {
            throw AWSError("InternalFailure", "No open shard covers hash key \(hash) in stream \(stream.name).")
        }
        let position = RecordPosition(streamTag: stream.tag, shardIndex: shard.index, ordinal: shard.nextOrdinal)
        guard source.number != RecordEntry.clientBytes else {
            // No source number left: store the bytes, as for a client's record.
            let key = source.partitionKey(keyIndex)
            let data = source.payload(keyIndex: keyIndex, at: now, position: position)
            _ = try putRecord(streamName: stream.name, data: data, partitionKey: key, explicitHashKey: hash)
            return
        }
        let keyLength = key.length
        let dataLength = source.payloadLength(keyIndex: keyIndex, at: now, position: position)
        let size = keyLength + dataLength
        try admitWrite(stream, shard, bytes: size, now: now)
        let ordinal = shard.records.appendSynthetic(source: source.number, keyIndex: keyIndex, keyLength: keyLength,
                                                    dataLength: dataLength, at: now)
        count(stream, shard, bytes: size, ordinal: ordinal)
    }
}
