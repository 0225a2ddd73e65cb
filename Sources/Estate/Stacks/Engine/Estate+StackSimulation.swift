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
