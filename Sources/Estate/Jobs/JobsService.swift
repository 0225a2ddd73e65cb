/// Managed-Service-for-Apache-Flink-style stream jobs (`kinesisanalyticsv2`): applications whose
/// dataflow is a job YAML carried as the code's text content, run in virtual time against the
/// Kinesis service's public read and write paths.
public final class JobsService: EstateService {
    public let serviceName = "kinesisanalyticsv2"
    public let dumpKey = "Jobs"

    /// Seconds each transition takes, fixed so runs are easy to follow.
    public enum TransitionDelay {
        public static let start = SimDuration.seconds(5)
        public static let stop = SimDuration.seconds(3)
        public static let update = SimDuration.seconds(5)
        /// A failed task manager is replaced and the job restored after this (fixed-delay restart).
        public static let restart = SimDuration.seconds(10)
    }

    let context: ServiceContext
    var scheduler: Scheduler { context.scheduler }
    let kinesis: KinesisService
    /// What object sinks wrote, and table rows no warehouse table took.
    public let objectStore = JobObjectStore()
    public let tableStore = JobTableStore()
    /// Where search sinks write (the Search service, wired by the estate).
    public weak var documents: DocumentSinkTarget?
    /// Where object and table sinks write: these stores on their own, or S3 and the warehouse
    /// once the estate wires them (`useStorage`).
    public private(set) var objectTarget: ObjectSinkTarget
    public private(set) var tableTarget: TableSinkTarget

    var applicationsByName: [String: JobApplication] = [:]
    /// Operation ids of StartApplication and StopApplication.
    var operationRandom: SeededRandom

    public init(context: ServiceContext, kinesis: KinesisService) {
        self.context = context
        self.kinesis = kinesis
        operationRandom = context.random.fork("operations")
        objectTarget = objectStore
        tableTarget = tableStore
    }

    /// Points object sinks at S3 and table sinks at warehouse tables of the same name.
    public func useStorage(s3: S3Service, warehouse: WarehouseService) {
        objectTarget = S3ObjectTarget(s3: s3, listing: objectStore)
        tableTarget = WarehouseTableTarget(warehouse: warehouse, fallback: tableStore)
    }

    /// Applications by name.
    public var applications: [JobApplication] {
        applicationsByName.keys.sorted().compactMap { applicationsByName[$0] }
    }

    public func application(named name: String) -> JobApplication? { applicationsByName[name] }

    func requireApplication(_ name: String) throws(AWSError) -> JobApplication {
        guard let app = applicationsByName[name] else {
            throw AWSError("ResourceNotFoundException", "Application \(name) not found.")
        }
        return app
    }

    func publish(_ app: JobApplication, _ kind: JobEvent.Kind) {
        context.bus.publish(JobEvent(application: app.name, kind: kind))
    }

    func setStatus(_ app: JobApplication, _ status: ApplicationStatus) {
        guard app.status != status else { return }
        let previous = app.status
        app.status = status
        publish(app, .statusChanged(from: previous.rawValue, to: status.rawValue))
    }

    // MARK: - Lifecycle

    public func create(name: String, definition: JobDefinition, description: String = "", runtimeEnvironment: String = "FLINK-1_20",
                       serviceExecutionRole: String? = nil, parallelism: Int? = nil, checkpointInterval: SimDuration?? = nil,
                       snapshotsEnabled: Bool = true) throws(AWSError) -> JobApplication {
        guard applicationsByName[name] == nil else {
            throw AWSError("ResourceInUseException", "Application \(name) already exists.")
        }
        guard JobDefinitionParser.validName(name) else {
            throw .validation("1 validation error detected: Value '\(name)' at 'applicationName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+")
        }
        var definition = definition
        definition.name = name
        let app = JobApplication(name: name, arn: "arn:aws:kinesisanalytics:\(context.region):\(context.accountID):application/\(name)",
                                 createdAt: scheduler.now, description: description, runtimeEnvironment: runtimeEnvironment,
                                 serviceExecutionRole: serviceExecutionRole ?? "arn:aws:iam::\(context.accountID):role/service-role/kinesis-analytics-\(name)",
                                 definition: definition, parallelism: parallelism ?? definition.parallelism, customParallelism: parallelism != nil,
                                 checkpointInterval: checkpointInterval ?? definition.checkpointInterval, customCheckpoint: checkpointInterval != nil,
                                 snapshotsEnabled: snapshotsEnabled)
        applicationsByName[name] = app
        publish(app, .created)
        return app
    }

