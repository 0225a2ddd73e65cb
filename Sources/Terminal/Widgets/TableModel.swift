/// One cell of a table row: its text and, optionally, its own style (e.g. a state colour).
public struct TableCell: Hashable, Sendable, ExpressibleByStringInterpolation {
    public var text: String
    /// Nil draws the cell in the table's row style.
    public var style: Style?

    public init(_ text: String, style: Style? = nil) {
        self.text = text
        self.style = style
    }

    public init(stringLiteral value: String) {
        self.init(value)
    }
}

/// How wide a column wants to be.
public enum ColumnWidth: Hashable, Sendable {
    /// Exactly `n` cells.
    case fixed(Int)
    /// At least `min` cells; spare room is shared among flex columns by `weight`.
    case flex(min: Int, weight: Int)
    /// `p` percent of the table width.
    case percent(Int)

    /// A flex column of weight 1.
    public static func flex(min: Int) -> ColumnWidth { .flex(min: min, weight: 1) }
}

/// A table column: header title, width rule and alignment of its cells.
public struct TableColumn: Hashable, Sendable {
    public var title: String
    public var width: ColumnWidth
    public var alignment: Alignment

    public init(_ title: String, width: ColumnWidth, alignment: Alignment = .left) {
        self.title = title
        self.width = width
        self.alignment = alignment
    }
}

/// Which way a column is sorted; shown as `▲` or `▼` after its header.
public enum SortOrder: Hashable, Sendable {
    case ascending, descending

    public var indicator: Character { self == .ascending ? "▲" : "▼" }

    public var reversed: SortOrder { self == .ascending ? .descending : .ascending }
}

/// Where each visible column goes, computed once per frame from the width available.
public struct ColumnPlacement: Hashable, Sendable {
    /// Index into `Table.columns`.
    public var column: Int
    public var x: Int
    public var width: Int
}

extension TableColumn {
    /// Lays out columns across `width` cells with `spacing` between them.
    ///
    /// Flex columns shrink to their minimum first; when even the minimums do not fit, columns
    /// are dropped from the right, because the leftmost columns (name, id) identify the row and
    /// must survive. The first column is always kept, cut to the width if need be. Room freed
    /// by dropping goes to flex columns, or to the last visible column when there are none.
    public static func place(_ columns: [TableColumn], in width: Int, spacing: Int) -> [ColumnPlacement] {
        guard width > 0, !columns.isEmpty else { return [] }
        let gap = max(0, spacing)
        let minimums = columns.map { column -> Int in
            switch column.width {
            case .fixed(let n): return max(0, n)
            case .flex(let n, _): return max(0, n)
            case .percent(let p): return width * min(max(0, p), 100) / 100
            }
        }
        var count = 0
        var used = 0
        for minimum in minimums {
            let next = used + (count > 0 ? gap : 0) + minimum
            if next > width { break }
            used = next
            count += 1
        }
        guard count > 0 else { return [ColumnPlacement(column: 0, x: 0, width: width)] }
        var widths = Array(minimums[0..<count])
        let spare = width - used
        let weights = columns[0..<count].map { column -> Int in
            if case .flex(_, let weight) = column.width { return max(0, weight) }
            return 0
        }
        let totalWeight = weights.reduce(0, +)
        if spare > 0 {
            if totalWeight > 0 {
                var given = 0
                for index in widths.indices where weights[index] > 0 {
                    let share = spare * weights[index] / totalWeight
                    widths[index] += share
                    given += share
                }
                // Rounding leftovers go to the last flex column so the table spans the width.
                if let last = weights.lastIndex(where: { $0 > 0 }) { widths[last] += spare - given }
            } else if count < columns.count {
                widths[count - 1] += spare
            }
        }
        var placements: [ColumnPlacement] = []
        var x = 0
        for index in 0..<count {
            placements.append(ColumnPlacement(column: index, x: x, width: widths[index]))
            x += widths[index] + gap
        }
        return placements
    }
}
