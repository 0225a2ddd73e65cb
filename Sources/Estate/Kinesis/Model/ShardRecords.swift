import DequeModule

/// The retained records of one shard, in two tiers: recent blocks in memory, older ones as
/// immutable compressed segments on disk.
///
/// Records are numbered by ordinal, their position since the shard opened; sequence numbers are
/// rebuilt from it on read. Every read (GetRecords, iterators, the tail, consumers, retention)
/// goes through `locate`, which finds a record in whichever tier holds it, so nothing a reader
/// sees depends on where a record happens to be. Trimming drops whole segments and blocks; the
/// trim horizon inside the oldest one is a number, not a copy.
final class ShardRecords {
    /// The in-memory index of one segment on disk.
    struct Segment {
        let firstOrdinal: UInt64
        let count: Int
        let firstArrivalMilliseconds: Int64
        let lastArrivalMilliseconds: Int64
        let recordBytes: Int
        let storedBytes: Int
        var endOrdinal: UInt64 { firstOrdinal + UInt64(count) }
    }

    /// A record read back, with its bytes copied out (or regenerated).
    struct Stored {
        let ordinal: UInt64
        let arrival: SimInstant
        let partitionKey: String
        let data: [UInt8]
    }

    /// Strong: the store outlives no shard that needs it, and `unowned` would cost a check per access.
    let store: RecordStore
    let streamName: String
    let streamTag: UInt64
    let shardIndex: Int

    /// Ordinal of the oldest retained record: the trim horizon.
    private(set) var firstOrdinal: UInt64 = 0
    /// Ordinal the next record will get.
    private(set) var nextOrdinal: UInt64 = 0
    private var cold: Deque<Segment> = []
    private var hot: Deque<RecordBlock> = [] {
        // The open block is `hot.last`; every change at the deque's end goes through here.
        didSet { open = hot.last.map(Unmanaged.passUnretained) }
    }
    /// The block appends go to, held unretained: `hot` keeps it alive, and the write path reaches
    /// it without a retain and release per record.
    private var open: Unmanaged<RecordBlock>?
    /// The last segment read back from disk: a reader walking forward decodes each segment once.
    private var cached: RecordBlock?
    /// Key plus data bytes of every record in both tiers, and of those before the trim horizon.
    private var unitRecordBytes = 0
    private var trimmedRecordBytes = 0
    /// Bytes the hot tier holds, as the store's budget counts them.
    private(set) var hotMemoryBytes = 0
    /// Compressed bytes of this shard's segments on disk.
    private(set) var diskBytes = 0

    init(store: RecordStore, streamName: String, streamTag: UInt64, shardIndex: Int) {
        self.store = store
        self.streamName = streamName
        self.streamTag = streamTag
        self.shardIndex = shardIndex
        store.register(self)
    }

    deinit {
        store.deregister(self)
        store.memoryBytes -= hotMemoryBytes
        store.diskBytes -= diskBytes
    }

    var count: Int { Int(nextOrdinal - firstOrdinal) }
    var isEmpty: Bool { count == 0 }
    var retainedBytes: Int { unitRecordBytes - trimmedRecordBytes }
    var hotRecordCount: Int { hot.reduce(0) { $0 + $1.count } }
    var coldRecordCount: Int { cold.reduce(0) { $0 + $1.count } }
    var segmentCount: Int { cold.count }
    /// Memory this shard's records take: hot blocks, the segment index and the decoded segment.
    var memoryBytes: Int {
        hotMemoryBytes + cold.count * MemoryLayout<Segment>.stride + (cached?.memoryBytes ?? 0)
    }

    // MARK: - Writing

    /// The block new records go into, opening one when the last is full.
    @inline(__always)
    private func writableBlock(clientBytes size: Int) -> RecordBlock {
        if let last = hot.last, last.hasRoom(forClientBytes: size) { return last }
        let block = RecordBlock(firstOrdinal: nextOrdinal)
        hot.append(block)
        account(block.memoryBytes)
        return block
    }

