/// A scrolling table with a bold header, a highlighted selected row and a sort indicator.
///
/// Rows are read through `row(at:)` only for the rows on screen, so a table over 10,000
/// instances costs what one over 40 does; the model never has to build the full list of cells.
/// Column widths follow `TableColumn.place`.
public struct Table {
    public var columns: [TableColumn]
    public var rowCount: Int
    /// The cells of row `index`, for `0..<rowCount`; missing trailing cells are drawn empty.
    public var row: (Int) -> [TableCell]
    /// The sorted column and its direction, shown in the header.
    public var sort: (column: Int, order: SortOrder)?
    public var headerStyle: Style
    public var rowStyle: Style
    /// Applied over the whole selected row, replacing cell colours so the bar reads as one.
    public var selectionStyle: Style
    public var showsHeader: Bool
    /// Empty cells between columns.
    public var columnSpacing: Int
    /// Rows drawn ahead of time by `rowImage(_:width:)`, by index: a row whose image is as wide as
    /// the table is copied instead of formatted and drawn again. Lets a view prepare the rows on
    /// screen once (in its layout step) and redraw them for free while only the selection moves.
    public var rowImages: [Int: [Cell]] = [:]
    /// The header drawn ahead of time by `headerImage(width:)`: copied instead of drawn when it
    /// is as wide as the table. It changes only with the columns, the sort and the width.
    public var headerImage: [Cell]?
    /// The parts of a cell's text to mark (a filter's matches), drawn in `highlightStyle` over the cell's own.
    public var highlight: ((String) -> [Range<String.Index>])?
    public var highlightStyle = Style(attributes: .underline)

    public init(
        columns: [TableColumn],
        rowCount: Int,
        sort: (column: Int, order: SortOrder)? = nil,
        headerStyle: Style = Style(attributes: .bold),
        rowStyle: Style = .plain,
        selectionStyle: Style = Style(attributes: .reverse),
        showsHeader: Bool = true,
        columnSpacing: Int = 1,
        row: @escaping (Int) -> [TableCell]
    ) {
        self.columns = columns
        self.rowCount = max(0, rowCount)
        self.row = row
        self.sort = sort
        self.headerStyle = headerStyle
        self.rowStyle = rowStyle
        self.selectionStyle = selectionStyle
        self.showsHeader = showsHeader
        self.columnSpacing = columnSpacing
    }

    /// A table over a random-access collection of rows (an array, or a lazy map over the model).
    public init<Rows: RandomAccessCollection>(
        columns: [TableColumn], rows: Rows, sort: (column: Int, order: SortOrder)? = nil
    ) where Rows.Element == [TableCell] {
        self.init(columns: columns, rowCount: rows.count, sort: sort) { index in
            rows[rows.index(rows.startIndex, offsetBy: index)]
        }
    }

    /// Rows of body that fit in `area` below the header.
    public func visibleRows(in area: Rect) -> Int {
        max(0, area.height - (showsHeader ? 1 : 0))
    }

    /// Draws the table as `state` would be scrolled to show its selection, changing nothing:
    /// the form views use, whose scroll positions are kept by a layout step before drawing.
    public func render(into buffer: inout Buffer, area: Rect, state: TableState) {
        var scrolled = state
        render(into: &buffer, area: area, state: &scrolled)
    }

    /// Draws the table and scrolls `state` so that its selection is visible.
    public func render(into buffer: inout Buffer, area: Rect, state: inout TableState) {
        let area = area.intersection(buffer.area)
        let bodyHeight = visibleRows(in: area)
        state.scrollToSelection(visibleRows: bodyHeight, rowCount: rowCount)
        guard !area.isEmpty else { return }
        let placements = TableColumn.place(columns, in: area.width, spacing: columnSpacing)
        var y = area.y
        if showsHeader {
            if let headerImage, headerImage.count == area.width {
                buffer.copy(headerImage, to: area.origin)
            } else {
                renderHeader(into: &buffer, area: area.row(0), placements: placements)
            }
            y += 1
        }
        let first = state.offset
        let last = min(rowCount, first + bodyHeight)
        guard first < last else { return }
        for index in first..<last {
            let rowArea = Rect(x: area.x, y: y, width: area.width, height: 1)
            if let image = rowImages[index], image.count == area.width {
                buffer.copy(image, to: rowArea.origin)
            } else {
                drawRow(row(index), into: &buffer, area: rowArea, placements: placements)
            }
            if index == state.selected {
                buffer.setStyle(rowArea, selectionStyle)
                // The selected row is often the one match: keep its matches visible on the bar.
                drawHighlights(row(index), into: &buffer, area: rowArea, placements: placements)
            }
            y += 1
        }
    }

