import Foundation
import Testing

/// `serve --verify-signatures`: requests signed with a key of the config's `credentials` file
/// run; a wrong secret or an unknown key gets the error AWS gives, in each protocol's shape, so
/// boto3 raises ClientError with AWS's code and the aws CLI prints it.
@Suite(.enabled(if: BuiltBinary.isBuilt, BuiltBinary.missingNote), .enabled(if: Tools.available, Tools.missingNote))
struct ServeSignaturesTests {
    static let keyID = "AKIDCLOUDTOPTEST0001"
    static let secret = "s3cr3t/Key+With=Signs"

    /// A small estate and a credentials file in the AWS CLI's format (two profiles).
    func served() throws -> (ServedEstate, URL) {
        let config = try ServeRedshiftDataTests.warehouseConfig()
        try """
        [default]
        aws_access_key_id = \(Self.keyID)
        aws_secret_access_key = \(Self.secret)

        [other]
        aws_access_key_id = AKIDOTHER
        aws_secret_access_key = other-secret
        """.write(to: config.appendingPathComponent("credentials"), atomically: true, encoding: .utf8)
        return (try ServedEstate(config: config.path, extra: ["--verify-signatures"]), config)
    }

    @Test func boto3WithTheRightKeysRunsAndWithAWrongSecretGetsAWSsErrors() throws {
        let (served, config) = try served()
        defer { _ = try? served.stop(); try? FileManager.default.removeItem(at: config) }
        let answer = try #require(try served.python("""
        import boto3, botocore.exceptions
        def client(service, key, secret, **kw):
            return boto3.client(service, endpoint_url=ENDPOINT, aws_access_key_id=key, aws_secret_access_key=secret, region_name="us-east-1", **kw)
        def outcome(f):
            try:
                f()
                return "ok"
            except botocore.exceptions.ClientError as e:
                return [e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"]]
        calls = {
            "kinesis": lambda c: c.list_streams(),
            "s3": lambda c: c.list_buckets(),
            "ec2": lambda c: c.describe_instances(),
            "cloudformation": lambda c: c.list_stacks(),
            "redshift": lambda c: c.describe_clusters(),
            "redshift-data": lambda c: c.list_statements(),
            "kinesisanalyticsv2": lambda c: c.list_applications(),
            "lambda": lambda c: c.list_functions(),
            "opensearch": lambda c: c.list_domain_names(),
            "cloudfront": lambda c: c.list_distributions(),
        }
        out = {}
        for service, call in calls.items():
            out[service] = {
                "right": outcome(lambda: call(client(service, "\(Self.keyID)", "\(Self.secret)"))),
                "other": outcome(lambda: call(client(service, "AKIDOTHER", "other-secret"))),
                "wrong": outcome(lambda: call(client(service, "\(Self.keyID)", "not-the-secret"))),
                "unknown": outcome(lambda: call(client(service, "AKIDNOBODY", "\(Self.secret)"))),
            }
        # A signed body and a key that needs encoding in the path.
        s3 = client("s3", "\(Self.keyID)", "\(Self.secret)")
        s3.create_bucket(Bucket="signed-bucket")
        s3.put_object(Bucket="signed-bucket", Key="a b/c+d.txt", Body=b"hello")
        out["object"] = s3.get_object(Bucket="signed-bucket", Key="a b/c+d.txt")["Body"].read().decode()
        print(json.dumps(out))
        """) as? [String: Any])
        func results(_ service: String) -> [String: Any] { answer[service] as? [String: Any] ?? [:] }
        for service in ["kinesis", "s3", "ec2", "cloudformation", "redshift", "redshift-data", "kinesisanalyticsv2", "lambda", "opensearch", "cloudfront"] {
            #expect(results(service)["right"] as? String == "ok", "\(service): \(results(service))")
            #expect(results(service)["other"] as? String == "ok", "\(service): \(results(service))")
        }
        func code(_ service: String, _ kind: String) -> [AnyHashable]? { (results(service)[kind] as? [Any])?.compactMap { $0 as? AnyHashable } }
        // JSON services: InvalidSignatureException; Query services and S3: SignatureDoesNotMatch; EC2: AuthFailure.
        #expect(code("kinesis", "wrong") == ["InvalidSignatureException", 403])
        #expect(code("redshift-data", "wrong") == ["InvalidSignatureException", 403])
        #expect(code("s3", "wrong") == ["SignatureDoesNotMatch", 403])
        #expect(code("cloudformation", "wrong") == ["SignatureDoesNotMatch", 403])
        #expect(code("redshift", "wrong") == ["SignatureDoesNotMatch", 403])
        #expect(code("ec2", "wrong") == ["AuthFailure", 401])
        // The REST-JSON services answer as the JSON ones do, CloudFront (REST-XML) as S3.
        #expect(code("kinesisanalyticsv2", "wrong") == ["InvalidSignatureException", 403])
        #expect(code("lambda", "wrong") == ["InvalidSignatureException", 403])
        #expect(code("opensearch", "wrong") == ["InvalidSignatureException", 403])
        #expect(code("cloudfront", "wrong") == ["SignatureDoesNotMatch", 403])
        // An access key the endpoint does not know.
        #expect(code("kinesis", "unknown") == ["UnrecognizedClientException", 400])
        #expect(code("s3", "unknown") == ["InvalidAccessKeyId", 403])
        #expect(code("cloudformation", "unknown") == ["InvalidClientTokenId", 403])
        #expect(code("ec2", "unknown") == ["AuthFailure", 401])
        #expect(answer["object"] as? String == "hello")
    }

    @Test func awsCLIPrintsTheSignatureError() throws {
        let (served, config) = try served()
        defer { _ = try? served.stop(); try? FileManager.default.removeItem(at: config) }
        var environment = ServedEstate.toolEnvironment
        environment["AWS_ACCESS_KEY_ID"] = Self.keyID
        environment["AWS_SECRET_ACCESS_KEY"] = Self.secret
        let aws = try #require(Tools.aws)
        let right = try ChildProcess.run(aws, ["--endpoint-url", served.endpoint, "kinesis", "list-streams", "--output", "json"], environment: environment)
        #expect(right.status == 0, "\(right.output)")
        environment["AWS_SECRET_ACCESS_KEY"] = "wrong"
        let wrong = try ChildProcess.run(aws, ["--endpoint-url", served.endpoint, "kinesis", "list-streams", "--output", "json"], environment: environment)
        #expect(wrong.status != 0)
        #expect(wrong.output.contains("An error occurred (InvalidSignatureException) when calling the ListStreams operation"), "\(wrong.output)")
        let s3 = try ChildProcess.run(aws, ["--endpoint-url", served.endpoint, "s3api", "list-buckets", "--output", "json"], environment: environment)
        #expect(s3.output.contains("An error occurred (SignatureDoesNotMatch) when calling the ListBuckets operation"), "\(s3.output)")
    }

    @Test func verifyingWithoutKeysIsRefusedBeforeListening() throws {
        let config = try ServeRedshiftDataTests.warehouseConfig()
        defer { try? FileManager.default.removeItem(at: config) }
        let binary = try #require(BuiltBinary.url?.path)
        let missing = try ChildProcess.run(binary, ["serve", "--port", "0", "--pg-port", "0", "--config", config.path, "--verify-signatures"],
                                           environment: ProcessInfo.processInfo.environment)
        #expect(missing.status != 0)
        #expect(missing.output.contains("--verify-signatures: cannot read \(config.path)/credentials"), "\(missing.output)")
        try "[default]\nregion = us-east-1\n".write(to: config.appendingPathComponent("credentials"), atomically: true, encoding: .utf8)
        let keyless = try ChildProcess.run(binary, ["serve", "--port", "0", "--pg-port", "0", "--config", config.path, "--verify-signatures"],
                                           environment: ProcessInfo.processInfo.environment)
        #expect(keyless.status != 0)
        #expect(keyless.output.contains("has no aws_access_key_id"), "\(keyless.output)")
        #expect(!keyless.output.contains("endpoint"), "\(keyless.output)")
    }
}
