import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// moto's server, where Python has it (with its server's extras).
enum Moto {
    static let available: Bool = {
        guard let python = Tools.python else { return false }
        let check = try? ChildProcess.run(python, ["-c", "import moto.server"], environment: ProcessInfo.processInfo.environment)
        return check?.status == 0
    }()
}

/// The same boto3 script against `cloudtop serve` and moto's own server, operation by operation:
/// each answer reduced to its shape (the keys, recursively, and the type of each value) or to its
/// error code and HTTP status, and the two compared. Where they differ, the difference is one of
/// the listed departures below, each with the side AWS is on; anything else fails.
@Suite(.enabled(if: BuiltBinary.isBuilt, BuiltBinary.missingNote),
       .enabled(if: Moto.available, "needs moto's server (pip install 'moto[server]'; .ci/run installs moto)"))
struct MotoDifferentialTests {
    /// A key present on one side only, at a path of keys (lists are looked through).
    struct Departure {
        let service: String
        let operation: String
        let path: [String]
        let why: String
    }

    /// Where moto departs from AWS and cloudtop follows AWS: the key is in cloudtop's answer (as in
    /// AWS's documented output) and missing from moto's.
    static let motoDepartures: [Departure] = [
        // AWS: "ConsumerCount — The number of enhanced fan-out consumers registered with the stream."
        Departure(service: "kinesis", operation: "DescribeStreamSummary", path: ["StreamDescriptionSummary", "ConsumerCount"],
                  why: "DescribeStreamSummary's output has ConsumerCount; moto leaves it out"),
        // AWS's StreamDescription carries StreamModeDetails (PROVISIONED or ON_DEMAND) in DescribeStream too.
        Departure(service: "kinesis", operation: "DescribeStream", path: ["StreamDescription", "StreamModeDetails"],
                  why: "DescribeStream's StreamDescription has StreamModeDetails; moto has it only in the summary"),
    ]

    /// Where moto departs from AWS on an error: AWS (and cloudtop) answer with this code and status.
    static let motoErrorDepartures: [(service: String, operation: String, code: String, status: Int, why: String)] = [
        // AT_SEQUENCE_NUMBER without StartingSequenceNumber is a bad argument for AWS; moto fails with a 500.
        ("kinesis", "Error.GetShardIterator.atSequence", "InvalidArgumentException", 400, "moto answers HTTP 500"),
    ]

    /// Where cloudtop departs from AWS and moto follows it: the key is in moto's answer and
    /// missing from cloudtop's. Known gaps, listed so that closing one shows here.
    static let cloudtopGaps: [Departure] = [
        // boto3 sends a CRC32 checksum with each upload by default (botocore 1.36, "when_supported"),
        // and S3 answers with it; cloudtop keeps no additional checksums.
        Departure(service: "s3", operation: "PutObject", path: ["ChecksumCRC32"], why: "no additional checksums"),
        Departure(service: "s3", operation: "GetObject", path: ["ChecksumCRC32"], why: "no additional checksums"),
        Departure(service: "s3", operation: "ListObjectsV2", path: ["Contents", "ChecksumAlgorithm"], why: "no additional checksums"),
    ]

    @Test func kinesisAndS3AnswerInAWSsShapesOperationByOperation() throws {
        let python = try #require(Tools.python)
        let served = try ServedEstate()
        defer { _ = try? served.stop() }
        let motoPort = try ListenDashboardEndToEndTests.freePort()
        let moto = try PipedProcess(python, ["-m", "moto.server", "-p", String(motoPort)])
        defer { kill(moto.pid, SIGTERM); _ = try? moto.finish(timeoutSeconds: 10) }

        let run = try ChildProcess.run(python, ["-c", Self.script, served.endpoint, "http://127.0.0.1:\(motoPort)"], environment: ServedEstate.toolEnvironment)
        try #require(run.status == 0, "the script failed:\n\(run.output)")
        let last = run.output.split(separator: "\n").last.map(String.init) ?? ""
        let both = try #require(try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any])
        let cloudtop = try #require(both["cloudtop"] as? [String: [String: Any]])
        let motoAnswers = try #require(both["moto"] as? [String: [String: Any]])

        for service in ["kinesis", "s3"] {
            let ours = try #require(cloudtop[service]), theirs = try #require(motoAnswers[service])
            #expect(Set(ours.keys) == Set(theirs.keys), "\(service): the same operations ran on both")
            for operation in ours.keys.sorted() {
                var a = ours[operation] ?? NSNull(), b = theirs[operation] ?? NSNull()
                if let e = Self.motoErrorDepartures.first(where: { $0.service == service && $0.operation == operation }) {
                    let answer = a as? [String: Any]
                    #expect(answer?["error"] as? String == e.code && answer?["status"] as? Int == e.status, "\(service) \(operation): \(Self.text(a))")
                    #expect(Self.text(b) != Self.text(a), "\(service) \(operation): moto now agrees with AWS (\(e.why)); drop the departure")
                    continue
                }
                for d in Self.motoDepartures where d.service == service && d.operation == operation {
                    var found = false
                    (a, found) = Self.removing(["ok"] + d.path, from: a)
                    #expect(found, "\(service) \(operation): cloudtop's answer lacks \(d.path) (\(d.why))")
                }
                for d in Self.cloudtopGaps where d.service == service && d.operation == operation {
                    var found = false
                    (b, found) = Self.removing(["ok"] + d.path, from: b)
                    #expect(found, "\(service) \(operation): moto no longer answers with \(d.path); drop the gap")
                }
                #expect(Self.text(a) == Self.text(b), "\(service) \(operation):\n  cloudtop \(Self.text(a))\n  moto     \(Self.text(b))")
            }
        }
        // The data went through, not only the shapes.
        #expect((cloudtop["kinesis"]?["GetRecords"] as? [String: Any])?["data"] as? [String] == ["hello"])
        #expect((cloudtop["s3"]?["GetObject"] as? [String: Any])?["body"] as? String == "hello")
    }

