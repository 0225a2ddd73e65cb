import Testing
@testable import Terminal

/// Rows drawn ahead of time are copied, not redrawn: the screen must be the same either way.
struct RowImageTests {
    let columns = [
        TableColumn("NAME", width: .flex(min: 4)),
        TableColumn("STATE", width: .fixed(7)),
    ]
    let rows: [[TableCell]] = [
        ["web-1", TableCell("running", style: Style(foreground: .green))],
        ["日本-cache", "stopped"],
        ["db", "pending"],
    ]

    @Test(arguments: [6, 9, 13, 20])
    func aTableFromRowImagesDrawsWhatItWouldHaveDrawn(width: Int) {
        let plain = Table(columns: columns, rows: rows)
        var imaged = plain
        for index in rows.indices { imaged.rowImages[index] = plain.rowImage(index, width: width) }
        let state = TableState(selected: 1)
        var a = Buffer(width: width + 2, height: 5), b = Buffer(width: width + 2, height: 5)
        // Wide characters underneath, cut by the table's edges, must lose their other halves alike.
        for y in 0..<5 { a.write("日日日日日日日日日日日", at: Point(x: 0, y: y)); b.write("日日日日日日日日日日日", at: Point(x: 0, y: y)) }
        plain.render(into: &a, area: Rect(x: 1, y: 0, width: width, height: 4), state: state)
        imaged.render(into: &b, area: Rect(x: 1, y: 0, width: width, height: 4), state: state)
        #expect(a == b)
        #expect(a.lines == b.lines)
    }

    /// The header drawn ahead of time, with the sort's arrow cut into a narrow column, draws
    /// what drawing it in place does; one of another width is not used.
    @Test(arguments: [6, 9, 13, 20])
    func aTableWithAHeaderImageDrawsWhatItWouldHaveDrawn(width: Int) {
        let plain = Table(columns: columns, rows: rows, sort: (1, .descending))
        var imaged = plain
        imaged.headerImage = plain.headerImage(width: width)
        var stale = plain
        stale.headerImage = Table(columns: columns, rows: rows, sort: (0, .ascending)).headerImage(width: width + 1)
        var a = Buffer(width: width + 2, height: 5), b = a, c = a
        plain.render(into: &a, area: Rect(x: 1, y: 0, width: width, height: 4), state: TableState())
        imaged.render(into: &b, area: Rect(x: 1, y: 0, width: width, height: 4), state: TableState())
        stale.render(into: &c, area: Rect(x: 1, y: 0, width: width, height: 4), state: TableState())
        #expect(a == b)
        #expect(a == c)
    }

    @Test func anImageOfAnotherWidthIsNotUsed() {
        let plain = Table(columns: columns, rows: rows)
        var imaged = plain
        imaged.rowImages[0] = plain.rowImage(0, width: 30)
        var a = Buffer(width: 20, height: 4), b = Buffer(width: 20, height: 4)
        plain.render(into: &a, area: a.area, state: TableState())
        imaged.render(into: &b, area: b.area, state: TableState())
        #expect(a == b)
    }

    @Test func copyKeepsWideCharactersWhole() {
        var line = Buffer(width: 4, height: 1)
        line.write("a日b", at: Point(x: 0, y: 0))
        var screen = Buffer(width: 6, height: 1)
        screen.write("日日日", at: Point(x: 0, y: 0))
        screen.copy(line.cells, to: Point(x: 1, y: 0))
        #expect(screen.lines == [" a日b "])
        // Cut on the left: `a` is lost, the wide character it overlaps in the screen is blanked.
        screen.copy(line.cells, to: Point(x: -1, y: 0))
        #expect(screen.lines == ["日b b "])
        // Cut on the right through a wide character: its head becomes a space.
        var tail = Buffer(width: 4, height: 1)
        tail.write("ab日", at: Point(x: 0, y: 0))
        var edge = Buffer(width: 3, height: 1)
        edge.copy(tail.cells, to: Point(x: 0, y: 0))
        #expect(edge.lines == ["ab "])
    }
}
