/// A grid of cells that one frame is rendered into.
///
/// Widgets draw into a `Buffer` and never into the terminal: the `Renderer` diffs it against the
/// previous frame and sends only changed cells to the backend. Every write is clipped to the
/// grid, so a widget given a rect that overhangs the screen loses the overhang instead of
/// crashing, and the wide-character invariant (a wide grapheme is always followed by exactly
/// one continuation cell) holds after any sequence of writes.
public struct Buffer: Equatable, Sendable {
    public private(set) var size: Size
    /// Row-major cells, `size.width * size.height` of them.
    public private(set) var cells: [Cell]

    public init(size: Size, filler: Cell = .blank) {
        let clamped = Size(width: max(0, size.width), height: max(0, size.height))
        self.size = clamped
        self.cells = Array(repeating: filler, count: clamped.width * clamped.height)
    }

    public init(width: Int, height: Int) {
        self.init(size: Size(width: width, height: height))
    }

    /// The whole buffer as a rect, for laying out the top-level widgets.
    public var area: Rect { Rect(size: size) }

    // MARK: - Reading

    /// The cell at a position, or nil outside the grid.
    public func cell(at point: Point) -> Cell? {
        guard let index = index(point.x, point.y) else { return nil }
        return cells[index]
    }

    /// The cell at a position; a blank cell outside the grid.
    public subscript(x: Int, y: Int) -> Cell {
        guard let index = index(x, y) else { return .blank }
        return cells[index]
    }

    /// The text of each row, continuation cells omitted and trailing spaces kept, so every line
    /// is exactly as wide as the buffer. Tests compare these against golden text.
    public var lines: [String] {
        (0..<size.height).map { y in
            var line = ""
            for cell in cells[(y * size.width)..<((y + 1) * size.width)] where !cell.isContinuation {
                line.append(cell.symbol)
            }
            return line
        }
    }

    // MARK: - Writing cells

    /// Puts one cell; ignored outside the grid.
    ///
    /// A wide symbol also claims the cell to its right; one that would hang off the right edge
    /// becomes a space. Overwriting either half of an existing wide character blanks its other
    /// half so no orphaned half is ever drawn.
    public mutating func set(_ x: Int, _ y: Int, _ cell: Cell) {
        guard let index = index(x, y) else { return }
        if cell.isContinuation {
            // A bare continuation only makes sense right after a wide head; anywhere else it
            // would hide a column, so it is stored as a blank.
            let head = x > 0 ? cells[index - 1] : nil
            if let head, head.width == 2 {
                cells[index] = Cell(" ", style: head.style, isContinuation: true)
            } else {
                release(index, x: x)
                cells[index] = Cell(" ", style: cell.style)
            }
            return
        }
        let width = cell.width
        if width == 2 {
            guard x + 1 < size.width else {
                release(index, x: x)
                cells[index] = Cell(" ", style: cell.style)
                return
            }
            release(index, x: x)
            release(index + 1, x: x + 1)
            cells[index] = cell
            cells[index + 1] = Cell(" ", style: cell.style, isContinuation: true)
        } else {
            release(index, x: x)
            cells[index] = width == 0 ? Cell(" ", style: cell.style) : cell
        }
    }

    /// Puts one cell at a point; see `set(_:_:_:)`.
    public mutating func set(_ point: Point, _ cell: Cell) {
        set(point.x, point.y, cell)
    }

    /// Writes `string` from `point` rightwards and returns the number of columns it advanced.
    ///
    /// Stops at `maxWidth` cells or the right edge, whichever comes first. Zero-width characters
    /// (controls, stray combining marks) are skipped. A wide character that does not fit in what
    /// is left becomes a space, so a column boundary never splits one.
    @discardableResult
    public mutating func write(_ string: String, at point: Point, style: Style = .plain, maxWidth: Int? = nil) -> Int {
        guard point.y >= 0, point.y < size.height else { return 0 }
        let limit = min(maxWidth ?? Int.max, size.width - point.x)
        guard limit > 0 else { return 0 }
        if Self.isPrintableASCII(string) { return writeASCII(string, at: point, style: style, limit: limit) }
        if TextWidth.standsAlone(string) {
            let graphemes = string.unicodeScalars.lazy.map { (width: TextWidth.of($0), code: $0.value) }
            return write(graphemes: graphemes, at: point, style: style, limit: limit)
        }
        let graphemes = string.lazy.map { (width: TextWidth.of($0), code: GraphemeCode.encode($0)) }
        return write(graphemes: graphemes, at: point, style: style, limit: limit)
    }

    /// Writes graphemes given as their width and code, cut at `limit` columns.
    @inline(__always)
    private mutating func write<S: Sequence>(graphemes: S, at point: Point, style: Style, limit: Int) -> Int
    where S.Element == (width: Int, code: UInt32) {
        var column = 0
        for (width, code) in graphemes {
            if width == 0 { continue }
            if column + width > limit {
                if column < limit { put(code: 0x20, width: 1, column: point.x + column, y: point.y, style: style) }
                column += limit - column
                break
            }
            put(code: code, width: width, column: point.x + column, y: point.y, style: style)
            column += width
        }
        return column
    }

