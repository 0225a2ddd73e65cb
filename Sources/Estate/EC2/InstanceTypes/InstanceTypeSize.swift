/// The size half of an instance-type name: validity, natural order and the vCPUs it implies.
///
/// Sizes sort by how big they are, not alphabetically (`2xlarge` before `12xlarge`, `metal` last),
/// because that is the order people scan a family's sizes in a menu or a completion list.
public enum InstanceTypeSize {
    /// The named small sizes, smallest first.
    static let words = ["nano", "micro", "small", "medium", "large", "xlarge"]

    /// Whether `size` is one of nano … xlarge, `<N>xlarge` (N ≥ 2), `metal` or `metal-<N>xl`.
    public static func isValid(_ size: String) -> Bool {
        words.contains(size) || size == "metal" || multiplier(size) != nil
    }

    /// N of `Nxlarge` or `metal-Nxl`; nil for any other size.
    static func multiplier(_ size: String) -> Int? {
        let digits: Substring
        if size.hasSuffix("xlarge") {
            digits = size.dropLast(6)
        } else if size.hasPrefix("metal-"), size.hasSuffix("xl") {
            digits = size.dropFirst(6).dropLast(2)
        } else {
            return nil
        }
        guard !digits.isEmpty, digits.first != "0", digits.allSatisfy({ $0.isASCII && $0.isNumber }),
            let n = Int(digits), size.hasPrefix("metal-") || n >= 2
        else { return nil }
        return n
    }

    /// A key that orders sizes nano < micro < … < xlarge < 2xlarge < … < metal-Nxl < metal.
    public static func sortKey(_ size: String) -> (rank: Int, multiplier: Int) {
        if let index = words.firstIndex(of: size) { return (index, index == 5 ? 1 : 0) }
        if size == "metal" { return (8, 0) }
        if size.hasPrefix("metal-") { return (7, multiplier(size) ?? 0) }
        if let n = multiplier(size) { return (5, n) }
        return (9, 0)
    }

    /// True when `a` is a smaller size than `b` in natural order.
    public static func precedes(_ a: String, _ b: String) -> Bool {
        let (ka, kb) = (sortKey(a), sortKey(b))
        return ka != kb ? ka < kb : a < b
    }

    /// The vCPUs a size usually means (large = 2, xlarge = 4, Nxlarge = 4·N), or nil when the
    /// size alone does not say (nano … medium vary by family, `metal` is the whole host).
    public static func typicalVCPUs(_ size: String) -> Int? {
        switch size {
        case "large": 2
        case "xlarge": 4
        default: multiplier(size).map { 4 * $0 }
        }
    }
}
