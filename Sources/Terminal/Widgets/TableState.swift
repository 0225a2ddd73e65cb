/// The selection and scroll position of a table, kept by the view between frames.
///
/// Separate from `Table` because the table itself is rebuilt every frame from the model, while
/// the user's place in it must persist. Every move clamps to the row count, so a list that
/// shrank under the cursor (an instance was terminated) never leaves the selection dangling.
public struct TableState: Hashable, Sendable {
    /// The selected row, or nil for none (an empty table).
    public var selected: Int?
    /// The first row shown.
    public var offset: Int
    /// Rows that fitted on screen at the last render; what a page move moves by.
    public var visibleRows: Int

    public init(selected: Int? = 0, offset: Int = 0, visibleRows: Int = 1) {
        self.selected = selected
        self.offset = offset
        self.visibleRows = visibleRows
    }

    public mutating func moveUp(rowCount: Int) { move(by: -1, rowCount: rowCount) }
    public mutating func moveDown(rowCount: Int) { move(by: 1, rowCount: rowCount) }
    public mutating func pageUp(rowCount: Int) { move(by: -max(1, visibleRows), rowCount: rowCount) }
    public mutating func pageDown(rowCount: Int) { move(by: max(1, visibleRows), rowCount: rowCount) }

    public mutating func home(rowCount: Int) {
        selected = rowCount > 0 ? 0 : nil
        scrollToSelection(visibleRows: visibleRows, rowCount: rowCount)
    }

    public mutating func end(rowCount: Int) {
        selected = rowCount > 0 ? rowCount - 1 : nil
        scrollToSelection(visibleRows: visibleRows, rowCount: rowCount)
    }

    /// Rows from the selection to `row`: what `move(by:)` takes to select `row` (a click).
    public func distance(to row: Int) -> Int { row - (selected ?? 0) }

    /// Moves the selection by `delta` rows, stopping at the first and last row.
    public mutating func move(by delta: Int, rowCount: Int) {
        guard rowCount > 0 else {
            selected = nil
            offset = 0
            return
        }
        let current = selected ?? (delta > 0 ? -1 : rowCount)
        selected = min(max(0, current + delta), rowCount - 1)
        scrollToSelection(visibleRows: visibleRows, rowCount: rowCount)
    }

    /// Brings the selection and offset back inside a table of `rowCount` rows.
    public mutating func clamp(rowCount: Int) {
        if rowCount <= 0 {
            selected = nil
            offset = 0
        } else if let current = selected {
            selected = min(max(0, current), rowCount - 1)
        }
    }

    /// Adjusts the offset, as little as possible, so the selected row is among the
    /// `visibleRows` shown, and no empty space is left below the last row.
    public mutating func scrollToSelection(visibleRows: Int, rowCount: Int) {
        clamp(rowCount: rowCount)
        self.visibleRows = max(0, visibleRows)
        guard visibleRows > 0 else { return }
        offset = min(max(0, offset), max(0, rowCount - visibleRows))
        if let selected {
            if selected < offset { offset = selected }
            if selected >= offset + visibleRows { offset = selected - visibleRows + 1 }
        }
    }
}
