import Foundation

/// CPU used by the dashboard itself, running in tmux at 120×40 and 200×60 (issues 3 and 7).
///
/// Starts this very binary in a private tmux server, lets the estate form, waits a short
/// settling time, then reads the process's utime+stime from /proc over the measuring window:
/// the Overview at speed 1, then the EC2 view at speeds 1 and 10. The baseline is htop in the
/// same set-up, installed with apt-get when missing (skipped with a note when that fails).
///
/// Every screen is measured on the formed estate. At first start the default estate deploys its
/// stacks, and when the warehouse cluster becomes available it loads its sample tables (about
/// 50,000 rows, half a second of CPU once). At speed 10 that happens 3 s after launch, inside a
/// window that starts 2 s after the first frame, and would be counted as the cost of frames. So
/// each run starts at `formingSpeed`, waits until no stack is in progress (see `estateFormed`),
/// then steps down to the screen's speed with the dashboard's own `-` key.
/// Write calls per second (from /proc/PID/io) show how often the screen is updated: ncurses
/// writes each refresh at once.
enum TUIBenchmark {
    struct Measurement {
        var label: String
        var cpuPercent: Double
        var seconds: Double
        var writesPerSecond: Double?
        var bytesPerSecond: Double?
    }

    /// The screen sizes measured: a common terminal and a large one (more cells per frame).
    static let sizes: [(width: Int, height: Int)] = [(120, 40), (200, 60)]

    /// What is measured at each size, with issue 7's goal in % of one core.
    static let screens: [(label: String, speed: Int?, goal: Double)] = [
        ("cloudtop, Overview, speed 1", nil, 0.5), ("cloudtop, EC2 view, speed 1", 1, 0.5), ("cloudtop, EC2 view, speed 10", 10, 2),
    ]

    /// The `:perf` overlay's own cost: the EC2 view at speed 10 with it shown, against the same
    /// screen with it hidden (the row above) in the same run.
    static let overlayLabel = "cloudtop, EC2 view, speed 10, :perf shown"

    /// The speed the estate forms at before a screen is measured: the default estate's 90 virtual
    /// seconds of deploying take 1.5 s.
    static let formingSpeed = 60

    static func rowName(_ label: String, _ size: (width: Int, height: Int)) -> String {
        "tui: \(label.dropFirst("cloudtop, ".count)) \(size.width)×\(size.height), CPU"
    }

