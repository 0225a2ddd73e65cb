/// Creates an estate from its config through the same operations any user would call.
public enum EstateBuilder {
    /// `segments` is where stream records spill (in-memory SQLite when nil); `memoryBudgetBytes`
    /// overrides the config's `stream-memory-budget`.
    public static func build(_ config: EstateConfig, file: String, seed: UInt64? = nil, metricsPeriod: SimDuration = .seconds(60),
                             segments: (any SegmentStore)? = nil, memoryBudgetBytes: Int? = nil,
                             edgeCodeRunner: (any EdgeCodeRunner)? = nil,
                             jobFiles: JobFileSource = .builtIn) throws(ConfigError) -> Estate {
        let budget = memoryBudgetBytes ?? config.streamMemoryBudgetBytes ?? RecordStore.defaultMemoryBudgetBytes
        let store = segments.map { RecordStore(segments: $0, memoryBudgetBytes: budget) } ?? .inMemory(memoryBudgetBytes: budget)
        let estate = Estate(name: config.name, seed: seed ?? config.seed ?? Estate.defaultSeed, metricsPeriod: metricsPeriod,
                            recordStore: store, edgeCodeRunner: edgeCodeRunner)
        for group in config.instances {
            for n in 1...group.count {
                var input = RunInstancesInput(instanceType: group.type, count: 1, availabilityZone: group.zone,
                                              name: group.count > 1 ? "\(group.name)-\(n)" : group.name, workload: group.workload)
                input.tags.append(("Origin", "estate.yaml"))
                do {
                    _ = try estate.ec2.runInstances(input)
                } catch {
                    throw ConfigError(file: file, line: group.line, message: "\(error.code): \(error.message)")
                }
            }
        }
        try buildStreams(config, into: estate, file: file)
        if let edge = config.edge { try estate.edge.build(edge, file: file) }
        try buildStacks(config.stacks, into: estate, file: file)
        try buildJobs(config.jobs, into: estate, file: file, jobFiles: jobFiles)
        try buildWarehouse(config, into: estate, file: file)
        if let faults = config.faults { estate.startFaults(faults) }
        // The warmup counts from time zero, waiting for streams included, so the dashboard opens
        // on a round time.
        estate.advance(to: max(estate.now, SimInstant.zero + config.warmup))
        return estate
    }

    /// Streams first; producers and consumers start once their stream is ACTIVE, as a real client
    /// would wait for it, so the warmup does not begin with a burst of refused writes.
    private static func buildStreams(_ config: EstateConfig, into estate: Estate, file: String) throws(ConfigError) {
        let kinesis = estate.kinesis
        func fail(_ line: Int?, _ error: AWSError) -> ConfigError {
            ConfigError(file: file, line: line, message: "\(error.code): \(error.message)")
        }
        for entry in config.streams {
            do {
                try kinesis.createStream(name: entry.name, shardCount: entry.shards, mode: entry.onDemand ? .onDemand : .provisioned)
            } catch { throw fail(entry.line, error) }
        }
        guard !config.streams.isEmpty else { return }
        while kinesis.streams.contains(where: { $0.status == .creating }), let due = estate.scheduler.nextDue {
            estate.advance(to: due)
        }
        for entry in config.streams where entry.retentionHours != KinesisLimits.defaultRetentionHours {
            do { try kinesis.setRetention(streamName: entry.name, hours: entry.retentionHours, increase: true) } catch { throw fail(entry.line, error) }
        }
        for entry in config.producers {
            do { try kinesis.startProducer(entry.settings) } catch { throw fail(entry.line, error) }
        }
        for entry in config.consumers {
            do {
                try kinesis.startConsumer(name: entry.name, streamName: entry.stream, workers: entry.workers, initialPosition: entry.initialPosition)
            } catch { throw fail(entry.line, error) }
        }
    }

    /// Parses and builds in one step.
    public static func build(yaml: String, file: String, seed: UInt64? = nil,
                             segments: (any SegmentStore)? = nil, memoryBudgetBytes: Int? = nil,
                             jobFiles: JobFileSource = .builtIn,
                             files: (String) -> String? = { EdgeDefaults.files[$0] }) throws(ConfigError) -> Estate {
        try build(EstateConfig.parse(yaml, file: file, files: files), file: file, seed: seed, segments: segments,
                  memoryBudgetBytes: memoryBudgetBytes, jobFiles: jobFiles)
    }
}
