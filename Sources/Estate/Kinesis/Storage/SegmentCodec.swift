import CZlib

/// Packs a block of records into the compact, compressed form a segment has on disk, and back.
///
/// The first byte names the form. A block whose records all come from the simulator's producers
/// is descriptors alone, packed by column (`DescriptorPacking`) with no zlib at all. Any other
/// block is deflated (level 1, whose matching pays for itself on text): before compression, the
/// record count, then per record the arrival as a delta from the previous one, the source, the key
/// index (synthetic records only), the key and data lengths, all as LEB128 varints; then the
/// client bytes back to back.
enum SegmentCodec {
    enum Failure: Error, CustomStringConvertible {
        case corrupt(String)
        var description: String { switch self { case let .corrupt(why): "corrupt segment: \(why)" } }
    }

    /// The first byte of a segment.
    enum Form: UInt8 {
        case deflated = 0
        case packedDescriptors = 1
    }

    static func encode(_ block: RecordBlock) -> [UInt8] {
        if block.count > 0, block.entries.allSatisfy(\.isSynthetic) {
            var out: [UInt8] = [Form.packedDescriptors.rawValue]
            out.reserveCapacity(block.count * 3 + 64)
            DescriptorPacking.encode(block.entries, into: &out)
            return out
        }
        var raw: [UInt8] = []
        raw.reserveCapacity(block.count * 6 + 16)
        let entries = block.entries
        putVarint(UInt64(entries.count), into: &raw)
        var previous: Int64 = 0
        var clientBytes = 0
        for e in entries {
            putVarint(zigzag(e.arrivalMilliseconds - previous), into: &raw)
            previous = e.arrivalMilliseconds
            putVarint(UInt64(e.source), into: &raw)
            if e.isSynthetic { putVarint(UInt64(e.location), into: &raw) } else { clientBytes += e.recordBytes }
            putVarint(UInt64(e.keyLength), into: &raw)
            putVarint(UInt64(e.dataLength), into: &raw)
        }
        raw.reserveCapacity(raw.count + clientBytes)
        for e in entries where !e.isSynthetic {
            block.withClientBytes(e) { key, data in
                raw.append(contentsOf: key)
                raw.append(contentsOf: data)
            }
        }
        return compress(raw)
    }

    static func decode(_ blob: [UInt8], firstOrdinal: UInt64) throws -> RecordBlock {
        guard let first = blob.first, let form = Form(rawValue: first) else { throw Failure.corrupt("unknown form") }
        if form == .packedDescriptors {
            var at = 1
            let entries = try DescriptorPacking.decode(blob, at: &at)
            guard at == blob.count else { throw Failure.corrupt("bytes after the descriptors") }
            return RecordBlock(firstOrdinal: firstOrdinal, entries: entries)
        }
        let raw = try decompress(blob, from: 1)
        var at = 0
        func next() throws -> UInt64 {
            guard let value = getVarint(raw, at: &at) else { throw Failure.corrupt("truncated descriptor") }
            return value
        }
        let count = Int(try next())
        var entries = ContiguousArray<RecordEntry>()
        entries.reserveCapacity(count)
        var arrival: Int64 = 0
        var offset: UInt32 = 0
        for _ in 0..<count {
            arrival += unzigzag(try next())
            let source = UInt16(truncatingIfNeeded: try next())
            let keyIndex = source == RecordEntry.clientBytes ? 0 : UInt32(truncatingIfNeeded: try next())
            let keyLength = UInt16(truncatingIfNeeded: try next())
            let dataLength = UInt32(truncatingIfNeeded: try next())
            var e = RecordEntry(arrivalMilliseconds: arrival, location: keyIndex, dataLength: dataLength, keyLength: keyLength, source: source)
            if !e.isSynthetic {
                e.location = offset
                offset += UInt32(e.recordBytes)
            }
            entries.append(e)
        }
        guard raw.count - at == Int(offset) else { throw Failure.corrupt("client bytes do not match their lengths") }
        return RecordBlock(firstOrdinal: firstOrdinal, entries: entries, bytes: Array(raw[at...]))
    }

    // MARK: - zlib

    private static func compress(_ raw: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [Form.deflated.rawValue]
        putVarint(UInt64(raw.count), into: &out)
        let header = out.count
        var stream = z_stream()
        var status = deflateInit2_(&stream, 1, Z_DEFLATED, MAX_WBITS, 8, Z_DEFAULT_STRATEGY,
                                   zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        // deflateInit2 fails only for lack of memory or a bad argument, neither of which can be mended here.
        precondition(status == Z_OK, "zlib deflateInit2 failed with \(status)")
        defer { deflateEnd(&stream) }
        let capacity = Int(deflateBound(&stream, uLong(raw.count)))
        out.append(contentsOf: repeatElement(0, count: capacity))
        out.withUnsafeMutableBufferPointer { dst in
            raw.withUnsafeBufferPointer { src in
                stream.next_in = UnsafeMutablePointer(mutating: src.baseAddress)
                stream.avail_in = uInt(raw.count)
                stream.next_out = dst.baseAddress! + header
                stream.avail_out = uInt(capacity)
                status = deflate(&stream, Z_FINISH)
            }
        }
        // deflateBound leaves room for the whole stream, so one call with Z_FINISH ends it.
        precondition(status == Z_STREAM_END, "zlib deflate failed with \(status)")
        out.removeLast(Int(stream.avail_out))
        return out
    }

    private static func decompress(_ blob: [UInt8], from start: Int) throws -> [UInt8] {
        var at = start
        guard let length = getVarint(blob, at: &at), length < 1 << 32 else { throw Failure.corrupt("no length") }
        var raw = [UInt8](repeating: 0, count: Int(length))
        var produced = uLong(length)
        let status = raw.withUnsafeMutableBufferPointer { dst in
            blob.withUnsafeBufferPointer { src in
                uncompress(dst.baseAddress, &produced, src.baseAddress! + at, uLong(blob.count - at))
            }
        }
        guard status == Z_OK, produced == uLong(length) else { throw Failure.corrupt("zlib status \(status)") }
        return raw
    }

    // MARK: - Varints

    @inline(__always)
    static func putVarint(_ value: UInt64, into out: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }

    @inline(__always)
    static func getVarint(_ bytes: [UInt8], at index: inout Int) -> UInt64? {
        var value: UInt64 = 0, shift: UInt64 = 0
        while index < bytes.count, shift < 64 {
            let b = bytes[index]
            index += 1
            value |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return value }
            shift += 7
        }
        return nil
    }

    static func zigzag(_ n: Int64) -> UInt64 { UInt64(bitPattern: (n << 1) ^ (n >> 63)) }
    static func unzigzag(_ n: UInt64) -> Int64 { Int64(bitPattern: n >> 1) ^ -Int64(bitPattern: n & 1) }
}
