/// `ApplicationStatus` values a stream job goes through.
public enum ApplicationStatus: String, Sendable {
    case ready = "READY", starting = "STARTING", running = "RUNNING", stopping = "STOPPING", updating = "UPDATING", deleting = "DELETING"
}

/// A Managed-Flink-style application: its AWS configuration, its status, its savepoints, and
/// while running, the runtime executing its dataflow.
public final class JobApplication {
    public let name: String
    public let arn: String
    public let createdAt: SimInstant
    public internal(set) var description: String
    public internal(set) var runtimeEnvironment: String
    public internal(set) var serviceExecutionRole: String
    public internal(set) var status: ApplicationStatus = .ready
    public internal(set) var versionID: Int64 = 1
    public internal(set) var lastUpdatedAt: SimInstant
    public internal(set) var definition: JobDefinition
    /// Configured parallelism (the YAML's, or ParallelismConfiguration's when CUSTOM).
    public internal(set) var parallelism: Int
    public internal(set) var checkpointInterval: SimDuration?
    /// Whether CheckpointConfiguration was CUSTOM (echoed back by DescribeApplication).
    var customCheckpoint: Bool
    var customParallelism: Bool
    public internal(set) var snapshotsEnabled: Bool
    public internal(set) var snapshots: [NamedSnapshot] = []
    /// How the current or last run was restored: `SKIP_RESTORE_FROM_SNAPSHOT`, …
    public internal(set) var restoreType = "RESTORE_FROM_LATEST_SNAPSHOT"
    public internal(set) var restoredFrom: String?
    /// Task-manager failures over the application's life.
    public internal(set) var restarts = 0

    var runtime: JobRuntime?
    var pendingTask: Scheduler.TaskID?
    var pollTask: Scheduler.TaskID?
    var nextSnapshotNumber = 1

    init(name: String, arn: String, createdAt: SimInstant, description: String, runtimeEnvironment: String, serviceExecutionRole: String,
         definition: JobDefinition, parallelism: Int, customParallelism: Bool, checkpointInterval: SimDuration?, customCheckpoint: Bool,
         snapshotsEnabled: Bool) {
        self.name = name
        self.arn = arn
        self.createdAt = createdAt
        self.description = description
        self.runtimeEnvironment = runtimeEnvironment
        self.serviceExecutionRole = serviceExecutionRole
        self.definition = definition
        self.parallelism = parallelism
        self.customParallelism = customParallelism
        self.checkpointInterval = checkpointInterval
        self.customCheckpoint = customCheckpoint
        self.snapshotsEnabled = snapshotsEnabled
        lastUpdatedAt = createdAt
    }
}

// MARK: - Read API for views

/// A snapshot of one operator (a chain of operators) for the operator graph.
public struct OperatorVertexInfo: Sendable, Equatable {
    public let name: String
    public let parallelism: Int
    /// How records reach it: FORWARD (chained), HASH (keyBy), REBALANCE (to a single global window).
    public let shipStrategy: String
    public let recordsInPerSecond: Double
    public let recordsOutPerSecond: Double
    /// Share of the last minute it spent blocked by the operators after it, 0…1.
    public let backpressure: Double
    /// Processing time minus the watermark, for windowed operators on event time.
    public let watermarkLagMilliseconds: Int64?
    public let lateRecords: Int

    public init(name: String, parallelism: Int, shipStrategy: String, recordsInPerSecond: Double, recordsOutPerSecond: Double,
                backpressure: Double, watermarkLagMilliseconds: Int64?, lateRecords: Int) {
        self.name = name
        self.parallelism = parallelism
        self.shipStrategy = shipStrategy
        self.recordsInPerSecond = recordsInPerSecond
        self.recordsOutPerSecond = recordsOutPerSecond
        self.backpressure = backpressure
        self.watermarkLagMilliseconds = watermarkLagMilliseconds
        self.lateRecords = lateRecords
    }
}

/// The last completed checkpoint, as a view shows it.
public struct CheckpointInfo: Sendable, Equatable {
    public let id: Int
    public let ageMilliseconds: Int64
    public let durationMilliseconds: Int64
    public let sizeBytes: Int
}

