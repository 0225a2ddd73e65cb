/// `opensearch update-domain-config`: a new instance type or count for a domain's cluster, or new
/// EBS volumes for its data nodes.
///
/// As AWS does it (a blue/green deployment): the domain reports the new configuration at once and
/// `Processing: true` while it moves to new nodes, keeps serving its endpoint and indices meanwhile,
/// and is done after `SearchService.domainUpdate`. Values are checked before anything changes; a
/// domain still being created or already applying a change is refused.
extension SearchService {
    /// A blue/green deployment's order of magnitude (AWS quotes minutes to tens of minutes).
    public static let domainUpdate = SimDuration.minutes(3)

    static let updateSpec = OperationSpec(service: "opensearch", name: "UpdateDomainConfig", parameters: [
        ParameterSpec("DomainName", .string, required: true),
        ParameterSpec("ClusterConfig", .structure([("InstanceType", .string), ("InstanceCount", .integer),
                                                   ("DedicatedMasterEnabled", .boolean), ("ZoneAwarenessEnabled", .boolean)]),
                      help: "InstanceType=r6g.xlarge.search,InstanceCount=3"),
        ParameterSpec("EBSOptions", SearchEBSOptions.shape, help: "EBSEnabled=true,VolumeType=gp3,VolumeSize=20"),
    ], summary: "Change a search domain's cluster or volumes")

    func updateDomainConfig(_ p: Parameters) throws(AWSError) -> JSONValue {
        var domain = try requireDomain(try p.requiredString("DomainName"))
        guard !domain.processing && !domain.updating else {
            throw .validation("Domain \(domain.name) is already processing a change; wait until Processing is false.")
        }
        let cluster = try p.object("ClusterConfig")
        let type = try cluster?.string("InstanceType") ?? domain.instanceType
        guard type.hasSuffix(".search"), type.split(separator: ".").count == 3 else {
            throw .validation("1 validation error detected: Value '\(type)' at 'clusterConfig.instanceType' failed to satisfy constraint: Member must be an OpenSearch Service instance type such as r6g.large.search")
        }
        let count = try cluster?.int("InstanceCount") ?? domain.instanceCount
        guard count >= 1 else {
            throw .validation("1 validation error detected: Value '\(count)' at 'clusterConfig.instanceCount' failed to satisfy constraint: Member must have value greater than or equal to 1")
        }
        var ebs = domain.ebsOptions
        if let options = try p.object("EBSOptions") { ebs = try SearchEBSOptions.parse(options, over: domain.ebsOptions) }
        // Everything is checked: the domain takes the new configuration and processes it.
        let changed = type != domain.instanceType || count != domain.instanceCount || ebs != domain.ebsOptions
        domain.instanceType = type
        domain.instanceCount = count
        domain.ebsOptions = ebs
        if changed {
            domain.updating = true
            domain.updateVersion += 1
            let version = domain.updateVersion, name = domain.name, created = domain.createdAt
            context.bus.publish(SearchEvent(resource: name, kind: .domainUpdating))
            scheduler.schedule(after: Self.domainUpdate) { [weak self] in
                guard let self, var d = self.domainsByName[name], d.createdAt == created, d.updateVersion == version else { return }
                d.updating = false
                self.domainsByName[name] = d
                self.context.bus.publish(SearchEvent(resource: name, kind: .domainActive))
            }
        }
        domainsByName[domain.name] = domain
        let state: JSONValue = .object([
            ("CreationDate", .string(SimCalendar.iso8601(domain.createdAt))), ("UpdateDate", .string(SimCalendar.iso8601(scheduler.now))),
            ("UpdateVersion", .int(Int64(domain.updateVersion))), ("State", .string(domain.updating ? "Processing" : "Active")),
            ("PendingDeletion", false),
        ])
        let described = status(domain)
        var config: [(String, JSONValue)] = [("ClusterConfig", ["Options": described["ClusterConfig"] ?? [:], "Status": state])]
        if let ebs = described["EBSOptions"] { config.append(("EBSOptions", ["Options": ebs, "Status": state])) }
        return ["DomainConfig": .object(config)]
    }
}
