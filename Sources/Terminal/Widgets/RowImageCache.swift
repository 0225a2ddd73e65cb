/// Row images (`Table.rowImage`) kept by what the row shows, so that a table whose model changes
/// often (the EC2 list at speed 10 changes ten times a second) lays out again only the rows whose
/// cells changed. Formatting a row's cells is cheap next to fitting and drawing them, and most
/// rows of a live table read the same from one second to the next.
///
/// An image depends on the row's cells and on the table's shape (columns, spacing, row and
/// highlight styles, width, and what the highlight marks); a change of shape forgets every image.
/// The cache is a value owned by a view and filled in its layout step, never while rendering.
public struct RowImageCache {
    /// Everything an image depends on besides the row's own cells.
    struct Shape: Equatable {
        var columns: [TableColumn]
        var spacing: Int
        var rowStyle: Style
        var highlightStyle: Style?
        var highlightKey: String
        var width: Int
    }

    private var shape: Shape?
    private var placements: [ColumnPlacement] = []
    /// Images drawn or reused since the last `begin`, by the cells they show.
    private var current: [[TableCell]: [Cell]] = [:]
    /// The generation before: still reusable, dropped at the next `begin`.
    private var previous: [[TableCell]: [Cell]] = [:]
    /// Rows laid out (not found in the cache) since the last `begin` or `recount`: what the
    /// cache saves is every row prepared beyond these.
    public private(set) var laidOut = 0

    /// Images kept at most in one generation, so paging through a long list with the clock
    /// paused does not keep every row it passed.
    public var capacity = 512

    public init() {}

    /// Starts a new generation for `table` drawn `width` wide: images not asked for since the
    /// previous `begin` go. `highlightKey` names what `table.highlight` marks (the filter's
    /// text), since a closure cannot be compared; a different shape forgets every image.
    public mutating func begin(_ table: Table, width: Int, highlightKey: String) {
        let shape = Shape(columns: table.columns, spacing: table.columnSpacing, rowStyle: table.rowStyle,
                          highlightStyle: table.highlight == nil ? nil : table.highlightStyle, highlightKey: highlightKey, width: width)
        if shape != self.shape {
            self.shape = shape
            placements = TableColumn.place(table.columns, in: width, spacing: table.columnSpacing)
            current = [:]
            previous = [:]
        } else {
            previous = current
            current = [:]
        }
        laidOut = 0
    }

    /// Counts laid-out rows from zero again, keeping the generation: a view that redraws a few
    /// rows of an unchanged table (one uptime turned over) asks only for those.
    public mutating func recount() {
        laidOut = 0
    }

    /// The image of row `index` of `table`: reused when a row with the same cells was drawn in
    /// this generation or the one before, drawn otherwise. `table` must have the shape given to
    /// `begin`.
    public mutating func image(row index: Int, of table: Table) -> [Cell] {
        image(of: table.row(index), in: table)
    }

    /// The image of a row of `table` showing `cells`, for a caller that already has them (or
    /// changed one of them): reused or drawn as `image(row:of:)` does.
    public mutating func image(of cells: [TableCell], in table: Table) -> [Cell] {
        if let image = current[cells] { return image }
        if let image = previous.removeValue(forKey: cells) {
            current[cells] = image
            return image
        }
        let image = table.rowImage(of: cells, width: shape?.width ?? 0, placements: placements)
        laidOut += 1
        if current.count >= capacity {
            previous = current
            current = [:]
        }
        current[cells] = image
        return image
    }
}
