/// A Redshift cluster: a leader node, compute nodes split into slices, its database and WLM.
public final class Cluster {
    public enum Status: String, Sendable {
        case creating, available, pausing, paused, resuming, deleting
        /// `ModifyCluster`: a new node type or node count, or settings such as the admin password.
        case resizing, modifying
        /// `RebootCluster`: a pending parameter group is applied as the cluster comes back.
        case rebooting
    }

    public let identifier: String
    public internal(set) var nodeType: NodeType
    /// Compute nodes; a single-node cluster's one node is both leader and compute.
    public internal(set) var numberOfNodes: Int
    public let masterUsername: String
    public let dbName: String
    public let endpointAddress: String
    public let port = 5439
    public let createdAt: SimInstant
    /// Changed by `ModifyCluster`'s AvailabilityZone, a relocation.
    public internal(set) var availabilityZone: String
    /// The cluster's parameter group, and whether its values are in effect (`in-sync`) or wait
    /// for a reboot (`pending-reboot`), as describe-clusters' `ClusterParameterGroups` shows.
    public internal(set) var parameterGroupName = Cluster.defaultParameterGroup
    public internal(set) var parameterApplyStatus = "in-sync"
    public static let defaultParameterGroup = "default.redshift-1.0"
    /// The cluster's tags in the order they were first set, as describe-clusters lists them.
    public internal(set) var tags: [(key: String, value: String)] = []
    public internal(set) var settings = ClusterSettings()
    public internal(set) var status: Status
    public let database: WarehouseDatabase
    public internal(set) var wlm: WorkloadManager!
    /// Deterministic private addresses for the leader and compute nodes.
    var nodeAddresses: [String]
    /// `PendingModifiedValues` while a `ModifyCluster` is under way, in the API's field names.
    var pendingModifiedValues: [(String, JSONValue)] = []

    init(identifier: String, nodeType: NodeType, numberOfNodes: Int, masterUsername: String, dbName: String,
         endpointAddress: String, createdAt: SimInstant, availabilityZone: String, nodeAddresses: [String]) {
        self.identifier = identifier
        self.nodeType = nodeType
        self.numberOfNodes = numberOfNodes
        self.masterUsername = masterUsername
        self.dbName = dbName
        self.endpointAddress = endpointAddress
        self.createdAt = createdAt
        self.availabilityZone = availabilityZone
        self.nodeAddresses = nodeAddresses
        status = .creating
        let session = SessionState()
        session.user = masterUsername
        session.database = dbName
        database = WarehouseDatabase(topology: SliceTopology(computeNodes: numberOfNodes, slicesPerNode: nodeType.slicesPerNode), session: session)
    }

    public var topology: SliceTopology { database.topology }
    public var isSingleNode: Bool { numberOfNodes == 1 }

    /// Tables by name, for views and the dump.
    public var tables: [WarehouseTable] { database.tables.keys.sorted().compactMap { database.tables[$0] } }

    /// Nodes as describe-clusters lists them: the leader, then each compute node with its slices.
    public var nodes: [(role: String, address: String, slices: [Int])] {
        if isSingleNode { return [("SHARED", nodeAddresses[0], Array(0..<topology.slicesPerNode))] }
        var out: [(String, String, [Int])] = [("LEADER", nodeAddresses[0], [])]
        for n in 0..<numberOfNodes {
            out.append(("COMPUTE-\(n)", nodeAddresses[n + 1], Array((n * topology.slicesPerNode)..<((n + 1) * topology.slicesPerNode))))
        }
        return out
    }

    /// The `Cluster` shape of describe-clusters.
    public var json: JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("ClusterIdentifier", .string(identifier)),
            ("NodeType", .string(nodeType.name)),
            ("ClusterStatus", .string(status.rawValue)),
            ("ClusterAvailabilityStatus", .string(availability)),
            ("MasterUsername", .string(masterUsername)),
            ("DBName", .string(dbName)),
        ]
        if status != .creating {
            pairs.append(("Endpoint", ["Address": .string(endpointAddress), "Port": .int(Int64(port))]))
        }
        pairs += [
            ("ClusterCreateTime", .string(SimCalendar.iso8601(createdAt))),
            ("AutomatedSnapshotRetentionPeriod", .int(Int64(settings.automatedSnapshotRetentionPeriod))),
            ("ManualSnapshotRetentionPeriod", .int(Int64(settings.manualSnapshotRetentionPeriod))),
            ("ClusterSecurityGroups", []),
            ("VpcSecurityGroups", []),
            ("ClusterParameterGroups", [["ParameterGroupName": .string(parameterGroupName), "ParameterApplyStatus": .string(parameterApplyStatus)]]),
            ("ClusterSubnetGroupName", "default"),
            ("AvailabilityZone", .string(availabilityZone)),
            ("PreferredMaintenanceWindow", .string(settings.preferredMaintenanceWindow)),
            ("PendingModifiedValues", .object(pendingModifiedValues)),
            ("ClusterVersion", "1.0"),
            ("AllowVersionUpgrade", .bool(settings.allowVersionUpgrade)),
            ("NumberOfNodes", .int(Int64(numberOfNodes))),
            ("PubliclyAccessible", .bool(settings.publiclyAccessible)),
            ("Encrypted", .bool(settings.encrypted)),
            ("ClusterNodes", .array(nodes.map { ["NodeRole": .string($0.role), "PrivateIPAddress": .string($0.address)] })),
            ("Tags", .array(tags.map { ["Key": .string($0.key), "Value": .string($0.value)] })),
            ("TotalStorageCapacityInMegaBytes", .int(Int64(nodeType.storagePerNodeGiB * 1024 * numberOfNodes))),
        ]
        return .object(pairs)
    }

    var availability: String {
        switch status {
        case .available: return "Available"
        case .creating, .resuming, .rebooting: return "Unavailable"
        case .pausing, .paused: return "Paused"
        case .deleting: return "Unavailable"
        case .resizing, .modifying: return "Modifying"
        }
    }
}