    /// Whether every byte is printable ASCII: one byte, one grapheme, one cell.
    @inline(__always)
    static func isPrintableASCII(_ string: String) -> Bool {
        string.utf8.allSatisfy { $0 &- 0x20 < 0x5F }
    }

    /// Printable ASCII needs no grapheme breaking or width lookup: most of every frame (numbers,
    /// ids, names) is written this way, a byte to a cell.
    private mutating func writeASCII(_ string: String, at point: Point, style: Style, limit: Int) -> Int {
        let row = point.y * size.width
        var x = point.x
        var written = 0
        for byte in string.utf8 {
            if written == limit { break }
            if x >= 0 {
                release(row + x, x: x)
                cells[row + x] = Cell(code: UInt32(byte), style: style)
            }
            x += 1
            written += 1
        }
        return written
    }

    /// Writes styled spans one after another; returns the columns advanced.
    @discardableResult
    public mutating func write(_ line: Line, at point: Point, maxWidth: Int? = nil, base: Style = .plain) -> Int {
        var column = 0
        let limit = maxWidth ?? Int.max
        for span in line.spans where column < limit {
            column += write(span.text, at: Point(x: point.x + column, y: point.y), style: span.style.over(base), maxWidth: limit - column)
        }
        return column
    }

    // MARK: - Areas

    /// Fills every cell of `rect` (clipped to the grid) with `cell`.
    public mutating func fill(_ rect: Rect, with cell: Cell = .blank) {
        let clip = rect.intersection(area)
        guard !clip.isEmpty else { return }
        guard !cell.isContinuation, cell.width == 1 else {
            for y in clip.y..<clip.bottom {
                for x in clip.x..<clip.right { set(x, y, cell) }
            }
            return
        }
        // A narrow cell: only wide characters cut by the edges need their other half blanked;
        // everything inside is simply overwritten.
        for y in clip.y..<clip.bottom {
            let row = y * size.width
            release(row + clip.x, x: clip.x)
            release(row + clip.right - 1, x: clip.right - 1)
        }
        // Every frame starts with a fill of the whole screen: a plain store per cell, no
        // per-element checks.
        let width = size.width
        cells.withUnsafeMutableBufferPointer { all in
            for y in clip.y..<clip.bottom {
                (all.baseAddress! + y * width + clip.x).update(repeating: cell, count: clip.width)
            }
        }
    }

    /// Copies a run of cells taken from another buffer's row (so wide characters in it are
    /// whole) to `point`, clipped to the grid; wide characters of this buffer cut by its ends
    /// lose their other half.
    public mutating func copy(_ run: [Cell], to point: Point) {
        guard point.y >= 0, point.y < size.height, !run.isEmpty else { return }
        let start = max(0, point.x), end = min(size.width, point.x + run.count)
        guard start < end else { return }
        let row = point.y * size.width
        release(row + start, x: start)
        release(row + end - 1, x: end - 1)
        for x in start..<end { cells[row + x] = run[x - point.x] }
        // A run cut on the left may start with the right half of a wide character.
        if cells[row + start].isContinuation { cells[row + start] = Cell(" ", style: cells[row + start].style) }
        // A run cut on the right may end with a wide head whose other half was cut off.
        if end - point.x < run.count, run[end - point.x].isContinuation {
            cells[row + end - 1] = Cell(" ", style: cells[row + end - 1].style)
        }
    }

    /// Replaces the style of every cell in `rect`, keeping the symbols: the selection highlight.
    public mutating func setStyle(_ rect: Rect, _ style: Style) {
        modifyStyle(rect) { $0 = style }
    }

    /// Changes the style of every cell in `rect` in place, for highlights that keep colours.
    public mutating func modifyStyle(_ rect: Rect, _ change: (inout Style) -> Void) {
        let clip = rect.intersection(area)
        guard !clip.isEmpty else { return }
        for y in clip.y..<clip.bottom {
            for x in clip.x..<clip.right { change(&cells[y * size.width + x].style) }
        }
    }

    /// Blanks the whole buffer, keeping its size.
    public mutating func reset() {
        cells.withUnsafeMutableBufferPointer { $0.update(repeating: .blank) }
    }

    // MARK: - Internals

    func index(_ x: Int, _ y: Int) -> Int? {
        guard x >= 0, y >= 0, x < size.width, y < size.height else { return nil }
        return y * size.width + x
    }

    /// Writes a character at a column that may lie left of the grid; a wide one straddling the
    /// left edge leaves a space in the first visible column.
    private mutating func put(code: UInt32, width: Int, column x: Int, y: Int, style: Style) {
        if x >= 0 {
            set(x, y, Cell(code: code, style: style))
        } else if x == -1, width == 2 {
            set(0, y, Cell(" ", style: style))
        }
    }

    /// Blanks the other half of a wide character when one half at `index` is about to change.
    ///
    /// A continuation cell only ever follows a wide head (see `set`), so a cell is a wide head
    /// exactly when the next one is a continuation: no width lookup is needed.
    @inline(__always)
    private mutating func release(_ index: Int, x: Int) {
        if cells[index].isContinuation {
            if x > 0 { cells[index - 1] = Cell(" ", style: cells[index - 1].style) }
        } else if x + 1 < size.width, cells[index + 1].isContinuation {
            cells[index + 1] = Cell(" ", style: cells[index + 1].style)
        }
    }
}
