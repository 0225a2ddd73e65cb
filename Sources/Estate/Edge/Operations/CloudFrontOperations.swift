/// The `cloudfront` operations, in the AWS CLI's shapes (botocore's cloudfront 2020-05-31 model).
extension EdgeService {
    static func op(_ name: String, _ parameters: [ParameterSpec], _ summary: String) -> OperationSpec {
        OperationSpec(service: "cloudfront", name: name, parameters: parameters, summary: summary)
    }

    public static let operationSpecs: [OperationSpec] = [
        op("ListDistributions", [
            ParameterSpec("Marker", .string, help: "list distributions after this id"),
            ParameterSpec("MaxItems", .string, help: "distributions per page"),
        ], "List distributions"),
        op("GetDistribution", [ParameterSpec("Id", .string, required: true, help: "the distribution's id (or name)")], "Describe a distribution"),
        op("CreateInvalidation", [
            ParameterSpec("DistributionId", .string, required: true, help: "the distribution's id"),
            ParameterSpec("InvalidationBatch", .structure([("Paths", .structure([("Quantity", .integer), ("Items", .list(.string))])), ("CallerReference", .string)]),
                          help: "Paths={Quantity=1,Items=[/docs/*]},CallerReference=…"),
            ParameterSpec("Paths", .list(.string), help: "the AWS CLI's shortcut: --paths /docs/* /index.html"),
        ], "Drop cached objects"),
        op("GetInvalidation", [
            ParameterSpec("DistributionId", .string, required: true, help: "the distribution's id"),
            ParameterSpec("Id", .string, required: true, help: "the invalidation's id"),
        ], "Describe an invalidation: InProgress, then Completed"),
        op("ListInvalidations", [
            ParameterSpec("DistributionId", .string, required: true, help: "the distribution's id"),
            ParameterSpec("Marker", .string, help: "list invalidations after this id"),
            ParameterSpec("MaxItems", .string, help: "invalidations per page"),
        ], "List a distribution's invalidations, newest first"),
    ]

    /// How long an invalidation reports InProgress. The estate's one edge location drops the
    /// objects at once; the status says, as AWS's does, that the other locations are catching up.
    static let invalidationTime = SimDuration.seconds(60)

    func invalidationStatus(_ invalidation: Invalidation) -> String {
        scheduler.now - invalidation.createdAt >= Self.invalidationTime ? "Completed" : "InProgress"
    }

    public var operations: [OperationSpec] { Self.operationSpecs + Self.lifecycleSpecs + [Self.updateSpec] }

    public func perform(_ operation: String, _ p: Parameters) throws(AWSError) -> JSONValue {
        switch operation {
        case "ListDistributions":
            return ["DistributionList": try Self.markerPage(distributions, id: \.id, p, item: summaryJSON)]
        case "GetDistribution":
            let id = try p.requiredString("Id")
            guard let distribution = distribution(named: id) else { throw noSuchDistribution(id) }
            return ["ETag": .string(etag(distribution)), "Distribution": distributionJSON(distribution)]
        case "CreateDistribution": return try createDistributionOperation(p)
        case "DeleteDistribution": return try deleteDistributionOperation(p)
        case "UpdateDistribution": return try updateDistributionOperation(p)
        case "CreateInvalidation":
            let id = try p.requiredString("DistributionId")
            var paths = try p.strings("Paths") ?? []
            var reference = "cloudtop-\(scheduler.now.milliseconds)"
            if let batch = try p.object("InvalidationBatch") {
                paths += try batch.object("Paths")?.strings("Items") ?? []
                reference = try batch.string("CallerReference") ?? reference
            }
            let invalidation = try createInvalidation(distribution: id, paths: paths, callerReference: reference)
            let distributionID = distribution(named: id)?.id ?? id
            return ["Location": .string("https://cloudfront.amazonaws.com/2020-05-31/distribution/\(distributionID)/invalidation/\(invalidation.id)"),
                    "Invalidation": invalidationJSON(invalidation)]
        case "GetInvalidation":
            let id = try p.requiredString("DistributionId")
            guard let distribution = distribution(named: id) else { throw noSuchDistribution(id) }
            let invalidationID = try p.requiredString("Id")
            guard let invalidation = distribution.invalidations.first(where: { $0.id == invalidationID }) else {
                throw AWSError("NoSuchInvalidation", "The specified invalidation does not exist.")
            }
            return ["Invalidation": invalidationJSON(invalidation)]
        case "ListInvalidations":
            let id = try p.requiredString("DistributionId")
            guard let distribution = distribution(named: id) else { throw noSuchDistribution(id) }
            let list = try Self.markerPage(Array(distribution.invalidations.reversed()), id: \.id, p) { invalidation in
                ["Id": .string(invalidation.id), "CreateTime": .string(SimCalendar.iso8601(invalidation.createdAt)),
                 "Status": .string(self.invalidationStatus(invalidation))]
            }
            return ["InvalidationList": list]
        default:
            throw AWSError("InvalidAction", "The action \(operation) is not valid for this web service.")
        }
    }

