@testable import Dashboard
@testable import Estate
import Foundation
import Terminal
import Testing

/// A backend that plays a script of input, notes how long the loop was willing to wait each time
/// it found none, and presses `q` when the script runs out.
final class ScriptedBackend: TerminalBackend {
    let screen: MemoryBackend
    var script: [InputEvent?]
    private(set) var requestedTimeouts: [Int] = []

    init(size: Size, script: [InputEvent?]) {
        screen = MemoryBackend(size: size)
        self.script = script
    }

    var size: Size { screen.size }
    func draw(_ changes: [(Point, Cell)]) { screen.draw(changes) }
    func flush() { screen.flush() }
    func clear() { screen.clear() }
    func copyToClipboard(_ text: String) { screen.copyToClipboard(text) }

    /// nil entries in the script stand for "nothing arrived before the timeout".
    func readEvent(timeoutMilliseconds: Int) -> InputEvent? {
        guard !script.isEmpty else { return .key(.character("q")) }
        if timeoutMilliseconds == 0, script.first! == nil { return nil }  // a non-blocking drain finds nothing
        let next = script.removeFirst()
        if next == nil {
            requestedTimeouts.append(timeoutMilliseconds)
            // Let some real time pass, as a real wait would, but never long enough to slow the tests.
            usleep(UInt32(min(max(timeoutMilliseconds, 0), 60)) * 1000)
        }
        return next
    }

    var frames: Int { screen.cellsDrawnPerFlush.count }
}

@Suite struct LoopTests {
    @Test func aBurstOfKeysIsDrawnAsOneFrameNotOnePerKey() {
        let d = DashboardFixtures.dashboard()
        // The keys, then quiet moments (nil) in which the loop draws, then `q`.
        let keys: [InputEvent?] = [.key(.character("2"))] + (0..<300).map { .key(.character($0 % 2 == 0 ? "j" : "k")) } + [nil, nil, nil]
        let backend = ScriptedBackend(size: Size(width: 120, height: 40), script: keys)
        DashboardLoop(dashboard: d, backend: backend).run()
        #expect(d.shouldQuit)
        #expect(backend.script.isEmpty, "every key was handled")
        // At most a frame per drained batch, plus one when the header clock ticks: never one per key.
        #expect(backend.frames <= 5, "\(backend.frames) frames for 301 keys")
        #expect(backend.screen.lines.joined().contains("EC2 instances"))
    }

    @Test func aPausedDashboardSleepsAFullSecondAtATime() {
        let d = DashboardFixtures.dashboard()
        d.estate.pause()
        let backend = ScriptedBackend(size: Size(width: 80, height: 24), script: [nil, nil, nil])
        DashboardLoop(dashboard: d, backend: backend).run()
        #expect(backend.requestedTimeouts == [1000, 1000, 1000])
        #expect(backend.frames == 1, "nothing changed, so nothing was drawn after the first frame")
    }

    @Test func atSpeedOneItWakesForTheNextSecondOfTheClockOnly() {
        let d = DashboardFixtures.dashboard()
        let backend = ScriptedBackend(size: Size(width: 80, height: 24), script: [nil, nil])
        DashboardLoop(dashboard: d, backend: backend).run()
        // The estate's producers have work due every 100 virtual ms; the loop does not wake for it.
        #expect(backend.requestedTimeouts.count == 2)
        #expect(backend.requestedTimeouts.allSatisfy { $0 > 100 && $0 <= 1000 }, "\(backend.requestedTimeouts)")
    }

    @Test func aFollowingTailRefreshesTenTimesASecond() {
        let d = DashboardFixtures.dashboard()
        d.handle(.key(.character("3")))
        d.handle(.key(.character("t")))
        let backend = ScriptedBackend(size: Size(width: 80, height: 24), script: [nil, nil])
        DashboardLoop(dashboard: d, backend: backend).run()
        #expect(backend.requestedTimeouts.count == 2)
        #expect(backend.requestedTimeouts.allSatisfy { $0 <= 100 }, "\(backend.requestedTimeouts)")
    }
}
