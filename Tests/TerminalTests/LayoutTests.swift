import Testing
@testable import Terminal

struct LayoutTests {
    @Test func headerBodyFooter() {
        let parts = Rect(x: 0, y: 0, width: 20, height: 10).rows([.fixed(1), .fill, .fixed(1)])
        #expect(parts.map(\.y) == [0, 1, 9])
        #expect(parts.map(\.height) == [1, 8, 1])
        #expect(parts.allSatisfy { $0.width == 20 })
    }

    @Test func percentLeftoverGoesToTheLastSegment() {
        let parts = Rect(x: 2, y: 0, width: 11, height: 1).columns([.percent(50), .percent(50)])
        #expect(parts.map(\.width) == [5, 6])
        #expect(parts.map(\.x) == [2, 7])
    }

    @Test func fillSegmentsShareTheRest() {
        #expect(Layout.sizes(total: 10, constraints: [.fixed(3), .fill, .fill], spacing: 0) == [3, 4, 3])
        #expect(Layout.sizes(total: 20, constraints: [.min(5), .fill], spacing: 0) == [13, 7])
    }

    @Test func spacingSeparatesSegments() {
        let parts = Rect(x: 0, y: 0, width: 10, height: 2).columns([.fixed(2), .fill], spacing: 1)
        #expect(parts == [Rect(x: 0, y: 0, width: 2, height: 2), Rect(x: 3, y: 0, width: 7, height: 2)])
    }

    @Test func laterSegmentsAreSqueezedFirstOnTinyScreens() {
        #expect(Layout.sizes(total: 1, constraints: [.fixed(1), .fill, .fixed(1)], spacing: 0) == [1, 0, 0])
        #expect(Layout.sizes(total: 0, constraints: [.fixed(1), .percent(50), .min(3)], spacing: 2) == [0, 0, 0])
        #expect(Layout.sizes(total: 5, constraints: [], spacing: 0) == [])
    }

    @Test func negativeSizesCollapseToEmpty() {
        let rect = Rect(x: 3, y: 3, width: -5, height: -1)
        #expect(rect.isEmpty && rect.width == 0 && rect.height == 0)
        #expect(rect.rows([.fixed(2), .fill]).allSatisfy { $0.isEmpty })
    }

    @Test func insetAndSplitClamp() {
        let one = Rect(x: 0, y: 0, width: 1, height: 1)
        #expect(one.inset(by: 1).isEmpty)
        #expect(one.inset(by: 5).isEmpty)
        let box = Rect(x: 0, y: 0, width: 10, height: 3)
        #expect(box.splitTop(5).top == box)
        #expect(box.splitTop(5).rest.isEmpty)
        #expect(box.splitBottom(1).bottom == Rect(x: 0, y: 2, width: 10, height: 1))
        #expect(box.splitRight(4).right == Rect(x: 6, y: 0, width: 4, height: 3))
        #expect(box.inset(horizontal: 2) == Rect(x: 2, y: 0, width: 6, height: 3))
    }

    @Test func intersectionAndContainment() {
        let a = Rect(x: 0, y: 0, width: 10, height: 10)
        #expect(a.intersection(Rect(x: 5, y: 8, width: 10, height: 10)) == Rect(x: 5, y: 8, width: 5, height: 2))
        #expect(a.intersection(Rect(x: 20, y: 20, width: 3, height: 3)).isEmpty)
        #expect(a.contains(Point(x: 9, y: 9)) && !a.contains(Point(x: 10, y: 0)))
        #expect(a.centered(Size(width: 4, height: 2)) == Rect(x: 3, y: 4, width: 4, height: 2))
    }
}
