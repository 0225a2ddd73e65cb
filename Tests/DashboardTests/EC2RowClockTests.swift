@testable import Dashboard
import Estate
import Terminal
import Testing

/// The EC2 table keeps the rows on screen from one second of the clock to the next and redraws
/// only the rows whose uptime turned over. A row kept too long would show an instance as it was:
/// each test compares the list with the one the view's model draws with nothing prepared.
@Suite struct EC2RowClockTests {
    typealias F = DashboardFixtures

    /// A frame as the loop draws it, every cell with its style.
    static func frame(_ d: Dashboard, size: Size) -> Buffer {
        d.refresh()
        d.arrange(for: size)
        var buffer = Buffer(size: size)
        d.render(into: &buffer)
        return buffer
    }

    /// Where the EC2 list was drawn in the last frame.
    static func listArea(_ d: Dashboard) -> Rect {
        d.lastLayout!.panes[d.state.focus].area
    }

    /// The EC2 list drawn from the view's model with no rows prepared: every row formatted afresh.
    static func listDrawnAfresh(_ d: Dashboard, size: Size) -> Buffer {
        let view = F.ec2(d)
        let layout = d.lastLayout!.panes[d.state.focus]
        var buffer = Buffer(size: size)
        EC2ListPanel.render(view.model, table: layout.list?.table ?? view.table, theme: d.theme, into: &buffer, area: layout.area)
        return buffer
    }

    /// The cells of `area`, row by row.
    static func cells(_ buffer: Buffer, in area: Rect) -> [[Cell]] {
        (area.y..<area.bottom).map { y in (area.x..<area.right).map { x in buffer[x, y] } }
    }

    /// Points inside `area` where two frames differ.
    static func changes(_ a: Buffer, _ b: Buffer, in area: Rect) -> [Point] {
        (area.y..<area.bottom).flatMap { y in (area.x..<area.right).compactMap { x in a[x, y] == b[x, y] ? nil : Point(x: x, y: y) } }
    }

    /// Screen columns of an instance column in a list drawn in `area`.
    static func columns(of column: InstanceRow.Column, listArea area: Rect) -> Range<Int> {
        let inner = Chrome.listPanelInner(area)
        let index = InstanceRow.displayOrder.firstIndex(of: column)!
        let placement = TableColumn.place(InstanceRow.columns, in: inner.width, spacing: 1).first { $0.column == index }!
        return (inner.x + placement.x)..<(inner.x + placement.x + placement.width)
    }

    /// The screen row of the instance `id` in the last frame.
    static func screenRow(of id: String, _ d: Dashboard) -> Int? {
        let view = F.ec2(d)
        guard let list = d.lastLayout!.panes[d.state.focus].list,
              let index = view.model.instances.firstIndex(where: { $0.instanceID == id }) else { return nil }
        return list.body.y + index - list.table.offset
    }

