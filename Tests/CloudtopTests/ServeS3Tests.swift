import Foundation
import Testing

/// S3's REST protocol, path-style, driven by the aws CLI (`s3`, `s3api`) and boto3.
@Suite(.enabled(if: BuiltBinary.isBuilt, BuiltBinary.missingNote), .enabled(if: Tools.available, Tools.missingNote))
struct ServeS3Tests {
    @Test func awsCLIMakesABucketCopiesListsAndReadsObjects() throws {
        let served = try ServedEstate()
        defer { _ = try? served.stop() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cloudtop-s3-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("orders.csv")
        try "id,total\n1,9.50\n".write(to: file, atomically: true, encoding: .utf8)

        #expect(try served.aws(["s3", "mb", "s3://net-bucket"]).status == 0)
        let copied = try served.aws(["s3", "cp", file.path, "s3://net-bucket/raw/2026/orders.csv"])
        #expect(copied.status == 0, "\(copied.output)")
        _ = try served.aws(["s3api", "put-object", "--bucket", "net-bucket", "--key", "raw/readme.txt", "--body", file.path])

        let listed = try #require(try served.aws(["s3api", "list-objects-v2", "--bucket", "net-bucket", "--prefix", "raw/",
                                                  "--delimiter", "/"]).json as? [String: Any])
        #expect((listed["Contents"] as? [[String: Any]])?.compactMap { $0["Key"] as? String } == ["raw/readme.txt"])
        #expect((listed["CommonPrefixes"] as? [[String: Any]])?.compactMap { $0["Prefix"] as? String } == ["raw/2026/"])
        // (The CLI's paginator leaves KeyCount out of what it prints, as it does against AWS.)

        let buckets = try #require(try served.aws(["s3api", "list-buckets"]).json as? [String: Any])
        // The default estate's warehouse stack has its own staging bucket; AWS lists buckets by name.
        let names = (buckets["Buckets"] as? [[String: Any]])?.compactMap { $0["Name"] as? String } ?? []
        #expect(names.contains("net-bucket"), "\(names)")
        #expect(names == names.sorted())

        let downloaded = folder.appendingPathComponent("back.csv")
        let got = try served.aws(["s3", "cp", "s3://net-bucket/raw/2026/orders.csv", downloaded.path])
        #expect(got.status == 0, "\(got.output)")
        #expect(try String(contentsOf: downloaded, encoding: .utf8) == "id,total\n1,9.50\n")

        let notEmpty = try served.aws(["s3api", "delete-bucket", "--bucket", "net-bucket"])
        #expect(notEmpty.status != 0 && notEmpty.output.contains("BucketNotEmpty"), "\(notEmpty.output)")
    }

    @Test func boto3ReadsObjectsAndRaisesS3sErrors() throws {
        let served = try ServedEstate()
        defer { _ = try? served.stop() }
        let answer = try #require(try served.python("""
        import boto3, botocore.exceptions, hashlib
        s3 = boto3.client("s3", endpoint_url=ENDPOINT)
        s3.create_bucket(Bucket="net-data")
        put = s3.put_object(Bucket="net-data", Key="a/b c.json", Body=b'{"x": 1}', ContentType="application/json")
        got = s3.get_object(Bucket="net-data", Key="a/b c.json")
        head = s3.head_object(Bucket="net-data", Key="a/b c.json")
        def code(f):
            try:
                f()
                return None
            except botocore.exceptions.ClientError as e:
                return [e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"]]
        out = {
            "etag": put["ETag"],
            "md5": '"%s"' % hashlib.md5(b'{"x": 1}').hexdigest(),
            "body": got["Body"].read().decode(),
            "type": got["ContentType"],
            "length": head["ContentLength"],
            "modifiedIsDate": hasattr(got["LastModified"], "year"),
            "noKey": code(lambda: s3.get_object(Bucket="net-data", Key="missing")),
            "noBucket": code(lambda: s3.list_objects_v2(Bucket="no-such-bucket")),
            "again": code(lambda: s3.create_bucket(Bucket="net-data")),
            "headMissing": code(lambda: s3.head_object(Bucket="net-data", Key="missing")),
        }
        # botocore asks for url-encoded names and decodes them: a space and a plus come back as they went in.
        s3.put_object(Bucket="net-data", Key="a/x+y z&.txt", Body=b"1")
        out["listed"] = [o["Key"] for o in s3.list_objects_v2(Bucket="net-data", Prefix="a/")["Contents"]]
        s3.delete_object(Bucket="net-data", Key="a/x+y z&.txt")
        s3.delete_object(Bucket="net-data", Key="a/b c.json")
        out["afterDelete"] = s3.list_objects_v2(Bucket="net-data")["KeyCount"]
        print(json.dumps(out))
        """) as? [String: Any])
        #expect(answer["etag"] as? String == answer["md5"] as? String)
        #expect(answer["body"] as? String == "{\"x\": 1}")
        #expect(answer["type"] as? String == "application/json")
        #expect(answer["length"] as? Int == 8)
        #expect(answer["modifiedIsDate"] as? Bool == true)
        #expect(answer["noKey"] as? [AnyHashable] == ["NoSuchKey", 404])
        #expect(answer["noBucket"] as? [AnyHashable] == ["NoSuchBucket", 404])
        #expect(answer["listed"] as? [String] == ["a/b c.json", "a/x+y z&.txt"])
        #expect(answer["again"] as? [AnyHashable] == ["BucketAlreadyOwnedByYou", 409])
        // A HEAD answer has no body, so boto3 names the error by the status alone.
        #expect(answer["headMissing"] as? [AnyHashable] == ["404", 404])
        #expect(answer["afterDelete"] as? Int == 0)
    }

    @Test func binaryObjectsRoundTripByteForByte() throws {
        let served = try ServedEstate()
        defer { _ = try? served.stop() }
        let answer = try #require(try served.python("""
        import boto3, hashlib, os
        s3 = boto3.client("s3", endpoint_url=ENDPOINT)
        s3.create_bucket(Bucket="net-bytes")
        blob = os.urandom(65536) + b"\\xff\\xfe\\x00\\x80"
        put = s3.put_object(Bucket="net-bytes", Key="noise.bin", Body=blob)
        got = s3.get_object(Bucket="net-bytes", Key="noise.bin")
        body = got["Body"].read()
        head = s3.head_object(Bucket="net-bytes", Key="noise.bin")
        print(json.dumps({"same": body == blob, "sent": len(blob), "length": got["ContentLength"], "read": len(body),
                          "headLength": head["ContentLength"], "etag": put["ETag"] == got["ETag"],
                          "md5": put["ETag"] == '"%s"' % hashlib.md5(blob).hexdigest()}))
        """) as? [String: Any])
        #expect(answer["same"] as? Bool == true)
        #expect(answer["length"] as? Int == 65540 && answer["read"] as? Int == 65540 && answer["headLength"] as? Int == 65540)
        // A single-part upload's ETag is the MD5 of its bytes.
        #expect(answer["etag"] as? Bool == true && answer["md5"] as? Bool == true)
    }
}
