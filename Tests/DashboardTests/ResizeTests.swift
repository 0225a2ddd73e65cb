@testable import Dashboard
import Estate
import Terminal
import Testing

/// The dashboard draws at any size without crashing, down to a single cell.
@Suite struct ResizeTests {
    static let states: [[Key]] = [
        [], [.character("2")], [.character("2"), .enter], [.character("6")], [.character("?")],
        [.character("2"), .character("l"), .character("c")], [.character(":")], [.character("2"), .character("T")],
        [.character("2"), .character("/"), .character("w")],
    ]

    @Test(arguments: 0..<states.count)
    func everySizeFromOneByOne(state: Int) {
        let dashboard = DashboardFixtures.dashboard()
        for key in Self.states[state] { dashboard.handle(.key(key)) }
        for width in [1, 2, 3, 5, 8, 13, 21, 34, 55, 80, 89, 120, 144, 233] {
            for height in [1, 2, 3, 4, 5, 8, 13, 24, 40, 55] {
                var buffer = Buffer(width: width, height: height)
                dashboard.render(into: &buffer)
                #expect(buffer.lines.count == height)
                #expect(buffer.lines.allSatisfy { TextWidth.of($0) == width })
            }
        }
    }

    @Test func resizeEventsKeepTheState() {
        let dashboard = DashboardFixtures.dashboard()
        dashboard.handle(.key(.character("2")))
        dashboard.handle(.resize(Size(width: 1, height: 1)))
        dashboard.handle(.resize(Size(width: 120, height: 40)))
        #expect(dashboard.state.view == .ec2)
        #expect(DashboardFixtures.text(dashboard).contains("EC2 instances (11)"))
    }
}
