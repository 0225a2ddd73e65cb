@testable import Estate
import Foundation
import Testing
@testable import Gateway

/// Kinesis's JSON 1.1 protocol translated onto the estate's operations, without a socket.
@Suite struct JSONProtocolTests {
    let estate = Estate(seed: 3)
    var gateway: Gateway { Gateway(estate: estate) }

    func call(_ operation: String, _ body: String, target: String = "Kinesis_20131202") -> WireResponse {
        let request = WireRequest(method: "POST", path: "/", headers: ["X-Amz-Target": "\(target).\(operation)",
                                                                       "Content-Type": "application/x-amz-json-1.1"],
                                  body: Array(body.utf8))
        return gateway.respond(to: request) { estate.execute($0) }
    }

    func json(_ response: WireResponse) throws -> JSONValue { try JSONParser.parse(response.bodyText) }

    @Test func putRecordDecodesBase64DataAndGetRecordsAnswersBase64() throws {
        #expect(call("CreateStream", #"{"StreamName":"s","ShardCount":1}"#).status == 200)
        estate.advance(by: .seconds(30))
        // "hello" in base64; the estate stores the text, as `kinesis put-record --data hello` does.
        let put = call("PutRecord", #"{"StreamName":"s","PartitionKey":"k","Data":"aGVsbG8="}"#)
        #expect(put.status == 200, "\(put.bodyText)")
        #expect(try json(put)["ShardId"] == .string("shardId-000000000000"))
        let stored = try #require(estate.kinesis.stream(named: "s")?.shards.first?.records.record(ordinal: 0))
        #expect(stored.data == Array("hello".utf8))

        let iterator = try json(call("GetShardIterator", #"{"StreamName":"s","ShardId":"shardId-000000000000","ShardIteratorType":"TRIM_HORIZON"}"#))
        let token = try #require(iterator["ShardIterator"]?.stringValue)
        let got = try json(call("GetRecords", #"{"ShardIterator":"\#(token)"}"#))
        #expect(got["Records"]?.arrayValue?.first?["Data"] == .string("aGVsbG8="))
    }

    @Test func putRecordsDecodesEveryEntrysData() throws {
        _ = call("CreateStream", #"{"StreamName":"s","ShardCount":1}"#)
        estate.advance(by: .seconds(30))
        let body = #"{"StreamName":"s","Records":[{"Data":"b25l","PartitionKey":"a"},{"Data":"dHdv","PartitionKey":"b"}]}"#
        let put = try json(call("PutRecords", body))
        #expect(put["FailedRecordCount"] == .int(0))
        let shard = try #require(estate.kinesis.stream(named: "s")?.shards.first)
        #expect(shard.records.record(ordinal: 0)?.data == Array("one".utf8))
        #expect(shard.records.record(ordinal: 1)?.data == Array("two".utf8))
    }

    @Test func recordDataIsBytesNotText() throws {
        _ = call("CreateStream", #"{"StreamName":"s","ShardCount":1}"#)
        estate.advance(by: .seconds(30))
        // 00 ff fe 80 0a: not UTF-8 (ff and fe never occur in it; 80 cannot start a character).
        let bytes: [UInt8] = [0x00, 0xFF, 0xFE, 0x80, 0x0A]
        let encoded = Data(bytes).base64EncodedString()
        #expect(encoded == "AP/+gAo=")
        let put = call("PutRecord", #"{"StreamName":"s","PartitionKey":"k","Data":"AP/+gAo="}"#)
        #expect(put.status == 200, "\(put.bodyText)")
        let batch = call("PutRecords", #"{"StreamName":"s","Records":[{"Data":"AP/+gAo=","PartitionKey":"a"},{"Data":"b25l","PartitionKey":"b"}]}"#)
        #expect(try json(batch)["FailedRecordCount"] == .int(0), "\(batch.bodyText)")
        let shard = try #require(estate.kinesis.stream(named: "s")?.shards.first)
        #expect(shard.records.record(ordinal: 0)?.data == bytes)
        #expect(shard.records.record(ordinal: 1)?.data == bytes)
        #expect(shard.records.record(ordinal: 2)?.data == Array("one".utf8))
        // A record's size is its bytes: 1 MiB of data and a one-byte key is one byte too many.
        let tooBig = Data(repeating: 0xFF, count: 1 << 20).base64EncodedString()
        let refused = call("PutRecords", #"{"StreamName":"s","Records":[{"Data":"\#(tooBig)","PartitionKey":"a"}]}"#)
        #expect(try json(refused)["__type"] == .string("ValidationException"))

        let iterator = try json(call("GetShardIterator", #"{"StreamName":"s","ShardId":"shardId-000000000000","ShardIteratorType":"TRIM_HORIZON"}"#))
        let token = try #require(iterator["ShardIterator"]?.stringValue)
        let got = try json(call("GetRecords", #"{"ShardIterator":"\#(token)"}"#))
        #expect(got["Records"]?.arrayValue?.map { $0["Data"] } == [.string(encoded), .string(encoded), .string("b25l")])
    }

    @Test func aBodyOfOnlyWhitespaceIsAnEmptyInput() throws {
        let listed = call("ListStreams", " \r\n\t ")
        #expect(listed.status == 200, "\(listed.bodyText)")
        #expect(try json(listed)["StreamNames"] == .array([]))
        // Anything else must be JSON; the offset counts from the body's first byte.
        let bad = call("ListStreams", "  {x")
        #expect(try json(bad)["__type"] == .string("SerializationException"))
        #expect(try json(bad)["message"]?.stringValue?.contains("offset 3") == true, "\(bad.bodyText)")
    }

    @Test func timestampsSentAsEpochNumbersReachTheOperationAsText() throws {
        _ = call("CreateStream", #"{"StreamName":"s","ShardCount":1}"#)
        estate.advance(by: .seconds(30))
        let start = SimCalendar.unixSeconds(estate.now)
        let answer = call("GetShardIterator", #"{"StreamName":"s","ShardId":"shardId-000000000000","ShardIteratorType":"AT_TIMESTAMP","Timestamp":\#(start)}"#)
        #expect(answer.status == 200, "\(answer.bodyText)")
    }

    @Test func errorsCarryTypeMessageAndStatus() throws {
        let missing = call("DescribeStream", #"{"StreamName":"nope"}"#)
        #expect(missing.status == 400)
        #expect(missing.header("Content-Type") == "application/x-amz-json-1.1")
        #expect(try json(missing)["__type"] == .string("ResourceNotFoundException"))
        #expect(try json(missing)["message"]?.stringValue?.contains("nope") == true)

        let unknown = call("Frobnicate", "{}")
        #expect(unknown.status == 400)
        #expect(try json(unknown)["__type"] == .string("UnknownOperationException"))

        let notBase64 = call("PutRecord", #"{"StreamName":"s","PartitionKey":"k","Data":"@@@"}"#)
        #expect(try json(notBase64)["__type"] == .string("SerializationException"))

        let array = call("ListStreams", "[]")
        #expect(try json(array)["__type"] == .string("SerializationException"))
    }

    @Test func aFailedRequestChangesNothing() throws {
        _ = call("CreateStream", #"{"StreamName":"s","ShardCount":1}"#)
        estate.advance(by: .seconds(30))
        let before = estate.dump()
        _ = call("PutRecord", #"{"StreamName":"s","PartitionKey":"k","Data":"@@@"}"#)
        _ = call("Frobnicate", "{}")
        #expect(estate.dump() == before)
    }
}
