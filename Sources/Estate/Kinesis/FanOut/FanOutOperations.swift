import Foundation

/// Enhanced fan-out: consumers registered on a stream (REFERENCE: Kinesis "Develop enhanced
/// fan-out consumers"), each subscribing to shards and getting records pushed at up to 2 MiB/s
/// per shard, for five minutes a subscription.
extension KinesisService {
    /// Registered consumers, by stream then name, for views.
    public var streamConsumers: [StreamConsumer] {
        streamConsumersByARN.values.sorted { ($0.streamName, $0.name) < ($1.streamName, $1.name) }
    }

    /// Subscriptions still running, for views.
    public var liveSubscriptions: [FanOutSubscription] {
        fanOutSubscriptions.keys.sorted().compactMap { fanOutSubscriptions[$0] }.filter { !$0.ended && scheduler.now < $0.startedAt + FanOutLimits.subscriptionLifetime }
    }

    /// How far a consumer's live subscription to a shard is behind the shard's newest record,
    /// or nil when it has none.
    public func fanOutMillisBehind(consumerARN: String, shardID: String) -> Int64? {
        let now = scheduler.now
        guard let s = fanOutSubscriptions[FanOutSubscription.key(consumerARN, shardID)], !s.ended,
              now < s.startedAt + FanOutLimits.subscriptionLifetime,
              let stream = streamsByTag[s.streamTag], s.shardIndex < stream.shards.count else { return nil }
        let shard = stream.shards[s.shardIndex]
        if s.ordinal >= shard.nextOrdinal { return 0 }
        return shard.records.entry(ordinal: s.ordinal).map { now.milliseconds - $0.arrivalMilliseconds } ?? 0
    }

    /// A consumer of a stream that still exists (a deleted stream takes its consumers with it).
    func liveConsumer(_ arn: String) -> StreamConsumer? {
        guard let c = streamConsumersByARN[arn], streamsByName[c.streamName]?.arn == c.streamARN else { return nil }
        return c
    }

    func requireStreamByARN(_ p: Parameters) throws(AWSError) -> KinesisStream {
        let arn = try p.requiredString("StreamARN")
        guard let stream = streamsByName.values.first(where: { $0.arn == arn }) else {
            throw AWSError("ResourceNotFoundException", "Stream \(arn) under account \(context.accountID) not found.")
        }
        return stream
    }

    /// By `ConsumerARN`, or by `StreamARN` and `ConsumerName`.
    func requireConsumer(_ p: Parameters) throws(AWSError) -> StreamConsumer {
        if let arn = try p.string("ConsumerARN") {
            guard let c = liveConsumer(arn) else { throw AWSError("ResourceNotFoundException", "Consumer \(arn) under account \(context.accountID) not found.") }
            return c
        }
        guard let name = try p.string("ConsumerName"), p.has("StreamARN") else {
            throw AWSError("InvalidArgumentException", "Either ConsumerARN or both StreamARN and ConsumerName must be provided.")
        }
        let stream = try requireStreamByARN(p)
        guard let c = streamConsumersByARN.values.first(where: { $0.streamARN == stream.arn && $0.name == name }) else {
            throw AWSError("ResourceNotFoundException", "Consumer \(name) under account \(context.accountID) not found.")
        }
        return c
    }

