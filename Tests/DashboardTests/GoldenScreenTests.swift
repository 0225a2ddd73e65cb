@testable import Dashboard
import Estate
import Terminal
import Testing

/// Every view at the two sizes people use most, compared with reviewed text screens.
@Suite struct GoldenScreenTests {
    typealias F = DashboardFixtures

    /// Each screen: a name and the keys that lead to it from the Overview.
    static let screens: [(String, [Key])] = [
        ("overview", []),
        ("ec2", [.character("2")]),
        ("ec2-sorted-by-cpu", [.character("2"), .character("o"), .character("o"), .character("o"), .character("o"), .character("O")]),
        ("ec2-details", [.character("2"), .down, .enter]),
        ("events", [.character("6")]),
        ("warehouse", [.character("4")]),
        ("help", [.character("2"), .character("?")]),
        ("launch-menu", [.character("2"), .character("l"), .character("c"), .character("7"), .character("g"), .character(".")]),
    ]

    @Test(arguments: screens.map(\.0), [(120, 40), (80, 24)] as [(Int, Int)])
    func screen(name: String, size: (Int, Int)) {
        let dashboard = F.dashboard()
        for key in Self.screens.first { $0.0 == name }!.1 { dashboard.handle(.key(key)) }
        Golden.check(F.screen(dashboard, width: size.0, height: size.1), name: "\(name)-\(size.0)x\(size.1)")
    }

    @Test func paletteShowsTheReplyOfACommand() {
        let dashboard = F.dashboard()
        F.press(dashboard, .character(":"))
        F.type(dashboard, "ec2 describe-instances --filters Name=tag:Name,Values=web-1")
        F.press(dashboard, .enter)
        Golden.check(F.screen(dashboard), name: "palette-120x40")
    }

    /// The console after a two-line statement ran: its result grid, and the query in the live list.
    @Test(arguments: [(120, 40), (80, 24)] as [(Int, Int)])
    func warehouseConsoleShowsTheResult(size: (Int, Int)) {
        let dashboard = F.dashboard()
        F.press(dashboard, .character("4"), .character("e"))
        F.type(dashboard, "SELECT region, COUNT(*) AS customers FROM customers")
        F.press(dashboard, .enter)
        F.type(dashboard, "GROUP BY region ORDER BY 1;")
        F.press(dashboard, .enter)
        dashboard.estate.advance(by: .seconds(3))
        Golden.check(F.screen(dashboard, width: size.0, height: size.1), name: "warehouse-console-\(size.0)x\(size.1)")
    }
}