extension JobApplication {
    public var isRunning: Bool { runtime != nil && status == .running }
    public var currentParallelism: Int { runtime?.parallelism ?? parallelism }
    /// Rates are Flink's `numRecordsInPerSecond`/`numRecordsOutPerSecond` meters: the average over
    /// the last minute. A window emits only when it fires, so the last second alone would read 0
    /// between firings.
    public var recordsInPerSecond: Double { runtime?.metrics.sourceRecords.mean ?? 0 }
    public var recordsOutPerSecond: Double { runtime.map { r in r.metrics.outputOut.reduce(0) { $0 + $1.mean } } ?? 0 }
    /// The largest MillisBehindLatest over the shards being read.
    public var millisBehindLatest: Int64 { runtime?.cursors.filter { !$0.isFinished }.map(\.millisBehindLatest).max() ?? 0 }
    public var recordsRead: Int { runtime?.recordsRead ?? 0 }
    public var bufferedRecords: Int { runtime?.bufferedRecords ?? 0 }
    public var watermark: SimInstant? { runtime?.watermark.map { SimInstant(milliseconds: $0) } }
    public var recentWindowOutputs: [WindowResult] { runtime.map { Array($0.recentResults) } ?? [] }
    public func sideOutput(_ name: String) -> [JSONValue] { runtime?.sideOutputs[name].map(Array.init) ?? [] }
    public var lateRecordCounts: [String: Int] {
        guard let runtime else { return [:] }
        return Dictionary(uniqueKeysWithValues: zip(definition.outputs.map(\.name), runtime.lateCounts))
    }
    /// Positions per shard (shard id, last sequence number, read to the end).
    public var shardPositions: [(shardID: String, sequenceNumber: String?, finished: Bool)] {
        runtime?.cursors.map { ($0.shardID, $0.lastSequenceNumber, $0.isFinished) } ?? []
    }

    public func lastCheckpoint(now: SimInstant) -> CheckpointInfo? {
        guard let c = runtime?.lastCheckpoint else { return nil }
        return CheckpointInfo(id: c.id, ageMilliseconds: (now - c.takenAt).milliseconds, durationMilliseconds: c.duration.milliseconds, sizeBytes: c.sizeBytes)
    }

    /// The dataflow as chained operators, source first.
    public func operatorGraph(now: SimInstant) -> [OperatorVertexInfo] {
        let p = currentParallelism
        let metrics = runtime?.metrics
        let source = (["Source: Kinesis(\(definition.source.stream))"] + definition.operators.map(\.label)).joined(separator: " -> ")
        var out = [OperatorVertexInfo(name: source, parallelism: p, shipStrategy: "SOURCE",
                                      recordsInPerSecond: metrics?.sourceRecords.mean ?? 0, recordsOutPerSecond: metrics?.sourceRecords.mean ?? 0,
                                      backpressure: metrics?.sourceBackpressured.mean ?? 0, watermarkLagMilliseconds: nil, lateRecords: 0)]
        for (o, output) in definition.outputs.enumerated() {
            var parts = output.operators.map(\.label)
            if let window = output.window {
                parts.append(window.label)
                parts.append("Aggregate(\(output.aggregates.map(\.name).joined(separator: ", ")))")
            }
            parts += output.sinks.map(\.label)
            let lag: Int64? = output.window != nil ? watermark.map { (now - $0).milliseconds } : nil
            out.append(OperatorVertexInfo(name: "\(output.name): " + parts.joined(separator: " -> "),
                                          parallelism: output.window == nil || output.isKeyed ? p : 1,
                                          shipStrategy: output.window == nil ? "FORWARD" : (output.isKeyed ? "HASH" : "REBALANCE"),
                                          recordsInPerSecond: metrics?.outputIn[o].mean ?? 0, recordsOutPerSecond: metrics?.outputOut[o].mean ?? 0,
                                          backpressure: metrics?.outputBusy[o].mean ?? 0, watermarkLagMilliseconds: lag,
                                          lateRecords: runtime?.lateCounts[o] ?? 0))
        }
        return out
    }
}
