/// What the search service tells the bus.
public struct SearchEvent: ServiceEvent {
    public enum Kind: Sendable, Equatable {
        case domainCreated, domainActive, domainDeleted, indexCreated
        /// `UpdateDomainConfig` started: the domain is `Processing` until it is active again.
        case domainUpdating
        case indexingFailed(String)
    }

    public let resource: String
    public let kind: Kind

    public var service: String { "opensearch" }
    public var resourceID: String? { resource }

    public var name: String {
        switch kind {
        case .domainCreated: return "DomainCreated"
        case .domainActive: return "DomainActive"
        case .domainDeleted: return "DomainDeleted"
        case .domainUpdating: return "DomainUpdating"
        case .indexCreated: return "IndexCreated"
        case .indexingFailed: return "IndexingFailed"
        }
    }

    public var summary: String {
        switch kind {
        case .domainCreated: return "search domain \(resource) created"
        case .domainActive: return "search domain \(resource) is active"
        case .domainDeleted: return "search domain \(resource) deleted"
        case .domainUpdating: return "search domain \(resource) is applying a new configuration"
        case .indexCreated: return "search index \(resource) created"
        case let .indexingFailed(message): return "search index \(resource): indexing failed: \(message)"
        }
    }

    public var detail: JSONValue {
        if case let .indexingFailed(message) = kind { return ["Message": .string(message)] }
        return [:]
    }
}
