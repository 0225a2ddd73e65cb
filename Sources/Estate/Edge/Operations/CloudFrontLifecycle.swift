/// `cloudfront create-distribution` and `delete-distribution`, in botocore's shapes: lists as
/// `{Quantity, Items}`, functions by version ARN in `LambdaFunctionAssociations`.
///
/// Origins are simulated: an `S3OriginConfig` origin is a static site, any other a JSON API.
/// The distribution is named by its `CallerReference`, which AWS requires to be unique anyway.
extension EdgeService {
    static let lambdaAssociations = ParameterShape.structure([
        ("Quantity", .integer),
        ("Items", .list(.structure([("LambdaFunctionARN", .string), ("EventType", .string), ("IncludeBody", .boolean)]))),
    ])

    static func names() -> ParameterShape { .structure([("Quantity", .integer), ("Items", .list(.string))]) }

    /// The legacy cache settings: the query strings, cookies and headers in the cache key.
    static let forwardedValues = ParameterShape.structure([
        ("QueryString", .boolean), ("QueryStringCacheKeys", names()), ("Headers", names()),
        ("Cookies", .structure([("Forward", .string), ("WhitelistedNames", names())])),
    ])

    static func behaviorShape() -> ParameterShape {
        .structure([("PathPattern", .string), ("TargetOriginId", .string), ("ViewerProtocolPolicy", .string), ("MinTTL", .integer),
                    ("DefaultTTL", .integer), ("MaxTTL", .integer), ("ForwardedValues", forwardedValues),
                    ("LambdaFunctionAssociations", lambdaAssociations), ("CachePolicyId", .string),
                    ("AllowedMethods", .structure([("Quantity", .integer), ("Items", .list(.string)), ("CachedMethods", names())])),
                    ("FunctionAssociations", .structure([("Quantity", .integer),
                                                         ("Items", .list(.structure([("FunctionARN", .string), ("EventType", .string)])))]))]
                   + CloudFrontFixedMember.shapes(CloudFrontFixedMember.behavior))
    }

    static let distributionConfig = ParameterShape.structure([
        ("CallerReference", .string), ("Comment", .string), ("Enabled", .boolean),
        ("Origins", .structure([("Quantity", .integer), ("Items", .list(.structure([
            ("Id", .string), ("DomainName", .string), ("OriginPath", .string),
            ("S3OriginConfig", .structure([("OriginAccessIdentity", .string)])),
            ("CustomOriginConfig", .structure([("HTTPPort", .integer), ("HTTPSPort", .integer), ("OriginProtocolPolicy", .string)]
                                              + CloudFrontFixedMember.shapes(CloudFrontFixedMember.customOrigin))),
        ] + CloudFrontFixedMember.shapes(CloudFrontFixedMember.origin))))])),
        ("DefaultCacheBehavior", behaviorShape()),
        ("CacheBehaviors", .structure([("Quantity", .integer), ("Items", .list(behaviorShape()))])),
    ] + CloudFrontFixedMember.shapes(CloudFrontFixedMember.distribution))

    /// `config` (as `GetDistribution` answers it) with `Enabled` false and only the members
    /// `UpdateDistribution` takes: what disabling a distribution before its deletion sends.
    static func disabledConfig(_ config: JSONValue) -> JSONValue {
        let kept = (distributionConfig.pruned(config).objectValue ?? []).filter { $0.0 != "Enabled" }
        return .object(kept + [("Enabled", .bool(false))])
    }

    static let lifecycleSpecs: [OperationSpec] = [
        op("CreateDistribution", [ParameterSpec("DistributionConfig", distributionConfig, required: true,
                                                help: "CallerReference, Origins, DefaultCacheBehavior with LambdaFunctionAssociations, …"),
                                  simulatedOrigins, lambdaFallbacks],
           "Create a distribution"),
        op("DeleteDistribution", [ParameterSpec("Id", .string, required: true, help: "the distribution's id"),
                                  ParameterSpec("IfMatch", .string, help: "the ETag GetDistribution returned")], "Delete a distribution"),
    ]

    func createDistributionOperation(_ p: Parameters) throws(AWSError) -> JSONValue {
        guard let config = try p.object("DistributionConfig") else { throw .validation("DistributionConfig is required.") }
        let reference = try config.requiredString("CallerReference")
        let (origins, behaviors) = try distributionParts(config, simulation: p)
        let enabled = try config.bool("Enabled") ?? true
        let distribution = try createDistribution(DistributionSpec(name: reference, origins: origins, behaviors: behaviors))
        distribution.isEnabled = enabled
        // A new distribution serves at once (the estate has one edge location) but reports
        // InProgress until AWS would have propagated it.
        startDeployment(distribution)
        return ["Location": .string("https://cloudfront.amazonaws.com/2020-05-31/distribution/\(distribution.id)"),
                "ETag": .string(etag(distribution)), "Distribution": distributionJSON(distribution)]
    }

