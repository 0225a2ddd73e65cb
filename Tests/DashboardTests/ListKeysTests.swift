@testable import Dashboard
import Estate
import Terminal
import Testing

/// ↑/↓, PgUp/PgDn and Home/End move the selection the same way in every list view, since each
/// reads its moves from the one table in `Action.listMove`.
@Suite struct ListKeysTests {
    typealias F = DashboardFixtures

    @Test func theMovesAreOneRowAPageOrAllTheWay() {
        #expect(Action.down.listMove(pageRows: 30) == 1)
        #expect(Action.up.listMove(pageRows: 30) == -1)
        #expect(Action.pageDown.listMove(pageRows: 30) == 30)
        #expect(Action.pageUp.listMove(pageRows: 0) == -1, "a page is at least one row")
        #expect(Action.top.listMove(pageRows: 30)! < -1_000_000 && Action.bottom.listMove(pageRows: 30)! > 1_000_000)
        #expect(Action.open.listMove(pageRows: 30) == nil && Action.quit.listMove(pageRows: 30) == nil)
    }

    /// The EC2 list (11 instances), the event log (more than a screen) and the stacks (3).
    @Test func everyListViewTakesTheSameKeys() {
        let d = F.dashboard()
        _ = F.screen(d)
        F.press(d, .character("2"))
        _ = F.screen(d)
        let instances = F.ec2(d).model.instances.count
        F.press(d, .end)
        #expect(F.ec2(d).table.selected == instances - 1)
        F.press(d, .home, .down, .down)
        #expect(F.ec2(d).table.selected == 2)
        F.press(d, .up)
        #expect(F.ec2(d).table.selected == 1)

        F.press(d, .character("6"))
        _ = F.screen(d)
        let events = d.focused(EventsView.self)!
        #expect(events.model.events.count > events.table.visibleRows, "the log is longer than a page")
        F.press(d, .pageDown)
        #expect(d.focused(EventsView.self)!.table.selected == events.table.visibleRows)
        F.press(d, .end)
        #expect(d.focused(EventsView.self)!.table.selected == events.model.events.count - 1)

        F.press(d, .character("8"))
        _ = F.screen(d)
        let stacks = d.focused(StacksView.self)!.stacks.count
        F.press(d, .end)
        #expect(d.focused(StacksView.self)!.table.selected == stacks - 1)
        F.press(d, .home)
        #expect(d.focused(StacksView.self)!.table.selected == 0)
    }
}
