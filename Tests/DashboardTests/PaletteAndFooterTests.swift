@testable import Dashboard
import Estate
import Terminal
import Testing

/// The palette runs a command and gets out of the way, as `:` does in vim and k9s.
@Suite struct PaletteTests {
    typealias F = DashboardFixtures

    @Test func enterRunsClosesAndTheNextKeyGoesToTheView() {
        let d = F.dashboard()
        F.press(d, .character("2"), .character(":"))
        F.type(d, "sim speed 10")
        F.press(d, .enter)
        #expect(d.estate.speed == 10)
        #expect(d.state.overlay.isNone, "Enter closed the palette")
        #expect(d.state.message?.isError == false)
        let footer = F.screen(d).last!
        #expect(footer.contains("sim speed 10"), "the result is in the status line: \(footer)")
        F.press(d, .down)
        #expect(F.ec2(d).table.selected == 1, "the next key moved the selection in the view")
        F.press(d, .character("?"))
        guard case .help = d.state.overlay else { Issue.record("? did not reach the dashboard"); return }
    }

    @Test func aLongReplyOpensInAPaneThatAnyKeyCloses() {
        let d = F.dashboard()
        F.press(d, .character(":"))
        F.type(d, "ec2 describe-instances --filters Name=tag:Name,Values=web-1")
        F.press(d, .enter)
        guard case let .result(log) = d.state.overlay else { Issue.record("no result pane"); return }
        #expect(log.lines.count > 10)
        #expect(F.text(d).contains("\"InstanceType\""))
        F.press(d, .down)  // scrolls, stays open
        guard case .result = d.state.overlay else { Issue.record("a scroll key closed the pane"); return }
        F.press(d, .character("x"))
        #expect(d.state.overlay.isNone)
        #expect(!F.text(d).contains("\"InstanceType\""))
    }

    @Test func anErrorGoesToTheStatusLine() {
        let d = F.dashboard()
        F.press(d, .character(":"))
        F.type(d, "ec2 stop-instances --instance-ids i-nope")
        F.press(d, .enter)
        #expect(d.state.overlay.isNone)
        #expect(d.state.message?.isError == true)
        #expect(F.screen(d).last!.contains("InvalidInstanceID.Malformed"))
    }

    @Test func colonThenUpRecallsTheLastCommand() {
        let d = F.dashboard()
        F.press(d, .character(":"))
        F.type(d, "sim speed 5")
        F.press(d, .enter)
        F.press(d, .character(":"), .up)
        guard case let .palette(p) = d.state.overlay else { Issue.record("palette not open"); return }
        #expect(p.input.text == "sim speed 5")
    }
}

/// The footer always offers help and quit; other hints give way when the line is short.
@Suite struct FooterTests {
    typealias F = DashboardFixtures

    static let views: [[Key]] = [[], [.character("2")], [.character("2"), .enter], [.character("3")], [.character("3"), .character("t")], [.character("6")]]

    @Test(arguments: 0..<views.count, [80, 100, 120, 200])
    func helpAndQuitAlwaysShow(view: Int, width: Int) {
        let d = F.dashboard()
        for key in Self.views[view] { d.handle(.key(key)) }
        let footer = F.screen(d, width: width, height: 24).last!
        #expect(footer.contains("<?> help"), "\(width) columns: \(footer)")
        #expect(footer.contains("<q> quit"), "\(width) columns: \(footer)")
        #expect(!footer.contains("…"), "hints are dropped whole, not cut: \(footer)")
    }

    @Test func aMessageKeepsHelpAndQuitBesideIt() {
        let d = F.dashboard()
        F.press(d, .character("2"), .character("o"))
        let footer = F.screen(d).last!
        #expect(footer.contains("Sorted by"))
        #expect(footer.contains("<?> help") && footer.contains("<q> quit"))
    }

    @Test func theEC2FooterAt120ColumnsEndsInWholeHints() {
        let d = F.dashboard()
        F.press(d, .character("2"))
        let footer = F.screen(d).last!
        #expect(footer.contains("<l> launch"))
        #expect(!footer.contains("<Space…"))
    }
}
