/// Stream tags (AddTagsToStream, ListTagsForStream, RemoveTagsFromStream) and the account's
/// limits as DescribeLimits reports them.
///
/// Tags follow the Kinesis API reference and `TagRules`; adding a key that exists overwrites its
/// value; removing one that does not is ignored. Tags are listed in key order, which is what `ExclusiveStartTagKey` pages through.
extension KinesisService {
    static let maximumTagsPerStream = TagRules.maximumPerResource
    /// The default quota of streams in on-demand capacity mode per account and Region.
    static let onDemandStreamQuota = 50

    static let tagSpecs: [OperationSpec] = [
        op("AddTagsToStream", [streamName, streamARN,
            ParameterSpec("Tags", .map(.string), required: true, help: "Key=Value,… (a stream keeps up to 50)"),
        ], "Add or overwrite a stream's tags"),
        op("ListTagsForStream", [streamName, streamARN,
            ParameterSpec("ExclusiveStartTagKey", .string, help: "list tags after this key"),
            ParameterSpec("Limit", .integer, help: "1–50 tags"),
        ], "List a stream's tags in key order"),
        op("RemoveTagsFromStream", [streamName, streamARN,
            ParameterSpec("TagKeys", .list(.string), required: true, help: "keys to remove (1–50)"),
        ], "Remove tags from a stream"),
        op("DescribeLimits", [], "The account's shard and on-demand stream quotas and what is used"),
    ]

    func addTagsToStreamOperation(_ p: Parameters) throws(AWSError) -> JSONValue {
        let stream = try requireStream(p)
        guard case let .object(pairs)? = p.value["Tags"], !pairs.isEmpty else {
            throw .validation("1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must have length greater than or equal to 1")
        }
        var added: [(String, String)] = []
        for (key, value) in pairs {
            guard case let .string(text) = value else { throw AWSError("InvalidArgumentException", "The value of tag \(key) must be a string.") }
            try Self.validateTag(key: key, value: text)
            added.append((key, text))
        }
        let keys = Set(stream.tags.keys).union(added.map(\.0))
        guard keys.count <= Self.maximumTagsPerStream else {
            throw AWSError("LimitExceededException",
                           "Failed to add tags to stream \(stream.name) under account \(context.accountID): a stream can have at most \(Self.maximumTagsPerStream) tags, and this would make \(keys.count).")
        }
        for (key, value) in added { stream.tags[key] = value }
        bus.publish(KinesisEvent(streamName: stream.name, kind: .tagsChanged(set: added.map(\.0), removed: [])))
        return [:]
    }

    func listTagsForStreamOperation(_ p: Parameters) throws(AWSError) -> JSONValue {
        let stream = try requireStream(p)
        let limit = try p.int("Limit") ?? Self.maximumTagsPerStream
        guard (1...Self.maximumTagsPerStream).contains(limit) else {
            throw .validation("1 validation error detected: Value '\(limit)' at 'limit' failed to satisfy constraint: Member must have value between 1 and \(Self.maximumTagsPerStream)")
        }
        let start = try p.string("ExclusiveStartTagKey")
        let after = stream.tags.keys.sorted().filter { start == nil || $0 > start! }
        let page = after.prefix(limit)
        return ["Tags": .array(page.map { ["Key": .string($0), "Value": .string(stream.tags[$0]!)] }),
                "HasMoreTags": .bool(after.count > page.count)]
    }

    func removeTagsFromStreamOperation(_ p: Parameters) throws(AWSError) -> JSONValue {
        let stream = try requireStream(p)
        guard let keys = try p.strings("TagKeys"), (1...Self.maximumTagsPerStream).contains(keys.count) else {
            throw .validation("1 validation error detected: Value at 'tagKeys' failed to satisfy constraint: Member must have length between 1 and \(Self.maximumTagsPerStream)")
        }
        for key in keys { try Self.validateKey(key) }
        let present = keys.filter { stream.tags[$0] != nil }
        for key in present { stream.tags[key] = nil }
        if !present.isEmpty { bus.publish(KinesisEvent(streamName: stream.name, kind: .tagsChanged(set: [], removed: present))) }
        return [:]
    }

    func describeLimitsOperation(_ p: Parameters) throws(AWSError) -> JSONValue {
        [
            "ShardLimit": .int(Int64(KinesisLimits.accountShardQuota)),
            "OpenShardCount": .int(Int64(openShardsInAccount)),
            "OnDemandStreamCount": .int(Int64(onDemandStreamCount)),
            "OnDemandStreamCountLimit": .int(Int64(Self.onDemandStreamQuota)),
        ]
    }

    var onDemandStreamCount: Int { streamsByName.values.filter { $0.mode == .onDemand }.count }

    /// Refuses one more on-demand stream past the account's quota.
    func requireOnDemandRoom() throws(AWSError) {
        guard onDemandStreamCount < Self.onDemandStreamQuota else {
            throw AWSError("LimitExceededException",
                           "This request would exceed the limit of \(Self.onDemandStreamQuota) streams in ON_DEMAND mode for the account \(context.accountID) in \(context.region).")
        }
    }

    static func validateKey(_ key: String) throws(AWSError) {
        if let problem = TagRules.keyProblem(key) { throw AWSError("InvalidArgumentException", problem) }
    }

    static func validateTag(key: String, value: String) throws(AWSError) {
        if let problem = TagRules.problem(key: key, value: value) { throw AWSError("InvalidArgumentException", problem) }
    }
}