    /// Where moto departs from AWS on the REST services' and Managed Flink's errors: what AWS (and
    /// cloudtop) answer instead.
    static let restErrorDepartures: [String: (code: String, status: Int, why: String)] = [
        // AWS's CreateDomain refuses a name in use: "ResourceAlreadyExistsException … HTTP Status Code: 409".
        "opensearch.CreateDomain.exists": ("ResourceAlreadyExistsException", 409, "moto creates the domain a second time"),
        // AWS's DescribeApplication and StopApplication name a missing application ResourceNotFoundException (400).
        "kinesisanalyticsv2.DescribeApplication.missing": ("ResourceNotFoundException", 400, "moto answers HTTP 500"),
        "kinesisanalyticsv2.StopApplication.missing": ("ResourceNotFoundException", 400, "moto answers HTTP 500"),
        "kinesisanalyticsv2.StartApplication.missing": ("ResourceNotFoundException", 400, "moto answers HTTP 500"),
        // ListVersionsByFunction's errors include ResourceNotFoundException (404) for a missing function.
        "lambda.ListVersionsByFunction.missing": ("ResourceNotFoundException", 404, "moto lists no versions instead"),
    ]

    @Test func lambdaOpenSearchCloudFrontAndFlinkErrorsMatchOperationByOperation() throws {
        let python = try #require(Tools.python)
        let served = try ServedEstate()
        defer { _ = try? served.stop() }
        let motoPort = try ListenDashboardEndToEndTests.freePort()
        let moto = try PipedProcess(python, ["-m", "moto.server", "-p", String(motoPort)])
        defer { kill(moto.pid, SIGTERM); _ = try? moto.finish(timeoutSeconds: 10) }
        let run = try ChildProcess.run(python, ["-c", Self.restErrorScript, served.endpoint, "http://127.0.0.1:\(motoPort)"],
                                       environment: ServedEstate.toolEnvironment)
        try #require(run.status == 0, "the script failed:\n\(run.output)")
        let last = run.output.split(separator: "\n").last.map(String.init) ?? ""
        let both = try #require(try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any])
        let ours = try #require(both["cloudtop"] as? [String: Any]), theirs = try #require(both["moto"] as? [String: Any])
        #expect(Set(ours.keys) == Set(theirs.keys))
        #expect(ours.count == 13)
        for call in ours.keys.sorted() {
            let a = Self.text(ours[call] ?? NSNull()), b = Self.text(theirs[call] ?? NSNull())
            if let d = Self.restErrorDepartures[call] {
                #expect(a == Self.text([d.code, d.status]), "\(call): cloudtop \(a)")
                #expect(b != a, "\(call): moto now agrees with AWS (\(d.why)); drop the departure")
                continue
            }
            #expect(a == b, "\(call):\n  cloudtop \(a)\n  moto     \(b)")
        }
    }

    /// Each call's error code and HTTP status, or "ok"; every call but the departures fails on both.
    static let restErrorScript = #"""
    import json, sys, time, socket
    import boto3, botocore.exceptions
    from botocore.config import Config

    def client(service, endpoint):
        return boto3.client(service, endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x",
                            config=Config(retries={"max_attempts": 1}))

