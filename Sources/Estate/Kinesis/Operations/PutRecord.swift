/// The result of one accepted write.
public struct PutRecordResult: Sendable {
    public let shardIndex: Int
    public let sequenceNumber: SequenceNumber
    public var shardID: String { Shard.id(shardIndex) }
}

/// The write path: one implementation for PutRecord, PutRecords, producers and benchmarks.
///
/// The typed entry points take bytes and return the sequence number as parts, so a caller in the
/// same process writes without JSON, base64 or string formatting; validation, routing and
/// throttling are exactly those of the AWS-shaped operations, which call through here.
extension KinesisService {
    public func putRecord(streamName: String, data: [UInt8], partitionKey: String,
                          explicitHashKey: UInt128? = nil) throws(AWSError) -> PutRecordResult {
        let result = data.withUnsafeBytes { raw in
            Result { () throws(AWSError) in
                try putRecord(streamName: streamName, bytes: raw, partitionKey: partitionKey, explicitHashKey: explicitHashKey)
            }
        }
        return try result.get()
    }

    public func putRecord(streamName: String, text: String, partitionKey: String,
                          explicitHashKey: UInt128? = nil) throws(AWSError) -> PutRecordResult {
        try Self.withBytes(text) { (raw) throws(AWSError) in
            try putRecord(streamName: streamName, bytes: raw, partitionKey: partitionKey, explicitHashKey: explicitHashKey)
        }
    }

    public func putRecord(streamName: String, bytes: UnsafeRawBufferPointer, partitionKey: String,
                          explicitHashKey: UInt128? = nil) throws(AWSError) -> PutRecordResult {
        guard let stream = streamsByName[streamName] else { throw notFound(streamName) }
        return try Self.withBytes(partitionKey) { (keyBytes) throws(AWSError) in
            try write(stream, key: keyBytes, partitionKey: partitionKey, data: bytes, explicitHashKey: explicitHashKey)
        }
    }

    /// A string's UTF-8 bytes, borrowed (native strings are contiguous, so nothing is copied).
    @inline(__always)
    static func withBytes<R>(_ text: String, _ body: (UnsafeRawBufferPointer) throws(AWSError) -> R) throws(AWSError) -> R {
        var text = text
        let result = text.withUTF8 { buffer in
            Result { () throws(AWSError) in try body(UnsafeRawBufferPointer(buffer)) }
        }
        return try result.get()
    }

    func write(_ stream: KinesisStream, data: [UInt8], partitionKey: String, explicitHashKey: UInt128?) throws(AWSError) -> PutRecordResult {
        let result = data.withUnsafeBytes { dataBytes in
            Result { () throws(AWSError) in
                try Self.withBytes(partitionKey) { (keyBytes) throws(AWSError) in
                    try write(stream, key: keyBytes, partitionKey: partitionKey, data: dataBytes, explicitHashKey: explicitHashKey)
                }
            }
        }
        return try result.get()
    }

    /// Validates, routes, throttles and stores one record.
    @inline(__always)
    func write(_ stream: KinesisStream, key: UnsafeRawBufferPointer, partitionKey: String, data: UnsafeRawBufferPointer,
               explicitHashKey: UInt128?) throws(AWSError) -> PutRecordResult {
        guard stream.acceptsTraffic else { throw notFound(stream.name) }
        // Partition keys are 1–256 characters; count characters only when the bytes could exceed it.
        if key.count == 0 || (key.count > 256 && partitionKey.count > 256) {
            throw .validation("1 validation error detected: Value '\(partitionKey.prefix(32))' at 'partitionKey' failed to satisfy constraint: Member must have length between 1 and 256")
        }
        let size = key.count + data.count
        if data.count > KinesisLimits.maximumRecordBytes {
            throw .validation("1 validation error detected: Value at 'data' failed to satisfy constraint: Member must have length less than or equal to \(KinesisLimits.maximumRecordBytes)")
        }
        if size > KinesisLimits.maximumRecordBytes {
            throw AWSError("InvalidArgumentException", "Record size \(size) bytes (data plus partition key) exceeds the limit of \(KinesisLimits.maximumRecordBytes) bytes.")
        }
        let hash = explicitHashKey ?? HashKey.md5(key)
        guard let shard = stream.route(hash) else {
            throw AWSError("InternalFailure", "No open shard covers hash key \(hash) in stream \(stream.name).")
        }
        let now = scheduler.now
        try admitWrite(stream, shard, bytes: size, now: now)
        let ordinal = shard.records.append(key: key, data: data, at: now)
        return accepted(stream, shard, bytes: size, ordinal: ordinal, now: now)
    }

    /// The shard's write limits: one place for every writer, clients and producers alike.
    @inline(__always)
    func admitWrite(_ stream: KinesisStream, _ shard: Shard, bytes size: Int, now: SimInstant) throws(AWSError) {
        guard shard.throughput.admitWrite(bytes: size, now: now.milliseconds, limits: stream.limits) else {
            throw throttled(\.throttledWrites, shard: shard, stream: stream)
        }
    }

    /// Counts a stored record and shows it to the tail.
    @inline(__always)
    func accepted(_ stream: KinesisStream, _ shard: Shard, bytes size: Int, ordinal: UInt64, now: SimInstant) -> PutRecordResult {
        count(stream, shard, bytes: size, ordinal: ordinal)
        return PutRecordResult(shardIndex: shard.index, sequenceNumber: stream.sequenceNumber(shard: shard, ordinal: ordinal, arrival: now))
    }

