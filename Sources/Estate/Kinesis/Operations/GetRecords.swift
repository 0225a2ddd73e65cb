import Foundation

/// One record as GetRecords returns it.
public struct KinesisRecord: Sendable, Equatable {
    public let sequenceNumber: SequenceNumber
    public let approximateArrival: SimInstant
    public let partitionKey: String
    public let data: [UInt8]
}

/// A GetRecords reply in typed form.
public struct GetRecordsResult: Sendable {
    public let shardID: String
    public let records: [KinesisRecord]
    /// nil once a closed shard has been read to its end.
    public let nextShardIterator: String?
    public let millisBehindLatest: Int64
    /// Set at the end of a closed shard: the shards that took over its keys.
    public let childShards: [ChildShard]?
    public let bytes: Int
    /// Records this call returned; equal to `records.count` unless the reader asked for counts only.
    public let recordCount: Int
    /// Sequence number of the last record returned, what a consumer checkpoints.
    public let lastSequenceNumber: SequenceNumber?
}

public struct ChildShard: Sendable, Equatable {
    public let shardID: String
    public let parentShards: [String]
    public let hashKeyRange: ClosedRange<UInt128>
}

/// `ShardIteratorType` values.
public enum ShardIteratorType: String, Sendable, CaseIterable {
    case atSequenceNumber = "AT_SEQUENCE_NUMBER", afterSequenceNumber = "AFTER_SEQUENCE_NUMBER"
    case trimHorizon = "TRIM_HORIZON", latest = "LATEST", atTimestamp = "AT_TIMESTAMP"
}

/// Reading: iterators (REFERENCE §2.3) and GetRecords with the per-shard read limits.
extension KinesisService {
    public func getShardIterator(streamName: String, shardID: String, type: ShardIteratorType,
                                 startingSequenceNumber: String? = nil, timestamp: SimInstant? = nil) throws(AWSError) -> String {
        let stream = try requireStream(streamName)
        guard stream.acceptsTraffic else { throw notFound(streamName) }
        let shard = try requireShard(stream, shardID)
        guard shard.throughput.admitShardIterator(now: scheduler.now.milliseconds, limits: stream.limits) else {
            throw throttled(\.throttledShardIterators, shard: shard, stream: stream)
        }
        let ordinal = try startingOrdinal(stream, shard, type: type, startingSequenceNumber: startingSequenceNumber, timestamp: timestamp)
        return ShardIteratorToken(streamTag: stream.tag, shardIndex: shard.index, ordinal: ordinal,
                                  issuedMilliseconds: scheduler.now.milliseconds).encoded
    }

    /// Where a reader starting at a position begins: GetShardIterator's and SubscribeToShard's
    /// `StartingPosition`, as an ordinal in the shard.
    func startingOrdinal(_ stream: KinesisStream, _ shard: Shard, type: ShardIteratorType, startingSequenceNumber: String?,
                         timestamp: SimInstant?) throws(AWSError) -> UInt64 {
        let streamName = stream.name, shardID = shard.shardID
        let ordinal: UInt64
        switch type {
        case .trimHorizon: ordinal = shard.trimHorizonOrdinal
        case .latest: ordinal = shard.nextOrdinal
        case .atSequenceNumber, .afterSequenceNumber:
            guard let text = startingSequenceNumber else {
                throw AWSError("InvalidArgumentException", "The StartingSequenceNumber parameter is required for ShardIteratorType \(type.rawValue).")
            }
            guard let seq = SequenceNumber.parse(text), seq.streamTag == stream.tag % SequenceNumber.tagModulus,
                  seq.shardIndex == shard.index, seq.ordinal <= shard.nextOrdinal else {
                throw AWSError("InvalidArgumentException", "StartingSequenceNumber \(text) used in GetShardIterator on shard \(shardID) in stream \(streamName) under account \(context.accountID) is invalid because it did not come from this stream.")
            }
            let isShardStart = seq == stream.startingSequenceNumber(shard)
            let base = type == .afterSequenceNumber && !isShardStart ? seq.ordinal + 1 : seq.ordinal
            ordinal = max(base, shard.trimHorizonOrdinal)
        case .atTimestamp:
            guard let timestamp else {
                throw AWSError("InvalidArgumentException", "The Timestamp parameter is required for ShardIteratorType AT_TIMESTAMP.")
            }
            // Before the trim horizon means the trim horizon; the binary search gives exactly that.
            ordinal = shard.records.firstOrdinal(arrivedAtOrAfter: timestamp)
        }
        return ordinal
    }

