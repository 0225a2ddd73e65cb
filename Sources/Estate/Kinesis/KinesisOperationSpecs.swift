/// The Kinesis operations the estate understands, with the AWS CLI's parameters (botocore's model).
extension KinesisService {
    static func op(_ name: String, _ parameters: [ParameterSpec], _ summary: String) -> OperationSpec {
        OperationSpec(service: "kinesis", name: name, parameters: parameters, summary: summary)
    }
    static let streamName = ParameterSpec("StreamName", .string, help: "the stream's name")
    static let streamARN = ParameterSpec("StreamARN", .string, help: "the stream's ARN (instead of its name)")
    static let hashKeyRangeShape: ParameterShape = .structure([("StartingHashKey", .string), ("EndingHashKey", .string)])

    public static let operationSpecs: [OperationSpec] = [
        op("CreateStream", [
            ParameterSpec("StreamName", .string, required: true, help: "a name of [a-zA-Z0-9_.-], up to 128"),
            ParameterSpec("ShardCount", .integer, help: "number of shards (provisioned mode)"),
            ParameterSpec("StreamModeDetails", .structure([("StreamMode", .string)]), help: "StreamMode=PROVISIONED|ON_DEMAND"),
        ], "Create a data stream"),
        op("DeleteStream", [streamName, streamARN, ParameterSpec("EnforceConsumerDeletion", .boolean, help: "accepted, no effect")],
           "Delete a data stream"),
        op("ListStreams", [
            ParameterSpec("Limit", .integer, help: "streams per page (1–10000)"),
            ParameterSpec("ExclusiveStartStreamName", .string, help: "list names after this one"),
            ParameterSpec("NextToken", .string, help: "token from the previous page"),
        ], "List data streams"),
        op("DescribeStream", [streamName, streamARN,
            ParameterSpec("Limit", .integer, help: "shards per page (1–10000)"),
            ParameterSpec("ExclusiveStartShardId", .string, help: "list shards after this one"),
        ], "Describe a stream and its shards"),
        op("DescribeStreamSummary", [streamName, streamARN], "Describe a stream without its shards"),
        op("ListShards", [streamName, streamARN,
            ParameterSpec("NextToken", .string, help: "token from the previous page (without StreamName)"),
            ParameterSpec("ExclusiveStartShardId", .string, help: "list shards after this one"),
            ParameterSpec("MaxResults", .integer, help: "shards per page (1–10000)"),
            ParameterSpec("ShardFilter", .structure([("Type", .string), ("ShardId", .string), ("Timestamp", .string)]),
                          help: "Type=AT_LATEST|AT_TRIM_HORIZON|FROM_TRIM_HORIZON|AFTER_SHARD_ID|AT_TIMESTAMP|FROM_TIMESTAMP"),
        ], "List a stream's shards"),
        op("PutRecord", [streamName, streamARN,
            ParameterSpec("Data", .blob, required: true, help: "the record's data, as text (from the network: any bytes)"),
            ParameterSpec("PartitionKey", .string, required: true, help: "1–256 characters; its MD5 picks the shard"),
            ParameterSpec("ExplicitHashKey", .string, help: "a decimal hash key that overrides the partition key's"),
            ParameterSpec("SequenceNumberForOrdering", .string, help: "a previous sequence number of this key"),
        ], "Write one record"),
        op("PutRecords", [streamName, streamARN,
            ParameterSpec("Records", .list(.structure([("Data", .blob), ("PartitionKey", .string), ("ExplicitHashKey", .string)])),
                          required: true, help: "Data=…,PartitionKey=… (1–500 entries)"),
        ], "Write up to 500 records"),
        op("GetShardIterator", [streamName, streamARN,
            ParameterSpec("ShardId", .string, required: true, help: "shardId-000000000000"),
            ParameterSpec("ShardIteratorType", .string, required: true,
                          help: "TRIM_HORIZON|LATEST|AT_SEQUENCE_NUMBER|AFTER_SEQUENCE_NUMBER|AT_TIMESTAMP"),
            ParameterSpec("StartingSequenceNumber", .string, help: "for AT_/AFTER_SEQUENCE_NUMBER"),
            ParameterSpec("Timestamp", .string, help: "for AT_TIMESTAMP: epoch seconds or ISO 8601"),
        ], "Get an iterator into a shard"),
        op("GetRecords", [
            ParameterSpec("ShardIterator", .string, required: true, help: "from get-shard-iterator or a previous get-records"),
            ParameterSpec("Limit", .integer, help: "most records to return (1–10000)"),
            streamARN,
        ], "Read records from a shard"),
        op("SplitShard", [streamName, streamARN,
            ParameterSpec("ShardToSplit", .string, required: true, help: "the open shard to split"),
            ParameterSpec("NewStartingHashKey", .string, required: true, help: "first hash key of the upper child"),
        ], "Split a shard in two"),
        op("MergeShards", [streamName, streamARN,
            ParameterSpec("ShardToMerge", .string, required: true, help: "one open shard"),
            ParameterSpec("AdjacentShardToMerge", .string, required: true, help: "the open shard next to it"),
        ], "Merge two adjacent shards"),
        op("UpdateShardCount", [streamName, streamARN,
            ParameterSpec("TargetShardCount", .integer, required: true, help: "half to double the open shards"),
            ParameterSpec("ScalingType", .string, required: true, help: "UNIFORM_SCALING"),
        ], "Rescale a stream evenly"),
        op("UpdateStreamMode", [
            ParameterSpec("StreamARN", .string, required: true, help: "the stream's ARN"),
            ParameterSpec("StreamModeDetails", .structure([("StreamMode", .string)]), required: true, help: "StreamMode=PROVISIONED|ON_DEMAND"),
        ], "Switch a stream between provisioned and on-demand capacity"),
        op("IncreaseStreamRetentionPeriod", [streamName, streamARN,
            ParameterSpec("RetentionPeriodHours", .integer, required: true, help: "up to 8760"),
        ], "Keep records longer"),
        op("DecreaseStreamRetentionPeriod", [streamName, streamARN,
            ParameterSpec("RetentionPeriodHours", .integer, required: true, help: "at least 24"),
        ], "Keep records for less time"),
    ] + fanOutSpecs + tagSpecs

