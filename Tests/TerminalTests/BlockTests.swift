import Testing
@testable import Terminal

struct BlockTests {
    @Test func borderWithTitle() {
        var inner = Rect.zero
        let buffer = render(width: 12, height: 3) { buffer, area in
            inner = Block(title: "EC2").render(into: &buffer, area: area)
        }
        #expect(buffer.lines == [
            "┌ EC2 ─────┐",
            "│          │",
            "└──────────┘",
        ])
        #expect(inner == Rect(x: 1, y: 1, width: 10, height: 1))
    }

    @Test func longTitleIsTruncatedBetweenTheCorners() {
        let buffer = render(width: 8, height: 2) { buffer, area in
            Block(title: "Instances").render(into: &buffer, area: area)
        }
        #expect(buffer.lines == ["┌ Ins… ┐", "└──────┘"])
    }

    @Test func titleIsDroppedWhenThereIsNoRoom() {
        let buffer = render(width: 4, height: 2) { buffer, area in
            Block(title: "EC2").render(into: &buffer, area: area)
        }
        #expect(buffer.lines == ["┌──┐", "└──┘"])
    }

    @Test func tooSmallForABorderDrawsNothing() {
        let buffer = render(width: 1, height: 5) { buffer, area in
            #expect(Block(title: "x").render(into: &buffer, area: area).isEmpty)
        }
        #expect(buffer == Buffer(width: 1, height: 5))
    }
}