    def outcome(f):
        try:
            f()
            return "ok"
        except botocore.exceptions.ClientError as e:
            return [e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"]]

    def calls(endpoint):
        lam, es, cf, ka = (client(s, endpoint) for s in ("lambda", "opensearch", "cloudfront", "kinesisanalyticsv2"))
        out = {}
        out["lambda.GetFunction.missing"] = outcome(lambda: lam.get_function(FunctionName="no-such-function"))
        out["lambda.DeleteFunction.missing"] = outcome(lambda: lam.delete_function(FunctionName="no-such-function"))
        out["lambda.PublishVersion.missing"] = outcome(lambda: lam.publish_version(FunctionName="no-such-function"))
        out["lambda.ListVersionsByFunction.missing"] = outcome(lambda: lam.list_versions_by_function(FunctionName="no-such-function"))
        out["opensearch.DescribeDomain.missing"] = outcome(lambda: es.describe_domain(DomainName="no-such-domain"))
        out["opensearch.DeleteDomain.missing"] = outcome(lambda: es.delete_domain(DomainName="no-such-domain"))
        es.create_domain(DomainName="diff-domain")
        out["opensearch.CreateDomain.exists"] = outcome(lambda: es.create_domain(DomainName="diff-domain"))
        out["cloudfront.GetDistribution.missing"] = outcome(lambda: cf.get_distribution(Id="ENOSUCHDIST0000"))
        out["cloudfront.GetDistributionConfig.missing"] = outcome(lambda: cf.get_distribution_config(Id="ENOSUCHDIST0000"))
        out["cloudfront.DeleteDistribution.missing"] = outcome(lambda: cf.delete_distribution(Id="ENOSUCHDIST0000", IfMatch="E1"))
        out["kinesisanalyticsv2.DescribeApplication.missing"] = outcome(lambda: ka.describe_application(ApplicationName="no-such-app"))
        out["kinesisanalyticsv2.StopApplication.missing"] = outcome(lambda: ka.stop_application(ApplicationName="no-such-app"))
        out["kinesisanalyticsv2.StartApplication.missing"] = outcome(lambda: ka.start_application(ApplicationName="no-such-app"))
        return out

    def wait(endpoint):
        host, port = endpoint.rsplit("/", 1)[1].split(":")
        for _ in range(200):
            try:
                socket.create_connection((host, int(port)), timeout=1).close(); return
            except OSError: time.sleep(0.1)

    result = {}
    for name, endpoint in (("cloudtop", sys.argv[1]), ("moto", sys.argv[2])):
        wait(endpoint)
        result[name] = calls(endpoint)
    print(json.dumps(result))
    """#

    /// `value` without the key at `path` (a list is looked through to its first item), and whether it was there.
    static func removing(_ path: [String], from value: Any) -> (Any, Bool) {
        if var list = value as? [Any], !list.isEmpty {
            let (item, found) = removing(path, from: list[0])
            list[0] = item
            return (list, found)
        }
        guard var object = value as? [String: Any], let key = path.first, let inner = object[key] else { return (value, false) }
        if path.count == 1 {
            object.removeValue(forKey: key)
            return (object, true)
        }
        let (rest, found) = removing(Array(path.dropFirst()), from: inner)
        object[key] = rest
        return (object, found)
    }

    static func text(_ value: Any) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed]) else { return "\(value)" }
        return String(decoding: data, as: UTF8.self)
    }

    /// The script: the same calls against each endpoint, each answer reduced to its shape.
    static let script = #"""
    import json, sys, time, socket
    import boto3, botocore.exceptions
    from botocore.config import Config

    def client(service, endpoint):
        return boto3.client(service, endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x",
                            config=Config(retries={"max_attempts": 1}))

    def shape(value):
        # The response as its key sets: dicts become their keys with their values' shapes, lists their first item's.
        if isinstance(value, dict):
            return {k: shape(v) for k, v in sorted(value.items()) if k != "ResponseMetadata"}
        if isinstance(value, list):
            return [shape(value[0])] if value else []
        return type(value).__name__

    def call(out, name, f):
        try:
            r = f()
            out[name] = {"ok": shape(r), "status": r["ResponseMetadata"]["HTTPStatusCode"]}
            return r
        except botocore.exceptions.ClientError as e:
            out[name] = {"error": e.response["Error"]["Code"], "status": e.response["ResponseMetadata"]["HTTPStatusCode"]}
            return None

    def kinesis(endpoint):
        k = client("kinesis", endpoint)
        out = {}
        call(out, "CreateStream", lambda: k.create_stream(StreamName="diff-stream", ShardCount=2))
        for _ in range(300):
            if k.describe_stream_summary(StreamName="diff-stream")["StreamDescriptionSummary"]["StreamStatus"] == "ACTIVE": break
            time.sleep(0.1)
        call(out, "DescribeStreamSummary", lambda: k.describe_stream_summary(StreamName="diff-stream"))
        put = call(out, "PutRecord", lambda: k.put_record(StreamName="diff-stream", Data=b"hello", PartitionKey="a"))
        call(out, "PutRecords", lambda: k.put_records(StreamName="diff-stream", Records=[{"Data": b"one", "PartitionKey": "a"}, {"Data": b"two", "PartitionKey": "b"}]))
        call(out, "ListShards", lambda: k.list_shards(StreamName="diff-stream"))
        it = call(out, "GetShardIterator", lambda: k.get_shard_iterator(StreamName="diff-stream", ShardId=put["ShardId"], ShardIteratorType="TRIM_HORIZON"))
        got = call(out, "GetRecords", lambda: k.get_records(ShardIterator=it["ShardIterator"]))
        out["GetRecords"]["data"] = [r["Data"].decode() for r in got["Records"]][:1] if got else None
        call(out, "ListStreams", lambda: k.list_streams())
        call(out, "DescribeStream", lambda: k.describe_stream(StreamName="diff-stream"))
        call(out, "Error.DescribeStreamSummary.missing", lambda: k.describe_stream_summary(StreamName="no-such-stream"))
        call(out, "Error.CreateStream.exists", lambda: k.create_stream(StreamName="diff-stream", ShardCount=1))
        call(out, "Error.PutRecord.missing", lambda: k.put_record(StreamName="no-such-stream", Data=b"x", PartitionKey="a"))
        call(out, "Error.GetShardIterator.noShard", lambda: k.get_shard_iterator(StreamName="diff-stream", ShardId="shardId-000000000099", ShardIteratorType="TRIM_HORIZON"))
        call(out, "Error.GetShardIterator.atSequence", lambda: k.get_shard_iterator(StreamName="diff-stream", ShardId=put["ShardId"], ShardIteratorType="AT_SEQUENCE_NUMBER"))
        call(out, "Error.DeleteStream.missing", lambda: k.delete_stream(StreamName="no-such-stream"))
        call(out, "DeleteStream", lambda: k.delete_stream(StreamName="diff-stream"))
        return out

    def s3(endpoint):
        s = client("s3", endpoint)
        out = {}
        call(out, "CreateBucket", lambda: s.create_bucket(Bucket="diff-bucket"))
        call(out, "PutObject", lambda: s.put_object(Bucket="diff-bucket", Key="a/b.txt", Body=b"hello"))
        call(out, "HeadObject", lambda: s.head_object(Bucket="diff-bucket", Key="a/b.txt"))
        got = call(out, "GetObject", lambda: s.get_object(Bucket="diff-bucket", Key="a/b.txt"))
        if got: out["GetObject"]["body"] = got["Body"].read().decode(); out["GetObject"]["ok"].pop("Body", None)
        call(out, "ListObjectsV2", lambda: s.list_objects_v2(Bucket="diff-bucket"))
        call(out, "ListBuckets", lambda: s.list_buckets())
        call(out, "Error.GetObject.noKey", lambda: s.get_object(Bucket="diff-bucket", Key="missing"))
        call(out, "Error.GetObject.noBucket", lambda: s.get_object(Bucket="no-such-bucket", Key="k"))
        call(out, "Error.HeadObject.noKey", lambda: s.head_object(Bucket="diff-bucket", Key="missing"))
        call(out, "Error.ListObjectsV2.noBucket", lambda: s.list_objects_v2(Bucket="no-such-bucket"))
        call(out, "Error.DeleteBucket.notEmpty", lambda: s.delete_bucket(Bucket="diff-bucket"))
        call(out, "DeleteObject", lambda: s.delete_object(Bucket="diff-bucket", Key="a/b.txt"))
        call(out, "DeleteBucket", lambda: s.delete_bucket(Bucket="diff-bucket"))
        return out

    def wait(endpoint):
        host, port = endpoint.rsplit("/", 1)[1].split(":")
        for _ in range(200):
            try:
                socket.create_connection((host, int(port)), timeout=1).close(); return
            except OSError: time.sleep(0.1)

    result = {}
    for name, endpoint in (("cloudtop", sys.argv[1]), ("moto", sys.argv[2])):
        wait(endpoint)
        result[name] = {"kinesis": kinesis(endpoint), "s3": s3(endpoint)}
    print(json.dumps(result))
    """#
}
