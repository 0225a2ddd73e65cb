@testable import Estate
import Testing

@Suite struct SchedulerTests {
    @Test func runsByDueTimeThenInsertionOrder() {
        let scheduler = Scheduler()
        var order: [String] = []
        scheduler.schedule(after: .seconds(2)) { order.append("b@2") }
        scheduler.schedule(after: .seconds(1)) { order.append("a@1") }
        scheduler.schedule(after: .seconds(2)) { order.append("c@2") }
        scheduler.schedule(after: .seconds(1)) { order.append("d@1") }
        scheduler.advance(by: .seconds(5))
        #expect(order == ["a@1", "d@1", "b@2", "c@2"])
        #expect(scheduler.now == SimInstant(milliseconds: 5000))
    }

    @Test func eachTaskSeesItsOwnDueTime() {
        let scheduler = Scheduler()
        var seen: [Int64] = []
        scheduler.schedule(after: .milliseconds(250)) { seen.append(scheduler.now.milliseconds) }
        scheduler.schedule(after: .milliseconds(900)) { seen.append(scheduler.now.milliseconds) }
        scheduler.advance(to: SimInstant(milliseconds: 1000))
        #expect(seen == [250, 900])
    }

    @Test func tasksScheduledDuringAnAdvanceRunInTheSameAdvance() {
        let scheduler = Scheduler()
        var ticks = 0
        func tick() {
            ticks += 1
            scheduler.schedule(after: .seconds(1), tick)
        }
        scheduler.schedule(after: .seconds(1), tick)
        scheduler.advance(by: .seconds(10))
        #expect(ticks == 10)
        scheduler.advance(by: .milliseconds(999))
        #expect(ticks == 10)
    }

    @Test func cancelledTasksDoNotRun() {
        let scheduler = Scheduler()
        var ran = false
        let id = scheduler.schedule(after: .seconds(1)) { ran = true }
        scheduler.cancel(id)
        scheduler.advance(by: .seconds(2))
        #expect(!ran)
        #expect(scheduler.pendingCount == 0)
    }

    @Test func pastDueTimesRunNowNotBeforeNow() {
        let scheduler = Scheduler()
        scheduler.advance(by: .seconds(10))
        var at: SimInstant?
        scheduler.schedule(at: SimInstant(milliseconds: 1)) { at = scheduler.now }
        scheduler.advance(by: .zero)
        #expect(at == SimInstant(milliseconds: 10_000))
    }

    @Test(arguments: [("90s", 90_000), ("5m", 300_000), ("1h30m", 5_400_000), ("250ms", 250), ("2d", 172_800_000), ("1.5", 1500)] as [(String, Int64)])
    func durationsParse(text: String, milliseconds: Int64) {
        #expect(SimDuration.parse(text) == SimDuration(milliseconds: milliseconds))
    }

    @Test(arguments: ["", "abc", "5x", "-3s", "m5", "1h-2m"])
    func badDurationsAreRejected(text: String) {
        #expect(SimDuration.parse(text) == nil)
    }

    @Test func calendarRendersTheVirtualEpoch() {
        #expect(SimCalendar.iso8601(.zero) == "2026-01-01T00:00:00.000Z")
        #expect(SimCalendar.iso8601(SimInstant(milliseconds: 86_400_000 * 59 + 3_723_004)) == "2026-03-01T01:02:03.004Z")
        #expect(SimCalendar.unixSeconds(.zero) == 1_767_225_600)
    }
}
