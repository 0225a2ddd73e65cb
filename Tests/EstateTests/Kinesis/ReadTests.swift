import Foundation
import Testing
@testable import Estate

/// Iterators and GetRecords (REFERENCE §2.3, §2.4).
struct ReadTests {
    /// A 1-shard stream holding records r0…r4, one a second.
    func filled() throws -> (Estate, [String]) {
        let (estate, _) = try activeStream(shards: 1)
        var seqs: [String] = []
        for i in 0..<5 {
            seqs.append(try estate.kinesis.putRecord(streamName: "s", text: "r\(i)", partitionKey: "k").sequenceNumber.description)
            estate.advance(by: .seconds(1))
        }
        return (estate, seqs)
    }

    func iterator(_ estate: Estate, _ options: String) throws -> String {
        try estate.ok("kinesis get-shard-iterator --stream-name s --shard-id shardId-000000000000 \(options)")["ShardIterator"]!.stringValue!
    }

    func read(_ estate: Estate, _ iterator: String, limit: Int = 100) throws -> (data: [String], json: JSONValue) {
        let json = try estate.ok("kinesis get-records --shard-iterator \(iterator) --limit \(limit)")
        let data = json["Records"]!.arrayValue!.map { String(decoding: Data(base64Encoded: $0["Data"]!.stringValue!)!, as: UTF8.self) }
        return (data, json)
    }

    @Test func everyIteratorType() throws {
        let (estate, seqs) = try filled()
        #expect(try read(estate, iterator(estate, "--shard-iterator-type TRIM_HORIZON")).data == ["r0", "r1", "r2", "r3", "r4"])
        #expect(try read(estate, iterator(estate, "--shard-iterator-type LATEST")).data == [])
        #expect(try read(estate, iterator(estate, "--shard-iterator-type AT_SEQUENCE_NUMBER --starting-sequence-number \(seqs[2])")).data == ["r2", "r3", "r4"])
        #expect(try read(estate, iterator(estate, "--shard-iterator-type AFTER_SEQUENCE_NUMBER --starting-sequence-number \(seqs[2])")).data == ["r3", "r4"])
        estate.advance(by: .seconds(1))
        // Records arrived at 30 s, 31 s, …; the virtual epoch is 1767225600.
        #expect(try read(estate, iterator(estate, "--shard-iterator-type AT_TIMESTAMP --timestamp 1767225632")).data == ["r2", "r3", "r4"])
        #expect(try read(estate, iterator(estate, "--shard-iterator-type AT_TIMESTAMP --timestamp 2026-01-01T00:00:33Z")).data == ["r3", "r4"])
        #expect(try read(estate, iterator(estate, "--shard-iterator-type AT_TIMESTAMP --timestamp 2025-01-01T00:00:00Z")).data.count == 5)
        #expect(estate.errorCode("kinesis get-shard-iterator --stream-name s --shard-id shardId-000000000000 --shard-iterator-type AT_SEQUENCE_NUMBER") == "InvalidArgumentException")
        #expect(estate.errorCode("kinesis get-shard-iterator --stream-name s --shard-id shardId-000000000000 --shard-iterator-type SOMEWHERE") == "ValidationException")
        #expect(estate.errorCode("kinesis get-shard-iterator --stream-name s --shard-id shardId-000000000009 --shard-iterator-type LATEST") == "ResourceNotFoundException")
    }

    @Test func latestSeesOnlyLaterRecords() throws {
        let (estate, _) = try filled()
        let it = try iterator(estate, "--shard-iterator-type LATEST")
        _ = try estate.kinesis.putRecord(streamName: "s", text: "new", partitionKey: "k")
        let (data, json) = try read(estate, it)
        #expect(data == ["new"])
        #expect(json["MillisBehindLatest"] == 0)
        let record = json["Records"]!.arrayValue![0]
        #expect(record["PartitionKey"] == "k")
        #expect(record["ApproximateArrivalTimestamp"] == .double(1_767_225_635))
        #expect(record["Data"] == "bmV3")  // base64 of "new", as the AWS CLI prints it
    }

    @Test func limitAndNextIteratorContinue() throws {
        let (estate, _) = try filled()
        let first = try read(estate, iterator(estate, "--shard-iterator-type TRIM_HORIZON"), limit: 2)
        #expect(first.data == ["r0", "r1"])
        #expect(first.json["MillisBehindLatest"]!.intValue! > 0)
        let second = try read(estate, first.json["NextShardIterator"]!.stringValue!, limit: 10)
        #expect(second.data == ["r2", "r3", "r4"])
        #expect(estate.errorCode("kinesis get-records --shard-iterator \(first.json["NextShardIterator"]!.stringValue!) --limit 0") == "ValidationException")
        #expect(estate.errorCode("kinesis get-records --shard-iterator \(first.json["NextShardIterator"]!.stringValue!) --limit 10001") == "ValidationException")
        #expect(estate.errorCode("kinesis get-records --shard-iterator garbage") == "InvalidArgumentException")
    }

    @Test func iteratorsExpireAfterFiveVirtualMinutes() throws {
        let (estate, _) = try filled()
        let it = try iterator(estate, "--shard-iterator-type TRIM_HORIZON")
        estate.advance(by: .minutes(5))
        #expect(try read(estate, it).data.count == 5)  // exactly five minutes old still works
        let older = try iterator(estate, "--shard-iterator-type TRIM_HORIZON")
        estate.advance(by: .minutes(5) + .milliseconds(1))
        #expect(estate.errorCode("kinesis get-records --shard-iterator \(older)") == "ExpiredIteratorException")
    }

    @Test func sixthGetRecordsInOneSecondIsThrottled() throws {
        let (estate, _) = try filled()
        estate.advance(to: SimInstant(milliseconds: 60_000))
        var it = try iterator(estate, "--shard-iterator-type TRIM_HORIZON")
        for _ in 0..<5 { it = try estate.ok("kinesis get-records --shard-iterator \(it)")["NextShardIterator"]!.stringValue! }
        #expect(estate.errorCode("kinesis get-records --shard-iterator \(it)") == "ProvisionedThroughputExceededException")
        estate.advance(by: .seconds(1))
        _ = try estate.ok("kinesis get-records --shard-iterator \(it)")
    }

    @Test func largeRepliesUseUpTheReadAllowance() throws {
        let (estate, _) = try activeStream(shards: 1)
        let data = [UInt8](repeating: 7, count: 900_000)
        for _ in 0..<3 {  // 2.7 MB, one a second to stay under the write limit
            _ = try estate.kinesis.putRecord(streamName: "s", data: data, partitionKey: "k")
            estate.advance(by: .seconds(1))
        }
        let it = try estate.kinesis.getShardIterator(streamName: "s", shardID: "shardId-000000000000", type: .trimHorizon)
        let reply = try estate.kinesis.getRecords(shardIterator: it)
        #expect(reply.records.count == 3)
        estate.advance(by: .seconds(1))
        #expect(errorCode { () throws(AWSError) in try estate.kinesis.getRecords(shardIterator: reply.nextShardIterator!) } == "ProvisionedThroughputExceededException")
        estate.advance(by: .seconds(1))
        _ = try estate.kinesis.getRecords(shardIterator: reply.nextShardIterator!)
    }
}
