@testable import Dashboard
import Estate
import Terminal
import Testing

@Suite struct JobsViewTests {
    typealias F = DashboardFixtures

    static func jobs(_ d: Dashboard) -> JobsView { d.focused(JobsView.self)! }

    /// The default estate running the sessionizer (off by default for its cost) in place of its
    /// edge-status job, after ten virtual minutes, as the other dashboard tests see the estate.
    static func dashboard() -> Dashboard {
        let yaml = DefaultConfig.estateYAML.replacingOccurrences(of: "jobs:\n  - edge-status\n  - { name: sessionizer, start: false }\n", with: "jobs: [sessionizer]\n")
        precondition(yaml != DefaultConfig.estateYAML, "estate.yaml's jobs: section changed; update this test's replacement")
        let estate = try! EstateBuilder.build(yaml: yaml, file: "estate.yaml", seed: 42)
        let dashboard = Dashboard(estate: estate)
        estate.advance(by: .minutes(10))
        return dashboard
    }

    @Test func screenNameKeyAndGoldenScreens() {
        #expect(ViewRegistry.named("jobs") == .jobs)
        #expect(ViewRegistry.registration(.jobs)?.key == "7")
        let d = Self.dashboard()
        F.press(d, .character("7"))
        #expect(d.state.view == .jobs)
        Golden.check(F.screen(d), name: "jobs-120x40")
        Golden.check(F.screen(d, width: 80, height: 24), name: "jobs-80x24")
    }

    /// The table reads the application as kinesisanalyticsv2 describes it: RUNNING at the job
    /// file's parallelism, a checkpoint a minute, and a restart counted after a task manager dies.
    @Test func tableShowsStatusParallelismCheckpointAndRestarts() throws {
        let d = Self.dashboard()
        F.press(d, .character("7"))
        _ = F.screen(d)
        let job = try #require(Self.jobs(d).jobs.first)
        #expect(job.name == "sessionizer" && job.status == "RUNNING" && job.parallelism == 2 && job.restarts == 0)
        // A checkpoint every 60 s: the last is under a minute old, and a minute later the next
        // one is exactly as old, numbered one more.
        let checkpoint = try #require(job.checkpoint)
        #expect(checkpoint.ageMilliseconds < 60_000 && checkpoint.id >= 9)
        #expect((150...250).contains(job.recordsInPerSecond), "about the clickstream producer's 200 a second")
        #expect(F.text(d).contains("#\(checkpoint.id) · \(checkpoint.ageMilliseconds / 1000)s ago"))
        d.estate.advance(by: .seconds(60))
        _ = F.screen(d)
        let next = try #require(Self.jobs(d).jobs.first?.checkpoint)
        #expect(next.id == checkpoint.id + 1 && next.ageMilliseconds == checkpoint.ageMilliseconds)

        _ = CommandRunner(estate: d.estate).run("sim job fail sessionizer")
        d.estate.advance(by: .seconds(1))
        let text = F.text(d)
        #expect(Self.jobs(d).jobs.first?.restarts == 1)
        #expect(text.contains("sessionizer") && text.contains("RUNNING"))
    }

    @Test func operatorGraphHasABoxPerChainAndArrowsLabelledByShipStrategy() {
        let d = Self.dashboard()
        F.press(d, .character("7"))
        let text = F.text(d)
        for title in ["Source: Kinesis(clickstream)", "events-per-user", "views-per-page", "totals-per-minute"] {
            #expect(text.contains("┌ \(title) "), "a box titled \(title)")
        }
        #expect(text.contains(" HASH ─") && text.contains(" REBALANCE ─▶"))
        #expect(text.contains("wm lag"))
        #expect(text.contains("bp OK"))
    }

