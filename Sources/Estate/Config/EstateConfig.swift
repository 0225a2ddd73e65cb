/// The estate at start, as `Config/estate.yaml` describes it.
public struct EstateConfig: Sendable {
    public var name = "cloudtop"
    public var seed: UInt64?
    /// Virtual time run after creating everything, so the dashboard opens on an estate already up.
    public var warmup: SimDuration = .seconds(60)
    public var instances: [InstanceGroup] = []
    public var streams: [StreamEntry] = []
    public var producers: [ProducerEntry] = []
    public var consumers: [ConsumerEntry] = []
    /// CloudFront distributions and Lambda@Edge functions (`EdgeConfig`).
    public var edge: EdgeConfig?
    /// Stream jobs by file name (`Config/jobs/NAME.yaml`).
    public var jobs: [JobEntry] = []
    /// `stream-memory-budget`: memory for stream records before they spill to disk (bytes).
    public var streamMemoryBudgetBytes: Int?
    public var warehouse: [WarehouseEntry] = []
    /// Templates deployed as stacks at first start (`Config/stacks/NAME.yaml`); none unless listed.
    public var stacks: [StackEntry] = []
    /// Seeded faults and how often each strikes; none unless listed.
    public var faults: FaultSettings?

    /// One `instances:` entry: `count` instances of one type.
    public struct InstanceGroup: Sendable {
        public var name: String
        public var type: String
        public var zone: String?
        public var count = 1
        public var workload: String?
        /// Where it was written, for errors found while building.
        public var line: Int?
    }

    public init() {}
}

extension EstateConfig {
    static let topLevelKeys = ["name", "seed", "warmup", "instances", "streams", "producers", "consumers", "edge", "jobs", "warehouse", MemoryBudget.configKey, "stacks", "faults"]
    static let instanceKeys = ["name", "type", "zone", "count", "workload"]

    /// Reads and validates a config; the first mistake is reported as `file:line: …`. `files` gives
    /// the text of other files the config names (edge functions), by path relative to its folder.
    public static func parse(_ text: String, file: String,
                             files: (String) -> String? = { EdgeDefaults.files[$0] }) throws(ConfigError) -> EstateConfig {
        let reader = YAMLReader(file: file)
        var config = EstateConfig()
        guard let root = try reader.root(text) else { return config }
        let pairs = try reader.mapping(root, what: "the estate", allowed: topLevelKeys)
        // Streams first, so producers and consumers can be checked against them wherever they are written.
        for (key, _, value) in pairs where key == "streams" {
            for item in try reader.sequence(value, what: "streams") {
                let entry = try streamEntry(item, reader: reader)
                guard !config.streams.contains(where: { $0.name == entry.name }) else { throw reader.fail(item, "stream '\(entry.name)' is defined twice") }
                config.streams.append(entry)
            }
        }
        for (key, _, value) in pairs {
            switch key {
            case "name": config.name = try reader.string(value, what: "name")
            case "seed":
                let text = try reader.string(value, what: "seed")
                guard let seed = UInt64(text) else { throw reader.fail(value, "seed must be a whole number from 0 to \(UInt64.max), not '\(text)'") }
                config.seed = seed
            case "warmup": config.warmup = try reader.duration(value, what: "warmup")
            case MemoryBudget.configKey:
                let text = try reader.string(value, what: MemoryBudget.configKey)
                guard let bytes = MemoryBudget.parse(text) else {
                    throw reader.fail(value, "\(MemoryBudget.configKey) must be a size like 256MiB, 1GiB or 65536, not '\(text)'")
                }
                config.streamMemoryBudgetBytes = bytes
            case "instances":
                for item in try reader.sequence(value, what: "instances") {
                    config.instances.append(try instanceGroup(item, reader: reader))
                }
            case "producers":
                for item in try reader.sequence(value, what: "producers") {
                    config.producers.append(try producerEntry(item, reader: reader, streams: config.streams))
                }
            case "consumers":
                for item in try reader.sequence(value, what: "consumers") {
                    config.consumers.append(try consumerEntry(item, reader: reader, streams: config.streams))
                }
            case "edge": config.edge = try EdgeConfig.parse(value, reader: reader, read: files)
            case "jobs": config.jobs = try jobEntries(value, reader: reader)
            case "stacks": config.stacks = try stackEntries(value, reader: reader)
            case "faults": config.faults = try faultSettings(value, reader: reader)
            case "warehouse":
                for item in try reader.sequence(value, what: "warehouse") {
                    config.warehouse.append(try warehouseEntry(item, reader: reader, streams: config.streams))
                }
            default: break
            }
        }
        try config.edge?.checkTraffic(stackDistributions: stackDistributionNames(config.stacks), file: file)
        return config
    }

    private static func instanceGroup(_ node: Yams.Node, reader: YAMLReader) throws(ConfigError) -> InstanceGroup {
        var group = InstanceGroup(name: "", type: "", line: node.mark?.line)
        var sawType = false
        for (key, _, value) in try reader.mapping(node, what: "an instance", allowed: instanceKeys) {
            switch key {
            case "name": group.name = try reader.string(value, what: "name")
            case "type":
                group.type = try reader.string(value, what: "type")
                sawType = true
                if case let .failure(error) = InstanceTypeCatalog.lookup(group.type) {
                    throw reader.fail(value, error.message)
                }
            case "zone":
                let zone = try reader.string(value, what: "zone")
                guard DefaultVPC.zones.contains(zone) else {
                    throw reader.fail(value, "unknown zone '\(zone)'\(Suggest.didYouMean(zone, in: DefaultVPC.zones)); zones: \(DefaultVPC.zones.joined(separator: ", "))")
                }
                group.zone = zone
            case "count": group.count = try reader.int(value, what: "count", range: 1...10_000)
            case "workload":
                let workload = try reader.string(value, what: "workload")
                guard ["steady", "bursty", "daily"].contains(workload) else {
                    throw reader.fail(value, "workload must be steady, bursty or daily, not '\(workload)'")
                }
                group.workload = workload
            default: break
            }
        }
        guard sawType else { throw reader.fail(node, "an instance needs a type, e.g. type: c5.large") }
        if group.name.isEmpty { group.name = group.type }
        return group
    }
}

import Yams