    static func run(seconds: Double, settle: Double = 2, config: String?, binary other: String? = nil) -> BenchReport {
        guard let tmux = BenchTmux.executable else {
            let rows = sizes.flatMap { size in screens.map { BenchRow.skipped(rowName($0.label, size), "tmux is not installed", goal: .atMost($0.goal, source: "#7"), unit: .cpuPercent) } }
            return BenchReport(text: "tui: skipped, tmux is not installed", rows: rows)
        }
        var rows: [BenchRow] = []
        let binary = other ?? ownExecutable()
        let configArguments = config.map { ["--config", $0] } ?? []
        var lines = ["tui: \(binary)", "tui: CPU of the process in tmux over \(format(seconds)) s after \(format(settle)) s settling (utime+stime from /proc/PID/stat), % of one core",
                     "tui: each screen on the formed estate: started at \(formingSpeed)× until no stack is in progress, then stepped down to its speed with -"]
        let htop = htopExecutable() ?? installHtop(notes: &lines)
        for size in sizes {
            lines.append("  \(size.width)×\(size.height)")
            var measurements: [(Measurement, Double?)] = []
            var failures: [(String, String, Double)] = []
            func add(_ label: String, _ result: Result<Measurement, Error>, goal: Double?) {
                switch result {
                case let .success(m): measurements.append((m, goal))
                case let .failure(error):
                    lines.append("    failed: \(error)")
                    if let goal { failures.append((rowName(label, size), "failed: \(error)", goal)) }
                }
            }
            let command = [binary, "--speed", String(formingSpeed)] + configArguments
            func start(_ pane: BenchTmux, speed: Int) throws {
                guard pane.waitFor("cloudtop ", "1 Overview") else { throw BenchTmuxError(message: "no first frame from \(binary)") }
                try formEstate(pane, thenSpeed: speed)
            }
            for screen in screens {
                add(screen.label, measure(screen.label, command: command, size: size, seconds: seconds, settle: settle, tmux: tmux) { pane in
                    try start(pane, speed: screen.speed ?? 1)
                    if let speed = screen.speed {
                        try pane.sendKeys("2")
                        guard pane.waitFor("EC2 instances", "\(speed)×") else { throw BenchTmuxError(message: "no EC2 view at \(speed)×") }
                    }
                }, goal: screen.goal)
            }
            let hidden = measurements.first { $0.0.label == screens[2].label }?.0.cpuPercent
            var overlay: Measurement?
            let overlayResult = measure(overlayLabel, command: command, size: size, seconds: seconds, settle: settle, tmux: tmux) { pane in
                try start(pane, speed: 10)
                try pane.sendKeys("2")
                guard pane.waitFor("EC2 instances", "10×") else { throw BenchTmuxError(message: "no EC2 view at 10×") }
                try pane.sendKeys(":")
                try pane.sendKeys("perf")
                try pane.sendKeys("Enter")
                guard pane.waitFor("Performance (:perf hides)") else { throw BenchTmuxError(message: "no :perf overlay") }
            }
            switch overlayResult {
            case let .success(m): overlay = m
            case let .failure(error): lines.append("    failed: \(error)")
            }
            var baseline: Double?
            if let htop {
                let result = measure("htop (baseline, default settings)", command: [htop], size: size, seconds: seconds, settle: settle, tmux: tmux) { pane in
                    guard pane.waitFor("Load average") else { throw BenchTmuxError(message: "no first frame from htop") }
                }
                if case let .success(m) = result { baseline = m.cpuPercent }
                add("htop", result, goal: nil)
            }
            for (m, goal) in measurements {
                var line = "    " + m.label.padding(toLength: 36, withPad: " ", startingAt: 0)
                line += String(format: "%6.2f %%", m.cpuPercent)
                line += goal.map { String(format: "  (goal < %g %%)", $0) } ?? "             "
                if let w = m.writesPerSecond { line += String(format: "  %6.1f writes/s", w) }
                if let b = m.bytesPerSecond { line += String(format: "  %8.0f B/s", b) }
                if let baseline, goal != nil {
                    line += baseline > 0 ? String(format: "  %.2f× htop", m.cpuPercent / baseline) : "  htop used no measurable CPU"
                }
                lines.append(line)
                if let goal {
                    var row = BenchRow(rowName(m.label, size), m.cpuPercent, .cpuPercent, baseline: baseline.map { ($0, "htop") },
                                       goal: .atMost(goal, source: "#7"))
                    if baseline == nil { row.baselineSkipped = htop == nil ? "htop is not installed" : "htop did not start" }
                    rows.append(row)
                }
            }
            rows += failures.map { .skipped($0.0, $0.1, goal: .atMost($0.2, source: "#7"), unit: .cpuPercent) }
            if let overlay {
                var line = "    " + overlay.label.padding(toLength: 36, withPad: " ", startingAt: 0) + String(format: "%6.2f %%", overlay.cpuPercent)
                if let hidden, hidden > 0 { line += String(format: "  %.2f× hidden", overlay.cpuPercent / hidden) }
                lines.append(line)
                rows.append(BenchRow(rowName(overlay.label, size), overlay.cpuPercent, .cpuPercent, baseline: hidden.map { ($0, ":perf hidden") }))
            } else {
                rows.append(.skipped(rowName(overlayLabel, size), "the overlay did not open", unit: .cpuPercent))
            }
        }
        if htop == nil { lines.append("  htop baseline skipped: htop is not installed and could not be installed") }
        return BenchReport(text: lines.joined(separator: "\n"), rows: rows)
    }

