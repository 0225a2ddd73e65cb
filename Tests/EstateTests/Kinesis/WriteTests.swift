import Testing
@testable import Estate

/// PutRecord and PutRecords: sequence numbers, throttling and size limits (REFERENCE §2.2, §2.4).
struct WriteTests {
    @Test func sequenceNumbersAreLongRisingAndUnique() throws {
        let (estate, _) = try activeStream(shards: 2)
        var seen = Set<String>()
        var lastByShard: [String: String] = [:]
        for i in 0..<50 {
            let r = try estate.ok("kinesis put-record --stream-name s --partition-key key-\(i % 7) --data r\(i)")
            let seq = r["SequenceNumber"]!.stringValue!, shard = r["ShardId"]!.stringValue!
            #expect(seq.count == 56 && seq.hasPrefix("49"))
            #expect(seen.insert(seq).inserted)
            if let last = lastByShard[shard] { #expect(last < seq) }  // same length: string order is numeric order
            lastByShard[shard] = seq
            if i % 10 == 0 { estate.advance(by: .milliseconds(250)) }
        }
    }

    @Test func writesWhileCreatingAreRefused() throws {
        let estate = Estate(seed: 1)
        _ = try estate.ok("kinesis create-stream --stream-name s --shard-count 1")
        #expect(try estate.ok("kinesis describe-stream-summary --stream-name s")["StreamDescriptionSummary"]?["StreamStatus"] == "CREATING")
        #expect(estate.errorCode("kinesis put-record --stream-name s --partition-key k --data d") == "ResourceNotFoundException")
        estate.advance(by: .seconds(30))
        #expect(try estate.ok("kinesis describe-stream-summary --stream-name s")["StreamDescriptionSummary"]?["StreamStatus"] == "ACTIVE")
        _ = try estate.ok("kinesis put-record --stream-name s --partition-key k --data d")
        #expect(estate.errorCode("kinesis create-stream --stream-name s --shard-count 1") == "ResourceInUseException")
        #expect(estate.errorCode("kinesis put-record --stream-name nope --partition-key k --data d") == "ResourceNotFoundException")
    }

    @Test func thousandAndFirstRecordAtOnceIsThrottledAndTheAllowanceRefillsEachMillisecond() throws {
        let (estate, stream) = try activeStream(shards: 1)
        estate.advance(to: SimInstant(milliseconds: 40_000))
        for i in 0..<1000 { _ = try estate.kinesis.putRecord(streamName: "s", text: "r", partitionKey: "k\(i)") }
        #expect(errorCode { () throws(AWSError) in try estate.kinesis.putRecord(streamName: "s", text: "r", partitionKey: "k") } == "ProvisionedThroughputExceededException")
        // 1,000 records a second is one a millisecond.
        estate.advance(by: .milliseconds(1))
        _ = try estate.kinesis.putRecord(streamName: "s", text: "r", partitionKey: "k")
        #expect(errorCode { () throws(AWSError) in try estate.kinesis.putRecord(streamName: "s", text: "r", partitionKey: "k") } == "ProvisionedThroughputExceededException")
        #expect(stream.metrics.totals.throttledWrites == 2)
    }

    @Test func bytesPerSecondCountThePartitionKey() throws {
        let (estate, _) = try activeStream(shards: 1)
        estate.advance(to: SimInstant(milliseconds: 40_000))
        let data = [UInt8](repeating: 65, count: 1 << 20 - 1)  // plus a 1-byte key: exactly 1 MiB
        _ = try estate.kinesis.putRecord(streamName: "s", data: data, partitionKey: "k")
        #expect(errorCode { () throws(AWSError) in try estate.kinesis.putRecord(streamName: "s", text: "", partitionKey: "k") } == "ProvisionedThroughputExceededException")
    }

    @Test func recordSizeLimit() throws {
        let (estate, _) = try activeStream(shards: 1)
        let mib = 1 << 20
        #expect(errorCode { () throws(AWSError) in try estate.kinesis.putRecord(streamName: "s", data: [UInt8](repeating: 1, count: mib + 1), partitionKey: "k") } == "ValidationException")
        #expect(errorCode { () throws(AWSError) in try estate.kinesis.putRecord(streamName: "s", data: [UInt8](repeating: 1, count: mib), partitionKey: "k") } == "InvalidArgumentException")
        #expect(errorCode { () throws(AWSError) in try estate.kinesis.putRecord(streamName: "s", text: "x", partitionKey: "") } == "ValidationException")
        #expect(errorCode { () throws(AWSError) in try estate.kinesis.putRecord(streamName: "s", text: "x", partitionKey: String(repeating: "k", count: 257)) } == "ValidationException")
        _ = try estate.kinesis.putRecord(streamName: "s", text: "x", partitionKey: String(repeating: "k", count: 256))
    }

    private func putRecords(_ estate: Estate, _ entries: [(String, String)]) -> Result<JSONValue, AWSError> {
        let records: [JSONValue] = entries.map { ["Data": .string($0.0), "PartitionKey": .string($0.1)] }
        return estate.execute(OperationRequest(service: "kinesis", operation: "PutRecords",
                                               parameters: ["StreamName": "s", "Records": .array(records)]))
    }

    @Test func putRecordsBatchLimits() throws {
        let (estate, _) = try activeStream(shards: 4)
        let ok = try putRecords(estate, (0..<500).map { ("r\($0)", "k\($0)") }).get()
        #expect(ok["FailedRecordCount"] == 0 && ok["Records"]?.arrayValue?.count == 500)
        estate.advance(by: .seconds(1))
        if case let .failure(e) = putRecords(estate, (0..<501).map { ("r\($0)", "k\($0)") }) { #expect(e.code == "ValidationException") } else { Issue.record("501 entries accepted") }
        let big = String(repeating: "x", count: 1 << 20 - 10)
        if case let .failure(e) = putRecords(estate, (0..<6).map { (big, "k\($0)") }) {
            #expect(e.code == "InvalidArgumentException" && e.message.contains("5 MB"))
        } else { Issue.record("over 5 MiB accepted") }
        if case let .failure(e) = putRecords(estate, [(String(repeating: "x", count: (1 << 20) + 1), "k")]) { #expect(e.code == "ValidationException") } else { Issue.record("1 MiB + 1 entry accepted") }
    }

    /// A record is its data plus its partition key: one entry over 1 MiB that way fails the whole
    /// request before anything is written, naming the entry.
    @Test func putRecordsChecksDataPlusKeyOfEveryEntryUpFront() throws {
        let (estate, stream) = try activeStream(shards: 1)
        let data = String(repeating: "x", count: (1 << 20) - 2)  // fits alone; with a 3-byte key it does not
        let result = putRecords(estate, [("a", "k1"), ("b", "k2"), (data, "key")])
        guard case let .failure(e) = result else { Issue.record("accepted: \(result)"); return }
        #expect(e.code == "ValidationException")
        #expect(e.message.contains("records.3.member"), "\(e.message)")
        #expect(stream.shards[0].retainedRecordCount == 0, "nothing written")
        let fits = try putRecords(estate, [(data, "k")]).get()
        #expect(fits["FailedRecordCount"] == 0)
    }

    @Test func putRecordsReportsThrottlingPerEntry() throws {
        let (estate, stream) = try activeStream(shards: 1)
        estate.advance(to: SimInstant(milliseconds: 40_000))
        _ = try putRecords(estate, (0..<500).map { ("r\($0)", "k\($0)") }).get()
        _ = try putRecords(estate, (0..<400).map { ("r\($0)", "k\($0)") }).get()
        let third = try putRecords(estate, (0..<300).map { ("r\($0)", "k\($0)") }).get()
        #expect(third["FailedRecordCount"] == 200)
        let rows = third["Records"]!.arrayValue!
        #expect(rows[99]["SequenceNumber"] != nil && rows[100]["ErrorCode"] == "ProvisionedThroughputExceededException")
        #expect(stream.shards[0].retainedRecordCount == 1000)
        // One bus event for the whole second, not one per record.
        estate.advance(by: .seconds(1))
        let throttleEvents = estate.bus.history.filter { $0.event.name == "WritesThrottled" }
        #expect(throttleEvents.count == 1)
        #expect(throttleEvents.first?.event.detail["ThrottledRecords"] == 200)
    }
}