    /// The search panel follows the index as the job writes it, and `i` moves to the job's
    /// other index.
    @Test func searchPanelRefreshesLiveAndCyclesIndices() throws {
        let d = Self.dashboard()
        F.press(d, .character("7"))
        _ = F.screen(d)
        let first = try #require(Self.jobs(d).detail?.search)
        #expect(first.index == "user-activity" && first.position == 0 && first.of == 2)
        #expect(first.documentCount == d.estate.search.index(named: "user-activity")?.documentCount)
        #expect(first.documentCount > 0)
        #expect(first.perMinute.reduce(0, +) == first.documentCount, "every document of the last two hours is in a bar")
        #expect(first.newest.first?.id == d.estate.search.newestHits(index: "user-activity", count: 1).first?.id)
        #expect(F.text(d).contains("Search · user-activity · \(Format.count(first.documentCount)) docs"))

        d.estate.advance(by: .minutes(2))
        _ = F.screen(d)
        let later = try #require(Self.jobs(d).detail?.search)
        #expect(later.documentCount > first.documentCount)

        F.press(d, .character("i"))
        _ = F.screen(d)
        #expect(Self.jobs(d).detail?.search?.index == "page-views")
        #expect(F.text(d).contains("Search · page-views"))
        F.press(d, .character("i"))
        #expect(Self.jobs(d).detail?.search?.index == "user-activity")
    }

    @Test func windowOutputPaneShowsTheLatestFirings() throws {
        let d = Self.dashboard()
        F.press(d, .character("7"))
        _ = F.screen(d)
        let results = try #require(Self.jobs(d).detail?.windowResults)
        let last = try #require(results.last)
        let line = JobPanels.windowLine(last, theme: d.theme).plainText
        #expect(line.hasPrefix("\(JobsFormat.time(last.start))–\(JobsFormat.time(last.end)) \(last.output) "))
        #expect(F.text(d).contains("Window output"))
    }

    @Test func overviewTileAndHelpListTheJobs() {
        let d = Self.dashboard()
        let overview = F.text(d)
        #expect(overview.contains("Stream jobs"))
        #expect(overview.contains("sessionizer    RUNNING  in 200/s"))
        F.press(d, .character("7"), .character("?"))
        #expect(F.text(d).contains("next search index of the job"))
    }

    /// Drawn into a fixed area from hand-made vertices; every cell below was worked out from the
    /// placement rules: source box 30 wide centred on the stack, output boxes 54 wide on the
    /// right, a 16-column connector with its trunk one column after the source box.
    @Test func graphIsDrawnExactly() {
        func v(_ name: String, p: Int, ship: String, out: Double, bp: Double, lag: Int64?, late: Int = 0) -> OperatorVertexInfo {
            OperatorVertexInfo(name: name, parallelism: p, shipStrategy: ship, recordsInPerSecond: 200, recordsOutPerSecond: out,
                               backpressure: bp, watermarkLagMilliseconds: lag, lateRecords: late)
        }
        let vertices = [
            v("Source: Kinesis(s) -> Map", p: 2, ship: "SOURCE", out: 200, bp: 0, lag: nil),
            v("by-user: TumblingWindow(1m) -> Aggregate(events) -> Sink: Search(u)", p: 2, ship: "HASH", out: 8, bp: 0, lag: 5200, late: 3),
            v("totals: TumblingWindow(1m) -> Aggregate(n) -> Sink: Table(t)", p: 1, ship: "REBALANCE", out: 1, bp: 0.75, lag: 5200),
        ]
        var buffer = Buffer(width: 100, height: 11)
        OperatorGraph.render(vertices, millisBehindLatest: 120, theme: .defaults, into: &buffer, area: buffer.area)
        func pad(_ s: String, _ n: Int) -> String { s + String(repeating: " ", count: n - s.count) }
        func sp(_ n: Int) -> String { String(repeating: " ", count: n) }
        func dash(_ n: Int) -> String { String(repeating: "─", count: n) }
        let expected = [
            sp(46) + "┌ by-user " + dash(43) + "┐",
            sp(46) + "│ " + "TumblingWindow(1m) → Aggregate(events) → Sink: Se…" + " │",
            sp(31) + "┌─ HASH " + dash(6) + "▶│ " + pad("p2 · in 200/s · out 8/s", 50) + " │",
            "┌ Source: Kinesis(s) " + dash(8) + "┐ │" + sp(14) + "│ " + pad("bp OK 0% · wm lag 5.2 s · late 3", 50) + " │",
            "│ " + pad("Map", 26) + " │ │" + sp(14) + "└" + dash(52) + "┘",
            "│ " + pad("p2 · in 200/s · out 200/s", 26) + " ├─┤" + sp(68),
            "│ " + pad("bp OK 0% · behind 120 ms", 26) + " │ │" + sp(14) + "┌ totals " + dash(44) + "┐",
            "└" + dash(28) + "┘ │" + sp(14) + "│ " + "TumblingWindow(1m) → Aggregate(n) → Sink: Table(t)" + " │",
            sp(31) + "└─ REBALANCE ─▶│ " + pad("p1 · in 200/s · out 1/s", 50) + " │",
            sp(46) + "│ " + pad("bp HIGH 75% · wm lag 5.2 s", 50) + " │",
            sp(46) + "└" + dash(52) + "┘",
        ]
        #expect(buffer.lines == expected)
    }

