/// What stream jobs tell the bus.
public struct JobEvent: ServiceEvent {
    public enum Kind: Sendable, Equatable {
        case created, deleted
        case statusChanged(from: String, to: String)
        case savepointTaken(String)
        case taskManagerFailed(restoredCheckpoint: Int?)
        case updated(version: Int64)
    }

    public let application: String
    public let kind: Kind

    public var service: String { "kinesisanalyticsv2" }
    public var resourceID: String? { application }

    public var name: String {
        switch kind {
        case .created: return "ApplicationCreated"
        case .deleted: return "ApplicationDeleted"
        case .statusChanged: return "ApplicationStatusChanged"
        case .savepointTaken: return "SavepointTaken"
        case .taskManagerFailed: return "TaskManagerFailed"
        case .updated: return "ApplicationUpdated"
        }
    }

    public var summary: String {
        switch kind {
        case .created: return "job \(application) created"
        case .deleted: return "job \(application) deleted"
        case let .statusChanged(from, to): return "job \(application) \(from) → \(to)"
        case let .savepointTaken(name): return "job \(application): savepoint \(name)"
        case let .taskManagerFailed(id):
            return "job \(application): task manager failed, restoring " + (id.map { "checkpoint \($0)" } ?? "from the starting position")
        case let .updated(version): return "job \(application) updated to version \(version)"
        }
    }

    public var detail: JSONValue {
        switch kind {
        case .created, .deleted: return [:]
        case let .statusChanged(from, to): return ["PreviousStatus": .string(from), "ApplicationStatus": .string(to)]
        case let .savepointTaken(name): return ["SnapshotName": .string(name)]
        case let .taskManagerFailed(id): return ["RestoredCheckpointId": id.map { .int(Int64($0)) } ?? .null]
        case let .updated(version): return ["ApplicationVersionId": .int(version)]
        }
    }
}
