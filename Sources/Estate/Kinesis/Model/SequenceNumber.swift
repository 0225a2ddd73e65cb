/// A Kinesis sequence number, kept as its parts and written out only when someone reads it.
///
/// AWS prints 56-digit decimals starting `49…` that rise within a shard and are unique in the
/// stream. Ours are laid out as `49` + stream tag (12 digits) + shard index (5) + milliseconds since
/// the stream was created (15) + the record's ordinal in its shard (22). The ordinal makes them rise
/// and locates the record in O(1); the tag makes a number from another incarnation of the stream
/// (deleted and created again under the same name) invalid. Formatting lazily keeps the write path
/// free of string allocation.
public struct SequenceNumber: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let streamTag: UInt64
    public let shardIndex: Int
    /// Milliseconds between the stream's creation and the record's arrival.
    public let offsetMilliseconds: Int64
    /// Position of the record in its shard, counting from 0 and never reused.
    public let ordinal: UInt64

    public static let digitCount = 56
    static let tagModulus: UInt64 = 1_000_000_000_000

    public init(streamTag: UInt64, shardIndex: Int, offsetMilliseconds: Int64, ordinal: UInt64) {
        self.streamTag = streamTag % Self.tagModulus
        self.shardIndex = shardIndex
        self.offsetMilliseconds = offsetMilliseconds
        self.ordinal = ordinal
    }

    public static func < (a: SequenceNumber, b: SequenceNumber) -> Bool {
        (a.streamTag, a.shardIndex, a.offsetMilliseconds, a.ordinal) < (b.streamTag, b.shardIndex, b.offsetMilliseconds, b.ordinal)
    }

    /// The 56-digit decimal AWS prints, written in place: consumers checkpoint and loaders read
    /// these by the hundred thousand, and joining padded pieces cost a string per piece.
    public var description: String {
        String(unsafeUninitializedCapacity: Self.digitCount) { out in
            out[0] = UInt8(ascii: "4")
            out[1] = UInt8(ascii: "9")
            Self.put(streamTag, width: 12, at: 2, into: out)
            Self.put(UInt64(shardIndex), width: 5, at: 14, into: out)
            Self.put(UInt64(max(0, offsetMilliseconds)), width: 15, at: 19, into: out)
            Self.put(ordinal, width: 22, at: 34, into: out)
            return Self.digitCount
        }
    }

    /// Reads a number written by `description`; nil for anything else.
    public static func parse(_ text: String) -> SequenceNumber? {
        let digits = Array(text.utf8)
        guard digits.count == digitCount, digits[0] == 52, digits[1] == 57,
              digits.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        func number(_ from: Int, _ length: Int) -> UInt64? {
            var value: UInt64 = 0
            for d in digits[from..<(from + length)] {
                let (m, o1) = value.multipliedReportingOverflow(by: 10)
                let (s, o2) = m.addingReportingOverflow(UInt64(d - 48))
                if o1 || o2 { return nil }
                value = s
            }
            return value
        }
        guard let tag = number(2, 12), let shard = number(14, 5), let ms = number(19, 15),
              let ordinal = number(34, 22) else { return nil }
        return SequenceNumber(streamTag: tag, shardIndex: Int(shard), offsetMilliseconds: Int64(ms), ordinal: ordinal)
    }

    /// Whether `text` has the shape AWS accepts for a sequence number: `0|([1-9]\d{0,128})`.
    public static func isWellFormed(_ text: String) -> Bool {
        let utf8 = text.utf8
        guard let first = utf8.first, utf8.count <= 129, utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return false }
        return first != 48 || utf8.count == 1
    }

    /// The last `width` decimal digits of `n`, zero-padded, at `start`.
    @inline(__always)
    private static func put(_ n: UInt64, width: Int, at start: Int, into out: UnsafeMutableBufferPointer<UInt8>) {
        var v = n
        for i in stride(from: start + width - 1, through: start, by: -1) {
            out[i] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: v % 10)
            v /= 10
        }
    }
}
