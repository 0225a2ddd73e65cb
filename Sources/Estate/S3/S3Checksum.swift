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
    case sha512 = "SHA512"
    case md5 = "MD5"

    /// Algorithms S3's model also lists that are not simulated. A request naming one, as an
    /// algorithm or by its checksum member or header, is refused: storing the object without the
    /// checksum it asked for would claim a verification that never happened.
    public static let unsimulated = ["XXHASH64", "XXHASH3", "XXHASH128"]

    /// The members of the unsimulated algorithms (`ChecksumXXHASH64`, …), so a request carrying one is refused.
    public static let unsimulatedMembers = unsimulated.map { "Checksum" + $0 }

    /// The algorithm a request names (in any case), or S3's InvalidRequest (400): one naming the
    /// algorithm when it is one of S3's that is not simulated, S3's own for a name it does not know.
    public static func named(_ name: String) throws(AWSError) -> S3ChecksumAlgorithm {
        if let algorithm = S3ChecksumAlgorithm(rawValue: name.uppercased()) { return algorithm }
        let valid = "Please try again with any of the valid types: [\(allCases.map(\.rawValue).joined(separator: ", "))]"
        if unsimulated.contains(name.uppercased()) {
            throw AWSError("InvalidRequest", "The \(name.uppercased()) checksum algorithm is not supported. " + valid)
        }
        throw AWSError("InvalidRequest", "Checksum algorithm provided is unsupported. " + valid)
    }

    /// Refuses a request that carries a checksum member of an unsimulated algorithm.
    static func refuseUnsimulatedMembers(_ p: Parameters) throws(AWSError) {
        for member in unsimulatedMembers where p.has(member) {
            _ = try named(String(member.dropFirst("Checksum".count)))
        }
    }

    /// A CRC of the whole object can be combined from its parts' CRCs, so a multipart upload may
    /// carry it as FULL_OBJECT; a digest (the SHA family, MD5) cannot, and is COMPOSITE only.
    var isCRC: Bool {
        switch self {
        case .crc32, .crc32c, .crc64nvme: return true
        case .sha1, .sha256, .sha512, .md5: return false
        }
    }

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
        case .sha512: return 64
        case .md5: return 16
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
        case .sha512: raw = Array(SHA512.hash(data: bytes))
        case .md5: raw = Array(Insecure.MD5.hash(data: bytes))
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
        try S3ChecksumAlgorithm.refuseUnsimulatedMembers(p)
        let namedAlgorithm = try p.string("ChecksumAlgorithm").map { (name) throws(AWSError) in try S3ChecksumAlgorithm.named(name) }
        guard given.count <= 1 else {
            throw AWSError("InvalidRequest", "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.")
        }
        guard let (algorithm, value) = given.first else {
            // The algorithm alone asks for the checksum to be computed, as the AWS CLI's
            // --checksum-algorithm does before sending (over HTTP S3 refuses the bare header; the
            // endpoint checks that).
            guard let algorithm = namedAlgorithm else { return nil }
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
