@testable import Dashboard
import Estate
import Terminal
import Testing

/// `:perf`: frame times, frames per second, CPU and the simulation's lag; nothing when hidden.
@Suite struct PerfOverlayTests {
    typealias F = DashboardFixtures

    @Test func figuresByHand() {
        let perf = PerfMonitor()
        perf.isShown = true
        _ = perf.tick(nowNanos: 0, speed: 60, isPaused: false)
        // Frames of 1…100 µs to render, 10 µs to diff, 20 µs to write.
        for i in 1...100 { perf.record(renderNanos: Int64(i) * 1000, diffNanos: 10_000, writeNanos: 20_000) }
        perf.recordStep(expectedMilliseconds: 60_000, advancedMilliseconds: 45_000, droppedMilliseconds: 15_000)
        #expect(!perf.tick(nowNanos: 500_000_000, speed: 60, isPaused: false), "not a second yet")
        #expect(perf.tick(nowNanos: 2_000_000_000, speed: 60, isPaused: false))
        let f = perf.figures
        #expect(f.framesPerSecond == 50, "100 frames in 2 s")
        #expect(f.render == PerfFigures.Spread(p50: 50_000, p99: 99_000), "nearest rank of 1…100 µs")
        #expect(f.diff == PerfFigures.Spread(p50: 10_000, p99: 10_000))
        #expect(f.frame == PerfFigures.Spread(p50: 80_000, p99: 129_000))
        #expect(f.keptUp == 0.75)
        #expect(f.droppedMilliseconds == 15_000)
        let text = PerfOverlay.lines(f)
        #expect(text[0].hasPrefix("50.0 fps"))
        #expect(text[2] == "render p50 0.05 ms   p99 0.10 ms")
        #expect(text.last == "sim 45.0× of 60× (75%), 15.0 s dropped")
    }

    @Test func thePaletteTogglesTheOverlay() {
        let d = F.dashboard()
        F.press(d, .character(":"))
        F.type(d, "perf")
        F.press(d, .enter)
        #expect(d.perf.isShown)
        #expect(F.text(d).contains("Performance (:perf hides)"))
        F.press(d, .character(":"))
        F.type(d, "perf")
        F.press(d, .enter)
        #expect(!d.perf.isShown)
        #expect(!F.text(d).contains("Performance (:perf hides)"))
    }

    /// Hidden, the loop reads no clock around frames; shown, it measures each one.
    @Test func hiddenItMeasuresNothingShownItMeasuresFrames() {
        let d = F.dashboard()
        let backend = ScriptedBackend(size: Size(width: 80, height: 24), script: [.key(.character("2")), nil, .key(.down), nil])
        let loop = DashboardLoop(dashboard: d, backend: backend)
        loop.run()
        #expect(!loop.renderer.measuresTiming)
        #expect(loop.renderer.lastWriteNanos == 0 && loop.renderer.lastDiffNanos == 0)

        let shown = F.dashboard()
        shown.perf.isShown = true
        let backend2 = ScriptedBackend(size: Size(width: 80, height: 24), script: [.key(.character("2")), nil, .key(.down), nil])
        let loop2 = DashboardLoop(dashboard: shown, backend: backend2)
        loop2.run()
        #expect(loop2.renderer.measuresTiming)
        #expect(loop2.renderer.lastWriteNanos > 0)
    }
}
