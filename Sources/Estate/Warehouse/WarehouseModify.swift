/// `redshift modify-cluster`: a resize (node type, node count, cluster type), a relocation to
/// another Availability Zone, a new parameter group, or a change of settings such as the admin
/// password.
///
/// As AWS does it: only an `available` cluster can be modified (`InvalidClusterState`), every
/// value is checked before anything changes, the reply shows the change under
/// `PendingModifiedValues`, and the cluster is `resizing` (a resize) or `modifying` (settings
/// only) for a while before it is `available` again with its data on the new slices. A resizing
/// cluster runs no queries, AWS's "some interruptions". A relocation moves the cluster with its
/// data and endpoint (modifying for `relocateTime`). A new parameter group is the cluster's at
/// once, `pending-reboot` until `RebootCluster` applies it, as for a group with static parameters.
extension WarehouseService {
    /// An elastic resize's order of magnitude (AWS quotes 10–15 minutes; the estate keeps it short).
    public static let resizeTime = SimDuration.minutes(5)
    /// Settings that need no restart, such as a new admin password.
    public static let modifyTime = SimDuration.seconds(30)
    /// Moving a cluster to another zone (AWS quotes 10–15 minutes; the estate keeps it short).
    public static let relocateTime = SimDuration.minutes(2)

    static let modifySpec = op("ModifyCluster", [
        clusterIdentifier,
        ParameterSpec("ClusterType", .string, help: "single-node|multi-node"),
        ParameterSpec("NodeType", .string, help: NodeType.catalog.map(\.name).joined(separator: "|")),
        ParameterSpec("NumberOfNodes", .integer, help: "compute nodes (2–128 for multi-node)"),
        ParameterSpec("MasterUserPassword", .string, help: "8–64 characters with upper, lower and a digit"),
        ParameterSpec("Port", .integer, help: "accepted; the endpoint listens on 5439"),
        ParameterSpec("AvailabilityZone", .string, help: "relocate the cluster, e.g. us-east-1b"),
        ParameterSpec("ClusterParameterGroupName", .string, help: "applied at the next reboot"),
    ] + ClusterSettings.specs, "Resize, relocate a cluster or change its settings")

    func modifyCluster(_ p: Parameters) throws(AWSError) -> Cluster {
        let cluster = try requireCluster(try p.requiredString("ClusterIdentifier"))
        guard cluster.status == .available else {
            throw AWSError("InvalidClusterState", "The cluster \(cluster.identifier) is \(cluster.status.rawValue); only an available cluster can be modified.")
        }
        var nodeType = cluster.nodeType
        if let name = try p.string("NodeType") {
            guard let named = NodeType.named(name) else {
                throw AWSError("InvalidParameterValue", "Invalid node type: \(name). Valid: \(NodeType.catalog.map(\.name).joined(separator: ", ")).")
            }
            nodeType = named
        }
        let requestedNodes = try p.int("NumberOfNodes")
        let requestedType = try p.string("ClusterType")
        let clusterType = requestedType ?? ((requestedNodes ?? cluster.numberOfNodes) > 1 ? "multi-node" : "single-node")
        guard clusterType == "single-node" || clusterType == "multi-node" else {
            throw AWSError("InvalidParameterValue", "ClusterType must be single-node or multi-node, not '\(clusterType)'.")
        }
        let nodes = requestedNodes ?? (clusterType == "single-node" ? 1 : max(cluster.numberOfNodes, 2))
        if clusterType == "single-node", nodes != 1 {
            throw AWSError("InvalidParameterCombination", "A single-node cluster has exactly one node; use ClusterType multi-node for \(nodes).")
        }
        if clusterType == "multi-node", !(2...128).contains(nodes) {
            throw AWSError("InvalidParameterValue", "NumberOfNodes for a multi-node cluster must be from 2 to 128, not \(nodes).")
        }
        let password = try p.string("MasterUserPassword")
        if let password { try Self.validatePassword(password) }
        _ = try p.int("Port")
        let settings = try cluster.settings.applying(p)
        let zone = try p.string("AvailabilityZone")
        if let zone, !DefaultVPC.zones.contains(zone) {
            throw AWSError("InvalidParameterValue", "Invalid availability zone: [\(zone)]. Choose one of \(DefaultVPC.zones.joined(separator: ", ")).")
        }
        let group = try p.string("ClusterParameterGroupName")
        if let group { try Self.validateParameterGroupName(group) }

        // Everything is checked: from here on the request is applied. Settings need no restart.
        cluster.settings = settings
        let resizes = nodeType != cluster.nodeType || nodes != cluster.numberOfNodes
        let relocates = zone != nil && zone != cluster.availabilityZone
        if let group, group != cluster.parameterGroupName {
            cluster.parameterGroupName = group
            cluster.parameterApplyStatus = "pending-reboot"
        }
        var pending: [(String, JSONValue)] = []
        if password != nil { pending.append(("MasterUserPassword", "****")) }
        if resizes {
            pending += [("NodeType", .string(nodeType.name)), ("NumberOfNodes", .int(Int64(nodes))), ("ClusterType", .string(clusterType))]
        }
        guard !pending.isEmpty || relocates else { return cluster }
        cluster.pendingModifiedValues = pending
        var addresses = cluster.nodeAddresses
        if resizes {
            // A new node list (leader plus compute nodes) keeps the addresses of the nodes that stay.
            var random = context.random
            let wanted = nodes == 1 ? 1 : nodes + 1
            while addresses.count < wanted { addresses.append("10.0.\(random.int(in: 0...255)).\(random.int(in: 1...254))") }
            context.random = random
            addresses = Array(addresses.prefix(max(wanted, 1)))
            for q in cluster.wlm.active { cluster.wlm.cancel(query: q.query) }
        }
        setStatus(cluster, resizes ? .resizing : .modifying)
        let takes = resizes ? Self.resizeTime : relocates ? Self.relocateTime : Self.modifyTime
        context.scheduler.schedule(after: takes) { [weak self] in
            guard let self, self.cluster(cluster.identifier) === cluster, cluster.status == .resizing || cluster.status == .modifying else { return }
            if resizes {
                cluster.nodeType = nodeType
                cluster.numberOfNodes = nodes
                cluster.nodeAddresses = addresses
                cluster.wlm.nodeType = nodeType
                cluster.database.redistribute(over: SliceTopology(computeNodes: nodes, slicesPerNode: nodeType.slicesPerNode))
            }
            if relocates, let zone { cluster.availabilityZone = zone }
            cluster.pendingModifiedValues = []
            self.setStatus(cluster, .available)
        }
        return cluster
    }
}

extension WarehouseDatabase {
    /// A resize keeps every row: the tables are placed again on the new slices by their own
    /// distribution style, as Redshift redistributes them.
    func redistribute(over newTopology: SliceTopology) {
        topology = newTopology
        for name in tables.keys.sorted() { place(name) }
    }
}
