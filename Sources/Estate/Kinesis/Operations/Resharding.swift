/// SplitShard, MergeShards and UpdateShardCount (REFERENCE §2.5).
///
/// Each request is checked at once and turns the stream UPDATING; the new shards appear, and the
/// parents close, when the seeded delay ends and the stream is ACTIVE again. Reads and writes go
/// on meanwhile against the old layout, as in AWS.
extension KinesisService {
    public func splitShard(streamName: String, shardToSplit: String, newStartingHashKey: String) throws(AWSError) {
        let stream = try requireStream(streamName)
        try requireProvisioned(stream, operation: "SplitShard")
        try admitReshardingCall(operation: "SplitShard")
        try requireActive(stream)
        let shard = try requireShard(stream, shardToSplit)
        try requireOpen(shard, stream)
        guard let key = HashKey.parse(newStartingHashKey) else {
            throw .validation("1 validation error detected: Value '\(newStartingHashKey)' at 'newStartingHashKey' failed to satisfy constraint: Member must satisfy regular expression pattern: 0|([1-9]\\d{0,38})")
        }
        let range = shard.hashKeyRange
        guard range.lowerBound < UInt128.max, key > range.lowerBound + 1, key < range.upperBound else {
            throw AWSError("InvalidArgumentException", "NewStartingHashKey \(newStartingHashKey) used in SplitShard() on shard \(shardToSplit) in stream \(streamName) under account \(context.accountID) is not both greater than one plus the shard's StartingHashKey \(range.lowerBound) and less than the shard's EndingHashKey \(range.upperBound).")
        }
        try requireQuota(adding: 1)
        reshard(stream) { now in [self.split(shard, at: key, in: stream, now: now).event] }
    }

    public func mergeShards(streamName: String, shardToMerge: String, adjacentShardToMerge: String) throws(AWSError) {
        let stream = try requireStream(streamName)
        try requireProvisioned(stream, operation: "MergeShards")
        try admitReshardingCall(operation: "MergeShards")
        try requireActive(stream)
        let a = try requireShard(stream, shardToMerge), b = try requireShard(stream, adjacentShardToMerge)
        try requireOpen(a, stream)
        try requireOpen(b, stream)
        let (lower, upper) = a.hashKeyRange.lowerBound < b.hashKeyRange.lowerBound ? (a, b) : (b, a)
        guard a !== b, lower.hashKeyRange.upperBound < UInt128.max, lower.hashKeyRange.upperBound + 1 == upper.hashKeyRange.lowerBound else {
            throw AWSError("InvalidArgumentException", "Shards \(shardToMerge) and \(adjacentShardToMerge) in stream \(streamName) under account \(context.accountID) are not an adjacent pair of shards eligible for merging")
        }
        reshard(stream) { now in [self.merge(a, b, in: stream, now: now).event] }
    }

    /// UNIFORM_SCALING: the open shards end up as `target` evenly sized shards.
    ///
    /// AWS performs it as individual splits and merges (its documentation warns of the
    /// short-lived shards that creates), so every shard has one parent or a parent and an
    /// adjacent parent, never more, and a consumer that reads parents before children reads
    /// every record in order.
    @discardableResult
    public func updateShardCount(streamName: String, target: Int, scalingType: String = "UNIFORM_SCALING") throws(AWSError) -> Int {
        let stream = try requireStream(streamName)
        guard scalingType == "UNIFORM_SCALING" else {
            throw .validation("1 validation error detected: Value '\(scalingType)' at 'scalingType' failed to satisfy constraint: Member must satisfy enum value set: [UNIFORM_SCALING]")
        }
        guard target >= 1 else {
            throw .validation("1 validation error detected: Value '\(target)' at 'targetShardCount' failed to satisfy constraint: Member must have value greater than or equal to 1")
        }
        try requireProvisioned(stream, operation: "UpdateShardCount")
        try requireActive(stream)
        let current = stream.openShardCount
        guard target <= current * 2 else {
            throw AWSError("LimitExceededException", "UpdateShardCount cannot scale up over double your current open shard count. Current open shard count: \(current) Target shard count: \(target)")
        }
        guard target * 2 >= current else {
            throw AWSError("LimitExceededException", "UpdateShardCount cannot scale down below half your current open shard count. Current open shard count: \(current) Target shard count: \(target)")
        }
        let now = scheduler.now
        stream.shardCountUpdates.removeAll { now - $0 >= KinesisLimits.updateShardCountWindow }
        guard stream.shardCountUpdates.count < KinesisLimits.updateShardCountCallsPerWindow else {
            throw AWSError("LimitExceededException", "Rate exceeded for stream \(streamName) under account \(context.accountID): UpdateShardCount may scale a stream at most \(KinesisLimits.updateShardCountCallsPerWindow) times per rolling 24-hour period.")
        }
        try requireQuota(adding: max(0, target - current))
        guard target != current || !stream.openShards.elementsEqual(HashKey.evenRanges(count: target), by: { $0.hashKeyRange == $1 }) else {
            return current
        }
        stream.shardCountUpdates.append(now)
        reshard(stream) { now in
            self.scaleUniformly(stream, to: target, now: now) + [KinesisEvent(streamName: streamName, kind: .shardCountUpdated(from: current, to: target))]
        }
        return current
    }

    // MARK: - Uniform scaling as splits and merges

