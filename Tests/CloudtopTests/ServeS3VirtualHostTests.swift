import Foundation
import Testing

/// S3's virtual-host addressing (`bucket.localhost:PORT`) beside path-style, driven by boto3 with
/// `addressing_style: virtual`: both styles reach the same buckets and objects.
@Suite(.enabled(if: BuiltBinary.isBuilt, BuiltBinary.missingNote), .enabled(if: Tools.available, Tools.missingNote))
struct ServeS3VirtualHostTests {
    @Test func boto3VirtualHostStyleReadsWhatPathStyleWrote() throws {
        let config = try ServeRedshiftDataTests.warehouseConfig()
        defer { try? FileManager.default.removeItem(at: config) }
        let served = try ServedEstate(config: config.path)
        defer { _ = try? served.stop() }
        let answer = try #require(try served.python("""
        import boto3, botocore.config, botocore.exceptions, socket
        # Any *.localhost name is the loopback address (RFC 6761); this machine's resolver does
        # not know that, so the script resolves such names itself.
        real = socket.getaddrinfo
        def resolve(host, *rest, **kw):
            return real("127.0.0.1" if str(host).endswith(".localhost") else host, *rest, **kw)
        socket.getaddrinfo = resolve
        local = ENDPOINT.replace("127.0.0.1", "localhost")
        seen_hosts = []
        def client(style):
            c = boto3.client("s3", endpoint_url=local, config=botocore.config.Config(s3={"addressing_style": style}))
            c.meta.events.register("before-send.s3.*", lambda request, **kw: seen_hosts.append((style, request.url.split("/")[2])))
            return c
        path, virtual = client("path"), client("virtual")
        virtual.create_bucket(Bucket="vhost-data")
        path.put_object(Bucket="vhost-data", Key="dir/one two.txt", Body=b"by path")
        virtual.put_object(Bucket="vhost-data", Key="dir/three.txt", Body=b"by host")
        out = {
            "read": virtual.get_object(Bucket="vhost-data", Key="dir/one two.txt")["Body"].read().decode(),
            "back": path.get_object(Bucket="vhost-data", Key="dir/three.txt")["Body"].read().decode(),
            "keys": [o["Key"] for o in virtual.list_objects_v2(Bucket="vhost-data", Prefix="dir/")["Contents"]],
            "hosts": sorted(set(h.split(":")[0] for s, h in seen_hosts if s == "virtual")),
        }
        try:
            virtual.get_object(Bucket="no-such-bucket", Key="x")
            out["missing"] = None
        except botocore.exceptions.ClientError as e:
            out["missing"] = e.response["Error"]["Code"]
        virtual.delete_object(Bucket="vhost-data", Key="dir/three.txt")
        out["after"] = [o["Key"] for o in path.list_objects_v2(Bucket="vhost-data")["Contents"]]
        print(json.dumps(out))
        """) as? [String: Any])
        #expect(answer["read"] as? String == "by path")
        #expect(answer["back"] as? String == "by host")
        #expect(answer["keys"] as? [String] == ["dir/one two.txt", "dir/three.txt"])
        // boto3 really addressed the bucket by host name.
        #expect(answer["hosts"] as? [String] == ["vhost-data.localhost"], "\(answer)")
        #expect(answer["missing"] as? String == "NoSuchBucket")
        #expect(answer["after"] as? [String] == ["dir/one two.txt"])
    }
}
