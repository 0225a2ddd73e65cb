/// `AWS::OpenSearchService::Domain` through `CreateDomain`, `DescribeDomain`, `UpdateDomainConfig`
/// and `DeleteDomain`.
///
/// `ClusterConfig` and `EBSOptions` are "Update requires: No interruption" (one UpdateDomainConfig,
/// a blue/green deployment complete once the domain stops `Processing`); `DomainName` is
/// "Replacement", and so is `EngineVersion` without the `EnableVersionUpgrade` update policy,
/// which this engine does not read. The other properties (access policies, encryption, VPC,
/// Cognito, logging, tags, …) configure parts of AWS the estate's search domains do not have, so
/// an update that changes one is refused with that reason.
///
/// Ready once the domain stops `Processing` (its endpoint appears then, as in AWS). `Ref` is the
/// domain name, generated in lower case within AWS's 28 characters when `DomainName` is absent;
/// `Fn::GetAtt` gives `Arn`, `DomainArn`, `DomainEndpoint` and `Id`, as AWS documents them.
struct OpenSearchDomainProvisioner: ResourceProvisioner {
    let resourceType = "AWS::OpenSearchService::Domain"
    let attributes: [String] = ["Arn", "DomainArn", "DomainEndpoint", "Id"]
    let stateEvents: Set<String> = ["opensearch/DomainActive", "opensearch/DomainDeleted"]

    func replacement(for property: String) -> UpdateRequirement {
        property == "DomainName" || property == "EngineVersion" ? .always : .never
    }

    func create(_ properties: JSONValue, _ context: ProvisioningContext) throws(AWSError) -> String {
        let name = properties["DomainName"].flatMap(TemplateScalar.text) ?? Self.generatedName(context)
        var request: [(String, JSONValue)] = [("DomainName", .string(name))]
        if let version = properties["EngineVersion"] { request.append(("EngineVersion", version)) }
        if let cluster = properties["ClusterConfig"] { request.append(("ClusterConfig", Self.clusterConfig(cluster))) }
        if let ebs = properties["EBSOptions"] { request.append(("EBSOptions", Self.ebsOptions(ebs))) }
        _ = try context.run("opensearch", "CreateDomain", .object(request))
        return name
    }

    /// The template's ClusterConfig in the API's shape (counts are often written as text).
    static func clusterConfig(_ cluster: JSONValue) -> JSONValue {
        var config: [(String, JSONValue)] = []
        if let type = cluster["InstanceType"] { config.append(("InstanceType", type)) }
        if let count = cluster["InstanceCount"].flatMap(TemplateScalar.text).flatMap({ Int64($0) }) { config.append(("InstanceCount", .int(count))) }
        return .object(config)
    }

    /// The template's EBSOptions in the API's shape: numbers and the flag as numbers and a boolean.
    static func ebsOptions(_ ebs: JSONValue) -> JSONValue {
        .object((ebs.objectValue ?? []).map { key, value in
            switch key {
            case "EBSEnabled": return (key, TemplateScalar.text(value).map { .bool($0 == "true") } ?? value)
            case "VolumeSize", "Iops", "Throughput": return (key, TemplateScalar.text(value).flatMap { Int64($0) }.map(JSONValue.int) ?? value)
            default: return (key, value)
            }
        })
    }

    /// The properties UpdateDomainConfig changes in place.
    static let updatable: Set<String> = ["ClusterConfig", "EBSOptions"]

