/// `AWS::CloudFront::Distribution` through `cloudfront create-distribution`, `get-distribution`,
/// `update-distribution` and `delete-distribution`, Lambda@Edge associations included.
///
/// `DistributionConfig` is "Update requires: No interruption": an update sends the whole new
/// configuration with the ETag just read, and completes once the distribution is `Deployed`.
///
/// The template writes lists plainly where the API wraps them in `{Quantity, Items}`; this
/// converts one to the other. `Ref` is the distribution id (`E…`); `Fn::GetAtt` gives
/// `DomainName` (`d….cloudfront.net`) and `Id`, as AWS documents them. Cache settings are the
/// legacy ones (TTLs and `ForwardedValues`) or a managed cache policy's `CachePolicyId`.
/// `Metadata.cloudtop` gives the distribution its name (CallerReference), what its origins
/// simulate and its runtime fallbacks (`EdgeSimulationMetadata`).
struct CloudFrontDistributionProvisioner: ResourceProvisioner {
    let resourceType = "AWS::CloudFront::Distribution"
    /// Creating and deleting a distribution finish within the operation here; an update waits
    /// for the distribution to be deployed.
    let attributes: [String] = ["DomainName", "Id"]
    let stateEvents: Set<String> = ["edge/DistributionStatusChanged"]

    func replacement(for property: String) -> UpdateRequirement { .never }

    func create(_ properties: JSONValue, _ context: ProvisioningContext) throws(AWSError) -> String {
        guard let config = properties["DistributionConfig"] else {
            throw StackError.validation("Property DistributionConfig is required for AWS::CloudFront::Distribution \(context.logicalID)")
        }
        let reference = context.simulation.distributionName ?? context.generatedName()
        let request = JSONValue.object([("DistributionConfig", Self.apiConfig(config, reference: reference))] + Self.simulation(context))
        let reply = try context.run("cloudfront", "CreateDistribution", request)
        guard let id = reply["Distribution"]?["Id"]?.stringValue else { throw AWSError("InternalFailure", "CreateDistribution returned no id") }
        return id
    }

    /// The simulation-only parameters of `Metadata.cloudtop`: what each origin simulates, and the
    /// versions to attach where a handler's runtime is missing.
    static func simulation(_ context: ProvisioningContext) -> [(String, JSONValue)] {
        var pairs: [(String, JSONValue)] = []
        if !context.simulation.origins.isEmpty { pairs.append(("SimulatedOrigins", .array(context.simulation.origins.map(\.parameter)))) }
        if !context.simulation.fallbacks.isEmpty { pairs.append(("LambdaFallbacks", .array(context.simulation.fallbacks.map(\.parameter)))) }
        return pairs
    }

    /// The template's `DistributionConfig` in the API's shape.
    static func apiConfig(_ config: JSONValue, reference: String) -> JSONValue {
        func quantity(_ items: [JSONValue]) -> JSONValue { ["Quantity": .int(Int64(items.count)), "Items": .array(items)] }
        func number(_ value: JSONValue) -> JSONValue { TemplateScalar.text(value).flatMap { Int64($0) }.map(JSONValue.int) ?? value }
        func flag(_ value: JSONValue) -> JSONValue { TemplateScalar.text(value).flatMap { Bool($0) }.map(JSONValue.bool) ?? value }
        func names(_ value: JSONValue) -> JSONValue { quantity(value.arrayValue ?? [value]) }
        /// The legacy cache settings: which query strings, cookies and headers form the cache key.
        func forwarded(_ f: JSONValue) -> JSONValue {
            .object((f.objectValue ?? []).compactMap { key, value -> (String, JSONValue)? in
                switch key {
                case "QueryString": return (key, flag(value))
                case "QueryStringCacheKeys", "Headers": return (key, names(value))
                case "Cookies":
                    return (key, .object((value.objectValue ?? []).map { k, v in (k, k == "WhitelistedNames" ? names(v) : v) }))
                default: return nil
                }
            })
        }
        func behavior(_ b: JSONValue) -> JSONValue {
            .object((b.objectValue ?? []).compactMap { key, value -> (String, JSONValue)? in
                switch key {
                case "PathPattern", "TargetOriginId", "ViewerProtocolPolicy", "CachePolicyId": return (key, value)
                case "MinTTL", "DefaultTTL", "MaxTTL": return (key, number(value))
                case "ForwardedValues": return (key, forwarded(value))
                case "AllowedMethods":
                    let cached = b["CachedMethods"].map { [("CachedMethods", names($0))] } ?? []
                    return (key, .object((names(value).objectValue ?? []) + cached))
                case "LambdaFunctionAssociations":
                    return (key, quantity((value.arrayValue ?? []).map { a in
                        .object((a.objectValue ?? []).filter { ["EventType", "LambdaFunctionARN"].contains($0.0) })
                    }))
                default: return nil
                }
            })
        }
        var pairs: [(String, JSONValue)] = [("CallerReference", .string(reference))]
        if let comment = config["Comment"] { pairs.append(("Comment", comment)) }
        if let enabled = config["Enabled"] { pairs.append(("Enabled", flag(enabled))) }
        let origins = (config["Origins"]?.arrayValue ?? []).map { o -> JSONValue in
            var originPairs = (o.objectValue ?? []).filter { ["Id", "DomainName", "OriginPath"].contains($0.0) }
            if o["S3OriginConfig"] != nil { originPairs.append(("S3OriginConfig", ["OriginAccessIdentity": ""])) }
            if let custom = o["CustomOriginConfig"] {
                originPairs.append(("CustomOriginConfig", .object((custom.objectValue ?? []).compactMap { key, value -> (String, JSONValue)? in
                    switch key {
                    case "HTTPPort", "HTTPSPort": return (key, number(value))
                    case "OriginProtocolPolicy": return (key, value)
                    default: return nil
                    }
                })))
            }
            return .object(originPairs)
        }
        pairs.append(("Origins", quantity(origins)))
        if let d = config["DefaultCacheBehavior"] { pairs.append(("DefaultCacheBehavior", behavior(d))) }
        if let behaviors = config["CacheBehaviors"]?.arrayValue { pairs.append(("CacheBehaviors", quantity(behaviors.map(behavior)))) }
        return .object(pairs)
    }

