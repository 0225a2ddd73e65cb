/// The descriptors of a block whose records all come from the simulator's producers, packed by
/// column without zlib.
///
/// Such a block is only small numbers: arrivals repeat within a producer's batch, a shard hears
/// from one or two sources, and key indexes and lengths span a narrow range. Runs of arrivals and
/// sources, and the other columns as fixed-width offsets from the block's minimum, pack a record
/// into two or three bytes, smaller than Huffman coding the varints and at a fraction of its cost,
/// which was most of what spilling a block cost.
///
/// Layout: the record count; the arrival runs (count, then the zigzagged step from the previous
/// run and the run's length); the source runs (count, then source and length); then the key
/// index, key length and data length columns, each as its minimum, a bit width, and the offsets
/// from the minimum packed little-endian at that width.
enum DescriptorPacking {
    static func encode(_ entries: ContiguousArray<RecordEntry>, into out: inout [UInt8]) {
        let n = entries.count
        SegmentCodec.putVarint(UInt64(n), into: &out)
        entries.withUnsafeBufferPointer { e in
            putRuns(n, into: &out, equal: { e[$0].arrivalMilliseconds == e[$0 - 1].arrivalMilliseconds }) { i, previous in
                SegmentCodec.zigzag(e[i].arrivalMilliseconds - (previous.map { e[$0].arrivalMilliseconds } ?? 0))
            }
            putRuns(n, into: &out, equal: { e[$0].source == e[$0 - 1].source }) { i, _ in UInt64(e[i].source) }
            putColumn(n, into: &out) { UInt64(e[$0].location) }
            putColumn(n, into: &out) { UInt64(e[$0].keyLength) }
            putColumn(n, into: &out) { UInt64(e[$0].dataLength) }
        }
    }

    static func decode(_ bytes: [UInt8], at index: inout Int) throws -> ContiguousArray<RecordEntry> {
        let n = try varint(bytes, &index)
        guard n <= 1 << 24 else { throw SegmentCodec.Failure.corrupt("implausible record count \(n)") }
        let blank = RecordEntry(arrivalMilliseconds: 0, location: 0, dataLength: 0, keyLength: 0, source: 1)
        var entries = ContiguousArray(repeating: blank, count: Int(n))
        try entries.withUnsafeMutableBufferPointer { e in
            var arrival: Int64 = 0
            try getRuns(e.count, bytes, &index) { value in
                arrival += SegmentCodec.unzigzag(value)
                return arrival
            } apply: { i, value in e[i].arrivalMilliseconds = value }
            try getRuns(e.count, bytes, &index) { value in
                guard value > UInt64(RecordEntry.clientBytes), value <= UInt64(UInt16.max) else {
                    throw SegmentCodec.Failure.corrupt("source \(value) in a block of synthetic records")
                }
                return UInt16(value)
            } apply: { i, value in e[i].source = value }
            try getColumn(e.count, bytes, &index, limit: UInt64(UInt32.max)) { i, v in e[i].location = UInt32(v) }
            try getColumn(e.count, bytes, &index, limit: UInt64(UInt16.max)) { i, v in e[i].keyLength = UInt16(v) }
            try getColumn(e.count, bytes, &index, limit: UInt64(UInt32.max)) { i, v in e[i].dataLength = UInt32(v) }
        }
        return entries
    }

    // MARK: - Runs

    /// Writes the number of runs, then for each run its value (from `value`, given the run's
    /// first index and the previous run's) and its length.
    @inline(__always)
    private static func putRuns(_ n: Int, into out: inout [UInt8], equal: (Int) -> Bool, value: (Int, Int?) -> UInt64) {
        var starts: [Int] = []
        for i in 0..<n where i == 0 || !equal(i) { starts.append(i) }
        SegmentCodec.putVarint(UInt64(starts.count), into: &out)
        for (r, start) in starts.enumerated() {
            SegmentCodec.putVarint(value(start, r == 0 ? nil : starts[r - 1]), into: &out)
            let end = r + 1 < starts.count ? starts[r + 1] : n
            SegmentCodec.putVarint(UInt64(end - start), into: &out)
        }
    }

