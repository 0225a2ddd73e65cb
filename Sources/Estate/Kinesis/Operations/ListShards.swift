import Foundation

/// `ListShards` with its filters and pagination.
extension KinesisService {
    /// `ShardFilter` types.
    public enum ShardFilterType: String, Sendable, CaseIterable {
        case afterShardID = "AFTER_SHARD_ID", atTrimHorizon = "AT_TRIM_HORIZON", fromTrimHorizon = "FROM_TRIM_HORIZON"
        case atLatest = "AT_LATEST", atTimestamp = "AT_TIMESTAMP", fromTimestamp = "FROM_TIMESTAMP"
    }

    /// The listed shards a filter selects, in shard id order.
    public func shards(of stream: KinesisStream, filter: ShardFilterType?, shardID: String? = nil, timestamp: SimInstant? = nil) -> [Shard] {
        let listed = stream.listedShards
        func openAt(_ shard: Shard, _ t: SimInstant) -> Bool {
            shard.createdAt <= t && (shard.closedAt.map { $0 > t } ?? true)
        }
        guard let filter else { return listed }
        let now = scheduler.now
        switch filter {
        case .afterShardID: return listed.filter { $0.shardID > (shardID ?? "") }
        case .atLatest: return listed.filter(\.isOpen)
        case .fromTrimHorizon: return listed
        case .atTrimHorizon:
            let horizon = max(stream.createdAt, now - stream.retention)
            return listed.filter { openAt($0, horizon) }
        case .atTimestamp:
            let t = max(stream.createdAt, timestamp ?? now)
            return listed.filter { openAt($0, t) }
        case .fromTimestamp:
            let t = max(stream.createdAt, timestamp ?? now)
            return listed.filter { $0.closedAt.map { $0 > t } ?? true }
        }
    }

    func listShardsOperation(_ p: Parameters) throws(AWSError) -> JSONValue {
        let maxResults = try p.int("MaxResults") ?? 1000
        guard (1...10_000).contains(maxResults) else {
            throw .validation("1 validation error detected: Value '\(maxResults)' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 10000")
        }
        var streamName = try p.string("StreamName")
        var after = try p.string("ExclusiveStartShardId")
        var filterType: ShardFilterType?
        var filterShard: String?
        var filterTime: SimInstant?
        if let token = try p.string("NextToken") {
            guard streamName == nil, !p.has("ShardFilter"), after == nil else {
                throw AWSError("InvalidArgumentException", "NextToken and StreamName cannot be provided together.")
            }
            guard let decoded = ListShardsToken(token) else { throw AWSError("InvalidArgumentException", "Invalid NextToken.") }
            streamName = decoded.streamName
            after = decoded.lastShardID
            filterType = decoded.filter
            filterShard = decoded.filterShardID
            filterTime = decoded.filterTime
        } else if let filter = try p.object("ShardFilter") {
            let text = try filter.requiredString("Type")
            guard let type = ShardFilterType(rawValue: text) else {
                throw .validation("1 validation error detected: Value '\(text)' at 'shardFilter.type' failed to satisfy constraint: Member must satisfy enum value set: [\(ShardFilterType.allCases.map(\.rawValue).joined(separator: ", "))]")
            }
            filterType = type
            filterShard = try filter.string("ShardId")
            if type == .afterShardID, filterShard == nil {
                throw AWSError("InvalidArgumentException", "ShardId must be provided for ShardFilter type AFTER_SHARD_ID.")
            }
            if let t = try filter.string("Timestamp") {
                guard let parsed = KinesisTimestamp.parse(t) else { throw AWSError("InvalidArgumentException", "Invalid ShardFilter Timestamp '\(t)'.") }
                filterTime = parsed
            } else if type == .atTimestamp || type == .fromTimestamp {
                throw AWSError("InvalidArgumentException", "Timestamp must be provided for ShardFilter type \(type.rawValue).")
            }
        }
        let stream = try requireStream(streamName, arn: try p.string("StreamARN"))
        var shards = self.shards(of: stream, filter: filterType, shardID: filterShard, timestamp: filterTime)
        if let after { shards = shards.filter { $0.shardID > after } }
        let page = Array(shards.prefix(maxResults))
        var pairs: [(String, JSONValue)] = [("Shards", .array(page.map { KinesisJSON.shard($0, in: stream) }))]
        if shards.count > page.count, let last = page.last {
            let token = ListShardsToken(streamName: stream.name, lastShardID: last.shardID, filter: filterType,
                                        filterShardID: filterShard, filterTime: filterTime)
            pairs.append(("NextToken", .string(token.encoded)))
        }
        return .object(pairs)
    }
}

/// The opaque `NextToken` of ListShards: where the previous page ended and which filter applies.
struct ListShardsToken {
    let streamName: String
    let lastShardID: String
    let filter: KinesisService.ShardFilterType?
    let filterShardID: String?
    let filterTime: SimInstant?

    init(streamName: String, lastShardID: String, filter: KinesisService.ShardFilterType?, filterShardID: String?, filterTime: SimInstant?) {
        self.streamName = streamName
        self.lastShardID = lastShardID
        self.filter = filter
        self.filterShardID = filterShardID
        self.filterTime = filterTime
    }

    var encoded: String {
        let fields = [streamName, lastShardID, filter?.rawValue ?? "", filterShardID ?? "", filterTime.map { String($0.milliseconds) } ?? ""]
        return Data(fields.joined(separator: "\u{1F}").utf8).base64EncodedString()
    }

    init?(_ text: String) {
        guard let data = Data(base64Encoded: text), let joined = String(data: data, encoding: .utf8) else { return nil }
        let f = joined.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
        guard f.count == 5, !f[0].isEmpty else { return nil }
        streamName = f[0]
        lastShardID = f[1]
        filter = f[2].isEmpty ? nil : KinesisService.ShardFilterType(rawValue: f[2])
        filterShardID = f[3].isEmpty ? nil : f[3]
        filterTime = Int64(f[4]).map { SimInstant(milliseconds: $0) }
    }
}
