import Foundation

/// CPU used by the dashboard itself, running in tmux at 120×40 (issue 3's benchmark).
///
/// Starts this very binary in a private tmux server, waits for the first frame and a short
/// settling time, then reads the process's utime+stime from /proc over the measuring window:
/// the Overview at speed 1, then the EC2 view at speed 10. The baseline is htop in the same
/// set-up (skipped with a note when htop is not installed). Write calls per second (from
/// /proc/PID/io) show how often the screen is updated: ncurses writes each refresh at once.
enum TUIBenchmark {
    struct Measurement {
        var label: String
        var cpuPercent: Double
        var seconds: Double
        var writesPerSecond: Double?
        var bytesPerSecond: Double?
    }

    static func run(seconds: Double, settle: Double = 2, config: String?) -> String {
        guard let tmux = BenchTmux.executable else { return "tui: skipped, tmux is not installed" }
        let binary = ownExecutable()
        let configArguments = config.map { ["--config", $0] } ?? []
        var lines = ["tui: CPU of the process in tmux 120×40 over \(format(seconds)) s after \(format(settle)) s settling (utime+stime from /proc/PID/stat), % of one core"]
        var measurements: [Measurement] = []
        var goals: [Double] = []
        func add(_ result: Result<Measurement, Error>, goal: Double?) {
            switch result {
            case let .success(m):
                measurements.append(m)
                goals.append(goal ?? .nan)
            case let .failure(error):
                lines.append("  failed: \(error)")
            }
        }

        add(measure("cloudtop, Overview, speed 1", command: [binary] + configArguments, seconds: seconds, settle: settle, tmux: tmux) { pane in
            guard pane.waitFor("cloudtop ", "1 Overview") else { throw BenchTmuxError(message: "no first frame from \(binary)") }
        }, goal: 1)
        add(measure("cloudtop, EC2 view, speed 10", command: [binary, "--speed", "10"] + configArguments, seconds: seconds, settle: settle, tmux: tmux) { pane in
            guard pane.waitFor("cloudtop ", "1 Overview") else { throw BenchTmuxError(message: "no first frame from \(binary)") }
            try pane.sendKeys("2")
            guard pane.waitFor("EC2 instances", "10×") else { throw BenchTmuxError(message: "no EC2 view at 10×") }
        }, goal: 3)

        let htop = ProcessInfo.processInfo.environment["PATH"].flatMap { path in
            path.split(separator: ":").map { "\($0)/htop" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        }
        var baseline: Double?
        if let htop {
            let result = measure("htop (baseline, default settings)", command: [htop], seconds: seconds, settle: settle, tmux: tmux) { pane in
                guard pane.waitFor("Load average") else { throw BenchTmuxError(message: "no first frame from htop") }
            }
            if case let .success(m) = result { baseline = m.cpuPercent }
            add(result, goal: nil)
        }

        for (m, goal) in zip(measurements, goals) {
            var line = "  " + m.label.padding(toLength: 36, withPad: " ", startingAt: 0)
            line += String(format: "%6.2f %%", m.cpuPercent)
            line += goal.isNaN ? "             " : String(format: "  (goal < %g %%)", goal)
            if let w = m.writesPerSecond { line += String(format: "  %6.1f writes/s", w) }
            if let b = m.bytesPerSecond { line += String(format: "  %8.0f B/s", b) }
            if let baseline, !goal.isNaN {
                line += baseline > 0 ? String(format: "  %.1f× htop", m.cpuPercent / baseline) : "  htop used no measurable CPU"
            }
            lines.append(line)
        }
        if htop == nil { lines.append("  htop baseline skipped: htop is not installed (apt-get install htop)") }
        return lines.joined(separator: "\n")
    }

    /// Starts `command` in tmux, runs `ready` until its first screen is there, lets it settle,
    /// then measures its CPU for `seconds`.
    private static func measure(_ label: String, command: [String], seconds: Double, settle: Double, tmux: String,
                                ready: (BenchTmux) throws -> Void) -> Result<Measurement, Error> {
        Result {
            let pane = try BenchTmux(tmux: tmux, command: command)
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
