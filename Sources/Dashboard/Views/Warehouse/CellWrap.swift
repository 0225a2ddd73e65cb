import Terminal

/// Wraps one cell of a one-column result (an `EXPLAIN` plan, a `version()` banner) to the
/// console's width, so no line is cut: a plan step's costs sit at the end of its line, exactly
/// where a cut would fall.
enum CellWrap {
    /// `text` as rows of at most `width` columns, broken at spaces where a word fits, mid-word
    /// where it does not. Rows after the first are indented past the line's own indentation, so
    /// a plan's tree stays readable.
    static func rows(_ text: String, width: Int) -> [String] {
        guard width > 0, TextWidth.of(text) > width else { return [text] }
        let indent = text.prefix { $0 == " " }.count
        let continuation = String(repeating: " ", count: min(indent + 4, width / 2))
        var rows: [String] = []
        var row = ""
        var rowWidth = 0
        func finish() {
            var trimmed = row
            while trimmed.last == " " { trimmed.removeLast() }
            rows.append(trimmed)
            row = continuation
            rowWidth = TextWidth.of(continuation)
        }
        // Words keep the space before them, so rejoining them gives the text back.
        var words: [String] = []
        var word = ""
        for ch in text {
            if ch == " ", !word.isEmpty, word.contains(where: { $0 != " " }) { words.append(word); word = "" }
            word.append(ch)
        }
        if !word.isEmpty { words.append(word) }
        for w in words {
            var piece = w
            // A word that starts a continuation row drops its leading space: the indent stands for it.
            if rowWidth == TextWidth.of(continuation), !rows.isEmpty { piece = String(piece.drop { $0 == " " }) }
            let pieceWidth = TextWidth.of(piece)
            if rowWidth + pieceWidth <= width {
                row += piece
                rowWidth += pieceWidth
                continue
            }
            if rowWidth > (rows.isEmpty ? 0 : TextWidth.of(continuation)) {
                finish()
                piece = String(piece.drop { $0 == " " })
            }
            // What still does not fit is cut at the width, character by character.
            for ch in piece {
                let cw = TextWidth.of(ch)
                if rowWidth + cw > width { finish() }
                row.append(ch)
                rowWidth += cw
            }
        }
        if rowWidth > TextWidth.of(continuation) || rows.isEmpty { rows.append(row) }
        return rows
    }
}
