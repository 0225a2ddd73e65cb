/// The Redshift-style warehouse: clusters, their databases and WLM, behind AWS's `redshift`
/// operations (and, through `RedshiftDataService`, the Data API).
///
/// The read API for views: `clusters` (sorted), each with `nodes`, `topology`, `tables`
/// (`WarehouseTable`: rows per slice, style, sort key, skew, unsorted) and `wlm.records` (queries with
/// state, queue, times and text).
public final class WarehouseService: EstateService {
    public let serviceName = "redshift"
    public let dumpKey = "Warehouse"
    var context: ServiceContext
    private var clustersByID: [String: Cluster] = [:]
    /// Firehose-style loaders from streams into tables.
    public internal(set) var loaders: [StreamLoader] = []
    /// The account-wide part of every endpoint: `<id>.<this>.<region>.redshift.amazonaws.com`.
    let endpointToken: String
    /// COPY, UNLOAD and Spectrum read and write here; the estate wires its S3 in.
    public var objectStore: (any ObjectStore)? {
        didSet { for c in clustersByID.values { c.database.objectStore = objectStore } }
    }

    /// Virtual time a cluster takes to come up, pause and resume.
    public static let creationTime = SimDuration.seconds(90)
    public static let pauseTime = SimDuration.seconds(30)
    public static let resumeTime = SimDuration.seconds(60)
    public static let deletionTime = SimDuration.seconds(30)

