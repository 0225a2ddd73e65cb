import DequeModule
import Foundation

/// One run of a job: the dataflow executing in virtual time.
///
/// Every `pollInterval` the runtime delivers buffered output to the sinks, reads each readable
/// shard once through GetShardIterator/GetRecords (so the shard's five-reads-a-second budget is
/// shared with every other reader), pushes the records through the chained stateless operators,
/// routes them by key group to their subtask's window state, then emits one watermark (Flink's
/// periodic watermark), fires the windows it completes, and takes a checkpoint when one is due.
/// The source reads no more than the output buffer has room for: a throttled sink fills the
/// buffer, reads shrink, MillisBehindLatest grows, and nothing is dropped.
final class JobRuntime {
    static let pollInterval = SimDuration.seconds(1)
    /// A shard that delivered nothing for this long stops holding the watermark back.
    static let idleTimeout = SimDuration.seconds(30)
    /// Records the output buffers hold before the source stops reading.
    static let bufferCapacity = 5_000
    static let recentResultsCapacity = 200
    static let sideOutputCapacity = 200

    let definition: JobDefinition
    let parallelism: Int
    let checkpointInterval: SimDuration?
    /// Unowned: the estate owns both services; weak would slow every retain of the Kinesis service.
    private unowned var kinesis: KinesisService?
    private let operators: [WindowOperator?]
    private(set) var sinks: [[JobSink]]

    private(set) var cursors: [ShardCursor] = []
    private(set) var windowStates: [[WindowOperatorState]]
    private var buffers: [[Deque<JobOutputRecord>]]
    private(set) var watermark: Int64?
    private(set) var lateCounts: [Int]
    private(set) var lastCheckpoint: JobSnapshot?
    private var nextCheckpointID = 1
    private var nextCheckpointAt: SimInstant?
    private var restartingUntil: SimInstant?
    private var isFirstDiscovery = true

    private(set) var metrics: JobMetrics
    private var poll: PollCounts
    private(set) var recentResults = Deque<WindowResult>()
    private(set) var sideOutputs: [String: Deque<JSONValue>] = [:]
    private(set) var readThrottles = 0
    private(set) var recordsRead = 0

    init(definition: JobDefinition, parallelism: Int, checkpointInterval: SimDuration?, kinesis: KinesisService,
         makeSink: (SinkSpec) -> JobSink, now: SimInstant) {
        self.definition = definition
        self.parallelism = parallelism
        self.checkpointInterval = checkpointInterval
        self.kinesis = kinesis
        operators = definition.outputs.map { WindowOperator($0, lateness: definition.source.allowedLateness) }
        sinks = definition.outputs.map { $0.sinks.map(makeSink) }
        windowStates = definition.outputs.map { _ in Array(repeating: WindowOperatorState(), count: parallelism) }
        buffers = definition.outputs.map { Array(repeating: Deque<JobOutputRecord>(), count: $0.sinks.count) }
        lateCounts = Array(repeating: 0, count: definition.outputs.count)
        metrics = JobMetrics(outputs: definition.outputs.count)
        poll = PollCounts(outputs: definition.outputs.count)
        if let checkpointInterval { nextCheckpointAt = now + checkpointInterval }
    }

    var isRestarting: Bool { restartingUntil != nil }
    var bufferedRecords: Int { buffers.reduce(0) { total, output in total + (output.map(\.count).max() ?? 0) } }

    // MARK: - One poll

    func tick(now: SimInstant) {
        if let until = restartingUntil {
            guard now >= until else { return }
            restartingUntil = nil
        }
        poll = PollCounts(outputs: definition.outputs.count)
        discoverShards(now: now)
        drain(now: now)
        readShards(now: now)
        advanceWatermark(now: now)
        drain(now: now)
        if checkpointInterval == nil {
            for output in sinks { for sink in output { sink.commit(at: now) } }
        } else if let due = nextCheckpointAt, now >= due {
            _ = checkpoint(now: now)
            nextCheckpointAt = now + checkpointInterval!
        }
        recordMetrics()
    }