    /// Counts a stored record in the metrics and shows it to the tail; the producers' path stops
    /// here, since nobody reads the sequence number they would be answered with.
    @inline(__always)
    func count(_ stream: KinesisStream, _ shard: Shard, bytes size: Int, ordinal: UInt64) {
        shard.second.recordsIn += 1
        shard.second.bytesIn += size
        shard.totals.recordsIn += 1
        shard.totals.bytesIn += size
        stream.metrics.second.recordsIn += 1
        stream.metrics.second.bytesIn += size
        stream.metrics.totals.recordsIn += 1
        stream.metrics.totals.bytesIn += size
        stream.tail.append(shard: shard.index, ordinal: ordinal)
    }

    func explicitHashKey(_ p: Parameters) throws(AWSError) -> UInt128? {
        guard let text = try p.string("ExplicitHashKey") else { return nil }
        guard let value = HashKey.parse(text) else {
            throw AWSError("InvalidArgumentException", "Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was \(text)")
        }
        return value
    }

    // MARK: - AWS-shaped operations

    func putRecordOperation(_ p: Parameters) throws(AWSError) -> JSONValue {
        let stream = try requireStream(p)
        let data = try p.requiredBlob("Data")
        let partitionKey = try p.requiredString("PartitionKey")
        let hash = try explicitHashKey(p)
        if let ordering = try p.string("SequenceNumberForOrdering"), !SequenceNumber.isWellFormed(ordering) {
            throw .validation("1 validation error detected: Value '\(ordering)' at 'sequenceNumberForOrdering' failed to satisfy constraint: Member must satisfy regular expression pattern: 0|([1-9]\\d{0,128})")
        }
        let result = try write(stream, data: data, partitionKey: partitionKey, explicitHashKey: hash)
        return ["ShardId": .string(result.shardID), "SequenceNumber": .string(result.sequenceNumber.description)]
    }

    func putRecordsOperation(_ p: Parameters) throws(AWSError) -> JSONValue {
        let stream = try requireStream(p)
        guard let entries = try p.objects("Records") else { throw .validation("1 validation error detected: Value null at 'records' failed to satisfy constraint: Member must not be null") }
        guard (1...KinesisLimits.maximumPutRecordsEntries).contains(entries.count) else {
            throw .validation("1 validation error detected: Value '\(entries.count)' at 'records' failed to satisfy constraint: Member must have length between 1 and \(KinesisLimits.maximumPutRecordsEntries)")
        }
        // Validate the whole request before writing any of it, as AWS does.
        var prepared: [(data: [UInt8], key: String, hash: UInt128?)] = []
        var total = 0
        for (i, entry) in entries.enumerated() {
            let data = try entry.requiredBlob("Data"), key = try entry.requiredString("PartitionKey")
            if data.count > KinesisLimits.maximumRecordBytes {
                throw .validation("1 validation error detected: Value at 'records.\(i + 1).member.data' failed to satisfy constraint: Member must have length less than or equal to \(KinesisLimits.maximumRecordBytes)")
            }
            if key.isEmpty || key.count > 256 {
                throw .validation("1 validation error detected: Value '\(key.prefix(32))' at 'records.\(i + 1).member.partitionKey' failed to satisfy constraint: Member must have length between 1 and 256")
            }
            // A record is its data plus its partition key; one too large fails the whole request
            // here, rather than as an entry's InternalFailure once others have been written.
            let size = data.count + key.utf8.count
            if size > KinesisLimits.maximumRecordBytes {
                throw .validation("1 validation error detected: Value at 'records.\(i + 1).member' failed to satisfy constraint: Record \(i) (0-based) is \(size) bytes of data plus partition key; a record may hold at most \(KinesisLimits.maximumRecordBytes) bytes")
            }
            total += size
            prepared.append((data, key, try explicitHashKey(entry)))
        }
        if total > KinesisLimits.maximumPutRecordsBytes {
            throw AWSError("InvalidArgumentException", "Records size exceeds 5 MB limit")
        }
        guard stream.acceptsTraffic else { throw notFound(stream.name) }
        var failed = 0
        var results: [JSONValue] = []
        for entry in prepared {
            do {
                let r = try write(stream, data: entry.data, partitionKey: entry.key, explicitHashKey: entry.hash)
                results.append(["SequenceNumber": .string(r.sequenceNumber.description), "ShardId": .string(r.shardID)])
            } catch {
                failed += 1
                let code = error.code == "ProvisionedThroughputExceededException" ? error.code : "InternalFailure"
                results.append(["ErrorCode": .string(code), "ErrorMessage": .string(error.message)])
            }
        }
        return ["FailedRecordCount": .int(Int64(failed)), "Records": .array(results)]
    }
}

extension KinesisService {
    /// Counts a refused call in the shard's and the stream's counters (this second and in total)
    /// and returns the error AWS answers with.
    func throttled(_ counter: WritableKeyPath<ShardTotals, Int>, shard: Shard, stream: KinesisStream) -> AWSError {
        shard.second[keyPath: counter] += 1
        shard.totals[keyPath: counter] += 1
        stream.metrics.second[keyPath: counter] += 1
        stream.metrics.totals[keyPath: counter] += 1
        return AWSError("ProvisionedThroughputExceededException",
                        "Rate exceeded for shard \(shard.shardID) in stream \(stream.name) under account \(context.accountID).")
    }
}
