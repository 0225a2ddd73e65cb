/// An OpenSearch Service domain: its configuration as CreateDomain set it.
public struct SearchDomain: Sendable {
    public let name: String
    public let domainID: String
    public let arn: String
    public let createdAt: SimInstant
    public var engineVersion: String
    public var instanceType: String
    public var instanceCount: Int
    /// True until the domain has finished creating (a few virtual minutes, as in AWS).
    public var processing: Bool
    public var endpoint: String
    /// True while an `UpdateDomainConfig` is being applied; the domain keeps serving meanwhile.
    public var updating = false
    /// Configuration changes so far, AWS's `UpdateVersion`.
    public var updateVersion = 0
    /// The data nodes' volumes, when CreateDomain or UpdateDomainConfig gave them.
    public var ebsOptions: SearchEBSOptions? = nil
}

/// One index: its documents live in the store; this keeps what describing it needs.
public struct SearchIndexInfo: Sendable {
    public let name: String
    public let createdAt: SimInstant
    public internal(set) var documentCount = 0
    /// How long documents stay after they are indexed (nil: for ever), like an index lifecycle
    /// policy whose delete state removes them by age.
    public internal(set) var retention: SimDuration?
    /// When documents past the retention were last deleted.
    var lastSweep: SimInstant?
    /// Next insertion sequence, so "newest" is well defined.
    var nextSeq: Int64 = 1
    /// Moves whenever documents are indexed or replaced: a view redraws only when it moved.
    public var changeCount: Int64 { nextSeq }
}

/// A document as the Jobs view and `_search` show it.
public struct SearchHit: Sendable, Equatable {
    public let id: String
    public let score: Double?
    public let source: JSONValue
    public let ingestedAt: SimInstant
}