    @inline(__always)
    private func account(_ delta: Int) {
        hotMemoryBytes += delta
        store.memoryBytes += delta
    }

    /// Appends a client's record, keeping its bytes; returns its ordinal.
    @discardableResult
    func append(key: UnsafeRawBufferPointer, data: UnsafeRawBufferPointer, at arrival: SimInstant) -> UInt64 {
        let block = writableBlock(clientBytes: key.count + data.count)
        let before = block.memoryBytes
        block.appendClient(key: key, data: data, at: arrival.milliseconds)
        return finishAppend(block, before: before, size: key.count + data.count)
    }

    /// Appends a record of a synthetic source as a descriptor; returns its ordinal.
    @discardableResult
    @inline(__always)
    func appendSynthetic(source: UInt16, keyIndex: Int, keyLength: Int, dataLength: Int, at arrival: SimInstant) -> UInt64 {
        // Nearly always the open block has room already reserved: nothing to open, grow or account,
        // and with memory unchanged the budget cannot have been crossed by this record.
        if let open, open._withUnsafeGuaranteedRef({
            $0.appendSyntheticWithinReserve(source: source, keyIndex: UInt32(keyIndex), keyLength: keyLength, dataLength: dataLength,
                                            at: arrival.milliseconds)
        }) {
            unitRecordBytes += keyLength + dataLength
            let ordinal = nextOrdinal
            nextOrdinal += 1
            return ordinal
        }
        return appendSyntheticGrowing(source: source, keyIndex: keyIndex, keyLength: keyLength, dataLength: dataLength, at: arrival)
    }

    private func appendSyntheticGrowing(source: UInt16, keyIndex: Int, keyLength: Int, dataLength: Int, at arrival: SimInstant) -> UInt64 {
        let block = writableBlock(clientBytes: 0)
        let before = block.memoryBytes
        block.appendSynthetic(source: source, keyIndex: UInt32(keyIndex), keyLength: keyLength, dataLength: dataLength, at: arrival.milliseconds)
        return finishAppend(block, before: before, size: keyLength + dataLength)
    }

    @inline(__always)
    private func finishAppend(_ block: RecordBlock, before: Int, size: Int) -> UInt64 {
        let after = block.memoryBytes
        if after != before { account(after - before) }
        unitRecordBytes += size
        let ordinal = nextOrdinal
        nextOrdinal += 1
        if store.memoryBytes > store.memoryBudgetBytes { store.relieve() }
        return ordinal
    }

    /// Memory of the oldest hot block, the one a spill would move to disk.
    var oldestHotBlockBytes: Int { hot.first?.memoryBytes ?? 0 }

    /// Moves the oldest hot block to disk as one segment; false if there was none or the disk failed.
    func spillOldestBlock() -> Bool {
        guard let block = hot.first else { return false }
        if block.count > 0 {
            let blob = SegmentCodec.encode(block)
            do {
                try store.segments.write(key(block.firstOrdinal), recordCount: block.count,
                                         firstArrivalMilliseconds: block.firstArrivalMilliseconds,
                                         lastArrivalMilliseconds: block.lastArrivalMilliseconds, blob: blob)
            } catch {
                store.failed("writing a segment of \(streamName)/\(Shard.id(shardIndex)): \(error)")
                return false
            }
            cold.append(Segment(firstOrdinal: block.firstOrdinal, count: block.count,
                                firstArrivalMilliseconds: block.firstArrivalMilliseconds,
                                lastArrivalMilliseconds: block.lastArrivalMilliseconds,
                                recordBytes: block.recordBytes, storedBytes: blob.count))
            diskBytes += blob.count
            store.diskBytes += blob.count
        }
        hot.removeFirst()
        account(-block.memoryBytes)
        return true
    }

    private func key(_ firstOrdinal: UInt64) -> SegmentKey {
        SegmentKey(streamName: streamName, streamTag: streamTag, shardIndex: shardIndex, firstOrdinal: firstOrdinal)
    }