    @inline(__always)
    private static func getRuns<T>(_ n: Int, _ bytes: [UInt8], _ index: inout Int, value: (UInt64) throws -> T,
                                   apply: (Int, T) -> Void) throws {
        let runs = try varint(bytes, &index)
        var filled = 0
        for _ in 0..<runs {
            let v = try value(try varint(bytes, &index))
            let length = try varint(bytes, &index)
            guard length > 0, length <= UInt64(n - filled) else { throw SegmentCodec.Failure.corrupt("runs overflow the block") }
            for i in filled..<(filled + Int(length)) { apply(i, v) }
            filled += Int(length)
        }
        guard filled == n else { throw SegmentCodec.Failure.corrupt("runs cover \(filled) of \(n) records") }
    }

    // MARK: - Bit-packed columns

    @inline(__always)
    private static func putColumn(_ n: Int, into out: inout [UInt8], _ value: (Int) -> UInt64) {
        var low = UInt64.max, high: UInt64 = 0
        for i in 0..<n {
            let v = value(i)
            low = min(low, v)
            high = max(high, v)
        }
        if n == 0 { low = 0 }
        let width = n == 0 ? 0 : UInt64.bitWidth - (high - low).leadingZeroBitCount
        SegmentCodec.putVarint(low, into: &out)
        out.append(UInt8(width))
        guard width > 0 else { return }
        out.reserveCapacity(out.count + (n * width + 7) / 8)
        // Values are at most 32 bits wide and at most 7 bits wait in the accumulator, so it never overflows.
        var accumulator: UInt64 = 0, pending = 0
        for i in 0..<n {
            accumulator |= (value(i) - low) << UInt64(pending)
            pending += width
            while pending >= 8 {
                out.append(UInt8(truncatingIfNeeded: accumulator))
                accumulator >>= 8
                pending -= 8
            }
        }
        if pending > 0 { out.append(UInt8(truncatingIfNeeded: accumulator)) }
    }

    @inline(__always)
    private static func getColumn(_ n: Int, _ bytes: [UInt8], _ index: inout Int, limit: UInt64, apply: (Int, UInt64) -> Void) throws {
        let low = try varint(bytes, &index)
        guard index < bytes.count else { throw SegmentCodec.Failure.corrupt("truncated column") }
        let width = Int(bytes[index])
        index += 1
        guard width <= 32 else { throw SegmentCodec.Failure.corrupt("column width \(width)") }
        guard width > 0 else {
            guard low <= limit else { throw SegmentCodec.Failure.corrupt("column value out of range") }
            for i in 0..<n { apply(i, low) }
            return
        }
        let size = (n * width + 7) / 8
        guard bytes.count - index >= size else { throw SegmentCodec.Failure.corrupt("truncated column") }
        // With the minimum in range, minimum plus a 32-bit offset cannot overflow.
        guard low <= limit else { throw SegmentCodec.Failure.corrupt("column value out of range") }
        let mask = (UInt64(1) << UInt64(width)) - 1
        try bytes.withUnsafeBufferPointer { b in
            var at = index, accumulator: UInt64 = 0, held = 0
            for i in 0..<n {
                while held < width {
                    accumulator |= UInt64(b[at]) << UInt64(held)
                    at += 1
                    held += 8
                }
                let v = low + (accumulator & mask)
                guard v <= limit else { throw SegmentCodec.Failure.corrupt("column value out of range") }
                apply(i, v)
                accumulator >>= UInt64(width)
                held -= width
            }
        }
        index += size
    }

    @inline(__always)
    private static func varint(_ bytes: [UInt8], _ index: inout Int) throws -> UInt64 {
        guard let v = SegmentCodec.getVarint(bytes, at: &index) else { throw SegmentCodec.Failure.corrupt("truncated descriptor") }
        return v
    }
}
