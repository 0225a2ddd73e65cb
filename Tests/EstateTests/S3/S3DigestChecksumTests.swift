@testable import Estate
import Foundation
import Testing

/// SHA512 and MD5 as S3 additional checksums, and the XXHASH algorithms of S3's model refused.
/// Expected digests come from Python's hashlib (quoted beside each), base64 as S3 shows them.
@Suite struct S3DigestChecksumTests {
    static let fox = "The quick brown fox jumps over the lazy dog"
    // base64(hashlib.sha512(b"abc").digest()), the FIPS 180-2 SHA-512 example ddaf35a1…a54ca49f.
    static let sha512ABC = "3a81oZNherrMQXNJriBBMRLm+k6JqX6iCp7u5ktV05ohkpkqJ0/BqDa6PCOj/uu9RU1EI2Q86A4qmslPpUyknw=="
    // base64(hashlib.sha512(b"The quick brown fox jumps over the lazy dog").digest()), 07e547d9…
    static let sha512Fox = "B+VH2VhvanP3P7rAQ17XaVEhj7fQyNeIownXhUNru2Quk6JSqVTyORJUfR6KO17W4b/XCXghIz+gU489uFT+5g=="
    // base64 of the RFC 1321 MD5s: 900150983cd24fb0d6963f7d28e17f72 and 9e107d9d372bb6826bd81d3542a419d6.
    static let md5ABC = "kAFQmDzST7DWlj99KOF/cg=="
    static let md5Fox = "nhB9nTcrtoJr2B01QqQZ1g=="

    func makeEstate() throws -> Estate {
        let estate = Fixtures.emptyEstate()
        try estate.s3.createBucket("sums")
        return estate
    }

    func call(_ estate: Estate, _ operation: String, _ members: [(String, JSONValue)]) throws(AWSError) -> JSONValue {
        try estate.s3.perform(operation, Parameters(.object([("Bucket", "sums")] + members)))
    }

    func failure(_ body: () throws(AWSError) -> JSONValue) -> AWSError? {
        do { _ = try body(); return nil } catch { return error }
    }

    @Test func digestsAreBase64OfTheRawDigest() {
        #expect(S3ChecksumAlgorithm.sha512.digest(Array("abc".utf8)) == Self.sha512ABC)
        #expect(S3ChecksumAlgorithm.sha512.digest(Array(Self.fox.utf8)) == Self.sha512Fox)
        #expect(S3ChecksumAlgorithm.md5.digest(Array("abc".utf8)) == Self.md5ABC)
        #expect(S3ChecksumAlgorithm.md5.digest(Array(Self.fox.utf8)) == Self.md5Fox)
        #expect(S3ChecksumAlgorithm.sha512.header == "x-amz-checksum-sha512" && S3ChecksumAlgorithm.md5.member == "ChecksumMD5")
    }

    @Test func putVerifiesStoresAndAnswersInChecksumMode() throws {
        let estate = try makeEstate()
        let put = try estate.ok("s3api put-object --bucket sums --key a --body abc --checksum-sha512 \(Self.sha512ABC)")
        #expect(put["ChecksumSHA512"] == .string(Self.sha512ABC) && put["ChecksumType"] == "FULL_OBJECT")
        let md5 = try call(estate, "PutObject", [("Key", "fox"), ("Body", .string(Self.fox)), ("ChecksumMD5", .string(Self.md5Fox))])
        #expect(md5["ChecksumMD5"] == .string(Self.md5Fox))
        // The algorithm alone has the digest computed, as an SDK does before sending.
        let computed = try call(estate, "PutObject", [("Key", "fox512"), ("Body", .string(Self.fox)), ("ChecksumAlgorithm", "sha512")])
        #expect(computed["ChecksumSHA512"] == .string(Self.sha512Fox))
        #expect(try estate.ok("s3api put-object --bucket sums --key m --body abc --checksum-algorithm MD5")["ChecksumMD5"] == .string(Self.md5ABC))

        #expect(try estate.ok("s3api get-object --bucket sums --key a")["ChecksumSHA512"] == nil, "only in checksum mode")
        let got = try estate.ok("s3api get-object --bucket sums --key a --checksum-mode ENABLED")
        #expect(got["ChecksumSHA512"] == .string(Self.sha512ABC) && got["ChecksumType"] == "FULL_OBJECT")
        #expect(try call(estate, "GetObject", [("Key", "fox"), ("ChecksumMode", "ENABLED")])["ChecksumMD5"] == .string(Self.md5Fox))
        let listed = try estate.ok("s3api list-objects-v2 --bucket sums")["Contents"]?.arrayValue?.map { $0["ChecksumAlgorithm"] }
        #expect(listed == [["SHA512"], ["MD5"], ["SHA512"], ["MD5"]])
    }

