@testable import Estate
import Foundation
import Testing

/// Buckets and objects through `s3api` and `s3`, in AWS shapes and codes.
@Suite struct S3Tests {
    @Test func bucketsAndObjectsRoundTrip() throws {
        let estate = Fixtures.emptyEstate()
        #expect(try estate.ok("s3api create-bucket --bucket data")["Location"] == "/data")
        #expect(estate.errorCode("s3api create-bucket --bucket data") == "BucketAlreadyOwnedByYou")
        #expect(estate.errorCode("s3api create-bucket --bucket Bad_Name") == "InvalidBucketName")
        let put = try estate.ok("s3api put-object --bucket data --key in/a.csv --body 'hello'")
        #expect(put["ETag"] == "\"5d41402abc4b2a76b9719d911017c592\"", "the ETag is the body's MD5")
        _ = try estate.ok("s3api put-object --bucket data --key in/b.csv --body 'x'")
        _ = try estate.ok("s3api put-object --bucket data --key top.txt --body 'y'")
        #expect(try estate.ok("s3api get-object --bucket data --key in/a.csv")["Body"] == "hello")
        #expect(estate.errorCode("s3api get-object --bucket data --key nope") == "NoSuchKey")
        let listed = try estate.ok("s3api list-objects-v2 --bucket data --prefix in/")
        #expect(listed["Contents"]?.arrayValue?.map { $0["Key"]?.stringValue ?? "" } == ["in/a.csv", "in/b.csv"])
        #expect(listed["KeyCount"] == 2)
        let grouped = try estate.ok("s3api list-objects-v2 --bucket data --delimiter /")
        #expect(grouped["CommonPrefixes"] == [["Prefix": "in/"]])
        let paged = try estate.ok("s3api list-objects-v2 --bucket data --max-keys 1")
        #expect(paged["IsTruncated"] == true && paged["NextContinuationToken"] == "in/a.csv")
        #expect(estate.errorCode("s3api delete-bucket --bucket data") == "BucketNotEmpty")
        _ = try estate.ok("s3 rm s3://data/ --recursive")
        _ = try estate.ok("s3api delete-bucket --bucket data")
        #expect(try estate.ok("s3api list-buckets")["Buckets"] == [])
        #expect(estate.errorCode("s3api list-objects-v2 --bucket data") == "NoSuchBucket")
    }

    /// `--encoding-type url` lists names form-encoded, as S3 does for botocore: a space is `+`, a
    /// `+` is `%2B`, `/` stays, UTF-8 bytes are `%XX`; the answer says `EncodingType: url`.
    @Test func urlEncodingTypeEncodesTheListedNames() throws {
        let estate = Fixtures.emptyEstate()
        _ = try estate.ok("s3api create-bucket --bucket data")
        _ = try estate.ok("s3api put-object --bucket data --key 'in/a b+c&é.txt' --body x")
        _ = try estate.ok("s3api put-object --bucket data --key 'in/sub dir/x' --body y")
        let listed = try estate.ok("s3api list-objects-v2 --bucket data --prefix 'in/' --delimiter ' ' --encoding-type url")
        #expect(listed["EncodingType"] == "url")
        #expect(listed["Contents"] == nil, "every key falls under a common prefix")
        #expect(listed["CommonPrefixes"] == [["Prefix": "in/a+"], ["Prefix": "in/sub+"]])
        #expect(listed["Delimiter"] == "+")
        let flat = try estate.ok("s3api list-objects-v2 --bucket data --encoding-type url --start-after 'in/a b'")
        #expect(flat["Contents"]?.arrayValue?.map { $0["Key"]?.stringValue ?? "" } == ["in/a+b%2Bc%26%C3%A9.txt", "in/sub+dir/x"])
        #expect(flat["StartAfter"] == "in/a+b")
        #expect(try estate.ok("s3api list-objects-v2 --bucket data")["EncodingType"] == nil)
        #expect(estate.errorCode("s3api list-objects-v2 --bucket data --encoding-type base64") == "InvalidArgument")
    }

    @Test func highLevelCommandsCopyLocalFilesInAndOut() throws {
        let estate = Fixtures.emptyEstate()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("s3-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let local = dir.appendingPathComponent("rows.csv")
        try "1,a\n2,b\n".write(to: local, atomically: true, encoding: .utf8)
        #expect(try estate.ok("s3 mb s3://lake")["Bucket"] == "lake")
        _ = try estate.ok("s3 cp \(local.path) s3://lake/in/")
        #expect(try estate.ok("s3 ls s3://lake/in/")["Contents"]?.arrayValue?.first?["Key"] == "in/rows.csv")
        let back = dir.appendingPathComponent("back.csv")
        _ = try estate.ok("s3 cp s3://lake/in/rows.csv \(back.path)")
        #expect(try String(contentsOf: back, encoding: .utf8) == "1,a\n2,b\n")
        #expect(try estate.ok("s3 ls")["Buckets"]?.arrayValue?.count == 1)
        #expect(estate.errorCode("s3 cp /no/such/file s3://lake/x") == "FileNotFound")
        #expect(estate.errorCode("s3 mv a b") == "ParamValidation")
    }
}

/// Bytes that are not text reach an object through base64, the endpoint's path.
@Suite struct S3BinaryBodyTests {
    @Test func base64BodiesAreStoredAndAnsweredByteForByte() throws {
        let estate = Fixtures.emptyEstate()
        _ = try estate.ok("s3api create-bucket --bucket data")
        let bytes: [UInt8] = [0xff, 0xfe, 0x00, 0x80, 0x41]
        let encoded = Data(bytes).base64EncodedString()
        let put = try estate.ok("s3api put-object --bucket data --key b.bin --body-base64 \(encoded)")
        // ETag: the MD5 of the five bytes, computed by hand with md5sum.
        #expect(put["ETag"] == "\"2d752f568847adc67b0c183dd8ed38fd\"")
        #expect(put["Size"] == 5)
        #expect(try estate.ok("s3api get-object --bucket data --key b.bin --body-encoding base64")["Body"] == .string(encoded))
        #expect(estate.errorCode("s3api get-object --bucket data --key b.bin --body-encoding hex") == "InvalidArgument")
        #expect(estate.errorCode("s3api put-object --bucket data --key c.bin --body-base64 '***'") == "InvalidArgument")
    }
}
