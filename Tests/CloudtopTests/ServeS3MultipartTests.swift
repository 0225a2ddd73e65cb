import Foundation
import Testing

/// S3 multipart uploads through `cloudtop serve`: the aws CLI's `s3 cp` of a file past its 8 MiB
/// multipart threshold, up and back down byte for byte, and boto3's own multipart calls with a
/// checksum, an `aws-chunked` part with its checksum in the trailer, and AWS's errors.
@Suite(.enabled(if: BuiltBinary.isBuilt, BuiltBinary.missingNote), .enabled(if: Tools.available, Tools.missingNote))
struct ServeS3MultipartTests {
    @Test func awsCLICopiesATwentyMiBFileUpInPartsAndBackDown() throws {
        let served = try ServedEstate()
        defer { _ = try? served.stop() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cloudtop-mpu-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // 20 MiB that differ block by block, so a part stored in the wrong place would show.
        var block = [UInt8](repeating: 0, count: 1 << 20)
        for i in block.indices { block[i] = UInt8(truncatingIfNeeded: i &* 131 &+ i >> 9) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(20 << 20)
        for n in 0..<20 { block[0] = UInt8(n); block[(1 << 20) - 1] = UInt8(255 - n); bytes += block }
        let file = folder.appendingPathComponent("big.bin")
        try Data(bytes).write(to: file)

        #expect(try served.aws(["s3", "mb", "s3://net-parts"]).status == 0)
        let up = try served.aws(["s3", "cp", file.path, "s3://net-parts/big.bin"])
        #expect(up.status == 0, "\(up.output)")
        // The CLI sends 8 MiB parts: 8 + 8 + 4. The ETag, computed by hashlib on the file.
        let expected = try #require((try served.python("""
        import hashlib
        data = open(sys.argv[2], "rb").read()
        parts = [data[i:i + (8 << 20)] for i in range(0, len(data), 8 << 20)]
        print(json.dumps(['"%s-%d"' % (hashlib.md5(b"".join(hashlib.md5(p).digest() for p in parts)).hexdigest(), len(parts))]))
        """, arguments: [file.path]) as? [String])?.first)
        let head = try #require(try served.aws(["s3api", "head-object", "--bucket", "net-parts", "--key", "big.bin"]).json as? [String: Any])
        #expect(head["ETag"] as? String == expected)
        #expect(expected.hasSuffix("-3\""))
        #expect(head["ContentLength"] as? Int == 20 << 20)
        let uploads = try served.aws(["s3api", "list-multipart-uploads", "--bucket", "net-parts"])
        #expect(uploads.status == 0 && (uploads.json as? [String: Any])?["Uploads"] == nil, "\(uploads.output)")

        let back = folder.appendingPathComponent("back.bin")
        let down = try served.aws(["s3", "cp", "s3://net-parts/big.bin", back.path])
        #expect(down.status == 0, "\(down.output)")
        let cmp = try ChildProcess.run("/usr/bin/cmp", [file.path, back.path], environment: ProcessInfo.processInfo.environment)
        #expect(cmp.status == 0, "\(cmp.output)")
    }

    @Test func boto3UploadsPartsWithAChecksumAndGetsAWSsErrors() throws {
        let served = try ServedEstate()
        defer { _ = try? served.stop() }
        // Expected values from hashlib and zlib, independently of the server.
        let answer = try #require(try served.python("""
        import boto3, botocore.exceptions, base64, hashlib, http.client, urllib.parse, zlib
        s3 = boto3.client("s3", endpoint_url=ENDPOINT)
        s3.create_bucket(Bucket="net-mpu")
        b64 = lambda raw: base64.b64encode(raw).decode()
        crc = lambda data: zlib.crc32(data).to_bytes(4, "big")
        def code(f):
            try:
                f()
                return None
            except botocore.exceptions.ClientError as e:
                return [e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"]]
        one, two = bytes(range(256)) * (5 << 12), b"the last part may be small"
        out = {}
        created = s3.create_multipart_upload(Bucket="net-mpu", Key="obj", ChecksumAlgorithm="CRC32")
        uid = created["UploadId"]
        out["created"] = [created.get("ChecksumAlgorithm"), created.get("ChecksumType")]
        p1 = s3.upload_part(Bucket="net-mpu", Key="obj", UploadId=uid, PartNumber=1, Body=one, ChecksumAlgorithm="CRC32")
        # Part 2 first sent wrong, then again: the last one wins.
        s3.upload_part(Bucket="net-mpu", Key="obj", UploadId=uid, PartNumber=2, Body=b"replaced", ChecksumAlgorithm="CRC32")
        # Part 2 as botocore streams it over TLS: aws-chunked, the CRC32 in the trailer.
        host = urllib.parse.urlparse(ENDPOINT).netloc
        chunks = b"".join(b"%x\\r\\n" % len(c) + c + b"\\r\\n" for c in (two[:10], two[10:]))
        body = chunks + b"0\\r\\nx-amz-checksum-crc32:" + b64(crc(two)).encode() + b"\\r\\n\\r\\n"
        conn = http.client.HTTPConnection(host)
        conn.request("PUT", "/net-mpu/obj?partNumber=2&uploadId=" + urllib.parse.quote(uid, safe=""), body=body, headers={
            "Content-Encoding": "aws-chunked", "x-amz-content-sha256": "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
            "x-amz-decoded-content-length": str(len(two)), "x-amz-trailer": "x-amz-checksum-crc32",
            "x-amz-sdk-checksum-algorithm": "CRC32", "Content-Length": str(len(body))})
        r = conn.getresponse()
        r.read()
        out["chunked"] = [r.status, r.getheader("ETag"), r.getheader("x-amz-checksum-crc32")]
        out["p1"] = [p1["ETag"], p1.get("ChecksumCRC32")]
        out["expect"] = {"etag1": '"%s"' % hashlib.md5(one).hexdigest(), "etag2": '"%s"' % hashlib.md5(two).hexdigest(),
                         "crc1": b64(crc(one)), "crc2": b64(crc(two)),
                         "etag": '"%s-2"' % hashlib.md5(hashlib.md5(one).digest() + hashlib.md5(two).digest()).hexdigest(),
                         "composite": b64(crc(crc(one) + crc(two))) + "-2"}
        listed = s3.list_parts(Bucket="net-mpu", Key="obj", UploadId=uid)
        out["parts"] = [[p["PartNumber"], p["ETag"], p["Size"], p.get("ChecksumCRC32")] for p in listed["Parts"]]
        out["uploads"] = [[u["Key"], "ours" if u["UploadId"] == uid else "other"] for u in s3.list_multipart_uploads(Bucket="net-mpu")["Uploads"]]
        parts = [{"PartNumber": 1, "ETag": p1["ETag"], "ChecksumCRC32": out["expect"]["crc1"]},
                 {"PartNumber": 2, "ETag": out["expect"]["etag2"], "ChecksumCRC32": out["expect"]["crc2"]}]
        complete = lambda ps, key="obj", upload=uid: s3.complete_multipart_upload(Bucket="net-mpu", Key=key, UploadId=upload, MultipartUpload={"Parts": ps})
        out["order"] = code(lambda: complete(parts[::-1]))
        out["unknown"] = code(lambda: complete([parts[0], dict(parts[1], PartNumber=3)]))
        out["etagMismatch"] = code(lambda: complete([dict(parts[0], ETag=out["expect"]["etag2"]), parts[1]]))
        small = s3.create_multipart_upload(Bucket="net-mpu", Key="small")["UploadId"]
        e1 = s3.upload_part(Bucket="net-mpu", Key="small", UploadId=small, PartNumber=1, Body=b"tiny")["ETag"]
        e2 = s3.upload_part(Bucket="net-mpu", Key="small", UploadId=small, PartNumber=2, Body=b"tiny")["ETag"]
        out["tooSmall"] = code(lambda: complete([{"PartNumber": 1, "ETag": e1}, {"PartNumber": 2, "ETag": e2}], "small", small))
        out["abort"] = s3.abort_multipart_upload(Bucket="net-mpu", Key="small", UploadId=small)["ResponseMetadata"]["HTTPStatusCode"]
        out["afterAbort"] = code(lambda: s3.abort_multipart_upload(Bucket="net-mpu", Key="small", UploadId=small))
        out["partAfterAbort"] = code(lambda: s3.upload_part(Bucket="net-mpu", Key="small", UploadId=small, PartNumber=1, Body=b"x"))
        done = complete(parts)
        out["done"] = [done["ETag"], done.get("ChecksumCRC32"), done.get("ChecksumType")]
        out["again"] = code(lambda: complete(parts))
        got = s3.get_object(Bucket="net-mpu", Key="obj", ChecksumMode="ENABLED")
        out["get"] = ["same" if got["Body"].read() == one + two else "different", got["ETag"], got.get("ChecksumCRC32"), got.get("ChecksumType")]
        ranged = s3.get_object(Bucket="net-mpu", Key="obj", Range="bytes=%d-" % (len(one) - 3))
        out["range"] = [ranged["ResponseMetadata"]["HTTPStatusCode"], ranged["ContentRange"], "same" if ranged["Body"].read() == one[-3:] + two else "different"]
        out["listed"] = [[o["Key"], o["Size"], o["ETag"]] for o in s3.list_objects_v2(Bucket="net-mpu")["Contents"]]
        print(json.dumps(out))
        """) as? [String: Any])
        let expect = try #require(answer["expect"] as? [String: String])
        #expect(answer["created"] as? [String] == ["CRC32", "COMPOSITE"])
        #expect(answer["p1"] as? [String] == [expect["etag1"]!, expect["crc1"]!])
        #expect(answer["chunked"] as? [AnyHashable] == [200, expect["etag2"]!, expect["crc2"]!])
        #expect(answer["parts"] as? [[AnyHashable]] == [[1, expect["etag1"]!, 5 << 20, expect["crc1"]!], [2, expect["etag2"]!, 26, expect["crc2"]!]])
        #expect(answer["uploads"] as? [[AnyHashable]] == [["obj", "ours"]])
        #expect(answer["order"] as? [AnyHashable] == ["InvalidPartOrder", 400])
        #expect(answer["unknown"] as? [AnyHashable] == ["InvalidPart", 400])
        #expect(answer["etagMismatch"] as? [AnyHashable] == ["InvalidPart", 400])
        #expect(answer["tooSmall"] as? [AnyHashable] == ["EntityTooSmall", 400])
        #expect(answer["abort"] as? Int == 204)
        #expect(answer["afterAbort"] as? [AnyHashable] == ["NoSuchUpload", 404])
        #expect(answer["partAfterAbort"] as? [AnyHashable] == ["NoSuchUpload", 404])
        #expect(answer["done"] as? [String] == [expect["etag"]!, expect["composite"]!, "COMPOSITE"])
        #expect(answer["again"] as? [AnyHashable] == ["NoSuchUpload", 404])
        #expect(answer["get"] as? [AnyHashable] == ["same", expect["etag"]!, expect["composite"]!, "COMPOSITE"])
        #expect(answer["range"] as? [AnyHashable] == [206, "bytes \((5 << 20) - 3)-\((5 << 20) + 25)/\((5 << 20) + 26)", "same"])
        #expect(answer["listed"] as? [[AnyHashable]] == [["obj", (5 << 20) + 26, expect["etag"]!]])
    }
}
