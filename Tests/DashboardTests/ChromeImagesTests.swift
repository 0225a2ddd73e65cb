@testable import Dashboard
import Estate
import Foundation
import Terminal
import Testing

/// The header's and footer's rows are drawn in the layout step and copied by each frame: a frame
/// must still show what the state says, whether or not the layout step saw the change (a new
/// clock second, new totals, a message, a resize, a theme switch).
@Suite struct ChromeImagesTests {
    typealias F = DashboardFixtures

    /// The header's two rows and the footer drawn straight from the state, with every word
    /// formatted afresh: what a frame must show.
    static func freshChrome(_ d: Dashboard, size: Size) -> [[Cell]] {
        var buffer = Buffer(size: size)
        let title = Rect(x: 0, y: 0, width: size.width, height: 1)
        Chrome.renderTitle(d.header, texts: HeaderTexts(d.header), crumbs: d.breadcrumbs, theme: d.theme, into: &buffer, row: title)
        Chrome.renderTabs(labels: d.tabLabels, selected: d.availableViews.firstIndex(of: d.state.view) ?? 0, theme: d.theme,
                          into: &buffer, row: Rect(x: 0, y: 1, width: size.width, height: 1))
        Chrome.renderFooter(hints: d.footerHints, required: d.requiredHints, message: d.state.message, theme: d.theme,
                            into: &buffer, area: Rect(x: 0, y: size.height - 1, width: size.width, height: 1))
        return chromeRows(buffer)
    }

    /// Rows 0, 1 and the last of `buffer`, cells and styles.
    static func chromeRows(_ buffer: Buffer) -> [[Cell]] {
        [0, 1, buffer.size.height - 1].map { y in (0..<buffer.size.width).map { buffer[$0, y] } }
    }

    /// A frame at `size`, laid out first (as the loop draws) or not (stale images, if any).
    static func frame(_ d: Dashboard, size: Size, arranged: Bool) -> Buffer {
        d.refresh()
        if arranged { d.arrange(for: size) }
        var buffer = Buffer(size: size)
        d.render(into: &buffer)
        return buffer
    }

    static let size = Size(width: 120, height: 40)

    /// Wide enough for the totals, for the clock alone, and too narrow for the whole clock. The
    /// clock turns from one second to the next, and over a minute (more digits change).
    @Test(arguments: [true, false], [120, 200, 70, 20])
    func aFrameAfterTheClockTurnsASecondShowsTheNewClock(arranged: Bool, width: Int) {
        let d = F.dashboard()
        F.press(d, .character("2"))
        let size = Size(width: width, height: 30)
        _ = Self.frame(d, size: size, arranged: true)
        for step in [SimDuration.seconds(1), .seconds(1), .seconds(61)] {
            let before = Format.clock(d.estate.now)
            d.estate.advance(by: step)
            let after = Format.clock(d.estate.now)
            #expect(before != after)
            let buffer = Self.frame(d, size: size, arranged: arranged)
            if width >= 70 {
                #expect(buffer.lines[0].contains(after), "the header shows the clock's new second")
                #expect(!buffer.lines[0].contains(before))
            }
            #expect(Self.chromeRows(buffer) == Self.freshChrome(d, size: size), "\(width) wide, after \(after)")
        }
    }

    /// Totals change with the estate while the clock stands still (paused): the header's words are
    /// formatted again for them, not kept with the clock's second.
    @Test func newTotalsShowWithinTheSameSecond() {
        let d = F.dashboard()
        d.estate.pause()
        F.press(d, .character("2"))
        let running = d.estate.ec2.summary.running
        #expect(running > 0)
        #expect(Self.frame(d, size: Self.size, arranged: true).lines[0].contains(" \(running) running"))
        let clock = Format.clock(d.estate.now)
        let id = d.estate.ec2.instances.first { $0.state == .running }!.instanceID
        _ = CommandRunner(estate: d.estate).run("ec2 stop-instances --instance-ids \(id)")
        // Stopping is not running: one fewer, in the same second of the clock.
        let buffer = Self.frame(d, size: Self.size, arranged: true)
        #expect(buffer.lines[0].contains(clock))
        #expect(buffer.lines[0].contains(" \(running - 1) running"))
        #expect(Self.chromeRows(buffer) == Self.freshChrome(d, size: Self.size))
    }

    @Test(arguments: [true, false])
    func afterAResizeTheChromeIsAsFresh(arranged: Bool) {
        let d = F.dashboard()
        F.press(d, .character("2"))
        _ = Self.frame(d, size: Self.size, arranged: true)
        for size in [Size(width: 100, height: 30), Size(width: 200, height: 60), Size(width: 60, height: 20)] {
            let buffer = Self.frame(d, size: size, arranged: arranged)
            #expect(Self.chromeRows(buffer) == Self.freshChrome(d, size: size), "\(size.width)×\(size.height)")
        }
    }

    @Test(arguments: [true, false])
    func afterAThemeSwitchTheChromeIsAsFresh(arranged: Bool) {
        let d = F.dashboard()
        F.press(d, .character("2"))
        let dark = Self.chromeRows(Self.frame(d, size: Self.size, arranged: true))
        d.switchTheme(["light"])
        d.state.message = nil
        let buffer = Self.frame(d, size: Self.size, arranged: arranged)
        #expect(Self.chromeRows(buffer) == Self.freshChrome(d, size: Self.size))
        #expect(Self.chromeRows(buffer) != dark, "the light theme styles the chrome differently")
    }

    /// A message replaces the footer's keys, and the keys come back when it is cleared; a new view
    /// has keys and a tab of its own.
    @Test(arguments: [true, false])
    func theFooterFollowsMessagesAndViews(arranged: Bool) {
        let d = F.dashboard()
        F.press(d, .character("2"))
        _ = Self.frame(d, size: Self.size, arranged: true)
        F.press(d, .character("s"))
        let message = try! #require(d.state.message).text
        var buffer = Self.frame(d, size: Self.size, arranged: arranged)
        #expect(buffer.lines[Self.size.height - 1].contains(message))
        #expect(Self.chromeRows(buffer) == Self.freshChrome(d, size: Self.size))
        d.state.message = nil
        F.press(d, .character("3"))
        buffer = Self.frame(d, size: Self.size, arranged: arranged)
        #expect(!buffer.lines[Self.size.height - 1].contains(message))
        #expect(Self.chromeRows(buffer) == Self.freshChrome(d, size: Self.size))
    }
}
