import Testing
@testable import Estate

/// ON_DEMAND streams: no manual resharding, capacity that follows the recent peak, and
/// UpdateStreamMode between the two modes.
struct OnDemandTests {
    func onDemandStream(seed: UInt64 = 7) throws -> (Estate, KinesisStream) {
        let estate = Estate(seed: seed)
        _ = try estate.ok("kinesis create-stream --stream-name s --stream-mode-details StreamMode=ON_DEMAND")
        estate.advance(by: .seconds(30))
        let stream = try #require(estate.kinesis.stream(named: "s"))
        return (estate, stream)
    }

    @Test(arguments: [
        "kinesis split-shard --stream-name s --shard-to-split shardId-000000000000 --new-starting-hash-key 1000",
        "kinesis merge-shards --stream-name s --shard-to-merge shardId-000000000000 --adjacent-shard-to-merge shardId-000000000001",
        "kinesis update-shard-count --stream-name s --target-shard-count 6 --scaling-type UNIFORM_SCALING",
    ])
    func reshardingAnOnDemandStreamIsRefused(line: String) throws {
        let (estate, stream) = try onDemandStream()
        guard case let .failure(e) = estate.run(line) else { Issue.record("accepted: \(line)"); return }
        #expect(e.code == "ValidationException")
        #expect(e.message.contains("only supported for data streams with the provisioned capacity mode"))
        #expect(stream.status == .active && stream.openShardCount == 4)
    }

    @Test func capacityStartsAtFourThousandRecordsAndGrowsToDoubleThePeak() throws {
        let (estate, stream) = try onDemandStream()
        #expect(estate.kinesis.writeCapacity(of: stream) == (4_000, 4 << 20))
        // 3,000 records in one second, spread over many keys: within capacity, all accepted.
        var accepted = 0
        for i in 0..<3_000 {
            if (try? estate.kinesis.putRecord(streamName: "s", text: "r", partitionKey: "k\(i)")) != nil { accepted += 1 }
            if i % 3 == 2 { estate.advance(by: .milliseconds(1)) }
        }
        #expect(accepted == 3_000)
        // Behind the scenes, in virtual time: UPDATING now, then room for double the peak.
        #expect(stream.status == .updating)
        #expect(stream.openShardCount == 4)
        estate.advance(by: .seconds(30))
        #expect(stream.status == .active)
        #expect(stream.openShardCount == 6)
        #expect(estate.kinesis.writeCapacity(of: stream) == (6_000, 6 << 20))
        UniformScalingTests.expectLineage(stream, openCount: 6)
        // Quiet traffic changes nothing: the 30-day peak stands.
        estate.advance(by: .hours(2))
        #expect(stream.openShardCount == 6)
    }

    @Test func updateStreamModeSwitchesBothWaysTwiceADay() throws {
        let (estate, stream) = try activeStream(shards: 2)
        let arn = stream.arn
        _ = try estate.ok("kinesis update-stream-mode --stream-arn \(arn) --stream-mode-details StreamMode=ON_DEMAND")
        #expect(stream.status == .updating && stream.mode == .provisioned)
        estate.advance(by: .seconds(30))
        let summary = try estate.ok("kinesis describe-stream-summary --stream-name s")["StreamDescriptionSummary"]
        #expect(summary?["StreamModeDetails"]?["StreamMode"] == "ON_DEMAND")
        // On demand starts at four shards' capacity.
        #expect(stream.openShardCount == 4)
        UniformScalingTests.expectLineage(stream, openCount: 4)
        #expect(estate.errorCode("kinesis split-shard --stream-name s --shard-to-split shardId-000000000002 --new-starting-hash-key 1000") == "ValidationException")
        #expect(estate.errorCode("kinesis update-stream-mode --stream-arn \(arn) --stream-mode-details StreamMode=ON_DEMAND") == "InvalidArgumentException")

        _ = try estate.ok("kinesis update-stream-mode --stream-arn \(arn) --stream-mode-details StreamMode=PROVISIONED")
        estate.advance(by: .seconds(30))
        #expect(stream.mode == .provisioned)
        _ = try estate.ok("kinesis update-shard-count --stream-name s --target-shard-count 2 --scaling-type UNIFORM_SCALING")
        estate.advance(by: .seconds(30))
        #expect(estate.errorCode("kinesis update-stream-mode --stream-arn \(arn) --stream-mode-details StreamMode=ON_DEMAND") == "LimitExceededException")
        #expect(estate.errorCode("kinesis update-stream-mode --stream-arn \(arn) --stream-mode-details StreamMode=SOMETIMES") == "ValidationException")
        #expect(estate.errorCode("kinesis update-stream-mode --stream-mode-details StreamMode=ON_DEMAND") == "ParamValidation")
        #expect(estate.errorCode("kinesis update-stream-mode --stream-arn \(arn)x --stream-mode-details StreamMode=ON_DEMAND") == "ResourceNotFoundException")
    }
}
