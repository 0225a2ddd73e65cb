@testable import Estate
import Testing

/// Enhanced fan-out on virtual time: each consumer reads each shard at 2 MiB/s (a second's
/// allowance at most), and a subscription ends after five minutes.
@Suite struct FanOutTests {
    func call(_ estate: Estate, _ operation: String, _ parameters: JSONValue) throws -> JSONValue {
        try estate.execute(OperationRequest(service: "kinesis", operation: operation, parameters: parameters)).get()
    }

    @Test func pushesTwoMebibytesASecondPerShardAndEndsAfterFiveMinutes() throws {
        let (estate, stream) = try activeStream(shards: 1)
        // Eight records of 512 KiB with a one-byte key: 524,289 bytes each, one a second (two would pass the shard's 1 MiB/s).
        let blob = Array(String(repeating: "abcdefgh", count: 65_536).utf8)
        for i in 0..<8 {
            _ = try estate.kinesis.write(stream, data: blob, partitionKey: "k", explicitHashKey: nil)
            estate.advance(by: .seconds(1))
        }
        let consumer = try call(estate, "RegisterStreamConsumer", ["StreamARN": .string(stream.arn), "ConsumerName": "c"])
        let arn = try #require(consumer["Consumer"]?["ConsumerARN"]?.stringValue)
        estate.advance(by: .seconds(6))
        let first = try call(estate, "SubscribeToShard", ["ConsumerARN": .string(arn), "ShardId": "shardId-000000000000",
                                                          "StartingPosition": ["Type": "TRIM_HORIZON"]])
        func count(_ event: JSONValue?) -> Int? { event?["Records"]?.arrayValue?.count }
        // 2,097,152 bytes of allowance: three records (1,572,867); a fourth would pass it.
        #expect(count(first["EventStream"]?["SubscribeToShardEvent"]) == 3)
        let next = { estate.kinesis.nextSubscriptionEvent(consumerARN: arn, shardID: "shardId-000000000000") }
        // 524,285 bytes left: not one more record until time passes.
        #expect(count(next()) == 0)
        // Half a second adds 1,048,576: 1,572,861 in all, two records (1,048,578) but not three.
        estate.advance(by: .milliseconds(500))
        #expect(count(next()) == 2)
        // Ten seconds refill only up to one second's worth; the last three records fit in it.
        estate.advance(by: .seconds(10))
        let rest = next()
        #expect(count(rest) == 3)
        #expect(rest?["MillisBehindLatest"] == .int(0))
        // Five minutes after it started, the subscription is over.
        estate.advance(by: .milliseconds(5 * 60_000 - 10_500 - 1))
        #expect(next() != nil)
        estate.advance(by: .milliseconds(1))
        #expect(next() == nil)
    }

    /// DescribeStreamSummary's ConsumerCount is the number of consumers registered on the stream,
    /// until a deregistered one is gone.
    @Test func theSummaryCountsRegisteredConsumers() throws {
        let (estate, stream) = try activeStream(shards: 1)
        func count() throws -> JSONValue? {
            try call(estate, "DescribeStreamSummary", ["StreamName": .string(stream.name)])["StreamDescriptionSummary"]?["ConsumerCount"]
        }
        #expect(try count() == .int(0))
        let first = try call(estate, "RegisterStreamConsumer", ["StreamARN": .string(stream.arn), "ConsumerName": "a"])
        _ = try call(estate, "RegisterStreamConsumer", ["StreamARN": .string(stream.arn), "ConsumerName": "b"])
        #expect(try count() == .int(2))
        estate.advance(by: .seconds(10))
        let arn = try #require(first["Consumer"]?["ConsumerARN"]?.stringValue)
        _ = try call(estate, "DeregisterStreamConsumer", ["ConsumerARN": .string(arn)])
        estate.advance(by: .seconds(60))
        #expect(try count() == .int(1))
    }

    @Test func aSecondSubscriptionWithinFiveSecondsIsRefused() throws {
        let (estate, stream) = try activeStream(shards: 1)
        let consumer = try call(estate, "RegisterStreamConsumer", ["StreamARN": .string(stream.arn), "ConsumerName": "c"])
        let arn = try #require(consumer["Consumer"]?["ConsumerARN"]?.stringValue)
        let subscribe: JSONValue = ["ConsumerARN": .string(arn), "ShardId": "shardId-000000000000", "StartingPosition": ["Type": "LATEST"]]
        func code() -> String? {
            if case let .failure(e) = estate.execute(OperationRequest(service: "kinesis", operation: "SubscribeToShard", parameters: subscribe)) { return e.code }
            return nil
        }
        #expect(code() == "ResourceInUseException", "CREATING consumers cannot subscribe")
        estate.advance(by: .seconds(5))
        #expect(code() == nil)
        estate.advance(by: .milliseconds(4_999))
        #expect(code() == "ResourceInUseException")
        estate.advance(by: .milliseconds(1))
        #expect(code() == nil, "five seconds on, a new subscription replaces the old")
    }
}
