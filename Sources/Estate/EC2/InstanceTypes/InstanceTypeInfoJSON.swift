/// The `describe-instance-types` shape of a spec, for `--json` output and the HTTP gateway.
///
/// Fields follow botocore's `InstanceTypeInfo` order so output diffs cleanly against the real
/// CLI's; `Parsed`, `Estimated` and `SimulatedHourlyPriceUSD` are this simulator's additions and
/// sit at the end where an AWS-shaped consumer ignores them.
extension InstanceTypeSpec {
    public var instanceTypeInfo: JSONValue {
        let d = details
        let strings = { (items: [String]) in JSONValue.array(items.map(JSONValue.string)) }
        var pairs: [(String, JSONValue)] = [("InstanceType", .string(name.name)), ("CurrentGeneration", .bool(currentGeneration))]
        if let d {
            pairs += [("FreeTierEligible", .bool(d.freeTierEligible)), ("SupportedUsageClasses", strings(d.usageClasses)),
                      ("SupportedRootDeviceTypes", strings(d.rootDeviceTypes)),
                      ("SupportedVirtualizationTypes", strings(d.virtualizationTypes))]
        }
        pairs.append(("BareMetal", .bool(bareMetal)))
        if let hypervisor = d?.hypervisor { pairs.append(("Hypervisor", .string(hypervisor))) }
        var processor: [(String, JSONValue)] = [("SupportedArchitectures", strings(architectures))]
        if let clock = d?.sustainedClockSpeedGHz { processor.append(("SustainedClockSpeedInGhz", .double(clock))) }
        if let manufacturer = d?.manufacturer { processor.append(("Manufacturer", .string(manufacturer))) }
        pairs += [
            ("ProcessorInfo", .object(processor)),
            ("VCpuInfo", ["DefaultVCpus": .int(Int64(vCPUs)), "DefaultCores": .int(Int64(defaultCores)),
                          "DefaultThreadsPerCore": .int(Int64(defaultThreadsPerCore))]),
            ("MemoryInfo", ["SizeInMiB": .int(Int64(memoryMiB))]),
        ]
        if let d { pairs.append(("InstanceStorageSupported", .bool(d.instanceStorageSupported))) }
        pairs.append(("NetworkInfo", ["NetworkPerformance": .string(networkPerformance)]))
        if let d {
            pairs += [("HibernationSupported", .bool(d.hibernationSupported)),
                      ("BurstablePerformanceSupported", .bool(d.burstablePerformanceSupported))]
        }
        pairs += [
            ("Parsed", name.parsedJSON),
            ("Estimated", .bool(isEstimated)),
            ("SimulatedHourlyPriceUSD", .double(hourlyPriceUSD)),
        ]
        return .object(pairs)
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