    /// CloudFront's list pages: the items after `Marker` (an item's id), at most `MaxItems` of
    /// them, with `NextMarker` when more follow.
    static func markerPage<Item>(_ items: [Item], id: (Item) -> String, _ p: Parameters,
                                 item json: (Item) -> JSONValue) throws(AWSError) -> JSONValue {
        let marker = try p.string("Marker") ?? ""
        let maxItems = Int(try p.string("MaxItems") ?? "100") ?? 100
        let after = items.drop { !marker.isEmpty && id($0) != marker }.dropFirst(marker.isEmpty ? 0 : 1)
        let page = Array(after.prefix(maxItems))
        var list: [(String, JSONValue)] = [("Marker", .string(marker))]
        let truncated = after.count > page.count
        if truncated, let last = page.last { list.append(("NextMarker", .string(id(last)))) }
        list += [("MaxItems", .int(Int64(maxItems))), ("IsTruncated", .bool(truncated)), ("Quantity", .int(Int64(page.count))),
                 ("Items", .array(page.map(json)))]
        return .object(list)
    }

    // MARK: - Shapes

    func etag(_ distribution: Distribution) -> String {
        let version = distribution.revision == 0 ? "" : "#\(distribution.revision)"
        return "E" + HexDigest.fnv("\(distribution.id)@\(distribution.lastModified.milliseconds)\(version)").uppercased().prefix(13)
    }

    func invalidationJSON(_ invalidation: Invalidation) -> JSONValue {
        ["Id": .string(invalidation.id), "Status": .string(invalidationStatus(invalidation)), "CreateTime": .string(SimCalendar.iso8601(invalidation.createdAt)),
         "InvalidationBatch": ["Paths": ["Quantity": .int(Int64(invalidation.paths.count)), "Items": .array(invalidation.paths.map(JSONValue.string))],
                               "CallerReference": .string(invalidation.callerReference)]]
    }

    func quantity(_ items: [JSONValue]) -> JSONValue {
        items.isEmpty ? ["Quantity": 0] : ["Quantity": .int(Int64(items.count)), "Items": .array(items)]
    }

    func originJSON(_ origin: EdgeOrigin) -> JSONValue {
        var pairs: [(String, JSONValue)] = [("Id", .string(origin.id)), ("DomainName", .string(origin.domainName)), ("OriginPath", "")]
        if origin.isS3 {
            pairs.append(("S3OriginConfig", ["OriginAccessIdentity": ""]))
        } else {
            pairs.append(("CustomOriginConfig", .object([("HTTPPort", 80), ("HTTPSPort", 443), ("OriginProtocolPolicy", "https-only")]
                                                        + CloudFrontFixedMember.answer(CloudFrontFixedMember.customOrigin))))
        }
        return .object(pairs + CloudFrontFixedMember.answer(CloudFrontFixedMember.origin))
    }

    func behaviorJSON(_ behavior: CacheBehavior, isDefault: Bool) -> JSONValue {
        var pairs: [(String, JSONValue)] = []
        if !isDefault { pairs.append(("PathPattern", .string(behavior.pathPattern))) }
        let lambdas = behavior.associations.filter { !$0.isCloudFrontFunction }.map { a -> JSONValue in
            let arn = functionsByName[a.functionName]?.arn(accountID: context.accountID, region: context.region, qualifier: a.version.map(String.init)) ?? a.functionName
            return ["LambdaFunctionARN": .string(arn), "EventType": .string(a.eventType.rawValue), "IncludeBody": false]
        }
        let queryString: Bool
        var queryKeys: [JSONValue] = []
        switch behavior.queryStrings {
        case .none: queryString = false
        case .all: queryString = true
        case let .only(names): queryString = true; queryKeys = names.map(JSONValue.string)
        }
        let cookies: JSONValue = behavior.cacheKeyCookies.isEmpty ? ["Forward": "none"]
            : behavior.cacheKeyCookies == ["*"] ? ["Forward": "all"]
            : ["Forward": "whitelist", "WhitelistedNames": quantity(behavior.cacheKeyCookies.map(JSONValue.string))]
        pairs += [
            ("TargetOriginId", .string(behavior.targetOriginId)),
            ("ViewerProtocolPolicy", .string(behavior.viewerProtocolPolicy)),
            ("AllowedMethods", .object(
                (quantity(behavior.allowedMethods.map(JSONValue.string)).objectValue ?? [])
                    + [("CachedMethods", quantity(behavior.cachedMethods.map(JSONValue.string)))])),
            ("LambdaFunctionAssociations", quantity(lambdas)),
            ("FunctionAssociations", functionAssociationsJSON(behavior.associations)),
        ] + CloudFrontFixedMember.answer(CloudFrontFixedMember.behavior)
        // With a cache policy the legacy TTLs and ForwardedValues are not part of the behaviour.
        if let policyID = behavior.cachePolicyId {
            pairs.append(("CachePolicyId", .string(policyID)))
            return .object(pairs)
        }
        pairs += [
            ("ForwardedValues", ["QueryString": .bool(queryString), "Cookies": cookies,
                                 "Headers": quantity(behavior.cacheKeyHeaders.map(JSONValue.string)), "QueryStringCacheKeys": quantity(queryKeys)]),
            ("MinTTL", .int(behavior.minTTLSeconds)), ("DefaultTTL", .int(behavior.defaultTTLSeconds)), ("MaxTTL", .int(behavior.maxTTLSeconds)),
        ]
        return .object(pairs)
    }

