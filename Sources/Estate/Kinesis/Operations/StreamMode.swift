/// On-demand capacity and `UpdateStreamMode`.
///
/// An ON_DEMAND stream is never resharded by hand. It starts with 4 MB/s and 4,000 records/s of
/// write capacity (four shards) and accommodates up to double the peak write throughput it saw
/// in the last 30 days, adding shards behind the scenes, as AWS documents. Each shard keeps its
/// own 1 MiB/s and 1,000 records/s, so a hot partition key is throttled in either mode.
extension KinesisService {
    /// Peaks are kept per hour for the 30-day window: 720 entries, not 2.6 million seconds.
    static let onDemandPeakWindow = SimDuration.hours(24 * 30)
    static let onDemandPeakBucket = SimDuration.hours(1)
    /// Two switches of capacity mode per stream per rolling 24 hours.
    static let streamModeSwitchesPerDay = 2

    /// Write capacity an on-demand stream offers now: records/s and bytes/s across its open shards.
    public func writeCapacity(of stream: KinesisStream) -> (recordsPerSecond: Int, bytesPerSecond: Int) {
        (stream.openShardCount * stream.limits.writeRecordsPerSecond, stream.openShardCount * stream.limits.writeBytesPerSecond)
    }

    /// Open shards an on-demand stream needs: room for double its 30-day peak, and never fewer
    /// than the four it starts with.
    func onDemandShardsNeeded(_ stream: KinesisStream) -> Int {
        let peak = stream.writePeaks.reduce((records: 0, bytes: 0)) { (max($0.records, $1.records), max($0.bytes, $1.bytes)) }
        let byRecords = (2 * peak.records + stream.limits.writeRecordsPerSecond - 1) / stream.limits.writeRecordsPerSecond
        let byBytes = (2 * peak.bytes + stream.limits.writeBytesPerSecond - 1) / stream.limits.writeBytesPerSecond
        return max(KinesisLimits.onDemandShardCount, byRecords, byBytes)
    }

    /// Called once a virtual second with what the stream accepted in it: records the peak and,
    /// on an on-demand stream short of room for double it, adds shards.
    func observeWrites(_ stream: KinesisStream, records: Int, bytes: Int) {
        let now = scheduler.now
        let hour = now.milliseconds / Self.onDemandPeakBucket.milliseconds
        if let last = stream.writePeaks.last, last.hour == hour {
            stream.writePeaks[stream.writePeaks.count - 1] = (hour, max(last.records, records), max(last.bytes, bytes))
        } else if records > 0 || bytes > 0 {
            stream.writePeaks.append((hour, records, bytes))
        }
        let oldest = (now - Self.onDemandPeakWindow).milliseconds / Self.onDemandPeakBucket.milliseconds
        while let first = stream.writePeaks.first, first.hour < oldest { stream.writePeaks.removeFirst() }
        guard stream.mode == .onDemand, stream.status == .active else { return }
        let current = stream.openShardCount
        let room = KinesisLimits.accountShardQuota - openShardsInAccount
        let target = min(onDemandShardsNeeded(stream), current + max(0, room))
        guard target > current else { return }
        reshard(stream) { now in
            self.scaleUniformly(stream, to: target, now: now) + [KinesisEvent(streamName: stream.name, kind: .shardCountUpdated(from: current, to: target))]
        }
    }

    /// `UpdateStreamMode`: the stream is UPDATING for a while, then in its new mode. A stream
    /// switched to on-demand with fewer than four shards grows to four, its starting capacity.
    public func updateStreamMode(streamARN: String, mode: StreamMode) throws(AWSError) {
        let stream = try requireStream(nil, arn: streamARN)
        guard stream.arn == streamARN else { throw notFound(streamARN) }
        try requireActive(stream)
        guard stream.mode != mode else {
            throw AWSError("InvalidArgumentException", "Stream \(stream.name) under account \(context.accountID) is already in \(mode.rawValue) mode.")
        }
        if mode == .onDemand { try requireOnDemandRoom() }
        let now = scheduler.now
        stream.modeSwitches.removeAll { now - $0 >= .hours(24) }
        guard stream.modeSwitches.count < Self.streamModeSwitchesPerDay else {
            throw AWSError("LimitExceededException", "Stream \(stream.name) under account \(context.accountID) has already switched capacity mode \(Self.streamModeSwitchesPerDay) times in the last 24 hours.")
        }
        stream.modeSwitches.append(now)
        let previous = stream.mode
        reshard(stream) { now in
            stream.mode = mode
            var events = [KinesisEvent(streamName: stream.name, kind: .streamModeChanged(from: previous.rawValue, to: mode.rawValue))]
            let current = stream.openShardCount
            if mode == .onDemand, current < KinesisLimits.onDemandShardCount {
                events += self.scaleUniformly(stream, to: KinesisLimits.onDemandShardCount, now: now)
                events.append(KinesisEvent(streamName: stream.name, kind: .shardCountUpdated(from: current, to: KinesisLimits.onDemandShardCount)))
            }
            return events
        }
    }

    func updateStreamModeOperation(_ p: Parameters) throws(AWSError) -> JSONValue {
        let arn = try p.requiredString("StreamARN")
        guard let details = try p.object("StreamModeDetails") else {
            throw .validation("1 validation error detected: Value null at 'streamModeDetails' failed to satisfy constraint: Member must not be null")
        }
        let text = try details.requiredString("StreamMode")
        guard let mode = StreamMode(rawValue: text) else {
            throw .validation("1 validation error detected: Value '\(text)' at 'streamModeDetails.streamMode' failed to satisfy constraint: Member must satisfy enum value set: [PROVISIONED, ON_DEMAND]")
        }
        try updateStreamMode(streamARN: arn, mode: mode)
        return [:]
    }
}
