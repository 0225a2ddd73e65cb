/// Creating, deleting, listing and describing streams, and their retention.
extension KinesisService {
    /// Creates a stream; it is CREATING for a seeded delay, then ACTIVE.
    @discardableResult
    public func createStream(name: String, shardCount: Int?, mode: StreamMode = .provisioned) throws(AWSError) -> KinesisStream {
        guard (1...128).contains(name.utf8.count),
              name.unicodeScalars.allSatisfy({ ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || "_.-".unicodeScalars.contains($0) }) else {
            throw .validation("1 validation error detected: Value '\(name)' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+")
        }
        guard streamsByName[name] == nil else {
            throw AWSError("ResourceInUseException", "Stream \(name) under account \(context.accountID) already exists.")
        }
        let count: Int
        switch mode {
        case .onDemand: count = KinesisLimits.onDemandShardCount
        case .provisioned:
            guard let n = shardCount else {
                throw AWSError("InvalidArgumentException", "ShardCount is required for streams in PROVISIONED mode.")
            }
            guard n >= 1 else {
                throw .validation("1 validation error detected: Value '\(n)' at 'shardCount' failed to satisfy constraint: Member must have value greater than or equal to 1")
            }
            count = n
        }
        guard openShardsInAccount + count <= KinesisLimits.accountShardQuota else {
            throw AWSError("LimitExceededException", "This request would exceed the shard limit for the account \(context.accountID) in \(context.region). Current limit of shards is \(KinesisLimits.accountShardQuota). Number of additional shards that would have resulted from this request: \(count).")
        }
        if mode == .onDemand { try requireOnDemandRoom() }
        var tag = tagRandom.next() % SequenceNumber.tagModulus
        while streamsByTag[tag] != nil { tag = tagRandom.next() % SequenceNumber.tagModulus }
        let now = scheduler.now
        let stream = KinesisStream(name: name, arn: "arn:aws:kinesis:\(context.region):\(context.accountID):stream/\(name)",
                                   tag: tag, mode: mode, createdAt: now, tailCapacity: Self.tailCapacity, store: recordStore)
        for range in HashKey.evenRanges(count: count) { stream.addShard(range: range, parents: [], at: now) }
        stream.rebuildRoutes()
        streamsByName[name] = stream
        streamsByTag[tag] = stream
        bus.publish(KinesisEvent(streamName: name, kind: .streamCreated(shardCount: count, mode: mode.rawValue)))
        stream.pendingUpdate = scheduler.schedule(after: delay(TransitionDelay.create)) { [unowned self] in
            guard stream.status == .creating else { return }
            stream.pendingUpdate = nil
            self.setStatus(stream, .active)
        }
        return stream
    }

    /// Marks the stream DELETING and removes it after a seeded delay.
    public func deleteStream(name: String) throws(AWSError) {
        let stream = try requireStream(name)
        guard stream.status != .deleting else { throw notFound(name) }
        if let pending = stream.pendingUpdate { scheduler.cancel(pending) }
        setStatus(stream, .deleting)
        stream.pendingUpdate = scheduler.schedule(after: delay(TransitionDelay.delete)) { [unowned self] in
            self.streamsByName[stream.name] = nil
            self.streamsByTag[stream.tag] = nil
            self.recordStore.dropStream(stream)
            self.bus.publish(KinesisEvent(streamName: stream.name, kind: .streamDeleted))
        }
    }

    func createStreamOperation(_ p: Parameters) throws(AWSError) -> JSONValue {
        let name = try p.requiredString("StreamName")
        var mode = StreamMode.provisioned
        if let details = try p.object("StreamModeDetails") {
            let text = try details.requiredString("StreamMode")
            guard let m = StreamMode(rawValue: text) else {
                throw .validation("1 validation error detected: Value '\(text)' at 'streamModeDetails.streamMode' failed to satisfy constraint: Member must satisfy enum value set: [PROVISIONED, ON_DEMAND]")
            }
            mode = m
        }
        let shardCount = try p.int("ShardCount")
        if mode == .onDemand, shardCount != nil {
            throw AWSError("ValidationException", "ShardCount cannot be specified for streams in ON_DEMAND mode.")
        }
        try createStream(name: name, shardCount: shardCount, mode: mode)
        return [:]
    }

