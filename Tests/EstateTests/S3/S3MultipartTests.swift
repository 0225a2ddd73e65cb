@testable import Estate
import Foundation
import Testing

/// Multipart uploads on the estate's S3, with expected values computed outside the code under
/// test (Python's hashlib and zlib, quoted beside each) and AWS's documented errors.
@Suite struct S3MultipartTests {
    /// 5 MiB of "a" (the smallest a part but the last may be) and "hello".
    static let big = [UInt8](repeating: UInt8(ascii: "a"), count: 5 << 20)
    static let small = Array("hello".utf8)

    func makeEstate() throws -> Estate {
        let estate = Fixtures.emptyEstate()
        try estate.s3.createBucket("parts")
        return estate
    }

    func call(_ estate: Estate, _ operation: String, _ members: [(String, JSONValue)]) throws(AWSError) -> JSONValue {
        try estate.s3.perform(operation, Parameters(.object([("Bucket", "parts")] + members)))
    }

    func create(_ estate: Estate, key: String = "k", _ extra: [(String, JSONValue)] = []) throws -> String {
        try #require(try call(estate, "CreateMultipartUpload", [("Key", .string(key))] + extra)["UploadId"]?.stringValue)
    }

    @discardableResult
    func upload(_ estate: Estate, _ id: String, _ number: Int, _ body: [UInt8], key: String = "k",
                _ extra: [(String, JSONValue)] = []) throws(AWSError) -> JSONValue {
        try call(estate, "UploadPart", [("Key", .string(key)), ("UploadId", .string(id)), ("PartNumber", .int(Int64(number))),
                                        ("BodyBase64", .string(Data(body).base64EncodedString()))] + extra)
    }

    func complete(_ estate: Estate, _ id: String, _ parts: [(Int, String)], key: String = "k",
                  _ extra: [(String, JSONValue)] = []) throws(AWSError) -> JSONValue {
        let list = JSONValue.array(parts.map { .object([("PartNumber", .int(Int64($0.0))), ("ETag", .string($0.1))]) })
        return try call(estate, "CompleteMultipartUpload", [("Key", .string(key)), ("UploadId", .string(id)),
                                                            ("MultipartUpload", ["Parts": list])] + extra)
    }

    @Test func theCompletedObjectsETagIsTheMD5OfThePartMD5s() throws {
        let estate = try makeEstate()
        let id = try create(estate)
        // hashlib.md5(b"a" * (5 << 20)).hexdigest() and hashlib.md5(b"hello").hexdigest()
        #expect(try upload(estate, id, 1, Self.big)["ETag"] == "\"79b281060d337b9b2b84ccf390adcf74\"")
        #expect(try upload(estate, id, 2, Self.small)["ETag"] == "\"5d41402abc4b2a76b9719d911017c592\"")
        let done = try complete(estate, id, [(1, "\"79b281060d337b9b2b84ccf390adcf74\""), (2, "5d41402abc4b2a76b9719d911017c592")])
        // hashlib.md5(md5(part1).digest() + md5(part2).digest()).hexdigest() + "-2"
        #expect(done["ETag"] == "\"7cbb08aa3c3309d6882c18fcecc4bee7-2\"")
        #expect(done["Key"] == "k" && done["Bucket"] == "parts")
        let object = try estate.s3.object(bucket: "parts", key: "k")
        #expect(object.eTag == "\"7cbb08aa3c3309d6882c18fcecc4bee7-2\"")
        #expect(try object.bytes() == Self.big + Self.small)
        // It is an object like any other: listed, read, and read in part.
        let listed = try estate.ok("s3api list-objects-v2 --bucket parts")
        #expect(listed["Contents"]?.arrayValue?.map { $0["Size"] } == [.int(Int64((5 << 20) + 5))])
        let tail = try call(estate, "GetObject", [("Key", "k"), ("Range", "bytes=-7")])
        #expect(tail["Body"] == "aahello" && tail["ContentRange"] == .string("bytes \((5 << 20) - 2)-\((5 << 20) + 4)/\((5 << 20) + 5)"))
        #expect(try estate.ok("s3api list-multipart-uploads --bucket parts")["Uploads"] == nil, "completed uploads are gone")
    }

