/// What the warehouse tells the bus: cluster status changes, tag changes and query state changes.
public struct WarehouseEvent: ServiceEvent {
    public enum Kind: Sendable, Equatable {
        case clusterStatusChanged(from: String, to: String)
        case clusterDeleted
        case tagsChanged
        case queryStateChanged(query: Int, state: String)
    }

    public let clusterIdentifier: String
    public let kind: Kind

    public var service: String { "redshift" }
    public var resourceID: String? { clusterIdentifier }

    public var name: String {
        switch kind {
        case .clusterStatusChanged: return "ClusterStatusChanged"
        case .clusterDeleted: return "ClusterDeleted"
        case .tagsChanged: return "TagsChanged"
        case .queryStateChanged: return "QueryStateChanged"
        }
    }

    public var summary: String {
        switch kind {
        case let .clusterStatusChanged(from, to): return "cluster \(clusterIdentifier) \(from) → \(to)"
        case .clusterDeleted: return "cluster \(clusterIdentifier) deleted"
        case .tagsChanged: return "cluster \(clusterIdentifier) tags changed"
        case let .queryStateChanged(query, state): return "query \(query) on \(clusterIdentifier) \(state.lowercased())"
        }
    }

    public var detail: JSONValue {
        switch kind {
        case let .clusterStatusChanged(from, to): return ["ClusterIdentifier": .string(clusterIdentifier), "From": .string(from), "To": .string(to)]
        case .clusterDeleted, .tagsChanged: return ["ClusterIdentifier": .string(clusterIdentifier)]
        case let .queryStateChanged(query, state): return ["ClusterIdentifier": .string(clusterIdentifier), "Query": .int(Int64(query)), "State": .string(state)]
        }
    }
}
