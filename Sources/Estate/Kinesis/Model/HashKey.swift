import Crypto
import Foundation

/// The 128-bit hash key space of a stream (REFERENCE §2.1).
///
/// A record's hash key is the MD5 of its partition key's UTF-8 bytes read as an unsigned
/// big-endian number, or the `ExplicitHashKey` the caller gave. Shards own inclusive ranges of it.
public enum HashKey {
    /// 2^128 − 1, the last hash key.
    public static let maximum = UInt128.max

    /// The MD5 of `bytes` as an unsigned big-endian 128-bit number.
    ///
    /// Works on a borrowed buffer so the write path hashes without allocating.
    @inlinable
    public static func md5(_ bytes: UnsafeRawBufferPointer) -> UInt128 {
        let digest = Insecure.MD5.hash(data: bytes)
        return digest.withUnsafeBytes { raw in
            UInt128(bigEndian: raw.loadUnaligned(as: UInt128.self))
        }
    }

    /// The MD5 hash key of a partition key.
    public static func of(partitionKey: String) -> UInt128 {
        var key = partitionKey
        return key.withUTF8 { md5(UnsafeRawBufferPointer($0)) }
    }

    /// Parses an `ExplicitHashKey`: decimal `0|([1-9]\d{0,38})`, below 2^128.
    public static func parse(_ text: String) -> UInt128? {
        let utf8 = text.utf8
        guard let first = utf8.first, utf8.count <= 39 else { return nil }
        guard utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        if first == 48 && utf8.count > 1 { return nil }
        return UInt128(text)
    }

    /// The even initial layout of `count` shards: `step = 2^128 / count`, shard i gets
    /// `[i·step, (i+1)·step − 1]`, and the last shard ends at 2^128 − 1.
    public static func evenRanges(count: Int) -> [ClosedRange<UInt128>] {
        precondition(count >= 1)
        guard count > 1 else { return [0...UInt128.max] }  // 2^128 itself does not fit
        // 2^128 / count without overflowing: (2^128 − 1) / count, plus one when count divides 2^128.
        let n = UInt128(count)
        var step = UInt128.max / n
        if UInt128.max % n == n - 1 { step += 1 }
        return (0..<count).map { i in
            let start = UInt128(i) * step
            let end = i == count - 1 ? UInt128.max : UInt128(i + 1) * step - 1
            return start...end
        }
    }
}
