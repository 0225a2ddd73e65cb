/// Flink's key-group scheme: a key hashes to one of `maxParallelism` key groups, and each subtask
/// owns a contiguous range of groups. Rescaling moves whole groups, so a key's state always lives
/// on exactly one subtask and can be handed over intact.
public enum KeyGroups {
    /// Flink's default maximum parallelism for small jobs.
    public static let maxParallelism = 128

    /// FNV-1a over the key's UTF-8: stable across runs and platforms, unlike `Hasher`.
    public static func group(of key: String) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return Int(hash % UInt64(maxParallelism))
    }

    /// The subtask that owns a key group: `group * parallelism / maxParallelism`, as Flink does.
    public static func subtask(ofGroup group: Int, parallelism: Int) -> Int {
        group * parallelism / maxParallelism
    }

    public static func subtask(of key: String, parallelism: Int) -> Int {
        subtask(ofGroup: group(of: key), parallelism: parallelism)
    }
}
