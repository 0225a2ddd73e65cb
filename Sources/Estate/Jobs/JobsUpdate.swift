/// `UpdateApplication`: new code, parallelism, checkpointing or role for a job, as Managed Service
/// for Apache Flink applies them.
///
/// The caller names the version it read (`CurrentApplicationVersionId`); a stale one is refused,
/// so two writers cannot overwrite each other. A READY application just takes the new
/// configuration. A RUNNING one takes a snapshot, goes UPDATING, and comes back RUNNING from that
/// snapshot with the new configuration. When the dataflow's outputs changed, their window state
/// cannot be matched to the new operators and is dropped (Flink's allowNonRestoredState); the
/// source positions always carry over, so no record is read twice or skipped. A change of the
/// description or of whether snapshots are taken alone touches no operator, so the job keeps
/// running (CloudFormation's "No interruption" for both).
public struct JobUpdate: Sendable {
    public var definition: JobDefinition?
    public var parallelism: Int?
    /// `.some(nil)` turns checkpointing off.
    public var checkpointInterval: SimDuration??
    public var serviceExecutionRole: String?
    public var snapshotsEnabled: Bool?
    public var description: String?

    public init(definition: JobDefinition? = nil, parallelism: Int? = nil, checkpointInterval: SimDuration?? = nil,
                serviceExecutionRole: String? = nil, snapshotsEnabled: Bool? = nil, description: String? = nil) {
        self.definition = definition
        self.parallelism = parallelism
        self.checkpointInterval = checkpointInterval
        self.serviceExecutionRole = serviceExecutionRole
        self.snapshotsEnabled = snapshotsEnabled
        self.description = description
    }

    /// Whether the change reaches the running dataflow, so a running job restarts for it.
    var restarts: Bool { definition != nil || parallelism != nil || checkpointInterval != nil || serviceExecutionRole != nil }
}

extension JobsService {
    public func update(_ name: String, currentVersion: Int64, _ change: JobUpdate) throws(AWSError) {
        let app = try requireApplication(name)
        guard currentVersion == app.versionID else {
            throw AWSError("ConcurrentModificationException",
                           "The application version id \(currentVersion) is not the current version \(app.versionID) of application \(name).")
        }
        guard [.ready, .running].contains(app.status) else {
            throw AWSError("ResourceInUseException", "Application \(name) is in \(app.status.rawValue) status; it can be updated only when READY or RUNNING.")
        }
        if let parallelism = change.parallelism, !(1...JobDefinitionParser.maximumParallelism).contains(parallelism) {
            throw AWSError("InvalidArgumentException", "Parallelism must be between 1 and \(JobDefinitionParser.maximumParallelism).")
        }
        if let stream = change.definition?.source.stream, kinesis.stream(named: stream) == nil {
            throw AWSError("InvalidApplicationConfigurationException", "Application \(name) would read stream \(stream), which does not exist.")
        }
        if let description = change.description, description.count > 1024 {
            throw AWSError("InvalidArgumentException", "ApplicationDescription must be at most 1024 characters.")
        }
        let wasRunning = app.status == .running && change.restarts
        let snapshot = wasRunning && app.snapshotsEnabled ? savepoint(app, prefix: "update") : nil
        let sameDataflow = change.definition.map { $0.outputs == app.definition.outputs } ?? true
        if var definition = change.definition {
            definition.name = name
            app.definition = definition
        }
        if let parallelism = change.parallelism { app.parallelism = parallelism; app.customParallelism = true }
        if let interval = change.checkpointInterval { app.checkpointInterval = interval; app.customCheckpoint = true }
        if let role = change.serviceExecutionRole { app.serviceExecutionRole = role }
        if let enabled = change.snapshotsEnabled { app.snapshotsEnabled = enabled }
        if let description = change.description { app.description = description }
        app.versionID += 1
        app.lastUpdatedAt = scheduler.now
        publish(app, .updated(version: app.versionID))
        guard wasRunning else { return }
        halt(app)
        setStatus(app, .updating)
        let restored = snapshot.map { sameDataflow ? $0.snapshot : $0.snapshot.positionsOnly() }
        app.pendingTask = scheduler.schedule(after: TransitionDelay.update) { [weak self, weak app] in
            guard let self, let app, app.status == .updating else { return }
            self.launch(app, from: restored)
            self.setStatus(app, .running)
        }
    }
}

extension JobSnapshot {
    /// The source positions and watermark alone, for a dataflow whose operators changed.
    func positionsOnly() -> JobSnapshot {
        JobSnapshot(id: id, takenAt: takenAt, parallelism: parallelism, sizeBytes: sizeBytes, duration: duration, cursors: cursors,
                    windowStates: [], buffers: [], watermark: watermark, lateCounts: [])
    }
}
