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

    var encoded: String {
        var bytes: [UInt8] = [Self.version]
        func put(_ v: UInt64) { for i in (0..<8).reversed() { bytes.append(UInt8(truncatingIfNeeded: v >> (UInt64(i) * 8))) } }
        put(streamTag)
        put(UInt64(shardIndex))
        put(ordinal)
        put(UInt64(bitPattern: issuedMilliseconds))
        put(Self.checksum(bytes))
        return Data(bytes).base64EncodedString()
    }

    init(streamTag: UInt64, shardIndex: Int, ordinal: UInt64, issuedMilliseconds: Int64) {
        self.streamTag = streamTag
        self.shardIndex = shardIndex
        self.ordinal = ordinal
        self.issuedMilliseconds = issuedMilliseconds
    }

    init?(_ text: String) {
        guard let data = Data(base64Encoded: text), data.count == 41 else { return nil }
        let bytes = [UInt8](data)
        guard bytes[0] == Self.version else { return nil }
        func get(_ at: Int) -> UInt64 { bytes[at..<(at + 8)].reduce(0) { $0 << 8 | UInt64($1) } }
        guard get(33) == Self.checksum(Array(bytes[0..<33])) else { return nil }
        streamTag = get(1)
        shardIndex = Int(truncatingIfNeeded: get(9))
        ordinal = get(17)
        issuedMilliseconds = Int64(bitPattern: get(25))
    }

    /// FNV-1a over the payload.
    private static func checksum(_ bytes: [UInt8]) -> UInt64 {
        bytes.reduce(0xCBF2_9CE4_8422_2325) { ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01B3 }
    }
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
