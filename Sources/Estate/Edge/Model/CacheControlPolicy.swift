/// What a response's `Cache-Control` says about caching it, read from the header's ASCII bytes in
/// place: every cacheable miss is stored with a TTL from it, so lowercasing, joining and splitting
/// strings for each one would cost more than the rest of the store.
///
/// Reads as `CacheBehavior.ttlSeconds` does: `no-store`, `private` or `no-cache` anywhere means the
/// minimum TTL; otherwise the first directive (comma-separated, spaces trimmed) starting with
/// `s-maxage=` or `max-age=` whose rest is a number gives the age.
enum CacheControlPolicy: Equatable {
    case minimum
    case maxAge(Int64)
    case unstated

    /// Nil when a value is not all ASCII; those are read by characters instead.
    init?(asciiValues entries: [EdgeHeaders.Entry]) {
        var total = max(0, entries.count - 1)
        for entry in entries {
            var value = entry.value
            guard value.withUTF8({ bytes in bytes.allSatisfy { $0 < 0x80 } }) else { return nil }
            total += value.utf8.count
        }
        // The values joined with commas, as one header line, lowercased.
        self = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, total)) { buffer in
            var end = 0
            for (n, entry) in entries.enumerated() {
                if n > 0 { buffer[end] = UInt8(ascii: ","); end += 1 }
                for byte in entry.value.utf8 {
                    buffer[end] = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
                    end += 1
                }
            }
            return Self.read(UnsafeBufferPointer(rebasing: buffer[0..<end]))
        }
    }

    private static let refusals: [[UInt8]] = [Array("no-store".utf8), Array("private".utf8), Array("no-cache".utf8)]
    private static let agePrefixes: [[UInt8]] = [Array("s-maxage=".utf8), Array("max-age=".utf8)]

    private static func read(_ line: UnsafeBufferPointer<UInt8>) -> CacheControlPolicy {
        if refusals.contains(where: { contains(line, $0) }) { return .minimum }
        var start = 0
        while start < line.count {
            var end = start
            while end < line.count && line[end] != UInt8(ascii: ",") { end += 1 }
            var first = start, last = end
            while first < last && line[first] == UInt8(ascii: " ") { first += 1 }
            while last > first && line[last - 1] == UInt8(ascii: " ") { last -= 1 }
            for prefix in agePrefixes where last - first >= prefix.count && line[first..<(first + prefix.count)].elementsEqual(prefix) {
                let digits = UnsafeBufferPointer(rebasing: line[(first + prefix.count)..<last])
                // Int64's own parsing, so a sign or an overflow reads as it always has.
                if let age = Int64(String(decoding: digits, as: UTF8.self)) { return .maxAge(age) }
            }
            start = end + 1
        }
        return .unstated
    }

    private static func contains(_ text: UnsafeBufferPointer<UInt8>, _ fragment: [UInt8]) -> Bool {
        guard fragment.count <= text.count else { return false }
        for start in 0...(text.count - fragment.count) where text[start] == fragment[0] {
            if text[start..<(start + fragment.count)].elementsEqual(fragment) { return true }
        }
        return false
    }
}