    public enum RestoreType: String, Sendable, CaseIterable {
        case skip = "SKIP_RESTORE_FROM_SNAPSHOT", latest = "RESTORE_FROM_LATEST_SNAPSHOT", custom = "RESTORE_FROM_CUSTOM_SNAPSHOT"
    }

    /// READY → STARTING → RUNNING, restoring from a savepoint when asked (and one exists).
    public func start(_ name: String, restore: RestoreType = .latest, snapshotName: String? = nil) throws(AWSError) {
        let app = try requireApplication(name)
        guard app.status == .ready else {
            throw AWSError("ResourceInUseException", "Application \(name) is in \(app.status.rawValue) status; it can be started only when READY.")
        }
        guard kinesis.stream(named: app.definition.source.stream) != nil else {
            throw AWSError("InvalidApplicationConfigurationException", "Application \(name) reads stream \(app.definition.source.stream), which does not exist.")
        }
        var snapshot: NamedSnapshot?
        switch restore {
        case .skip: break
        case .latest: snapshot = app.snapshotsEnabled ? app.snapshots.last : nil
        case .custom:
            guard let snapshotName else { throw AWSError("InvalidArgumentException", "SnapshotName is required for RESTORE_FROM_CUSTOM_SNAPSHOT.") }
            guard let found = app.snapshots.first(where: { $0.name == snapshotName }) else {
                throw AWSError("ResourceNotFoundException", "Snapshot \(snapshotName) of application \(name) not found.")
            }
            snapshot = found
        }
        app.restoreType = restore.rawValue
        app.restoredFrom = snapshot?.name
        setStatus(app, .starting)
        app.pendingTask = scheduler.schedule(after: TransitionDelay.start) { [weak self, weak app] in
            guard let self, let app, app.status == .starting else { return }
            self.launch(app, from: snapshot?.snapshot)
            self.setStatus(app, .running)
        }
    }

    func launch(_ app: JobApplication, from snapshot: JobSnapshot?) {
        let runtime = JobRuntime(definition: app.definition, parallelism: app.parallelism, checkpointInterval: app.checkpointInterval,
                                 kinesis: kinesis, makeSink: { [unowned self] spec in self.makeSink(spec, app: app) }, now: scheduler.now)
        if let snapshot { runtime.restore(snapshot) }
        app.runtime = runtime
        schedulePoll(app)
    }

    func makeSink(_ spec: SinkSpec, app: JobApplication) -> JobSink {
        switch spec {
        case let .kinesis(stream, key): return KinesisJobSink(stream: stream, partitionKey: key, kinesis: kinesis)
        case let .objects(bucket, prefix): return ObjectsJobSink(bucket: bucket, prefix: prefix, target: objectTarget, runLabel: "v\(app.versionID)-\(app.restarts)")
        case let .table(name): return TableJobSink(table: name, target: tableTarget)
        case let .search(index, retention): return SearchJobSink(index: index, retention: retention, target: documents ?? NullDocumentTarget.shared)
        }
    }

    private func schedulePoll(_ app: JobApplication) {
        app.pollTask = scheduler.schedule(after: JobRuntime.pollInterval) { [weak self, weak app] in
            guard let self, let app, let runtime = app.runtime else { return }
            runtime.tick(now: self.scheduler.now)
            self.schedulePoll(app)
        }
    }

    func halt(_ app: JobApplication) {
        if let task = app.pollTask { scheduler.cancel(task) }
        app.pollTask = nil
        app.runtime = nil
    }