    /// A `DistributionConfig`'s origins and behaviours (the default one first, as pattern `*`);
    /// `simulation` holds the request's `SimulatedOrigins` and `LambdaFallbacks`; `existing` lends
    /// the settings the request does not carry (cache keys, an origin's simulated content).
    func distributionParts(_ config: Parameters, simulation: Parameters, existing: Distribution? = nil) throws(AWSError) -> ([EdgeOrigin], [CacheBehavior]) {
        var origins: [EdgeOrigin] = []
        try CloudFrontFixedMember.check(CloudFrontFixedMember.distribution, in: config, at: "")
        let simulated = try simulatedOriginKinds(simulation)
        for item in try config.object("Origins")?.objects("Items") ?? [] {
            let id = try item.requiredString("Id"), domain = try item.requiredString("DomainName")
            try CloudFrontFixedMember.check(CloudFrontFixedMember.origin, in: item, at: "origin \(id): ")
            if let custom = try item.object("CustomOriginConfig") {
                try CloudFrontFixedMember.check(CloudFrontFixedMember.customOrigin, in: custom, at: "origin \(id): CustomOriginConfig.")
            }
            if let kind = simulated[id] {
                origins.append(EdgeOrigin(id: id, domainName: domain, kind: kind))
                continue
            }
            if let kept = existing?.origin(id), kept.domainName == domain, kept.isS3 == item.has("S3OriginConfig") {
                origins.append(kept)
                continue
            }
            let kind: EdgeOrigin.Kind = item.has("S3OriginConfig")
                ? .staticSite(.generated(sections: ["docs", "blog"], pagesPerSection: 5))
                : .api(EdgeOrigin.APIBehaviour())
            origins.append(EdgeOrigin(id: id, domainName: domain, kind: kind))
        }
        guard !origins.isEmpty else { throw AWSError("InvalidArgument", "The distribution needs at least one origin.") }
        guard let defaultBehavior = try config.object("DefaultCacheBehavior") else {
            throw AWSError("InvalidArgument", "The distribution needs a DefaultCacheBehavior.")
        }
        var behaviors = [try behavior(defaultBehavior, pattern: "*", existing: existing?.defaultBehavior)]
        for item in try config.object("CacheBehaviors")?.objects("Items") ?? [] {
            let pattern = try item.requiredString("PathPattern")
            behaviors.append(try behavior(item, pattern: pattern, existing: existing?.behaviors.first { $0.pathPattern == pattern }))
        }
        try applyFallbacks(simulation, to: &behaviors)
        return (origins, behaviors)
    }

