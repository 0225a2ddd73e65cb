import Testing
@testable import Estate

/// SplitShard, MergeShards, UpdateShardCount and reading across them (REFERENCE §2.5).
struct ReshardingTests {
    let half = "170141183460469231731687303715884105728"

    func shards(_ estate: Estate) throws -> [JSONValue] {
        try estate.ok("kinesis list-shards --stream-name s")["Shards"]!.arrayValue!
    }

    @Test func splitMakesTwoChildren() throws {
        let (estate, _) = try activeStream(shards: 1)
        _ = try estate.ok("kinesis split-shard --stream-name s --shard-to-split shardId-000000000000 --new-starting-hash-key \(half)")
        #expect(try estate.ok("kinesis describe-stream-summary --stream-name s")["StreamDescriptionSummary"]?["StreamStatus"] == "UPDATING")
        #expect(estate.errorCode("kinesis split-shard --stream-name s --shard-to-split shardId-000000000000 --new-starting-hash-key 5") == "ResourceInUseException")
        estate.advance(by: .seconds(30))
        let list = try shards(estate)
        #expect(list.count == 3)
        #expect(list[0]["SequenceNumberRange"]?["EndingSequenceNumber"] != nil)
        #expect(list[1]["ParentShardId"] == "shardId-000000000000")
        #expect(list[1]["HashKeyRange"]?["StartingHashKey"] == "0")
        #expect(list[1]["HashKeyRange"]?["EndingHashKey"] == "170141183460469231731687303715884105727")
        #expect(list[2]["ParentShardId"] == "shardId-000000000000")
        #expect(list[2]["HashKeyRange"]?["StartingHashKey"] == .string(half))
        #expect(list[2]["HashKeyRange"]?["EndingHashKey"] == "340282366920938463463374607431768211455")
        let open = try estate.ok("kinesis list-shards --stream-name s --shard-filter Type=AT_LATEST")["Shards"]!.arrayValue!
        #expect(open.map { $0["ShardId"]! } == ["shardId-000000000001", "shardId-000000000002"])
        #expect(estate.errorCode("kinesis split-shard --stream-name s --shard-to-split shardId-000000000000 --new-starting-hash-key \(half)") == "InvalidArgumentException")
        #expect(estate.errorCode("kinesis split-shard --stream-name s --shard-to-split shardId-000000000001 --new-starting-hash-key 1") == "InvalidArgumentException")
    }

    @Test func writesAfterSplitGoToChildrenAndParentStaysReadable() throws {
        let (estate, _) = try activeStream(shards: 1)
        _ = try estate.kinesis.putRecord(streamName: "s", text: "before", partitionKey: "user-1")
        let parentIterator = try estate.kinesis.getShardIterator(streamName: "s", shardID: "shardId-000000000000", type: .trimHorizon)
        try estate.kinesis.splitShard(streamName: "s", shardToSplit: "shardId-000000000000", newStartingHashKey: half)
        _ = try estate.kinesis.putRecord(streamName: "s", text: "during", partitionKey: "user-1")  // UPDATING: still the parent
        estate.advance(by: .seconds(30))
        // user-1 hashes to 285573413173782752570879317399258818820, the upper half.
        #expect(try estate.kinesis.putRecord(streamName: "s", text: "after", partitionKey: "user-1").shardID == "shardId-000000000002")
        #expect(try estate.kinesis.putRecord(streamName: "s", text: "after", partitionKey: "user-2").shardID == "shardId-000000000001")
        let parent = try estate.kinesis.getRecords(shardIterator: parentIterator)
        #expect(parent.records.map { String(decoding: $0.data, as: UTF8.self) } == ["before", "during"])
        #expect(parent.nextShardIterator == nil)
        #expect(parent.childShards?.map(\.shardID) == ["shardId-000000000001", "shardId-000000000002"])
        #expect(parent.childShards?.first?.parentShards == ["shardId-000000000000"])
        // The AWS CLI shape: a null NextShardIterator and ChildShards.
        let it = try estate.kinesis.getShardIterator(streamName: "s", shardID: "shardId-000000000000", type: .trimHorizon)
        let json = try estate.ok("kinesis get-records --shard-iterator \(it)")
        #expect(json["NextShardIterator"] == .null)
        #expect(json["ChildShards"]?.arrayValue?.count == 2)
    }

    @Test func mergeNeedsAdjacentShards() throws {
        let (estate, _) = try activeStream(shards: 3)
        #expect(estate.errorCode("kinesis merge-shards --stream-name s --shard-to-merge shardId-000000000000 --adjacent-shard-to-merge shardId-000000000002") == "InvalidArgumentException")
        _ = try estate.ok("kinesis merge-shards --stream-name s --shard-to-merge shardId-000000000001 --adjacent-shard-to-merge shardId-000000000002")
        estate.advance(by: .seconds(30))
        let list = try shards(estate)
        #expect(list.count == 4)
        let child = list[3]
        #expect(child["ShardId"] == "shardId-000000000003")
        #expect(child["ParentShardId"] == "shardId-000000000001")
        #expect(child["AdjacentParentShardId"] == "shardId-000000000002")
        #expect(child["HashKeyRange"]?["StartingHashKey"] == "113427455640312821154458202477256070485")
        #expect(child["HashKeyRange"]?["EndingHashKey"] == "340282366920938463463374607431768211455")
        #expect(try estate.kinesis.putRecord(streamName: "s", text: "x", partitionKey: "user-1").shardID == "shardId-000000000003")
    }

    @Test func updateShardCountScalesUniformly() throws {
        let (estate, _) = try activeStream(shards: 2)
        let reply = try estate.ok("kinesis update-shard-count --stream-name s --target-shard-count 4 --scaling-type UNIFORM_SCALING")
        #expect(reply["CurrentShardCount"] == 2 && reply["TargetShardCount"] == 4)
        estate.advance(by: .seconds(30))
        let open = try estate.ok("kinesis list-shards --stream-name s --shard-filter Type=AT_LATEST")["Shards"]!.arrayValue!
        #expect(open.count == 4)
        #expect(open.map { $0["HashKeyRange"]!["StartingHashKey"]!.stringValue! } == HashKey.evenRanges(count: 4).map { String($0.lowerBound) })
        #expect(open[0]["ParentShardId"] == "shardId-000000000000")
        #expect(estate.errorCode("kinesis update-shard-count --stream-name s --target-shard-count 9 --scaling-type UNIFORM_SCALING") == "LimitExceededException")
    }

    @Test func listShardsPaginates() throws {
        let (estate, _) = try activeStream(shards: 5)
        let first = try estate.ok("kinesis list-shards --stream-name s --max-results 2")
        #expect(first["Shards"]?.arrayValue?.count == 2)
        let token = first["NextToken"]!.stringValue!
        let second = try estate.ok("kinesis list-shards --next-token \(token) --max-results 10")
        #expect(second["Shards"]?.arrayValue?.map { $0["ShardId"]! } == ["shardId-000000000002", "shardId-000000000003", "shardId-000000000004"])
        #expect(second["NextToken"] == nil)
        #expect(estate.errorCode("kinesis list-shards --stream-name s --next-token \(token)") == "InvalidArgumentException")
        let after = try estate.ok("kinesis list-shards --stream-name s --shard-filter Type=AFTER_SHARD_ID,ShardId=shardId-000000000003")
        #expect(after["Shards"]?.arrayValue?.map { $0["ShardId"]! } == ["shardId-000000000004"])
    }
}