    /// Splits every open shard at the target layout's boundaries inside it, then merges the
    /// pieces lying within each target range, left to right. Returns the events in order.
    func scaleUniformly(_ stream: KinesisStream, to target: Int, now: SimInstant) -> [KinesisEvent] {
        let targets = HashKey.evenRanges(count: target)
        let boundaries = targets.dropFirst().map(\.lowerBound)
        var events: [KinesisEvent] = []
        var pieces: [Shard] = []
        for shard in stream.openShards {
            var rest = shard
            for boundary in boundaries where boundary > rest.hashKeyRange.lowerBound && boundary <= rest.hashKeyRange.upperBound {
                let (low, high, event) = split(rest, at: boundary, in: stream, now: now)
                events.append(event)
                pieces.append(low)
                rest = high
            }
            pieces.append(rest)
        }
        var next = 0
        for range in targets {
            var merged = pieces[next]
            next += 1
            while next < pieces.count, range.contains(pieces[next].hashKeyRange.lowerBound) {
                let (child, event) = merge(merged, pieces[next], in: stream, now: now)
                events.append(event)
                merged = child
                next += 1
            }
        }
        return events
    }

    private func split(_ shard: Shard, at key: UInt128, in stream: KinesisStream, now: SimInstant) -> (low: Shard, high: Shard, event: KinesisEvent) {
        let range = shard.hashKeyRange
        let low = stream.addShard(range: range.lowerBound...(key - 1), parents: [shard.shardID], at: now)
        let high = stream.addShard(range: key...range.upperBound, parents: [shard.shardID], at: now)
        close(shard, children: [low, high], at: now)
        return (low, high, KinesisEvent(streamName: stream.name, kind: .shardSplit(parent: shard.shardID, children: [low.shardID, high.shardID])))
    }

    /// `a` is `ShardToMerge` (the child's `ParentShardId`), `b` the adjacent one.
    private func merge(_ a: Shard, _ b: Shard, in stream: KinesisStream, now: SimInstant) -> (child: Shard, event: KinesisEvent) {
        let lower = min(a.hashKeyRange.lowerBound, b.hashKeyRange.lowerBound)
        let upper = max(a.hashKeyRange.upperBound, b.hashKeyRange.upperBound)
        let child = stream.addShard(range: lower...upper, parents: [a.shardID, b.shardID], adjacentParent: b.shardID, at: now)
        close(a, children: [child], at: now)
        close(b, children: [child], at: now)
        return (child, KinesisEvent(streamName: stream.name, kind: .shardsMerged(parents: [a.shardID, b.shardID], child: child.shardID)))
    }

    // MARK: - Shared steps

    private func requireOpen(_ shard: Shard, _ stream: KinesisStream) throws(AWSError) {
        guard shard.isOpen else {
            throw AWSError("InvalidArgumentException", "Shard \(shard.shardID) in stream \(stream.name) under account \(context.accountID) has already been merged or split, and thus is not eligible for merging or splitting.")
        }
    }

    /// Resharding is for provisioned streams; on-demand streams add shards by themselves.
    private func requireProvisioned(_ stream: KinesisStream, operation: String) throws(AWSError) {
        guard stream.mode == .provisioned else {
            throw .validation("\(operation) is only supported for data streams with the provisioned capacity mode. Stream \(stream.name) under account \(context.accountID) is in ON_DEMAND mode.")
        }
    }

    /// SplitShard and MergeShards share five calls a second per account.
    private func admitReshardingCall(operation: String) throws(AWSError) {
        let now = scheduler.now.milliseconds
        guard reshardingCalls.has(1, now: now, perSecond: KinesisLimits.reshardingCallsPerSecond) else {
            throw AWSError("LimitExceededException", "Rate exceeded for \(operation) under account \(context.accountID): SplitShard and MergeShards allow \(KinesisLimits.reshardingCallsPerSecond) transactions per second per account.")
        }
        reshardingCalls.take(1)
    }

    private func requireQuota(adding shards: Int) throws(AWSError) {
        guard openShardsInAccount + shards <= KinesisLimits.accountShardQuota else {
            throw AWSError("LimitExceededException", "This request would exceed the shard limit for the account \(context.accountID) in \(context.region). Current limit of shards is \(KinesisLimits.accountShardQuota).")
        }
    }

    private func close(_ shard: Shard, children: [Shard], at now: SimInstant) {
        shard.closedAt = now
        shard.childShardIDs = children.map(\.shardID)
    }

    /// UPDATING now; `apply` runs when the delay ends, then the stream is ACTIVE again.
    func reshard(_ stream: KinesisStream, apply: @escaping (SimInstant) -> [KinesisEvent]) {
        setStatus(stream, .updating)
        stream.pendingUpdate = scheduler.schedule(after: delay(TransitionDelay.update)) { [unowned self] in
            guard stream.status == .updating else { return }
            stream.pendingUpdate = nil
            let events = apply(self.scheduler.now)
            stream.rebuildRoutes()
            for event in events { self.bus.publish(event) }
            self.setStatus(stream, .active)
        }
    }

    func splitShardOperation(_ p: Parameters) throws(AWSError) -> JSONValue {
        try splitShard(streamName: try requireStream(p).name, shardToSplit: try p.requiredString("ShardToSplit"),
                       newStartingHashKey: try p.requiredString("NewStartingHashKey"))
        return [:]
    }

    func mergeShardsOperation(_ p: Parameters) throws(AWSError) -> JSONValue {
        try mergeShards(streamName: try requireStream(p).name, shardToMerge: try p.requiredString("ShardToMerge"),
                        adjacentShardToMerge: try p.requiredString("AdjacentShardToMerge"))
        return [:]
    }

    func updateShardCountOperation(_ p: Parameters) throws(AWSError) -> JSONValue {
        let stream = try requireStream(p)
        let target = try p.requiredInt("TargetShardCount")
        let current = try updateShardCount(streamName: stream.name, target: target, scalingType: try p.requiredString("ScalingType"))
        return ["StreamName": .string(stream.name), "CurrentShardCount": .int(Int64(current)),
                "TargetShardCount": .int(Int64(target)), "StreamARN": .string(stream.arn)]
    }
}
