/// Creates an estate from its config through the same operations any user would call.
public enum EstateBuilder {
    public static func build(_ config: EstateConfig, file: String, seed: UInt64? = nil, metricsPeriod: SimDuration = .seconds(60)) throws(ConfigError) -> Estate {
        let estate = Estate(name: config.name, seed: seed ?? config.seed ?? Estate.defaultSeed, metricsPeriod: metricsPeriod)
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
        try buildWarehouse(config, into: estate, file: file)
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
    public static func build(yaml: String, file: String, seed: UInt64? = nil) throws(ConfigError) -> Estate {
        try build(EstateConfig.parse(yaml, file: file), file: file, seed: seed)
    }
}