    /// The header row drawn alone, `width` cells wide: what `render` would draw for it, to keep
    /// in `headerImage`.
    public func headerImage(width: Int) -> [Cell] {
        var line = Buffer(width: width, height: 1)
        renderHeader(into: &line, area: line.area, placements: TableColumn.place(columns, in: width, spacing: columnSpacing))
        return line.cells
    }

    /// Row `index` drawn alone in a row `width` cells wide, unselected: what `render` would
    /// draw for it, to keep in `rowImages`.
    public func rowImage(_ index: Int, width: Int) -> [Cell] {
        rowImage(of: row(index), width: width, placements: TableColumn.place(columns, in: width, spacing: columnSpacing))
    }

    /// A row showing `cells`, drawn alone and unselected in a row `width` cells wide, with the
    /// columns placed for that width: what `render` draws for a row whose cells these are.
    func rowImage(of cells: [TableCell], width: Int, placements: [ColumnPlacement]) -> [Cell] {
        var line = Buffer(width: width, height: 1)
        drawRow(cells, into: &line, area: line.area, placements: placements)
        return line.cells
    }

    /// Marks the parts of row `index` that `highlight` picks, over what is drawn there.
    private func drawHighlights(_ cells: @autoclosure () -> [TableCell], into buffer: inout Buffer, area rowArea: Rect, placements: [ColumnPlacement]) {
        guard let highlight else { return }
        let cells = cells()
        for placement in placements where placement.column < cells.count {
            let text = TextWidth.fit(cells[placement.column].text, to: placement.width, alignment: columns[placement.column].alignment)
            for range in highlight(text) {
                let x = rowArea.x + placement.x + TextWidth.of(String(text[..<range.lowerBound]))
                let width = min(TextWidth.of(String(text[range])), rowArea.x + placement.x + placement.width - x)
                // Reverse would swap the marking's colours back into the bar's; the mark reads plainly.
                buffer.modifyStyle(Rect(x: x, y: rowArea.y, width: max(0, width), height: 1)) {
                    $0 = Style(foreground: highlightStyle.foreground, background: highlightStyle.background,
                               attributes: highlightStyle.attributes.union($0.attributes).subtracting(.reverse))
                }
            }
        }
    }

    private func drawRow(_ cells: [TableCell], into buffer: inout Buffer, area rowArea: Rect, placements: [ColumnPlacement]) {
        buffer.fill(rowArea, with: Cell(" ", style: rowStyle))
        for placement in placements {
            let cell = placement.column < cells.count ? cells[placement.column] : TableCell("")
            let text = TextWidth.fit(cell.text, to: placement.width, alignment: columns[placement.column].alignment)
            buffer.write(
                text, at: Point(x: rowArea.x + placement.x, y: rowArea.y),
                style: (cell.style ?? .plain).over(rowStyle), maxWidth: placement.width)
        }
        drawHighlights(cells, into: &buffer, area: rowArea, placements: placements)
    }

    private func renderHeader(into buffer: inout Buffer, area: Rect, placements: [ColumnPlacement]) {
        buffer.fill(area, with: Cell(" ", style: headerStyle))
        for placement in placements {
            let column = columns[placement.column]
            var text = column.title
            if let sort, sort.column == placement.column, placement.width > 0 {
                // Cut the title, not the indicator: knowing the sort order matters more than
                // the last letters of a header.
                let title = TextWidth.truncate(column.title, to: placement.width - 1)
                text = title + String(sort.order.indicator)
            }
            let fitted = TextWidth.fit(text, to: placement.width, alignment: column.alignment)
            buffer.write(fitted, at: Point(x: area.x + placement.x, y: area.y), style: headerStyle, maxWidth: placement.width)
        }
    }
}
