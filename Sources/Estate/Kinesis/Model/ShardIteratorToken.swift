import Foundation

/// A shard iterator: an opaque string that carries its own position and birth time.
///
/// Nothing is kept per iterator on the service side (AWS hands out millions), so the token holds
/// the stream's tag, the shard, the next ordinal to read and when it was issued, with a checksum
/// so a mangled token is refused rather than misread.
struct ShardIteratorToken: Equatable {
    let streamTag: UInt64
    let shardIndex: Int
    let ordinal: UInt64
    let issuedMilliseconds: Int64

    static let version: UInt8 = 1

    /// The version byte, four numbers of eight bytes and the checksum: 41 bytes, 56 characters of base64.
    static let byteCount = 41
    static let encodedCount = 56

    /// Standard base64 with padding, as Foundation writes it, but straight into the string: a
    /// consumer takes a new iterator at every poll, and `Data` round trips were a fifth of its cost.
    var encoded: String {
        var bytes = [UInt8](repeating: 0, count: Self.byteCount + 1)
        bytes[0] = Self.version
        func put(_ v: UInt64, at start: Int) { for i in 0..<8 { bytes[start + i] = UInt8(truncatingIfNeeded: v >> (UInt64(7 - i) * 8)) } }
        put(streamTag, at: 1)
        put(UInt64(shardIndex), at: 9)
        put(ordinal, at: 17)
        put(UInt64(bitPattern: issuedMilliseconds), at: 25)
        put(Self.checksum(bytes[0..<33]), at: 33)
        return String(unsafeUninitializedCapacity: Self.encodedCount) { out in
            Base64Alphabet.symbols.withUnsafeBufferPointer { symbols in
                for group in 0..<(Self.encodedCount / 4) {
                    let b0 = bytes[3 * group], b1 = bytes[3 * group + 1], b2 = bytes[3 * group + 2]
                    out[4 * group] = symbols[Int(b0 >> 2)]
                    out[4 * group + 1] = symbols[Int((b0 & 0x03) << 4 | b1 >> 4)]
                    out[4 * group + 2] = symbols[Int((b1 & 0x0F) << 2 | b2 >> 6)]
                    out[4 * group + 3] = symbols[Int(b2 & 0x3F)]
                }
            }
            // 41 bytes end in a group of two: three symbols and one `=`.
            out[Self.encodedCount - 1] = Base64Alphabet.padding
            return Self.encodedCount
        }
    }

    init(streamTag: UInt64, shardIndex: Int, ordinal: UInt64, issuedMilliseconds: Int64) {
        self.streamTag = streamTag
        self.shardIndex = shardIndex
        self.ordinal = ordinal
        self.issuedMilliseconds = issuedMilliseconds
    }

    init?(_ text: String) {
        var text = text
        guard let bytes = text.withUTF8({ Self.decode($0) }), bytes[0] == Self.version else { return nil }
        func get(_ at: Int) -> UInt64 { bytes[at..<(at + 8)].reduce(0) { $0 << 8 | UInt64($1) } }
        guard get(33) == Self.checksum(bytes[0..<33]) else { return nil }
        streamTag = get(1)
        shardIndex = Int(truncatingIfNeeded: get(9))
        ordinal = get(17)
        issuedMilliseconds = Int64(bitPattern: get(25))
    }

    /// The 41 bytes of a well-formed token's text, or nil.
    private static func decode(_ text: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard text.count == encodedCount, text[encodedCount - 1] == Base64Alphabet.padding else { return nil }
        var bytes = [UInt8](repeating: 0, count: byteCount + 1)
        let valid = Base64Alphabet.values.withUnsafeBufferPointer { values -> Bool in
            for group in 0..<(encodedCount / 4) {
                var word: UInt32 = 0
                for k in 0..<4 {
                    let symbol = text[4 * group + k]
                    let value: UInt8
                    if 4 * group + k == encodedCount - 1 { value = 0 } else {
                        value = values[Int(symbol)]
                        guard value < 64 else { return false }
                    }
                    word = word << 6 | UInt32(value)
                }
                bytes[3 * group] = UInt8(truncatingIfNeeded: word >> 16)
                bytes[3 * group + 1] = UInt8(truncatingIfNeeded: word >> 8)
                bytes[3 * group + 2] = UInt8(truncatingIfNeeded: word)
            }
            return true
        }
        guard valid else { return nil }
        bytes.removeLast()
        return bytes
    }

    /// FNV-1a over the payload.
    private static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.reduce(0xCBF2_9CE4_8422_2325) { ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01B3 }
    }
}

/// The standard base64 alphabet (RFC 4648 §4) both ways.
private enum Base64Alphabet {
    static let symbols: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    static let padding = UInt8(ascii: "=")
    /// Each byte's value as a symbol, 0xFF for bytes that are not one.
    static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (value, symbol) in symbols.enumerated() { table[Int(symbol)] = UInt8(value) }
        return table
    }()
}

/// Timestamps as the AWS CLI accepts them: epoch seconds, or ISO 8601 (`2026-01-01T00:00:10Z`,
/// with optional fraction and `+hh:mm` offset, or a bare date).
enum KinesisTimestamp {
    static func parse(_ text: String) -> SimInstant? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(trimmed), seconds.isFinite {
            return SimInstant(milliseconds: Int64((seconds * 1000).rounded()) - SimCalendar.epochUnixSeconds * 1000)
        }
        let formatter = ISO8601DateFormatter()
        let attempts: [ISO8601DateFormatter.Options] = [
            [.withInternetDateTime, .withFractionalSeconds], [.withInternetDateTime], [.withFullDate],
        ]
        for options in attempts {
            formatter.formatOptions = options
            if let date = formatter.date(from: trimmed) {
                let ms = Int64((date.timeIntervalSince1970 * 1000).rounded())
                return SimInstant(milliseconds: ms - SimCalendar.epochUnixSeconds * 1000)
            }
        }
        return nil
    }

    /// Epoch seconds with milliseconds, as Kinesis's JSON protocol carries timestamps.
    static func json(_ t: SimInstant) -> JSONValue {
        .double(SimCalendar.unixSeconds(t))
    }
}
