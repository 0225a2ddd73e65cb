@testable import Estate
import Foundation
import Testing

/// CopyObject and UploadPartCopy on the estate's S3, through the palette's own command lines and
/// the operations the endpoint calls. Expected ETags are Python's hashlib on the same bytes
/// (quoted beside each); errors are AWS's documented codes.
@Suite struct S3CopyTests {
    /// 5 MiB of "a" (the smallest a part but the last may be) and "hello".
    static let big = [UInt8](repeating: UInt8(ascii: "a"), count: 5 << 20)
    static let small = Array("hello".utf8)
    // hashlib.md5(b"hello").hexdigest()
    static let helloETag = "\"5d41402abc4b2a76b9719d911017c592\""

    func makeEstate() throws -> Estate {
        let estate = Fixtures.emptyEstate()
        try estate.s3.createBucket("src")
        try estate.s3.createBucket("dst")
        return estate
    }

    func call(_ estate: Estate, _ operation: String, _ members: [(String, JSONValue)]) throws(AWSError) -> JSONValue {
        try estate.s3.perform(operation, Parameters(.object(members)))
    }

    @Test func copyObjectKeepsTheSourcesBytesTypeAndMetadata() throws {
        let estate = try makeEstate()
        _ = try estate.ok("s3api put-object --bucket src --key a.txt --body hello --content-type text/plain --metadata team=data,Owner=ops")
        estate.advance(by: .seconds(90))
        let copied = try estate.ok("s3api copy-object --bucket dst --key b.txt --copy-source src/a.txt")
        #expect(copied["CopyObjectResult"]?["ETag"] == .string(Self.helloETag))
        // The copy is a new object, written now: 90 s after the estate's start.
        #expect(copied["CopyObjectResult"]?["LastModified"] == .string(SimCalendar.iso8601(estate.now)))
        #expect(try estate.s3.object(bucket: "dst", key: "b.txt").lastModified == estate.now)
        let got = try estate.ok("s3api get-object --bucket dst --key b.txt")
        #expect(got["Body"] == "hello" && got["ContentType"] == "text/plain")
        // Metadata names are kept in lower case, as S3 does (they are HTTP headers).
        #expect(got["Metadata"] == .object([("owner", "ops"), ("team", "data")]))
        // The source is untouched.
        #expect(try estate.ok("s3api get-object --bucket src --key a.txt")["Body"] == "hello")
        // A leading slash and percent-encoding in the source are S3's too.
        _ = try estate.ok("s3api put-object --bucket src --key 'with space' --body hello")
        #expect(try estate.ok("s3api copy-object --bucket dst --key c --copy-source /src/with%20space")["CopyObjectResult"]?["ETag"]
                == .string(Self.helloETag))
    }

    @Test func theS3VerbCopiesBetweenKeysWithCopyObject() throws {
        let estate = try makeEstate()
        _ = try estate.ok("s3api put-object --bucket src --key 'dir/50% off.txt' --body hello --content-type text/plain --metadata team=data")
        #expect(try estate.ok("s3 cp 's3://src/dir/50% off.txt' s3://dst/")["To"] == "s3://dst/50% off.txt")
        let got = try estate.ok("s3api get-object --bucket dst --key '50% off.txt'")
        // What CopyObject keeps and a plain write would not: the type and the metadata.
        #expect(got["Body"] == "hello" && got["ContentType"] == "text/plain" && got["Metadata"] == .object([("team", "data")]))
        #expect(estate.errorCode("s3 cp s3://src/none s3://dst/x") == "NoSuchKey")
    }

    @Test func replaceTakesTheRequestsMetadataAndAllowsACopyOntoItself() throws {
        let estate = try makeEstate()
        _ = try estate.ok("s3api put-object --bucket src --key k --body hello --content-type text/plain --metadata team=data")
        let line = "s3api copy-object --bucket src --key k --copy-source src/k"
        // AWS: copying an object onto itself must change something.
        #expect(estate.errorCode(line) == "InvalidRequest")
        #expect(estate.errorCode(line + " --metadata-directive COPY") == "InvalidRequest")
        #expect(try estate.ok("s3api get-object --bucket src --key k")["Metadata"] == .object([("team", "data")]), "the refusal changed nothing")
        _ = try estate.ok(line + " --metadata-directive REPLACE --content-type application/json --metadata stage=prod")
        let got = try estate.ok("s3api get-object --bucket src --key k")
        #expect(got["ContentType"] == "application/json" && got["Metadata"] == .object([("stage", "prod")]) && got["Body"] == "hello")
        // REPLACE without a type gives S3's default, and no metadata.
        _ = try estate.ok("s3api copy-object --bucket dst --key bare --copy-source src/k --metadata-directive REPLACE")
        let bare = try estate.ok("s3api get-object --bucket dst --key bare")
        #expect(bare["ContentType"] == "binary/octet-stream" && bare["Metadata"] == nil)
        #expect(estate.errorCode("s3api copy-object --bucket dst --key x --copy-source src/k --metadata-directive MERGE") == "InvalidArgument")
    }

    @Test func copyObjectErrorsAreAWSsAndChangeNothing() throws {
        let estate = try makeEstate()
        _ = try estate.ok("s3api put-object --bucket src --key k --body hello")
        #expect(estate.errorCode("s3api copy-object --bucket dst --key x --copy-source src/missing") == "NoSuchKey")
        #expect(estate.errorCode("s3api copy-object --bucket dst --key x --copy-source nobucket/k") == "NoSuchBucket")
        #expect(estate.errorCode("s3api copy-object --bucket nobucket --key x --copy-source src/k") == "NoSuchBucket")
        #expect(estate.errorCode("s3api copy-object --bucket dst --key x --copy-source src") == "InvalidArgument")
        #expect(estate.errorCode("s3api copy-object --bucket dst --key x --copy-source src/k?versionId=3") == "NoSuchVersion")
        // A byte range is UploadPartCopy's; the endpoint passes the header on, and CopyObject refuses it.
        #expect(errorCode { () throws(AWSError) in
            try call(estate, "CopyObject", [("Bucket", "dst"), ("Key", "x"), ("CopySource", "src/k"), ("CopySourceRange", "bytes=0-1")])
        } == "InvalidArgument")
        // The ETag conditions: hashlib.md5(b"hello").hexdigest() is the source's.
        #expect(estate.errorCode("s3api copy-object --bucket dst --key x --copy-source src/k --copy-source-if-match nope") == "PreconditionFailed")
        #expect(estate.errorCode("s3api copy-object --bucket dst --key x --copy-source src/k --copy-source-if-none-match 5d41402abc4b2a76b9719d911017c592")
                == "PreconditionFailed")
        #expect(try estate.ok("s3api list-objects-v2 --bucket dst")["Contents"] == nil, "nothing was written")
        #expect(try estate.ok("s3api copy-object --bucket dst --key y --copy-source src/k --copy-source-if-match '\"5d41402abc4b2a76b9719d911017c592\"'")["CopyObjectResult"] != nil)
        _ = try estate.ok("s3api delete-object --bucket dst --key y")
        // Buckets here are unversioned: their objects' version is "null".
        #expect(try estate.ok("s3api copy-object --bucket dst --key x --copy-source src/k?versionId=null")["CopyObjectResult"] != nil)
    }

    @Test func copyingAMultipartObjectStoresItWholeWithAPlainMD5() throws {
        let estate = try makeEstate()
        let id = try #require(try call(estate, "CreateMultipartUpload", [("Bucket", "src"), ("Key", "mp")])["UploadId"]?.stringValue)
        for (n, body) in [(1, Self.big), (2, Self.small)] {
            _ = try call(estate, "UploadPart", [("Bucket", "src"), ("Key", "mp"), ("UploadId", .string(id)), ("PartNumber", .int(Int64(n))),
                                                ("BodyBase64", .string(Data(body).base64EncodedString()))])
        }
        let list: JSONValue = ["Parts": [["PartNumber": 1, "ETag": "79b281060d337b9b2b84ccf390adcf74"], ["PartNumber": 2, "ETag": .string(Self.helloETag)]]]
        _ = try call(estate, "CompleteMultipartUpload", [("Bucket", "src"), ("Key", "mp"), ("UploadId", .string(id)), ("MultipartUpload", list)])
        // hashlib.md5(b"a" * (5 << 20) + b"hello").hexdigest(): CopyObject writes one part.
        let copied = try estate.ok("s3api copy-object --bucket dst --key whole --copy-source src/mp")
        #expect(copied["CopyObjectResult"]?["ETag"] == "\"fa01dc3471d797b839444a1bdfa87e51\"")
        #expect(try estate.s3.object(bucket: "dst", key: "whole").bytes() == Self.big + Self.small)
        #expect(estate.errorCode("s3api get-object --bucket dst --key whole --part-number 2") == "InvalidPartNumber", "the copy has one part")
    }

    @Test func uploadPartCopyAssemblesAnObjectFromRangesOfAnother() throws {
        let estate = try makeEstate()
        try estate.s3.putObject(bucket: "src", key: "s", body: Self.big + Self.small)
        let id = try #require(try estate.ok("s3api create-multipart-upload --bucket dst --key joined")["UploadId"]?.stringValue)
        let prefix = "s3api upload-part-copy --bucket dst --key joined --upload-id \(id) --copy-source src/s"
        // hashlib.md5(b"a" * (5 << 20)).hexdigest() and hashlib.md5(b"hello").hexdigest()
        let one = try estate.ok(prefix + " --part-number 1 --copy-source-range bytes=0-\((5 << 20) - 1)")
        #expect(one["CopyPartResult"]?["ETag"] == "\"79b281060d337b9b2b84ccf390adcf74\"")
        #expect(one["CopyPartResult"]?["LastModified"] == .string(SimCalendar.iso8601(estate.now)))
        let two = try estate.ok(prefix + " --part-number 2 --copy-source-range bytes=\(5 << 20)-\((5 << 20) + 4)")
        #expect(two["CopyPartResult"]?["ETag"] == .string(Self.helloETag))
        // Refusals, each leaving the parts as they were.
        #expect(estate.errorCode(prefix + " --part-number 2 --copy-source-range bytes=0-\((5 << 20) + 5)") == "InvalidRange", "one byte past the end")
        for bad in ["bytes=5-", "bytes=-5", "0-4", "bytes=4-2", "bytes=0-1,3-4", "bytes=a-b"] {
            #expect(estate.errorCode(prefix + " --part-number 2 --copy-source-range \(bad)") == "InvalidArgument", "\(bad)")
        }
        #expect(estate.errorCode(prefix + " --part-number 10001") == "InvalidArgument")
        #expect(estate.errorCode("s3api upload-part-copy --bucket dst --key joined --upload-id \(id) --part-number 2 --copy-source src/none") == "NoSuchKey")
        #expect(estate.errorCode("s3api upload-part-copy --bucket dst --key joined --upload-id nope --part-number 2 --copy-source src/s") == "NoSuchUpload")
        let parts = try estate.ok("s3api list-parts --bucket dst --key joined --upload-id \(id)")["Parts"]?.arrayValue ?? []
        #expect(parts.map { $0["Size"] } == [.int(5 << 20), 5])
        // The same completion as for uploaded parts: hashlib.md5(md5(part1).digest() + md5(part2).digest()).hexdigest() + "-2".
        let done = try estate.ok("s3api complete-multipart-upload --bucket dst --key joined --upload-id \(id) "
                                 + "--multipart-upload 'Parts=[{PartNumber=1,ETag=79b281060d337b9b2b84ccf390adcf74},{PartNumber=2,ETag=5d41402abc4b2a76b9719d911017c592}]'")
        #expect(done["ETag"] == "\"7cbb08aa3c3309d6882c18fcecc4bee7-2\"")
        #expect(try estate.s3.object(bucket: "dst", key: "joined").bytes() == Self.big + Self.small)
        // Without a range the part is the whole source. hashlib.md5(b"a" * (5 << 20) + b"hello").hexdigest()
        let again = try #require(try estate.ok("s3api create-multipart-upload --bucket dst --key j2")["UploadId"]?.stringValue)
        #expect(try estate.ok("s3api upload-part-copy --bucket dst --key j2 --upload-id \(again) --part-number 1 --copy-source src/s")["CopyPartResult"]?["ETag"]
                == "\"fa01dc3471d797b839444a1bdfa87e51\"")
    }

    @Test func anUploadWithAChecksumGetsOneForACopiedPart() throws {
        let estate = try makeEstate()
        try estate.s3.putObject(bucket: "src", key: "s", body: Self.small)
        let id = try #require(try estate.ok("s3api create-multipart-upload --bucket dst --key c --checksum-algorithm CRC32")["UploadId"]?.stringValue)
        // base64(zlib.crc32(b"ell").to_bytes(4, "big"))
        let part = try estate.ok("s3api upload-part-copy --bucket dst --key c --upload-id \(id) --part-number 1 --copy-source src/s --copy-source-range bytes=1-3")
        #expect(part["CopyPartResult"]?["ETag"] == "\"3123059c1c816471780539f6b6b738dc\"")  // hashlib.md5(b"ell")
        #expect(part["CopyPartResult"]?["ChecksumCRC32"] == "PBHZAQ==")
    }
}
