/// A fixed-capacity block of raw bytes that records are appended into.
///
/// Records of a shard live in a few such blocks instead of one growing array, so trimming old
/// records frees whole blocks without copying the rest, and a block never moves once written.
final class ByteChunk {
    let capacity: Int
    private(set) var used = 0
    let base: UnsafeMutableRawPointer

    init(capacity: Int) {
        self.capacity = capacity
        base = UnsafeMutableRawPointer.allocate(byteCount: max(1, capacity), alignment: 16)
    }

    deinit { base.deallocate() }

    var free: Int { capacity - used }

    /// Copies `bytes` in and returns where they start.
    @inline(__always)
    func append(_ bytes: UnsafeRawBufferPointer) -> Int {
        let offset = used
        if let source = bytes.baseAddress, bytes.count > 0 {
            (base + offset).copyMemory(from: source, byteCount: bytes.count)
        }
        used += bytes.count
        return offset
    }

    func bytes(at offset: Int, count: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: base + offset, count: count)
    }
}
