/// `AWS::Redshift::Cluster` through `CreateCluster`, `DescribeClusters`, `ModifyCluster` and `DeleteCluster`.
///
/// Ready when the cluster is `available`, after the warehouse's own creation time; gone once
/// `DescribeClusters` no longer finds it. `Ref` is the cluster identifier (generated in lower
/// case when `ClusterIdentifier` is absent); `Fn::GetAtt` gives `Endpoint.Address` and
/// `Endpoint.Port`, as AWS documents them.
struct RedshiftClusterProvisioner: ResourceProvisioner {
    let resourceType = "AWS::Redshift::Cluster"
    let attributes: [String] = ["Endpoint.Address", "Endpoint.Port"]
    let stateEvents: Set<String> = ["redshift/ClusterStatusChanged", "redshift/ClusterDeleted"]

    /// AWS::Redshift::Cluster's "Update requires: Replacement" properties.
    static let replacing: Set<String> = ["ClusterIdentifier", "DBName", "MasterUsername", "ClusterSubnetGroupName", "KmsKeyId",
                                         "OwnerAccount", "SnapshotIdentifier", "SnapshotClusterIdentifier"]

    /// The CreateCluster parameters a template property passes to unchanged.
    static let passed = ["NodeType", "MasterUsername", "MasterUserPassword", "ClusterType", "NumberOfNodes", "DBName",
                         "AvailabilityZone", "Port", "PubliclyAccessible", "Encrypted", "ClusterParameterGroupName",
                         "AutomatedSnapshotRetentionPeriod", "ManualSnapshotRetentionPeriod", "PreferredMaintenanceWindow", "AllowVersionUpgrade"]

    /// Properties changed in place with `ModifyCluster`: NodeType, NumberOfNodes and ClusterType
    /// ("Some interruptions": the cluster resizes), AvailabilityZone ("Some interruptions": it
    /// relocates), ClusterParameterGroupName ("Some interruptions": the new group waits for the
    /// reboot `progress` gives the cluster), MasterUserPassword, Port, PubliclyAccessible,
    /// Encrypted, the snapshot retention periods, PreferredMaintenanceWindow and
    /// AllowVersionUpgrade ("No interruption"). Tags ("No interruption") go through CreateTags and
    /// DeleteTags.
    static let resizing = ["ClusterType", "NodeType", "NumberOfNodes"]
    static let settings = ["MasterUserPassword", "Port", "PubliclyAccessible", "Encrypted", "AvailabilityZone", "ClusterParameterGroupName",
                           "AutomatedSnapshotRetentionPeriod", "ManualSnapshotRetentionPeriod", "PreferredMaintenanceWindow", "AllowVersionUpgrade"]
    /// What a setting goes back to when a new template leaves it out: CreateCluster's default.
    static let defaults: [String: JSONValue] = ["PubliclyAccessible": false, "Encrypted": false, "AutomatedSnapshotRetentionPeriod": 1,
                                                "ManualSnapshotRetentionPeriod": -1, "AllowVersionUpgrade": true,
                                                "ClusterParameterGroupName": .string(Cluster.defaultParameterGroup)]
    static let updatable = Set(resizing + settings + ["Tags"])

    func replacement(for property: String) -> UpdateRequirement {
        Self.replacing.contains(property) ? .always : .never
    }

    func create(_ properties: JSONValue, _ context: ProvisioningContext) throws(AWSError) -> String {
        let identifier = properties["ClusterIdentifier"].flatMap(TemplateScalar.text)?.lowercased()
            ?? context.generatedName(limit: 63).lowercased()
        var request: [(String, JSONValue)] = [("ClusterIdentifier", .string(identifier))]
        for key in Self.passed {
            guard let value = properties[key] else { continue }
            request.append((key, Self.coerced(key, value)))
        }
        let tags = Self.userTags(properties)
        if !tags.isEmpty { request.append(("Tags", .array(tags))) }
        _ = try context.run("redshift", "CreateCluster", .object(request))
        return identifier
    }