    @Test func aWrongDigestIsRefusedAndNothingStored() throws {
        let estate = try makeEstate()
        // Another body's digest of the right length: S3's BadDigest.
        let bad = failure { () throws(AWSError) in try call(estate, "PutObject", [("Key", "x"), ("Body", "abc"), ("ChecksumSHA512", .string(Self.sha512Fox))]) }
        #expect(bad == AWSError("BadDigest", "The SHA512 you specified did not match the calculated checksum."))
        #expect(estate.errorCode("s3api put-object --bucket sums --key x --body abc --checksum-md5 \(Self.md5Fox)") == "BadDigest")
        // An MD5's 16 bytes are not a SHA-512, nor a SHA-512's 64 an MD5: the value itself is invalid.
        let short = failure { () throws(AWSError) in try call(estate, "PutObject", [("Key", "x"), ("Body", "abc"), ("ChecksumSHA512", .string(Self.md5ABC))]) }
        #expect(short == AWSError("InvalidRequest", "Value for x-amz-checksum-sha512 header is invalid."))
        #expect(estate.errorCode("s3api put-object --bucket sums --key x --body abc --checksum-md5 \(Self.sha512ABC)") == "InvalidRequest")
        #expect(estate.errorCode("s3api put-object --bucket sums --key x --body abc --checksum-md5 \(Self.md5ABC) --checksum-sha512 \(Self.sha512ABC)")
                == "InvalidRequest", "one checksum at a time")
        #expect(estate.errorCode("s3api get-object --bucket sums --key x") == "NoSuchKey", "nothing was stored")
    }

    @Test func xxhashIsRefusedByNameWhereverItAppears() throws {
        let estate = try makeEstate()
        for name in ["XXHASH64", "XXHASH3", "XXHASH128"] {
            let expected = AWSError("InvalidRequest", "The \(name) checksum algorithm is not supported. Please try again with any of the valid types: "
                                    + "[CRC32, CRC32C, CRC64NVME, SHA1, SHA256, SHA512, MD5]")
            let asAlgorithm = failure { () throws(AWSError) in try call(estate, "PutObject", [("Key", "x"), ("Body", "abc"), ("ChecksumAlgorithm", .string(name))]) }
            #expect(asAlgorithm == expected)
            let asMember = failure { () throws(AWSError) in try call(estate, "PutObject", [("Key", "x"), ("Body", "abc"), ("Checksum" + name, "AAAAAAAAAAA=")]) }
            #expect(asMember == expected)
            let upload = failure { () throws(AWSError) in try call(estate, "CreateMultipartUpload", [("Key", "m"), ("ChecksumAlgorithm", .string(name.lowercased()))]) }
            #expect(upload == expected)
            #expect(estate.errorCode("s3api put-object --bucket sums --key x --body abc --checksum-\(name.lowercased()) AAAAAAAAAAA=") == "InvalidRequest")
        }
        _ = try call(estate, "PutObject", [("Key", "src"), ("Body", "abc")])
        #expect(estate.errorCode("s3api copy-object --bucket sums --key c --copy-source sums/src --checksum-algorithm XXHASH64") == "InvalidRequest")
        #expect(estate.errorCode("s3api get-object --bucket sums --key x") == "NoSuchKey", "nothing was stored")
        #expect(estate.errorCode("s3api get-object --bucket sums --key c") == "NoSuchKey", "nothing was copied")
        // A name S3 does not know keeps S3's own message.
        let unknown = failure { () throws(AWSError) in try call(estate, "PutObject", [("Key", "x"), ("Body", "abc"), ("ChecksumAlgorithm", "MD4")]) }
        #expect(unknown?.code == "InvalidRequest" && unknown?.message.hasPrefix("Checksum algorithm provided is unsupported.") == true)
    }

    @Test func multipartDigestsAreCompositeOnly() throws {
        let estate = try makeEstate()
        let big = [UInt8](repeating: UInt8(ascii: "a"), count: 5 << 20), small = Array("hello".utf8)
        // For each: base64 of hashlib's digest of b"a" * (5 << 20) and of b"hello", and the
        // composite: base64(h(d1 + d2).digest()) + "-2" over the parts' raw digests.
        let cases: [(S3ChecksumAlgorithm, String, String, String)] = [
            (.sha512, "dG/apTY4zOym1QXc+SnT+n6yiLzvGpvzC+vzf3jfumP2uDUBPETzj+18ptxibqHPpNa7fYUMWQ+MkqZiZAcs+g==",
             "m3HSJL1i83hdltRq0+o9czGb+8KJDKra4t/3JRlnPKcjI8PZm6XBHXx6zG4UuMXaDEZjR1wuXDre9G9zvN7AQw==",
             "5qMsnwzgbO+wPxsr/oRwwl8vO26pL8XREd5CKuTW1OSN2ZQxlR4/b0hvXQiI/usyo398pOWOiQJS0rH3JX9L/Q==-2"),
            (.md5, "ebKBBg0ze5srhMzzkK3PdA==", "XUFAKrxLKna5cZ2REBfFkg==", "fLsIqjwzCdaILBj87MS+5w==-2"),
        ]
        for (algorithm, first, second, composite) in cases {
            let key = JSONValue.string(algorithm.rawValue)
            #expect(failure { () throws(AWSError) in
                try call(estate, "CreateMultipartUpload", [("Key", key), ("ChecksumAlgorithm", .string(algorithm.rawValue)), ("ChecksumType", "FULL_OBJECT")])
            }?.code == "InvalidRequest", "a digest cannot be combined from its parts")
            let created = try call(estate, "CreateMultipartUpload", [("Key", key), ("ChecksumAlgorithm", .string(algorithm.rawValue))])
            #expect(created["ChecksumType"] == "COMPOSITE")
            let id = try #require(created["UploadId"])
            func part(_ n: Int, _ body: [UInt8], _ extra: [(String, JSONValue)] = []) throws(AWSError) -> JSONValue {
                try call(estate, "UploadPart", [("Key", key), ("UploadId", id), ("PartNumber", .int(Int64(n))),
                                                ("BodyBase64", .string(Data(body).base64EncodedString()))] + extra)
            }
            #expect(try part(1, big)[algorithm.member] == .string(first), "computed when the part carries none")
            #expect(failure { () throws(AWSError) in try part(2, small, [(algorithm.member, .string(first))]) }?.code == "BadDigest")
            #expect(try part(2, small, [(algorithm.member, .string(second))])[algorithm.member] == .string(second))
            let parts: JSONValue = ["Parts": .array([
                .object([("PartNumber", 1), ("ETag", "79b281060d337b9b2b84ccf390adcf74"), (algorithm.member, .string(first))]),
                .object([("PartNumber", 2), ("ETag", "5d41402abc4b2a76b9719d911017c592"), (algorithm.member, .string(second))]),
            ])]
            let done = try call(estate, "CompleteMultipartUpload", [("Key", key), ("UploadId", id), ("MultipartUpload", parts)])
            #expect(done[algorithm.member] == .string(composite) && done["ChecksumType"] == "COMPOSITE")
            let got = try call(estate, "GetObject", [("Key", key), ("ChecksumMode", "ENABLED")])
            #expect(got[algorithm.member] == .string(composite) && got["ChecksumType"] == "COMPOSITE")
        }
        // A part list carrying an XXHASH checksum is refused, not completed without it.
        let id = try #require(try call(estate, "CreateMultipartUpload", [("Key", "x")])["UploadId"])
        _ = try call(estate, "UploadPart", [("Key", "x"), ("UploadId", id), ("PartNumber", 1), ("Body", "hello")])
        let parts: JSONValue = ["Parts": [["PartNumber": 1, "ETag": "5d41402abc4b2a76b9719d911017c592", "ChecksumXXHASH64": "AAAAAAAAAAA="]]]
        let refused = failure { () throws(AWSError) in try call(estate, "CompleteMultipartUpload", [("Key", "x"), ("UploadId", id), ("MultipartUpload", parts)]) }
        #expect(refused?.code == "InvalidRequest" && refused?.message.contains("XXHASH64") == true)
    }
}
