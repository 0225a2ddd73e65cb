/// `opensearch create-domain | describe-domain | update-domain-config | delete-domain | list-domain-names` in botocore's
/// shapes (2021-01-01).
extension SearchService {
    public var operations: [OperationSpec] { SearchOperationSpecs.all }

    public func perform(_ operation: String, _ p: Parameters) throws(AWSError) -> JSONValue {
        switch operation {
        case "CreateDomain": return ["DomainStatus": status(try createDomain(p))]
        case "DescribeDomain": return ["DomainStatus": status(try requireDomain(try p.requiredString("DomainName")))]
        case "UpdateDomainConfig": return try updateDomainConfig(p)
        case "DeleteDomain":
            let domain = try requireDomain(try p.requiredString("DomainName"))
            domainsByName[domain.name] = nil
            context.bus.publish(SearchEvent(resource: domain.name, kind: .domainDeleted))
            return ["DomainStatus": status(domain, deleted: true)]
        case "ListDomainNames":
            let engine = try p.string("EngineType")
            if let engine, !["OpenSearch", "Elasticsearch"].contains(engine) {
                throw .validation("1 validation error detected: Value '\(engine)' at 'engineType' failed to satisfy constraint: Member must satisfy enum value set: [OpenSearch, Elasticsearch]")
            }
            return ["DomainNames": .array(domains.filter { engine == nil || Self.engineType($0) == engine }.map {
                ["DomainName": .string($0.name), "EngineType": .string(Self.engineType($0))]
            })]
        default: throw AWSError("InvalidAction", "opensearch has no operation \(operation).")
        }
    }

    static func engineType(_ d: SearchDomain) -> String { d.engineVersion.hasPrefix("Elasticsearch") ? "Elasticsearch" : "OpenSearch" }

    func requireDomain(_ name: String) throws(AWSError) -> SearchDomain {
        guard let d = domainsByName[name] else { throw AWSError("ResourceNotFoundException", "Domain not found: \(name)") }
        return d
    }

    private func createDomain(_ p: Parameters) throws(AWSError) -> SearchDomain {
        let name = try p.requiredString("DomainName")
        let valid = (3...28).contains(name.count) && name.first.map { $0.isLowercase && $0.isASCII } == true
            && name.allSatisfy { ($0.isLowercase && $0.isASCII) || $0.isNumber || $0 == "-" }
        guard valid else {
            throw .validation("1 validation error detected: Value '\(name)' at 'domainName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-z][a-z0-9\\-]+ and have length between 3 and 28")
        }
        guard domainsByName[name] == nil else { throw AWSError("ResourceAlreadyExistsException", "Domain \(name) already exists.") }
        let version = try p.string("EngineVersion") ?? Self.defaultEngineVersion
        let versionOK = ["OpenSearch_", "Elasticsearch_"].contains { prefix in
            version.hasPrefix(prefix) && version.dropFirst(prefix.count).split(separator: ".").count == 2
                && version.dropFirst(prefix.count).split(separator: ".").allSatisfy { Int($0) != nil }
        }
        guard versionOK else {
            throw .validation("1 validation error detected: Value '\(version)' at 'engineVersion' failed to satisfy constraint: Member must satisfy regular expression pattern: ^Elasticsearch_[0-9]{1}\\.[0-9]{1,2}$|^OpenSearch_[0-9]{1,2}\\.[0-9]{1,2}$")
        }
        let cluster = try p.object("ClusterConfig")
        let count = try cluster?.int("InstanceCount") ?? 1
        guard count >= 1 else { throw .validation("ClusterConfig.InstanceCount must be at least 1.") }
        var ebs: SearchEBSOptions?
        if let options = try p.object("EBSOptions") { ebs = try SearchEBSOptions.parse(options, over: nil) }
        let suffix = idRandom.hex(26).lowercased()
        let domain = SearchDomain(name: name, domainID: "\(context.accountID)/\(name)", arn: "arn:aws:es:\(context.region):\(context.accountID):domain/\(name)",
                                  createdAt: scheduler.now, engineVersion: version,
                                  instanceType: try cluster?.string("InstanceType") ?? "r6g.large.search", instanceCount: count,
                                  processing: true, endpoint: "search-\(name)-\(suffix).\(context.region).es.amazonaws.com")
        var created = domain
        created.ebsOptions = ebs
        domainsByName[name] = created
        context.bus.publish(SearchEvent(resource: name, kind: .domainCreated))
        scheduler.schedule(after: Self.domainCreation) { [weak self] in
            guard let self, var d = self.domainsByName[name], d.createdAt == domain.createdAt else { return }
            d.processing = false
            self.domainsByName[name] = d
            self.context.bus.publish(SearchEvent(resource: name, kind: .domainActive))
        }
        return created
    }

    /// `DomainStatus`; the endpoint appears once the domain has finished creating, as in AWS.
    func status(_ d: SearchDomain, deleted: Bool = false) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("DomainId", .string(d.domainID)), ("DomainName", .string(d.name)), ("ARN", .string(d.arn)),
            ("Created", true), ("Deleted", .bool(deleted)),
        ]
        if !d.processing { pairs.append(("Endpoint", .string(d.endpoint))) }
        pairs += [
            ("Processing", .bool((d.processing || d.updating) && !deleted)), ("UpgradeProcessing", false),
            ("EngineVersion", .string(d.engineVersion)),
            ("ClusterConfig", ["InstanceType": .string(d.instanceType), "InstanceCount": .int(Int64(d.instanceCount)),
                               "DedicatedMasterEnabled": false, "ZoneAwarenessEnabled": false]),
        ]
        if let ebs = d.ebsOptions { pairs.append(("EBSOptions", ebs.json)) }
        return .object(pairs)
    }

    /// Domains as DescribeDomain shows them, then each index with its document count.
    public func dump() -> JSONValue {
        [
            "Domains": .array(domains.map { status($0) }),
            "Indices": .array(indices.map { index in
                var pairs: [(String, JSONValue)] = [("IndexName", .string(index.name)), ("DocumentCount", .int(Int64(index.documentCount))),
                                                    ("CreatedAt", .string(SimCalendar.iso8601(index.createdAt)))]
                if let retention = index.retention { pairs.append(("Retention", .string(retention.description))) }
                return .object(pairs)
            }),
        ]
    }
}

enum SearchOperationSpecs {
    static let all: [OperationSpec] = [
        OperationSpec(service: "opensearch", name: "CreateDomain", parameters: [
            ParameterSpec("DomainName", .string, required: true),
            ParameterSpec("EngineVersion", .string, help: "OpenSearch_2.11"),
            ParameterSpec("ClusterConfig", .structure([("InstanceType", .string), ("InstanceCount", .integer),
                                                       ("DedicatedMasterEnabled", .boolean), ("ZoneAwarenessEnabled", .boolean)])),
            ParameterSpec("EBSOptions", SearchEBSOptions.shape, help: "EBSEnabled=true,VolumeType=gp3,VolumeSize=20"),
        ], summary: "Create a search domain"),
        OperationSpec(service: "opensearch", name: "DescribeDomain", parameters: [ParameterSpec("DomainName", .string, required: true)],
                      summary: "Describe a search domain"),
        OperationSpec(service: "opensearch", name: "DeleteDomain", parameters: [ParameterSpec("DomainName", .string, required: true)],
                      summary: "Delete a search domain"),
        OperationSpec(service: "opensearch", name: "ListDomainNames", parameters: [ParameterSpec("EngineType", .string)],
                      summary: "List search domains"),
        SearchService.updateSpec,
    ]
}
