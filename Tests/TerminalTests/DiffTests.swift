import Testing
@testable import Terminal

struct DiffTests {
    /// `diff` skips a row whose bytes equal the last frame's, so two frames holding the same
    /// cells must hold the same bytes, whatever the memory held before: a cell has no padding.
    @Test func framesWithTheSameCellsHaveTheSameBytes() {
        func frame() -> Buffer {
            var buffer = Buffer(width: 37, height: 3)
            buffer.fill(buffer.area, with: Cell(" ", style: Style(foreground: .indexed(7))))
            buffer.write("web-1 日本 ▂▃▅", at: Point(x: 2, y: 1), style: Style(foreground: .green, attributes: .bold))
            buffer.setStyle(Rect(x: 0, y: 2, width: 10, height: 1), Style(attributes: .reverse))
            return buffer
        }
        let first = frame()
        // Leave the allocator's free memory full of ones, where the next frame's cells will go.
        for _ in 0..<8 { _ = [UInt8](repeating: 0xFF, count: 37 * 3 * MemoryLayout<Cell>.stride) }
        let second = frame()
        #expect(first == second)
        #expect(first.cells.withUnsafeBytes { Array($0) } == second.cells.withUnsafeBytes { Array($0) })
        #expect(MemoryLayout<Cell>.size == MemoryLayout<Cell>.stride)
    }

    @Test func identicalBuffersHaveNoChanges() {
        let frame = render(width: 5, height: 2) { buffer, _ in buffer.write("hi 日", at: Point(x: 0, y: 0)) }
        #expect(frame.diff(from: frame).isEmpty)
    }

    @Test func onlyChangedCellsAreReturned() {
        let before = render(width: 5, height: 2) { buffer, _ in buffer.write("hello", at: Point(x: 0, y: 1)) }
        var after = before
        after.write("J", at: Point(x: 0, y: 1))
        after.write("!", at: Point(x: 4, y: 0))
        #expect(describe(after.diff(from: before)) == ["4,0:!", "0,1:J"])
    }

    @Test func styleChangesCount() {
        let before = render(width: 3, height: 1) { buffer, _ in buffer.write("abc", at: Point(x: 0, y: 0)) }
        var after = before
        after.setStyle(Rect(x: 1, y: 0, width: 1, height: 1), Style(attributes: .bold))
        #expect(describe(after.diff(from: before)) == ["1,0:b"])
    }

    @Test func wideCharacterOverNarrowOnesSendsOnlyTheWideCharacter() {
        let before = render(width: 4, height: 1) { buffer, _ in buffer.write("abcd", at: Point(x: 0, y: 0)) }
        let after = render(width: 4, height: 1) { buffer, _ in buffer.write("日cd", at: Point(x: 0, y: 0)) }
        #expect(describe(after.diff(from: before)) == ["0,0:日"])
    }

    @Test func narrowOverWideSendsBothHalves() {
        let before = render(width: 4, height: 1) { buffer, _ in buffer.write("日cd", at: Point(x: 0, y: 0)) }
        let after = render(width: 4, height: 1) { buffer, _ in buffer.write("abcd", at: Point(x: 0, y: 0)) }
        #expect(describe(after.diff(from: before)) == ["0,0:a", "1,0:b"])
    }

    @Test func shiftedWideCharacterRedrawsTheUncoveredCell() {
        let before = render(width: 4, height: 1) { buffer, _ in buffer.write("日本", at: Point(x: 0, y: 0)) }
        let after = render(width: 4, height: 1) { buffer, _ in buffer.write(" 日 ", at: Point(x: 0, y: 0)) }
        #expect(describe(after.diff(from: before)) == ["0,0: ", "1,0:日", "3,0: "])
    }

    @Test func sizeChangeReturnsEveryCell() {
        let before = Buffer(width: 3, height: 2)
        let after = render(width: 4, height: 2) { buffer, _ in buffer.write("日", at: Point(x: 0, y: 0)) }
        // 8 cells, less the continuation of 日.
        #expect(after.diff(from: before).count == 7)
    }
}