    // MARK: - Reading

    /// The block holding `ordinal` (read back from disk if need be), or nil if it is not retained.
    @inline(__always)
    func block(holding ordinal: UInt64) -> RecordBlock? {
        guard ordinal >= firstOrdinal, ordinal < nextOrdinal else { return nil }
        if let last = hot.last, ordinal >= last.firstOrdinal { return last }
        if let first = hot.first, ordinal >= first.firstOrdinal {
            var lo = 0, hi = hot.count - 1
            while lo < hi {
                let mid = (lo + hi + 1) / 2
                if hot[mid].firstOrdinal <= ordinal { lo = mid } else { hi = mid - 1 }
            }
            return hot[lo]
        }
        return segmentBlock(holding: ordinal)
    }

    private func segmentBlock(holding ordinal: UInt64) -> RecordBlock? {
        if let cached, ordinal >= cached.firstOrdinal, ordinal < cached.endOrdinal { return cached }
        var lo = 0, hi = cold.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if cold[mid].endOrdinal <= ordinal { lo = mid + 1 } else { hi = mid }
        }
        guard lo < cold.count, cold[lo].firstOrdinal <= ordinal else { return nil }
        return load(cold[lo])
    }

    private func load(_ segment: Segment) -> RecordBlock? {
        if let cached, cached.firstOrdinal == segment.firstOrdinal { return cached }
        do {
            guard let blob = try store.segments.read(key(segment.firstOrdinal)) else {
                store.failed("segment \(streamName)/\(Shard.id(shardIndex))@\(segment.firstOrdinal) is missing")
                return nil
            }
            let block = try SegmentCodec.decode(blob, firstOrdinal: segment.firstOrdinal)
            cached = block
            return block
        } catch {
            store.failed("reading a segment of \(streamName)/\(Shard.id(shardIndex)): \(error)")
            return nil
        }
    }

    func entry(ordinal: UInt64) -> RecordEntry? {
        block(holding: ordinal)?.entry(ordinal)
    }

    func record(ordinal: UInt64) -> Stored? {
        guard let block = block(holding: ordinal) else { return nil }
        let e = block.entry(ordinal)
        let arrival = SimInstant(milliseconds: e.arrivalMilliseconds)
        if e.isSynthetic {
            guard let source = store.source(e.source) else { return nil }
            let position = RecordPosition(streamTag: streamTag, shardIndex: shardIndex, ordinal: ordinal)
            return Stored(ordinal: ordinal, arrival: arrival, partitionKey: source.partitionKey(Int(e.location)),
                          data: source.payload(keyIndex: Int(e.location), at: arrival, position: position))
        }
        return block.withClientBytes(e) { key, data in
            Stored(ordinal: ordinal, arrival: arrival, partitionKey: String(decoding: key, as: UTF8.self), data: Array(data))
        }
    }

    /// A record's content for a reader that may not need its bytes: a synthetic record's
    /// generator and position (its payload or fields are made on demand), a client's bytes.
    func content(ordinal: UInt64) -> (arrival: SimInstant, content: RecordContent)? {
        guard let block = block(holding: ordinal) else { return nil }
        let e = block.entry(ordinal)
        let arrival = SimInstant(milliseconds: e.arrivalMilliseconds)
        if e.isSynthetic {
            guard let source = store.source(e.source) else { return nil }
            let position = RecordPosition(streamTag: streamTag, shardIndex: shardIndex, ordinal: ordinal)
            return (arrival, .synthetic(source, keyIndex: Int(e.location), position: position))
        }
        return (arrival, .bytes(block.withClientBytes(e) { _, data in Array(data) }))
    }

    /// Calls `body` with each retained entry from `start` on, in order, until it returns false or
    /// the records run out; returns where it stopped. Walks blocks rather than looking each up.
    @discardableResult
    func visit(from start: UInt64, _ body: (UInt64, RecordEntry) -> Bool) -> UInt64 {
        var ordinal = max(start, firstOrdinal)
        while ordinal < nextOrdinal, let block = block(holding: ordinal) {
            while ordinal < block.endOrdinal {
                guard body(ordinal, block.entry(ordinal)) else { return ordinal }
                ordinal += 1
            }
        }
        return ordinal
    }

    /// First ordinal whose arrival is at or after `instant` (`nextOrdinal` when none), never below
    /// the trim horizon.
    func firstOrdinal(arrivedAtOrAfter instant: SimInstant) -> UInt64 {
        let ms = instant.milliseconds
        var lo = 0, hi = cold.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if cold[mid].lastArrivalMilliseconds < ms { lo = mid + 1 } else { hi = mid }
        }
        if lo < cold.count, let block = load(cold[lo]) {
            return max(firstOrdinal, block.firstOrdinal + UInt64(block.firstIndex(arrivedAtOrAfter: ms)))
        }
        for block in hot where block.count > 0 && block.lastArrivalMilliseconds >= ms {
            return max(firstOrdinal, block.firstOrdinal + UInt64(block.firstIndex(arrivedAtOrAfter: ms)))
        }
        return nextOrdinal
    }

    // MARK: - Retention

    /// Drops records that arrived before `horizon`; returns how many went. Whole segments and
    /// blocks go at once; inside the oldest survivor only the trim horizon moves.
    @discardableResult
    func trim(arrivedBefore horizon: SimInstant) -> Int {
        let before = firstOrdinal
        let ms = horizon.milliseconds
        while let segment = cold.first, segment.lastArrivalMilliseconds < ms {
            do { try store.segments.delete(key(segment.firstOrdinal)) } catch {
                store.failed("deleting a segment of \(streamName)/\(Shard.id(shardIndex)): \(error)")
            }
            cold.removeFirst()
            if cached?.firstOrdinal == segment.firstOrdinal { cached = nil }
            diskBytes -= segment.storedBytes
            store.diskBytes -= segment.storedBytes
            dropUnit(endOrdinal: segment.endOrdinal, recordBytes: segment.recordBytes)
        }
        if cold.isEmpty {
            while let block = hot.first, block.count > 0, block.lastArrivalMilliseconds < ms {
                hot.removeFirst()
                account(-block.memoryBytes)
                dropUnit(endOrdinal: block.endOrdinal, recordBytes: block.recordBytes)
            }
        }
        // Inside the oldest unit left, move the horizon to the first record young enough.
        let oldest = cold.first.flatMap { load($0) } ?? hot.first
        if let oldest, oldest.count > 0, oldest.firstArrivalMilliseconds < ms {
            let index = oldest.firstIndex(arrivedAtOrAfter: ms)
            let horizonOrdinal = oldest.firstOrdinal + UInt64(index)
            if horizonOrdinal > firstOrdinal {
                trimmedRecordBytes = oldest.recordBytes(before: index)
                firstOrdinal = horizonOrdinal
            }
        }
        return Int(firstOrdinal - before)
    }

    private func dropUnit(endOrdinal: UInt64, recordBytes: Int) {
        unitRecordBytes -= recordBytes
        trimmedRecordBytes = 0
        firstOrdinal = max(firstOrdinal, endOrdinal)
    }

    /// Forgets everything, on disk too: the stream is gone.
    func dropAll() {
        for block in hot { account(-block.memoryBytes) }
        hot.removeAll()
        store.diskBytes -= diskBytes
        diskBytes = 0
        cold.removeAll()
        cached = nil
        unitRecordBytes = 0
        trimmedRecordBytes = 0
        firstOrdinal = nextOrdinal
    }
}

/// What a record holds, without regenerating a synthetic payload.
enum RecordContent {
    case synthetic(SyntheticSource, keyIndex: Int, position: RecordPosition)
    case bytes([UInt8])
}
