import Foundation
import Testing

/// `cloudtop serve` driven by the real aws CLI and boto3 over Kinesis's JSON 1.1 protocol.
@Suite(.enabled(if: BuiltBinary.isBuilt, BuiltBinary.missingNote), .enabled(if: Tools.available, Tools.missingNote))
struct ServeKinesisTests {
    /// Polls DescribeStreamSummary until the stream is ACTIVE (AWS takes 5–20 virtual seconds;
    /// at --speed 50 that is well under a wall second).
    private func waitActive(_ served: ServedEstate, _ stream: String) throws {
        for _ in 0..<300 {
            let summary = try served.aws(["kinesis", "describe-stream-summary", "--stream-name", stream])
            let status = ((summary.json as? [String: Any])?["StreamDescriptionSummary"] as? [String: Any])?["StreamStatus"] as? String
            if status == "ACTIVE" { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
        Issue.record("\(stream) never became ACTIVE")
    }

    @Test func awsCLICreatesWritesAndReadsAStream() throws {
        let served = try ServedEstate()
        defer { _ = try? served.stop() }

        let created = try served.aws(["kinesis", "create-stream", "--stream-name", "net-orders", "--shard-count", "2"])
        #expect(created.status == 0, "\(created.output)")
        try waitActive(served, "net-orders")

        let shards = try #require(try served.aws(["kinesis", "list-shards", "--stream-name", "net-orders"]).json as? [String: Any])
        let listed = try #require(shards["Shards"] as? [[String: Any]])
        // Two shards split the 128-bit hash key space evenly at 2^127, as AWS does.
        #expect(listed.compactMap { $0["ShardId"] as? String } == ["shardId-000000000000", "shardId-000000000001"])
        let secondRange = try #require(listed[1]["HashKeyRange"] as? [String: Any])
        #expect(secondRange["StartingHashKey"] as? String == "170141183460469231731687303715884105728")

        // The AWS CLI v1 base64-encodes --data on the wire; the shard follows MD5("k"), which is
        // 187279361568289349169310600456257773043, above 2^127: the second shard.
        let put = try #require(try served.aws(["kinesis", "put-record", "--stream-name", "net-orders", "--partition-key", "k",
                                               "--data", "hello over the wire"]).json as? [String: Any])
        #expect(put["ShardId"] as? String == "shardId-000000000001")
        let sequence = try #require(put["SequenceNumber"] as? String)

