import ArgumentParser
import Estate
import Foundation

/// `--state DIR` and `--stream-memory-budget SIZE`: where on-disk data lives and how much stream
/// records may take in memory before they spill there. Shared by `run` and the dashboard.
struct StorageOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Directory for on-disk data (stream segments, large S3 objects); a temporary folder, removed at exit, otherwise.",
                               valueName: "dir"))
    var state: String?

    @Option(name: .customLong(MemoryBudget.configKey),
            help: ArgumentHelp("Memory for stream records before older ones move to disk, e.g. 256MiB (default: the config's \(MemoryBudget.configKey), else 256MiB).",
                               valueName: "size"))
    var streamMemoryBudget: String?

    func validate() throws {
        if let streamMemoryBudget, MemoryBudget.parse(streamMemoryBudget) == nil {
            throw ValidationError("--\(MemoryBudget.configKey) \(streamMemoryBudget): expected a size like 256MiB, 1GiB or 65536")
        }
    }

    var memoryBudgetBytes: Int? { streamMemoryBudget.flatMap(MemoryBudget.parse) }

    /// The temporary folder's name before the pid, when there is no `--state`.
    static let temporaryPrefix = "cloudtop-state-"

    /// Opens the segment store in `--state`, creating the folder, or in a fresh temporary folder.
    func openSegments() throws -> OpenedSegments {
        let directory: String
        let temporary: Bool
        if let state {
            directory = state
            temporary = false
        } else {
            let parent = URL(fileURLWithPath: NSTemporaryDirectory())
            // What an earlier run killed before its exit (a closed terminal, SIGKILL) left behind.
            PerProcessFolders.sweepStale(prefix: Self.temporaryPrefix, in: parent)
            let name = PerProcessFolders.name(prefix: Self.temporaryPrefix, unique: "\(UInt32.random(in: 0...UInt32.max))")
            directory = parent.appendingPathComponent(name).path
            temporary = true
        }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            return OpenedSegments(store: try SQLiteSegmentStore(directory: directory), directory: directory, isTemporary: temporary)
        } catch {
            throw ValidationFailure("--state \(directory): cannot open the segment store: \(error)")
        }
    }
}

/// An open segment store and the folder it lives in.
///
/// A class so that a temporary folder goes when the last reference does: a command that fails
/// after opening the store (a bad estate file, no terminal) leaves nothing behind. Commands that
/// run on call `close()` at their end, which also keeps the folder alive until then.
final class OpenedSegments {
    let store: SQLiteSegmentStore
    let directory: String
    let isTemporary: Bool

    init(store: SQLiteSegmentStore, directory: String, isTemporary: Bool) {
        self.store = store
        self.directory = directory
        self.isTemporary = isTemporary
    }

    deinit { close() }

    /// Removes the temporary folder; a `--state` folder is the user's and stays. Safe to call twice.
    func close() {
        if isTemporary { try? FileManager.default.removeItem(atPath: directory) }
    }
}
