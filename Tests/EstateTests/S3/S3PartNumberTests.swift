@testable import Estate
import Foundation
import Testing

/// GetObject's `partNumber` (AWS's GetObject and HeadObject references): part n of an object
/// completed from parts, with `PartsCount`; an object stored whole has one part; AWS's errors otherwise.
@Suite struct S3PartNumberTests {
    /// An object of three parts: 5 MiB of "a", 5 MiB of "b", then "hello".
    func makeEstate() throws -> Estate {
        let estate = Fixtures.emptyEstate()
        try estate.s3.createBucket("parts")
        let id = try #require(try estate.ok("s3api create-multipart-upload --bucket parts --key mp")["UploadId"]?.stringValue)
        let bodies = [[UInt8](repeating: UInt8(ascii: "a"), count: 5 << 20), [UInt8](repeating: UInt8(ascii: "b"), count: 5 << 20), Array("hello".utf8)]
        var listed: [JSONValue] = []
        for (index, body) in bodies.enumerated() {
            let n = Int64(index + 1)
            let sent = try estate.s3.perform("UploadPart", Parameters(.object([("Bucket", "parts"), ("Key", "mp"), ("UploadId", .string(id)),
                                                                             ("PartNumber", .int(n)), ("BodyBase64", .string(Data(body).base64EncodedString()))])))
            listed.append(.object([("PartNumber", .int(n)), ("ETag", sent["ETag"] ?? .null)]))
        }
        _ = try estate.s3.perform("CompleteMultipartUpload", Parameters(.object([("Bucket", "parts"), ("Key", "mp"), ("UploadId", .string(id)),
                                                                               ("MultipartUpload", ["Parts": .array(listed)])])))
        _ = try estate.ok("s3api put-object --bucket parts --key single --body hello")
        return estate
    }

    @Test func aPartOfAMultipartObjectIsItsBytesWithThePartCount() throws {
        let estate = try makeEstate()
        let size = (10 << 20) + 5
        let second = try estate.ok("s3api get-object --bucket parts --key mp --part-number 2 --body-encoding base64")
        #expect(second["ContentLength"] == .int(5 << 20))
        #expect(second["ContentRange"] == .string("bytes \(5 << 20)-\((10 << 20) - 1)/\(size)"))
        #expect(second["PartsCount"] == 3)
        #expect(Data(base64Encoded: second["Body"]?.stringValue ?? "") == Data(repeating: UInt8(ascii: "b"), count: 5 << 20))
        // The ETag is the whole object's. hashlib: md5 of the three parts' MD5s, "-3".
        #expect(second["ETag"] == .string(try estate.s3.object(bucket: "parts", key: "mp").eTag))
        let last = try estate.ok("s3api get-object --bucket parts --key mp --part-number 3")
        #expect(last["Body"] == "hello" && last["ContentRange"] == .string("bytes \(10 << 20)-\(size - 1)/\(size)"))
        // Without partNumber: the whole object, and no PartsCount (S3 answers it only for a part).
        let whole = try estate.ok("s3api get-object --bucket parts --key mp --body-encoding base64")
        #expect(whole["PartsCount"] == nil && whole["ContentRange"] == nil && whole["ContentLength"] == .int(Int64(size)))
    }

    @Test func aWholeObjectHasOnePartAndAWSsErrorsOtherwise() throws {
        let estate = try makeEstate()
        let one = try estate.ok("s3api get-object --bucket parts --key single --part-number 1")
        #expect(one["Body"] == "hello" && one["ContentRange"] == "bytes 0-4/5" && one["PartsCount"] == nil)
        #expect(estate.errorCode("s3api get-object --bucket parts --key single --part-number 2") == "InvalidPartNumber")
        #expect(estate.errorCode("s3api get-object --bucket parts --key mp --part-number 4") == "InvalidPartNumber")
        #expect(estate.errorCode("s3api get-object --bucket parts --key mp --part-number 0") == "InvalidArgument")
        #expect(estate.errorCode("s3api get-object --bucket parts --key mp --part-number 10001") == "InvalidArgument")
        #expect(estate.errorCode("s3api get-object --bucket parts --key mp --part-number 1 --range bytes=0-1") == "InvalidRequest")
        #expect(estate.errorCode("s3api get-object --bucket parts --key nope --part-number 1") == "NoSuchKey")
    }
}
