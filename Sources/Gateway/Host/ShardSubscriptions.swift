import Estate

/// SubscribeToShard over HTTP: one request, then an event stream that stays open while the
/// estate pushes the shard's records, until the subscription's five virtual minutes are up.
///
/// The subscription itself lives in the estate (`SubscribeToShard`, then
/// `nextSubscriptionEvent`); this side asks for the next event every `pushInterval` of wall
/// time through the mailbox and frames each as an event-stream message.
extension Gateway {
    static let subscribeTarget = "Kinesis_20131202.SubscribeToShard"
    /// How often the endpoint asks for more records: AWS pushes about every second; sooner keeps
    /// fast-forwarded estates responsive.
    static let pushInterval: Duration = .milliseconds(200)
    /// An event without records still goes out this often, so a reader sees MillisBehindLatest.
    static let heartbeat: Duration = .seconds(1)

    /// The answer's head (status, headers and, for a subscription, its first two messages) and,
    /// when the subscription started, the messages that follow.
    public func subscribe(_ request: WireRequest, mailbox: EstateMailbox) async -> (WireResponse, AsyncStream<[UInt8]>?) {
        let start = ContinuousClock.now
        let id = ids.next()
        guard let proto = jsonServices["Kinesis_20131202"] else {
            return (Self.queryError(AWSError("UnknownOperationException", "This endpoint has no Kinesis service."), requestID: id), nil)
        }
        if let refusal = signatureRefusal(proto, request, requestID: id) { return (refusal, nil) }
        let operation: OperationRequest
        switch proto.decode(request) {
        case let .success(o): operation = o
        case let .failure(error): return (proto.encode(error, operation: nil, request: request, requestID: id), nil)
        }
        let result = await mailbox.perform { estate in
            let result = estate.execute(operation)
            var status = 200, code: String?
            if case let .failure(error) = result { status = ErrorStatus.of(error.code); code = error.code }
            estate.bus.publish(APICallEvent(service: operation.service, operation: operation.operation, status: status,
                                            errorCode: code, latencyMicroseconds: APICallEvent.microseconds(since: start)))
            return result
        }
        let value: JSONValue
        switch result {
        case let .success(v): value = v
        case let .failure(error): return (proto.encode(error, operation: operation.operation, request: request, requestID: id), nil)
        }
        let consumer = operation.parameters["ConsumerARN"]?.stringValue ?? ""
        let shard = operation.parameters["ShardId"]?.stringValue ?? ""
        let first = value["EventStream"]?["SubscribeToShardEvent"] ?? [:]
        let head = EventStreamMessage.event("initial-response", json: "{}").encoded + Self.eventMessage(first)
        let (events, continuation) = AsyncStream<[UInt8]>.makeStream()
        let pusher = Task {
            var lastSent = ContinuousClock.now
            while !Task.isCancelled {
                try? await Task.sleep(for: Self.pushInterval)
                let next = await mailbox.perform { estate in estate.kinesis.nextSubscriptionEvent(consumerARN: consumer, shardID: shard) }
                guard let next else { break }
                let hasRecords = !(next["Records"]?.arrayValue ?? []).isEmpty
                if !hasRecords, next["ChildShards"] == nil, ContinuousClock.now - lastSent < Self.heartbeat { continue }
                continuation.yield(Self.eventMessage(next))
                lastSent = ContinuousClock.now
            }
            continuation.finish()
        }
        continuation.onTermination = { reason in
            pusher.cancel()
            // The reader went away before the subscription ended: end it, so the shard is free.
            if case .cancelled = reason {
                mailbox.post { estate in estate.kinesis.endSubscription(consumerARN: consumer, shardID: shard) }
            }
        }
        let response = WireResponse(status: 200, headers: [("Content-Type", "application/vnd.amazon.eventstream"), ("x-amzn-RequestId", id)],
                                    body: head)
        return (response, events)
    }

    static func eventMessage(_ event: JSONValue) -> [UInt8] {
        EventStreamMessage.event("SubscribeToShardEvent", json: JSONProtocol.dropNulls(event).serialized()).encoded
    }
}
