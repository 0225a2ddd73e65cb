import CZlib

/// Packs a block of records into the compact, compressed form a segment has on disk, and back.
///
/// Layout before compression: the record count, then per record the arrival as a delta from the
/// previous one, the source, the key index (synthetic records only), the key and data lengths,
/// all as LEB128 varints; then the client bytes back to back. Arrivals come in batches and
/// synthetic records are a few small numbers, so a descriptor packs to 2–4 bytes before zlib.
/// A block of descriptors alone is Huffman-coded only: its bytes are few distinct small values,
/// which entropy coding packs as well as string matching would, at a fraction of the time (it was
/// most of the cost of spilling). A block with client bytes gets deflate level 1, whose matching
/// pays for itself on text. Either is plain deflate to `uncompress`.
enum SegmentCodec {
    enum Failure: Error, CustomStringConvertible {
        case corrupt(String)
        var description: String { switch self { case let .corrupt(why): "corrupt segment: \(why)" } }
    }

    static func encode(_ block: RecordBlock) -> [UInt8] {
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
        return compress(raw, huffmanOnly: clientBytes == 0)
    }

    static func decode(_ blob: [UInt8], firstOrdinal: UInt64) throws -> RecordBlock {
        let raw = try decompress(blob)
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

    private static func compress(_ raw: [UInt8], huffmanOnly: Bool) -> [UInt8] {
        var out: [UInt8] = []
        putVarint(UInt64(raw.count), into: &out)
        let header = out.count
        var stream = z_stream()
        var status = deflateInit2_(&stream, 1, Z_DEFLATED, MAX_WBITS, 8, huffmanOnly ? Z_HUFFMAN_ONLY : Z_DEFAULT_STRATEGY,
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

    private static func decompress(_ blob: [UInt8]) throws -> [UInt8] {
        var at = 0
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
