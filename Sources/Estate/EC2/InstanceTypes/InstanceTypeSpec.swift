/// What one instance type offers: the facts `describe-instance-types` reports, plus a price.
///
/// Specs come from moto's data; the few names only botocore knows are derived from the naming
/// grammar and flagged `isEstimated`, so a screen can say when a number is a guess.
public struct InstanceTypeSpec: Sendable, Hashable {
    public let name: InstanceTypeName
    public let vCPUs: Int
    public let memoryMiB: Int
    /// As the API spells them: `i386`, `x86_64`, `arm64`, `x86_64_mac`, `arm64_mac`.
    public let architectures: [String]
    /// AWS's wording, e.g. "Up to 12.5 Gigabit" or "Moderate".
    public let networkPerformance: String
    public let bareMetal: Bool
    public let currentGeneration: Bool
    /// True when the specs were derived from the name rather than read from moto's data.
    public let isEstimated: Bool
    /// `VCpuInfo.DefaultCores` and `DefaultThreadsPerCore`: what an instance's `CpuOptions` shows.
    /// Graviton hosts run one thread per core, most x86 hosts two.
    public let defaultCores: Int
    public let defaultThreadsPerCore: Int
    /// The simulated on-demand price; see `PriceModel` for how it is made up.
    public let hourlyPriceUSD: Double
    /// moto's further facts (hypervisor, usage classes, processor); nil for estimated types.
    public let details: InstanceTypeDetails?

    public init(
        name: InstanceTypeName, vCPUs: Int, memoryMiB: Int, architectures: [String], networkPerformance: String,
        bareMetal: Bool, currentGeneration: Bool, isEstimated: Bool, defaultCores: Int? = nil,
        defaultThreadsPerCore: Int? = nil, hourlyPriceUSD: Double? = nil, details: InstanceTypeDetails? = nil
    ) {
        self.name = name
        self.vCPUs = vCPUs
        self.memoryMiB = memoryMiB
        self.architectures = architectures
        self.networkPerformance = networkPerformance
        self.bareMetal = bareMetal
        self.currentGeneration = currentGeneration
        self.isEstimated = isEstimated
        self.details = details
        let threads = defaultThreadsPerCore ?? (vCPUs > 1 && !architectures.contains("arm64") ? 2 : 1)
        self.defaultThreadsPerCore = threads
        self.defaultCores = defaultCores ?? max(1, vCPUs / threads)
        self.hourlyPriceUSD = hourlyPriceUSD ?? PriceModel.hourlyPriceUSD(
            name: name, vCPUs: vCPUs, memoryMiB: memoryMiB, currentGeneration: currentGeneration)
    }

    /// Memory in GiB, as the consoles print it.
    public var memoryGiB: Double { Double(memoryMiB) / 1024 }

    /// The explanation of this type's name.
    public var explanation: InstanceTypeExplanation { InstanceTypeExplanation(name) }
}

extension InstanceTypeSpec {
    /// Parses one `name|vCPUs|MiB|archs|network|bare|current|estimated|cores|threads` line of the
    /// generated data, with moto's ten further fields where it has them.
    init?(catalogLine line: Substring) {
        let fields = line.split(separator: "|", omittingEmptySubsequences: false)
        guard fields.count == 10 || fields.count == 20, let name = try? InstanceTypeName.parse(String(fields[0])),
            let vCPUs = Int(fields[1]), let memoryMiB = Int(fields[2]),
            let cores = Int(fields[8]), let threads = Int(fields[9])
        else { return nil }
        self.init(
            name: name, vCPUs: vCPUs, memoryMiB: memoryMiB,
            architectures: fields[3].split(separator: ",").map(String.init),
            networkPerformance: String(fields[4]), bareMetal: fields[5] == "1",
            currentGeneration: fields[6] == "1", isEstimated: fields[7] == "1",
            defaultCores: cores, defaultThreadsPerCore: threads,
            details: fields.count == 20 ? InstanceTypeDetails(fields: fields[10...]) : nil)
    }
}