    /// Waits on the Overview until the estate has formed (no stack `…_IN_PROGRESS`, no cluster
    /// `creating`), then presses `-` until the header's clock runs at `speed`.
    private static func formEstate(_ pane: BenchTmux, thenSpeed speed: Int) throws {
        guard pane.waitUntil(timeout: 60, estateFormed) else { throw BenchTmuxError(message: "the estate did not form within 60 s at \(formingSpeed)×") }
        for _ in 0..<12 {
            let current = clockSpeed(pane.capture())
            if current == "\(speed)" { return }
            try pane.sendKeys("-")
            _ = pane.waitUntil(timeout: 2) { clockSpeed($0) != current }
        }
        throw BenchTmuxError(message: "the clock did not step down to \(speed)×")
    }

    /// The Overview's Stacks panel has a line per stack (`warehouse  CREATE_COMPLETE  2/2 resources`);
    /// the estate has formed when none of them is still in progress. A stack's cluster resource
    /// completes when the cluster is available, which is when it loads its sample tables. An
    /// estate without stacks has formed at once.
    static func estateFormed(_ screen: String) -> Bool {
        let stackLines = screen.split(separator: "\n").filter { $0.contains(" resource") || $0.contains(" resourc…") }
        return stackLines.allSatisfy { !$0.contains("_IN_PROGRESS") }
    }

    /// The speed in the header's clock (`▶ 10×` gives "10"), nil when paused or not drawn.
    static func clockSpeed(_ screen: String) -> String? {
        guard let play = screen.range(of: "▶ "), let times = screen[play.upperBound...].firstIndex(of: "×") else { return nil }
        return String(screen[play.upperBound..<times])
    }

    private static func htopExecutable() -> String? {
        ProcessInfo.processInfo.environment["PATH"].flatMap { path in
            path.split(separator: ":").map { "\($0)/htop" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        }
    }

    /// The baseline needs htop: install it when missing (root, Debian), as the set-up step.
    private static func installHtop(notes: inout [String]) -> String? {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/apt-get") else { return nil }
        notes.append("  set-up: htop missing, running apt-get install -y htop")
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/sbin:/usr/bin:/sbin:/bin"
        let environment = ["DEBIAN_FRONTEND": "noninteractive", "PATH": path]
        func aptGet(_ arguments: [String]) -> Int32 {
            (try? Spawn.run("/usr/bin/apt-get", arguments, environment: environment))?.0 ?? -1
        }
        // A fresh machine has no package lists yet (apt-get exits 100): fetch them and try again.
        if aptGet(["install", "-y", "htop"]) != 0 {
            _ = aptGet(["update"])
            let code = aptGet(["install", "-y", "htop"])
            if code != 0 { notes.append("  set-up: apt-get install -y htop exited with status \(code)") }
        }
        return htopExecutable()
    }

    /// Starts `command` in tmux, runs `ready` until its first screen is there, lets it settle,
    /// then measures its CPU for `seconds`.
    private static func measure(_ label: String, command: [String], size: (width: Int, height: Int), seconds: Double, settle: Double,
                                tmux: String, ready: (BenchTmux) throws -> Void) -> Result<Measurement, Error> {
        Result {
            let pane = try BenchTmux(tmux: tmux, command: command, width: size.width, height: size.height)
            defer { pane.close() }
            try ready(pane)
            Thread.sleep(forTimeInterval: settle)
            guard let pid = pane.pid, let start = ProcessSample(pid: pid) else {
                throw BenchTmuxError(message: "\(label): the process is gone")
            }
            Thread.sleep(forTimeInterval: seconds)
            guard let end = ProcessSample(pid: pid) else { throw BenchTmuxError(message: "\(label): the process ended while measured") }
            let elapsed = end.wall - start.wall
            let wall = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            var m = Measurement(label: label, cpuPercent: (end.cpuSeconds - start.cpuSeconds) / wall * 100, seconds: wall)
            if let a = start.writeCalls, let b = end.writeCalls { m.writesPerSecond = Double(b - a) / wall }
            if let a = start.bytesWritten, let b = end.bytesWritten { m.bytesPerSecond = Double(b - a) / wall }
            return m
        }
    }

    /// This binary: /proc/self/exe, else argv[0] made absolute.
    static func ownExecutable() -> String {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        let first = CommandLine.arguments[0]
        return first.hasPrefix("/") ? first : FileManager.default.currentDirectoryPath + "/" + first
    }

    private static func format(_ seconds: Double) -> String { String(format: "%g", seconds) }
}
