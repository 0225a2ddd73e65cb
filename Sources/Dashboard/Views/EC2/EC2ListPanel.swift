import Estate
import Terminal

/// The EC2 view's model: the instances to list, already filtered and sorted.
public struct EC2ViewModel {
    public var instances: [Instance]
    public var totalCount: Int
    public var now: SimInstant
    public var sortColumn: InstanceRow.Column
    public var sortOrder: SortOrder
    public var filter: String
    /// The filter as parsed, for the highlights.
    public var matcher: TextFilter = .none
}

/// The instance table, k9s-style: a titled box with the count, sortable columns, state colours.
enum EC2ListPanel {
    /// Rows drawn ahead of time (`Table.rowImage`) for the rows on screen, valid for one model
    /// stamp and one table width. The model changes with every virtual second (ten times a
    /// second at speed 10), yet most rows read the same: a new stamp formats the rows on screen
    /// again but lays out only those whose cells changed (`RowImageCache`).
    struct RowCells {
        var stamp = -1
        var width = -1
        var rows: [Int: [Cell]] = [:]
        var cache = RowImageCache()
        /// The theme the rows were drawn in: a `:theme` switch changes no model, yet every row.
        /// (Compared cheaply: a dictionary compares equal to itself without looking inside.)
        var styles: [String: Style] = [:]

        /// Draws the rows `list` shows that are not drawn for this stamp yet, and forgets the others.
        mutating func prepare(_ m: EC2ViewModel, stamp: Int, list: ListLayout, theme: Theme) {
            let width = list.body.width
            let first = list.table.offset, last = max(first, min(m.instances.count, first + list.body.height))
            let newModel = stamp != self.stamp || width != self.width || theme.styles != styles
            // Most frames: same model, same rows (the selection moved, or nothing did).
            if !newModel, rows.count == last - first, (first..<last).allSatisfy({ rows[$0] != nil }) { return }
            if newModel { rows = [:] } else { rows = rows.filter { (first..<last).contains($0.key) } }
            self.stamp = stamp
            self.width = width
            styles = theme.styles
            guard first < last, width > 0 else { return }
            let table = EC2ListPanel.table(m, theme: theme, width: width)
            // A new generation per model: rows scrolled into view under the same model join the current one.
            if newModel { cache.begin(table, width: width, highlightKey: m.filter) }
            for index in first..<last where rows[index] == nil {
                rows[index] = cache.image(row: index, of: table)
            }
        }

        /// Whether these rows were drawn for the model `stamp` names, `width` wide, in `theme`.
        func fit(stamp: Int, width: Int, theme: Theme) -> Bool {
            self.stamp == stamp && self.width == width && styles == theme.styles
        }
    }

    /// The CPU column's width in a table `tableWidth` wide: its sparkline takes what it is given.
    static func cpuWidth(tableWidth: Int) -> Int {
        let placements = TableColumn.place(InstanceRow.columns, in: tableWidth, spacing: 1)
        let cpuIndex = InstanceRow.displayOrder.firstIndex(of: .cpu)!
        return placements.first { $0.column == cpuIndex }?.width ?? 0
    }

    static func render(_ m: EC2ViewModel, table state: TableState, cells: RowCells = RowCells(), stamp: Int = -2, theme: Theme,
                       into buffer: inout Buffer, area: Rect) {
        let inner = Chrome.listPanel("EC2 instances", shown: m.instances.count, total: m.totalCount, filter: m.filter,
                                     theme: theme, into: &buffer, area: area)
        guard !inner.isEmpty else { return }
        if m.instances.isEmpty {
            let hint = m.filter.isEmpty ? "No instances. Press l to launch one." : "No instance matches /\(m.filter). Esc clears the filter."
            buffer.write(hint, at: Point(x: inner.x + 1, y: inner.y + min(1, inner.height - 1)), style: theme["dim"], maxWidth: inner.width - 1)
            return
        }
        var table = Self.table(m, theme: theme, width: inner.width)
        // Rows drawn in the layout step are used only if drawn for this model and width.
        if cells.fit(stamp: stamp, width: inner.width, theme: theme) { table.rowImages = cells.rows }
        table.render(into: &buffer, area: inner, state: state)
    }

    /// The instance table for a width (the CPU sparkline takes what its column gets).
    static func table(_ m: EC2ViewModel, theme: Theme, width: Int) -> Table {
        let cpuWidth = Self.cpuWidth(tableWidth: width)
        let sortIndex = InstanceRow.displayOrder.firstIndex(of: m.sortColumn)!
        var table = Table(columns: InstanceRow.columns, rowCount: m.instances.count, sort: (sortIndex, m.sortOrder),
                          headerStyle: theme["table.header"], selectionStyle: theme["selection"]) { index in
            InstanceRow.cells(m.instances[index], now: m.now, theme: theme, cpuWidth: cpuWidth)
        }
        table.columnSpacing = 1
        table.highlight(m.matcher, theme: theme)
        return table
    }
}
