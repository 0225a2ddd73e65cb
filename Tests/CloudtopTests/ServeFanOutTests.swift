import Foundation
import Testing

/// Kinesis enhanced fan-out over the endpoint, driven by boto3: consumers registered and
/// described, and SubscribeToShard's event stream read by botocore's own decoder (which checks
/// the prelude and message CRCs).
@Suite(.enabled(if: BuiltBinary.isBuilt, BuiltBinary.missingNote), .enabled(if: Tools.available, Tools.missingNote))
struct ServeFanOutTests {
    static let setup = """
    import boto3, botocore, time
    k = boto3.client("kinesis", endpoint_url=ENDPOINT)
    def code(call):
        try:
            call()
            return None
        except botocore.exceptions.ClientError as e:
            return e.response["Error"]["Code"]
    def stream(name):
        k.create_stream(StreamName=name, ShardCount=1)
        for _ in range(200):
            d = k.describe_stream_summary(StreamName=name)["StreamDescriptionSummary"]
            if d["StreamStatus"] == "ACTIVE":
                return d["StreamARN"]
            time.sleep(0.05)
    def active(arn, name):
        for _ in range(200):
            c = k.describe_stream_consumer(StreamARN=arn, ConsumerName=name)["ConsumerDescription"]
            if c["ConsumerStatus"] == "ACTIVE":
                return c
            time.sleep(0.05)

    """

    /// At --speed 2, so the 5 virtual seconds in which a second subscription is refused last
    /// long enough in wall time for the script to try one.
    @Test func boto3RegistersConsumersAndReadsPushedRecords() throws {
        let served = try ServedEstate(speed: 2)
        defer { _ = try? served.stop() }
        let answer = try #require(try served.python(Self.setup + """
        arn = stream("fan")
        reg = k.register_stream_consumer(StreamARN=arn, ConsumerName="audit")["Consumer"]
        out = {"registered": [reg["ConsumerName"], reg["ConsumerStatus"]], "arn": reg["ConsumerARN"]}
        out["duplicate"] = code(lambda: k.register_stream_consumer(StreamARN=arn, ConsumerName="audit"))
        out["creating"] = code(lambda: k.subscribe_to_shard(ConsumerARN=reg["ConsumerARN"], ShardId="shardId-000000000000",
                                                            StartingPosition={"Type": "TRIM_HORIZON"}))
        c = active(arn, "audit")
        out["described"] = [c["ConsumerStatus"], c["StreamARN"] == arn]
        out["listed"] = [x["ConsumerName"] for x in k.list_stream_consumers(StreamARN=arn)["Consumers"]]
        sent = [b"payload-%d-" % i + b"x" * i for i in range(20)]
        for i, data in enumerate(sent):
            k.put_record(StreamName="fan", Data=data, PartitionKey="p%d" % i)
        sub = k.subscribe_to_shard(ConsumerARN=c["ConsumerARN"], ShardId="shardId-000000000000",
                                   StartingPosition={"Type": "TRIM_HORIZON"})
        got, continuation = [], None
        for event in sub["EventStream"]:
            e = event["SubscribeToShardEvent"]
            got += [r["Data"] for r in e["Records"]]
            continuation = e["ContinuationSequenceNumber"]
            if len(got) >= 20:
                break
        out["data"] = got == sent
        out["again"] = code(lambda: k.subscribe_to_shard(ConsumerARN=c["ConsumerARN"], ShardId="shardId-000000000000",
                                                         StartingPosition={"Type": "LATEST"}))
        k.deregister_stream_consumer(StreamARN=arn, ConsumerName="audit")
        out["deregistering"] = k.describe_stream_consumer(ConsumerARN=c["ConsumerARN"])["ConsumerDescription"]["ConsumerStatus"]
        for _ in range(200):
            if not k.list_stream_consumers(StreamARN=arn)["Consumers"]:
                break
            time.sleep(0.05)
        out["gone"] = code(lambda: k.describe_stream_consumer(ConsumerARN=c["ConsumerARN"]))
        print(json.dumps(out))
        """) as? [String: Any])
        #expect(answer["registered"] as? [String] == ["audit", "CREATING"], "\(answer)")
        // AWS's consumer ARN: the stream's ARN, /consumer/NAME:creation epoch seconds.
        #expect((answer["arn"] as? String)?.contains(":stream/fan/consumer/audit:") == true, "\(answer)")
        #expect(answer["duplicate"] as? String == "ResourceInUseException", "\(answer)")
        #expect(answer["creating"] as? String == "ResourceInUseException", "a consumer must be ACTIVE to subscribe: \(answer)")
        let described = answer["described"] as? [Any]
        #expect(described?.first as? String == "ACTIVE" && described?.last as? Bool == true, "\(answer)")
        #expect(answer["listed"] as? [String] == ["audit"], "\(answer)")
        #expect(answer["data"] as? Bool == true, "every record's bytes arrive in order through the event stream: \(answer)")
        // A second subscription to the same shard within 5 seconds is refused.
        #expect(answer["again"] as? String == "ResourceInUseException", "\(answer)")
        #expect(answer["deregistering"] as? String == "DELETING", "\(answer)")
        #expect(answer["gone"] as? String == "ResourceNotFoundException", "\(answer)")
    }

    @Test func pushesAtMostTwoMebibytesASecondAndEndsAfterFiveMinutes() throws {
        let served = try ServedEstate()
        defer { _ = try? served.stop() }
        let answer = try #require(try served.python(Self.setup + """
        arn = stream("bulk")
        # Six records of 512 KiB (key "k"): 3 MiB waiting, written under the shard's 1 MiB/s limit.
        blob = bytes(range(32, 96)) * 8192
        for i in range(6):
            while True:
                try:
                    k.put_record(StreamName="bulk", Data=blob, PartitionKey="k")
                    break
                except botocore.exceptions.ClientError as e:
                    if e.response["Error"]["Code"] != "ProvisionedThroughputExceededException":
                        raise
                    time.sleep(0.05)
        c = (k.register_stream_consumer(StreamARN=arn, ConsumerName="bulk-reader"), active(arn, "bulk-reader"))[1]
        sub = k.subscribe_to_shard(ConsumerARN=c["ConsumerARN"], ShardId="shardId-000000000000",
                                   StartingPosition={"Type": "TRIM_HORIZON"})
        sizes, total = [], 0
        started = time.monotonic()
        for event in sub["EventStream"]:
            records = event["SubscribeToShardEvent"]["Records"]
            sizes.append(sum(len(r["Data"]) + len(r["PartitionKey"]) for r in records))
            total += len(records)
            assert all(r["Data"] == blob for r in records)
        print(json.dumps({"first": sizes[0], "records": total, "seconds": time.monotonic() - started}))
        """) as? [String: Any])
        // The first push holds one second's allowance: 3 records (3 × 524,289 bytes); a fourth would pass 2 MiB.
        #expect(answer["first"] as? Int == 3 * 524_289, "\(answer)")
        #expect(answer["records"] as? Int == 6, "the rest follow in later pushes: \(answer)")
        // The stream ended by itself: five virtual minutes, 6 s of wall time at --speed 50.
        let seconds = answer["seconds"] as? Double ?? 0
        #expect(seconds > 4 && seconds < 40, "\(answer)")
    }
}
