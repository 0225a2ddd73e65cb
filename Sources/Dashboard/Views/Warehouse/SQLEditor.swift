import Terminal

/// The console's multi-line text: lines of characters and a cursor, edited key by key.
///
/// Positions count characters (graphemes), as the warehouse's error positions do, so an error at
/// character 17 of the statement lands on the character the user typed there.
public struct SQLEditor: Equatable, Sendable {
    public private(set) var lines: [[Character]] = [[]]
    public private(set) var row = 0
    public private(set) var column = 0

    public init(_ text: String = "") { setText(text) }

    public var text: String { lines.map { String($0) }.joined(separator: "\n") }
    public var isEmpty: Bool { lines.count == 1 && lines[0].isEmpty }
    var isOnFirstLine: Bool { row == 0 }
    var isOnLastLine: Bool { row == lines.count - 1 }

    /// Replaces the text; the cursor goes to its end.
    public mutating func setText(_ text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
        if lines.isEmpty { lines = [[]] }
        row = lines.count - 1
        column = lines[row].count
    }

    public mutating func insert(_ character: Character) {
        if character == "\n" { return newline() }
        lines[row].insert(character, at: column)
        column += 1
    }

    public mutating func insert(_ text: String) {
        for c in text { insert(c) }
    }

    public mutating func newline() {
        let rest = Array(lines[row][column...])
        lines[row].removeSubrange(column...)
        lines.insert(rest, at: row + 1)
        row += 1
        column = 0
    }

    /// Deletes the character before the cursor, joining lines at a line's start.
    public mutating func backspace() {
        if column > 0 {
            lines[row].remove(at: column - 1)
            column -= 1
        } else if row > 0 {
            let joined = lines.remove(at: row)
            row -= 1
            column = lines[row].count
            lines[row] += joined
        }
    }

    public mutating func deleteForward() {
        if column < lines[row].count {
            lines[row].remove(at: column)
        } else if row + 1 < lines.count {
            lines[row] += lines.remove(at: row + 1)
        }
    }

    public mutating func moveLeft() {
        if column > 0 { column -= 1 } else if row > 0 { row -= 1; column = lines[row].count }
    }

    public mutating func moveRight() {
        if column < lines[row].count { column += 1 } else if row + 1 < lines.count { row += 1; column = 0 }
    }

    public mutating func moveUp() {
        guard row > 0 else { return }
        row -= 1
        column = min(column, lines[row].count)
    }

    public mutating func moveDown() {
        guard row + 1 < lines.count else { return }
        row += 1
        column = min(column, lines[row].count)
    }

    public mutating func home() { column = 0 }
    public mutating func end() { column = lines[row].count }

    /// The 1-based character position in `text` as (line, column), both 0-based; the end of the
    /// text when the position is past it.
    public func place(ofPosition position: Int) -> (line: Int, column: Int) {
        var remaining = max(0, position - 1)
        for (i, line) in lines.enumerated() {
            if remaining <= line.count { return (i, remaining) }
            remaining -= line.count + 1
        }
        return (lines.count - 1, lines[lines.count - 1].count)
    }

    /// The word being typed before the cursor: letters, digits, `_`, `$` and `.`.
    public var wordBeforeCursor: String {
        var start = column
        let line = lines[row]
        while start > 0, Self.isWordCharacter(line[start - 1]) { start -= 1 }
        return String(line[start..<column])
    }

    static func isWordCharacter(_ c: Character) -> Bool {
        c.isLetter || c.isNumber || c == "_" || c == "$" || c == "."
    }
}