    /// Lists the stream's shards (ListShards semantics) and adds any new ones, children of a
    /// reshard included; the initial position applies only to shards present at the first start.
    private func discoverShards(now: SimInstant) {
        guard let kinesis, let stream = kinesis.stream(named: definition.source.stream) else { return }
        let listed = kinesis.shards(of: stream, filter: nil)
        var added = false
        for shard in listed where !cursors.contains(where: { $0.shardID == shard.shardID }) {
            var cursor = ShardCursor(shardID: shard.shardID, parentShardIDs: shard.parentShardIDs, start: .trimHorizon)
            if isFirstDiscovery {
                switch definition.source.startingPosition {
                case .trimHorizon: cursor.start = .trimHorizon
                case .latest:
                    cursor.start = .latest
                    // A shard already closed holds nothing newer than LATEST.
                    if !shard.isOpen { cursor.isFinished = true }
                case let .atTimestamp(t): cursor.start = .atTimestamp(t)
                }
            }
            cursors.append(cursor)
            added = true
        }
        isFirstDiscovery = false
        if added { cursors.sort { $0.shardID < $1.shardID } }
    }

    /// Parents before children (REFERENCE §2.5): a shard is read once every parent the job knows
    /// has been read to SHARD_END.
    private func isReadable(_ i: Int) -> Bool {
        let cursor = cursors[i]
        guard !cursor.isFinished else { return false }
        return cursor.parentShardIDs.allSatisfy { parent in cursors.first { $0.shardID == parent }?.isFinished ?? true }
    }

    private func readShards(now: SimInstant) {
        guard let kinesis else { return }
        var order: [Int] = []
        // Subtask by subtask, each reading the shards it owns (index modulo parallelism).
        for subtask in 0..<parallelism {
            for i in cursors.indices where i % parallelism == subtask { order.append(i) }
        }
        for i in order where isReadable(i) {
            let room = Self.bufferCapacity - bufferedRecords
            guard room > 0 else { poll.backpressured = true; break }
            readShard(i, subtask: i % parallelism, limit: min(KinesisLimits.maximumGetRecordsLimit, room), kinesis: kinesis, now: now)
        }
    }

    private func readShard(_ i: Int, subtask: Int, limit: Int, kinesis: KinesisService, now: SimInstant) {
        let shardID = cursors[i].shardID
        do throws(AWSError) {
            if cursors[i].iterator == nil {
                let stream = definition.source.stream
                if let seq = cursors[i].lastSequenceNumber {
                    cursors[i].iterator = try kinesis.getShardIterator(streamName: stream, shardID: shardID, type: .afterSequenceNumber, startingSequenceNumber: seq)
                } else {
                    switch cursors[i].start {
                    case .trimHorizon: cursors[i].iterator = try kinesis.getShardIterator(streamName: stream, shardID: shardID, type: .trimHorizon)
                    case .latest:
                        cursors[i].iterator = try kinesis.getShardIterator(streamName: stream, shardID: shardID, type: .latest)
                    case let .atTimestamp(t):
                        cursors[i].iterator = try kinesis.getShardIterator(streamName: stream, shardID: shardID, type: .atTimestamp, timestamp: t)
                    }
                }
            }
            let result = try kinesis.getRecords(shardIterator: cursors[i].iterator!, limit: limit)
            if result.records.count == limit, limit < KinesisLimits.maximumGetRecordsLimit { poll.backpressured = true }
            for record in result.records {
                process(record, subtask: subtask, cursor: i, now: now)
                cursors[i].lastSequenceNumber = record.sequenceNumber.description
            }
            if !result.records.isEmpty { cursors[i].lastRecordAt = now }
            cursors[i].millisBehindLatest = result.millisBehindLatest
            cursors[i].iterator = result.nextShardIterator
            if result.nextShardIterator == nil { cursors[i].isFinished = true }
            if result.nextShardIterator == nil, let children = result.childShards {
                for child in children where !cursors.contains(where: { $0.shardID == child.shardID }) {
                    cursors.append(ShardCursor(shardID: child.shardID, parentShardIDs: child.parentShards, start: .trimHorizon))
                }
                // Sorting here would move indices mid-poll; the next discovery sorts.
            }
        } catch {
            switch error.code {
            case "ProvisionedThroughputExceededException": readThrottles += 1
            case "ExpiredIteratorException": cursors[i].iterator = nil
            case "ResourceNotFoundException":
                // The shard expired under retention, or the stream went away.
                if kinesis.stream(named: definition.source.stream) != nil { cursors[i].isFinished = true }
                cursors[i].iterator = nil
            default: cursors[i].iterator = nil
            }
        }
    }

