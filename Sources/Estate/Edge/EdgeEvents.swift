/// Edge changes on the bus: distributions and functions created, versions published, invalidations
/// and function failures (one event per failure, so the event log shows what went wrong).
public struct EdgeEvent: ServiceEvent {
    public enum Kind: Sendable {
        case distributionCreated(id: String, domain: String)
        /// An update's progress: `InProgress`, then `Deployed`.
        case distributionStatusChanged(id: String, status: String)
        case functionCreated(runtime: String)
        case versionPublished(Int)
        case invalidationCreated(id: String, paths: [String], removed: Int)
        case functionFailed(event: EdgeEventType, error: String)
    }

    public let resource: String
    public let kind: Kind

    public var service: String { "edge" }
    public var resourceID: String? { resource }
    public var name: String {
        switch kind {
        case .distributionCreated: return "DistributionCreated"
        case .distributionStatusChanged: return "DistributionStatusChanged"
        case .functionCreated: return "FunctionCreated"
        case .versionPublished: return "VersionPublished"
        case .invalidationCreated: return "InvalidationCreated"
        case .functionFailed: return "FunctionFailed"
        }
    }
    public var summary: String {
        switch kind {
        case let .distributionCreated(id, domain): return "distribution \(resource) (\(id)) at \(domain)"
        case let .distributionStatusChanged(id, status): return "distribution \(resource) (\(id)) \(status)"
        case let .functionCreated(runtime): return "function \(resource) created (\(runtime))"
        case let .versionPublished(n): return "function \(resource) version \(n) published"
        case let .invalidationCreated(id, paths, removed): return "invalidation \(id) on \(resource): \(paths.joined(separator: " ")) (\(removed) cached objects)"
        case let .functionFailed(event, error): return "\(event.rawValue) \(error)"
        }
    }
    public var detail: JSONValue {
        switch kind {
        case let .distributionCreated(id, domain): return ["Id": .string(id), "DomainName": .string(domain)]
        case let .distributionStatusChanged(id, status): return ["Id": .string(id), "Status": .string(status)]
        case let .functionCreated(runtime): return ["Runtime": .string(runtime)]
        case let .versionPublished(n): return ["Version": .string(String(n))]
        case let .invalidationCreated(id, paths, removed): return ["Id": .string(id), "Paths": .array(paths.map(JSONValue.string)), "Removed": .int(Int64(removed))]
        case let .functionFailed(event, error): return ["EventType": .string(event.rawValue), "Error": .string(error)]
        }
    }
}
