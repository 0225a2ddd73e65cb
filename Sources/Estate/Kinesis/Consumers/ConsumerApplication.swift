/// A KCL-style consumer application: a lease table, several workers, and their record processors.
///
/// Every second each living worker renews its leases (every `renewalInterval`), runs the lease
/// taker (every `takerInterval`), and reads each shard it holds once through the real GetRecords
/// path, so it shares the shard's five-calls-a-second budget with every other reader. After each
/// batch it checkpoints the last sequence number; a shard read to its end is checkpointed
/// SHARD_END, which is what lets the children's leases start.
public final class ConsumerApplication {
    public enum InitialPosition: String, Sendable { case trimHorizon = "TRIM_HORIZON", latest = "LATEST" }

    /// A batch handed to the application's record processor.
    public struct Batch: Sendable {
        public let workerID: String
        public let shardID: String
        public let records: [KinesisRecord]
    }

    public static let failoverTime = SimDuration.seconds(10)
    public static let renewalInterval = SimDuration.milliseconds(3_000)
    public static let takerInterval = SimDuration.seconds(20)
    public static let shardSyncInterval = SimDuration.seconds(60)
    public static let pollInterval = SimDuration.seconds(1)
    public static let maxRecordsPerCall = 10_000
    public static let maxLeasesToStealAtOneTime = 1
    /// How often a record processor checkpoints (the first batch of a lease always does).
    public static let defaultCheckpointInterval = SimDuration.seconds(5)

    public let name: String
    public let streamName: String
    public let initialPosition: InitialPosition
    public internal(set) var workers: [ConsumerWorker] = []
    /// The lease table, kept by the service under the application's name.
    let leaseTable: LeaseTable
    /// The lease table's items, in shard id order.
    public internal(set) var leases: [Lease] {
        get { leaseTable.leases }
        _modify { yield &leaseTable.leases }
        set { leaseTable.leases = newValue }
    }
    public internal(set) var recordsProcessed = 0
    public internal(set) var isRunning = false
    public var checkpointInterval = ConsumerApplication.defaultCheckpointInterval
    /// Called with every processed batch (tests use it to check that nothing is lost).
    public var onBatch: ((Batch) -> Void)?

    /// Unowned, not weak: the service owns its applications (a weak reference would put the
    /// service's reference count in a side table, making every retain of it slower).
    unowned var service: KinesisService?
    var task: Scheduler.TaskID?
    var nextShardSync: SimInstant
    var nextWorkerNumber = 1

    init(name: String, streamName: String, initialPosition: InitialPosition, leaseTable: LeaseTable, service: KinesisService) {
        self.name = name
        self.streamName = streamName
        self.leaseTable = leaseTable
        self.initialPosition = initialPosition
        self.service = service
        nextShardSync = service.scheduler.now
    }

    public func lease(_ shardID: String) -> Lease? { leases.first { $0.leaseKey == shardID } }

    /// Leases each worker holds, for the dashboard.
    public func leaseCount(of workerID: String) -> Int { leases.filter { $0.leaseOwner == workerID }.count }

    func publish(_ kind: KinesisEvent.Kind) {
        service?.bus.publish(KinesisEvent(streamName: streamName, kind: kind))
    }

    @discardableResult
    func addWorker(at now: SimInstant) -> String {
        let id = "worker-\(nextWorkerNumber)"
        // Stagger the lease takers one second apart so the first worker does not always win.
        let offset = SimDuration.seconds(Int64(nextWorkerNumber - 1))
        nextWorkerNumber += 1
        workers.append(ConsumerWorker(workerID: id, nextRenewal: now + Self.renewalInterval, nextTake: now + offset))
        publish(.workerStarted(application: name, worker: id))
        return id
    }

    func start() {
        guard !isRunning, let service else { return }
        isRunning = true
        // Unowned: `stop` cancels the task, and the service keeps every running application.
        task = service.scheduler.schedule(after: .zero) { [unowned self] in self.tick() }
    }

    /// Shuts the workers down gracefully: they stop reading and give up their leases, and the
    /// table keeps every checkpoint for the next start.
    func stop() {
        if let task { service?.scheduler.cancel(task) }
        task = nil
        isRunning = false
        for w in workers.indices { workers[w].iterators = [:] }
        leaseTable.releaseAll()
    }

    private func tick() {
        guard let service else { return }
        let now = service.scheduler.now
        if now >= nextShardSync {
            syncShards()
            nextShardSync = now + Self.shardSyncInterval
        }
        for w in workers.indices where workers[w].isAlive {
            if now >= workers[w].nextRenewal {
                renewLeases(worker: w, at: now)
                workers[w].nextRenewal = now + Self.renewalInterval
            }
            if now >= workers[w].nextTake {
                takeLeases(worker: w, at: now)
                workers[w].nextTake = now + Self.takerInterval
            }
            processShards(worker: w, at: now)
        }
        task = service.scheduler.schedule(after: Self.pollInterval) { [unowned self] in self.tick() }
    }

    var json: JSONValue {
        [
            "ApplicationName": .string(name),
            "StreamName": .string(streamName),
            "InitialPosition": .string(initialPosition.rawValue),
            "Running": .bool(isRunning),
            "RecordsProcessed": .int(Int64(recordsProcessed)),
            "Workers": .array(workers.map { w in
                ["WorkerId": .string(w.workerID), "Alive": .bool(w.isAlive), "Leases": .int(Int64(leaseCount(of: w.workerID)))]
            }),
            "LeaseTable": .array(leases.map(\.json)),
        ]
    }
}
