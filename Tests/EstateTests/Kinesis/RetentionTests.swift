import Testing
@testable import Estate

/// Retention really drops records and moves TRIM_HORIZON (REFERENCE §2.4).
struct RetentionTests {
    @Test func oldRecordsAreTrimmed() throws {
        let (estate, stream) = try activeStream(shards: 1)
        _ = try estate.kinesis.putRecord(streamName: "s", text: "old", partitionKey: "k")
        estate.advance(by: .hours(12))
        _ = try estate.kinesis.putRecord(streamName: "s", text: "new", partitionKey: "k")
        estate.advance(by: .hours(12) + .minutes(2))
        #expect(stream.shards[0].retainedRecordCount == 1)
        #expect(stream.shards[0].trimHorizonOrdinal == 1)
        let it = try estate.kinesis.getShardIterator(streamName: "s", shardID: "shardId-000000000000", type: .trimHorizon)
        #expect(try estate.kinesis.getRecords(shardIterator: it).records.map { String(decoding: $0.data, as: UTF8.self) } == ["new"])
    }

    @Test func retentionLimits() throws {
        let (estate, stream) = try activeStream(shards: 1)
        #expect(estate.errorCode("kinesis increase-stream-retention-period --stream-name s --retention-period-hours 8761") == "InvalidArgumentException")
        #expect(estate.errorCode("kinesis decrease-stream-retention-period --stream-name s --retention-period-hours 23") == "InvalidArgumentException")
        _ = try estate.ok("kinesis increase-stream-retention-period --stream-name s --retention-period-hours 8760")
        #expect(stream.retentionHours == 8760)
        #expect(estate.errorCode("kinesis increase-stream-retention-period --stream-name s --retention-period-hours 48") == "InvalidArgumentException")
        _ = try estate.ok("kinesis decrease-stream-retention-period --stream-name s --retention-period-hours 24")
        #expect(try estate.ok("kinesis describe-stream --stream-name s")["StreamDescription"]?["RetentionPeriodHours"] == 24)
    }

    @Test func closedParentsDisappearAfterRetention() throws {
        let (estate, stream) = try activeStream(shards: 1)
        _ = try estate.kinesis.putRecord(streamName: "s", text: "x", partitionKey: "k")
        try estate.kinesis.splitShard(streamName: "s", shardToSplit: "shardId-000000000000", newStartingHashKey: "1000")
        estate.advance(by: .minutes(1))
        #expect(stream.listedShards.count == 3)
        estate.advance(by: .hours(25))
        #expect(stream.listedShards.map(\.shardID) == ["shardId-000000000001", "shardId-000000000002"])
    }
}
