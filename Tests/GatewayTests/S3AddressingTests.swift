import Estate
import Testing
@testable import Gateway

/// S3's two addressing styles map to the same operations: path-style `/bucket/key` and
/// virtual-host style, where the Host header names the bucket and the path is the key.
@Suite struct S3AddressingTests {
    let s3 = S3RestProtocol(service: "s3api")

    func operation(_ method: String, _ path: String, host: String) throws -> OperationRequest {
        try s3.decode(WireRequest(method: method, path: path, headers: ["Host": host])).get()
    }

    @Test func virtualHostAndPathStyleNameTheSameObject() throws {
        let pathStyle = try operation("GET", "/net-data/a/b%20c.json", host: "127.0.0.1:4566")
        let virtual = try operation("GET", "/a/b%20c.json", host: "net-data.localhost:4566")
        #expect(pathStyle.operation == "GetObject" && virtual.operation == "GetObject")
        #expect(virtual.parameters == pathStyle.parameters)
        #expect(virtual.parameters["Bucket"]?.stringValue == "net-data")
        #expect(virtual.parameters["Key"]?.stringValue == "a/b c.json")
    }

    @Test func theBucketAloneIsABucketOperation() throws {
        #expect(try operation("PUT", "/", host: "fresh.localhost:4566").operation == "CreateBucket")
        #expect(try operation("GET", "", host: "fresh.localhost").operation == "ListObjectsV2")
        #expect(try operation("GET", "/", host: "localhost:4566").operation == "ListBuckets")
        #expect(try operation("GET", "/", host: "127.0.0.1:4566").operation == "ListBuckets")
    }

    @Test func hostsThatNameABucket() {
        #expect(S3RestProtocol.virtualHostBucket("logs.localhost:4566") == "logs")
        #expect(S3RestProtocol.virtualHostBucket("my.dotted.bucket.localhost") == "my.dotted.bucket")
        #expect(S3RestProtocol.virtualHostBucket("logs.s3.localhost.localstack.cloud:4566") == "logs")
        #expect(S3RestProtocol.virtualHostBucket("logs.s3.us-east-1.amazonaws.com") == "logs")
        #expect(S3RestProtocol.virtualHostBucket("logs.s3.amazonaws.com") == "logs")
        #expect(S3RestProtocol.virtualHostBucket("localhost:4566") == nil)
        #expect(S3RestProtocol.virtualHostBucket("127.0.0.1:4566") == nil)
        #expect(S3RestProtocol.virtualHostBucket("[::1]:4566") == nil)
        #expect(S3RestProtocol.virtualHostBucket("s3.amazonaws.com") == nil)
    }
}