    /// A lower-case name that starts with a letter and fits AWS's 3 to 28 characters.
    static func generatedName(_ context: ProvisioningContext) -> String {
        let raw = context.generatedName(limit: 28).lowercased()
        let cleaned = String(raw.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "-" })
        return cleaned.first?.isLetter == true ? cleaned : "d" + cleaned.dropFirst()
    }

    func update(_ physicalID: String, from old: JSONValue, to new: JSONValue, _ context: ProvisioningContext) throws(AWSError) {
        let changed = PropertyDiff.changedProperties(old, new)
        if let property = changed.first(where: { !Self.updatable.contains($0) }) {
            throw AWSError("NotUpdatable", "Update of \(property) on AWS::OpenSearchService::Domain cannot be simulated: the estate's search domains have a cluster and EBS volumes, not \(property); take it out of the update")
        }
        var request: [(String, JSONValue)] = [("DomainName", .string(physicalID))]
        if changed.contains("ClusterConfig") {
            // Left out, the cluster goes back to CreateDomain's defaults: one r6g.large.search node.
            var config = Self.clusterConfig(new["ClusterConfig"] ?? [:]).objectValue ?? []
            if !config.contains(where: { $0.0 == "InstanceType" }) { config.append(("InstanceType", "r6g.large.search")) }
            if !config.contains(where: { $0.0 == "InstanceCount" }) { config.append(("InstanceCount", 1)) }
            request.append(("ClusterConfig", .object(config)))
        }
        if changed.contains("EBSOptions") {
            // Left out, the volumes are turned off, as a template without EBSOptions creates the domain.
            request.append(("EBSOptions", new["EBSOptions"].map(Self.ebsOptions) ?? ["EBSEnabled": false]))
        }
        guard request.count > 1 else { return }
        _ = try context.run("opensearch", "UpdateDomainConfig", .object(request))
    }

    func delete(_ physicalID: String, _ context: ProvisioningContext) throws(AWSError) {
        guard describe(physicalID, context) != nil else { return }
        _ = try context.run("opensearch", "DeleteDomain", ["DomainName": .string(physicalID)])
    }

    func progress(_ physicalID: String, desired: JSONValue?, _ context: ProvisioningContext) -> ProvisionedState {
        guard let domain = describe(physicalID, context) else { return .gone }
        guard desired != nil else { return .inProgress }
        return domain["Processing"] == .bool(true) ? .inProgress : .ready
    }

    func attribute(_ name: String, of physicalID: String, _ context: ProvisioningContext) throws(AWSError) -> JSONValue {
        guard let domain = describe(physicalID, context) else {
            throw AWSError("ValidationError", "Domain \(physicalID) does not exist")
        }
        switch name {
        case "Arn", "DomainArn": return domain["ARN"] ?? ""
        case "DomainEndpoint": return domain["Endpoint"] ?? ""
        case "Id": return domain["DomainId"] ?? ""
        default:
            throw StackError.format("Template error: resource \(context.logicalID) does not support attribute type \(name) in Fn::GetAtt")
        }
    }

    func actualProperties(_ physicalID: String, expected: JSONValue, _ context: ProvisioningContext) -> JSONValue? {
        guard let domain = describe(physicalID, context) else { return nil }
        return .object((expected.objectValue ?? []).map { key, value in
            switch key {
            case "DomainName": return (key, .string(physicalID))
            case "EngineVersion": return (key, domain["EngineVersion"] ?? .null)
            case "ClusterConfig":
                let actual = domain["ClusterConfig"]
                return (key, .object((value.objectValue ?? []).map { k, v in
                    k == "InstanceType" || k == "InstanceCount" ? (k, actual?[k] ?? .null) : (k, v)
                }))
            case "EBSOptions":
                let actual = domain["EBSOptions"]
                return (key, .object((value.objectValue ?? []).map { k, v in (k, actual?[k] ?? .null) }))
            default: return (key, value)
            }
        })
    }

    func expectedProperties(_ applied: JSONValue) -> JSONValue { applied }

    private func describe(_ name: String, _ context: ProvisioningContext) -> JSONValue? {
        guard case let .success(reply) = context.execute(OperationRequest(service: "opensearch", operation: "DescribeDomain",
                                                                           parameters: ["DomainName": .string(name)])) else { return nil }
        return reply["DomainStatus"]
    }
}
