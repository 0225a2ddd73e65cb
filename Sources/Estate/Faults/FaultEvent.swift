/// A seeded fault, published on the bus under the service it struck, so the Events view and the
/// dump show it beside the resource's own events.
public struct FaultEvent: ServiceEvent {
    public enum Kind: Sendable, Equatable {
        case statusCheckFailed(instanceID: String, name: String?)
        case instanceReplaced(old: String, new: String, name: String?)
        case hotKeyStarted(stream: String, partitionKey: String, shardID: String, recordsPerSecond: Double)
        case hotKeyEnded(stream: String, partitionKey: String, throttled: Int)
        case taskManagerLost(application: String)
    }
    public let kind: Kind

    public var service: String {
        switch kind {
        case .statusCheckFailed, .instanceReplaced: return "ec2"
        case .hotKeyStarted, .hotKeyEnded: return "kinesis"
        case .taskManagerLost: return "kinesisanalyticsv2"
        }
    }
    public var resourceID: String? {
        switch kind {
        case let .statusCheckFailed(id, _): return id
        case let .instanceReplaced(_, new, _): return new
        case let .hotKeyStarted(stream, _, _, _), let .hotKeyEnded(stream, _, _): return stream
        case let .taskManagerLost(application): return application
        }
    }
    public var name: String {
        switch kind {
        case .statusCheckFailed: return "StatusCheckFailed"
        case .instanceReplaced: return "InstanceReplaced"
        case .hotKeyStarted: return "HotKeyStarted"
        case .hotKeyEnded: return "HotKeyEnded"
        case .taskManagerLost: return "TaskManagerLost"
        }
    }
    public var summary: String {
        func named(_ id: String, _ name: String?) -> String { name.map { "\(id) (\($0))" } ?? id }
        switch kind {
        case let .statusCheckFailed(id, name): return "fault: \(named(id, name)) failed its system status check"
        case let .instanceReplaced(old, new, name): return "fault: \(named(old, name)) replaced by \(new)"
        case let .hotKeyStarted(stream, key, shard, rate):
            return "fault: hot key \(key) on \(stream) sends \(Int(rate)) records/s to \(shard)"
        case let .hotKeyEnded(stream, key, throttled): return "fault: hot key \(key) on \(stream) cooled off (\(throttled) throttled)"
        case let .taskManagerLost(application): return "fault: a task manager of \(application) was lost"
        }
    }
    public var detail: JSONValue {
        switch kind {
        case let .statusCheckFailed(id, _): return ["InstanceId": .string(id), "SystemStatus": "impaired"]
        case let .instanceReplaced(old, new, _): return ["InstanceId": .string(old), "ReplacementInstanceId": .string(new)]
        case let .hotKeyStarted(stream, key, shard, rate):
            return ["StreamName": .string(stream), "PartitionKey": .string(key), "ShardId": .string(shard), "RecordsPerSecond": .double(rate)]
        case let .hotKeyEnded(stream, key, throttled):
            return ["StreamName": .string(stream), "PartitionKey": .string(key), "Throttled": .int(Int64(throttled))]
        case let .taskManagerLost(application): return ["ApplicationName": .string(application)]
        }
    }
}