    public func getRecords(shardIterator: String, limit: Int = KinesisLimits.maximumGetRecordsLimit) throws(AWSError) -> GetRecordsResult {
        try getRecords(shardIterator: shardIterator, limit: limit, materialize: true)
    }

    /// GetRecords with exactly its limits, counting and iterator; with `materialize` false the
    /// records are walked but not built (no payload regenerated, no bytes copied), for readers
    /// that need only how many there were and where they ended, like the simulated consumers.
    func getRecords(shardIterator: String, limit: Int, materialize: Bool) throws(AWSError) -> GetRecordsResult {
        guard (1...KinesisLimits.maximumGetRecordsLimit).contains(limit) else {
            throw .validation("1 validation error detected: Value '\(limit)' at 'limit' failed to satisfy constraint: Member must have value between 1 and \(KinesisLimits.maximumGetRecordsLimit)")
        }
        guard let token = ShardIteratorToken(shardIterator) else {
            throw AWSError("InvalidArgumentException", "Invalid ShardIterator.")
        }
        let now = scheduler.now
        guard let stream = streamsByTag[token.streamTag], stream.acceptsTraffic,
              token.shardIndex >= 0, token.shardIndex < stream.shards.count, !stream.shards[token.shardIndex].isExpired else {
            throw AWSError("ResourceNotFoundException", "The stream or shard of this ShardIterator no longer exists under account \(context.accountID).")
        }
        let age = now.milliseconds - token.issuedMilliseconds
        guard age <= KinesisLimits.iteratorLifetime.milliseconds else {
            throw AWSError("ExpiredIteratorException", "Iterator expired. The iterator was created at time \(SimCalendar.iso8601(SimInstant(milliseconds: token.issuedMilliseconds))) while right now it is \(SimCalendar.iso8601(now)) which is further in the future than the tolerated delay of \(KinesisLimits.iteratorLifetime.milliseconds) milliseconds.")
        }
        let shard = stream.shards[token.shardIndex]
        guard shard.throughput.admitRead(now: now.milliseconds, limits: stream.limits) else {
            throw throttled(\.throttledReads, shard: shard, stream: stream)
        }
        var records: [KinesisRecord] = []
        var count = 0, bytes = 0
        var last: (ordinal: UInt64, arrivalMilliseconds: Int64)?
        let ordinal = shard.records.visit(from: max(token.ordinal, shard.trimHorizonOrdinal)) { ordinal, entry in
            guard count < limit else { return false }
            let size = entry.recordBytes
            if count > 0, bytes + size > KinesisLimits.maximumGetRecordsBytes { return false }
            if materialize {
                guard let stored = shard.records.record(ordinal: ordinal) else { return false }
                records.append(KinesisRecord(sequenceNumber: stream.sequenceNumber(shard: shard, ordinal: ordinal, arrival: stored.arrival),
                                             approximateArrival: stored.arrival, partitionKey: stored.partitionKey, data: stored.data))
            }
            count += 1
            bytes += size
            last = (ordinal, entry.arrivalMilliseconds)
            return true
        }
        let lastSequenceNumber = last.map {
            stream.sequenceNumber(shard: shard, ordinal: $0.ordinal, arrival: SimInstant(milliseconds: $0.arrivalMilliseconds))
        }
        shard.throughput.chargeRead(bytes: bytes, now: now.milliseconds, limits: stream.limits)
        shard.second.readCalls += 1; shard.totals.readCalls += 1
        shard.second.recordsOut += count; shard.totals.recordsOut += count
        shard.totals.bytesOut += bytes
        stream.metrics.second.readCalls += 1; stream.metrics.totals.readCalls += 1
        stream.metrics.second.recordsOut += count; stream.metrics.totals.recordsOut += count
        stream.metrics.totals.bytesOut += bytes

        let caughtUp = ordinal >= shard.nextOrdinal
        let behind: Int64 = caughtUp ? 0 : shard.records.entry(ordinal: ordinal).map { now.milliseconds - $0.arrivalMilliseconds } ?? 0
        if caughtUp, !shard.isOpen {
            let children = shard.childShardIDs.compactMap { stream.shard($0) }.map {
                ChildShard(shardID: $0.shardID, parentShards: $0.parentShardIDs, hashKeyRange: $0.hashKeyRange)
            }
            return GetRecordsResult(shardID: shard.shardID, records: records, nextShardIterator: nil,
                                    millisBehindLatest: 0, childShards: children, bytes: bytes,
                                    recordCount: count, lastSequenceNumber: lastSequenceNumber)
        }
        let next = ShardIteratorToken(streamTag: stream.tag, shardIndex: shard.index, ordinal: ordinal, issuedMilliseconds: now.milliseconds)
        return GetRecordsResult(shardID: shard.shardID, records: records, nextShardIterator: next.encoded,
                                millisBehindLatest: behind, childShards: nil, bytes: bytes,
                                recordCount: count, lastSequenceNumber: lastSequenceNumber)
    }