    @Test func completionErrorsAreAWSs() throws {
        let estate = try makeEstate()
        let id = try create(estate)
        let big = "\"79b281060d337b9b2b84ccf390adcf74\"", small = "\"5d41402abc4b2a76b9719d911017c592\""
        try upload(estate, id, 1, Self.small)
        try upload(estate, id, 2, Self.big)
        try upload(estate, id, 3, Self.small)
        #expect(errorCode { () throws(AWSError) in try complete(estate, id, [(2, big), (4, small)]) } == "InvalidPart", "part 4 was never uploaded")
        #expect(errorCode { () throws(AWSError) in try complete(estate, id, [(2, small)]) } == "InvalidPart", "the ETag is not part 2's")
        #expect(errorCode { () throws(AWSError) in try complete(estate, id, [(3, small), (2, big)]) } == "InvalidPartOrder")
        #expect(errorCode { () throws(AWSError) in try complete(estate, id, [(2, big), (2, big)]) } == "InvalidPartOrder", "a number twice is not ascending")
        #expect(errorCode { () throws(AWSError) in try complete(estate, id, [(1, small), (2, big)]) } == "EntityTooSmall", "part 1 is 5 bytes and not last")
        #expect(errorCode { () throws(AWSError) in try complete(estate, id, []) } == "MalformedXML")
        #expect(errorCode { () throws(AWSError) in try complete(estate, "no-such-id", [(2, big)]) } == "NoSuchUpload")
        #expect(errorCode { () throws(AWSError) in try complete(estate, id, [(2, big)], key: "other") } == "NoSuchUpload", "the id belongs to key k")
        #expect(errorCode { () throws(AWSError) in try upload(estate, id, 0, Self.small) } == "InvalidArgument")
        #expect(errorCode { () throws(AWSError) in try upload(estate, id, 10_001, Self.small) } == "InvalidArgument")
        #expect(try upload(estate, id, 10_000, Self.small)["ETag"] == .string(small))
        // Content-MD5: base64(hashlib.md5(b"hello").digest()) = "XUFAKrxLKna5cZ2REBfFkg=="
        #expect(try upload(estate, id, 4, Self.small, [("ContentMD5", "XUFAKrxLKna5cZ2REBfFkg==")])["ETag"] == .string(small))
        #expect(errorCode { () throws(AWSError) in try upload(estate, id, 4, Array("hellO".utf8), [("ContentMD5", "XUFAKrxLKna5cZ2REBfFkg==")]) } == "BadDigest")
        #expect(errorCode { () throws(AWSError) in try upload(estate, id, 4, Self.small, [("ContentMD5", "bm90IGFuIG1kNQ==")]) } == "InvalidDigest")
        // Every refusal left the upload as it was: it still completes.
        #expect(try complete(estate, id, [(2, big), (3, small)])["ETag"] != nil)
        // Then the upload is gone.
        #expect(errorCode { () throws(AWSError) in try complete(estate, id, [(2, big), (3, small)]) } == "NoSuchUpload")
        #expect(errorCode { () throws(AWSError) in try self.upload(estate, id, 1, Self.small) } == "NoSuchUpload")
        #expect(errorCode { () throws(AWSError) in try call(estate, "CreateMultipartUpload", [("Key", "k")], bucket: "nope") } == "NoSuchBucket")
    }

