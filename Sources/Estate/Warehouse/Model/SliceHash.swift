import GRDB

/// Which slice a DISTKEY value lands on: a stable hash of the value, modulo the slice count.
///
/// FNV-1a over the value's text form, so `42` and `'42'` meet on the same slice (a join on them
/// collocates) and the placement never depends on the process.
public enum SliceHash {
    public static func slice(of value: DatabaseValue, slices: Int) -> Int {
        guard slices > 1 else { return 0 }
        let text: String
        switch value.storage {
        case .null: return 0
        case let .int64(i): text = String(i)
        case let .double(d): text = d == d.rounded() && abs(d) < 9e15 ? String(Int64(d)) : String(d)
        case let .string(s): text = s
        case let .blob(b): text = b.base64EncodedString()
        }
        return slice(ofText: text, slices: slices)
    }

    public static func slice(ofText text: String, slices: Int) -> Int {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        // Mix the high bits in so consecutive keys spread.
        hash ^= hash >> 29
        hash &*= 0xBF58_476D_1CE4_E5B9
        hash ^= hash >> 32
        return Int(hash % UInt64(slices))
    }
}