    // MARK: - AWS-shaped operations

    func getShardIteratorOperation(_ p: Parameters) throws(AWSError) -> JSONValue {
        let stream = try requireStream(p)
        let typeText = try p.requiredString("ShardIteratorType")
        guard let type = ShardIteratorType(rawValue: typeText) else {
            throw .validation("1 validation error detected: Value '\(typeText)' at 'shardIteratorType' failed to satisfy constraint: Member must satisfy enum value set: [AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER, TRIM_HORIZON, LATEST, AT_TIMESTAMP]")
        }
        var timestamp: SimInstant?
        if let text = try p.string("Timestamp") {
            guard let t = KinesisTimestamp.parse(text) else {
                throw AWSError("InvalidArgumentException", "Invalid Timestamp '\(text)': use epoch seconds or ISO 8601, e.g. 2026-01-01T00:00:10Z.")
            }
            timestamp = t
        }
        let iterator = try getShardIterator(streamName: stream.name, shardID: try p.requiredString("ShardId"), type: type,
                                            startingSequenceNumber: try p.string("StartingSequenceNumber"), timestamp: timestamp)
        return ["ShardIterator": .string(iterator)]
    }

    func getRecordsOperation(_ p: Parameters) throws(AWSError) -> JSONValue {
        let result = try getRecords(shardIterator: try p.requiredString("ShardIterator"), limit: try p.int("Limit") ?? KinesisLimits.maximumGetRecordsLimit)
        var pairs: [(String, JSONValue)] = [
            ("Records", .array(result.records.map { r in
                [
                    "SequenceNumber": .string(r.sequenceNumber.description),
                    "ApproximateArrivalTimestamp": KinesisTimestamp.json(r.approximateArrival),
                    "Data": .string(Data(r.data).base64EncodedString()),
                    "PartitionKey": .string(r.partitionKey),
                ]
            })),
            ("NextShardIterator", result.nextShardIterator.map(JSONValue.string) ?? .null),
            ("MillisBehindLatest", .int(result.millisBehindLatest)),
        ]
        if let children = result.childShards {
            pairs.append(("ChildShards", .array(children.map { c in
                [
                    "ShardId": .string(c.shardID),
                    "ParentShards": .array(c.parentShards.map(JSONValue.string)),
                    "HashKeyRange": KinesisJSON.hashKeyRange(c.hashKeyRange),
                ]
            })))
        }
        return .object(pairs)
    }
}