    // MARK: - Records through the dataflow

    private func process(_ record: KinesisRecord, subtask: Int, cursor: Int, now: SimInstant) {
        recordsRead += 1
        poll.sourceRecords += 1
        let value = definition.source.format.decode(record.data)
        let timestamp: SimInstant
        switch definition.source.time {
        case .processingTime: timestamp = now
        case .eventTime(.approximateArrivalTimestamp): timestamp = record.approximateArrival
        case let .eventTime(.path(p)): timestamp = p.value(in: value).flatMap(EventTimestamp.instant) ?? record.approximateArrival
        }
        if case .eventTime = definition.source.time {
            cursors[cursor].maxEventTime = max(cursors[cursor].maxEventTime ?? timestamp, timestamp)
        }
        let shared = Self.apply(definition.operators, to: [value])
        guard !shared.isEmpty else { return }
        for (o, output) in definition.outputs.enumerated() {
            let values = Self.apply(output.operators, to: shared)
            poll.outputIn[o] += values.count
            for v in values { route(v, output: o, timestamp: timestamp, subtask: subtask, partitionKey: record.partitionKey) }
        }
    }

    static func apply(_ operators: [StatelessOperator], to input: [JSONValue]) -> [JSONValue] {
        var values = input
        for op in operators {
            switch op {
            case let .map(fields):
                values = values.map { v in .object(fields.map { ($0.name, $0.expression.evaluate(v)) }) }
            case let .filter(conditions):
                values = values.filter { v in conditions.allSatisfy { $0.holds(for: v) } }
            case let .flatMap(path, name):
                values = values.flatMap { v -> [JSONValue] in
                    guard let items = path.value(in: v)?.arrayValue, case let .object(pairs) = v else { return [] }
                    return items.map { item in .object(pairs.filter { $0.0 != name } + [(name, item)]) }
                }
            }
        }
        return values
    }

    private func route(_ value: JSONValue, output o: Int, timestamp: SimInstant, subtask: Int, partitionKey: String) {
        let spec = definition.outputs[o]
        guard let op = operators[o] else {
            emit(o, JobOutputRecord(id: nil, key: partitionKey, value: value))
            return
        }
        let keyValues = spec.keyBy.map { $0.path.value(in: value) ?? .null }
        let key = keyValues.map(\.keyText).joined(separator: "|")
        let target = spec.isKeyed ? KeyGroups.subtask(of: key, parallelism: parallelism) : 0
        let ts = timestamp.milliseconds
        if let refired = op.add(value, key: key, keyValues: keyValues, timestamp: ts, watermark: watermark ?? Int64.min,
                                into: &windowStates[o][target]) {
            for result in refired { emit(o, result) }
        } else {
            lateCounts[o] += 1
            if let side = spec.lateSideOutput {
                var list = sideOutputs[side] ?? []
                list.append(value)
                if list.count > Self.sideOutputCapacity { list.removeFirst() }
                sideOutputs[side] = list
            }
        }
    }

    private func emit(_ o: Int, _ result: WindowResult) {
        recentResults.append(result)
        if recentResults.count > Self.recentResultsCapacity { recentResults.removeFirst() }
        emit(o, JobOutputRecord(id: result.id, key: result.key, value: result.value))
    }

    private func emit(_ o: Int, _ record: JobOutputRecord) {
        poll.outputOut[o] += 1
        for s in buffers[o].indices { buffers[o][s].append(record) }
    }

    /// W = min over active shards of (max event time − out-of-orderness), never going back;
    /// processing time uses the clock.
    private func advanceWatermark(now: SimInstant) {
        var candidate: Int64?
        switch definition.source.time {
        case .processingTime: candidate = now.milliseconds
        case .eventTime:
            let bound = definition.source.outOfOrderness.milliseconds
            let active = cursors.filter { c in
                !c.isFinished && c.maxEventTime != nil && (c.lastRecordAt.map { now - $0 < Self.idleTimeout } ?? false)
            }
            candidate = active.compactMap { $0.maxEventTime.map { $0.milliseconds - bound } }.min()
        }
        if let candidate, candidate > (watermark ?? Int64.min) { watermark = candidate }
        guard let watermark else { return }
        for (o, op) in operators.enumerated() {
            guard let op else { continue }
            var fired: [WindowResult] = []
            for s in windowStates[o].indices { fired += op.advance(to: watermark, state: &windowStates[o][s]) }
            fired.sort { ($0.end, $0.start, $0.key) < ($1.end, $1.start, $1.key) }
            for result in fired { emit(o, result) }
        }
    }

