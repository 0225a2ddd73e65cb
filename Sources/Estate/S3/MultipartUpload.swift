import Crypto
import Foundation

/// One multipart upload in progress: what CreateMultipartUpload started, with the parts sent so
/// far by number. A part sent again under the same number replaces the earlier one.
final class MultipartUpload {
    struct Part {
        let number: Int
        let body: ObjectBody
        /// The part's MD5, raw (the final ETag is the MD5 of these, concatenated).
        let md5: [UInt8]
        let lastModified: SimInstant
        let checksum: S3Checksum?
        /// The quoted hex MD5, as UploadPart answers it.
        var eTag: String { "\"\(MultipartUpload.hex(md5))\"" }
    }

    let id: String
    let bucket: String
    let key: String
    let initiated: SimInstant
    /// Creation order, which breaks ties between uploads of one key started at the same instant.
    let sequence: Int
    let contentType: String
    /// The checksum the upload was created with, and whether the object's checksum is to be
    /// COMPOSITE (a checksum of the parts' checksums) or FULL_OBJECT.
    let checksumAlgorithm: S3ChecksumAlgorithm?
    let checksumType: String?
    var parts: [Int: Part] = [:]
    /// User metadata given at creation; the completed object carries it.
    var metadata: [String: String] = [:]

    init(id: String, bucket: String, key: String, initiated: SimInstant, sequence: Int, contentType: String,
         checksumAlgorithm: S3ChecksumAlgorithm?, checksumType: String?) {
        self.id = id
        self.bucket = bucket
        self.key = key
        self.initiated = initiated
        self.sequence = sequence
        self.contentType = contentType
        self.checksumAlgorithm = checksumAlgorithm
        self.checksumType = checksumType
    }

    /// S3's ETag of an object assembled from parts: the MD5 of the parts' binary MD5s one after
    /// another, in hex, then `-` and the number of parts.
    static func eTag(partMD5s: [[UInt8]]) -> String {
        "\"\(hex(Array(Insecure.MD5.hash(data: partMD5s.flatMap { $0 }))))-\(partMD5s.count)\""
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef")
        return String(bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0xF)]] })
    }

    /// Upload ids are opaque to clients; AWS's are long URL-safe strings. Drawn from S3's own
    /// seeded generator, so the same requests give the same ids.
    static func newID(_ random: inout SeededRandom) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._")
        return String((0..<64).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] })
    }
}
