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
    /// stamp, one table width and the clock `now`. The model is rebuilt only when EC2 changes
    /// (at the default estate's pace, a metrics sample every virtual minute), yet the clock's
    /// second moves ten times a wall second at speed 10: between rebuilds only uptimes follow the
    /// clock, and they count minutes after their first one. So each row remembers until when its
    /// text holds, and a new second redraws only the rows whose uptime turned over, with the
    /// one cell replaced; a new model formats the rows on screen again but lays out only those
    /// whose cells changed (`RowImageCache`).
    struct RowCells {
        /// One row on screen: the cells it shows and until when (exclusive) they read so.
        struct Held {
            var cells: [TableCell]
            var until: SimInstant
        }

        var stamp = -1
        var width = -1
        /// The clock the rows were drawn for; nil before the first.
        var now: SimInstant?
        var rows: [Int: [Cell]] = [:]
        var held: [Int: Held] = [:]
        /// The column titles with the sort's arrow, drawn once per model.
        var header: [Cell]?
        var cache = RowImageCache()
        /// The theme the rows were drawn in: a `:theme` switch changes no model, yet every row.
        /// (Compared cheaply: a dictionary compares equal to itself without looking inside.)
        var styles: [String: Style] = [:]

        /// Draws the rows `list` shows that are not drawn for this stamp and clock yet, and
        /// forgets the others.
        mutating func prepare(_ m: EC2ViewModel, stamp: Int, list: ListLayout, theme: Theme) {
            let width = list.body.width
            let first = list.table.offset, last = max(first, min(m.instances.count, first + list.body.height))
            let newModel = stamp != self.stamp || width != self.width || theme.styles != styles
            if newModel {
                rows = [:]
                held = [:]
                header = nil
            } else {
                if rows.count != last - first || rows.keys.contains(where: { !(first..<last).contains($0) }) {
                    rows = rows.filter { (first..<last).contains($0.key) }
                    held = held.filter { (first..<last).contains($0.key) }
                }
                // Most frames: same model, same rows, and no uptime on screen turned over.
                if rows.count == last - first, !held.values.contains(where: { $0.until <= m.now }) {
                    now = m.now
                    cache.recount()
                    return
                }
            }
            self.stamp = stamp
            self.width = width
            now = m.now
            styles = theme.styles
            guard width > 0, !m.instances.isEmpty else { return }
            let table = EC2ListPanel.table(m, theme: theme, width: width)
            if newModel { header = table.headerImage(width: width) }
            guard first < last else { return }
            // A new generation per model: rows redrawn under the same model join the current one.
            if newModel { cache.begin(table, width: width, highlightKey: m.filter) } else { cache.recount() }
            for index in first..<last {
                let instance = m.instances[index]
                let cells: [TableCell]
                if var kept = held[index] {
                    guard kept.until <= m.now else { continue }
                    // Only the uptime follows the clock: the sparkline and the rest stay as formatted.
                    kept.cells[InstanceRow.uptimeIndex] = InstanceRow.uptimeCell(instance, now: m.now)
                    cells = kept.cells
                } else {
                    cells = table.row(index)
                }
                held[index] = Held(cells: cells, until: InstanceRow.cellsHold(instance, from: m.now))
                rows[index] = cache.image(of: cells, in: table)
            }
        }

        /// Whether these rows were drawn for the model `stamp` names at clock `now`, `width`
        /// wide, in `theme`.
        func fit(stamp: Int, now: SimInstant, width: Int, theme: Theme) -> Bool {
            self.stamp == stamp && self.now == now && self.width == width && styles == theme.styles
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
        if cells.fit(stamp: stamp, now: m.now, width: inner.width, theme: theme) {
            table.rowImages = cells.rows
            table.headerImage = cells.header
        }
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
