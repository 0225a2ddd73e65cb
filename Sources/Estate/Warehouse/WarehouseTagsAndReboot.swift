/// `redshift create-tags`, `delete-tags` and `reboot-cluster`.
///
/// Tags name the cluster by its ARN (`arn:aws:redshift:<region>:<account>:cluster:<id>`), as AWS's
/// tagging operations do; a key set again takes the new value. A reboot leaves the cluster
/// `rebooting` for `rebootTime` and applies a parameter group that waits for it.
extension WarehouseService {
    public static let rebootTime = SimDuration.seconds(45)

    static let tagSpecs: [OperationSpec] = [
        op("CreateTags", [
            ParameterSpec("ResourceName", .string, required: true, help: "arn:aws:redshift:us-east-1:123456789012:cluster:ID"),
            ParameterSpec("Tags", .list(.structure([("Key", .string), ("Value", .string)])), required: true, help: "Key=team,Value=data"),
        ], "Tag a cluster"),
        op("DeleteTags", [
            ParameterSpec("ResourceName", .string, required: true, help: "arn:aws:redshift:us-east-1:123456789012:cluster:ID"),
            ParameterSpec("TagKeys", .list(.string), required: true, help: "team owner"),
        ], "Remove tags from a cluster"),
        op("RebootCluster", [clusterIdentifier], "Reboot an available cluster, applying a pending parameter group"),
    ]

    func clusterARN(_ cluster: Cluster) -> String {
        "arn:aws:redshift:\(context.region):\(context.accountID):cluster:\(cluster.identifier)"
    }

    private func taggedCluster(_ p: Parameters) throws(AWSError) -> Cluster {
        let name = try p.requiredString("ResourceName")
        let prefix = "arn:aws:redshift:\(context.region):\(context.accountID):cluster:"
        guard name.hasPrefix(prefix) else {
            throw AWSError("ResourceNotFoundFault", "Tagging is not supported for this resource: ResourceName \(name) is not a cluster ARN of the form \(prefix)<cluster-identifier>.")
        }
        return try requireCluster(String(name.dropFirst(prefix.count)))
    }

    func createTags(_ p: Parameters) throws(AWSError) -> JSONValue {
        let cluster = try taggedCluster(p)
        var tags = cluster.tags
        for tag in try p.objects("Tags") ?? [] {
            let key = try tag.requiredString("Key"), value = try tag.string("Value") ?? ""
            if let problem = TagRules.problem(key: key, value: value, allowingStackKeys: true) {
                throw AWSError("InvalidTagFault", problem)
            }
            if let at = tags.firstIndex(where: { $0.key == key }) { tags[at].value = value } else { tags.append((key, value)) }
        }
        guard tags.count <= TagRules.maximumPerResource else {
            throw AWSError("TagLimitExceededFault", "A cluster can have at most \(TagRules.maximumPerResource) tags.")
        }
        cluster.tags = tags
        publish(cluster.identifier, .tagsChanged)
        return [:]
    }

    func deleteTags(_ p: Parameters) throws(AWSError) -> JSONValue {
        let cluster = try taggedCluster(p)
        let keys = try p.strings("TagKeys") ?? []
        cluster.tags.removeAll { keys.contains($0.key) }
        publish(cluster.identifier, .tagsChanged)
        return [:]
    }

    func rebootCluster(_ p: Parameters) throws(AWSError) -> Cluster {
        let cluster = try requireCluster(try p.requiredString("ClusterIdentifier"))
        guard cluster.status == .available else {
            throw AWSError("InvalidClusterState", "The cluster \(cluster.identifier) is \(cluster.status.rawValue); only an available cluster can be rebooted.")
        }
        // Queries in flight end with the connection, as a reboot drops every session.
        for q in cluster.wlm.active { cluster.wlm.cancel(query: q.query) }
        setStatus(cluster, .rebooting)
        context.scheduler.schedule(after: Self.rebootTime) { [weak self] in
            guard let self, self.cluster(cluster.identifier) === cluster, cluster.status == .rebooting else { return }
            cluster.parameterApplyStatus = "in-sync"
            self.setStatus(cluster, .available)
        }
        return cluster
    }

    /// AWS's rule for parameter group names: 1–255 letters, digits and hyphens (dots in the
    /// default groups' names), starting with a letter, no two hyphens together, none at the end.
    static func validateParameterGroupName(_ name: String) throws(AWSError) {
        let valid = (1...255).contains(name.count) && name.first?.isLetter == true && !name.hasSuffix("-") && !name.contains("--")
            && name.allSatisfy { ($0.isLetter || $0.isNumber) && $0.isASCII || $0 == "-" || $0 == "." }
        guard valid else {
            throw AWSError("ClusterParameterGroupNotFound", "Parameter group \(name) not found: a name is 1–255 letters, digits and hyphens starting with a letter.")
        }
    }
}
