@testable import Dashboard
import Estate
import Terminal
import Testing

/// Rendering changes nothing: the same state drawn twice gives the same screen, and the
/// dashboard (its state, its models, whether it wants a redraw) is as it was before.
@Suite struct RenderPurityTests {
    typealias F = DashboardFixtures

    /// Every view and level, and the windows over them, by the keys that lead there.
    static let screens: [(String, [Key])] = [
        ("overview", []),
        ("ec2", [.character("2"), .down, .down]),
        ("ec2-details", [.character("2"), .down, .enter]),
        ("streams", [.character("3")]),
        ("shards", [.character("3"), .enter, .down]),
        ("tail", [.character("3"), .character("t")]),
        ("edge", [.character("5")]),
        ("edge-paused", [.character("5"), .up, .character("/"), .character("h")]),
        ("events", [.character("6"), .pageDown]),
        ("warehouse", [.character("4"), .down]),
        ("warehouse-console", [.character("4"), .character("e")] + "SELECT * FROM orders;".map { Key.character($0) } + [.enter]),
        ("warehouse-error", [.character("4"), .character("e")] + "SELECT nosuch;".map { Key.character($0) } + [.enter, .character("x")]),
        ("jobs", [.character("7"), .down, .character("i")]),
        ("stacks", [.character("8")]),
        ("stacks-prompt", [.character("8"), .character("n"), .character("C")]),
        ("describe", [.character("2"), .down, .character("d")]),
        ("json-search", [.character("3"), .character("y"), .character("/"), .character("s"), .enter]),
        ("tail-toggles", [.character("3"), .character("t"), .character("w"), .character("T"), .character("J")]),
        ("perf", [.character(":")] + "perf".map { Key.character($0) } + [.enter]),
        ("help", [.character("?")]),
        ("palette", [.character(":"), .character("e")]),
        ("filter", [.character("2"), .character("/"), .character("w")]),
        ("filter-regex", [.character("2"), .character("/")] + "^(web|api)-[0-9]".map { Key.character($0) } + [.enter]),
        ("filter-bad-regex", [.character("6"), .character("/")] + "ec2|(".map { Key.character($0) }),
        ("tail-context", [.character("3"), .character("t"), .character("/")] + "-f ca -C 1".map { Key.character($0) } + [.enter]),
        ("split", [.character("2"), .character("|"), .down, .character("3"), .enter]),
        ("split-stacked", [.character("5"), .character("_"), .tab, .character("6")]),
        ("split-zoomed", [.character("2"), .character("|"), .character("z")]),
    ]

    static let sizes: [Size] = [Size(width: 80, height: 24), Size(width: 120, height: 40), Size(width: 200, height: 60),
                                Size(width: 12, height: 5), Size(width: 1, height: 1)]

    /// Everything a render could change, as text.
    static func snapshot(_ d: Dashboard) -> String {
        var text = ""
        dump(d.state, to: &text)
        dump(d.header, to: &text)
        dump(d.lastLayout, to: &text)
        text += "needsRedraw=\(d.needsRedraw)"
        return text
    }

    /// At every size: rendering twice draws the same, and changes nothing a render could change.
    static func expectPure(_ d: Dashboard, _ label: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for size in sizes {
            d.arrange(for: size)
            let before = snapshot(d)
            var first = Buffer(size: size), second = Buffer(size: size)
            d.render(into: &first)
            d.render(into: &second)
            let at = (label.isEmpty ? "" : "\(label) at ") + "\(size.width)×\(size.height)"
            #expect(first == second, "\(at)", sourceLocation: sourceLocation)
            #expect(snapshot(d) == before, "\(at): rendering changed the dashboard", sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: 0..<screens.count)
    func renderingTwiceDrawsTheSameAndChangesNothing(screen: Int) {
        let d = F.dashboard()
        for key in Self.screens[screen].1 { d.handle(.key(key)) }
        d.estate.advance(by: .seconds(2))
        d.refresh()
        Self.expectPure(d, "\(Self.screens[screen].0)")
    }

    /// The layout step is where scroll positions follow the selection: a page down far past the
    /// screen is shown, and a click after it lands on the row drawn there.
    @Test func layoutKeepsTheSelectionOnScreenForTheMouse() {
        let d = F.dashboard()
        F.press(d, .character("6"))
        d.estate.advance(by: .minutes(5))
        _ = F.screen(d, width: 120, height: 24)
        for _ in 0..<40 { F.press(d, .down) }
        let lines = F.screen(d, width: 120, height: 24)
        let events = d.focused(EventsView.self)!
        let list = d.state.pane.layout!.list!
        #expect(list.table.offset > 0, "the list scrolled to keep row 40 in view")
        #expect(events.table.offset == list.table.offset)
        let selectedY = list.body.y + events.table.selected! - list.table.offset
        #expect(selectedY < 24 && lines[selectedY].contains(EventsTable.shortSummary(events.model.events[40]).prefix(20)))
        d.handle(.click(Point(x: 5, y: list.body.y)))
        #expect(d.focused(EventsView.self)!.table.selected == list.table.offset)
    }
}

/// Views are components: two panes show the same view, each with its own selection.
@Suite struct PaneTests {
    @Test func twoPanesKeepTheirOwnSelections() {
        let d = DashboardFixtures.dashboard()
        d.state.panes = [Pane(showing: .ec2), Pane(showing: .ec2)]
        d.refresh()
        d.state.focus = 0
        DashboardFixtures.press(d, .down, .down)
        d.state.focus = 1
        DashboardFixtures.press(d, .down)
        #expect(d.state.panes[0].view(EC2View.self)?.table.selected == 2)
        #expect(d.state.panes[1].view(EC2View.self)?.table.selected == 1)
        let text = DashboardFixtures.text(d, width: 200, height: 30)
        #expect(text.components(separatedBy: "EC2 instances (11)").count == 3, "both panes drawn")
    }

    /// The one table: tabs, number keys and `--screen` names come from it.
    @Test func theRegistryDrivesTabsKeysAndScreenNames() {
        let d = DashboardFixtures.dashboard()
        #expect(ViewRegistry.screenNames == ["overview", "ec2", "streams", "warehouse", "edge", "events", "jobs", "stacks"])
        #expect(ViewRegistry.named("EC2") == .ec2)
        #expect(ViewRegistry.named("Warehouse") == .warehouse)
        for registration in ViewRegistry.all {
            d.handle(.key(.character(registration.key)))
            #expect(d.state.view == registration.id)
            #expect(DashboardFixtures.screen(d)[1].contains(registration.label))
        }
    }
}
