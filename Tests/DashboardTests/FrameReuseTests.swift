@testable import Dashboard
import Estate
import Terminal
import Testing

/// The loop renders each frame into the memory of the frame before last, without blanking it
/// first (`Renderer.makeBuffer(cleared: false)`): that is only right if rendering writes every cell.
@Suite struct FrameReuseTests {
    typealias F = DashboardFixtures

    static let size = Size(width: 120, height: 40)

    static func frame(_ d: Dashboard) -> Buffer {
        d.refresh()
        d.arrange(for: size)
        var buffer = Buffer(size: size)
        d.render(into: &buffer)
        return buffer
    }

    /// Every view over every other view's frame (and over a frame full of wide characters): the
    /// same frame as one rendered into a blank buffer.
    @Test func renderingOverAnOlderFrameGivesTheSameFrame() {
        let d = F.dashboard()
        var wide = Buffer(size: Self.size)
        for y in 0..<Self.size.height { wide.write(String(repeating: "漢", count: Self.size.width / 2), at: Point(x: y % 2, y: y)) }
        var older = [wide]
        for key in ["1", "2", "3", "6", "8", "2"] {
            F.press(d, .character(Character(key)))
            let fresh = Self.frame(d)
            for var old in older {
                d.render(into: &old)
                #expect(old == fresh, "view \(key) over an older frame")
            }
            older.append(fresh)
        }
    }
}
