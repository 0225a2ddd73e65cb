/// An enhanced fan-out consumer (RegisterStreamConsumer): a named reader of one stream that gets
/// its own 2 MiB/s per shard, pushed over SubscribeToShard, instead of sharing GetRecords' limits.
public final class StreamConsumer {
    public enum Status: String, Sendable {
        case creating = "CREATING", active = "ACTIVE", deleting = "DELETING"
    }

    public let name: String
    /// `arn:aws:kinesis:REGION:ACCOUNT:stream/STREAM/consumer/NAME:EPOCH-SECONDS`, as AWS forms it.
    public let arn: String
    public let streamName: String
    public let streamARN: String
    public let createdAt: SimInstant
    public internal(set) var status: Status
    /// Records and bytes pushed to it over every subscription, for the Streams view.
    public internal(set) var recordsPushed = 0
    public internal(set) var bytesPushed = 0

    init(name: String, stream: KinesisStream, at now: SimInstant) {
        self.name = name
        streamName = stream.name
        streamARN = stream.arn
        createdAt = now
        status = .creating
        arn = "\(stream.arn)/consumer/\(name):\(Int64(SimCalendar.unixSeconds(now)))"
    }

    /// The `Consumer` shape of ListStreamConsumers and RegisterStreamConsumer.
    var json: JSONValue {
        [
            "ConsumerName": .string(name), "ConsumerARN": .string(arn), "ConsumerStatus": .string(status.rawValue),
            "ConsumerCreationTimestamp": KinesisTimestamp.json(createdAt),
        ]
    }

    /// DescribeStreamConsumer's `ConsumerDescription`: the same with the stream's ARN.
    var descriptionJSON: JSONValue {
        guard case var .object(pairs) = json else { return json }
        pairs.append(("StreamARN", .string(streamARN)))
        return .object(pairs)
    }
}

/// One SubscribeToShard: a consumer reading one shard from a position, for five minutes.
public final class FanOutSubscription {
    public let consumerARN: String
    public let shardID: String
    let streamTag: UInt64
    let shardIndex: Int
    public let startedAt: SimInstant
    /// The next record to push.
    var ordinal: UInt64
    /// What `ContinuationSequenceNumber` says until a record has been pushed.
    var continuation: String
    /// The 2 MiB/s allowance in bytes, refilled with virtual time, at most one second's worth.
    var allowance = Double(FanOutLimits.bytesPerSecond)
    var refilledAt: SimInstant
    public internal(set) var ended = false

    init(consumerARN: String, shardID: String, streamTag: UInt64, shardIndex: Int, ordinal: UInt64, continuation: String, at now: SimInstant) {
        self.consumerARN = consumerARN
        self.shardID = shardID
        self.streamTag = streamTag
        self.shardIndex = shardIndex
        self.ordinal = ordinal
        self.continuation = continuation
        startedAt = now
        refilledAt = now
    }

    var key: String { FanOutSubscription.key(consumerARN, shardID) }
    static func key(_ consumerARN: String, _ shardID: String) -> String { consumerARN + "|" + shardID }
}

/// Enhanced fan-out's documented limits (Kinesis Data Streams quotas).
public enum FanOutLimits {
    /// Each consumer reads each shard at up to 2 MiB per second.
    public static let bytesPerSecond = 2 << 20
    /// A subscription lasts five minutes; the consumer then subscribes again.
    public static let subscriptionLifetime = SimDuration.minutes(5)
    /// A second SubscribeToShard for the same consumer and shard within this is ResourceInUseException.
    public static let resubscribeGap = SimDuration.seconds(5)
    /// Consumers registered per stream.
    public static let consumersPerStream = 20
    /// Virtual time a consumer takes to become ACTIVE, and to go once deregistered.
    public static let registrationTime = SimDuration.seconds(5)
    public static let deregistrationTime = SimDuration.seconds(5)
}
