/// The producers' write path: the same routing, limits and counting as PutRecord, with a
/// descriptor stored instead of bytes.
extension KinesisService {
    /// What became of one producer record.
    enum SyntheticOutcome {
        case accepted
        case refused(AWSError)
    }

    /// Writes `count` records from `source`, drawing each one's key from `keys` with `random`,
    /// and tallies what became of them. Nothing is built: each payload's size is counted for the
    /// limits and the bytes are regenerated when read.
    ///
    /// This runs once per record of every producer, a few hundred thousand times a virtual hour,
    /// so the stream, its shards and their record lists are borrowed as guaranteed references:
    /// the stream owns its open shards and nothing here can release one, and an ordinary load
    /// would retain and release each of them once per record.
    func writeSynthetic(count: Int, to name: String, source: SyntheticSource, keys: KeyDistribution,
                        using random: inout SeededRandom, at now: SimInstant) -> ProducerTally {
        var tally = ProducerTally()
        guard let stream = stream(named: name) else {
            for _ in 0..<count { _ = keys.next(using: &random); tally.count(.refused(notFound(name))) }
            return tally
        }
        Unmanaged.passUnretained(stream)._withUnsafeGuaranteedRef { stream in
            for _ in 0..<count {
                let keyIndex = keys.next(using: &random)
                tally.count(writeSynthetic(stream, source: source, keyIndex: keyIndex, at: now))
            }
        }
        return tally
    }

    @inline(__always)
    private func writeSynthetic(_ stream: KinesisStream, source: SyntheticSource, keyIndex: Int, at now: SimInstant) -> SyntheticOutcome {
        guard stream.acceptsTraffic else { return .refused(notFound(stream.name)) }
        let key = source.keyFacts(keyIndex)
        let hash = key.hash
        guard let shard = stream.routeReference(hash) else {
            return .refused(AWSError("InternalFailure", "No open shard covers hash key \(hash) in stream \(stream.name)."))
        }
        return shard._withUnsafeGuaranteedRef { shard in
            let position = RecordPosition(streamTag: stream.tag, shardIndex: shard.index, ordinal: shard.nextOrdinal)
            guard source.number != RecordEntry.clientBytes else {
                // No source number left: store the bytes, as for a client's record.
                let data = source.payload(keyIndex: keyIndex, at: now, position: position)
                do throws(AWSError) {
                    _ = try putRecord(streamName: stream.name, data: data, partitionKey: source.partitionKey(keyIndex), explicitHashKey: hash)
                    return .accepted
                } catch {
                    return .refused(error)
                }
            }
            let keyLength = key.length
            let dataLength = source.payloadLength(keyIndex: keyIndex, at: now, position: position)
            let size = keyLength + dataLength
            do throws(AWSError) { try admitWrite(stream, shard, bytes: size, now: now) } catch { return .refused(error) }
            let ordinal = shard.records.appendSynthetic(source: source.number, keyIndex: keyIndex, keyLength: keyLength,
                                                        dataLength: dataLength, at: now)
            count(stream, shard, bytes: size, ordinal: ordinal)
            return .accepted
        }
    }
}

/// What a producer's batch came to.
struct ProducerTally {
    var accepted = 0
    var throttled = 0
    var failed = 0
    var lastErrorCode: String?

    @inline(__always)
    mutating func count(_ outcome: KinesisService.SyntheticOutcome) {
        switch outcome {
        case .accepted:
            accepted += 1
        case .refused(let error):
            if error.code == "ProvisionedThroughputExceededException" { throttled += 1 } else { failed += 1 }
            lastErrorCode = error.code
        }
    }
}
