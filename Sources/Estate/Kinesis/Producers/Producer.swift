/// A traffic generator: puts records into a stream at a steady rate in virtual time.
///
/// It writes through the same PutRecord path as everyone else, so it is throttled like any
/// client and its refusals are counted here and in the stream's metrics. Records go out every
/// `tick` in batches sized by the rate; a fractional remainder carries over, so 0.5 records/s
/// means one record every two seconds.
public final class Producer {
    public struct Settings: Sendable, Equatable {
        public var name: String
        public var streamName: String
        public var recordsPerSecond: Double
        public var keys: KeyDistribution
        public var template: PayloadTemplate

        public init(name: String, streamName: String, recordsPerSecond: Double, keys: KeyDistribution, template: PayloadTemplate) {
            self.name = name
            self.streamName = streamName
            self.recordsPerSecond = recordsPerSecond
            self.keys = keys
            self.template = template
        }
    }

    /// Records go out in batches every 100 ms, like the Kinesis Producer Library's default
    /// `RecordMaxBufferedTime`; so records of one batch share an arrival time, as they do on AWS.
    public static let tick = SimDuration.milliseconds(100)
    public static let maximumRate = 100_000.0

    public let settings: Settings
    public private(set) var sent = 0
    public private(set) var throttled = 0
    /// Refused for any other reason (stream missing, still CREATING, deleted…).
    public private(set) var failed = 0
    public private(set) var lastError: String?
    public var isRunning: Bool { task != nil }

    /// Draws the partition keys; each payload has a generator of its own (see `SyntheticSource`).
    private var random: SeededRandom
    private var carry = 0.0
    private var task: Scheduler.TaskID?
    /// Unowned, not weak: the service owns its producers, and a weak reference would move the
    /// service's reference count to a side table, slowing every retain of it on the write path.
    private unowned var service: KinesisService?
    /// How the record store regenerates this producer's payloads.
    let source: SyntheticSource

    init(settings: Settings, service: KinesisService, random: SeededRandom) {
        self.settings = settings
        self.service = service
        self.random = random
        let payloadSeed = random.fork("payloads").seed
        source = service.recordStore.addSource(template: settings.template, seed: payloadSeed, keyCount: settings.keys.keyCount)
            ?? SyntheticSource(number: RecordEntry.clientBytes, template: settings.template, seed: payloadSeed, keyCount: settings.keys.keyCount)
    }

    func start() {
        guard task == nil else { return }
        schedule()
    }

    func stop() {
        if let task { service?.scheduler.cancel(task) }
        task = nil
    }

    private func schedule() {
        // Unowned: `stop` cancels this task, and the service keeps every running producer.
        task = service?.scheduler.schedule(after: Self.tick) { [unowned self] in
            self.emit()
            self.schedule()
        }
    }

    private func emit() {
        guard let service else { return }
        carry += settings.recordsPerSecond * Self.tick.seconds
        let count = Int(carry)
        carry -= Double(count)
        guard count > 0 else { return }
        var random = self.random
        let tally = service.writeSynthetic(count: count, to: settings.streamName, source: source, keys: settings.keys,
                                           using: &random, at: service.scheduler.now)
        self.random = random
        sent += tally.accepted
        throttled += tally.throttled
        failed += tally.failed
        if let code = tally.lastErrorCode { lastError = code }
    }

    var json: JSONValue {
        [
            "Name": .string(settings.name),
            "StreamName": .string(settings.streamName),
            "RecordsPerSecond": .double(settings.recordsPerSecond),
            "Keys": .int(Int64(settings.keys.keyCount)),
            "HotKeyShare": .double(settings.keys.hotKeyShare),
            "Template": .string(settings.template.rawValue),
            "Running": .bool(isRunning),
            "RecordsSent": .int(Int64(sent)),
            "RecordsThrottled": .int(Int64(throttled)),
            "RecordsFailed": .int(Int64(failed)),
        ]
    }
}

extension KinesisService {
    /// Starts a producer; names are unique among producers.
    @discardableResult
    public func startProducer(_ settings: Producer.Settings) throws(AWSError) -> Producer {
        guard !settings.name.isEmpty else { throw .validation("A producer needs a name.") }
        guard !producers.contains(where: { $0.settings.name == settings.name && $0.isRunning }) else {
            throw AWSError("ResourceInUseException", "Producer \(settings.name) is already running.")
        }
        _ = try requireStream(settings.streamName)
        guard settings.recordsPerSecond > 0, settings.recordsPerSecond <= Producer.maximumRate else {
            throw AWSError("InvalidArgumentException", "Rate must be above 0 and at most \(Int(Producer.maximumRate)) records/s, not \(settings.recordsPerSecond).")
        }
        producers.removeAll { $0.settings.name == settings.name }
        let producer = Producer(settings: settings, service: self, random: trafficRandom.fork("producer/" + settings.name))
        producers.append(producer)
        producer.start()
        bus.publish(KinesisEvent(streamName: settings.streamName, kind: .producerStarted(name: settings.name)))
        return producer
    }

    public func stopProducer(named name: String) throws(AWSError) {
        guard let producer = producers.first(where: { $0.settings.name == name }), producer.isRunning else {
            throw AWSError("ResourceNotFoundException", "No running producer named \(name).")
        }
        producer.stop()
        bus.publish(KinesisEvent(streamName: producer.settings.streamName, kind: .producerStopped(name: name)))
    }

    public func producer(named name: String) -> Producer? { producers.first { $0.settings.name == name } }
}
