@testable import Estate
import Foundation
import Testing

/// The CRCs and digests behind S3's additional checksums, and how PutObject checks them.
@Suite struct S3ChecksumTests {
    @Test func crcsMatchTheirPublishedCheckValues() {
        // The check value of a CRC is its value over the ASCII digits "123456789" (the CRC catalogue).
        let digits = Array("123456789".utf8)
        #expect(CRC32Function.crc32.checksum(digits) == 0xCBF4_3926)
        #expect(CRC32Function.crc32c.checksum(digits) == 0xE306_9283)
        #expect(CRC32Function.crc32.checksum([]) == 0 && CRC32Function.crc32c.checksum([]) == 0)
        // CRC-32C of 32 zero bytes, RFC 3720 (iSCSI) appendix B.4.
        #expect(CRC32Function.crc32c.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
        // CRC-64/NVME's catalogue check value.
        #expect(CRC64NVMEFunction.shared.checksum(digits) == 0xAE8B_1486_0A79_9888)
        #expect(CRC64NVMEFunction.shared.checksum([]) == 0)
    }

    /// CRC64NVME: eight bytes, big-endian, in base64; S3 keeps it for a multipart upload as a
    /// full-object checksum only.
    @Test func crc64NVMEIsTakenAsAFullObjectChecksum() throws {
        // AE 8B 14 86 0A 79 98 88 → "rosUhgp5mIg=".
        #expect(S3ChecksumAlgorithm.crc64nvme.digest(Array("123456789".utf8)) == "rosUhgp5mIg=")
        let estate = Fixtures.emptyEstate()
        _ = try estate.ok("s3api create-bucket --bucket sums")
        let put = try estate.ok("s3api put-object --bucket sums --key n --body 123456789 --checksum-crc64-nvme rosUhgp5mIg=")
        #expect(put["ChecksumCRC64NVME"] == "rosUhgp5mIg=" && put["ChecksumType"] == "FULL_OBJECT")
        #expect(estate.errorCode("s3api put-object --bucket sums --key bad --body 12345678 --checksum-crc64-nvme rosUhgp5mIg=") == "BadDigest")
        #expect(estate.errorCode("s3api put-object --bucket sums --key bad --body 1 --checksum-crc64-nvme y/Q5Jg==") == "InvalidRequest",
                "four bytes are not a CRC-64")
        let upload = try estate.ok("s3api create-multipart-upload --bucket sums --key m --checksum-algorithm CRC64NVME")
        #expect(upload["ChecksumType"] == "FULL_OBJECT", "CRC64NVME defaults to a full-object checksum")
        #expect(estate.errorCode("s3api create-multipart-upload --bucket sums --key m2 --checksum-algorithm CRC64NVME --checksum-type COMPOSITE")
                == "InvalidRequest")
    }

    @Test func headerValuesAreTheBigEndianDigestInBase64() {
        // CRC-32("123456789") = CB F4 39 26 → "y/Q5Jg==".
        #expect(S3ChecksumAlgorithm.crc32.digest(Array("123456789".utf8)) == "y/Q5Jg==")
        // CRC-32C = E3 06 92 83 → "4waSgw==".
        #expect(S3ChecksumAlgorithm.crc32c.digest(Array("123456789".utf8)) == "4waSgw==")
        // SHA-1("abc") = a9993e36…9cd0d89d and SHA-256("abc") = ba7816bf…f20015ad (FIPS 180-2 examples), base64.
        #expect(S3ChecksumAlgorithm.sha1.digest(Array("abc".utf8)) == "qZk+NkcGgWq6PiVxeFDCbJzQ2J0=")
        #expect(S3ChecksumAlgorithm.sha256.digest(Array("abc".utf8)) == "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=")
    }

    @Test func putObjectVerifiesStoresAndRefuses() throws {
        let estate = Fixtures.emptyEstate()
        _ = try estate.ok("s3api create-bucket --bucket sums")
        let put = try estate.ok("s3api put-object --bucket sums --key d --body 123456789 --checksum-crc32 y/Q5Jg==")
        #expect(put["ChecksumCRC32"] == "y/Q5Jg==" && put["ChecksumType"] == "FULL_OBJECT")
        // The algorithm alone has the checksum computed, as the AWS CLI does.
        #expect(try estate.ok("s3api put-object --bucket sums --key c --body 123456789 --checksum-algorithm CRC32C")["ChecksumCRC32C"] == "4waSgw==")
        #expect(try estate.ok("s3api get-object --bucket sums --key d")["ChecksumCRC32"] == nil)
        #expect(try estate.ok("s3api get-object --bucket sums --key d --checksum-mode ENABLED")["ChecksumCRC32"] == "y/Q5Jg==")
        #expect(try estate.ok("s3api list-objects-v2 --bucket sums")["Contents"]?.arrayValue?.map { $0["ChecksumAlgorithm"] } == [["CRC32C"], ["CRC32"]])

        #expect(estate.errorCode("s3api put-object --bucket sums --key bad --body 123456789 --checksum-crc32 4waSgw==") == "BadDigest")
        #expect(estate.errorCode("s3api put-object --bucket sums --key bad --body x --checksum-crc32 y/Q5Jg== --checksum-sha1 qZk+NkcGgWq6PiVxeFDCbJzQ2J0=") == "InvalidRequest")
        #expect(estate.errorCode("s3api put-object --bucket sums --key bad --body x --checksum-crc32 notbase64") == "InvalidRequest")
        #expect(estate.errorCode("s3api put-object --bucket sums --key bad --body x --checksum-algorithm MD4") == "InvalidRequest")
        #expect(estate.errorCode("s3api get-object --bucket sums --key bad") == "NoSuchKey", "nothing was stored")
    }
}
