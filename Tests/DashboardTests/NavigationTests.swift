@testable import Dashboard
import Estate
import Terminal
import Testing

/// Breadcrumbs in the header follow the levels drilled into; Esc climbs them; `:` names from
/// the table of views jump anywhere, with a path to drill down.
@Suite struct NavigationTests {
    typealias F = DashboardFixtures

    @Test func breadcrumbsFollowTheDrillDownAndEscWalksBack() {
        let d = F.dashboard()
        F.press(d, .character("3"))
        #expect(d.breadcrumbs == ["Streams"])
        F.press(d, .enter)
        #expect(d.breadcrumbs == ["Streams", "clickstream"])
        F.press(d, .down, .down, .enter)
        #expect(d.breadcrumbs == ["Streams", "clickstream", "shardId-000000000002"])
        #expect(F.screen(d)[0].contains("Streams › clickstream › shardId-000000000002"))
        #expect(F.screen(d, width: 80, height: 24)[0].contains("Streams › clickstream › shardId-000000000002"),
                "at 80 columns the totals give way to the crumbs")
        F.press(d, .escape)
        #expect(d.breadcrumbs == ["Streams", "clickstream"])
        F.press(d, .escape)
        #expect(d.breadcrumbs == ["Streams"])
        F.press(d, .character("2"), .enter)
        let id = F.ec2(d).detail!
        #expect(d.breadcrumbs == ["EC2", id])
        F.press(d, .escape)
        #expect(d.breadcrumbs == ["EC2"])
    }

    @Test func aliasesJumpToEveryView() {
        let d = F.dashboard()
        let expected: [(String, ViewID)] = [("ec2", .ec2), ("streams", .streams), ("wh", .warehouse), ("warehouse", .warehouse),
                                           ("edge", .edge), ("jobs", .jobs), ("stacks", .stacks), ("events", .events), ("overview", .overview)]
        for (word, view) in expected {
            F.press(d, .character(":"))
            F.type(d, word)
            F.press(d, .enter)
            #expect(d.state.view == view, ":\(word)")
            #expect(d.state.message?.isError != true, ":\(word): \(d.state.message?.text ?? "")")
        }
        // A service's command still runs as a command.
        F.press(d, .character(":"))
        F.type(d, "ec2 describe-instances")
        F.press(d, .enter)
        #expect(d.state.view == .overview)
    }

    @Test func streamAliasDrillsIntoAStreamAndAShard() {
        let d = F.dashboard()
        F.press(d, .character(":"))
        F.type(d, "stream clickstream")
        F.press(d, .enter)
        #expect(d.state.view == .streams && F.streams(d).openStream == "clickstream" && F.streams(d).tail == nil)
        F.press(d, .character(":"))
        F.type(d, "stream clickstream 2")
        F.press(d, .enter)
        #expect(F.streams(d).tail?.shardID == "shardId-000000000002")
        #expect(d.breadcrumbs == ["Streams", "clickstream", "shardId-000000000002"])
        // `:streams` alone climbs back to the top.
        F.press(d, .escape, .character(":"))
        F.type(d, "streams")
        F.press(d, .enter)
        #expect(d.breadcrumbs == ["Streams"])
    }

    @Test func aPathThatDoesNotExistSaysSoAndMovesNothing() {
        let d = F.dashboard()
        F.press(d, .character("2"), .character(":"))
        F.type(d, "stream nosuch")
        F.press(d, .enter)
        #expect(d.state.view == .ec2)
        #expect(d.state.message?.isError == true)
        #expect(d.state.message?.text == ":streams nosuch: no stream named nosuch; streams: clickstream, edge-logs, orders")
        F.press(d, .character(":"))
        F.type(d, "stream clickstream 99")
        F.press(d, .enter)
        #expect(d.state.view == .ec2)
        #expect(d.state.message?.text.contains("has no shard 99") == true)
    }

    @Test func tabCompletesViewNamesAndStreams() {
        let d = F.dashboard()
        let completer = d.completer()
        #expect(completer.candidates(for: "w") == ["warehouse", "wh"])
        #expect(completer.candidates(for: "str").contains("streams"))
        #expect(completer.candidates(for: "stream cl") == ["stream clickstream"])
        #expect(completer.candidates(for: "ja").isEmpty)
        #expect(completer.candidates(for: "jo") == ["jobs"])
        // Typed in the palette, Tab accepts the completion.
        F.press(d, .character(":"))
        F.type(d, "stream cl")
        F.press(d, .tab, .enter)
        #expect(F.streams(d).openStream == "clickstream")
    }

    /// One table: every alias the palette takes is a registered view's name or alias.
    @Test func aliasesLiveInTheRegistry() {
        #expect(ViewRegistry.paletteNames == ["overview", "ec2", "streams", "stream", "warehouse", "wh", "edge", "events", "jobs",
                                              "stacks", "stack"])
        #expect(ViewRegistry.view(alias: "WH") == .warehouse)
    }
}