    private func behavior(_ p: Parameters, pattern: String, existing: CacheBehavior?) throws(AWSError) -> CacheBehavior {
        // The configuration replaces the behaviour whole; only its cache-key settings, when it
        // has no ForwardedValues, stay from before.
        let fresh = CacheBehavior(pathPattern: pattern, targetOriginId: try p.requiredString("TargetOriginId"))
        var b = existing ?? fresh
        b.targetOriginId = fresh.targetOriginId
        try CloudFrontFixedMember.check(CloudFrontFixedMember.behavior, in: p, at: "behaviour \(pattern): ")
        let kept = b.associations.filter(\.isCloudFrontFunction)
        // CloudFront Functions come from estate.yaml; a request may repeat them, not change them.
        if let given = try p.object("FunctionAssociations"),
           !CloudFrontFixedMember.same(given.value, functionAssociationsJSON(kept)) {
            throw AWSError("InvalidArgument", "behaviour \(pattern): FunctionAssociations: CloudFront Functions are attached in estate.yaml; "
                           + "only the ones get-distribution-config answers (\(functionAssociationsJSON(kept).serialized())) are taken.")
        }
        b.associations = []
        try methods(p, into: &b)
        if let policyID = try p.string("CachePolicyId") {
            // A cache policy replaces the legacy settings; AWS refuses the two together.
            if let legacy = ["ForwardedValues", "MinTTL", "DefaultTTL", "MaxTTL"].first(where: { p.has($0) }) {
                throw AWSError("InvalidArgument", "Behaviour \(pattern) has a CachePolicyId, so it cannot also have \(legacy).")
            }
            guard let policy = ManagedCachePolicy.named(id: policyID) else {
                throw AWSError("NoSuchCachePolicy", "The cache policy \(policyID) does not exist (the managed policies are "
                               + ManagedCachePolicy.all.map(\.name).joined(separator: ", ") + ").")
            }
            policy.apply(to: &b)
        } else {
            // A cache key a policy gave does not outlive the policy: without ForwardedValues the
            // behaviour falls back to the default key, not to the policy's.
            if b.cachePolicyId != nil {
                (b.cacheKeyHeaders, b.cacheKeyCookies, b.queryStrings) = (fresh.cacheKeyHeaders, fresh.cacheKeyCookies, fresh.queryStrings)
            }
            b.cachePolicyId = nil
            b.minTTLSeconds = try p.int("MinTTL").map(Int64.init) ?? fresh.minTTLSeconds
            b.defaultTTLSeconds = try p.int("DefaultTTL").map(Int64.init) ?? fresh.defaultTTLSeconds
            b.maxTTLSeconds = try p.int("MaxTTL").map(Int64.init) ?? fresh.maxTTLSeconds
            if let forwarded = try p.object("ForwardedValues") { try cacheKey(forwarded, into: &b) }
        }
        for item in try p.object("LambdaFunctionAssociations")?.objects("Items") ?? [] {
            let eventName = try item.requiredString("EventType")
            guard let event = EdgeEventType(rawValue: eventName) else {
                throw AWSError("InvalidArgument", "EventType \(eventName) is not one of \(EdgeEventType.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            let arn = try item.requiredString("LambdaFunctionARN")
            let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count >= 7, parts[0] == "arn", parts[2] == "lambda" else {
                throw AWSError("InvalidLambdaFunctionAssociation", "The function ARN \(arn) is not a Lambda function ARN.")
            }
            b.associations.append(FunctionAssociation(eventType: event, functionName: String(parts[6]),
                                                      version: parts.count >= 8 ? Int(parts[7]) : nil))
        }
        b.associations += kept.filter { k in !b.associations.contains { $0.eventType == k.eventType } }
        b.associations.sort { $0.eventType < $1.eventType }
        return b
    }

    /// `ViewerProtocolPolicy` and `AllowedMethods` with its `CachedMethods`: CloudFront takes only
    /// its three method sets, and caches GET and HEAD, and OPTIONS when asked.
    private func methods(_ p: Parameters, into b: inout CacheBehavior) throws(AWSError) {
        let policy = try p.string("ViewerProtocolPolicy") ?? CacheBehavior(pathPattern: "", targetOriginId: "").viewerProtocolPolicy
        guard CacheBehavior.viewerProtocolPolicies.contains(policy) else {
            throw AWSError("InvalidArgument", "ViewerProtocolPolicy must be \(CacheBehavior.viewerProtocolPolicies.joined(separator: ", ")), not \(policy).")
        }
        b.viewerProtocolPolicy = policy
        guard let allowed = try p.object("AllowedMethods") else {
            (b.allowedMethods, b.cachedMethods) = (CacheBehavior.allowedMethodSets[0], CacheBehavior.cachedMethodSets[0])
            return
        }
        func matching(_ items: [String], in sets: [[String]]) -> [String]? {
            sets.first { $0.count == items.count && Set($0) == Set(items) }
        }
        let items = try allowed.strings("Items") ?? []
        guard let set = matching(items, in: CacheBehavior.allowedMethodSets) else {
            throw AWSError("InvalidArgument", "AllowedMethods [\(items.joined(separator: ", "))] of behaviour \(b.pathPattern) is not one of "
                           + CacheBehavior.allowedMethodSets.map { "[\($0.joined(separator: ", "))]" }.joined(separator: ", ") + ".")
        }
        let cachedItems = try allowed.object("CachedMethods")?.strings("Items") ?? CacheBehavior.cachedMethodSets[0]
        guard let cached = matching(cachedItems, in: CacheBehavior.cachedMethodSets), Set(cached).isSubset(of: set) else {
            throw AWSError("InvalidArgument", "CachedMethods [\(cachedItems.joined(separator: ", "))] of behaviour \(b.pathPattern) must be "
                           + "[HEAD, GET] or [HEAD, GET, OPTIONS], within AllowedMethods.")
        }
        (b.allowedMethods, b.cachedMethods) = (set, cached)
    }

    /// `ForwardedValues`: query strings (all, or only `QueryStringCacheKeys`), cookies (`none`,
    /// `all` or the `whitelist`ed names) and headers in the cache key.
    private func cacheKey(_ f: Parameters, into b: inout CacheBehavior) throws(AWSError) {
        let keys = try f.object("QueryStringCacheKeys")?.strings("Items") ?? []
        b.queryStrings = try f.bool("QueryString") == true ? (keys.isEmpty ? .all : .only(keys)) : .none
        b.cacheKeyHeaders = (try f.object("Headers")?.strings("Items") ?? []).map { $0.lowercased() }
        let cookies = try f.object("Cookies")
        switch try cookies?.string("Forward") ?? "none" {
        case "none": b.cacheKeyCookies = []
        case "all": b.cacheKeyCookies = ["*"]
        case "whitelist": b.cacheKeyCookies = try cookies?.object("WhitelistedNames")?.strings("Items") ?? []
        case let other: throw AWSError("InvalidArgument", "Cookies Forward must be none, whitelist or all, not \(other).")
        }
    }

    /// AWS deletes only a distribution that is disabled and deployed: `update-distribution` with
    /// `Enabled` false first, then wait for `Deployed`.
    func deleteDistributionOperation(_ p: Parameters) throws(AWSError) -> JSONValue {
        let id = try p.requiredString("Id")
        guard let distribution = distribution(named: id) else { throw noSuchDistribution(id) }
        if let ifMatch = try p.string("IfMatch"), ifMatch != etag(distribution) {
            throw AWSError("PreconditionFailed", "The If-Match version is missing or not valid for the resource.")
        }
        if distribution.isEnabled || distribution.status != "Deployed" {
            throw AWSError("DistributionNotDisabled", "The distribution you are trying to delete has not been disabled.")
        }
        distributions.removeAll { $0 === distribution }
        return [:]
    }
}
