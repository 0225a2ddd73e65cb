import Testing
@testable import Estate

/// The per-shard limits hold over any second, not per calendar second (REFERENCE §2.4): a burst
/// either side of a second boundary is throttled as one burst.
struct ThroughputTests {
    private func put(_ estate: Estate, count: Int, data: [UInt8] = [1]) -> Int {
        var accepted = 0
        for i in 0..<count {
            if (try? estate.kinesis.putRecord(streamName: "s", data: data, partitionKey: "k\(i)")) != nil { accepted += 1 }
        }
        return accepted
    }

    @Test func twoThousandRecordsWithinTwoMillisecondsAcrossASecondEdgeAreThrottled() throws {
        let (estate, stream) = try activeStream(shards: 1)
        estate.advance(to: SimInstant(milliseconds: 40_999))
        #expect(put(estate, count: 1000) == 1000)
        estate.advance(to: SimInstant(milliseconds: 41_001))
        // Two milliseconds refill two records' worth; a per-second window would accept all 1,000.
        #expect(put(estate, count: 1000) == 2)
        #expect(stream.metrics.totals.throttledWrites == 998)
        estate.advance(by: .seconds(1))
        #expect(put(estate, count: 1000) == 1000)
    }

    @Test func bytesAcrossASecondEdgeAreThrottledAndTheKeyCounts() throws {
        let (estate, _) = try activeStream(shards: 1)
        estate.advance(to: SimInstant(milliseconds: 40_999))
        let halfMiB = [UInt8](repeating: 7, count: (1 << 19) - 2)  // plus a 2-byte key: half a MiB
        #expect(put(estate, count: 2, data: halfMiB) == 2)
        estate.advance(to: SimInstant(milliseconds: 41_001))
        #expect(put(estate, count: 1, data: halfMiB) == 0)
        estate.advance(to: SimInstant(milliseconds: 41_500))
        // Half a second refills half a MiB: exactly one record of data plus key.
        #expect(put(estate, count: 1, data: halfMiB) == 1)
    }

    @Test func getRecordsCallsAcrossASecondEdgeAreThrottled() throws {
        let (estate, _) = try activeStream(shards: 1)
        _ = try estate.kinesis.putRecord(streamName: "s", text: "r", partitionKey: "k")
        estate.advance(to: SimInstant(milliseconds: 60_999))
        var iterator = try estate.kinesis.getShardIterator(streamName: "s", shardID: "shardId-000000000000", type: .trimHorizon)
        for _ in 0..<5 { iterator = try estate.kinesis.getRecords(shardIterator: iterator).nextShardIterator! }
        estate.advance(to: SimInstant(milliseconds: 61_001))
        #expect(errorCode { () throws(AWSError) in try estate.kinesis.getRecords(shardIterator: iterator) } == "ProvisionedThroughputExceededException")
        // Five calls a second: one more every 200 ms.
        estate.advance(to: SimInstant(milliseconds: 61_198))
        #expect(errorCode { () throws(AWSError) in try estate.kinesis.getRecords(shardIterator: iterator) } == "ProvisionedThroughputExceededException")
        estate.advance(to: SimInstant(milliseconds: 61_199))
        _ = try estate.kinesis.getRecords(shardIterator: iterator)
    }

    @Test func tenMiBReplyBlocksReadsForFiveSeconds() throws {
        let (estate, stream) = try activeStream(shards: 1)
        stream.limits.writeBytesPerSecond = 1 << 30
        let data = [UInt8](repeating: 7, count: (1 << 20) - 1)
        for i in 0..<10 { _ = try estate.kinesis.putRecord(streamName: "s", data: data, partitionKey: "\(i)") }
        estate.advance(by: .seconds(1))
        let it = try estate.kinesis.getShardIterator(streamName: "s", shardID: "shardId-000000000000", type: .trimHorizon)
        let reply = try estate.kinesis.getRecords(shardIterator: it)
        #expect(reply.bytes == 10 << 20)
        estate.advance(by: .milliseconds(4_999))
        #expect(errorCode { () throws(AWSError) in try estate.kinesis.getRecords(shardIterator: reply.nextShardIterator!) } == "ProvisionedThroughputExceededException")
        estate.advance(by: .milliseconds(1))
        _ = try estate.kinesis.getRecords(shardIterator: reply.nextShardIterator!)
    }

    @Test func getShardIteratorIsLimitedToFiveASecondPerShard() throws {
        let (estate, stream) = try activeStream(shards: 2)
        estate.advance(to: SimInstant(milliseconds: 60_999))
        for _ in 0..<5 { _ = try estate.kinesis.getShardIterator(streamName: "s", shardID: "shardId-000000000000", type: .latest) }
        estate.advance(to: SimInstant(milliseconds: 61_001))
        #expect(estate.errorCode("kinesis get-shard-iterator --stream-name s --shard-id shardId-000000000000 --shard-iterator-type LATEST")
                == "ProvisionedThroughputExceededException")
        // The other shard has its own allowance.
        _ = try estate.kinesis.getShardIterator(streamName: "s", shardID: "shardId-000000000001", type: .latest)
        estate.advance(to: SimInstant(milliseconds: 61_199))
        _ = try estate.kinesis.getShardIterator(streamName: "s", shardID: "shardId-000000000000", type: .latest)
        #expect(stream.shards[0].totals.throttledShardIterators == 1)
        #expect(stream.metrics.totals.throttledShardIterators == 1)
    }
}