    /// Templates carry numbers and booleans as text as often as not (`Port: "5439"`).
    static func coerced(_ key: String, _ value: JSONValue) -> JSONValue {
        switch key {
        case "NumberOfNodes", "Port", "AutomatedSnapshotRetentionPeriod", "ManualSnapshotRetentionPeriod": return TemplateScalar.text(value).flatMap { Int64($0) }.map(JSONValue.int) ?? value
        case "PubliclyAccessible", "Encrypted", "AllowVersionUpgrade": return TemplateScalar.text(value).map { .bool($0 == "true") } ?? value
        default: return value
        }
    }

    func update(_ physicalID: String, from old: JSONValue, to new: JSONValue, _ context: ProvisioningContext) throws(AWSError) {
        let changed = PropertyDiff.changedProperties(old, new)
        if let property = changed.first(where: { !Self.updatable.contains($0) }) {
            throw AWSError("NotUpdatable", "Update of \(property) on AWS::Redshift::Cluster cannot be simulated: the estate's clusters have no \(property) to change; take it out of the update")
        }
        if changed.contains("Tags") { try retag(physicalID, from: old, to: new, context) }
        var request: [(String, JSONValue)] = [("ClusterIdentifier", .string(physicalID))]
        // A resize names the whole new shape, as ModifyCluster asks: node type and count together.
        if changed.contains(where: Self.resizing.contains) {
            // Left out, they take CreateCluster's defaults: single-node, or two nodes for multi-node.
            let type = new["ClusterType"].flatMap(TemplateScalar.text)
            let nodes = new["NumberOfNodes"].map { Self.coerced("NumberOfNodes", $0) } ?? .int(type == "multi-node" ? 2 : 1)
            if let nodeType = new["NodeType"] { request.append(("NodeType", nodeType)) }
            request.append(("NumberOfNodes", nodes))
            if let type { request.append(("ClusterType", .string(type))) }
        }
        for key in Self.settings where changed.contains(key) {
            if let value = new[key] ?? Self.defaults[key] { request.append((key, Self.coerced(key, value))) }
        }
        guard request.count > 1 else { return }
        _ = try context.run("redshift", "ModifyCluster", .object(request))
    }

    /// The template's tags as the API takes them.
    static func userTags(_ properties: JSONValue) -> [JSONValue] {
        (properties["Tags"]?.arrayValue ?? []).map { tag in
            ["Key": .string(tag["Key"].flatMap(TemplateScalar.text) ?? ""), "Value": .string(tag["Value"].flatMap(TemplateScalar.text) ?? "")]
        }
    }

    /// Tags the new template drops are deleted; the rest are set (a key set again takes its new value).
    private func retag(_ id: String, from old: JSONValue, to new: JSONValue, _ context: ProvisioningContext) throws(AWSError) {
        let arn: JSONValue = .string("arn:aws:redshift:\(context.region):\(context.accountID):cluster:\(id)")
        let oldTags = Self.userTags(old), newTags = Self.userTags(new)
        let removed = oldTags.compactMap(\.["Key"]).filter { key in !newTags.contains { $0["Key"] == key } }
        if !removed.isEmpty { _ = try context.run("redshift", "DeleteTags", ["ResourceName": arn, "TagKeys": .array(removed)]) }
        if !newTags.isEmpty { _ = try context.run("redshift", "CreateTags", ["ResourceName": arn, "Tags": .array(newTags)]) }
    }

    /// The node type and count a template asks for, with CreateCluster's defaults for the count.
    static func shape(_ properties: JSONValue) -> (nodeType: String, nodes: Int)? {
        guard let nodeType = properties["NodeType"].flatMap(TemplateScalar.text) else { return nil }
        let type = properties["ClusterType"].flatMap(TemplateScalar.text)
        let nodes = properties["NumberOfNodes"].flatMap(TemplateScalar.text).flatMap { Int($0) } ?? (type == "multi-node" ? 2 : 1)
        return (nodeType, nodes)
    }

    func delete(_ physicalID: String, _ context: ProvisioningContext) throws(AWSError) {
        guard let cluster = describe(physicalID, context), cluster["ClusterStatus"]?.stringValue != "deleting" else { return }
        _ = try context.run("redshift", "DeleteCluster", ["ClusterIdentifier": .string(physicalID), "SkipFinalClusterSnapshot": true])
    }

