import Foundation

/// Temporary folders named after the process that made them, `PREFIX<pid>-<unique>`.
///
/// A process removes its own folder when it ends normally. One killed first (SIGKILL, a closed
/// terminal, a crash) cannot, so the pid in the name lets a later process see that the owner is
/// gone and remove what it left. Folders of processes still running are never touched.
public enum PerProcessFolders {
    /// The folder name for this process under `prefix`.
    public static func name(prefix: String, unique: String) -> String {
        "\(prefix)\(getpid())-\(unique)"
    }

    /// Removes the folders under `folder` named with `prefix` whose process no longer exists.
    public static func sweepStale(prefix: String, in folder: URL) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names.sorted() where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            // Only names this type made: digits, then a dash. Another tool's folder that happens to
            // share the prefix is left alone.
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard rest.dropFirst(digits.count).first == "-", let pid = Int32(digits), pid > 0, pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { try? FileManager.default.removeItem(at: folder.appendingPathComponent(name)) }
        }
    }
}
