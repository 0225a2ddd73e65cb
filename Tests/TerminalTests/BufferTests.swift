import Testing
@testable import Terminal

struct BufferTests {
    @Test func writeReturnsColumnsAdvanced() {
        var buffer = Buffer(width: 6, height: 2)
        #expect(buffer.write("abc", at: Point(x: 1, y: 0)) == 3)
        #expect(buffer.lines == [" abc  ", "      "])
    }

    @Test func wideCharactersTakeTwoCells() {
        var buffer = Buffer(width: 6, height: 1)
        #expect(buffer.write("日本", at: Point(x: 0, y: 0)) == 4)
        #expect(buffer.lines == ["日本  "])
        #expect(buffer[1, 0].isContinuation && buffer[3, 0].isContinuation)
        #expect(!buffer[4, 0].isContinuation)
    }

    @Test func wideCharacterThatDoesNotFitBecomesASpace() {
        var buffer = Buffer(width: 5, height: 2)
        #expect(buffer.write("日本語", at: Point(x: 0, y: 0)) == 5)
        #expect(buffer.write("日本", at: Point(x: 0, y: 1), maxWidth: 3) == 3)
        #expect(buffer.lines == ["日本 ", "日   "])
        expectWellFormed(buffer)
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var buffer = Buffer(width: 4, height: 1)
        buffer.write("日本", at: Point(x: 0, y: 0))
        buffer.set(1, 0, Cell("x"))
        #expect(buffer.lines == [" x本"])
        buffer.set(2, 0, Cell("y"))
        #expect(buffer.lines == [" xy "])
        expectWellFormed(buffer)
    }

    @Test func wideCharacterAtTheRightEdgeBecomesASpace() {
        var buffer = Buffer(width: 3, height: 1)
        buffer.set(2, 0, Cell("日"))
        #expect(buffer.lines == ["   "])
        expectWellFormed(buffer)
    }

    @Test func writesOutsideTheGridAreIgnored() {
        var buffer = Buffer(width: 3, height: 2)
        #expect(buffer.write("abc", at: Point(x: 0, y: -1)) == 0)
        #expect(buffer.write("abc", at: Point(x: 0, y: 2)) == 0)
        #expect(buffer.write("abc", at: Point(x: 3, y: 0)) == 0)
        buffer.set(-1, 0, Cell("x"))
        buffer.set(0, 5, Cell("x"))
        #expect(buffer == Buffer(width: 3, height: 2))
        #expect(buffer.cell(at: Point(x: 9, y: 9)) == nil)
    }

    @Test func writeStartingLeftOfTheGridIsClipped() {
        var buffer = Buffer(width: 4, height: 1)
        buffer.write("ab日x", at: Point(x: -3, y: 0))
        #expect(buffer.lines == [" x  "])
        expectWellFormed(buffer)
    }

    @Test func fillAndStyleAreClipped() {
        var buffer = Buffer(width: 3, height: 3)
        buffer.fill(Rect(x: -2, y: -2, width: 4, height: 4), with: Cell("#"))
        #expect(buffer.lines == ["## ", "## ", "   "])
        let selected = Style(attributes: .reverse)
        buffer.setStyle(Rect(x: 1, y: 1, width: 10, height: 10), selected)
        #expect(buffer[2, 2].style == selected && buffer[0, 0].style == .plain)
        #expect(buffer[1, 1].symbol == "#")
    }

    @Test func zeroSizeBufferIsHarmless() {
        var buffer = Buffer(width: 0, height: 0)
        #expect(buffer.write("abc", at: Point(x: 0, y: 0)) == 0)
        buffer.fill(Rect(x: 0, y: 0, width: 5, height: 5), with: Cell("x"))
        #expect(buffer.lines == [])
        #expect(Buffer(width: -3, height: 4).size == Size(width: 0, height: 4))
    }

    @Test func styledLinesKeepTheirStyles() {
        var buffer = Buffer(width: 8, height: 1)
        let red = Style(foreground: .red)
        buffer.write(Line([Span("ok", style: red), Span(" fine")]), at: Point(x: 0, y: 0), maxWidth: 5)
        #expect(buffer.lines == ["ok fi   "])
        #expect(buffer[1, 0].style == red && buffer[2, 0].style == .plain)
    }
}
