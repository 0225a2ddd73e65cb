@testable import Dashboard
@testable import Estate
import Terminal
import Testing

/// The loop draws only when what is visible changed: an event of a service the view does not
/// show, or time passing within the second the header shows, asks for no frame.
@Suite struct RedrawTests {
    typealias F = DashboardFixtures

    static func settled(_ d: Dashboard) {
        d.refresh()
        d.needsRedraw = false
    }

    @Test func theEC2ViewRedrawsForEC2AndTheClockOnly() {
        let d = F.dashboard()
        d.estate.pause()
        F.press(d, .character("2"))
        Self.settled(d)
        _ = CommandRunner(estate: d.estate).run("kinesis create-stream --stream-name quiet --shard-count 1")
        d.refresh()
        #expect(!d.needsRedraw, "a Kinesis event does not change the EC2 view")
        let id = d.estate.ec2.instances[0].instanceID
        _ = CommandRunner(estate: d.estate).run("ec2 stop-instances --instance-ids \(id)")
        d.refresh()
        #expect(d.needsRedraw, "an EC2 event does")
    }

    @Test func timeWithinTheSecondShownAsksForNoFrame() {
        let d = F.dashboard()
        F.press(d, .character("2"))
        let ms = d.estate.now.milliseconds % 1000
        d.estate.advance(by: .milliseconds(1000 - ms))  // to the start of a second
        Self.settled(d)
        d.estate.advance(by: .milliseconds(300))
        d.refresh()
        #expect(!d.needsRedraw)
        d.estate.advance(by: .milliseconds(700))
        d.refresh()
        #expect(d.needsRedraw, "the header's clock moved on a second")
    }
}