    /// Rendering the Jobs view with a job running changes nothing, at every size the purity
    /// suite uses.
    @Test func renderingTheJobsViewIsPure() {
        let d = Self.dashboard()
        F.press(d, .character("7"), .down, .character("i"))
        d.estate.advance(by: .seconds(2))
        d.refresh()
        RenderPurityTests.expectPure(d, "jobs")
    }

    @Test func connectorGlyphsFollowTheSidesTheyJoin() {
        var grid = ConnectorGrid()
        grid.horizontal(y: 1, from: 0, to: 2)
        grid.vertical(x: 2, from: 0, to: 2)
        grid.horizontal(y: 0, from: 2, to: 3)
        grid.horizontal(y: 2, from: 2, to: 3)
        let glyphs = Dictionary(uniqueKeysWithValues: grid.glyphs().map { ("\($0.0.x),\($0.0.y)", $0.1) })
        #expect(glyphs["0,1"] == "─" && glyphs["1,1"] == "─")
        #expect(glyphs["2,1"] == "┤")
        #expect(glyphs["2,0"] == "┌" && glyphs["2,2"] == "└")
        #expect(glyphs["3,0"] == "─")
    }

    @Test func backpressureGradesAsFlinksUI() {
        #expect(BackpressureLevel(0) == .ok && BackpressureLevel(0.10) == .ok)
        #expect(BackpressureLevel(0.11) == .low && BackpressureLevel(0.50) == .low)
        #expect(BackpressureLevel(0.51) == .high && BackpressureLevel(1) == .high)
    }

    /// The default estate creates the sessionizer READY; S on its row starts it through
    /// StartApplication and s stops it through StopApplication, as the CLI would.
    @Test func startAndStopTheSelectedJobFromItsRow() throws {
        let d = F.dashboard()
        F.press(d, .character("7"))
        _ = F.screen(d)
        #expect(Self.jobs(d).jobs.map(\.name) == ["edge-status", "sessionizer"])
        #expect(d.estate.jobs.application(named: "sessionizer")?.status == .ready)
        F.press(d, .character("j"))
        #expect(Self.jobs(d).selectedJobName == "sessionizer")
        F.press(d, .character("S"))
        #expect(d.estate.jobs.application(named: "sessionizer")?.status == .starting)
        d.estate.advance(by: .minutes(2))
        #expect(d.estate.jobs.application(named: "sessionizer")?.status == .running)
        #expect(d.estate.jobs.application(named: "edge-status")?.status == .running, "only the selected job changes")
        #expect((d.estate.search.index(named: "user-activity")?.documentCount ?? 0) > 0, "once running it counts clicks per user")
        F.press(d, .character("s"))
        #expect(d.estate.jobs.application(named: "sessionizer")?.status == .stopping)
        d.estate.advance(by: .minutes(1))
        #expect(d.estate.jobs.application(named: "sessionizer")?.status == .ready)
        // Starting a running job is the service's error, shown in the footer; nothing changes.
        F.press(d, .character("k"), .character("S"))
        #expect(d.estate.jobs.application(named: "edge-status")?.status == .running)
        #expect(F.text(d).contains("ResourceInUseException"))
    }

    @Test func anEstateWithoutJobsSaysHowToStartOne() {
        let estate = try! EstateBuilder.build(yaml: "name: bare\nseed: 1\n", file: "estate.yaml")
        let d = Dashboard(estate: estate)
        F.press(d, .character("7"))
        #expect(F.text(d).contains("No stream jobs."))
        #expect(!F.text(d, width: 120, height: 40).isEmpty)
    }
}
