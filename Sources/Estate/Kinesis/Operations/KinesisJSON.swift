/// The AWS shapes of streams and shards, shared by the describe operations and the dump.
enum KinesisJSON {
    static func hashKeyRange(_ r: ClosedRange<UInt128>) -> JSONValue {
        ["StartingHashKey": .string(String(r.lowerBound)), "EndingHashKey": .string(String(r.upperBound))]
    }

    /// A `Shard`: optional parents first, as the AWS CLI prints them.
    static func shard(_ shard: Shard, in stream: KinesisStream) -> JSONValue {
        var pairs: [(String, JSONValue)] = [("ShardId", .string(shard.shardID))]
        if let p = shard.parentShardID { pairs.append(("ParentShardId", .string(p))) }
        if let a = shard.adjacentParentShardID { pairs.append(("AdjacentParentShardId", .string(a))) }
        pairs.append(("HashKeyRange", hashKeyRange(shard.hashKeyRange)))
        var range: [(String, JSONValue)] = [("StartingSequenceNumber", .string(stream.startingSequenceNumber(shard).description))]
        if let end = stream.endingSequenceNumber(shard) { range.append(("EndingSequenceNumber", .string(end.description))) }
        pairs.append(("SequenceNumberRange", .object(range)))
        return .object(pairs)
    }

    static func modeDetails(_ stream: KinesisStream) -> JSONValue {
        ["StreamMode": .string(stream.mode.rawValue)]
    }

    static let enhancedMonitoring: JSONValue = [["ShardLevelMetrics": []]]

    /// `StreamDescription` with the given page of shards.
    static func description(_ stream: KinesisStream, shards: [Shard], hasMore: Bool) -> JSONValue {
        [
            "StreamName": .string(stream.name),
            "StreamARN": .string(stream.arn),
            "StreamStatus": .string(stream.status.rawValue),
            "StreamModeDetails": modeDetails(stream),
            "Shards": .array(shards.map { shard($0, in: stream) }),
            "HasMoreShards": .bool(hasMore),
            "RetentionPeriodHours": .int(Int64(stream.retentionHours)),
            "StreamCreationTimestamp": KinesisTimestamp.json(stream.createdAt),
            "EnhancedMonitoring": enhancedMonitoring,
            "EncryptionType": "NONE",
        ]
    }

    static func summary(_ stream: KinesisStream, consumerCount: Int) -> JSONValue {
        [
            "StreamName": .string(stream.name),
            "StreamARN": .string(stream.arn),
            "StreamStatus": .string(stream.status.rawValue),
            "StreamModeDetails": modeDetails(stream),
            "RetentionPeriodHours": .int(Int64(stream.retentionHours)),
            "StreamCreationTimestamp": KinesisTimestamp.json(stream.createdAt),
            "EnhancedMonitoring": enhancedMonitoring,
            "EncryptionType": "NONE",
            "OpenShardCount": .int(Int64(stream.openShardCount)),
            "ConsumerCount": .int(Int64(consumerCount)),
        ]
    }
}