    /// The CloudFront Functions among `associations`, as `FunctionAssociations`.
    func functionAssociationsJSON(_ associations: [FunctionAssociation]) -> JSONValue {
        quantity(associations.filter(\.isCloudFrontFunction).map { a -> JSONValue in
            ["FunctionARN": .string("arn:aws:cloudfront::\(context.accountID):function/\(a.functionName)"), "EventType": .string(a.eventType.rawValue)]
        })
    }

    /// The members `DistributionConfig` and `DistributionSummary` share.
    func commonMembers(_ d: Distribution) -> (origins: JSONValue, defaultBehavior: JSONValue, behaviors: JSONValue) {
        (["Quantity": .int(Int64(d.origins.count)), "Items": .array(d.origins.map(originJSON))],
         behaviorJSON(d.defaultBehavior, isDefault: true),
         quantity(d.behaviors.map { behaviorJSON($0, isDefault: false) }))
    }

    /// A fixed member of the distribution's configuration, as answered.
    private func fixed(_ name: String) -> (String, JSONValue) {
        (name, CloudFrontFixedMember.distribution.first { $0.name == name }!.value)
    }

    func summaryJSON(_ d: Distribution) -> JSONValue {
        let (origins, defaultBehavior, behaviors) = commonMembers(d)
        return .object([
            ("Id", .string(d.id)), ("ARN", .string(d.arn)), ("ETag", .string(etag(d))), ("Status", .string(d.status)),
            ("LastModifiedTime", .string(SimCalendar.iso8601(d.lastModified))), ("DomainName", .string(d.domainName)),
            fixed("Aliases"), ("Origins", origins), fixed("OriginGroups"),
            ("DefaultCacheBehavior", defaultBehavior), ("CacheBehaviors", behaviors), fixed("CustomErrorResponses"),
            ("Comment", .string(d.name)), fixed("PriceClass"), ("Enabled", .bool(d.isEnabled)),
            fixed("ViewerCertificate"), fixed("Restrictions"), fixed("WebACLId"),
            fixed("HttpVersion"), fixed("IsIPV6Enabled"), fixed("Staging"),
        ])
    }

    func distributionJSON(_ d: Distribution) -> JSONValue {
        let (origins, defaultBehavior, behaviors) = commonMembers(d)
        let config: JSONValue = .object([
            ("CallerReference", .string("cloudtop-\(d.name)")), fixed("Aliases"), fixed("DefaultRootObject"),
            ("Origins", origins), fixed("OriginGroups"), ("DefaultCacheBehavior", defaultBehavior), ("CacheBehaviors", behaviors),
            fixed("CustomErrorResponses"), ("Comment", .string(d.name)), fixed("Logging"),
            fixed("PriceClass"), ("Enabled", .bool(d.isEnabled)), fixed("ViewerCertificate"),
            fixed("Restrictions"), fixed("WebACLId"), fixed("HttpVersion"), fixed("IsIPV6Enabled"), fixed("Staging"),
        ])
        return .object([
            ("Id", .string(d.id)), ("ARN", .string(d.arn)), ("Status", .string(d.status)),
            ("LastModifiedTime", .string(SimCalendar.iso8601(d.lastModified))), ("InProgressInvalidationBatches", .int(Int64(d.invalidations.filter { invalidationStatus($0) == "InProgress" }.count))),
            ("DomainName", .string(d.domainName)), ("DistributionConfig", config),
        ])
    }
}
