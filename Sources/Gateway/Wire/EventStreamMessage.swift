/// One message of AWS's event-stream encoding (`application/vnd.amazon.eventstream`), which
/// SubscribeToShard's answer is a sequence of:
///
///     total length (u32) | headers length (u32) | prelude CRC32 (u32)
///     headers: name length (u8), name, value type (u8, 7 = string), value length (u16), value
///     payload
///     message CRC32 (u32) over everything before it
///
/// All integers big-endian; the CRC is CRC-32 (IEEE 802.3), as botocore's decoder checks.
struct EventStreamMessage: Equatable {
    var headers: [(String, String)]
    var payload: [UInt8]

    static func == (a: EventStreamMessage, b: EventStreamMessage) -> Bool {
        a.payload == b.payload && a.headers.map { $0.0 + "=" + $0.1 } == b.headers.map { $0.0 + "=" + $0.1 }
    }

    /// An event: `:message-type event`, its `:event-type`, JSON content.
    static func event(_ type: String, json: String) -> EventStreamMessage {
        EventStreamMessage(headers: [(":event-type", type), (":content-type", "application/json"), (":message-type", "event")],
                           payload: Array(json.utf8))
    }

    /// An exception in the stream: botocore raises it as `EventStreamError` with this code.
    static func exception(_ code: String, message: String, json: String) -> EventStreamMessage {
        EventStreamMessage(headers: [(":exception-type", code), (":content-type", "application/json"), (":message-type", "exception")],
                           payload: Array(json.utf8))
    }

    var encoded: [UInt8] {
        var headerBytes: [UInt8] = []
        for (name, value) in headers {
            headerBytes.append(UInt8(name.utf8.count))
            headerBytes += name.utf8
            headerBytes.append(7)
            headerBytes += Self.bigEndian(UInt16(value.utf8.count))
            headerBytes += value.utf8
        }
        let total = 12 + headerBytes.count + payload.count + 4
        var out = Self.bigEndian(UInt32(total)) + Self.bigEndian(UInt32(headerBytes.count))
        out += Self.bigEndian(CRC32.checksum(out))
        out += headerBytes
        out += payload
        out += Self.bigEndian(CRC32.checksum(out))
        return out
    }

    /// Reads one message from the front of `bytes` (tests, and a check of the framing); nil
    /// when it is short or a checksum does not match.
    static func decode(_ bytes: ArraySlice<UInt8>) -> (EventStreamMessage, Int)? {
        guard bytes.count >= 16 else { return nil }
        let b = Array(bytes)
        func u32(_ at: Int) -> Int { Int(b[at]) << 24 | Int(b[at + 1]) << 16 | Int(b[at + 2]) << 8 | Int(b[at + 3]) }
        let total = u32(0), headerLength = u32(4)
        guard total >= 16, b.count >= total, UInt32(u32(8)) == CRC32.checksum(b[0..<8]),
              UInt32(u32(total - 4)) == CRC32.checksum(b[0..<(total - 4)]) else { return nil }
        var headers: [(String, String)] = []
        var i = 12
        while i < 12 + headerLength {
            let nameLength = Int(b[i]); i += 1
            let name = String(decoding: b[i..<(i + nameLength)], as: UTF8.self); i += nameLength
            guard b[i] == 7 else { return nil }
            i += 1
            let valueLength = Int(b[i]) << 8 | Int(b[i + 1]); i += 2
            headers.append((name, String(decoding: b[i..<(i + valueLength)], as: UTF8.self))); i += valueLength
        }
        return (EventStreamMessage(headers: headers, payload: Array(b[(12 + headerLength)..<(total - 4)])), total)
    }

    static func bigEndian<T: FixedWidthInteger>(_ v: T) -> [UInt8] { withUnsafeBytes(of: v.bigEndian) { Array($0) } }
}

/// CRC-32 with the IEEE polynomial (reflected 0xEDB88320), table-driven.
enum CRC32 {
    static let table: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func checksum<C: Collection>(_ bytes: C) -> UInt32 where C.Element == UInt8 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}
