/// SplitShard, MergeShards and UpdateShardCount (REFERENCE §2.5).
///
/// Each request is checked at once and turns the stream UPDATING; the new shards appear, and the
/// parents close, when the seeded delay ends and the stream is ACTIVE again. Reads and writes go
/// on meanwhile against the old layout, as in AWS.
extension KinesisService {
    public func splitShard(streamName: String, shardToSplit: String, newStartingHashKey: String) throws(AWSError) {
        let stream = try requireStream(streamName)
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
        reshard(stream) { now in
            let low = stream.addShard(range: range.lowerBound...(key - 1), parents: [shard.shardID], at: now)
            let high = stream.addShard(range: key...range.upperBound, parents: [shard.shardID], at: now)
            self.close(shard, children: [low, high], at: now)
            return KinesisEvent(streamName: streamName, kind: .shardSplit(parent: shard.shardID, children: [low.shardID, high.shardID]))
        }
    }

    public func mergeShards(streamName: String, shardToMerge: String, adjacentShardToMerge: String) throws(AWSError) {
        let stream = try requireStream(streamName)
        try requireActive(stream)
        let a = try requireShard(stream, shardToMerge), b = try requireShard(stream, adjacentShardToMerge)
        try requireOpen(a, stream)
        try requireOpen(b, stream)
        let (lower, upper) = a.hashKeyRange.lowerBound < b.hashKeyRange.lowerBound ? (a, b) : (b, a)
        guard a !== b, lower.hashKeyRange.upperBound < UInt128.max, lower.hashKeyRange.upperBound + 1 == upper.hashKeyRange.lowerBound else {
            throw AWSError("InvalidArgumentException", "Shards \(shardToMerge) and \(adjacentShardToMerge) in stream \(streamName) under account \(context.accountID) are not an adjacent pair of shards eligible for merging")
        }
        reshard(stream) { now in
            let child = stream.addShard(range: lower.hashKeyRange.lowerBound...upper.hashKeyRange.upperBound,
                                        parents: [a.shardID, b.shardID], adjacentParent: b.shardID, at: now)
            self.close(a, children: [child], at: now)
            self.close(b, children: [child], at: now)
            return KinesisEvent(streamName: streamName, kind: .shardsMerged(parents: [a.shardID, b.shardID], child: child.shardID))
        }
    }

    /// UNIFORM_SCALING: the open shards close and `target` evenly sized shards replace them. Each
    /// new shard's parents are the old shards its range overlaps.
    @discardableResult
    public func updateShardCount(streamName: String, target: Int, scalingType: String = "UNIFORM_SCALING") throws(AWSError) -> Int {
        let stream = try requireStream(streamName)
        guard scalingType == "UNIFORM_SCALING" else {
            throw .validation("1 validation error detected: Value '\(scalingType)' at 'scalingType' failed to satisfy constraint: Member must satisfy enum value set: [UNIFORM_SCALING]")
        }
        try requireActive(stream)
        let current = stream.openShardCount
        guard target >= 1 else {
            throw .validation("1 validation error detected: Value '\(target)' at 'targetShardCount' failed to satisfy constraint: Member must have value greater than or equal to 1")
        }
        guard target <= current * 2, target * 2 >= current else {
            throw AWSError("InvalidArgumentException", "UpdateShardCount cannot scale up over double your current open shard count (\(current)) or scale down below half your current open shard count. Requested: \(target).")
        }
        try requireQuota(adding: max(0, target - current))
        guard target != current || !stream.openShards.elementsEqual(HashKey.evenRanges(count: target), by: { $0.hashKeyRange == $1 }) else {
            return current
        }
        reshard(stream) { now in
            let old = stream.openShards
            var created: [Shard] = []
            for range in HashKey.evenRanges(count: target) {
                let parents = old.filter { $0.hashKeyRange.overlaps(range) }.map(\.shardID)
                created.append(stream.addShard(range: range, parents: parents, at: now))
            }
            for shard in old {
                self.close(shard, children: created.filter { $0.parentShardIDs.contains(shard.shardID) }, at: now)
            }
            return KinesisEvent(streamName: streamName, kind: .shardCountUpdated(from: current, to: target))
        }
        return current
    }

    // MARK: - Shared steps

    private func requireOpen(_ shard: Shard, _ stream: KinesisStream) throws(AWSError) {
        guard shard.isOpen else {
            throw AWSError("InvalidArgumentException", "Shard \(shard.shardID) in stream \(stream.name) under account \(context.accountID) has already been merged or split, and thus is not eligible for merging or splitting.")
        }
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
    private func reshard(_ stream: KinesisStream, apply: @escaping (SimInstant) -> KinesisEvent) {
        setStatus(stream, .updating)
        stream.pendingUpdate = scheduler.schedule(after: delay(TransitionDelay.update)) { [weak self, weak stream] in
            guard let self, let stream, stream.status == .updating else { return }
            stream.pendingUpdate = nil
            let event = apply(self.scheduler.now)
            stream.rebuildRoutes()
            self.bus.publish(event)
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
