@testable import Dashboard
import Estate
import Terminal
import Testing

/// Split panes drawn into a memory buffer: `|` side by side, `_` stacked, `Tab` between them,
/// `z` zoom, the same key again closes. Sizes include 80×24.
@Suite struct SplitPaneTests {
    typealias F = DashboardFixtures

    static let sizes = [Size(width: 80, height: 24), Size(width: 120, height: 40), Size(width: 200, height: 60)]

    /// `|` on the EC2 view: two EC2 tables side by side, split at the middle column with one blank
    /// column between (widths (W-1)/2 and the rest); the new right pane has the focus, drawn heavy.
    @Test(arguments: sizes)
    func sideBySideSplitsTheBodyIntoTwoColumns(size: Size) {
        let d = F.dashboard()
        F.press(d, .character("2"), .character("|"))
        #expect(d.state.panes.count == 2 && d.state.focus == 1 && d.state.split == .sideBySide)
        let lines = F.screen(d, width: size.width, height: size.height)
        let left = (size.width - 1) / 2 + (size.width - 1) % 2
        let bodyTop = lines[2]
        // The left pane's box starts at column 0, the right one after the gap.
        #expect(Array(bodyTop)[0] == "┌", "\(bodyTop)")
        #expect(Array(bodyTop)[left - 1] == "┐")
        #expect(Array(bodyTop)[left] == " ", "the column between the panes")
        #expect(Array(bodyTop)[left + 1] == "┏", "the focused pane's corner is heavy")
        #expect(Array(bodyTop)[size.width - 1] == "┓")
        #expect(bodyTop.components(separatedBy: "EC2 instances (11)").count == 3, "both panes titled")
        // The last body row closes both boxes.
        let bottom = Array(lines[size.height - 2])
        #expect(bottom[0] == "└" && bottom[left - 1] == "┘" && bottom[left + 1] == "┗" && bottom[size.width - 1] == "┛")
        // Tab moves the focus to the left pane; the heavy border moves with it.
        F.press(d, .tab)
        #expect(d.state.focus == 0 && d.state.view == .ec2)
        let after = Array(F.screen(d, width: size.width, height: size.height)[2])
        #expect(after[0] == "┏" && after[left + 1] == "┌")
    }

    /// `_`: one pane above the other, each half of the body (the top one takes the odd row).
    @Test(arguments: sizes)
    func stackedSplitsTheBodyIntoTwoRows(size: Size) {
        let d = F.dashboard()
        F.press(d, .character("6"), .character("_"))
        #expect(d.state.split == .stacked)
        let lines = F.screen(d, width: size.width, height: size.height)
        let body = size.height - 3
        let top = (body + 1) / 2
        #expect(lines[2].hasPrefix("┌ Events"))
        #expect(lines[2 + top - 1].hasPrefix("└"))
        #expect(lines[2 + top].hasPrefix("┏━ Events") || lines[2 + top].hasPrefix("┏ Events"), "\(lines[2 + top])")
        #expect(lines[size.height - 2].hasPrefix("┗"))
        let areas = d.lastLayout!.panes.map(\.area)
        #expect(areas[0] == Rect(x: 0, y: 2, width: size.width, height: top))
        #expect(areas[1] == Rect(x: 0, y: 2 + top, width: size.width, height: body - top))
    }

    /// Each pane keeps its own view, selection and filter; number keys change the focused one only.
    @Test func eachPaneKeepsItsOwnSelectionFilterAndView() {
        let d = F.dashboard()
        F.press(d, .character("2"), .character("|"))
        F.press(d, .down, .down, .down)
        F.press(d, .character("/"))
        F.type(d, "^w")
        F.press(d, .enter)
        F.press(d, .tab)
        F.press(d, .down)
        let right = d.state.panes[1].view(EC2View.self)!, left = d.state.panes[0].view(EC2View.self)!
        #expect(right.filter == "^w" && right.model.instances.count == 5)
        #expect(left.filter.isEmpty && left.table.selected == 1)
        F.press(d, .character("6"))
        #expect(d.state.panes[0].current == .events && d.state.panes[1].current == .ec2)
        let text = F.text(d, width: 160, height: 30)
        #expect(text.contains("EC2 instances (5 of 11, filter /^w)") && text.contains("Events ("))
        // Back to EC2 in the left pane: its own selection is still there.
        F.press(d, .character("2"))
        #expect(d.state.pane.view(EC2View.self)!.table.selected == 1)
    }

    /// `z` gives the focused pane the whole body and back; the hidden pane keeps its scroll.
    @Test(arguments: sizes)
    func zoomFillsTheScreenAndComesBack(size: Size) {
        let d = F.dashboard()
        F.press(d, .character("6"), .character("|"))
        d.estate.advance(by: .minutes(5))
        F.press(d, .tab)
        for _ in 0..<30 { F.press(d, .down) }
        _ = F.screen(d, width: size.width, height: size.height)
        let offset = d.state.panes[0].view(EventsView.self)!.table.offset
        F.press(d, .tab, .character("z"))
        #expect(d.state.zoomed && d.state.focus == 1)
        let zoomed = F.screen(d, width: size.width, height: size.height)
        #expect(d.lastLayout!.panes[1].area == Rect(x: 0, y: 2, width: size.width, height: size.height - 3))
        #expect(d.lastLayout!.panes[0].area.isEmpty)
        #expect(zoomed[2].hasPrefix("┌ Events") && zoomed[2].hasSuffix("┐"), "one box across the screen, drawn plain: nothing to tell apart")
        #expect(zoomed[0].contains("[zoom]"))
        #expect(d.state.panes[0].view(EventsView.self)!.table.offset == offset, "the hidden pane was not laid out")
        F.press(d, .character("z"))
        #expect(!d.state.zoomed)
        let back = F.screen(d, width: size.width, height: size.height)
        #expect(back[2].components(separatedBy: "Events (").count == 3)
        #expect(d.state.panes[0].view(EventsView.self)!.table.selected == 30)
    }

    @Test func theSameKeyClosesTheSplitAndTheOtherTurnsIt() {
        let d = F.dashboard()
        F.press(d, .character("z"))
        #expect(!d.state.zoomed && d.state.message?.text.contains("nothing to zoom") == true)
        F.press(d, .character("|"))
        F.press(d, .character("_"))
        #expect(d.state.panes.count == 2 && d.state.split == .stacked)
        F.press(d, .character("3"))
        F.press(d, .character("_"))
        #expect(d.state.panes.count == 1 && d.state.focus == 0)
        #expect(d.state.view == .streams, "the focused pane stays")
        // Without a split, Tab is the next view again.
        F.press(d, .tab)
        #expect(d.state.view == .warehouse)
    }

    /// Rendering a split stays pure at every size, zoomed or not (RenderPurityTests has the rest).
    @Test func splitLayoutsRenderTheSameTwice() {
        for keys: [Key] in [[.character("|")], [.character("_")], [.character("|"), .character("z")]] {
            let d = F.dashboard()
            F.press(d, .character("2"))
            for key in keys { F.press(d, key) }
            for size in SplitPaneTests.sizes + [Size(width: 12, height: 5), Size(width: 1, height: 1)] {
                d.arrange(for: size)
                let before = RenderPurityTests.snapshot(d)
                var a = Buffer(size: size), b = Buffer(size: size)
                d.render(into: &a)
                d.render(into: &b)
                #expect(a == b)
                #expect(RenderPurityTests.snapshot(d) == before)
            }
        }
    }
}
