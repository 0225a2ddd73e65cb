/// Where one retained record lives and what it is: 20 bytes, 24 with padding.
///
/// A record a client put keeps its bytes: `location` is the offset of its partition key, followed
/// by its data, in the owning block's byte buffer. A record from one of the simulator's own
/// producers keeps only this descriptor: `source` names the producer and `location` is the index
/// of its partition key; the payload is regenerated from the seed whenever someone reads it.
struct RecordEntry: Equatable {
    var arrivalMilliseconds: Int64
    /// Byte offset in the block (client records) or partition key index (synthetic records).
    var location: UInt32
    var dataLength: UInt32
    var keyLength: UInt16
    /// 0 for a client's bytes; otherwise the number of a `SyntheticSource`.
    var source: UInt16

    static let clientBytes: UInt16 = 0

    var isSynthetic: Bool { source != Self.clientBytes }
    /// Partition key plus data, what the throughput limits and GetRecords' 10 MiB cap count.
    var recordBytes: Int { Int(keyLength) + Int(dataLength) }
}

/// A run of consecutive records of one shard, in memory: the unit that is written, spilled to
/// disk as one segment, read back from disk, and trimmed.
///
/// Keeping client bytes per block (rather than per shard) means spilling or trimming a block
/// frees exactly its memory, without copying any other record.
final class RecordBlock {
    let firstOrdinal: UInt64
    private(set) var entries: ContiguousArray<RecordEntry>
    private(set) var bytes: [UInt8]
    /// Key plus data bytes of every record in the block (synthetic ones included).
    private(set) var recordBytes = 0

    /// A block closes at this many records, so a segment on disk stays a few kilobytes of
    /// descriptors and one decode serves a whole GetRecords call.
    static let recordCapacity = 4096
    /// ... or once it holds this many client bytes, so one segment never gets huge.
    static let byteCapacity = 1 << 20

    init(firstOrdinal: UInt64, entries: ContiguousArray<RecordEntry> = [], bytes: [UInt8] = []) {
        self.firstOrdinal = firstOrdinal
        self.entries = entries
        self.bytes = bytes
        recordBytes = entries.reduce(0) { $0 + $1.recordBytes }
        reservedEntries = entries.count
        reservedBytes = bytes.count
    }

    var count: Int { entries.count }
    var endOrdinal: UInt64 { firstOrdinal + UInt64(entries.count) }
    var firstArrivalMilliseconds: Int64 { entries.first?.arrivalMilliseconds ?? 0 }
    var lastArrivalMilliseconds: Int64 { entries.last?.arrivalMilliseconds ?? 0 }

    /// Entries and client bytes reserved by this block's own doubling; the arrays' `capacity`
    /// comes from the allocator's usable size, which varies from run to run, and memory figures
    /// must not (the dashboard shows them).
    private var reservedEntries = 0
    private var reservedBytes = 0

    /// Heap bytes the block holds: what the memory budget counts.
    var memoryBytes: Int {
        reservedEntries * MemoryLayout<RecordEntry>.stride + reservedBytes + Self.overheadBytes
    }

    @inline(__always)
    private func reserve(entries needed: Int, bytes neededBytes: Int) {
        if needed > reservedEntries {
            reservedEntries = max(needed, min(Self.recordCapacity, max(16, reservedEntries * 2)))
            entries.reserveCapacity(reservedEntries)
        }
        if neededBytes > reservedBytes {
            reservedBytes = max(neededBytes, reservedBytes * 2, 256)
            bytes.reserveCapacity(reservedBytes)
        }
    }
    /// Object headers and array headers, roughly; counted so that many tiny blocks are not free.
    static let overheadBytes = 96

    func hasRoom(forClientBytes size: Int) -> Bool {
        entries.count < Self.recordCapacity && (size == 0 || entries.isEmpty || bytes.count + size <= Self.byteCapacity)
    }

    @inline(__always)
    func appendClient(key: UnsafeRawBufferPointer, data: UnsafeRawBufferPointer, at arrivalMilliseconds: Int64) {
        reserve(entries: entries.count + 1, bytes: bytes.count + key.count + data.count)
        let offset = UInt32(bytes.count)
        bytes.append(contentsOf: key)
        bytes.append(contentsOf: data)
        entries.append(RecordEntry(arrivalMilliseconds: arrivalMilliseconds, location: offset, dataLength: UInt32(data.count),
                                   keyLength: UInt16(key.count), source: RecordEntry.clientBytes))
        recordBytes += key.count + data.count
    }

    @inline(__always)
    func appendSynthetic(source: UInt16, keyIndex: UInt32, keyLength: Int, dataLength: Int, at arrivalMilliseconds: Int64) {
        if entries.count == reservedEntries { reserve(entries: entries.count + 1, bytes: 0) }
        entries.append(RecordEntry(arrivalMilliseconds: arrivalMilliseconds, location: keyIndex, dataLength: UInt32(dataLength),
                                   keyLength: UInt16(keyLength), source: source))
        recordBytes += keyLength + dataLength
    }

    /// Appends a descriptor if the block has room for it within what it already reserved, so its
    /// memory does not change; false (and nothing appended) otherwise.
    @inline(__always)
    func appendSyntheticWithinReserve(source: UInt16, keyIndex: UInt32, keyLength: Int, dataLength: Int, at arrivalMilliseconds: Int64) -> Bool {
        // `reservedEntries` never exceeds `recordCapacity`, so this implies `hasRoom(forClientBytes: 0)`.
        guard entries.count < reservedEntries else { return false }
        entries.append(RecordEntry(arrivalMilliseconds: arrivalMilliseconds, location: keyIndex, dataLength: UInt32(dataLength),
                                   keyLength: UInt16(keyLength), source: source))
        recordBytes += keyLength + dataLength
        return true
    }

    @inline(__always)
    func entry(_ ordinal: UInt64) -> RecordEntry { entries[Int(ordinal - firstOrdinal)] }

    /// The key and data of a client record, borrowed from the block.
    func withClientBytes<R>(_ e: RecordEntry, _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) -> R) -> R {
        bytes.withUnsafeBytes { all in
            let start = Int(e.location)
            let key = UnsafeRawBufferPointer(rebasing: all[start..<(start + Int(e.keyLength))])
            let data = UnsafeRawBufferPointer(rebasing: all[(start + Int(e.keyLength))..<(start + e.recordBytes)])
            return body(key, data)
        }
    }

    /// Index of the first record that arrived at or after `milliseconds` (`count` when none).
    func firstIndex(arrivedAtOrAfter milliseconds: Int64) -> Int {
        var lo = 0, hi = entries.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if entries[mid].arrivalMilliseconds < milliseconds { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Key plus data bytes of the records before `index`.
    func recordBytes(before index: Int) -> Int {
        entries[..<index].reduce(0) { $0 + $1.recordBytes }
    }
}
