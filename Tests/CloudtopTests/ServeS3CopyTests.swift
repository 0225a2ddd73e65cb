import Foundation
import Testing

/// Copies inside S3 through `cloudtop serve`: the aws CLI's `s3 cp s3://… s3://…` (CopyObject for a
/// small object, UploadPartCopy in 8 MiB parts past its multipart threshold), boto3's `copy_object`,
/// `upload_part_copy` and managed `copy`, reads by part number, and AWS's errors as boto3's exceptions.
@Suite(.enabled(if: BuiltBinary.isBuilt, BuiltBinary.missingNote), .enabled(if: Tools.available, Tools.missingNote))
struct ServeS3CopyTests {
    @Test func awsCLICopiesBetweenKeysByteForByte() throws {
        let served = try ServedEstate()
        defer { _ = try? served.stop() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cloudtop-copy-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // 20 MiB that differ block by block, so a part copied from the wrong place would show.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(20 << 20)
        var block = [UInt8](repeating: 0, count: 1 << 20)
        for i in block.indices { block[i] = UInt8(truncatingIfNeeded: i &* 151 &+ i >> 7) }
        for n in 0..<20 { block[0] = UInt8(n); block[(1 << 20) - 1] = UInt8(200 - n); bytes += block }
        let big = folder.appendingPathComponent("big.bin"), small = folder.appendingPathComponent("small.txt")
        try Data(bytes).write(to: big)
        try Data("a small object\n".utf8).write(to: small)

        #expect(try served.aws(["s3", "mb", "s3://net-copy"]).status == 0)
        for (file, key) in [(small, "small.txt"), (big, "big.bin")] {
            let up = try served.aws(["s3", "cp", file.path, "s3://net-copy/\(key)"])
            #expect(up.status == 0, "\(up.output)")
            let copy = try served.aws(["s3", "cp", "s3://net-copy/\(key)", "s3://net-copy/copy/\(key)"])
            #expect(copy.status == 0, "\(copy.output)")
            let back = folder.appendingPathComponent("back-\(key)")
            let down = try served.aws(["s3", "cp", "s3://net-copy/copy/\(key)", back.path])
            #expect(down.status == 0, "\(down.output)")
            let cmp = try ChildProcess.run("/usr/bin/cmp", [file.path, back.path], environment: ProcessInfo.processInfo.environment)
            #expect(cmp.status == 0, "\(key): \(cmp.output)")
        }
        // The ETags say which copy ran, computed by hashlib on the files: the small object by CopyObject (its MD5),
        // the big one in 8 MiB parts by UploadPartCopy (the MD5 of the parts' MD5s, "-3").
        let expected = try #require(try served.python("""
        import hashlib
        small, big = open(sys.argv[2], "rb").read(), open(sys.argv[3], "rb").read()
        parts = [big[i:i + (8 << 20)] for i in range(0, len(big), 8 << 20)]
        print(json.dumps(['"%s"' % hashlib.md5(small).hexdigest(),
                          '"%s-%d"' % (hashlib.md5(b"".join(hashlib.md5(p).digest() for p in parts)).hexdigest(), len(parts))]))
        """, arguments: [small.path, big.path]) as? [String])
        for (key, eTag) in zip(["small.txt", "big.bin"], expected) {
            let head = try #require(try served.aws(["s3api", "head-object", "--bucket", "net-copy", "--key", "copy/\(key)"]).json as? [String: Any])
            #expect(head["ETag"] as? String == eTag, "\(key)")
        }
        #expect(expected.last?.hasSuffix("-3\"") == true)
        // The palette's own verb against the same estate gives the same answer shape.
        let palette = try served.aws(["s3api", "copy-object", "--bucket", "net-copy", "--key", "third.txt", "--copy-source", "net-copy/small.txt"])
        #expect(((palette.json as? [String: Any])?["CopyObjectResult"] as? [String: Any])?["ETag"] as? String == expected.first)
    }

    @Test func boto3CopiesObjectsAndPartsAndReadsByPartNumber() throws {
        let served = try ServedEstate()
        defer { _ = try? served.stop() }
        let answer = try #require(try served.python("""
        import boto3, botocore.exceptions, hashlib
        s3 = boto3.client("s3", endpoint_url=ENDPOINT)
        s3.create_bucket(Bucket="net-cp")
        def code(f):
            try:
                f()
                return None
            except botocore.exceptions.ClientError as e:
                return [e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"]]
        out = {}
        s3.put_object(Bucket="net-cp", Key="src", Body=b"hello world", ContentType="text/plain", Metadata={"team": "data"})
        c = s3.copy_object(Bucket="net-cp", Key="dst", CopySource={"Bucket": "net-cp", "Key": "src"})
        got = s3.get_object(Bucket="net-cp", Key="dst")
        out["copy"] = [c["CopyObjectResult"]["ETag"], type(c["CopyObjectResult"]["LastModified"]).__name__,
                       got["Body"].read().decode(), got["ContentType"], ",".join("%s=%s" % kv for kv in sorted(got["Metadata"].items()))]
        s3.copy_object(Bucket="net-cp", Key="dst", CopySource="net-cp/src", MetadataDirective="REPLACE",
                       ContentType="application/json", Metadata={"stage": "prod"})
        h = s3.head_object(Bucket="net-cp", Key="dst")
        out["replace"] = [h["ContentType"], ",".join("%s=%s" % kv for kv in sorted(h["Metadata"].items()))]
        out["self"] = code(lambda: s3.copy_object(Bucket="net-cp", Key="src", CopySource="net-cp/src"))
        out["noKey"] = code(lambda: s3.copy_object(Bucket="net-cp", Key="x", CopySource="net-cp/none"))
        out["noBucket"] = code(lambda: s3.copy_object(Bucket="net-cp", Key="x", CopySource="no-such-bucket/src"))
        # A source of two distinct 5 MiB halves and a tail, copied into three parts by range.
        one, two, tail = b"a" * (5 << 20), b"b" * (5 << 20), b"tail"
        s3.put_object(Bucket="net-cp", Key="whole", Body=one + two + tail)
        uid = s3.create_multipart_upload(Bucket="net-cp", Key="joined")["UploadId"]
        ranges = [(0, len(one) - 1), (len(one), len(one) + len(two) - 1), (len(one) + len(two), len(one) + len(two) + 3)]
        copied = [s3.upload_part_copy(Bucket="net-cp", Key="joined", UploadId=uid, PartNumber=n + 1,
                                      CopySource={"Bucket": "net-cp", "Key": "whole"}, CopySourceRange="bytes=%d-%d" % r)["CopyPartResult"]
                  for n, r in enumerate(ranges)]
        out["partETags"] = [p["ETag"] for p in copied]
        out["badRange"] = code(lambda: s3.upload_part_copy(Bucket="net-cp", Key="joined", UploadId=uid, PartNumber=4,
                                                           CopySource="net-cp/whole", CopySourceRange="bytes=0-%d" % (len(one) * 3)))
        out["malformedRange"] = code(lambda: s3.upload_part_copy(Bucket="net-cp", Key="joined", UploadId=uid, PartNumber=4,
                                                                 CopySource="net-cp/whole", CopySourceRange="bytes=5-"))
        done = s3.complete_multipart_upload(Bucket="net-cp", Key="joined", UploadId=uid,
                                            MultipartUpload={"Parts": [{"PartNumber": n + 1, "ETag": p["ETag"]} for n, p in enumerate(copied)]})
        out["joined"] = [done["ETag"], "same" if s3.get_object(Bucket="net-cp", Key="joined")["Body"].read() == one + two + tail else "different"]
        part = s3.get_object(Bucket="net-cp", Key="joined", PartNumber=2)
        out["part2"] = [part["ResponseMetadata"]["HTTPStatusCode"], part["ContentRange"], part.get("PartsCount"), part["ContentLength"],
                        "same" if part["Body"].read() == two else "different", part["ETag"]]
        hp = s3.head_object(Bucket="net-cp", Key="joined", PartNumber=3)
        out["head3"] = [hp["ResponseMetadata"]["HTTPStatusCode"], hp["ContentLength"], hp.get("PartsCount"), hp.get("ContentRange")]
        single = s3.get_object(Bucket="net-cp", Key="src", PartNumber=1)
        out["single"] = [single["ResponseMetadata"]["HTTPStatusCode"], single.get("ContentRange"), single.get("PartsCount"), single["Body"].read().decode()]
        out["partPastEnd"] = code(lambda: s3.get_object(Bucket="net-cp", Key="joined", PartNumber=4))
        out["singlePart2"] = code(lambda: s3.get_object(Bucket="net-cp", Key="src", PartNumber=2))
        # boto3's managed copy: past its 8 MiB threshold, UploadPartCopy in 8 MiB parts.
        s3.copy({"Bucket": "net-cp", "Key": "whole"}, "net-cp", "managed")
        m = s3.get_object(Bucket="net-cp", Key="managed")
        out["managed"] = [m["ETag"], "same" if m["Body"].read() == one + two + tail else "different"]
        whole = one + two + tail
        pieces = [whole[i:i + (8 << 20)] for i in range(0, len(whole), 8 << 20)]
        md5 = lambda b: hashlib.md5(b).hexdigest()
        out["expect"] = {"hello": '"%s"' % md5(b"hello world"), "parts": ['"%s"' % md5(p) for p in (one, two, tail)],
                         "joined": '"%s-3"' % hashlib.md5(b"".join(hashlib.md5(p).digest() for p in (one, two, tail))).hexdigest(),
                         "managed": '"%s-%d"' % (hashlib.md5(b"".join(hashlib.md5(p).digest() for p in pieces)).hexdigest(), len(pieces))}
        print(json.dumps(out))
        """) as? [String: Any])
        let expect = try #require(answer["expect"] as? [String: Any])
        let hello = try #require(expect["hello"] as? String), joined = try #require(expect["joined"] as? String)
        let size = (10 << 20) + 4
        #expect(answer["copy"] as? [AnyHashable] == [hello, "datetime", "hello world", "text/plain", "team=data"])
        #expect(answer["replace"] as? [AnyHashable] == ["application/json", "stage=prod"])
        #expect(answer["self"] as? [AnyHashable] == ["InvalidRequest", 400])
        #expect(answer["noKey"] as? [AnyHashable] == ["NoSuchKey", 404])
        #expect(answer["noBucket"] as? [AnyHashable] == ["NoSuchBucket", 404])
        #expect(answer["partETags"] as? [String] == expect["parts"] as? [String])
        #expect(answer["badRange"] as? [AnyHashable] == ["InvalidRange", 416])
        #expect(answer["malformedRange"] as? [AnyHashable] == ["InvalidArgument", 400])
        #expect(answer["joined"] as? [String] == [joined, "same"])
        #expect(answer["part2"] as? [AnyHashable] == [206, "bytes \(5 << 20)-\((10 << 20) - 1)/\(size)", 3, 5 << 20, "same", joined])
        #expect(answer["head3"] as? [AnyHashable] == [206, 4, 3, "bytes \(10 << 20)-\(size - 1)/\(size)"])
        #expect(answer["single"] as? [AnyHashable] == [206, "bytes 0-10/11", NSNull(), "hello world"])
        #expect(answer["partPastEnd"] as? [AnyHashable] == ["InvalidPartNumber", 416])
        #expect(answer["singlePart2"] as? [AnyHashable] == ["InvalidPartNumber", 416])
        #expect(answer["managed"] as? [String] == [expect["managed"] as? String ?? "?", "same"])
    }
}
