import Estate
import Terminal

/// The interactive loop: input, the virtual clock in step with the wall clock, and frames.
///
/// It sleeps in the backend's input wait until the next thing worth showing: a key, a scheduled
/// event, or the next second of the header clock. Frames are drawn at most `framesPerSecond`
/// times a second and only when something changed, so an idle dashboard costs nothing and a
/// flood of events is drawn as one frame rather than one frame per event.
public final class DashboardLoop {
    public let dashboard: Dashboard
    public let backend: any TerminalBackend
    let renderer: Renderer
    public var framesPerSecond = 20
    /// The most wall time one step may make up for. Idle waits last up to a second; a longer gap
    /// means the simulation could not keep up (or the process was stopped), and then it falls
    /// behind rather than starving input while it catches up.
    public var maximumStepWallMilliseconds = 1500.0
    /// The most wall time one step may spend simulating before input is read again.
    public var stepBudget = Duration.milliseconds(50)
    /// Work handed over from other threads (network requests), run here between clock steps so
    /// the estate keeps one thread; its effects show in the same frame as everything else.
    public var externalWork: (() -> Void)?
    /// While `externalWork` is set, the longest the loop waits for input before looking for it:
    /// curses' input wait cannot be woken from another thread, so this bounds a request's latency.
    public var externalWorkPollMilliseconds = 5
    /// While the config files are watched, the least time between two looks at them. The loop
    /// wakes at least once a second anyway (the header clock), and a look is a `stat` per file, so
    /// looking on those wakes puts an edit on screen within about a second and adds no wake-ups:
    /// the idle dashboard's CPU stays what `bench tui` measured. The limit keeps a loop that wakes
    /// often (ten frames a second at speed 10, `--listen`) to about one look a second as well:
    /// looking on every wake cost it five `stat`s a frame. It is a little under a second so that
    /// the idle loop, waking once a second, still looks on every wake.
    public var settingsLookMilliseconds = 900

    /// Where the `:perf` figures count wall time from.
    private var perfEpoch: ContinuousClock.Instant?

    public init(dashboard: Dashboard, backend: any TerminalBackend) {
        self.dashboard = dashboard
        self.backend = backend
        renderer = Renderer(backend: backend)
    }

    public func run() {
        let clock = ContinuousClock()
        var lastTick = clock.now
        var lastFrame = clock.now - .seconds(1)
        var carriedMilliseconds = 0.0
        let frameInterval = Duration.milliseconds(1000 / max(1, framesPerSecond))
        // The estate may have moved since the models were last refreshed: start from it as it is.
        dashboard.refresh()
        draw()
        lastFrame = clock.now
        var lastSettingsLook = clock.now
        while !dashboard.shouldQuit {
            var timeout = dashboard.needsRedraw ? max(1, milliseconds(frameInterval - (clock.now - lastFrame))) : idleTimeout()
            if externalWork != nil { timeout = min(timeout, externalWorkPollMilliseconds) }
            if let event = backend.readEvent(timeoutMilliseconds: timeout) {
                handle(event)
                // Take every key already typed before drawing, so a burst never waits a frame per key.
                var drained = 0
                while drained < 256, !dashboard.shouldQuit, let more = backend.readEvent(timeoutMilliseconds: 0) {
                    handle(more)
                    drained += 1
                }
            }
            let now = clock.now
            let wallMilliseconds = min(Double(milliseconds(now - lastTick)), maximumStepWallMilliseconds)
            lastTick = now
            let estate = dashboard.estate
            if !estate.isPaused {
                carriedMilliseconds += wallMilliseconds * estate.speed
                let whole = carriedMilliseconds.rounded(.down)
                if whole >= 1 {
                    carriedMilliseconds -= whole
                    let dropped = advance(estate, by: Int64(whole), deadline: clock.now + stepBudget)
                    if dashboard.perf.isShown {
                        dashboard.perf.recordStep(expectedMilliseconds: whole, advancedMilliseconds: whole - Double(dropped), droppedMilliseconds: dropped)
                    }
                }
            }
            if dashboard.perf.isShown {
                let start = perfEpoch ?? now
                perfEpoch = start
                if dashboard.perf.tick(nowNanos: Renderer.nanos(clock.now - start), speed: estate.speed, isPaused: estate.isPaused) {
                    dashboard.needsRedraw = true
                }
            }
            externalWork?()
            // An edited keys.yaml or theme applies within a second: a look costs a stat per file.
            if dashboard.watchesSettings, clock.now - lastSettingsLook >= .milliseconds(settingsLookMilliseconds) {
                lastSettingsLook = clock.now
                dashboard.reloadSettingsIfChanged()
            }
            dashboard.refresh()
            if dashboard.needsRedraw, !dashboard.shouldQuit, clock.now - lastFrame >= frameInterval {
                draw()
                lastFrame = clock.now
            }
        }
    }

