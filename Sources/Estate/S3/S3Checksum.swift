import Crypto
import Foundation

/// S3's additional checksums: an object stored with one answers it from PutObject, and from
/// GetObject and HeadObject when the request enables checksum mode.
public enum S3ChecksumAlgorithm: String, CaseIterable, Sendable {
    case crc32 = "CRC32"
    case crc32c = "CRC32C"
    case crc64nvme = "CRC64NVME"
    case sha1 = "SHA1"
    case sha256 = "SHA256"

    /// The request and response member (`ChecksumCRC32`) and header (`x-amz-checksum-crc32`).
    public var member: String { "Checksum" + rawValue }
    public var header: String { "x-amz-checksum-" + rawValue.lowercased() }

    /// The digest's length in bytes: a header value of another length is malformed.
    var digestLength: Int {
        switch self {
        case .crc32, .crc32c: return 4
        case .crc64nvme: return 8
        case .sha1: return 20
        case .sha256: return 32
        }
    }

    /// The digest of `bytes`, base64-encoded as S3 carries it (a CRC's four bytes big-endian).
    public func digest(_ bytes: [UInt8]) -> String {
        let raw: [UInt8]
        switch self {
        case .crc32: raw = CRC32Function.bigEndianBytes(CRC32Function.crc32.checksum(bytes))
        case .crc32c: raw = CRC32Function.bigEndianBytes(CRC32Function.crc32c.checksum(bytes))
        case .crc64nvme: raw = CRC64NVMEFunction.bigEndianBytes(CRC64NVMEFunction.shared.checksum(bytes))
        case .sha1: raw = Array(Insecure.SHA1.hash(data: bytes))
        case .sha256: raw = Array(SHA256.hash(data: bytes))
        }
        return Data(raw).base64EncodedString()
    }
}

/// One object's stored checksum.
public struct S3Checksum: Sendable, Equatable {
    public let algorithm: S3ChecksumAlgorithm
    public let value: String
    /// FULL_OBJECT (a single PUT's is always that) or COMPOSITE (a multipart upload's checksum of
    /// its parts' checksums, the value ending in `-N`).
    public var type = "FULL_OBJECT"

    /// The response members: the checksum and its type.
    var members: [(String, JSONValue)] {
        [(algorithm.member, .string(value)), ("ChecksumType", .string(type))]
    }

    /// The body's `Content-MD5` (base64 of its MD5), when the request carries one, checked as S3
    /// checks it: a value that is not an MD5 is InvalidDigest, one that differs is BadDigest.
    static func verifyContentMD5(_ p: Parameters, body: [UInt8]) throws(AWSError) {
        guard let given = try p.string("ContentMD5") else { return }
        guard let decoded = Data(base64Encoded: given), decoded.count == 16 else {
            throw AWSError("InvalidDigest", "The Content-MD5 you specified was invalid.")
        }
        guard Array(decoded) == Array(Insecure.MD5.hash(data: body)) else {
            throw AWSError("BadDigest", "The Content-MD5 you specified did not match what we received.")
        }
    }

    /// The checksum a PutObject asks for, checked against the body as S3 checks it; nil when the
    /// request carries none. Every error is one S3 gives, and the object is not stored.
    static func verified(_ p: Parameters, body: [UInt8]) throws(AWSError) -> S3Checksum? {
        var given: [(S3ChecksumAlgorithm, String)] = []
        for algorithm in S3ChecksumAlgorithm.allCases {
            if let value = try p.string(algorithm.member) { given.append((algorithm, value)) }
        }
        let named = try p.string("ChecksumAlgorithm")
        if let named, S3ChecksumAlgorithm(rawValue: named.uppercased()) == nil {
            throw AWSError("InvalidRequest", "Checksum algorithm provided is unsupported. Please try again with any of the valid types: "
                           + "[\(S3ChecksumAlgorithm.allCases.map(\.rawValue).joined(separator: ", "))]")
        }
        guard given.count <= 1 else {
            throw AWSError("InvalidRequest", "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.")
        }
        guard let (algorithm, value) = given.first else {
            // The algorithm alone asks for the checksum to be computed, as the AWS CLI's
            // --checksum-algorithm does before sending (over HTTP S3 refuses the bare header; the
            // endpoint checks that).
            guard let named, let algorithm = S3ChecksumAlgorithm(rawValue: named.uppercased()) else { return nil }
            return S3Checksum(algorithm: algorithm, value: algorithm.digest(body))
        }
        guard let decoded = Data(base64Encoded: value), decoded.count == algorithm.digestLength else {
            throw AWSError("InvalidRequest", "Value for \(algorithm.header) header is invalid.")
        }
        let computed = algorithm.digest(body)
        guard Data(base64Encoded: computed) == decoded else {
            throw AWSError("BadDigest", "The \(algorithm.rawValue) you specified did not match the calculated checksum.")
        }
        return S3Checksum(algorithm: algorithm, value: computed)
    }
}
