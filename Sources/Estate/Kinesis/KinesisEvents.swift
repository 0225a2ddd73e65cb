/// What Kinesis, its producers and its consumer applications tell the bus.
///
/// Records themselves never travel on the bus: a flood would swamp it. Throttling is reported as
/// one event per stream per second with a count; the tail reads records from the stream instead.
public struct KinesisEvent: ServiceEvent {
    public enum Kind: Sendable, Equatable {
        case streamCreated(shardCount: Int, mode: String)
        case streamStatusChanged(from: String, to: String)
        case streamDeleted
        case shardSplit(parent: String, children: [String])
        case shardsMerged(parents: [String], child: String)
        case shardCountUpdated(from: Int, to: Int)
        case streamModeChanged(from: String, to: String)
        case retentionChanged(hours: Int)
        /// Tags added or overwritten, and removed, by key.
        case tagsChanged(set: [String], removed: [String])
        /// Records refused in the last second with ProvisionedThroughputExceededException.
        case writesThrottled(count: Int, shardIDs: [String])
        case readsThrottled(count: Int)
        case producerStarted(name: String), producerStopped(name: String)
        case consumerStarted(application: String, workers: Int), consumerStopped(application: String)
        case leaseTaken(application: String, shardID: String, worker: String)
        case leaseStolen(application: String, shardID: String, from: String, to: String)
        case leaseExpired(application: String, shardID: String, owner: String)
        case shardEnded(application: String, shardID: String)
        case workerStarted(application: String, worker: String)
        case workerKilled(application: String, worker: String)
    }

    public let streamName: String
    public let kind: Kind

    public var service: String { "kinesis" }
    public var resourceID: String? { streamName }

    public var name: String {
        switch kind {
        case .streamCreated: return "StreamCreated"
        case .streamStatusChanged: return "StreamStatusChanged"
        case .streamDeleted: return "StreamDeleted"
        case .shardSplit: return "ShardSplit"
        case .shardsMerged: return "ShardsMerged"
        case .shardCountUpdated: return "ShardCountUpdated"
        case .streamModeChanged: return "StreamModeChanged"
        case .retentionChanged: return "RetentionChanged"
        case .tagsChanged: return "TagsChanged"
        case .writesThrottled: return "WritesThrottled"
        case .readsThrottled: return "ReadsThrottled"
        case .producerStarted: return "ProducerStarted"
        case .producerStopped: return "ProducerStopped"
        case .consumerStarted: return "ConsumerStarted"
        case .consumerStopped: return "ConsumerStopped"
        case .leaseTaken: return "LeaseTaken"
        case .leaseStolen: return "LeaseStolen"
        case .leaseExpired: return "LeaseExpired"
        case .shardEnded: return "ShardEnded"
        case .workerStarted: return "WorkerStarted"
        case .workerKilled: return "WorkerKilled"
        }
    }

    public var summary: String {
        let s = streamName
        switch kind {
        case let .streamCreated(n, mode): return "stream \(s) created with \(n) shards (\(mode))"
        case let .streamStatusChanged(from, to): return "stream \(s) \(from) → \(to)"
        case .streamDeleted: return "stream \(s) deleted"
        case let .shardSplit(parent, children): return "\(s): \(parent) split into \(children.joined(separator: " and "))"
        case let .shardsMerged(parents, child): return "\(s): \(parents.joined(separator: " and ")) merged into \(child)"
        case let .shardCountUpdated(from, to): return "\(s): open shards \(from) → \(to)"
        case let .streamModeChanged(from, to): return "\(s): capacity mode \(from) → \(to)"
        case let .retentionChanged(h): return "\(s): retention set to \(h) h"
        case let .tagsChanged(set, removed):
            return "\(s): " + (set.isEmpty ? "" : "tags set: \(set.joined(separator: ", "))") + (set.isEmpty || removed.isEmpty ? "" : "; ")
                + (removed.isEmpty ? "" : "tags removed: \(removed.joined(separator: ", "))")
        case let .writesThrottled(n, shards): return "\(s): \(n) writes throttled on \(shards.count) shard(s)"
        case let .readsThrottled(n): return "\(s): \(n) GetRecords calls throttled"
        case let .producerStarted(name): return "producer \(name) started on \(s)"
        case let .producerStopped(name): return "producer \(name) stopped"
        case let .consumerStarted(app, n): return "consumer \(app) started on \(s) with \(n) workers"
        case let .consumerStopped(app): return "consumer \(app) stopped"
        case let .leaseTaken(app, shard, worker): return "\(app): \(worker) took the lease of \(shard)"
        case let .leaseStolen(app, shard, from, to): return "\(app): \(to) stole \(shard) from \(from)"
        case let .leaseExpired(app, shard, owner): return "\(app): lease of \(shard) held by \(owner) expired"
        case let .shardEnded(app, shard): return "\(app): \(shard) read to SHARD_END"
        case let .workerStarted(app, worker): return "\(app): worker \(worker) started"
        case let .workerKilled(app, worker): return "\(app): worker \(worker) killed"
        }
    }

    public var detail: JSONValue {
        func strings(_ a: [String]) -> JSONValue { .array(a.map(JSONValue.string)) }
        switch kind {
        case let .streamCreated(n, mode): return ["ShardCount": .int(Int64(n)), "StreamMode": .string(mode)]
        case let .streamStatusChanged(from, to): return ["PreviousStatus": .string(from), "StreamStatus": .string(to)]
        case .streamDeleted: return [:]
        case let .shardSplit(parent, children): return ["ShardToSplit": .string(parent), "ChildShards": strings(children)]
        case let .shardsMerged(parents, child): return ["ParentShards": strings(parents), "ChildShard": .string(child)]
        case let .shardCountUpdated(from, to): return ["CurrentShardCount": .int(Int64(from)), "TargetShardCount": .int(Int64(to))]
        case let .streamModeChanged(from, to): return ["PreviousStreamMode": .string(from), "StreamMode": .string(to)]
        case let .retentionChanged(h): return ["RetentionPeriodHours": .int(Int64(h))]
        case let .tagsChanged(set, removed): return ["TagKeysSet": strings(set), "TagKeysRemoved": strings(removed)]
        case let .writesThrottled(n, shards): return ["ThrottledRecords": .int(Int64(n)), "ShardIds": strings(shards)]
        case let .readsThrottled(n): return ["ThrottledCalls": .int(Int64(n))]
        case let .producerStarted(name), let .producerStopped(name): return ["Producer": .string(name)]
        case let .consumerStarted(app, n): return ["Application": .string(app), "Workers": .int(Int64(n))]
        case let .consumerStopped(app): return ["Application": .string(app)]
        case let .leaseTaken(app, shard, worker):
            return ["Application": .string(app), "LeaseKey": .string(shard), "LeaseOwner": .string(worker)]
        case let .leaseStolen(app, shard, from, to):
            return ["Application": .string(app), "LeaseKey": .string(shard), "PreviousOwner": .string(from), "LeaseOwner": .string(to)]
        case let .leaseExpired(app, shard, owner):
            return ["Application": .string(app), "LeaseKey": .string(shard), "LeaseOwner": .string(owner)]
        case let .shardEnded(app, shard): return ["Application": .string(app), "LeaseKey": .string(shard)]
        case let .workerStarted(app, worker), let .workerKilled(app, worker):
            return ["Application": .string(app), "Worker": .string(worker)]
        }
    }
}