    /// Advances in slices of at most a virtual second until `deadline`; what is left is dropped, so
    /// at speeds the machine cannot keep up with, virtual time falls behind instead of input
    /// waiting. Slicing changes nothing in the simulation: tasks run in the same order either way.
    /// Returns the virtual milliseconds dropped.
    @discardableResult
    private func advance(_ estate: Estate, by milliseconds: Int64, deadline: ContinuousClock.Instant) -> Int64 {
        var remaining = milliseconds
        while remaining > 0 {
            let slice = min(remaining, 1000)
            estate.advance(by: .milliseconds(slice))
            remaining -= slice
            if remaining > 0, ContinuousClock().now > deadline {
                dashboard.fellBehind(byMilliseconds: remaining)
                return remaining
            }
        }
        dashboard.keptUp()
        return 0
    }

    private func handle(_ event: InputEvent) {
        if case .resize = event { renderer.invalidate() }
        dashboard.handle(event)
    }

    /// Lays out (views keep their clamped scroll positions), then renders, which changes nothing.
    private func draw() {
        let perf = dashboard.perf
        renderer.measuresTiming = perf.isShown
        // Hidden, the overlay costs this one branch: no clock is read around the frame.
        let start = perf.isShown ? ContinuousClock.now : nil
        // `render` starts by filling every cell, so the reused frame need not be blanked first.
        var buffer = renderer.makeBuffer(cleared: false)
        dashboard.arrange(for: buffer.size)
        dashboard.render(into: &buffer)
        dashboard.needsRedraw = false
        let rendered = start.map { Renderer.nanos(ContinuousClock.now - $0) }
        _ = renderer.draw(buffer)
        if let rendered {
            perf.record(renderNanos: rendered, diffNanos: renderer.lastDiffNanos, writeNanos: renderer.lastWriteNanos)
        }
        for text in dashboard.takeClipboard() { backend.copyToClipboard(text) }
    }

    /// Wall milliseconds until the next change the user could see: the next second on the header
    /// clock, or sooner while a view is live (a following tail). Scheduled work in between runs in
    /// one batch when the clock is advanced, in the same order as ever, so waking for each task
    /// would only burn CPU. At most a second, so resumes and resizes are noticed.
    private func idleTimeout() -> Int {
        let estate = dashboard.estate
        guard !estate.isPaused else { return 1000 }
        let now = estate.now.milliseconds
        var wall = Double(1000 - now % 1000) / estate.speed
        if let live = dashboard.liveRefreshMilliseconds { wall = min(wall, Double(live)) }
        return Int(min(1000, max(1, wall.rounded(.up))))
    }

    private func milliseconds(_ d: Duration) -> Int {
        let c = d.components
        return Int(c.seconds * 1000 + c.attoseconds / 1_000_000_000_000_000)
    }
}

extension Dashboard {
    /// The screen of one view as text, drawn by the same code as the terminal (`--screen`).
    /// A view this estate lacks is an error naming the views it has.
    public func screenLines(view: ViewID, size: Size) throws(ScreenError) -> [String] {
        guard availableViews.contains(view) else {
            throw ScreenError(message: "--screen \(view.name): this estate has no such view; views: \(availableViews.map(\.name).joined(separator: ", "))")
        }
        state.pane.show(view)
        refresh()
        arrange(for: size)
        var buffer = Buffer(size: size)
        render(into: &buffer)
        return buffer.lines
    }
}

/// `--screen` named a view that cannot be drawn for this estate.
public struct ScreenError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