    /// Over two and a half virtual minutes drawn each second, on a screen too short for every
    /// row, with a launch, a rename, a stop, a sort, a filter and scrolling in between, every
    /// frame's list is the one drawn afresh: uptimes that turn over (seconds for the new
    /// instance, minutes for the rest), the metrics samples' sparklines, and each change.
    @Test func everyFrameOfARunningEstateMatchesTheListDrawnAfresh() {
        let d = F.dashboard()
        d.estate.pause()
        F.press(d, .character("2"))
        let size = Size(width: 120, height: 14)
        let runner = CommandRunner(estate: d.estate)
        var launched: String?
        for second in 0..<150 {
            switch second {
            case 3:
                _ = runner.run("ec2 run-instances --instance-type c4.large --tag-specifications Name=aa-fresh")
                launched = d.estate.ec2.instances.first { $0.name == "aa-fresh" }?.instanceID
            case 30:
                let id = d.estate.ec2.instances.first { $0.name == "web-2" }!.instanceID
                _ = runner.run("ec2 create-tags --resources \(id) --tags Key=Name,Value=web-2-renamed")
            case 45:
                let id = d.estate.ec2.instances.first { $0.name == "api-1" }!.instanceID
                _ = runner.run("ec2 stop-instances --instance-ids \(id)")
            case 60: F.press(d, .pageDown)
            case 75: F.press(d, .character("o"))  // sort by the next column
            case 90: F.press(d, .character("O"))  // and reverse it
            case 105:
                F.press(d, .character("/"))
                F.type(d, "w")
                F.press(d, .enter)
            case 120: F.press(d, .escape)
            case 130: F.press(d, .end)
            default: break
            }
            let frame = Self.frame(d, size: size)
            let area = Self.listArea(d)
            #expect(Self.cells(frame, in: area) == Self.cells(Self.listDrawnAfresh(d, size: size), in: area),
                    "second \(second): the list differs from the one drawn afresh")
            d.estate.advance(by: .seconds(1))
        }
        #expect(launched != nil)
    }

    /// With one instance running, a metrics sample changes its CPU cell and nothing else in the
    /// list (its uptime does not turn over in that second).
    @Test func aMetricsSampleChangesTheOneRunningInstancesCPUCellAndNothingElse() {
        let d = F.dashboard()
        d.estate.pause()
        F.press(d, .character("2"))
        let size = Size(width: 120, height: 40)
        let runner = CommandRunner(estate: d.estate)
        // Find the second a metrics sample falls in: the CPU history moves then and only then.
        let probe = d.estate.ec2.instances.first { $0.state == .running }!.instanceID
        func history() -> [Double] { d.estate.ec2.instance(probe)!.metrics.cpuPercent.values }
        var before = history()
        var seconds = 0
        repeat {
            d.estate.advance(by: .seconds(1))
            seconds += 1
        } while history() == before && seconds < 120
        #expect(seconds < 120, "a metrics sample within two minutes")
        let afterSample = d.estate.now
        // The next sample falls 60 s after the one found, within the second before
        // `afterSample + 60 s`. Keep one running instance whose uptime does not turn over then.
        let justBefore = afterSample + .seconds(59), justAfter = afterSample + .seconds(60)
        let running = d.estate.ec2.instances.filter { $0.state == .running }
        guard let kept = running.first(where: { i in
            let since = i.runningSince!
            return Format.age(justBefore - since) == Format.age(justAfter - since)
        }) else {
            Issue.record("every running instance's uptime turns over at the sample")
            return
        }
        let others = running.filter { $0.instanceID != kept.instanceID }.map(\.instanceID)
        _ = runner.run("ec2 stop-instances --instance-ids \(others.joined(separator: " "))")
        d.estate.advance(by: (justBefore - .seconds(1)) - d.estate.now)
        _ = Self.frame(d, size: size)
        d.estate.advance(by: .seconds(1))
        #expect(d.estate.now == justBefore)
        #expect(d.estate.ec2.instances.filter { $0.state == .running }.map(\.instanceID) == [kept.instanceID])
        before = d.estate.ec2.instance(kept.instanceID)!.metrics.cpuPercent.values
        let quiet = Self.frame(d, size: size)
        let area = Self.listArea(d)
        d.estate.advance(by: .seconds(1))
        let sampled = Self.frame(d, size: size)
        #expect(d.estate.ec2.instance(kept.instanceID)!.metrics.cpuPercent.values != before, "the sample fell in this second")
        #expect(Self.cells(sampled, in: area) == Self.cells(Self.listDrawnAfresh(d, size: size), in: area))
        let changed = Self.changes(quiet, sampled, in: area)
        let row = Self.screenRow(of: kept.instanceID, d)
        let cpu = Self.columns(of: .cpu, listArea: area)
        #expect(!changed.isEmpty, "the CPU cell shows the new sample")
        #expect(changed.allSatisfy { $0.y == row && cpu.contains($0.x) }, "only the CPU cell of \(kept.instanceID) changed: \(changed)")
    }

    /// A second in which one uptime turns over (the new instance counts seconds) redraws that
    /// uptime and nothing else in the list, laying out that one row alone.
    @Test func aSecondOfTheClockChangesOnlyTheUptimeThatTurnedOver() {
        let d = F.dashboard()
        d.estate.pause()
        F.press(d, .character("2"))
        let size = Size(width: 120, height: 40)
        _ = CommandRunner(estate: d.estate).run("ec2 run-instances --instance-type c4.large --tag-specifications Name=aa-fresh")
        let id = d.estate.ec2.instances.first { $0.name == "aa-fresh" }!.instanceID
        var seconds = 0
        while d.estate.ec2.instance(id)!.state != .running, seconds < 120 {
            d.estate.advance(by: .seconds(1))
            seconds += 1
        }
        let since = d.estate.ec2.instance(id)!.runningSince!
        // Every other uptime counts minutes: pick a second in which none of them turns over.
        let others = d.estate.ec2.instances.filter { $0.instanceID != id }.compactMap(\.runningSince)
        var next = d.estate.now
        func turnsOver(_ from: SimInstant) -> Bool {
            others.contains { Format.age(from - $0) != Format.age(from + .seconds(1) - $0) }
        }
        while turnsOver(next) || next - since >= .seconds(58) { next = next + .milliseconds(100) }
        #expect(next - since < .seconds(58), "a quiet second while the new instance counts seconds")
        d.estate.advance(by: next - d.estate.now)
        let earlier = Self.frame(d, size: size)
        d.estate.advance(by: .seconds(1))
        let later = Self.frame(d, size: size)
        let area = Self.listArea(d)
        #expect(Self.cells(later, in: area) == Self.cells(Self.listDrawnAfresh(d, size: size), in: area))
        let changed = Self.changes(earlier, later, in: area)
        let uptime = Self.columns(of: .uptime, listArea: area)
        #expect(!changed.isEmpty, "the new instance's uptime moved on a second")
        #expect(changed.allSatisfy { $0.y == Self.screenRow(of: id, d) && uptime.contains($0.x) }, "only its uptime changed: \(changed)")
        #expect(F.ec2(d).rowCells.cache.laidOut == 1)
    }
}
