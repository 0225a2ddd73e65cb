/// Every stream's retained records under one memory budget, with the disk behind it.
///
/// Each shard keeps its recent records in memory blocks. When all the blocks together pass the
/// budget, the shard holding the most memory moves its oldest block to disk as one compressed
/// segment, until the total is back under. Records from the simulator's producers are only
/// descriptors (see `SyntheticSource`), so a block of them is about 100 KiB for 4,096 records and
/// its segment a few KiB.
public final class RecordStore {
    /// 256 MiB for all streams together.
    public static let defaultMemoryBudgetBytes = 256 << 20

    public let memoryBudgetBytes: Int
    let segments: any SegmentStore
    /// Hot-tier bytes of every shard; kept by the shards as they grow and shrink.
    public internal(set) var memoryBytes = 0
    /// Compressed bytes of every segment on disk.
    public internal(set) var diskBytes = 0
    /// Segments written so far (spills), for the bench and tests.
    public private(set) var spilledSegments = 0
    /// The last disk failure; after one, nothing more is spilled and records stay in memory.
    public private(set) var lastError: String?

    private var sources: [SyntheticSource] = []
    /// Shards in the order they were created, so the choice of what to spill is deterministic.
    /// Held unretained: a shard's records deregister as they go, and a weak reference would put
    /// every retain of them on the runtime's slow path (a side table) at millions a second.
    private var shards: [Unmanaged<ShardRecords>] = []

    public init(segments: any SegmentStore, memoryBudgetBytes: Int = RecordStore.defaultMemoryBudgetBytes) {
        self.segments = segments
        self.memoryBudgetBytes = max(0, memoryBudgetBytes)
    }

    /// A store over an in-memory SQLite database: for tests and estates built without `--state`.
    public static func inMemory(memoryBudgetBytes: Int = RecordStore.defaultMemoryBudgetBytes) -> RecordStore {
        do {
            return RecordStore(segments: try SQLiteSegmentStore(directory: nil), memoryBudgetBytes: memoryBudgetBytes)
        } catch {
            // Opening an in-memory database fails only when SQLite cannot allocate at all.
            fatalError("cannot open an in-memory SQLite database: \(error)")
        }
    }

    func register(_ records: ShardRecords) {
        shards.append(.passUnretained(records))
    }

    func deregister(_ records: ShardRecords) {
        let id = ObjectIdentifier(records)
        shards.removeAll { ObjectIdentifier($0.takeUnretainedValue()) == id }
    }

    /// Forgets a deleted stream's shards and their segments.
    func dropStream(_ stream: KinesisStream) {
        for shard in stream.shards { shard.records.dropAll() }
        do { try segments.deleteStream(tag: stream.tag) } catch { failed("deleting the segments of \(stream.name): \(error)") }
    }

    func failed(_ message: String) {
        lastError = message
    }

    /// Spills the oldest block of the shard holding the most memory until the budget holds.
    func relieve() {
        guard lastError == nil else { return }
        while memoryBytes > memoryBudgetBytes {
            var largest: ShardRecords?
            for entry in shards {
                let records = entry.takeUnretainedValue()
                guard records.oldestHotBlockBytes > 0 else { continue }
                if records.hotMemoryBytes > (largest?.hotMemoryBytes ?? 0) { largest = records }
            }
            guard let largest, largest.spillOldestBlock() else { return }
            spilledSegments += 1
        }
    }

    // MARK: - Synthetic sources

    /// Registers a producer's payload generator; records refer to it by the number returned, or
    /// nil once 65,535 sources exist (records then keep their bytes like a client's).
    func addSource(template: PayloadTemplate, seed: UInt64, keyCount: Int) -> SyntheticSource? {
        guard sources.count < Int(UInt16.max) else { return nil }
        let source = SyntheticSource(number: UInt16(sources.count + 1), template: template, seed: seed, keyCount: keyCount)
        sources.append(source)
        return source
    }

    @inline(__always)
    func source(_ number: UInt16) -> SyntheticSource? {
        let i = Int(number) - 1
        return i >= 0 && i < sources.count ? sources[i] : nil
    }
}