    @Test func putObjectChecksContentMD5Too() throws {
        let estate = try makeEstate()
        // base64(hashlib.md5(b"hello").digest())
        #expect(try estate.ok("s3api put-object --bucket parts --key m --body hello --content-md5 XUFAKrxLKna5cZ2REBfFkg==")["ETag"]
                == "\"5d41402abc4b2a76b9719d911017c592\"")
        #expect(estate.errorCode("s3api put-object --bucket parts --key n --body hellO --content-md5 XUFAKrxLKna5cZ2REBfFkg==") == "BadDigest")
        #expect(estate.errorCode("s3api put-object --bucket parts --key n --body hello --content-md5 nope") == "InvalidDigest")
        #expect(estate.errorCode("s3api get-object --bucket parts --key n") == "NoSuchKey", "nothing was stored")
    }

    @Test func abortDropsThePartsAndLaterCallsFindNoUpload() throws {
        let estate = try makeEstate()
        let id = try create(estate)
        try upload(estate, id, 1, Self.big)
        #expect(estate.s3.memoryBytes == 5 << 20, "a part counts against S3's memory while the upload lasts")
        #expect(try call(estate, "AbortMultipartUpload", [("Key", "k"), ("UploadId", .string(id))]) == [:])
        #expect(estate.s3.memoryBytes == 0)
        #expect(errorCode { () throws(AWSError) in try call(estate, "AbortMultipartUpload", [("Key", "k"), ("UploadId", .string(id))]) } == "NoSuchUpload")
        #expect(errorCode { () throws(AWSError) in try call(estate, "ListParts", [("Key", "k"), ("UploadId", .string(id))]) } == "NoSuchUpload")
        #expect(errorCode { () throws(AWSError) in try self.upload(estate, id, 2, Self.small) } == "NoSuchUpload")
        #expect(errorCode { () throws(AWSError) in try estate.s3.object(bucket: "parts", key: "k") } == "NoSuchKey")
    }

    @Test func partsPastTheMemoryBudgetSpillAndAreJoinedFromDisk() throws {
        let estate = try makeEstate()
        estate.s3.memoryBudgetBytes = 1_000
        let store = try #require(estate.kinesis.recordStore.segments as? any ObjectBodyStore)
        let id = try create(estate)
        try upload(estate, id, 1, Self.big)
        try upload(estate, id, 2, Self.small)
        #expect(estate.s3.spilledBodies == 1 && estate.s3.memoryBytes == 5, "the 5 MiB part went to disk, as PutObject's bodies do")
        _ = try complete(estate, id, [(1, "79b281060d337b9b2b84ccf390adcf74"), (2, "5d41402abc4b2a76b9719d911017c592")])
        let object = try estate.s3.object(bucket: "parts", key: "k")
        #expect(try object.bytes() == Self.big + Self.small)
        #expect(!object.content.isInMemory && estate.s3.memoryBytes == 0, "the joined body is past the budget too")
        #expect(try store.bodyCount() == 1, "only the object's body is left on disk; the parts' went with the upload")
    }

    @Test func aPartSentAgainReplacesTheEarlierOne() throws {
        let estate = try makeEstate()
        let id = try create(estate)
        try upload(estate, id, 1, Array("first".utf8))
        // hashlib.md5(b"second").hexdigest()
        #expect(try upload(estate, id, 1, Array("second".utf8))["ETag"] == "\"a9f0e61a137d86aa9db53465e0801612\"")
        let parts = try call(estate, "ListParts", [("Key", "k"), ("UploadId", .string(id))])["Parts"]?.arrayValue ?? []
        #expect(parts.map { $0["ETag"] } == ["\"a9f0e61a137d86aa9db53465e0801612\""] && parts.map { $0["Size"] } == [6])
        #expect(estate.s3.memoryBytes == 6, "the replaced part no longer counts")
        // The old ETag no longer names part 1. hashlib.md5(b"first").hexdigest()
        #expect(errorCode { () throws(AWSError) in try complete(estate, id, [(1, "8b04d5e3775d298e78455efc5ca404d5")]) } == "InvalidPart")
        // hashlib.md5(hashlib.md5(b"second").digest()).hexdigest() + "-1"
        #expect(try complete(estate, id, [(1, "a9f0e61a137d86aa9db53465e0801612")])["ETag"] == "\"c1eb0f042a15333e25543001a249a2fb-1\"")
        #expect(try estate.s3.object(bucket: "parts", key: "k").bytes() == Array("second".utf8))
        #expect(estate.s3.memoryBytes == 6, "the parts are released once the object holds the bytes")
    }

    @Test func compositeAndFullObjectChecksums() throws {
        let estate = try makeEstate()
        let id = try create(estate, [("ChecksumAlgorithm", "CRC32")])
        // base64(zlib.crc32(b"a" * (5 << 20)).to_bytes(4, "big")) and the same for b"hello"
        #expect(try upload(estate, id, 1, Self.big)["ChecksumCRC32"] == "r/zBbw==", "computed when the part carries none")
        #expect(try upload(estate, id, 2, Self.small, [("ChecksumCRC32", "NhCmhg==")])["ChecksumCRC32"] == "NhCmhg==")
        #expect(errorCode { () throws(AWSError) in try upload(estate, id, 2, Self.small, [("ChecksumCRC32", "r/zBbw==")]) } == "BadDigest")
        #expect(errorCode { () throws(AWSError) in try upload(estate, id, 2, Self.small, [("ChecksumAlgorithm", "SHA256")]) } == "InvalidRequest", "not the upload's algorithm")
        let listed = try call(estate, "ListParts", [("Key", "k"), ("UploadId", .string(id))])
        #expect(listed["ChecksumAlgorithm"] == "CRC32" && listed["ChecksumType"] == "COMPOSITE")
        #expect(listed["Parts"]?.arrayValue?.map { $0["ChecksumCRC32"] } == ["r/zBbw==", "NhCmhg=="])
        func parts(_ sums: [String?]) -> JSONValue {
            ["Parts": .array(zip([("79b281060d337b9b2b84ccf390adcf74", 1), ("5d41402abc4b2a76b9719d911017c592", 2)], sums).map { part, sum in
                .object([("PartNumber", .int(Int64(part.1))), ("ETag", .string(part.0))] + (sum.map { [("ChecksumCRC32", JSONValue.string($0))] } ?? []))
            })]
        }
        func finish(_ sums: [String?]) throws(AWSError) -> JSONValue {
            try call(estate, "CompleteMultipartUpload", [("Key", "k"), ("UploadId", .string(id)), ("MultipartUpload", parts(sums))])
        }
        #expect(errorCode { () throws(AWSError) in try finish(["r/zBbw==", nil]) } == "InvalidRequest", "a composite checksum needs every part's")
        #expect(errorCode { () throws(AWSError) in try finish(["r/zBbw==", "r/zBbw=="]) } == "InvalidPart", "not part 2's checksum")
        let done = try finish(["r/zBbw==", "NhCmhg=="])
        // base64(zlib.crc32(crc1 + crc2).to_bytes(4, "big")) + "-2", the CRCs as their four raw bytes
        #expect(done["ChecksumCRC32"] == "QaduHg==-2" && done["ChecksumType"] == "COMPOSITE")
        let got = try call(estate, "GetObject", [("Key", "k"), ("ChecksumMode", "ENABLED")])
        #expect(got["ChecksumCRC32"] == "QaduHg==-2" && got["ChecksumType"] == "COMPOSITE")
        #expect(try call(estate, "GetObject", [("Key", "k"), ("ChecksumMode", "ENABLED"), ("Range", "bytes=0-9")])["ChecksumCRC32"] == nil,
                "a range is not what the object's checksum describes")

        let full = try create(estate, key: "f", [("ChecksumAlgorithm", "CRC32"), ("ChecksumType", "FULL_OBJECT")])
        try upload(estate, full, 1, Self.big, key: "f")
        try upload(estate, full, 2, Self.small, key: "f")
        let list: JSONValue = ["Parts": [["PartNumber": 1, "ETag": "79b281060d337b9b2b84ccf390adcf74"], ["PartNumber": 2, "ETag": "5d41402abc4b2a76b9719d911017c592"]]]
        #expect(errorCode { () throws(AWSError) in try call(estate, "CompleteMultipartUpload", [("Key", "f"), ("UploadId", .string(full)), ("MultipartUpload", list),
                                                                         ("ChecksumCRC32", "NhCmhg==")]) } == "BadDigest")
        // base64(zlib.crc32(b"a" * (5 << 20) + b"hello").to_bytes(4, "big"))
        let whole = try call(estate, "CompleteMultipartUpload", [("Key", "f"), ("UploadId", .string(full)), ("MultipartUpload", list),
                                                                 ("ChecksumCRC32", "dsLl6w==")])
        #expect(whole["ChecksumCRC32"] == "dsLl6w==" && whole["ChecksumType"] == "FULL_OBJECT")
        #expect(errorCode { () throws(AWSError) in try call(estate, "CreateMultipartUpload", [("Key", "x"), ("ChecksumAlgorithm", "SHA256"), ("ChecksumType", "FULL_OBJECT")]) } == "InvalidRequest")
        #expect(errorCode { () throws(AWSError) in try call(estate, "CreateMultipartUpload", [("Key", "x"), ("ChecksumType", "COMPOSITE")]) } == "InvalidRequest")
    }

    @Test func listingsAreSortedAndPaged() throws {
        let estate = try makeEstate()
        let b2 = try create(estate, key: "b")
        let a = try create(estate, key: "a")
        let b1 = try create(estate, key: "b")
        _ = try create(estate, key: "dir/x")
        let all = try estate.ok("s3api list-multipart-uploads --bucket parts")
        // By key, then in the order they began.
        #expect((all["Uploads"]?.arrayValue ?? []).prefix(3).map { $0["UploadId"] } == [.string(a), .string(b2), .string(b1)])
        #expect(all["Uploads"]?.arrayValue?.map { $0["Key"] } == ["a", "b", "b", "dir/x"])
        let grouped = try estate.ok("s3api list-multipart-uploads --bucket parts --delimiter /")
        #expect(grouped["Uploads"]?.arrayValue?.count == 3 && grouped["CommonPrefixes"] == [["Prefix": "dir/"]])
        let page = try estate.ok("s3api list-multipart-uploads --bucket parts --max-uploads 2")
        #expect(page["IsTruncated"] == true && page["NextKeyMarker"] == "b" && page["NextUploadIdMarker"] == .string(b2))
        let next = try estate.ok("s3api list-multipart-uploads --bucket parts --key-marker b --upload-id-marker \(b2)")
        #expect(next["Uploads"]?.arrayValue?.map { $0["Key"] } == ["b", "dir/x"] && next["IsTruncated"] == false)

        for n in [3, 1, 2] { try upload(estate, a, n, [UInt8(n)], key: "a") }
        let parts = try call(estate, "ListParts", [("Key", "a"), ("UploadId", .string(a)), ("MaxParts", 2)])
        #expect(parts["Parts"]?.arrayValue?.map { $0["PartNumber"] } == [1, 2])
        #expect(parts["IsTruncated"] == true && parts["NextPartNumberMarker"] == 2)
        let rest = try call(estate, "ListParts", [("Key", "a"), ("UploadId", .string(a)), ("PartNumberMarker", 2)])
        #expect(rest["Parts"]?.arrayValue?.map { $0["PartNumber"] } == [3] && rest["IsTruncated"] == false)
    }

    @Test func uploadIDsComeFromTheSeed() throws {
        let ids = try (0..<2).map { _ in try create(try makeEstate()) }
        #expect(ids[0] == ids[1])
        #expect(ids[0].count == 64)
        let other = Fixtures.emptyEstate(seed: 8)
        try other.s3.createBucket("parts")
        #expect(try create(other) != ids[0])
    }

    @Test func thePaletteRunsTheWholeUpload() throws {
        let estate = try makeEstate()
        let id = try #require(try estate.ok("s3api create-multipart-upload --bucket parts --key p.txt")["UploadId"]?.stringValue)
        let part = try estate.ok("s3api upload-part --bucket parts --key p.txt --upload-id \(id) --part-number 1 --body hello")
        #expect(part["ETag"] == "\"5d41402abc4b2a76b9719d911017c592\"")
        // hashlib.md5(hashlib.md5(b"hello").digest()).hexdigest() + "-1"
        let done = try estate.ok(#"s3api complete-multipart-upload --bucket parts --key p.txt --upload-id \#(id) --multipart-upload '{"Parts":[{"ETag":"5d41402abc4b2a76b9719d911017c592","PartNumber":1}]}'"#)
        #expect(done["ETag"] == "\"62109206880d38a4010a98e11243924a-1\"")
        #expect(try estate.ok("s3api get-object --bucket parts --key p.txt")["Body"] == "hello")
        #expect(estate.errorCode("s3api abort-multipart-upload --bucket parts --key p.txt --upload-id \(id)") == "NoSuchUpload")
    }
}

extension S3MultipartTests {
    func call(_ estate: Estate, _ operation: String, _ members: [(String, JSONValue)], bucket: String) throws(AWSError) -> JSONValue {
        try estate.s3.perform(operation, Parameters(.object([("Bucket", .string(bucket))] + members)))
    }
}
