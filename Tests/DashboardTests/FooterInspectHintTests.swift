@testable import Dashboard
import Estate
import Terminal
import Testing

/// The footer asks the focused view on every frame whether it has something to inspect; views
/// answer without building the inspection (`Inspectable.canInspect`), and the answer must be
/// the inspection's.
@Suite struct FooterInspectHintTests {
    typealias F = DashboardFixtures

    /// The footer offers describe and copy exactly where there is an instance to inspect, asked
    /// without building the inspection.
    @Test func theEC2ViewCanInspectExactlyWhenItHasAnInspection() {
        let d = F.dashboard()
        F.press(d, .character("2"))
        func check(_ what: String) {
            let view = F.ec2(d)
            #expect(view.canInspect == (view.inspection != nil), "\(what)")
            #expect(d.footerActions.contains(.describe) == (view.inspection != nil), "\(what)")
        }
        check("the list")
        F.press(d, .character("/"))
        F.type(d, "no-such-instance-name")
        F.press(d, .enter)
        #expect(F.ec2(d).inspection == nil)
        check("a filter that matches nothing")
        F.press(d, .escape)
        F.press(d, .enter)
        #expect(F.ec2(d).detail != nil)
        check("the details")
    }
}
