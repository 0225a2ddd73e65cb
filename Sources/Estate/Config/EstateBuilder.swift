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
        estate.advance(by: config.warmup)
        return estate
    }

    /// Parses and builds in one step.
    public static func build(yaml: String, file: String, seed: UInt64? = nil) throws(ConfigError) -> Estate {
        try build(EstateConfig.parse(yaml, file: file), file: file, seed: seed)
    }
}
