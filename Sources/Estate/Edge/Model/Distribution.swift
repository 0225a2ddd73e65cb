import Collections

/// A CloudFront distribution: its domain, origins, behaviours, cache and counters.
public final class Distribution {
    public let id: String
    /// The name the estate and the `edge` verbs know it by; AWS's `Comment`.
    public let name: String
    public let domainName: String
    public let arn: String
    public let createdAt: SimInstant
    public internal(set) var lastModified: SimInstant
    /// `Deployed`, or `InProgress` while an `UpdateDistribution` reaches the edge locations.
    public internal(set) var status = "Deployed"
    /// `Enabled`: a disabled distribution accepts no requests, and only a disabled one that is
    /// `Deployed` can be deleted, as in AWS.
    public internal(set) var isEnabled = true
    /// Updates applied so far; each one gives the distribution a new ETag.
    var revision = 0
    public internal(set) var origins: [EdgeOrigin]
    public internal(set) var defaultBehavior: CacheBehavior
    /// Ordered: the first whose pattern matches takes the request.
    public internal(set) var behaviors: [CacheBehavior]
    public internal(set) var cache = EdgeCache()
    public internal(set) var invalidations: [Invalidation] = []
    public internal(set) var metrics = DistributionMetrics()
    /// The edge location (`x-amz-cf-pop`) this simulation serves from.
    public let pop: String
    /// The `via` header CloudFront adds to every response: the same for each request.
    let via: String

    init(id: String, name: String, domainName: String, accountID: String, pop: String, origins: [EdgeOrigin],
         defaultBehavior: CacheBehavior, behaviors: [CacheBehavior], now: SimInstant) {
        self.id = id
        self.name = name
        self.domainName = domainName
        self.arn = "arn:aws:cloudfront::\(accountID):distribution/\(id)"
        self.pop = pop
        via = "1.1 \(HexDigest.fnv(id))\(HexDigest.fnv(domainName)).cloudfront.net (CloudFront)"
        self.origins = origins
        self.defaultBehavior = defaultBehavior
        self.behaviors = behaviors
        createdAt = now
        lastModified = now
    }

    /// The behaviour a path falls under.
    public func behavior(for path: String) -> CacheBehavior {
        behaviors.first { $0.matches(path) } ?? defaultBehavior
    }

    public var allBehaviors: [CacheBehavior] { behaviors + [defaultBehavior] }

    public func origin(_ id: String) -> EdgeOrigin? { origins.first { $0.id == id } }
}

/// One CreateInvalidation call.
public struct Invalidation: Sendable {
    public let id: String
    public let paths: [String]
    public let callerReference: String
    public let createdAt: SimInstant
    /// Entries dropped from the cache.
    public let removedEntries: Int
}
