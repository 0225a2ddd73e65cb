@testable import Dashboard
@testable import Estate
import Terminal
import Testing

/// No key crashes the dashboard, in any view or window: every bound key, then seeded random
/// keys, with a frame drawn after each at a changing size.
@Suite struct KeyFuzzTests {
    static let starts: [[Key]] = [
        [], [.character("2")], [.character("2"), .enter], [.character("3")], [.character("3"), .enter],
        [.character("3"), .character("t")], [.character("6")], [.character("2"), .character("l")], [.character(":")],
    ]

    @Test(arguments: 0..<starts.count)
    func everyKeyEverywhere(start: Int) {
        let d = DashboardFixtures.dashboard()
        for key in Self.starts[start] { d.handle(.key(key)) }
        // Every bound key in a fixed order (actions as declared, then views as registered), so a
        // failure replays the same way on every run.
        let bound = Action.allCases.flatMap { Keymap.defaults.keys[$0] ?? [] }
            + ViewRegistry.all.flatMap { Keymap.defaults.viewKeys[$0.id] ?? [] }
        var keys = bound.filter { $0 != .character("q") && $0 != .ctrl("c") }
        var random = SeededRandom(seed: UInt64(start))
        let extra: [Key] = [.left, .right, .delete, .backspace, .insert, .function(5), .ctrl("a"), .backTab, .tab, .enter, .escape]
        for _ in 0..<150 {
            if random.unit() < 0.3 {
                keys.append(extra[random.int(in: 0...(extra.count - 1))])
            } else {
                keys.append(.character(Character(Unicode.Scalar(UInt8(random.int(in: 32...126))))))
            }
        }
        for (i, key) in keys.enumerated() {
            d.handle(.key(key))
            if key == .character("y") || i % 25 == 0 { d.estate.advance(by: .seconds(5)) }
            let width = [120, 80, 33, 7, 1][i % 5], height = [40, 24, 9, 3, 1][i % 5]
            let lines = DashboardFixtures.screen(d, width: width, height: height)
            #expect(lines.count == height)
        }
        d.handle(.click(Point(x: 3, y: 5)))
        d.handle(.scroll(3, at: Point(x: 3, y: 5)))
        #expect(DashboardFixtures.screen(d).count == 40)
    }
}
