/// The simulated Kinesis Data Streams: streams and shards with AWS's semantics, plus the traffic
/// that keeps them alive (producers) and the KCL-style applications that read them.
public final class KinesisService: EstateService {
    public let serviceName = "kinesis"
    public let dumpKey = "Kinesis"

    /// Arrivals kept per stream for the live tail.
    public static let tailCapacity = 4096

    let context: ServiceContext
    var scheduler: Scheduler { context.scheduler }
    var bus: EventBus { context.bus }
    /// Stream tags (one per incarnation of a stream).
    var tagRandom: SeededRandom
    /// Status transition delays.
    var lifecycleRandom: SeededRandom
    /// Forked per producer and per consumer application by name.
    let trafficRandom: SeededRandom

    var streamsByName: [String: KinesisStream] = [:]
    var streamsByTag: [UInt64: KinesisStream] = [:]
    public internal(set) var producers: [Producer] = []
    public internal(set) var consumerApplications: [ConsumerApplication] = []
    /// KCL lease tables by application name; they outlive the applications that use them.
    var leaseTables: [String: LeaseTable] = [:]
    /// Enhanced fan-out consumers by ARN, and their subscriptions by consumer ARN and shard.
    var streamConsumersByARN: [String: StreamConsumer] = [:]
    var fanOutSubscriptions: [String: FanOutSubscription] = [:]
    /// SplitShard and MergeShards calls, across the account.
    var reshardingCalls = TokenBucket()
    /// Every stream's retained records: memory up to a budget, disk beyond it.
    public let recordStore: RecordStore

    public init(context: ServiceContext, recordStore: RecordStore = .inMemory()) {
        self.context = context
        self.recordStore = recordStore
        tagRandom = context.random.fork("tags")
        lifecycleRandom = context.random.fork("lifecycle")
        trafficRandom = context.random.fork("traffic")
        scheduleSampling()
        scheduleRetention()
    }

    /// Streams by name, as ListStreams orders them.
    public var streams: [KinesisStream] {
        streamsByName.keys.sorted().compactMap { streamsByName[$0] }
    }

    public func stream(named name: String) -> KinesisStream? { streamsByName[name] }

    /// The stream an operation names, by `StreamName` or `StreamARN`.
    func requireStream(_ name: String?, arn: String? = nil) throws(AWSError) -> KinesisStream {
        guard let key = name ?? arn.flatMap({ $0.split(separator: "/").last.map(String.init) }) else {
            throw AWSError("InvalidArgumentException", "Either StreamName or StreamARN must be provided.")
        }
        guard let stream = streamsByName[key] else { throw notFound(key) }
        return stream
    }

    func requireStream(_ p: Parameters) throws(AWSError) -> KinesisStream {
        try requireStream(try p.string("StreamName"), arn: try p.string("StreamARN"))
    }

    func notFound(_ name: String) -> AWSError {
        AWSError("ResourceNotFoundException", "Stream \(name) under account \(context.accountID) not found.")
    }

    func requireActive(_ stream: KinesisStream) throws(AWSError) {
        guard stream.status == .active else {
            throw AWSError("ResourceInUseException", "Stream \(stream.name) under account \(context.accountID) not ACTIVE, instead in state \(stream.status.rawValue)")
        }
    }

    func requireShard(_ stream: KinesisStream, _ shardID: String) throws(AWSError) -> Shard {
        guard let shard = stream.shard(shardID) else {
            throw AWSError("ResourceNotFoundException", "Shard \(shardID) in stream \(stream.name) under account \(context.accountID) does not exist")
        }
        return shard
    }

    /// Open shards across the account, against the shard quota.
    var openShardsInAccount: Int { streamsByName.values.reduce(0) { $0 + $1.openShardCount } }

    func setStatus(_ stream: KinesisStream, _ status: StreamStatus) {
        let previous = stream.status
        guard previous != status else { return }
        stream.status = status
        bus.publish(KinesisEvent(streamName: stream.name, kind: .streamStatusChanged(from: previous.rawValue, to: status.rawValue)))
    }

    func delay(_ range: ClosedRange<Int>) -> SimDuration {
        .milliseconds(Int64(lifecycleRandom.int(in: range)))
    }

    /// Seeded delays of the status transitions; AWS takes seconds to tens of seconds.
    enum TransitionDelay {
        static let create: ClosedRange<Int> = 5_000...20_000
        static let update: ClosedRange<Int> = 3_000...12_000
        static let delete: ClosedRange<Int> = 2_000...8_000
    }

    // MARK: - Periodic work

    private func scheduleSampling() {
        scheduler.schedule(after: KinesisMetrics.samplePeriod) { [unowned self] in
            self.sampleMetrics()
            self.scheduleSampling()
        }
    }

    /// Moves each stream's per-second counters into its rings, and reports throttling once per
    /// stream per second rather than once per record.
    func sampleMetrics() {
        for stream in streams {
            var throttledShards: [String] = []
            for shard in stream.shards where !shard.isExpired {
                if shard.second.throttledWrites > 0 { throttledShards.append(shard.shardID) }
                shard.incomingRecordsPerSecond.append(Double(shard.second.recordsIn))
                shard.throttledWritesPerSecond.append(Double(shard.second.throttledWrites))
                shard.second = ShardTotals()
            }
            let throttledWrites = stream.metrics.second.throttledWrites
            let throttledReads = stream.metrics.second.throttledReads
            let accepted = stream.metrics.second
            stream.metrics.sample()
            if throttledWrites > 0 {
                bus.publish(KinesisEvent(streamName: stream.name, kind: .writesThrottled(count: throttledWrites, shardIDs: throttledShards)))
            }
            if throttledReads > 0 {
                bus.publish(KinesisEvent(streamName: stream.name, kind: .readsThrottled(count: throttledReads)))
            }
            observeWrites(stream, records: accepted.recordsIn, bytes: accepted.bytesIn)
        }
    }

    /// How often retention trims old records.
    public static let retentionSweepPeriod = SimDuration.minutes(1)

    private func scheduleRetention() {
        scheduler.schedule(after: Self.retentionSweepPeriod) { [unowned self] in
            self.applyRetention()
            self.scheduleRetention()
        }
    }

    /// Drops records older than each stream's retention, moving TRIM_HORIZON; a closed shard
    /// whose records are all gone and that closed longer ago than the retention stops being listed.
    public func applyRetention() {
        let now = scheduler.now
        for stream in streams {
            let horizon = now - stream.retention
            for shard in stream.shards where !shard.isExpired {
                shard.records.trim(arrivedBefore: horizon)
                if let closed = shard.closedAt, closed < horizon, shard.records.isEmpty { shard.isExpired = true }
            }
        }
    }
}
