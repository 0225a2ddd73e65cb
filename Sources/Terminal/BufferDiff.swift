#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

extension Buffer {
    /// The cells that differ from `previous`, in row-major order: what a backend must draw to turn
    /// the previous frame into this one.
    ///
    /// Continuation cells are never returned: drawing a wide character already covers them, and
    /// a cell that stops being a continuation differs from its old value and so is returned on
    /// its own. When the sizes differ nothing on screen can be trusted, so every cell is returned.
    public func diff(from previous: Buffer) -> [(Point, Cell)] {
        var changes: [(Point, Cell)] = []
        let sameSize = previous.size == size
        let rowBytes = size.width * MemoryLayout<Cell>.stride
        for y in 0..<size.height {
            // Most rows of a frame are byte for byte the last frame's: one memcmp skips a row.
            // Bytes that differ (padding included) only send the row to the cell-by-cell test.
            if sameSize, rowBytes > 0, cells.withUnsafeBytes({ now in
                previous.cells.withUnsafeBytes { before in
                    memcmp(now.baseAddress! + y * rowBytes, before.baseAddress! + y * rowBytes, rowBytes) == 0
                }
            }) { continue }
            for x in 0..<size.width {
                let index = y * size.width + x
                let cell = cells[index]
                if cell.isContinuation { continue }
                if sameSize, previous.cells[index] == cell { continue }
                changes.append((Point(x: x, y: y), cell))
            }
        }
        return changes
    }
}
