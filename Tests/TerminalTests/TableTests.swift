import Testing
@testable import Terminal

struct TableTests {
    let columns = [
        TableColumn("NAME", width: .flex(min: 4)),
        TableColumn("STATE", width: .fixed(7)),
        TableColumn("CPU", width: .fixed(4), alignment: .right),
    ]
    let rows: [[TableCell]] = [
        ["web-1", TableCell("running", style: Style(foreground: .green)), "12%"],
        ["db-primary", "stopped", "0%"],
        ["日本-cache", "running", "99%"],
    ]

    func draw(width: Int, height: Int = 4, state: TableState = TableState(), sort: (column: Int, order: SortOrder)? = nil) -> Buffer {
        var state = state
        return render(width: width, height: height) { buffer, area in
            Table(columns: columns, rows: rows, sort: sort).render(into: &buffer, area: area, state: &state)
        }
    }

    @Test func flexColumnTakesTheSpareWidth() {
        #expect(draw(width: 24).lines == [
            "NAME        STATE    CPU",
            "web-1       running  12%",
            "db-primary  stopped   0%",
            "日本-cache  running  99%",
        ])
    }

    @Test func flexColumnShrinksBeforeAnythingIsDropped() {
        #expect(draw(width: 17).lines == [
            "NAME STATE    CPU",
            "web… running  12%",
            "db-… stopped   0%",
            "日…  running  99%",
        ])
    }

    @Test func columnsDropFromTheRightWhenThereIsNoRoom() {
        #expect(draw(width: 14).lines == [
            "NAME   STATE  ",
            "web-1  running",
            "db-pr… stopped",
            "日本-… running",
        ])
        #expect(draw(width: 3, height: 2).lines == ["NA…", "we…"])
    }

    @Test func sortIndicatorFollowsTheHeader() {
        #expect(draw(width: 24, height: 1, sort: (column: 1, order: .descending)).lines == ["NAME        STATE▼   CPU"])
        #expect(draw(width: 17, height: 1, sort: (column: 0, order: .ascending)).lines == ["NA…▲ STATE    CPU"])
    }

    @Test func selectedRowIsHighlightedAndCellStylesApplyElsewhere() {
        let buffer = draw(width: 24, state: TableState(selected: 1))
        #expect(buffer[0, 2].style == Style(attributes: .reverse))
        #expect(buffer[23, 2].style == Style(attributes: .reverse))
        #expect(buffer[12, 1].style == Style(foreground: .green))
        #expect(buffer[0, 0].style == Style(attributes: .bold))
    }

    @Test func selectionStaysVisibleWhenMovingPastTheBottom() {
        let many = (0..<20).map { [TableCell("row-\($0)")] }
        let table = Table(columns: [TableColumn("ROW", width: .flex(min: 1))], rows: many)
        var state = TableState()
        var buffer = Buffer(width: 6, height: 5)
        table.render(into: &buffer, area: buffer.area, state: &state)
        for _ in 0..<6 { state.moveDown(rowCount: table.rowCount) }
        buffer.reset()
        table.render(into: &buffer, area: buffer.area, state: &state)
        #expect(state.selected == 6 && state.offset == 3)
        #expect(buffer.lines == ["ROW   ", "row-3 ", "row-4 ", "row-5 ", "row-6 "])
        #expect(buffer[0, 4].style.attributes.contains(.reverse))
    }

    @Test func onlyVisibleRowsAreRead() {
        let reads = Counter()
        let table = Table(columns: [TableColumn("ID", width: .fixed(6), alignment: .right)], rowCount: 10_000) { index in
            reads.count += 1
            return [TableCell(String(index))]
        }
        var state = TableState()
        var buffer = Buffer(width: 6, height: 41)
        table.render(into: &buffer, area: buffer.area, state: &state)
        #expect(reads.count == 40)
        state.end(rowCount: table.rowCount)
        table.render(into: &buffer, area: buffer.area, state: &state)
        #expect(reads.count == 80)
        #expect(buffer.lines.last == "  9999")
        #expect(buffer.lines[1] == "  9960")
    }

    @Test func offsetIsPulledBackWhenRowsDisappear() {
        var state = TableState(selected: 50, offset: 45, visibleRows: 10)
        state.scrollToSelection(visibleRows: 10, rowCount: 12)
        #expect(state.selected == 11 && state.offset == 2)
    }
}

struct TableStateTests {
    @Test func movesClampAtBothEnds() {
        var state = TableState(visibleRows: 5)
        state.moveUp(rowCount: 10)
        #expect(state.selected == 0)
        state.pageDown(rowCount: 10)
        #expect(state.selected == 5 && state.offset == 1)
        state.pageDown(rowCount: 10)
        #expect(state.selected == 9 && state.offset == 5)
        state.moveDown(rowCount: 10)
        #expect(state.selected == 9)
        state.pageUp(rowCount: 10)
        #expect(state.selected == 4 && state.offset == 4)
        state.home(rowCount: 10)
        #expect(state.selected == 0 && state.offset == 0)
        state.end(rowCount: 10)
        #expect(state.selected == 9 && state.offset == 5)
    }

    @Test func emptyTableHasNoSelection() {
        var state = TableState(selected: 3, offset: 2)
        state.moveDown(rowCount: 0)
        #expect(state.selected == nil && state.offset == 0)
        state.moveDown(rowCount: 3)
        #expect(state.selected == 0)
        state.selected = nil
        state.moveUp(rowCount: 3)
        #expect(state.selected == 2)
    }
}