    func progress(_ physicalID: String, desired: JSONValue?, _ context: ProvisioningContext) -> ProvisionedState {
        guard let cluster = describe(physicalID, context), let status = cluster["ClusterStatus"]?.stringValue else { return .gone }
        guard let desired else { return .inProgress }
        switch status {
        case "available" where !Self.waitsForReboot(cluster):
            // A resize asked for while the cluster was busy (a rollback during a resize) is made
            // now that it can be: the cluster is ready only in the shape the stack wants.
            guard let wanted = Self.shape(desired), cluster["NodeType"]?.stringValue != wanted.nodeType
                    || cluster["NumberOfNodes"]?.intValue != Int64(wanted.nodes) else { return .ready }
            var request: [(String, JSONValue)] = [("ClusterIdentifier", .string(physicalID)), ("NodeType", .string(wanted.nodeType)),
                                                  ("NumberOfNodes", .int(Int64(wanted.nodes)))]
            if let type = desired["ClusterType"].flatMap(TemplateScalar.text) { request.append(("ClusterType", .string(type))) }
            if case let .failure(error) = context.execute(OperationRequest(service: "redshift", operation: "ModifyCluster", parameters: .object(request))) {
                return .failed(error.message)
            }
            return .inProgress
        case "available" where Self.waitsForReboot(cluster):
            // A new parameter group takes effect at a reboot: CloudFormation's "some interruptions".
            if case let .failure(error) = context.execute(OperationRequest(service: "redshift", operation: "RebootCluster",
                                                                           parameters: ["ClusterIdentifier": .string(physicalID)])) {
                return .failed(error.message)
            }
            return .inProgress
        case "creating", "modifying", "rebooting", "resizing": return .inProgress
        default: return .failed("Cluster \(physicalID) is \(status)")
        }
    }

    func attribute(_ name: String, of physicalID: String, _ context: ProvisioningContext) throws(AWSError) -> JSONValue {
        guard let cluster = describe(physicalID, context) else {
            throw AWSError("ValidationError", "Cluster \(physicalID) does not exist")
        }
        switch name {
        case "Endpoint.Address": return cluster["Endpoint"]?["Address"] ?? ""
        // CloudFormation returns the port as a string.
        case "Endpoint.Port": return cluster["Endpoint"]?["Port"].flatMap(TemplateScalar.text).map(JSONValue.string) ?? ""
        default:
            throw StackError.format("Template error: resource \(context.logicalID) does not support attribute type \(name) in Fn::GetAtt")
        }
    }

    static func waitsForReboot(_ cluster: JSONValue) -> Bool {
        cluster["ClusterParameterGroups"]?.arrayValue?.first?["ParameterApplyStatus"]?.stringValue == "pending-reboot"
    }

    func actualProperties(_ physicalID: String, expected: JSONValue, _ context: ProvisioningContext) -> JSONValue? {
        guard let cluster = describe(physicalID, context), cluster["ClusterStatus"]?.stringValue != "deleting" else { return nil }
        return .object((expected.objectValue ?? []).map { key, value in
            switch key {
            case "NodeType", "NumberOfNodes", "DBName", "MasterUsername", "AvailabilityZone", "PubliclyAccessible", "Encrypted",
                 "AutomatedSnapshotRetentionPeriod", "ManualSnapshotRetentionPeriod", "PreferredMaintenanceWindow", "AllowVersionUpgrade":
                return (key, cluster[key] ?? .null)
            case "ClusterIdentifier": return (key, .string(physicalID))
            case "ClusterParameterGroupName": return (key, cluster["ClusterParameterGroups"]?.arrayValue?.first?["ParameterGroupName"] ?? .null)
            case "Tags": return (key, cluster["Tags"] ?? [])
            default: return (key, value)
            }
        })
    }

    func expectedProperties(_ applied: JSONValue) -> JSONValue { applied }

    private func describe(_ id: String, _ context: ProvisioningContext) -> JSONValue? {
        guard case let .success(reply) = context.execute(OperationRequest(service: "redshift", operation: "DescribeClusters",
                                                                           parameters: ["ClusterIdentifier": .string(id)])) else { return nil }
        return reply["Clusters"]?.arrayValue?.first
    }
}
