import Foundation

/// Reading and writing memory sizes for the record store's budget: `256MiB`, `1GiB`, `65536`.
public enum MemoryBudget {
    /// The config key (top level of estate.yaml) and the CLI option share this name.
    public static let configKey = "stream-memory-budget"

    static let units: [(suffix: String, bytes: Int)] = [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10), ("B", 1)]

    /// Bytes for a size written as a whole number with an optional binary unit, or nil.
    public static func parse(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        for unit in units where trimmed.hasSuffix(unit.suffix) {
            guard let n = Int(trimmed.dropLast(unit.suffix.count).trimmingCharacters(in: .whitespaces)), n >= 0,
                  n <= Int.max / unit.bytes else { return nil }
            return n * unit.bytes
        }
        guard let n = Int(trimmed), n >= 0 else { return nil }
        return n
    }

    /// `256 MiB`, `1.5 GiB`, `812 B`: for the dashboard and the bench.
    public static func format(_ bytes: Int) -> String {
        for unit in units where unit.bytes > 1 && bytes >= unit.bytes {
            let value = Double(bytes) / Double(unit.bytes)
            let rounded = value >= 100 ? String(Int(value.rounded())) : String((value * 10).rounded() / 10)
            return rounded + " " + unit.suffix
        }
        return "\(bytes) B"
    }
}
