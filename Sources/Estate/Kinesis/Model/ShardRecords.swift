import DequeModule

/// The retained records of one shard, stored compactly.
///
/// Each record's partition key and data are copied back to back into byte chunks; a 24-byte
/// index entry keeps where they are and when the record arrived. Sequence numbers are not stored:
/// a record's ordinal is its position since the shard opened, so the number is rebuilt on read.
/// This keeps a retained 100-byte record well under twice its size, and the write path to two
/// memcpy-like appends.
struct ShardRecords {
    /// Where one record lives; 24 bytes with padding.
    struct Entry {
        var arrivalMilliseconds: Int64
        var chunk: UInt32
        var offset: UInt32
        var dataLength: UInt32
        var keyLength: UInt16
    }

    /// A record read back from the shard, with its bytes copied out.
    struct Stored {
        let ordinal: UInt64
        let arrival: SimInstant
        let partitionKey: String
        let data: [UInt8]
    }

    static let firstChunkBytes = 4096
    static let largestChunkBytes = 1 << 20

    /// Index entries; `slots[head...]` are retained. Dropped slots at the front are reclaimed in
    /// bulk once they are half the array, so trimming stays O(1) amortised and capacity is visible.
    private var slots: ContiguousArray<Entry> = []
    private var head = 0
    private var chunks: Deque<ByteChunk> = []
    /// Number of the first chunk in `chunks`; chunk numbers are never reused.
    private var firstChunkNumber: UInt32 = 0
    /// Ordinal of `slots[head]`: the trim horizon.
    private(set) var firstOrdinal: UInt64 = 0
    private(set) var retainedBytes = 0

    /// Ordinal the next record will get.
    var nextOrdinal: UInt64 { firstOrdinal + UInt64(count) }
    var count: Int { slots.count - head }
    var isEmpty: Bool { count == 0 }

    /// Appends a record; returns its ordinal.
    @inline(__always)
    mutating func append(key: UnsafeRawBufferPointer, data: UnsafeRawBufferPointer, at arrival: SimInstant) -> UInt64 {
        let size = key.count + data.count
        if chunks.last.map({ $0.free < size }) ?? true { addChunk(atLeast: size) }
        let chunk = chunks[chunks.count - 1]
        let offset = chunk.append(key)
        _ = chunk.append(data)
        slots.append(Entry(arrivalMilliseconds: arrival.milliseconds, chunk: firstChunkNumber + UInt32(chunks.count - 1),
                             offset: UInt32(offset), dataLength: UInt32(data.count), keyLength: UInt16(key.count)))
        retainedBytes += size
        return nextOrdinal - 1
    }

    private mutating func addChunk(atLeast size: Int) {
        // Blocks double from 4 KiB to 1 MiB so a quiet shard stays small and a busy one allocates rarely.
        let previous = chunks.last?.capacity ?? Self.firstChunkBytes / 2
        let capacity = max(size, min(Self.largestChunkBytes, previous * 2))
        chunks.append(ByteChunk(capacity: capacity))
    }

    func entry(ordinal: UInt64) -> Entry? {
        guard ordinal >= firstOrdinal, ordinal < nextOrdinal else { return nil }
        return slots[head + Int(ordinal - firstOrdinal)]
    }

    /// Calls `body` with the key and data bytes of the record at `ordinal` without copying them.
    func withBytes<R>(ordinal: UInt64, _ body: (Entry, UnsafeRawBufferPointer, UnsafeRawBufferPointer) -> R) -> R? {
        guard let e = entry(ordinal: ordinal) else { return nil }
        let chunk = chunks[Int(e.chunk - firstChunkNumber)]
        let key = chunk.bytes(at: Int(e.offset), count: Int(e.keyLength))
        let data = chunk.bytes(at: Int(e.offset) + Int(e.keyLength), count: Int(e.dataLength))
        return body(e, key, data)
    }

    func record(ordinal: UInt64) -> Stored? {
        withBytes(ordinal: ordinal) { e, key, data in
            Stored(ordinal: ordinal, arrival: SimInstant(milliseconds: e.arrivalMilliseconds),
                   partitionKey: String(decoding: key, as: UTF8.self), data: Array(data))
        }
    }

    /// First ordinal whose arrival is at or after `instant` (`nextOrdinal` when none).
    func firstOrdinal(arrivedAtOrAfter instant: SimInstant) -> UInt64 {
        var lo = head, hi = slots.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if slots[mid].arrivalMilliseconds < instant.milliseconds { lo = mid + 1 } else { hi = mid }
        }
        return firstOrdinal + UInt64(lo - head)
    }

    /// Drops records that arrived before `horizon`; returns how many went.
    @discardableResult
    mutating func trim(arrivedBefore horizon: SimInstant) -> Int {
        var dropped = 0
        while head < slots.count, slots[head].arrivalMilliseconds < horizon.milliseconds {
            retainedBytes -= Int(slots[head].keyLength) + Int(slots[head].dataLength)
            head += 1
            dropped += 1
        }
        firstOrdinal += UInt64(dropped)
        if head > 0, head >= slots.count / 2 {
            slots.removeFirst(head)
            head = 0
        }
        // Free blocks that no retained record points into (keep the last one for writing).
        let keepFrom = (head < slots.count ? slots[head].chunk : nil) ?? (firstChunkNumber + UInt32(max(0, chunks.count - 1)))
        while firstChunkNumber < keepFrom, !chunks.isEmpty {
            chunks.removeFirst()
            firstChunkNumber += 1
        }
        return dropped
    }

    /// Bytes held by this structure: block capacities plus the index's allocated slots.
    var storageBytes: Int {
        chunks.reduce(0) { $0 + $1.capacity } + slots.capacity * MemoryLayout<Entry>.stride
    }
}

