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
        for y in 0..<size.height {
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