        let iterator = try #require(try served.aws(["kinesis", "get-shard-iterator", "--stream-name", "net-orders",
                                                    "--shard-id", "shardId-000000000001",
                                                    "--shard-iterator-type", "TRIM_HORIZON"]).json as? [String: Any])
        let token = try #require(iterator["ShardIterator"] as? String)
        let records = try #require(try served.aws(["kinesis", "get-records", "--shard-iterator", token]).json as? [String: Any])
        let got = try #require(records["Records"] as? [[String: Any]])
        try #require(got.count == 1, "\(records)")
        #expect(got[0]["SequenceNumber"] as? String == sequence)
        #expect(got[0]["PartitionKey"] as? String == "k")
        // The CLI prints blobs as base64: this is "hello over the wire".
        #expect(got[0]["Data"] as? String == Data("hello over the wire".utf8).base64EncodedString())
        #expect(records["NextShardIterator"] is String)

        let streams = try #require(try served.aws(["kinesis", "list-streams"]).json as? [String: Any])
        #expect((streams["StreamNames"] as? [String])?.contains("net-orders") == true)
    }

    @Test func boto3PutRecordsRoundTripsBytesAndRaisesAWSErrorClasses() throws {
        let served = try ServedEstate()
        defer { _ = try? served.stop() }
        let answer = try #require(try served.python("""
        import boto3, time, botocore.exceptions
        k = boto3.client("kinesis", endpoint_url=ENDPOINT)
        k.create_stream(StreamName="net-clicks", ShardCount=1)
        for _ in range(300):
            if k.describe_stream_summary(StreamName="net-clicks")["StreamDescriptionSummary"]["StreamStatus"] == "ACTIVE":
                break
            time.sleep(0.1)
        payloads = ["alpha", "beta \\u00e9\\u00e8", '{"n": 3}']
        put = k.put_records(StreamName="net-clicks",
                            Records=[{"Data": p.encode("utf-8"), "PartitionKey": "p%d" % i} for i, p in enumerate(payloads)])
        it = k.get_shard_iterator(StreamName="net-clicks", ShardId="shardId-000000000000",
                                  ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
        got = k.get_records(ShardIterator=it)
        # Record data is bytes, not text: every byte value, and the head of a gzip stream.
        raw = [bytes(range(256)), bytes([0x1f, 0x8b, 0x08, 0x00, 0xff, 0xfe])]
        last = None
        for i, b in enumerate(raw):
            last = k.put_record(StreamName="net-clicks", Data=b, PartitionKey="bin%d" % i)["SequenceNumber"]
        it = k.get_shard_iterator(StreamName="net-clicks", ShardId="shardId-000000000000", ShardIteratorType="AT_SEQUENCE_NUMBER",
                                  StartingSequenceNumber=put["Records"][-1]["SequenceNumber"])["ShardIterator"]
        binary = [r["Data"].hex() for r in k.get_records(ShardIterator=it)["Records"]][1:]
        summary = k.describe_stream_summary(StreamName="net-clicks")["StreamDescriptionSummary"]
        errors = {}
        try:
            k.describe_stream(StreamName="no-such-stream")
        except k.exceptions.ResourceNotFoundException as e:
            errors["missing"] = [e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"]]
        try:
            k.create_stream(StreamName="net-clicks", ShardCount=1)
        except botocore.exceptions.ClientError as e:
            errors["again"] = e.response["Error"]["Code"]
        print(json.dumps({
            "failed": put["FailedRecordCount"],
            "sequences": [r["SequenceNumber"] for r in put["Records"]],
            "data": [r["Data"].decode("utf-8") for r in got["Records"]],
            "binary": binary,
            "gotSequences": [r["SequenceNumber"] for r in got["Records"]],
            "arrivalIsDate": all(hasattr(r["ApproximateArrivalTimestamp"], "year") for r in got["Records"]),
            "openShards": summary["OpenShardCount"],
            "errors": errors,
        }))
        """) as? [String: Any])
        #expect(answer["failed"] as? Int == 0)
        #expect(answer["data"] as? [String] == ["alpha", "beta \u{e9}\u{e8}", "{\"n\": 3}"])
        let everyByte = (0..<256).map { String(format: "%02x", $0) }.joined()
        #expect(answer["binary"] as? [String] == [everyByte, "1f8b0800fffe"])
        #expect(answer["gotSequences"] as? [String] == answer["sequences"] as? [String])
        #expect(answer["arrivalIsDate"] as? Bool == true)
        #expect(answer["openShards"] as? Int == 1)
        let errors = try #require(answer["errors"] as? [String: Any])
        // boto3 raised its modelled exception class with AWS's code and status.
        #expect(errors["missing"] as? [AnyHashable] == ["ResourceNotFoundException", 400])
        #expect(errors["again"] as? String == "ResourceInUseException")
    }

    @Test func unknownOperationsAndTargetsAreAnsweredInJSONShape() throws {
        let served = try ServedEstate()
        defer { _ = try? served.stop() }
        let answer = try #require(try served.python("""
        import urllib.request, urllib.error
        def call(target, body=b"{}"):
            req = urllib.request.Request(ENDPOINT + "/", data=body, method="POST",
                                         headers={"X-Amz-Target": target, "Content-Type": "application/x-amz-json-1.1"})
            try:
                with urllib.request.urlopen(req) as r:
                    return [r.status, json.loads(r.read())]
            except urllib.error.HTTPError as e:
                return [e.code, json.loads(e.read())]
        print(json.dumps({
            "op": call("Kinesis_20131202.Frobnicate"),
            "service": call("Nonesuch_20200101.ListThings"),
            "badJSON": call("Kinesis_20131202.ListStreams", b"{not json"),
            "ok": call("Kinesis_20131202.ListStreams"),
        }))
        """) as? [String: Any])
        func check(_ key: String, status: Int, type: String, mentions: String) {
            let pair = answer[key] as? [Any]
            #expect(pair?.first as? Int == status, "\(key): \(String(describing: pair))")
            let body = pair?.last as? [String: Any]
            #expect(body?["__type"] as? String == type, "\(key): \(String(describing: body))")
            #expect((body?["message"] as? String)?.contains(mentions) == true, "\(key): \(String(describing: body))")
        }
        check("op", status: 400, type: "UnknownOperationException", mentions: "Frobnicate")
        check("service", status: 400, type: "UnknownOperationException", mentions: "Nonesuch_20200101")
        check("badJSON", status: 400, type: "SerializationException", mentions: "offset")
        #expect((answer["ok"] as? [Any])?.first as? Int == 200)
    }

    @Test func sigtermStopsTheServerCleanly() throws {
        let served = try ServedEstate()
        let finished = try served.stop()
        #expect(finished.status == 0, "stderr: \(finished.stderr)")
        #expect(finished.stdout.contains("cloudtop: stopped"))
    }
}
