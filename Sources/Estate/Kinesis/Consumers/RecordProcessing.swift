/// The record processors: one GetRecords per held shard per poll, checkpointing every few seconds.
///
/// Like most KCL applications they checkpoint on an interval rather than after every batch (each
/// checkpoint is a DynamoDB write). Records processed since the last checkpoint are processed
/// again by the worker that takes the lease over after a failure: at least once, not exactly once.
extension ConsumerApplication {
    func processShards(worker w: Int, at now: SimInstant) {
        guard let service else { return }
        let me = workers[w].workerID
        for i in leases.indices where leases[i].leaseOwner == me && !leases[i].isFinished && parentsFinished(leases[i]) {
            let shardID = leases[i].leaseKey
            do throws(AWSError) {
                let iterator: String
                if let held = workers[w].iterators[shardID] { iterator = held } else {
                    iterator = try startIterator(for: leases[i], service: service)
                }
                // The simulated processors only count records, so they are built only for a listener.
                let result = try service.getRecords(shardIterator: iterator, limit: Self.maxRecordsPerCall, materialize: onBatch != nil)
                if result.recordCount > 0, let lastSequenceNumber = result.lastSequenceNumber {
                    onBatch?(Batch(workerID: me, shardID: shardID, records: result.records))
                    leases[i].recordsProcessed += result.recordCount
                    recordsProcessed += result.recordCount
                    if leases[i].lastCheckpointAt.map({ now - $0 >= checkpointInterval }) ?? true {
                        leases[i].checkpoint = lastSequenceNumber.description
                        leases[i].checkpointSubSequenceNumber = 0
                        leases[i].ownerSwitchesSinceCheckpoint = 0
                        leases[i].lastCheckpointAt = now
                    }
                }
                leases[i].millisBehindLatest = result.millisBehindLatest
                if let next = result.nextShardIterator {
                    workers[w].iterators[shardID] = next
                } else {
                    workers[w].iterators[shardID] = nil
                    leases[i].checkpoint = Lease.shardEnd
                    leases[i].ownerSwitchesSinceCheckpoint = 0
                    publish(.shardEnded(application: name, shardID: shardID))
                    syncShards()
                    return  // the table changed under the loop's indices; go on next poll
                }
            } catch {
                switch error.code {
                case "ProvisionedThroughputExceededException": leases[i].throttledReads += 1
                // An expired iterator, or a shard gone: start again from the checkpoint.
                default: workers[w].iterators[shardID] = nil
                }
            }
        }
    }

    /// Where a processor resumes: just after the checkpoint, or at the lease's initial position.
    private func startIterator(for lease: Lease, service: KinesisService) throws(AWSError) -> String {
        switch lease.checkpoint {
        case Lease.trimHorizon:
            return try service.getShardIterator(streamName: streamName, shardID: lease.leaseKey, type: .trimHorizon)
        case Lease.latest:
            return try service.getShardIterator(streamName: streamName, shardID: lease.leaseKey, type: .latest)
        default:
            return try service.getShardIterator(streamName: streamName, shardID: lease.leaseKey, type: .afterSequenceNumber,
                                                startingSequenceNumber: lease.checkpoint)
        }
    }
}

extension KinesisService {
    /// Starts a consumer application with `workers` workers on a stream.
    @discardableResult
    public func startConsumer(name: String, streamName: String, workers: Int,
                              initialPosition: ConsumerApplication.InitialPosition = .trimHorizon) throws(AWSError) -> ConsumerApplication {
        guard !name.isEmpty else { throw .validation("A consumer application needs a name.") }
        guard !consumerApplications.contains(where: { $0.name == name && $0.isRunning }) else {
            throw AWSError("ResourceInUseException", "Consumer application \(name) is already running.")
        }
        let stream = try requireStream(streamName)
        guard (1...100).contains(workers) else {
            throw AWSError("InvalidArgumentException", "An application runs 1 to 100 workers, not \(workers).")
        }
        if let table = leaseTables[name], table.streamName != streamName {
            throw AWSError("InvalidArgumentException", "The lease table of application \(name) tracks stream \(table.streamName); a KCL application reads one stream. Start it on \(table.streamName), or use another application name.")
        }
        consumerApplications.removeAll { $0.name == name }
        let table: LeaseTable
        if let kept = leaseTables[name], kept.streamTag == stream.tag {
            table = kept
        } else {
            table = LeaseTable(applicationName: name, streamName: streamName, streamTag: stream.tag)
            leaseTables[name] = table
        }
        let app = ConsumerApplication(name: name, streamName: streamName, initialPosition: initialPosition, leaseTable: table, service: self)
        consumerApplications.append(app)
        publish(app, .consumerStarted(application: name, workers: workers))
        for _ in 0..<workers { app.addWorker(at: scheduler.now) }
        app.start()
        return app
    }

    public func consumerApplication(named name: String) -> ConsumerApplication? {
        consumerApplications.first { $0.name == name }
    }

    func requireApplication(_ name: String) throws(AWSError) -> ConsumerApplication {
        guard let app = consumerApplication(named: name) else {
            throw AWSError("ResourceNotFoundException", "No consumer application named \(name).")
        }
        return app
    }

    public func stopConsumer(name: String) throws(AWSError) {
        let app = try requireApplication(name)
        app.stop()
        publish(app, .consumerStopped(application: name))
    }

    /// Stops a worker dead: it renews nothing more, so its leases expire after the failover time
    /// and other workers take them, resuming after the last checkpoint.
    public func killWorker(application: String, worker: String) throws(AWSError) {
        let app = try requireApplication(application)
        guard let w = app.workers.firstIndex(where: { $0.workerID == worker }), app.workers[w].isAlive else {
            throw AWSError("ResourceNotFoundException", "Application \(application) has no living worker \(worker). Workers: \(app.workers.filter(\.isAlive).map(\.workerID).joined(separator: ", "))")
        }
        app.workers[w].isAlive = false
        app.workers[w].iterators = [:]
        publish(app, .workerKilled(application: application, worker: worker))
    }

    @discardableResult
    public func addWorker(application: String) throws(AWSError) -> String {
        let app = try requireApplication(application)
        return app.addWorker(at: scheduler.now)
    }

    private func publish(_ app: ConsumerApplication, _ kind: KinesisEvent.Kind) {
        bus.publish(KinesisEvent(streamName: app.streamName, kind: kind))
    }
}
