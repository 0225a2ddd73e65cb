import Testing
@testable import Terminal

/// Row images kept by their cells: a row whose cells changed is drawn again, every other row is
/// reused, and what is reused is exactly what drawing the row afresh gives.
struct RowImageCacheTests {
    let columns = [
        TableColumn("NAME", width: .flex(min: 4)),
        TableColumn("STATE", width: .fixed(9)),
        TableColumn("UP", width: .fixed(4), alignment: .right),
    ]
    let rows: [[TableCell]] = [
        ["web-1", TableCell("running", style: Style(foreground: .green)), "3m"],
        ["日本-cache", "stopped", "–"],
        ["db", "pending", "0s"],
        ["api-2", TableCell("running", style: Style(foreground: .green)), "12m"],
    ]
    let width = 24

    /// Prepares every row of `table` in a new generation, as a view's layout step does.
    func prepare(_ cache: inout RowImageCache, _ table: Table, width: Int, highlightKey: String = "") -> [[Cell]] {
        cache.begin(table, width: width, highlightKey: highlightKey)
        return (0..<table.rowCount).map { cache.image(row: $0, of: table) }
    }

    func fresh(_ table: Table, width: Int) -> [[Cell]] {
        (0..<table.rowCount).map { table.rowImage($0, width: width) }
    }

    @Test func aChangedCellIsDrawnAgainAndOnlyThatRow() {
        var cache = RowImageCache()
        _ = prepare(&cache, Table(columns: columns, rows: rows), width: width)
        #expect(cache.laidOut == rows.count)

        var changed = rows
        changed[2][1] = TableCell("running", style: Style(foreground: .green))
        let table = Table(columns: columns, rows: changed)
        let images = prepare(&cache, table, width: width)
        #expect(cache.laidOut == 1, "only the row whose cell changed is laid out again")
        #expect(images == fresh(table, width: width), "no row is stale")
        #expect(images[2] != fresh(Table(columns: columns, rows: rows), width: width)[2])
    }

    @Test func aChangeOfStyleAloneIsAChange() {
        var cache = RowImageCache()
        _ = prepare(&cache, Table(columns: columns, rows: rows), width: width)
        var changed = rows
        changed[0][1] = TableCell("running", style: Style(foreground: .red))
        let table = Table(columns: columns, rows: changed)
        let images = prepare(&cache, table, width: width)
        #expect(cache.laidOut == 1)
        #expect(images == fresh(table, width: width))
    }

    @Test func rowsThatMovedAreReusedWherever() {
        var cache = RowImageCache()
        _ = prepare(&cache, Table(columns: columns, rows: rows), width: width)
        let table = Table(columns: columns, rows: Array(rows.reversed()))
        let images = prepare(&cache, table, width: width)
        #expect(cache.laidOut == 0, "a re-sorted or scrolled list shows rows already drawn")
        #expect(images == fresh(table, width: width))
    }

    @Test func anotherWidthOrHighlightForgetsEveryImage() {
        var cache = RowImageCache()
        let table = Table(columns: columns, rows: rows)
        _ = prepare(&cache, table, width: width)
        let narrow = prepare(&cache, table, width: 15)
        #expect(cache.laidOut == rows.count)
        #expect(narrow == fresh(table, width: 15))

        var marked = table
        marked.highlight = { text in text.ranges(of: "run") }
        let highlighted = prepare(&cache, marked, width: 15, highlightKey: "run")
        #expect(cache.laidOut == rows.count, "the same cells marked for a filter draw differently")
        #expect(highlighted == fresh(marked, width: 15))
        #expect(highlighted != narrow)

        marked.highlight = { text in text.ranges(of: "db") }
        let other = prepare(&cache, marked, width: 15, highlightKey: "db")
        #expect(cache.laidOut == rows.count, "another filter, another marking")
        #expect(other == fresh(marked, width: 15))
    }

    @Test func imagesUnusedForAWholeGenerationGo() {
        var cache = RowImageCache()
        _ = prepare(&cache, Table(columns: columns, rows: rows), width: width)
        // A generation showing other rows, then the first rows again: drawn anew.
        let others: [[TableCell]] = rows.map { [TableCell($0[0].text + "-x"), $0[1], $0[2]] }
        _ = prepare(&cache, Table(columns: columns, rows: others), width: width)
        _ = prepare(&cache, Table(columns: columns, rows: [[TableCell]]()), width: width)
        _ = prepare(&cache, Table(columns: columns, rows: rows), width: width)
        #expect(cache.laidOut == rows.count)
    }
}
