import CNCurses
import Terminal

extension CursesTerminal {
    /// Writes each changed cell with the wide-character API.
    ///
    /// Cells off screen are dropped (the app may still hold a frame of the old size right after a
    /// resize), continuation cells are skipped because curses fills them when it draws the wide
    /// character to their left, and the ERR curses returns after writing the bottom-right cell
    /// (it cannot advance the cursor past it) is ignored: the cell is written all the same.
    public func draw(_ changes: [(Point, Cell)]) {
        let width = Int(cnc_COLS()), height = Int(cnc_LINES())
        for (point, cell) in changes where !cell.isContinuation {
            guard point.x >= 0, point.y >= 0, point.x < width, point.y < height else { continue }
            if cell.style != currentStyle {
                currentStyle = cell.style
                currentRendition = styles.rendition(for: cell.style)
            }
            var text = Self.wideCharacters(cell.symbol)
            // A double-width character in the last column would wrap onto the next line.
            if point.x == width - 1, cnc_wcwidth(text[0]) > 1 { text = [0x20, 0] }
            _ = cnc_put_cell(
                Int32(point.y), Int32(point.x), text, currentRendition.attributes, currentRendition.pair
            )
        }
    }

    /// The grapheme as a NUL-terminated `wchar_t` string curses accepts in one cell.
    ///
    /// A `Character` may be several scalars (a letter and combining accents, an emoji sequence);
    /// a cell holds at most `CCHARW_MAX` (5) of them, the first of which must be printable. Control
    /// characters would move the cursor, so they become "?" rather than shifting the whole row.
    static func wideCharacters(_ symbol: Character) -> [wchar_t] {
        var scalars = symbol.unicodeScalars.prefix(4).map { wchar_t(bitPattern: $0.value) }
        if let first = scalars.first, cnc_wcwidth(first) < 0 || first < 0x20 {
            scalars = [0x3F]
        } else if scalars.isEmpty {
            scalars = [0x20]
        }
        return scalars + [0]
    }
}