    func registerStreamConsumerOperation(_ p: Parameters) throws(AWSError) -> JSONValue {
        let stream = try requireStreamByARN(p)
        let name = try p.requiredString("ConsumerName")
        guard (1...128).contains(name.count), name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "_.-".contains($0)) }) else {
            throw .validation("1 validation error detected: Value '\(name)' at 'consumerName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+")
        }
        let mine = streamConsumersByARN.values.filter { $0.streamARN == stream.arn }
        if mine.contains(where: { $0.name == name }) {
            throw AWSError("ResourceInUseException", "Consumer \(name) under stream \(stream.name) under account \(context.accountID) already exists.")
        }
        guard mine.count < FanOutLimits.consumersPerStream else {
            throw AWSError("LimitExceededException", "Stream \(stream.name) under account \(context.accountID) already has \(FanOutLimits.consumersPerStream) registered consumers, the most it can have.")
        }
        let consumer = StreamConsumer(name: name, stream: stream, at: scheduler.now)
        streamConsumersByARN[consumer.arn] = consumer
        bus.publish(StreamConsumerEvent(streamName: stream.name, consumerName: name, status: consumer.status.rawValue))
        scheduler.schedule(after: FanOutLimits.registrationTime) { [self] in
            guard consumer.status == .creating else { return }
            consumer.status = .active
            bus.publish(StreamConsumerEvent(streamName: consumer.streamName, consumerName: consumer.name, status: consumer.status.rawValue))
        }
        return ["Consumer": consumer.json]
    }

    func describeStreamConsumerOperation(_ p: Parameters) throws(AWSError) -> JSONValue {
        ["ConsumerDescription": try requireConsumer(p).descriptionJSON]
    }

    func listStreamConsumersOperation(_ p: Parameters) throws(AWSError) -> JSONValue {
        let stream = try requireStreamByARN(p)
        let all = streamConsumers.filter { $0.streamARN == stream.arn }
        let limit = try p.int("MaxResults") ?? 100
        guard (1...10_000).contains(limit) else {
            throw .validation("1 validation error detected: Value '\(limit)' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 10000")
        }
        // The token is the name to continue after; consumers are listed by name.
        let after = try p.string("NextToken")
        let rest = after.map { token in all.filter { $0.name > token } } ?? all
        var pairs: [(String, JSONValue)] = [("Consumers", .array(rest.prefix(limit).map(\.json)))]
        if rest.count > limit, let last = rest.prefix(limit).last { pairs.append(("NextToken", .string(last.name))) }
        return .object(pairs)
    }

    func deregisterStreamConsumerOperation(_ p: Parameters) throws(AWSError) -> JSONValue {
        let consumer = try requireConsumer(p)
        guard consumer.status != .deleting else { return [:] }
        consumer.status = .deleting
        for s in fanOutSubscriptions.values where s.consumerARN == consumer.arn { s.ended = true }
        bus.publish(StreamConsumerEvent(streamName: consumer.streamName, consumerName: consumer.name, status: consumer.status.rawValue))
        scheduler.schedule(after: FanOutLimits.deregistrationTime) { [self] in
            streamConsumersByARN[consumer.arn] = nil
            for key in fanOutSubscriptions.keys.sorted() where fanOutSubscriptions[key]?.consumerARN == consumer.arn { fanOutSubscriptions[key] = nil }
            bus.publish(StreamConsumerEvent(streamName: consumer.streamName, consumerName: consumer.name, status: "DELETED"))
        }
        return [:]
    }

    /// SubscribeToShard: starts a subscription and answers with its first event, as
    /// `{"EventStream": {"SubscribeToShardEvent": …}}`. The endpoint keeps pushing the next
    /// events with `nextSubscriptionEvent` until the subscription ends.
    func subscribeToShardOperation(_ p: Parameters) throws(AWSError) -> JSONValue {
        guard let arn = try p.string("ConsumerARN") else { throw AWSError("InvalidArgumentException", "ConsumerARN is required.") }
        guard let consumer = liveConsumer(arn) else {
            throw AWSError("ResourceNotFoundException", "Consumer \(arn) under account \(context.accountID) not found.")
        }
        guard consumer.status == .active else {
            throw AWSError("ResourceInUseException", "Consumer \(arn) under account \(context.accountID) is not in ACTIVE state.")
        }
        let stream = try requireStream(consumer.streamName)
        let shard = try requireShard(stream, try p.requiredString("ShardId"))
        guard let position = try p.object("StartingPosition") else {
            throw AWSError("InvalidArgumentException", "StartingPosition is required.")
        }
        let typeText = try position.requiredString("Type")
        guard let type = ShardIteratorType(rawValue: typeText) else {
            throw .validation("1 validation error detected: Value '\(typeText)' at 'startingPosition.type' failed to satisfy constraint: Member must satisfy enum value set: [AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER, TRIM_HORIZON, LATEST, AT_TIMESTAMP]")
        }
        var timestamp: SimInstant?
        if let text = try position.string("Timestamp") {
            guard let t = KinesisTimestamp.parse(text) else { throw AWSError("InvalidArgumentException", "Invalid Timestamp '\(text)'.") }
            timestamp = t
        }
        let key = FanOutSubscription.key(arn, shard.shardID)
        let now = scheduler.now
        if let existing = fanOutSubscriptions[key], !existing.ended, now < existing.startedAt + FanOutLimits.resubscribeGap {
            throw AWSError("ResourceInUseException", "Another active subscription exists for consumer \(arn) on shard \(shard.shardID); subscribe again at least \(FanOutLimits.resubscribeGap.seconds) seconds after the last call.")
        }
        let ordinal = try startingOrdinal(stream, shard, type: type, startingSequenceNumber: try position.string("SequenceNumber"), timestamp: timestamp)
        // A later subscription for the same consumer and shard replaces the earlier one, as AWS does.
        fanOutSubscriptions[key]?.ended = true
        let subscription = FanOutSubscription(consumerARN: arn, shardID: shard.shardID, streamTag: stream.tag, shardIndex: shard.index,
                                              ordinal: ordinal, continuation: sequenceNumber(before: ordinal, stream, shard), at: now)
        fanOutSubscriptions[key] = subscription
        return ["EventStream": ["SubscribeToShardEvent": nextSubscriptionEvent(subscription) ?? [:]]]
    }

    /// The sequence number of the record just before `ordinal`, or the shard's starting one:
    /// what a consumer subscribes AFTER to continue at `ordinal`.
    func sequenceNumber(before ordinal: UInt64, _ stream: KinesisStream, _ shard: Shard) -> String {
        if ordinal > shard.trimHorizonOrdinal, let entry = shard.records.entry(ordinal: ordinal - 1) {
            return stream.sequenceNumber(shard: shard, ordinal: ordinal - 1, arrival: SimInstant(milliseconds: entry.arrivalMilliseconds)).description
        }
        return stream.startingSequenceNumber(shard).description
    }

    /// The next event of a subscription, or nil once it has ended: after five minutes, when its
    /// consumer was deregistered or replaced, or after the event that reached a closed shard's end.
    public func nextSubscriptionEvent(consumerARN: String, shardID: String) -> JSONValue? {
        guard let s = fanOutSubscriptions[FanOutSubscription.key(consumerARN, shardID)] else { return nil }
        return nextSubscriptionEvent(s)
    }

    /// Ends a subscription whose reader went away.
    public func endSubscription(consumerARN: String, shardID: String) {
        fanOutSubscriptions[FanOutSubscription.key(consumerARN, shardID)]?.ended = true
    }

    func nextSubscriptionEvent(_ s: FanOutSubscription) -> JSONValue? {
        let now = scheduler.now
        guard !s.ended, now < s.startedAt + FanOutLimits.subscriptionLifetime, let consumer = liveConsumer(s.consumerARN),
              let stream = streamsByTag[s.streamTag], stream.acceptsTraffic, s.shardIndex < stream.shards.count else {
            s.ended = true
            return nil
        }
        let shard = stream.shards[s.shardIndex]
        let rate = Double(FanOutLimits.bytesPerSecond)
        s.allowance = min(rate, s.allowance + rate * (now - s.refilledAt).seconds)
        s.refilledAt = now
        var records: [JSONValue] = []
        var bytes = 0
        var last: (ordinal: UInt64, arrival: Int64)?
        let next = shard.records.visit(from: max(s.ordinal, shard.trimHorizonOrdinal)) { ordinal, entry in
            guard Double(bytes + entry.recordBytes) <= s.allowance, records.count < KinesisLimits.maximumGetRecordsLimit,
                  let stored = shard.records.record(ordinal: ordinal) else { return false }
            records.append([
                "SequenceNumber": .string(stream.sequenceNumber(shard: shard, ordinal: ordinal, arrival: stored.arrival).description),
                "ApproximateArrivalTimestamp": KinesisTimestamp.json(stored.arrival),
                "Data": .string(Data(stored.data).base64EncodedString()),
                "PartitionKey": .string(stored.partitionKey),
            ])
            bytes += entry.recordBytes
            last = (ordinal, entry.arrivalMilliseconds)
            return true
        }
        s.allowance -= Double(bytes)
        s.ordinal = max(s.ordinal, next)
        if let last {
            s.continuation = stream.sequenceNumber(shard: shard, ordinal: last.ordinal, arrival: SimInstant(milliseconds: last.arrival)).description
        }
        consumer.recordsPushed += records.count
        consumer.bytesPushed += bytes
        let caughtUp = s.ordinal >= shard.nextOrdinal
        let behind: Int64 = caughtUp ? 0 : shard.records.entry(ordinal: s.ordinal).map { now.milliseconds - $0.arrivalMilliseconds } ?? 0
        var pairs: [(String, JSONValue)] = [
            ("Records", .array(records)),
            ("ContinuationSequenceNumber", .string(s.continuation)),
            ("MillisBehindLatest", .int(behind)),
        ]
        if caughtUp, !shard.isOpen {
            // The end of a closed shard: the children to subscribe to next, and no more events.
            pairs.append(("ChildShards", .array(shard.childShardIDs.compactMap { stream.shard($0) }.map { c in
                ["ShardId": .string(c.shardID), "ParentShards": .array(c.parentShardIDs.map(JSONValue.string)),
                 "HashKeyRange": KinesisJSON.hashKeyRange(c.hashKeyRange)]
            })))
            s.ended = true
        }
        return .object(pairs)
    }
}

/// A consumer registered, active, deregistering or gone.
public struct StreamConsumerEvent: ServiceEvent {
    public let streamName: String
    public let consumerName: String
    /// CREATING, ACTIVE, DELETING or DELETED.
    public let status: String

    public var service: String { "kinesis" }
    public var resourceID: String? { streamName }
    public var name: String { "StreamConsumer\(status == "DELETED" ? "Deleted" : status.capitalized)" }
    public var summary: String { "consumer \(consumerName) of \(streamName) is \(status)" }
    public var detail: JSONValue { ["StreamName": .string(streamName), "ConsumerName": .string(consumerName), "ConsumerStatus": .string(status)] }
}