    func update(_ physicalID: String, from old: JSONValue, to new: JSONValue, _ context: ProvisioningContext) throws(AWSError) {
        let changed = PropertyDiff.changedProperties(old, new)
        if let property = changed.first(where: { $0 != "DistributionConfig" }) {
            throw AWSError("NotUpdatable", "Update of \(property) on AWS::CloudFront::Distribution cannot be simulated: the estate's distributions have a DistributionConfig and no \(property); take it out of the update")
        }
        guard changed.contains("DistributionConfig") else { return }
        guard let config = new["DistributionConfig"] else {
            throw StackError.validation("Property DistributionConfig is required for AWS::CloudFront::Distribution \(context.logicalID)")
        }
        let current = try context.run("cloudfront", "GetDistribution", ["Id": .string(physicalID)])
        let reference = current["Distribution"]?["DistributionConfig"]?["CallerReference"]?.stringValue ?? physicalID
        _ = try context.run("cloudfront", "UpdateDistribution", .object([
            ("Id", .string(physicalID)), ("IfMatch", current["ETag"] ?? ""), ("DistributionConfig", Self.apiConfig(config, reference: reference)),
        ] + Self.simulation(context)))
    }

    /// As CloudFormation deletes one: disable it, wait for `Deployed` (`progress`), then delete.
    func delete(_ physicalID: String, _ context: ProvisioningContext) throws(AWSError) {
        guard describe(physicalID, context) != nil else { return }
        try nextDeletionStep(physicalID, context)
    }

    func progress(_ physicalID: String, desired: JSONValue?, _ context: ProvisioningContext) -> ProvisionedState {
        guard let distribution = describe(physicalID, context) else { return .gone }
        let deploying = distribution["Status"]?.stringValue == "InProgress"
        guard desired == nil else { return deploying ? .inProgress : .ready }
        guard !deploying else { return .inProgress }
        do throws(AWSError) {
            try nextDeletionStep(physicalID, context)
        } catch {
            return .failed(error.message)
        }
        return describe(physicalID, context) == nil ? .gone : .inProgress
    }

    /// One step of a deletion once the distribution is `Deployed`: an enabled one is disabled (its
    /// whole configuration sent back with `Enabled` false), a disabled one deleted.
    private func nextDeletionStep(_ physicalID: String, _ context: ProvisioningContext) throws(AWSError) {
        let current = try context.run("cloudfront", "GetDistribution", ["Id": .string(physicalID)])
        guard let distribution = current["Distribution"], distribution["Status"]?.stringValue == "Deployed" else { return }
        let etag = current["ETag"] ?? ""
        let config = distribution["DistributionConfig"] ?? [:]
        if case .bool(false)? = config["Enabled"] {
            _ = try context.run("cloudfront", "DeleteDistribution", ["Id": .string(physicalID), "IfMatch": etag])
            return
        }
        _ = try context.run("cloudfront", "UpdateDistribution", ["Id": .string(physicalID), "IfMatch": etag,
                                                                 "DistributionConfig": EdgeService.disabledConfig(config)])
    }

    func attribute(_ name: String, of physicalID: String, _ context: ProvisioningContext) throws(AWSError) -> JSONValue {
        guard let distribution = describe(physicalID, context) else { throw AWSError("ValidationError", "Distribution \(physicalID) does not exist") }
        switch name {
        case "DomainName": return distribution["DomainName"] ?? ""
        case "Id": return .string(physicalID)
        default:
            throw StackError.format("Template error: resource \(context.logicalID) does not support attribute type \(name) in Fn::GetAtt")
        }
    }

    func actualProperties(_ physicalID: String, expected: JSONValue, _ context: ProvisioningContext) -> JSONValue? {
        describe(physicalID, context).map { _ in expected }
    }

    func expectedProperties(_ applied: JSONValue) -> JSONValue { applied }

    private func describe(_ id: String, _ context: ProvisioningContext) -> JSONValue? {
        guard case let .success(reply) = context.execute(OperationRequest(service: "cloudfront", operation: "GetDistribution",
                                                                           parameters: ["Id": .string(id)])) else { return nil }
        return reply["Distribution"]
    }
}
