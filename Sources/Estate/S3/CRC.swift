/// The two cyclic redundancy checks S3 takes as additional checksums: CRC-32 (ISO-HDLC, what zip
/// and Ethernet use) and CRC-32C (Castagnoli, iSCSI). Both reflected, initial value and final XOR
/// all ones; they differ only in the polynomial. One table of 256 entries each, built once.
public struct CRC32Function: Sendable {
    private let table: [UInt32]

    /// `reflectedPolynomial`: 0xEDB88320 for CRC-32, 0x82F63B78 for CRC-32C.
    init(reflectedPolynomial: UInt32) {
        table = (0..<256).map { (byte: UInt32) in
            var crc = byte
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ reflectedPolynomial : crc >> 1 }
            return crc
        }
    }

    public static let crc32 = CRC32Function(reflectedPolynomial: 0xEDB8_8320)
    public static let crc32c = CRC32Function(reflectedPolynomial: 0x82F6_3B78)

    public func checksum(_ bytes: some Sequence<UInt8>) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = (crc >> 8) ^ table[Int((crc ^ UInt32(byte)) & 0xFF)] }
        return crc ^ 0xFFFF_FFFF
    }

    /// The value's four bytes, most significant first, as the `x-amz-checksum-crc32` header carries them (before base64).
    public static func bigEndianBytes(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }
}

/// CRC-64/NVME, the CRC S3 uses for full-object checksums by default: reflected polynomial
/// 0x9A6C9329AC4BC9B5 (0xAD93D23594C93659 unreflected), initial value and final XOR all ones.
public struct CRC64NVMEFunction: Sendable {
    private let table: [UInt64] = (0..<256).map { (byte: UInt64) in
        var crc = byte
        for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0x9A6C_9329_AC4B_C9B5 : crc >> 1 }
        return crc
    }

    public static let shared = CRC64NVMEFunction()

    public func checksum(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var crc: UInt64 = ~0
        for byte in bytes { crc = (crc >> 8) ^ table[Int((crc ^ UInt64(byte)) & 0xFF)] }
        return ~crc
    }

    /// The value's eight bytes, most significant first, as `x-amz-checksum-crc64nvme` carries them (before base64).
    public static func bigEndianBytes(_ value: UInt64) -> [UInt8] {
        (0..<8).map { UInt8((value >> (56 - 8 * UInt64($0))) & 0xFF) }
    }
}
