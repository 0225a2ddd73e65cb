/// Creating functions, versions and distributions, and attaching functions to behaviours, with
/// the checks and error codes AWS applies.
extension EdgeService {
    /// What a distribution is made of, before it gets an id.
    public struct DistributionSpec: Sendable {
        public var name: String
        public var origins: [EdgeOrigin]
        /// In order; the one with pattern `*` is the default behaviour and must be there.
        public var behaviors: [CacheBehavior]
        public init(name: String, origins: [EdgeOrigin], behaviors: [CacheBehavior]) {
            self.name = name
            self.origins = origins
            self.behaviors = behaviors
        }
    }

    @discardableResult
    public func createFunction(_ file: EdgeFunctionFile) throws(AWSError) -> EdgeFunction {
        guard functionsByName[file.name] == nil else {
            throw AWSError("ResourceConflictException", "Function already exist: \(file.name)")
        }
        if case let .code(runtime, _, _, source) = file.body, runtime == .cloudFrontJS, source.utf8.count > CloudFrontFunctionLimits.maximumCodeBytes {
            throw AWSError("FunctionSizeLimitExceeded", "The function code is \(source.utf8.count) bytes; CloudFront Functions allow \(CloudFrontFunctionLimits.maximumCodeBytes).")
        }
        let function = EdgeFunction(name: file.name, isCloudFrontFunction: file.isCloudFrontFunction, body: file.body,
                                    timeoutSeconds: file.timeoutSeconds, description: file.description, now: scheduler.now, sourceFile: nil)
        function.reservedConcurrency = file.reservedConcurrency
        functionsByName[file.name] = function
        bus.publish(EdgeEvent(resource: file.name, kind: .functionCreated(runtime: file.body.runtime.rawValue)))
        return function
    }

    /// `lambda publish-version`: freezes `$LATEST` as the next number.
    @discardableResult
    public func publishVersion(_ name: String, description: String? = nil) throws(AWSError) -> EdgeFunctionVersion {
        guard let function = functionsByName[name], !function.isCloudFrontFunction else { throw functionNotFound(name) }
        let number = (function.versions.last?.number ?? 0) + 1
        let version = EdgeFunctionVersion(number: number, body: function.latest, timeoutSeconds: function.timeoutSeconds,
                                          description: description ?? function.description, publishedAt: scheduler.now,
                                          codeSha256: CodeDigest.base64SHA256(function.latest.sourceText))
        function.versions.append(version)
        bus.publish(EdgeEvent(resource: name, kind: .versionPublished(number)))
        return version
    }

    func functionNotFound(_ name: String) -> AWSError {
        AWSError("ResourceNotFoundException", "Function not found: arn:aws:lambda:\(context.region):\(context.accountID):function:\(name)")
    }

    /// Checks an association as CloudFront does when a distribution is created or updated.
    func validate(_ association: FunctionAssociation) throws(AWSError) {
        guard let function = functionsByName[association.functionName] else {
            throw AWSError("InvalidLambdaFunctionAssociation", "The function \(association.functionName) does not exist.")
        }
        if function.isCloudFrontFunction {
            guard association.eventType.isViewer else {
                throw AWSError("InvalidFunctionAssociation", "CloudFront Functions run at viewer-request and viewer-response only, not \(association.eventType.rawValue).")
            }
            return
        }
        guard let number = association.version else {
            throw AWSError("InvalidLambdaFunctionAssociation",
                           "The function ARN must reference a specific function version. (The ARN must end with the version number.) \(function.arn(accountID: context.accountID, region: context.region, qualifier: "$LATEST")) does not.")
        }
        guard let version = function.version(number) else {
            throw AWSError("InvalidLambdaFunctionAssociation", "Version \(number) of \(function.name) does not exist.")
        }
        if case .code(.cloudFrontJS, _, _, _) = version.body { throw AWSError("InvalidLambdaFunctionAssociation", "\(function.name) is a CloudFront Function.") }
        guard Int64(version.timeoutSeconds) * 1000 <= association.eventType.timeoutMilliseconds else {
            throw AWSError("InvalidLambdaFunctionAssociation",
                           "The function timeout (\(version.timeoutSeconds) s) is larger than the maximum allowed for \(association.eventType.rawValue) (\(association.eventType.timeoutMilliseconds / 1000) s).")
        }
        let codeBytes = version.body.sourceText.utf8.count
        guard codeBytes <= association.eventType.codeSizeLimitBytes else {
            throw AWSError("InvalidLambdaFunctionAssociation",
                           "The function code size (\(codeBytes) bytes) is larger than the maximum allowed for \(association.eventType.rawValue) (\(association.eventType.codeSizeLimitBytes) bytes).")
        }
    }

