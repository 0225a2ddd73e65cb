extension WarehouseService {
    /// Keeps the loaders so the dump and views can show them.
    func add(_ loader: StreamLoader) { loaders.append(loader) }
}

extension WarehouseDatabase {
    func recordLoadError(_ e: LoadErrorRecord) {
        loadErrors.append(e)
        if loadErrors.count > 10_000 { loadErrors.removeFirst(loadErrors.count - 10_000) }
    }
}

extension Estate {
    /// Starts a Firehose-style loader from a stream into a table of a cluster.
    @discardableResult
    public func startStreamLoader(name: String, stream: String, cluster clusterID: String, table: String,
                                  bufferInterval: SimDuration = .seconds(60), bufferRecords: Int = 50_000,
                                  sampleOneIn: Int = 1) throws(AWSError) -> StreamLoader {
        guard kinesis.stream(named: stream) != nil else { throw AWSError("ResourceNotFoundException", "Stream \(stream) under account \(accountID) not found.") }
        let cluster = try warehouse.requireCluster(clusterID)
        guard cluster.database.tables[table] != nil else {
            throw AWSError("InvalidParameterValue", "Table \(table) does not exist on cluster \(cluster.identifier); create it first.")
        }
        guard !warehouse.loaders.contains(where: { $0.name == name && $0.isRunning }) else {
            throw AWSError("ResourceInUseException", "A loader named \(name) is already running.")
        }
        guard bufferInterval >= .seconds(60), bufferInterval <= .seconds(900) else {
            throw AWSError("InvalidArgumentException", "The buffer interval must be 60 to 900 seconds, as Firehose's.")
        }
        guard (1...10_000).contains(sampleOneIn) else {
            throw AWSError("InvalidArgumentException", "The sample rate must keep one record in 1 to 10000.")
        }
        let kinesis = self.kinesis
        let step = UInt64(sampleOneIn)
        let loader = StreamLoader(name: name, streamName: stream, clusterIdentifier: cluster.identifier, table: table,
                                  bufferInterval: bufferInterval, bufferRecords: max(1, bufferRecords), sampleOneIn: sampleOneIn,
                                  database: cluster.database, scheduler: scheduler, startCursor: kinesis.tailCursor(streamName: stream)) { cursor in
            kinesis.sampledTail(streamName: stream, from: cursor, step: step)
        }
        warehouse.add(loader)
        return loader
    }
}