    static let consumerName = ParameterSpec("ConsumerName", .string, help: "the consumer's name")
    static let consumerARN = ParameterSpec("ConsumerARN", .string, help: "the consumer's ARN")
    static let fanOutSpecs: [OperationSpec] = [
        op("RegisterStreamConsumer", [ParameterSpec("StreamARN", .string, required: true, help: "the stream's ARN"),
            ParameterSpec("ConsumerName", .string, required: true, help: "a name of [a-zA-Z0-9_.-], up to 128")],
           "Register an enhanced fan-out consumer"),
        op("DescribeStreamConsumer", [streamARN, consumerName, consumerARN], "Describe an enhanced fan-out consumer"),
        op("ListStreamConsumers", [ParameterSpec("StreamARN", .string, required: true, help: "the stream's ARN"),
            ParameterSpec("MaxResults", .integer, help: "most consumers to list"), ParameterSpec("NextToken", .string, help: "from the last page")],
           "List a stream's enhanced fan-out consumers"),
        op("DeregisterStreamConsumer", [streamARN, consumerName, consumerARN], "Deregister an enhanced fan-out consumer"),
        op("SubscribeToShard", [ParameterSpec("ConsumerARN", .string, required: true, help: "the consumer's ARN"),
            ParameterSpec("ShardId", .string, required: true, help: "shardId-000000000000"),
            ParameterSpec("StartingPosition", .structure([("Type", .string), ("SequenceNumber", .string), ("Timestamp", .string)]),
                          required: true, help: "Type=TRIM_HORIZON|LATEST|AT_SEQUENCE_NUMBER|AFTER_SEQUENCE_NUMBER|AT_TIMESTAMP")],
           "Push a shard's records to a consumer for five minutes"),
    ]

    public var operations: [OperationSpec] { Self.operationSpecs }

    public func perform(_ operation: String, _ p: Parameters) throws(AWSError) -> JSONValue {
        switch operation {
        case "CreateStream": return try createStreamOperation(p)
        case "DeleteStream": return try deleteStreamOperation(p)
        case "ListStreams": return try listStreamsOperation(p)
        case "DescribeStream": return try describeStreamOperation(p)
        case "DescribeStreamSummary": return try describeStreamSummaryOperation(p)
        case "ListShards": return try listShardsOperation(p)
        case "PutRecord": return try putRecordOperation(p)
        case "PutRecords": return try putRecordsOperation(p)
        case "GetShardIterator": return try getShardIteratorOperation(p)
        case "GetRecords": return try getRecordsOperation(p)
        case "SplitShard": return try splitShardOperation(p)
        case "MergeShards": return try mergeShardsOperation(p)
        case "UpdateShardCount": return try updateShardCountOperation(p)
        case "UpdateStreamMode": return try updateStreamModeOperation(p)
        case "IncreaseStreamRetentionPeriod": return try retentionOperation(p, increase: true)
        case "DecreaseStreamRetentionPeriod": return try retentionOperation(p, increase: false)
        case "RegisterStreamConsumer": return try registerStreamConsumerOperation(p)
        case "DescribeStreamConsumer": return try describeStreamConsumerOperation(p)
        case "ListStreamConsumers": return try listStreamConsumersOperation(p)
        case "DeregisterStreamConsumer": return try deregisterStreamConsumerOperation(p)
        case "SubscribeToShard": return try subscribeToShardOperation(p)
        case "AddTagsToStream": return try addTagsToStreamOperation(p)
        case "ListTagsForStream": return try listTagsForStreamOperation(p)
        case "RemoveTagsFromStream": return try removeTagsFromStreamOperation(p)
        case "DescribeLimits": return try describeLimitsOperation(p)
        default: throw AWSError("InvalidAction", "The action \(operation) is not valid for this web service.")
        }
    }
}
