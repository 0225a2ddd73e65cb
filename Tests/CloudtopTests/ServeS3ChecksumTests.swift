import Foundation
import Testing

/// S3's additional checksums through `cloudtop serve`: boto3's default CRC32, the other algorithms
/// by header, a wrong checksum refused with nothing stored, checksum mode on reads, and an
/// `aws-chunked` upload with the checksum in its trailer (what SDKs send over TLS).
@Suite(.enabled(if: BuiltBinary.isBuilt, BuiltBinary.missingNote), .enabled(if: Tools.available, Tools.missingNote))
struct ServeS3ChecksumTests {
    @Test func boto3ChecksumsAreVerifiedStoredAndAnsweredInChecksumMode() throws {
        let served = try ServedEstate()
        defer { _ = try? served.stop() }
        // Expected values are computed in Python independently of the server: zlib's CRC-32,
        // hashlib's SHA digests, and a bitwise CRC-32C (Castagnoli, reflected 0x82F63B78).
        let answer = try #require(try served.python("""
        import boto3, botocore.config, botocore.exceptions, base64, hashlib, zlib
        s3 = boto3.client("s3", endpoint_url=ENDPOINT)
        s3.create_bucket(Bucket="net-sums")
        body = b"hello checksums"
        def crc32c(data):
            crc = 0xFFFFFFFF
            for b in data:
                crc ^= b
                for _ in range(8):
                    crc = (crc >> 1) ^ 0x82F63B78 if crc & 1 else crc >> 1
            return crc ^ 0xFFFFFFFF
        b64 = lambda raw: base64.b64encode(raw).decode()
        expected = {"CRC32": b64(zlib.crc32(body).to_bytes(4, "big")), "CRC32C": b64(crc32c(body).to_bytes(4, "big")),
                    "SHA1": b64(hashlib.sha1(body).digest()), "SHA256": b64(hashlib.sha256(body).digest())}
        def code(f):
            try:
                f()
                return None
            except botocore.exceptions.ClientError as e:
                return [e.response["Error"]["Code"], e.response["Error"].get("Message"), e.response["ResponseMetadata"]["HTTPStatusCode"]]
        out = {"expected": expected, "check": [hex(zlib.crc32(b"123456789")), hex(crc32c(b"123456789"))]}
        # boto3 sends CRC32 by default (x-amz-sdk-checksum-algorithm and x-amz-checksum-crc32 over HTTP).
        put = s3.put_object(Bucket="net-sums", Key="default", Body=body)
        out["default"] = [put.get("ChecksumCRC32"), put.get("ChecksumType")]
        # SHA1 and SHA256 computed by boto3; CRC32C (boto3 needs the CRT for it) given as a header value.
        out["sha1"] = s3.put_object(Bucket="net-sums", Key="sha1", Body=body, ChecksumAlgorithm="SHA1").get("ChecksumSHA1")
        out["sha256"] = s3.put_object(Bucket="net-sums", Key="sha256", Body=body, ChecksumAlgorithm="SHA256").get("ChecksumSHA256")
        out["crc32c"] = s3.put_object(Bucket="net-sums", Key="crc32c", Body=body, ChecksumCRC32C=expected["CRC32C"]).get("ChecksumCRC32C")
        # Reads answer the checksum only in checksum mode.
        got = s3.get_object(Bucket="net-sums", Key="sha256", ChecksumMode="ENABLED")
        out["getEnabled"] = [got.get("ChecksumSHA256"), got.get("ChecksumType"), got["Body"].read().decode()]
        # boto3 asks for checksum mode on every GetObject (and checks the answer against the body) unless told
        # to validate only when required.
        plain = boto3.client("s3", endpoint_url=ENDPOINT, config=botocore.config.Config(response_checksum_validation="when_required"))
        out["getPlain"] = "ChecksumSHA256" in plain.get_object(Bucket="net-sums", Key="sha256")
        out["getDefault"] = s3.get_object(Bucket="net-sums", Key="default").get("ChecksumCRC32")
        out["headEnabled"] = s3.head_object(Bucket="net-sums", Key="crc32c", ChecksumMode="ENABLED").get("ChecksumCRC32C")
        out["headPlain"] = "ChecksumCRC32C" in s3.head_object(Bucket="net-sums", Key="crc32c")
        listed = s3.list_objects_v2(Bucket="net-sums")["Contents"]
        out["listed"] = {o["Key"]: o.get("ChecksumAlgorithm") for o in listed}
        # A checksum that does not match the body: refused, and nothing is stored.
        wrong = b64(zlib.crc32(b"something else").to_bytes(4, "big"))
        out["bad"] = code(lambda: s3.put_object(Bucket="net-sums", Key="bad", Body=body, ChecksumCRC32=wrong))
        out["badStored"] = code(lambda: s3.head_object(Bucket="net-sums", Key="bad"))
        out["badSha"] = code(lambda: s3.put_object(Bucket="net-sums", Key="bad", Body=body, ChecksumSHA256=expected["SHA1"]))
        # A wrong checksum over an existing key leaves the old object in place.
        out["overwrite"] = code(lambda: s3.put_object(Bucket="net-sums", Key="default", Body=b"new", ChecksumCRC32=wrong))
        out["kept"] = s3.get_object(Bucket="net-sums", Key="default")["Body"].read().decode()
        print(json.dumps(out))
        """) as? [String: Any])
        // The published check values of both CRCs, so the Python side is the right function.
        #expect(answer["check"] as? [String] == ["0xcbf43926", "0xe3069283"])
        let expected = try #require(answer["expected"] as? [String: String])
        #expect(answer["default"] as? [String] == [expected["CRC32"]!, "FULL_OBJECT"])
        #expect(answer["sha1"] as? String == expected["SHA1"])
        #expect(answer["sha256"] as? String == expected["SHA256"])
        #expect(answer["crc32c"] as? String == expected["CRC32C"])
        #expect(answer["getEnabled"] as? [String] == [expected["SHA256"]!, "FULL_OBJECT", "hello checksums"])
        #expect(answer["getPlain"] as? Bool == false)
        #expect(answer["getDefault"] as? String == expected["CRC32"])
        #expect(answer["headEnabled"] as? String == expected["CRC32C"])
        #expect(answer["headPlain"] as? Bool == false)
        let listed = try #require(answer["listed"] as? [String: Any])
        #expect(listed["default"] as? [String] == ["CRC32"] && listed["sha256"] as? [String] == ["SHA256"] && listed["crc32c"] as? [String] == ["CRC32C"])
        // AWS: BadDigest (400), "The CRC32 you specified did not match the calculated checksum."
        #expect(answer["bad"] as? [AnyHashable] == ["BadDigest", "The CRC32 you specified did not match the calculated checksum.", 400])
        #expect((answer["badStored"] as? [AnyHashable])?.last == AnyHashable(404))
        // A SHA-1's 20 bytes are not a SHA-256: the header value itself is invalid.
        #expect(answer["badSha"] as? [AnyHashable] == ["InvalidRequest", "Value for x-amz-checksum-sha256 header is invalid.", 400])
        #expect((answer["overwrite"] as? [AnyHashable])?.first == AnyHashable("BadDigest"))
        #expect(answer["kept"] as? String == "hello checksums")
    }

    @Test func sha512AndMD5AreVerifiedStoredAndAnsweredAndXXHASHRefused() throws {
        let served = try ServedEstate()
        defer { _ = try? served.stop() }
        // Expected digests from hashlib, independently of the server.
        let answer = try #require(try served.python("""
        import boto3, botocore.exceptions, base64, hashlib, http.client, urllib.parse
        s3 = boto3.client("s3", endpoint_url=ENDPOINT)
        s3.create_bucket(Bucket="net-digests")
        body = b"hello digests"
        b64 = lambda raw: base64.b64encode(raw).decode()
        expected = {"SHA512": b64(hashlib.sha512(body).digest()), "MD5": b64(hashlib.md5(body).digest())}
        def code(f):
            try:
                f()
                return None
            except botocore.exceptions.ClientError as e:
                return [e.response["Error"]["Code"], e.response["Error"].get("Message"), e.response["ResponseMetadata"]["HTTPStatusCode"]]
        out = {"expected": expected}
        # botocore computes SHA512 itself; the MD5 additional checksum (which needs the CRT) is given.
        put = s3.put_object(Bucket="net-digests", Key="sha512", Body=body, ChecksumAlgorithm="SHA512")
        out["sha512"] = [put.get("ChecksumSHA512"), put.get("ChecksumType")]
        out["md5"] = s3.put_object(Bucket="net-digests", Key="md5", Body=body, ChecksumMD5=expected["MD5"]).get("ChecksumMD5")
        got = s3.get_object(Bucket="net-digests", Key="sha512", ChecksumMode="ENABLED")
        out["getSha512"] = [got.get("ChecksumSHA512"), got.get("ChecksumType"), got["Body"].read().decode()]
        out["headMd5"] = s3.head_object(Bucket="net-digests", Key="md5", ChecksumMode="ENABLED").get("ChecksumMD5")
        # Another body's digest: refused, nothing stored.
        other = b64(hashlib.md5(b"something else").digest())
        out["badMd5"] = code(lambda: s3.put_object(Bucket="net-digests", Key="bad", Body=body, ChecksumMD5=other))
        out["badStored"] = code(lambda: s3.head_object(Bucket="net-digests", Key="bad"))
        # An XXHASH checksum is refused by name, never stored unverified.
        out["xxhash"] = code(lambda: s3.put_object(Bucket="net-digests", Key="xx", Body=body, ChecksumXXHASH64="AAAAAAAAAAA="))
        out["xxhashUpload"] = code(lambda: s3.create_multipart_upload(Bucket="net-digests", Key="xx", ChecksumAlgorithm="XXHASH128"))
        # The aws-chunked form SDKs use over TLS, with the SHA512 in the trailer.
        host = urllib.parse.urlparse(ENDPOINT).netloc
        def chunked(key, data, trailer_value):
            framed = b"%x\\r\\n" % len(data) + data + b"\\r\\n0\\r\\nx-amz-checksum-sha512:" + trailer_value.encode() + b"\\r\\n\\r\\n"
            conn = http.client.HTTPConnection(host)
            conn.request("PUT", "/net-digests/" + key, body=framed, headers={
                "Content-Encoding": "aws-chunked", "x-amz-content-sha256": "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
                "x-amz-decoded-content-length": str(len(data)), "x-amz-trailer": "x-amz-checksum-sha512",
                "x-amz-sdk-checksum-algorithm": "SHA512", "Content-Length": str(len(framed))})
            r = conn.getresponse()
            text = r.read().decode()
            return [r.status, r.getheader("x-amz-checksum-sha512"), text]
        out["chunked"] = chunked("chunked", body, expected["SHA512"])
        out["chunkedBad"] = chunked("chunked-bad", body, b64(hashlib.sha512(b"other").digest()))
        out["listed"] = {o["Key"]: o.get("ChecksumAlgorithm") for o in s3.list_objects_v2(Bucket="net-digests")["Contents"]}
        print(json.dumps(out))
        """) as? [String: Any])
        let expected = try #require(answer["expected"] as? [String: String])
        let sha512 = try #require(expected["SHA512"]), md5 = try #require(expected["MD5"])
        #expect(answer["sha512"] as? [String] == [sha512, "FULL_OBJECT"])
        #expect(answer["md5"] as? String == md5)
        #expect(answer["getSha512"] as? [String] == [sha512, "FULL_OBJECT", "hello digests"])
        #expect(answer["headMd5"] as? String == md5)
        #expect(answer["badMd5"] as? [AnyHashable] == ["BadDigest", "The MD5 you specified did not match the calculated checksum.", 400])
        #expect((answer["badStored"] as? [AnyHashable])?.last == AnyHashable(404))
        let valid = "Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256, SHA512, MD5]"
        #expect(answer["xxhash"] as? [AnyHashable] == ["InvalidRequest", "The XXHASH64 checksum algorithm is not supported. " + valid, 400])
        #expect(answer["xxhashUpload"] as? [AnyHashable] == ["InvalidRequest", "The XXHASH128 checksum algorithm is not supported. " + valid, 400])
        let chunked = try #require(answer["chunked"] as? [Any])
        #expect(chunked.first as? Int == 200 && chunked.count > 1 && chunked[1] as? String == sha512, "\(chunked)")
        let chunkedBad = try #require(answer["chunkedBad"] as? [Any])
        #expect(chunkedBad.first as? Int == 400 && (chunkedBad.last as? String)?.contains("<Code>BadDigest</Code>") == true, "\(chunkedBad)")
        let listed = try #require(answer["listed"] as? [String: Any])
        #expect(listed.keys.sorted() == ["chunked", "md5", "sha512"])
        #expect(listed["md5"] as? [String] == ["MD5"] && listed["sha512"] as? [String] == ["SHA512"] && listed["chunked"] as? [String] == ["SHA512"])
    }

    @Test func awsChunkedUploadsCarryTheirChecksumInTheTrailer() throws {
        let served = try ServedEstate()
        defer { _ = try? served.stop() }
        // The request botocore builds over TLS, written out by hand: STREAMING-UNSIGNED-PAYLOAD-TRAILER,
        // two chunks, and x-amz-checksum-crc32 after the zero chunk.
        let answer = try #require(try served.python("""
        import boto3, base64, http.client, zlib, urllib.parse
        s3 = boto3.client("s3", endpoint_url=ENDPOINT)
        s3.create_bucket(Bucket="net-chunks")
        host = urllib.parse.urlparse(ENDPOINT).netloc
        def put(key, data, trailer_value):
            chunks = b"".join(b"%x\\r\\n" % len(c) + c + b"\\r\\n" for c in (data[:7], data[7:]))
            body = chunks + b"0\\r\\nx-amz-checksum-crc32:" + trailer_value.encode() + b"\\r\\n\\r\\n"
            conn = http.client.HTTPConnection(host)
            conn.request("PUT", "/net-chunks/" + key, body=body, headers={
                "Content-Encoding": "aws-chunked", "x-amz-content-sha256": "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
                "x-amz-decoded-content-length": str(len(data)), "x-amz-trailer": "x-amz-checksum-crc32",
                "x-amz-sdk-checksum-algorithm": "CRC32", "Content-Length": str(len(body))})
            r = conn.getresponse()
            text = r.read().decode()
            return [r.status, r.getheader("x-amz-checksum-crc32"), text]
        data = b"streamed in two chunks"
        good = base64.b64encode(zlib.crc32(data).to_bytes(4, "big")).decode()
        out = {"good": good, "put": put("streamed", data, good)}
        got = s3.get_object(Bucket="net-chunks", Key="streamed", ChecksumMode="ENABLED")
        out["get"] = [got["Body"].read().decode(), got.get("ChecksumCRC32")]
        bad = base64.b64encode(zlib.crc32(b"other").to_bytes(4, "big")).decode()
        out["bad"] = put("refused", data, bad)
        out["listed"] = [o["Key"] for o in s3.list_objects_v2(Bucket="net-chunks")["Contents"]]
        print(json.dumps(out))
        """) as? [String: Any])
        let good = try #require(answer["good"] as? String)
        let put = try #require(answer["put"] as? [Any])
        #expect(put.first as? Int == 200, "\(put)")
        #expect(put.count > 1 && put[1] as? String == good)
        // The chunk framing is gone from the stored body.
        #expect(answer["get"] as? [String] == ["streamed in two chunks", good])
        let bad = try #require(answer["bad"] as? [Any])
        #expect(bad.first as? Int == 400 && (bad.last as? String)?.contains("<Code>BadDigest</Code>") == true, "\(bad)")
        #expect(answer["listed"] as? [String] == ["streamed"])
    }
}
