@testable import Dashboard
import Estate
import Terminal
import Testing

/// The EC2 table keeps its rows' images between models and lays out again only the rows whose
/// cells changed. A stale image would show an instance as it was: each test compares the frame
/// with the one a dashboard that has cached nothing draws over the same estate.
@Suite struct EC2RowCacheTests {
    typealias F = DashboardFixtures

    /// The EC2 view's frame drawn by a new dashboard over `estate`: every row drawn afresh.
    static func uncached(_ estate: Estate) -> [String] {
        let d = Dashboard(estate: estate)
        F.press(d, .character("2"))
        return F.screen(d)
    }

    @Test func aRenamedInstanceShowsItsNewNameAndOnlyItsRowIsLaidOut() {
        let d = F.dashboard()
        d.estate.pause()
        F.press(d, .character("2"))
        let before = F.screen(d)
        let id = F.ec2(d).model.instances[3].instanceID
        _ = CommandRunner(estate: d.estate).run("ec2 create-tags --resources \(id) --tags Key=Name,Value=renamed-row")
        let after = F.screen(d)
        #expect(after != before)
        #expect(after.contains { $0.contains("renamed-row") && $0.contains(id) })
        #expect(after == Self.uncached(d.estate))
        // Sorted by name, the other rows may move; their cells did not change, so they are reused.
        #expect(F.ec2(d).rowCells.cache.laidOut == 1)
    }

    @Test func aStoppedInstanceShowsItsNewState() {
        let d = F.dashboard()
        d.estate.pause()
        F.press(d, .character("2"))
        let before = F.screen(d)
        let instance = F.ec2(d).model.instances.first { $0.state == .running }!
        _ = CommandRunner(estate: d.estate).run("ec2 stop-instances --instance-ids \(instance.instanceID)")
        let after = F.screen(d)
        #expect(after != before)
        #expect(after.contains { $0.contains(instance.instanceID) && $0.contains("stopping") })
        #expect(after == Self.uncached(d.estate))
    }

    /// A second of the clock changes few rows (uptimes count minutes after the first one):
    /// exactly those are laid out, and the frame is what drawing every row gives.
    @Test func aSecondOfTheClockLaysOutOnlyTheRowsThatChanged() {
        let d = F.dashboard()
        d.estate.pause()
        // Half way through a minute, so no uptime in minutes turns over in the next second.
        d.estate.advance(by: .milliseconds(90_000 - d.estate.now.milliseconds % 60_000))
        F.press(d, .character("2"))
        _ = F.screen(d)
        let view = F.ec2(d)
        let width = EC2ListPanel.cpuWidth(tableWidth: view.rowCells.width)
        func cells(_ now: SimInstant) -> [[TableCell]] {
            d.estate.ec2.instances.sorted { ($0.name ?? "", $0.instanceID) < ($1.name ?? "", $1.instanceID) }
                .map { InstanceRow.cells($0, now: now, theme: d.theme, cpuWidth: width) }
        }
        let earlier = cells(d.estate.now)
        d.estate.advance(by: .seconds(1))
        let later = cells(d.estate.now)
        let changed = zip(earlier, later).filter { $0 != $1 }.count
        let frame = F.screen(d)
        #expect(F.ec2(d).rowCells.cache.laidOut == changed)
        #expect(changed < earlier.count, "most rows read the same a second later")
        #expect(frame == Self.uncached(d.estate))
    }
}
