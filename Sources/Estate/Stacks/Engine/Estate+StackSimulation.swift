/// Starting and stopping what a stack resource's `Metadata.cloudtop` attaches to it.
///
/// These are the simulator's own clients (producers, consumer applications, loaders), not AWS
/// resources, so they go through the services' simulation API, as `estate.yaml`'s sections do.
extension Estate {
    /// Starts the resource's producers, consumers, sample data and loaders, once it is complete.
    /// A client of the same name still running (from a resource this one replaces) is stopped first.
    func attachSimulation(_ simulation: SimulationMetadata, physicalID: String) throws(AWSError) {
        for settings in simulation.producers {
            if kinesis.producer(named: settings.name)?.isRunning == true { try? kinesis.stopProducer(named: settings.name) }
            try kinesis.startProducer(settings)
        }
        for consumer in simulation.consumers {
            if kinesis.consumerApplication(named: consumer.name)?.isRunning == true { try? kinesis.stopConsumer(name: consumer.name) }
            try kinesis.startConsumer(name: consumer.name, streamName: physicalID, workers: consumer.workers,
                                      initialPosition: consumer.initialPosition)
        }
        guard simulation.sampleData != nil || !simulation.loaders.isEmpty else { return }
        let cluster = try warehouse.requireCluster(physicalID)
        if simulation.sampleData != nil, cluster.database.tables.isEmpty {
            // The same generator `estate.yaml`'s `sample-data` uses, so the tables repeat with the seed.
            var random = SeededRandom(seed: seed).fork("warehouse-sample-\(physicalID)")
            do { try ShopSampleData.load(into: cluster.database, random: &random) } catch {
                throw AWSError("InternalFailure", "sample data: \(error.message)")
            }
        }
        for loader in simulation.loaders {
            if cluster.database.tables[loader.table] == nil, let ddl = ShopSampleData.streamTables[loader.table] {
                do { _ = try cluster.database.execute(ddl) } catch { throw AWSError("InternalFailure", "loader table: \(error.message)") }
            }
            for running in warehouse.loaders where running.name == loader.name && running.isRunning { running.stop() }
            try startStreamLoader(name: loader.name, stream: loader.stream, cluster: cluster.identifier, table: loader.table,
                                  bufferInterval: .seconds(Int64(loader.bufferSeconds)), sampleOneIn: loader.sampleOneIn)
        }
    }

    /// Brings a resource's simulation from `old` to `new` when an update changes only its
    /// `Metadata.cloudtop` (CloudFormation updates Metadata with no interruption): clients whose
    /// settings changed or went away stop, new or changed ones start, and the rest keep running.
    func updateSimulation(from old: SimulationMetadata, to new: SimulationMetadata, physicalID: String) throws(AWSError) {
        guard old != new else { return }
        // The edge's settings are part of what the function or distribution was created with.
        if new.rules != old.rules || new.distributionName != old.distributionName || new.origins != old.origins || new.fallbacks != old.fallbacks {
            throw AWSError("NotUpdatable", "Metadata.cloudtop rules, name, origins and fallbacks are given when the resource is created; rename the resource's logical id to replace it with new ones")
        }
        var leaving = SimulationMetadata()
        leaving.producers = old.producers.filter { !new.producers.contains($0) }
        leaving.consumers = old.consumers.filter { !new.consumers.contains($0) }
        leaving.loaders = old.loaders.filter { !new.loaders.contains($0) }
        detachSimulation(leaving)
        if let kind = new.workload, kind != old.workload { ec2.setWorkload(kind, of: physicalID) }
        var arriving = SimulationMetadata()
        arriving.producers = new.producers.filter { !old.producers.contains($0) }
        arriving.consumers = new.consumers.filter { !old.consumers.contains($0) }
        arriving.loaders = new.loaders.filter { !old.loaders.contains($0) }
        if new.sampleData != old.sampleData { arriving.sampleData = new.sampleData }
        if !arriving.isEmpty { try attachSimulation(arriving, physicalID: physicalID) }
    }

    /// Stops what `attachSimulation` started, when the stack deletes the resource.
    func detachSimulation(_ simulation: SimulationMetadata) {
        for settings in simulation.producers where kinesis.producer(named: settings.name)?.isRunning == true {
            try? kinesis.stopProducer(named: settings.name)
        }
        for consumer in simulation.consumers where kinesis.consumerApplication(named: consumer.name)?.isRunning == true {
            try? kinesis.stopConsumer(name: consumer.name)
        }
        for loader in simulation.loaders {
            for running in warehouse.loaders where running.name == loader.name && running.isRunning { running.stop() }
        }
    }
}