    /// Takes a savepoint of a running job: positions and state as of now, sinks committed.
    @discardableResult
    func savepoint(_ app: JobApplication, prefix: String) -> NamedSnapshot? {
        guard let runtime = app.runtime else { return nil }
        let snapshot = runtime.checkpoint(now: scheduler.now)
        let named = NamedSnapshot(name: "\(prefix)-\(app.name)-\(app.nextSnapshotNumber)", createdAt: scheduler.now,
                                  applicationVersionID: app.versionID, snapshot: snapshot)
        app.nextSnapshotNumber += 1
        app.snapshots.append(named)
        publish(app, .savepointTaken(named.name))
        return named
    }

    /// RUNNING → STOPPING → READY; without Force a savepoint is taken first (stop-with-savepoint).
    public func stop(_ name: String, force: Bool = false) throws(AWSError) {
        let app = try requireApplication(name)
        guard app.status == .running || (force && [.starting, .updating].contains(app.status)) else {
            throw AWSError("ResourceInUseException", "Application \(name) is in \(app.status.rawValue) status; it can be stopped only when RUNNING.")
        }
        if let task = app.pendingTask { scheduler.cancel(task) }
        if !force, app.snapshotsEnabled { savepoint(app, prefix: "stop") }
        halt(app)
        setStatus(app, .stopping)
        app.pendingTask = scheduler.schedule(after: TransitionDelay.stop) { [weak self, weak app] in
            guard let self, let app, app.status == .stopping else { return }
            self.setStatus(app, .ready)
        }
    }

    public func delete(_ name: String, createTimestamp: SimInstant?) throws(AWSError) {
        let app = try requireApplication(name)
        if let createTimestamp, abs((createTimestamp - app.createdAt).milliseconds) >= 1000 {
            throw AWSError("InvalidArgumentException", "CreateTimestamp does not match the creation time of application \(name).")
        }
        guard [.ready, .running].contains(app.status) else {
            throw AWSError("ResourceInUseException", "Application \(name) is in \(app.status.rawValue) status and cannot be deleted now.")
        }
        if let task = app.pendingTask { scheduler.cancel(task) }
        halt(app)
        applicationsByName[name] = nil
        publish(app, .deleted)
    }

    // MARK: - Simulator verbs

    /// A task manager dies: the job restarts from its last completed checkpoint.
    public func failTaskManager(_ name: String) throws(AWSError) {
        let app = try requireApplication(name)
        guard app.status == .running, let runtime = app.runtime else {
            throw AWSError("ResourceInUseException", "Application \(name) is not RUNNING.")
        }
        app.restarts += 1
        runtime.fail(now: scheduler.now, delay: TransitionDelay.restart)
        publish(app, .taskManagerFailed(restoredCheckpoint: runtime.lastCheckpoint?.id))
    }

    /// Rescales a running job: savepoint, UPDATING, then the same job at the new parallelism,
    /// keyed state moved by key group.
    public func scale(_ name: String, to parallelism: Int) throws(AWSError) {
        let app = try requireApplication(name)
        guard (1...JobDefinitionParser.maximumParallelism).contains(parallelism) else {
            throw AWSError("InvalidArgumentException", "Parallelism must be between 1 and \(JobDefinitionParser.maximumParallelism).")
        }
        guard app.status == .running else {
            throw AWSError("ResourceInUseException", "Application \(name) is in \(app.status.rawValue) status; it can be scaled only when RUNNING.")
        }
        let snapshot = savepoint(app, prefix: "scale")
        halt(app)
        app.parallelism = parallelism
        app.customParallelism = true
        app.versionID += 1
        app.lastUpdatedAt = scheduler.now
        setStatus(app, .updating)
        app.pendingTask = scheduler.schedule(after: TransitionDelay.update) { [weak self, weak app] in
            guard let self, let app, app.status == .updating else { return }
            self.launch(app, from: snapshot?.snapshot)
            self.setStatus(app, .running)
        }
    }
}

/// Used when no search service is wired: documents go nowhere (only in tests of other sinks).
final class NullDocumentTarget: DocumentSinkTarget {
    nonisolated(unsafe) static let shared = NullDocumentTarget()
    func index(_ index: String, documents: [(id: String?, source: JSONValue)], at now: SimInstant) {}
    func setRetention(_ retention: SimDuration?, of index: String) {}
}
