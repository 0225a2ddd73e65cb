/// The byte range a GetObject asks for with HTTP's `Range: bytes=…` (one range; S3 takes no
/// lists of ranges), as RFC 9110 reads it: `bytes=FIRST-LAST`, `bytes=FIRST-` and the suffix
/// `bytes=-LENGTH`, a LAST past the end meaning the end.
struct ObjectRange: Equatable {
    let bytes: Range<Int>
    let size: Int

    /// `Content-Range: bytes FIRST-LAST/SIZE`.
    var contentRange: String { "bytes \(bytes.lowerBound)-\(bytes.upperBound - 1)/\(size)" }

    /// nil when there is no range or it cannot be read (HTTP then answers the whole object, and
    /// so does S3); InvalidRange when it starts past the end.
    static func parse(_ header: String?, size: Int) throws(AWSError) -> ObjectRange? {
        guard let header, header.hasPrefix("bytes=") else { return nil }
        let spec = header.dropFirst("bytes=".count).trimmingCharacters(in: .whitespaces)
        guard !spec.contains(","), let dash = spec.firstIndex(of: "-") else { return nil }
        let first = spec[..<dash], last = spec[spec.index(after: dash)...]
        let unsatisfiable = AWSError("InvalidRange", "The requested range is not satisfiable")
        if first.isEmpty {
            guard let length = Int(last) else { return nil }
            guard length > 0, size > 0 else { throw unsatisfiable }
            return ObjectRange(bytes: max(0, size - length)..<size, size: size)
        }
        guard let start = Int(first), start >= 0 else { return nil }
        var end = size - 1
        if !last.isEmpty {
            guard let l = Int(last), l >= start else { return nil }
            end = min(l, size - 1)
        }
        guard start < size else { throw unsatisfiable }
        return ObjectRange(bytes: start..<(end + 1), size: size)
    }
}
