import Yams

/// The `warehouse:` section of `estate.yaml`: clusters, their sample data, and stream loaders.
///
/// ```yaml
/// warehouse:
///   - cluster: analytics
///     node-type: ra3.4xlarge
///     nodes: 2
///     sample-data: shop
///     loaders:
///       - name: orders-to-redshift
///         stream: orders
///         table: orders_stream
/// ```
extension EstateConfig {
    public struct WarehouseEntry: Sendable {
        public var cluster: String
        public var nodeType = "ra3.4xlarge"
        public var nodes = 2
        /// `shop`: customers, orders, clicks and a date dimension from the seeded generator.
        public var sampleData: String?
        public var loaders: [LoaderEntry] = []
        public var line: Int?
    }

    public struct LoaderEntry: Sendable {
        public var name: String
        public var stream: String
        public var table: String
        public var bufferSeconds = 60
        /// Keep one record in N (a Firehose transformation that drops the rest); 1 keeps all.
        public var sampleOneIn = 1
        public var line: Int?
    }

    static let warehouseKeys = ["cluster", "node-type", "nodes", "sample-data", "loaders"]
    static let loaderKeys = ["name", "stream", "table", "buffer-seconds", "sample-one-in"]

    static func warehouseEntry(_ node: Node, reader: YAMLReader, streams: [StreamEntry]) throws(ConfigError) -> WarehouseEntry {
        var entry = WarehouseEntry(cluster: "", line: node.mark?.line)
        for (key, _, value) in try reader.mapping(node, what: "a warehouse cluster", allowed: warehouseKeys) {
            switch key {
            case "cluster": entry.cluster = try reader.string(value, what: "cluster")
            case "node-type":
                entry.nodeType = try reader.string(value, what: "node-type")
                guard NodeType.named(entry.nodeType) != nil else {
                    throw reader.fail(value, "unknown node type '\(entry.nodeType)'\(Suggest.didYouMean(entry.nodeType, in: NodeType.catalog.map(\.name))); types: \(NodeType.catalog.map(\.name).joined(separator: ", "))")
                }
            case "nodes": entry.nodes = try reader.int(value, what: "nodes", range: 1...128)
            case "sample-data":
                let name = try reader.string(value, what: "sample-data")
                guard name == ShopSampleData.name else { throw reader.fail(value, "sample-data must be '\(ShopSampleData.name)', not '\(name)'") }
                entry.sampleData = name
            case "loaders":
                for item in try reader.sequence(value, what: "loaders") {
                    var loader = LoaderEntry(name: "", stream: "", table: "", line: item.mark?.line)
                    for (k, _, v) in try reader.mapping(item, what: "a loader", allowed: loaderKeys) {
                        switch k {
                        case "name": loader.name = try reader.string(v, what: "name")
                        case "stream":
                            loader.stream = try reader.string(v, what: "stream")
                            guard streams.contains(where: { $0.name == loader.stream }) else {
                                throw reader.fail(v, "loader stream '\(loader.stream)' is not defined under streams:\(Suggest.didYouMean(loader.stream, in: streams.map(\.name)))")
                            }
                        case "table": loader.table = try reader.string(v, what: "table")
                        case "buffer-seconds": loader.bufferSeconds = try reader.int(v, what: "buffer-seconds", range: 60...900)
                        case "sample-one-in": loader.sampleOneIn = try reader.int(v, what: "sample-one-in", range: 1...10_000)
                        default: break
                        }
                    }
                    guard !loader.stream.isEmpty, !loader.table.isEmpty else { throw reader.fail(item, "a loader needs a stream and a table") }
                    if loader.name.isEmpty { loader.name = "\(loader.stream)-to-\(loader.table)" }
                    entry.loaders.append(loader)
                }
            default: break
            }
        }
        guard !entry.cluster.isEmpty else { throw reader.fail(node, "a warehouse entry needs a cluster name, e.g. cluster: analytics") }
        if entry.loaders.contains(where: { ShopSampleData.streamTables[$0.table] == nil }), entry.sampleData == nil {
            throw reader.fail(node, "loaders need tables; with sample-data: shop the tables \(ShopSampleData.streamTables.keys.sorted().joined(separator: ", ")) exist")
        }
        return entry
    }
}

extension EstateBuilder {
    /// Creates each cluster, fills its sample data and starts its loaders.
    static func buildWarehouse(_ config: EstateConfig, into estate: Estate, file: String) throws(ConfigError) {
        for entry in config.warehouse {
            func fail(_ line: Int?, _ message: String) -> ConfigError { ConfigError(file: file, line: line, message: message) }
            let cluster: Cluster
            do {
                cluster = try estate.warehouse.createCluster(Parameters([
                    "ClusterIdentifier": .string(entry.cluster), "NodeType": .string(entry.nodeType), "MasterUsername": "awsuser",
                    "NumberOfNodes": .int(Int64(entry.nodes)), "ClusterType": .string(entry.nodes > 1 ? "multi-node" : "single-node"),
                ]))
            } catch { throw fail(entry.line, "\(error.code): \(error.message)") }
            if entry.sampleData != nil {
                var random = SeededRandom(seed: estate.seed).fork("warehouse-sample-\(entry.cluster)")
                do { try ShopSampleData.load(into: cluster.database, random: &random) } catch {
                    throw fail(entry.line, "sample data: \(error.message)")
                }
            }
            for loader in entry.loaders {
                do {
                    if cluster.database.tables[loader.table] == nil, let ddl = ShopSampleData.streamTables[loader.table] {
                        _ = try cluster.database.execute(ddl)
                    }
                } catch { throw fail(loader.line, "loader table: \(error.message)") }
                do {
                    try estate.startStreamLoader(name: loader.name, stream: loader.stream, cluster: cluster.identifier, table: loader.table,
                                                 bufferInterval: .seconds(Int64(loader.bufferSeconds)), sampleOneIn: loader.sampleOneIn)
                } catch { throw fail(loader.line, "\(error.code): \(error.message)") }
            }
        }
    }
}
