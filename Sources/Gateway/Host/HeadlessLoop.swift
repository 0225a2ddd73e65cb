import Estate

/// `cloudtop serve`'s loop: the estate's clock in step with the wall clock at the estate's
/// speed, and the requests from the network run between clock steps, on this thread only.
///
/// The same pacing as the dashboard's loop, without a terminal: it sleeps until a request
/// arrives or the next step is due, so an idle server costs next to nothing.
public final class HeadlessLoop {
    public let estate: Estate
    public let mailbox: EstateMailbox
    /// Wall time between clock steps while no request comes.
    public var idleStepMilliseconds = 50
    /// The most wall time one step may spend simulating before requests are answered again.
    public var stepBudget = Duration.milliseconds(50)
    /// The most wall time one step makes up for (a stopped process falls behind, not catches up).
    public var maximumStepWallMilliseconds = 1500.0

    public init(estate: Estate, mailbox: EstateMailbox) {
        self.estate = estate
        self.mailbox = mailbox
    }

    /// Runs until `mailbox.requestStop()`; requests queued by then are still answered.
    public func run() {
        let clock = ContinuousClock()
        var lastTick = clock.now
        var carriedMilliseconds = 0.0
        while !mailbox.isStopRequested {
            mailbox.wait(milliseconds: idleStepMilliseconds)
            let now = clock.now
            let wall = min(Self.milliseconds(now - lastTick), maximumStepWallMilliseconds)
            lastTick = now
            // The clock first, so a request sees the virtual time of its arrival.
            if !estate.isPaused {
                carriedMilliseconds += wall * estate.speed
                let whole = carriedMilliseconds.rounded(.down)
                if whole >= 1 {
                    carriedMilliseconds -= whole
                    advance(by: Int64(whole), deadline: clock.now + stepBudget)
                }
            }
            mailbox.drain(estate)
        }
        mailbox.drain(estate)
    }

    /// Slices of at most a virtual second until the deadline; what is left is dropped, so at
    /// speeds the machine cannot keep up with virtual time falls behind rather than requests wait.
    private func advance(by milliseconds: Int64, deadline: ContinuousClock.Instant) {
        var remaining = milliseconds
        while remaining > 0 {
            let slice = min(remaining, 1000)
            estate.advance(by: .milliseconds(slice))
            remaining -= slice
            if remaining > 0, ContinuousClock().now > deadline { return }
        }
    }

    static func milliseconds(_ d: Duration) -> Double {
        let c = d.components
        return Double(c.seconds) * 1000 + Double(c.attoseconds) / 1e15
    }
}