    func deleteStreamOperation(_ p: Parameters) throws(AWSError) -> JSONValue {
        try deleteStream(name: try requireStream(p).name)
        return [:]
    }

    func listStreamsOperation(_ p: Parameters) throws(AWSError) -> JSONValue {
        let limit = try p.int("Limit") ?? 100
        guard (1...10_000).contains(limit) else {
            throw .validation("1 validation error detected: Value '\(limit)' at 'limit' failed to satisfy constraint: Member must have value between 1 and 10000")
        }
        var names = streamsByName.keys.sorted()
        let start = try p.string("ExclusiveStartStreamName")
        let token = try p.string("NextToken")
        if let after = start ?? token { names = names.filter { $0 > after } }
        let page = Array(names.prefix(limit))
        let more = names.count > page.count
        var pairs: [(String, JSONValue)] = [
            ("StreamNames", .array(page.map(JSONValue.string))),
            ("HasMoreStreams", .bool(more)),
        ]
        if more, let last = page.last { pairs.append(("NextToken", .string(last))) }
        pairs.append(("StreamSummaries", .array(page.compactMap { streamsByName[$0] }.map { s in
            [
                "StreamName": .string(s.name), "StreamARN": .string(s.arn), "StreamStatus": .string(s.status.rawValue),
                "StreamModeDetails": KinesisJSON.modeDetails(s), "StreamCreationTimestamp": KinesisTimestamp.json(s.createdAt),
            ]
        })))
        return .object(pairs)
    }

    func describeStreamOperation(_ p: Parameters) throws(AWSError) -> JSONValue {
        let stream = try requireStream(p)
        let limit = try p.int("Limit") ?? 100
        guard (1...10_000).contains(limit) else {
            throw .validation("1 validation error detected: Value '\(limit)' at 'limit' failed to satisfy constraint: Member must have value between 1 and 10000")
        }
        var shards = stream.listedShards
        if let after = try p.string("ExclusiveStartShardId") { shards = shards.filter { $0.shardID > after } }
        let page = Array(shards.prefix(limit))
        return ["StreamDescription": KinesisJSON.description(stream, shards: page, hasMore: shards.count > page.count)]
    }

    func describeStreamSummaryOperation(_ p: Parameters) throws(AWSError) -> JSONValue {
        let stream = try requireStream(p)
        // Registered consumers of this stream (not of a deleted one that had its name), as AWS counts them.
        let consumers = streamConsumersByARN.values.filter { $0.streamName == stream.name && liveConsumer($0.arn) != nil }.count
        return ["StreamDescriptionSummary": KinesisJSON.summary(stream, consumerCount: consumers)]
    }

    // MARK: - Retention

    public func setRetention(streamName: String, hours: Int, increase: Bool) throws(AWSError) {
        let stream = try requireStream(streamName)
        try requireActive(stream)
        let current = stream.retentionHours
        if increase {
            guard hours <= KinesisLimits.maximumRetentionHours else {
                throw AWSError("InvalidArgumentException", "Maximum allowed retention period is \(KinesisLimits.maximumRetentionHours) hours. Requested retention period (\(hours) hours) is too long.")
            }
            guard hours >= current else {
                throw AWSError("InvalidArgumentException", "Requested retention period (\(hours) hours) for stream \(streamName) can not be shorter than existing retention period (\(current) hours). Use DecreaseRetentionPeriod API.")
            }
        } else {
            guard hours >= KinesisLimits.defaultRetentionHours else {
                throw AWSError("InvalidArgumentException", "Minimum allowed retention period is \(KinesisLimits.defaultRetentionHours) hours. Requested retention period (\(hours) hours) is too short.")
            }
            guard hours <= current else {
                throw AWSError("InvalidArgumentException", "Requested retention period (\(hours) hours) for stream \(streamName) can not be longer than existing retention period (\(current) hours). Use IncreaseRetentionPeriod API.")
            }
        }
        guard hours != current else { return }
        stream.retentionHours = hours
        bus.publish(KinesisEvent(streamName: streamName, kind: .retentionChanged(hours: hours)))
    }

    func retentionOperation(_ p: Parameters, increase: Bool) throws(AWSError) -> JSONValue {
        try setRetention(streamName: try requireStream(p).name, hours: try p.requiredInt("RetentionPeriodHours"), increase: increase)
        return [:]
    }
}