    @discardableResult
    public func createDistribution(_ spec: DistributionSpec) throws(AWSError) -> Distribution {
        guard distribution(named: spec.name) == nil else {
            throw AWSError("DistributionAlreadyExists", "A distribution named \(spec.name) already exists.")
        }
        try validate(spec)
        let id = "E" + randomID(Self.upperAlphabet, 13)
        let domain = "d" + randomID(Self.lowerAlphabet, 13) + ".cloudfront.net"
        let pops = ["IAD89-C1", "FRA56-P1", "LHR61-P2", "NRT57-C2", "SFO53-P3", "GRU3-C1"]
        let pop = pops[idRandom.int(in: 0...(pops.count - 1))]
        let distribution = Distribution(id: id, name: spec.name, domainName: domain, accountID: context.accountID, pop: pop,
                                        origins: spec.origins, defaultBehavior: spec.behaviors.first(where: { $0.pathPattern == "*" })!,
                                        behaviors: spec.behaviors.filter { $0.pathPattern != "*" }, now: scheduler.now)
        distributions.append(distribution)
        bus.publish(EdgeEvent(resource: spec.name, kind: .distributionCreated(id: id, domain: domain)))
        return distribution
    }

    /// What a distribution's configuration must satisfy, on creation and on each update.
    func validate(_ spec: DistributionSpec) throws(AWSError) {
        guard spec.behaviors.contains(where: { $0.pathPattern == "*" }) else {
            throw AWSError("InvalidArgument", "The distribution \(spec.name) needs a default cache behavior (path pattern *).")
        }
        for behavior in spec.behaviors {
            guard spec.origins.contains(where: { $0.id == behavior.targetOriginId }) else {
                throw AWSError("NoSuchOrigin", "One or more of your origins or origin groups do not exist: \(behavior.targetOriginId) (behavior \(behavior.pathPattern)).")
            }
            guard behavior.minTTLSeconds <= behavior.defaultTTLSeconds, behavior.defaultTTLSeconds <= behavior.maxTTLSeconds else {
                throw AWSError("InvalidTTLOrder", "The TTLs of behavior \(behavior.pathPattern) must satisfy min ≤ default ≤ max.")
            }
            var seen: Set<EdgeEventType> = []
            for association in behavior.associations {
                guard seen.insert(association.eventType).inserted else {
                    throw AWSError("InvalidLambdaFunctionAssociation", "Behavior \(behavior.pathPattern) has two functions for \(association.eventType.rawValue).")
                }
                try validate(association)
            }
        }
    }

    /// Attaches (or with nil function, detaches) a function at one trigger of one behaviour.
    public func associate(distribution name: String, pathPattern: String, event: EdgeEventType,
                          function: String?, version: Int?) throws(AWSError) -> Distribution {
        guard let distribution = distribution(named: name) else { throw noSuchDistribution(name) }
        var behavior: CacheBehavior
        let index = distribution.behaviors.firstIndex { $0.pathPattern == pathPattern }
        if pathPattern == "*" { behavior = distribution.defaultBehavior }
        else if let index { behavior = distribution.behaviors[index] }
        else { throw AWSError("InvalidArgument", "Distribution \(name) has no cache behavior with path pattern \(pathPattern).") }
        behavior.associations.removeAll { $0.eventType == event }
        if let function {
            let association = FunctionAssociation(eventType: event, functionName: function, version: version)
            try validate(association)
            behavior.associations.append(association)
            behavior.associations.sort { $0.eventType < $1.eventType }
        }
        if pathPattern == "*" { distribution.defaultBehavior = behavior } else if let index { distribution.behaviors[index] = behavior }
        distribution.lastModified = scheduler.now
        return distribution
    }

    func noSuchDistribution(_ id: String) -> AWSError {
        AWSError("NoSuchDistribution", "The specified distribution does not exist: \(id)")
    }

    public func createInvalidation(distribution id: String, paths: [String], callerReference: String) throws(AWSError) -> Invalidation {
        guard let distribution = distribution(named: id) else { throw noSuchDistribution(id) }
        guard !paths.isEmpty else { throw AWSError("InvalidArgument", "Your request contains no paths to invalidate.") }
        for path in paths where !path.hasPrefix("/") {
            throw AWSError("InvalidArgument", "The path \(path) must begin with a slash (/).")
        }
        let removed = distribution.cache.invalidate(paths: paths)
        let invalidation = Invalidation(id: "I" + randomID(Self.upperAlphabet, 13), paths: paths, callerReference: callerReference,
                                        createdAt: scheduler.now, removedEntries: removed)
        distribution.invalidations.append(invalidation)
        if distribution.invalidations.count > 100 { distribution.invalidations.removeFirst() }
        invalidationCount += 1
        bus.publish(EdgeEvent(resource: distribution.name, kind: .invalidationCreated(id: invalidation.id, paths: paths, removed: removed)))
        return invalidation
    }
}

import Crypto

/// Lambda's `CodeSha256`: the base64 SHA-256 of the code.
enum CodeDigest {
    static func base64SHA256(_ text: String) -> String {
        let digest = Array(SHA256.hash(data: Array(text.utf8)))
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        var out = ""
        var i = 0
        while i < digest.count {
            let b0 = Int(digest[i]), b1 = i + 1 < digest.count ? Int(digest[i + 1]) : 0, b2 = i + 2 < digest.count ? Int(digest[i + 2]) : 0
            out.append(alphabet[b0 >> 2])
            out.append(alphabet[((b0 & 3) << 4) | (b1 >> 4)])
            out.append(i + 1 < digest.count ? alphabet[((b1 & 15) << 2) | (b2 >> 6)] : "=")
            out.append(i + 2 < digest.count ? alphabet[b2 & 63] : "=")
            i += 3
        }
        return out
    }
}
