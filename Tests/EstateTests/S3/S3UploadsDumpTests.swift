@testable import Estate
import Foundation
import Testing

/// Multipart uploads in progress are part of the estate's state, so the dump lists them in a fixed
/// order (bucket, key, when each began, creation order), with their parts by number.
@Suite struct S3UploadsDumpTests {
    static func uploads(_ estate: Estate) -> [JSONValue] { estate.dump()["S3"]?["MultipartUploads"]?.arrayValue ?? [] }

    /// Uploads started out of order in two buckets, one with parts sent out of order.
    static func build(seed: UInt64 = 7) throws -> (Estate, [String: String]) {
        let estate = Fixtures.emptyEstate(seed: seed)
        var ids: [String: String] = [:]
        for bucket in ["zeta", "alpha"] { _ = try estate.ok("s3api create-bucket --bucket \(bucket)") }
        for (bucket, key) in [("zeta", "b"), ("alpha", "z"), ("alpha", "a"), ("zeta", "a")] {
            ids["\(bucket)/\(key)"] = try estate.ok("s3api create-multipart-upload --bucket \(bucket) --key \(key)")["UploadId"]?.stringValue
            estate.advance(by: .seconds(1))
        }
        // A second upload of alpha/a, a second later: listed after the first.
        ids["alpha/a#2"] = try estate.ok("s3api create-multipart-upload --bucket alpha --key a --checksum-algorithm CRC32")["UploadId"]?.stringValue
        for n in [3, 1] {
            _ = try estate.ok("s3api upload-part --bucket alpha --key z --upload-id \(ids["alpha/z"]!) --part-number \(n) --body hello")
        }
        return (estate, ids)
    }

    @Test func uploadsInProgressAreDumpedInAFixedOrder() throws {
        let (estate, ids) = try Self.build()
        let dumped = Self.uploads(estate)
        #expect(dumped.map { "\($0["Bucket"]!.stringValue!)/\($0["Key"]!.stringValue!)" } == ["alpha/a", "alpha/a", "alpha/z", "zeta/a", "zeta/b"])
        #expect(dumped.map { $0["UploadId"]?.stringValue } == [ids["alpha/a"], ids["alpha/a#2"], ids["alpha/z"], ids["zeta/a"], ids["zeta/b"]])
        #expect(dumped[1]["ChecksumAlgorithm"] == "CRC32" && dumped[0]["ChecksumAlgorithm"] == nil)
        #expect(dumped[0]["Initiated"] == .string(SimCalendar.iso8601(SimInstant(milliseconds: 2_000))))
        // Parts by number, each with its size and ETag (hashlib.md5(b"hello").hexdigest()); bodies stay out.
        let parts = dumped[2]["Parts"]?.arrayValue ?? []
        #expect(parts.map { $0["PartNumber"] } == [1, 3] && parts.allSatisfy { $0["Size"] == 5 && $0["ETag"] == "\"5d41402abc4b2a76b9719d911017c592\"" })
        #expect(parts.allSatisfy { $0["Body"] == nil })
    }

    @Test func completedAndAbortedUploadsLeaveTheDump() throws {
        let (estate, ids) = try Self.build()
        _ = try estate.ok("s3api abort-multipart-upload --bucket zeta --key b --upload-id \(ids["zeta/b"]!)")
        _ = try estate.ok("s3api complete-multipart-upload --bucket alpha --key z --upload-id \(ids["alpha/z"]!) "
                          + "--multipart-upload 'Parts=[{PartNumber=3,ETag=5d41402abc4b2a76b9719d911017c592}]'")
        #expect(Self.uploads(estate).map { $0["UploadId"]?.stringValue } == [ids["alpha/a"], ids["alpha/a#2"], ids["zeta/a"]])
        // So does every upload of a deleted bucket.
        _ = try estate.ok("s3api delete-object --bucket zeta --key a")
        _ = try estate.ok("s3api delete-bucket --bucket zeta")
        #expect(Self.uploads(estate).count == 2)
    }

    @Test func theSameRequestsGiveTheSameDump() throws {
        let first = try Self.build().0.dump().serialized(), second = try Self.build().0.dump().serialized()
        #expect(first == second)
        #expect(first.contains("\"MultipartUploads\""))
    }
}
