/// The `describe-instance-types` shape of a spec, for `--json` output and the HTTP gateway.
///
/// Fields follow botocore's `InstanceTypeInfo` order so output diffs cleanly against the real
/// CLI's; `Parsed`, `Estimated` and `SimulatedHourlyPriceUSD` are this simulator's additions and
/// sit at the end where an AWS-shaped consumer ignores them.
extension InstanceTypeSpec {
    public var instanceTypeInfo: JSONValue {
        [
            "InstanceType": .string(name.name),
            "CurrentGeneration": .bool(currentGeneration),
            "BareMetal": .bool(bareMetal),
            "ProcessorInfo": ["SupportedArchitectures": .array(architectures.map(JSONValue.string))],
            "VCpuInfo": ["DefaultVCpus": .int(Int64(vCPUs)), "DefaultCores": .int(Int64(defaultCores)),
                         "DefaultThreadsPerCore": .int(Int64(defaultThreadsPerCore))],
            "MemoryInfo": ["SizeInMiB": .int(Int64(memoryMiB))],
            "NetworkInfo": ["NetworkPerformance": .string(networkPerformance)],
            "Parsed": name.parsedJSON,
            "Estimated": .bool(isEstimated),
            "SimulatedHourlyPriceUSD": .double(hourlyPriceUSD),
        ]
    }
}

extension InstanceTypeName {
    /// The grammar's parts: `{Family, Series, Generation, Capabilities, Variant, Size}`.
    public var parsedJSON: JSONValue {
        [
            "Family": .string(family),
            "Series": .string(series),
            "Generation": generation.map { .int(Int64($0)) } ?? .null,
            "Capabilities": .array(capabilities.map { .string(String($0)) }),
            "Variant": variant.map(JSONValue.string) ?? .null,
            "Size": .string(size),
        ]
    }
}