/// The mouse, through injected events: hit areas come from the last layout.
@Suite struct MouseTests {
    typealias F = DashboardFixtures

    @Test func aClickInTheOtherPaneFocusesItAndSelectsTheRow() {
        let d = F.dashboard()
        F.press(d, .character("2"), .character("|"))
        _ = F.screen(d, width: 120, height: 40)
        let left = d.lastLayout!.panes[0].list!.body
        d.handle(.click(Point(x: left.x + 2, y: left.y + 4)))
        #expect(d.state.focus == 0)
        #expect(d.state.panes[0].view(EC2View.self)!.table.selected == 4)
        #expect(d.state.panes[1].view(EC2View.self)!.table.selected == 0, "the other pane's selection stays")
    }

    @Test func theWheelScrollsThePaneUnderThePointer() {
        let d = F.dashboard()
        F.press(d, .character("2"), .character("_"))
        _ = F.screen(d, width: 120, height: 40)
        let top = d.lastLayout!.panes[0].area
        d.handle(.scroll(3, at: Point(x: 10, y: top.y + 2)))
        #expect(d.state.focus == 0)
        #expect(d.state.panes[0].view(EC2View.self)!.table.selected == 3)
        #expect(d.state.panes[1].view(EC2View.self)!.table.selected == 0)
    }

    @Test func aClickOnATabShowsItsViewInTheFocusedPane() {
        let d = F.dashboard()
        F.press(d, .character("|"))
        _ = F.screen(d, width: 120, height: 40)
        let events = d.lastLayout!.tabs.first { $0.view == .events }!
        d.handle(.click(Point(x: events.columns.lowerBound + 1, y: 1)))
        #expect(d.state.panes[1].current == .events && d.state.panes[0].current == .overview)
    }

    @Test func zoomedTheHiddenPaneTakesNoClicks() {
        let d = F.dashboard()
        F.press(d, .character("2"), .character("|"), .character("z"))
        _ = F.screen(d, width: 120, height: 40)
        let body = d.lastLayout!.panes[1].list!.body
        d.handle(.click(Point(x: 3, y: body.y + 2)))
        #expect(d.state.focus == 1 && d.state.panes[1].view(EC2View.self)!.table.selected == 2)
    }

    @Test func theMouseSettingIsReadFromDashboardYAML() throws {
        #expect(DashboardSettings.defaults.mouse)
        #expect(try DashboardSettings.load("mouse: false\n", file: "dashboard.yaml").mouse == false)
        #expect(try DashboardSettings.load("", file: "dashboard.yaml").mouse)
        #expect(throws: ConfigError.self) { try DashboardSettings.load("mouse: maybe\n", file: "dashboard.yaml") }
        do {
            _ = try DashboardSettings.load("# settings\nmouse: true\nmuose: false\n", file: "dashboard.yaml")
            Issue.record("an unknown key was accepted")
        } catch {
            #expect(error.description.hasPrefix("dashboard.yaml:3"), "\(error.description)")
        }
    }
}