    init(context: ServiceContext) {
        self.context = context
        var random = context.random
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        endpointToken = String((0..<12).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] })
        self.context.random = random
    }

    public var clusters: [Cluster] { clustersByID.keys.sorted().compactMap { clustersByID[$0] } }
    public func cluster(_ id: String) -> Cluster? { clustersByID[id.lowercased()] }

    public var operations: [OperationSpec] { Self.operationSpecs }

    public func perform(_ operation: String, _ p: Parameters) throws(AWSError) -> JSONValue {
        switch operation {
        case "CreateCluster": return ["Cluster": try createCluster(p).json]
        case "DescribeClusters": return try describeClusters(p)
        case "DeleteCluster": return ["Cluster": try deleteCluster(p).json]
        case "PauseCluster": return ["Cluster": try pauseCluster(p).json]
        case "ResumeCluster": return ["Cluster": try resumeCluster(p).json]
        case "ModifyCluster": return ["Cluster": try modifyCluster(p).json]
        case "RebootCluster": return ["Cluster": try rebootCluster(p).json]
        case "CreateTags": return try createTags(p)
        case "DeleteTags": return try deleteTags(p)
        default: throw AWSError("InvalidAction", "The action \(operation) is not valid for this web service.")
        }
    }

    func publish(_ cluster: String, _ kind: WarehouseEvent.Kind) {
        context.bus.publish(WarehouseEvent(clusterIdentifier: cluster, kind: kind))
    }

    func setStatus(_ cluster: Cluster, _ status: Cluster.Status) {
        let from = cluster.status
        cluster.status = status
        publish(cluster.identifier, .clusterStatusChanged(from: from.rawValue, to: status.rawValue))
    }

    // MARK: - Operations

    @discardableResult
    public func createCluster(_ p: Parameters) throws(AWSError) -> Cluster {
        let id = try p.requiredString("ClusterIdentifier").lowercased()
        try Self.validateIdentifier(id)
        let nodeTypeName = try p.requiredString("NodeType")
        guard let nodeType = NodeType.named(nodeTypeName) else {
            throw AWSError("InvalidParameterValue", "Invalid node type: \(nodeTypeName). Valid: \(NodeType.catalog.map(\.name).joined(separator: ", ")).")
        }
        let user = try p.requiredString("MasterUsername")
        guard let firstChar = user.first, firstChar.isLetter, user.count <= 128, user.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
            throw AWSError("InvalidParameterValue", "MasterUsername must start with a letter and contain only letters, digits and underscores (1–128).")
        }
        if let password = try p.string("MasterUserPassword") { try Self.validatePassword(password) }
        let requestedNodes = try p.int("NumberOfNodes")
        let clusterType = try p.string("ClusterType") ?? ((requestedNodes ?? 1) > 1 ? "multi-node" : "single-node")
        guard clusterType == "single-node" || clusterType == "multi-node" else {
            throw AWSError("InvalidParameterValue", "ClusterType must be single-node or multi-node, not '\(clusterType)'.")
        }
        let nodes = requestedNodes ?? (clusterType == "multi-node" ? 2 : 1)
        if clusterType == "single-node", nodes != 1 {
            throw AWSError("InvalidParameterCombination", "A single-node cluster has exactly one node; use ClusterType multi-node for \(nodes).")
        }
        if clusterType == "multi-node", !(2...128).contains(nodes) {
            throw AWSError("InvalidParameterValue", "NumberOfNodes for a multi-node cluster must be from 2 to 128, not \(nodes).")
        }
        let dbName = try p.string("DBName") ?? "dev"
        let group = try p.string("ClusterParameterGroupName")
        if let group { try Self.validateParameterGroupName(group) }
        let settings = try ClusterSettings().applying(p)
        var tags: [(key: String, value: String)] = []
        for tag in try p.objects("Tags") ?? [] { tags.append((try tag.requiredString("Key"), try tag.string("Value") ?? "")) }
        guard clustersByID[id] == nil else { throw AWSError("ClusterAlreadyExists", "Cluster already exists") }
        var random = context.random
        let zone = try p.string("AvailabilityZone") ?? "\(context.region)\(["a", "b", "c"][Int(random.next() % 3)])"
        let addresses = (0...nodes).map { _ in "10.0.\(random.int(in: 0...255)).\(random.int(in: 1...254))" }
        context.random = random
        let cluster = Cluster(identifier: id, nodeType: nodeType, numberOfNodes: nodes, masterUsername: user, dbName: dbName,
                              endpointAddress: "\(id).\(endpointToken).\(context.region).redshift.amazonaws.com",
                              createdAt: context.scheduler.now, availabilityZone: zone, nodeAddresses: addresses)
        cluster.database.objectStore = objectStore
        if let group { cluster.parameterGroupName = group }
        cluster.tags = tags
        cluster.settings = settings
        cluster.wlm = WorkloadManager(queues: WLMQueue.defaultQueues, scheduler: context.scheduler, database: cluster.database,
                                      nodeType: nodeType) { [weak self] kind in self?.publish(id, kind) }
        clustersByID[id] = cluster
        publish(id, .clusterStatusChanged(from: "none", to: "creating"))
        context.scheduler.schedule(after: Self.creationTime) { [weak self, weak cluster] in
            guard let self, let cluster, cluster.status == .creating else { return }
            self.setStatus(cluster, .available)
        }
        return cluster
    }

    /// The cluster, or ClusterNotFound.
    public func requireCluster(_ id: String) throws(AWSError) -> Cluster {
        guard let c = clustersByID[id.lowercased()] else { throw AWSError("ClusterNotFound", "Cluster \(id) not found.") }
        return c
    }

    func describeClusters(_ p: Parameters) throws(AWSError) -> JSONValue {
        if let id = try p.string("ClusterIdentifier") {
            return ["Clusters": [try requireCluster(id).json]]
        }
        let maxRecords = try p.int("MaxRecords") ?? 100
        guard (20...100).contains(maxRecords) else { throw AWSError("InvalidParameterValue", "MaxRecords must be from 20 to 100.") }
        let all = clusters
        var start = 0
        if let marker = try p.string("Marker") {
            guard let i = all.firstIndex(where: { $0.identifier == marker }) else { throw AWSError("InvalidParameterValue", "Invalid Marker '\(marker)'.") }
            start = i
        }
        let page = Array(all[start...].prefix(maxRecords))
        var out: [(String, JSONValue)] = [("Clusters", .array(page.map(\.json)))]
        if start + page.count < all.count { out.insert(("Marker", .string(all[start + page.count].identifier)), at: 0) }
        return .object(out)
    }

    func deleteCluster(_ p: Parameters) throws(AWSError) -> Cluster {
        let cluster = try requireCluster(try p.requiredString("ClusterIdentifier"))
        let skip = try p.bool("SkipFinalClusterSnapshot") ?? false
        if !skip, try p.string("FinalClusterSnapshotIdentifier") == nil {
            throw AWSError("InvalidParameterCombination", "FinalClusterSnapshotIdentifier is required unless SkipFinalClusterSnapshot is specified.")
        }
        guard cluster.status == .available || cluster.status == .paused else {
            throw AWSError("InvalidClusterState", "There is an operation running on the Cluster. Please try to delete it at a later time.")
        }
        for q in cluster.wlm.active { cluster.wlm.cancel(query: q.query) }
        setStatus(cluster, .deleting)
        context.scheduler.schedule(after: Self.deletionTime) { [weak self] in
            guard let self, self.clustersByID[cluster.identifier] === cluster else { return }
            self.clustersByID[cluster.identifier] = nil
            self.publish(cluster.identifier, .clusterDeleted)
        }
        return cluster
    }

    func pauseCluster(_ p: Parameters) throws(AWSError) -> Cluster {
        let cluster = try requireCluster(try p.requiredString("ClusterIdentifier"))
        guard cluster.status == .available else {
            throw AWSError("InvalidClusterState", "You can only pause a cluster that is available; \(cluster.identifier) is \(cluster.status.rawValue).")
        }
        for q in cluster.wlm.active { cluster.wlm.cancel(query: q.query) }
        setStatus(cluster, .pausing)
        context.scheduler.schedule(after: Self.pauseTime) { [weak self] in
            guard let self, cluster.status == .pausing else { return }
            self.setStatus(cluster, .paused)
        }
        return cluster
    }

    func resumeCluster(_ p: Parameters) throws(AWSError) -> Cluster {
        let cluster = try requireCluster(try p.requiredString("ClusterIdentifier"))
        guard cluster.status == .paused else {
            throw AWSError("InvalidClusterState", "You can only resume a paused cluster; \(cluster.identifier) is \(cluster.status.rawValue).")
        }
        setStatus(cluster, .resuming)
        context.scheduler.schedule(after: Self.resumeTime) { [weak self] in
            guard let self, cluster.status == .resuming else { return }
            self.setStatus(cluster, .available)
        }
        return cluster
    }

    /// AWS's rule for an admin password: 8–64 characters with an uppercase letter, a lowercase letter and a digit.
    static func validatePassword(_ password: String) throws(AWSError) {
        guard (8...64).contains(password.count), password.contains(where: \.isUppercase), password.contains(where: \.isLowercase),
              password.contains(where: \.isNumber) else {
            throw AWSError("InvalidParameterValue", "MasterUserPassword must be 8 to 64 characters with at least one uppercase letter, one lowercase letter and one digit.")
        }
    }

    /// AWS's rule: 1–63 lowercase letters, digits and hyphens, a letter first, no `--`, no trailing `-`.
    static func validateIdentifier(_ id: String) throws(AWSError) {
        guard (1...63).contains(id.count), id.first?.isLetter == true, !id.hasSuffix("-"), !id.contains("--"),
              id.allSatisfy({ ($0.isLetter && $0.isASCII) || $0.isNumber || $0 == "-" }) else {
            throw AWSError("InvalidParameterValue", "Invalid cluster identifier '\(id)': use 1–63 letters, digits or hyphens, starting with a letter, without two consecutive hyphens or a trailing hyphen.")
        }
    }

    /// A cluster that can run queries, or the error a client would get.
    public func queryableCluster(_ id: String) throws(AWSError) -> Cluster {
        let c = try requireCluster(id)
        guard c.status == .available else {
            throw AWSError("ValidationException", "Cluster \(c.identifier) is \(c.status.rawValue), not available; it cannot run queries now.")
        }
        return c
    }
}