    /// Hands buffered records to each sink in order; what a sink refuses waits for the next poll.
    private func drain(now: SimInstant) {
        for o in buffers.indices {
            for s in buffers[o].indices where !buffers[o][s].isEmpty {
                let pending = Array(buffers[o][s])
                let taken = sinks[o][s].write(pending[...], at: now)
                buffers[o][s].removeFirst(min(taken, buffers[o][s].count))
            }
        }
    }

    private func recordMetrics() {
        metrics.sourceRecords.append(Double(poll.sourceRecords))
        metrics.sourceBackpressured.append(poll.backpressured ? 1 : 0)
        for o in definition.outputs.indices {
            metrics.outputIn[o].append(Double(poll.outputIn[o]))
            metrics.outputOut[o].append(Double(poll.outputOut[o]))
            metrics.outputBusy[o].append(buffers[o].contains { !$0.isEmpty } ? 1 : 0)
        }
    }

    // MARK: - Checkpoints, failure and restore

    /// Captures positions and state together, then commits what the sinks staged before it.
    func checkpoint(now: SimInstant) -> JobSnapshot {
        let stateBytes = windowStates.reduce(0) { $0 + $1.reduce(0) { $0 + $1.approximateBytes } }
        let bufferBytes = buffers.reduce(0) { $0 + $1.reduce(0) { $0 + $1.count * 64 } }
        let bytes = stateBytes + bufferBytes + cursors.count * 64
        let snapshot = JobSnapshot(id: nextCheckpointID, takenAt: now, parallelism: parallelism, sizeBytes: bytes,
                                   duration: JobSnapshot.modelledDuration(bytes: bytes),
                                   cursors: cursors.map(\.checkpointed), windowStates: windowStates,
                                   buffers: buffers.map { $0.map { Array($0) } }, watermark: watermark, lateCounts: lateCounts)
        nextCheckpointID += 1
        for output in sinks { for sink in output { sink.commit(at: now) } }
        lastCheckpoint = snapshot
        return snapshot
    }

    /// A task manager died: staged writes are lost, and the job comes back after `delay` from
    /// its last completed checkpoint (or from its starting position when it has none).
    func fail(now: SimInstant, delay: SimDuration) {
        for output in sinks { for sink in output { sink.abort() } }
        if let lastCheckpoint {
            restore(lastCheckpoint)
        } else {
            cursors = []
            isFirstDiscovery = true
            windowStates = definition.outputs.map { _ in Array(repeating: WindowOperatorState(), count: parallelism) }
            buffers = definition.outputs.map { Array(repeating: Deque<JobOutputRecord>(), count: $0.sinks.count) }
            watermark = nil
            lateCounts = Array(repeating: 0, count: definition.outputs.count)
        }
        restartingUntil = now + delay
        if let checkpointInterval { nextCheckpointAt = now + delay + checkpointInterval }
    }

    /// Loads a snapshot, redistributing keyed state by key group when the parallelism differs.
    func restore(_ snapshot: JobSnapshot) {
        cursors = snapshot.cursors
        isFirstDiscovery = false
        watermark = snapshot.watermark
        lateCounts = snapshot.lateCounts.count == definition.outputs.count ? snapshot.lateCounts : Array(repeating: 0, count: definition.outputs.count)
        windowStates = definition.outputs.indices.map { o in
            var states = Array(repeating: WindowOperatorState(), count: parallelism)
            guard o < snapshot.windowStates.count else { return states }
            let keyed = definition.outputs[o].isKeyed
            for old in snapshot.windowStates[o] {
                for (key, panes) in old.keys {
                    states[keyed ? KeyGroups.subtask(of: key, parallelism: parallelism) : 0].keys[key] = panes
                }
            }
            return states
        }
        buffers = definition.outputs.indices.map { o in
            (0..<definition.outputs[o].sinks.count).map { s in
                o < snapshot.buffers.count && s < snapshot.buffers[o].count ? Deque(snapshot.buffers[o][s]) : Deque()
            }
        }
    }
}
