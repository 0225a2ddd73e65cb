import Foundation

/// Runs a program in a private, detached tmux server so a test can type at it and read its screen.
///
/// Each session starts its own server (`tmux -L <unique name>`), so tests run side by side and
/// never see or disturb a user's tmux sessions. The pane keeps tmux's default `TERM`
/// (`tmux-256color`): with `xterm-256color` the capture drops coloured blanks. The pane stays
/// after the program exits (`remain-on-exit`), so its last screen and exit status can be read.
final class TmuxSession: Sendable {
    enum Failure: Error, CustomStringConvertible {
        case tmuxMissing
        case commandFailed(arguments: [String], status: Int32, output: String)

        var description: String {
            switch self {
            case .tmuxMissing: return "tmux is not installed"
            case let .commandFailed(arguments, status, output):
                return "tmux \(arguments.joined(separator: " ")) exited with \(status): \(output)"
            }
        }
    }

    /// The `-L` socket name of this session's own server.
    let socketName: String
    private let tmuxURL: URL
    private let configURL: URL

    /// Starts `binary` with `arguments` in a `width`×`height` pane; `environment` is added to the
    /// test's own environment (minus `NO_COLOR`, which test runners set for themselves).
    init(
        binary: URL,
        arguments: [String] = [],
        width: Int = 120,
        height: Int = 40,
        environment: [String: String] = [:],
        workingDirectory: String? = nil,
        extraConfig: String = ""
    ) throws {
        guard let tmuxURL = Self.tmuxURL else { throw Failure.tmuxMissing }
        self.tmuxURL = tmuxURL
        socketName = "cloudtop-test-\(getpid())-\(UUID().uuidString.prefix(8))"
        // Options go in a config file rather than a later set-option, because a quick program
        // could exit before it and take its pane along. The user's ~/.tmux.conf is skipped so
        // tests never depend on it.
        configURL = FileManager.default.temporaryDirectory.appendingPathComponent("\(socketName).conf")
        try ("set -g remain-on-exit on\n" + extraConfig).write(to: configURL, atomically: true, encoding: .utf8)
        var tmuxArguments = ["new-session", "-d", "-s", "main", "-x", String(width), "-y", String(height)]
        if let workingDirectory { tmuxArguments += ["-c", workingDirectory] }
        for (name, value) in environment.sorted(by: { $0.key < $1.key }) {
            tmuxArguments += ["-e", "\(name)=\(value)"]
        }
        // `exec` makes the program itself the pane process, so `pid` is the program, not a shell.
        let words = [binary.path] + arguments
        tmuxArguments.append("exec " + words.map(Self.shellQuoted).joined(separator: " "))
        try tmux(tmuxArguments)
    }

    deinit {
        kill()
    }

    // MARK: - Driving the program

    /// Sends keys in order: tmux key names (`Enter`, `Escape`, `C-c`, `Up`, `BTab`, `F5`, `PPage`)
    /// as keys, anything else as literal text.
    func sendKeys(_ keys: String...) throws {
        for key in keys {
            if Self.isKeyName(key) {
                try tmux(["send-keys", "-t", "main", key])
            } else {
                try tmux(["send-keys", "-t", "main", "-l", "--", key])
            }
        }
    }

    /// The newest paste buffer (what a program put there with OSC 52 under `set-clipboard on`),
    /// nil when there is none.
    func showBuffer() -> String? {
        try? tmux(["show-buffer"])
    }

    /// Sends bytes as typed, unparsed by tmux (`send-keys -H`): escape sequences a key name cannot say.
    func sendBytes(_ bytes: [UInt8]) throws {
        try tmux(["send-keys", "-t", "main", "-H"] + bytes.map { String($0, radix: 16) })
    }

    /// A terminal's report of a mouse button at a cell (0-based), in the X10 encoding the pane's
    /// terminfo names (`kmous=\E[M`): `ESC [ M`, then button, column and row, each plus 32 (cells
    /// counted from 1). Button 0 is a left press, 3 a release, 64 and 65 the wheel up and down.
    func sendMouse(button: UInt8, x: Int, y: Int) throws {
        try sendBytes(Self.mouseReport(button: button, x: x, y: y))
    }

    /// A left click at a cell: press, then release, in one write, so the program reads both reports
    /// at once as it does from a quick click on a busy machine; `typed` follows in the same write
    /// (a key pressed right after the click).
    func click(x: Int, y: Int, thenTyping typed: String = "") throws {
        try sendBytes(Self.mouseReport(button: 0, x: x, y: y) + Self.mouseReport(button: 3, x: x, y: y) + Array(typed.utf8))
    }

    private static func mouseReport(button: UInt8, x: Int, y: Int) -> [UInt8] {
        [0x1b, 0x5b, 0x4d, 32 + button, UInt8(33 + x), UInt8(33 + y)]
    }

    /// Resizes the window as if the user resized their terminal (the program gets SIGWINCH).
    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", "main", "-x", String(width), "-y", String(height)])
    }

    // MARK: - Reading the screen

    /// The pane as text, one string per row, trailing blanks trimmed by tmux.
    func capture() throws -> [String] {
        Self.lines(try tmux(["capture-pane", "-p", "-t", "main"]))
    }

    /// The pane with SGR escape sequences, to check colours and attributes.
    func captureWithEscapes() throws -> [String] {
        Self.lines(try tmux(["capture-pane", "-p", "-e", "-t", "main"]))
    }

    /// Polls the screen every 100 ms until `text` appears; false after `timeoutSeconds`.
    func waitFor(_ text: String, timeoutSeconds: Double = 5) -> Bool {
        poll(timeoutSeconds: timeoutSeconds) {
            (try? capture())?.contains { $0.contains(text) } ?? false
        }
    }

    // MARK: - The program's process

    /// The exit status once the program has exited, nil while it runs (or if a signal killed it).
    ///
    /// tmux 3.3 (Debian's, built with libutempter) sometimes loses the status: utempter sets
    /// SIGCHLD to SIG_DFL while it runs its helper as the pane closes, and a SIGCHLD arriving
    /// then is dropped, so the server never reaps the program and `pane_dead_status` stays
    /// empty. The unreaped program is a zombie whose exit code the kernel still shows in
    /// /proc/PID/stat, so that is read instead.
    var exitStatus: Int32? {
        guard let fields = paneFormat("#{pane_dead}:#{pane_dead_status}:#{pane_dead_signal}:#{pane_pid}")?
            .split(separator: ":", omittingEmptySubsequences: false).map(String.init),
            fields.count == 4, fields[0] == "1"
        else { return nil }
        if let status = Int32(fields[1]) { return status }
        if !fields[2].isEmpty { return nil }
        guard let pid = pid_t(fields[3]), let waitStatus = Self.zombieWaitStatus(pid) else { return nil }
        return waitStatus & 0x7f == 0 ? (waitStatus >> 8) & 0xff : nil
    }

    /// The waitpid-style status of an exited, unreaped process (field 52 of /proc/PID/stat).
    private static func zombieWaitStatus(_ pid: pid_t) -> Int32? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let commandEnd = stat.range(of: ")", options: .backwards)
        else { return nil }
        // After "pid (comm)": field 3 (state) onwards; exit_code is field 52.
        let fields = stat[commandEnd.upperBound...].split(separator: " ")
        guard fields.first == "Z", fields.count >= 50 else { return nil }
        return Int32(fields[49].trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// False once the program has ended, whether it exited or a signal killed it.
    var isRunning: Bool {
        (try? tmux(["display", "-p", "-t", "main", "#{pane_dead}"]))?.hasPrefix("0") ?? false
    }

    /// A tmux format evaluated for the pane, such as `#{alternate_on}` or `#{cursor_flag}`.
    func paneFormat(_ format: String) -> String? {
        (try? tmux(["display", "-p", "-t", "main", format]))?.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Whether the pane shows the alternate screen (a full-screen program took the terminal over).
    /// After the program exits, false means it handed the normal screen back.
    var alternateScreenIsOn: Bool? {
        paneFormat("#{alternate_on}").map { $0 == "1" }
    }

    /// Polls the screen every 100 ms until `condition` holds for its lines; false after `timeoutSeconds`.
    func waitForScreen(timeoutSeconds: Double = 10, _ condition: ([String]) -> Bool) -> Bool {
        poll(timeoutSeconds: timeoutSeconds) {
            (try? capture()).map(condition) ?? false
        }
    }

    /// Waits up to `timeoutSeconds` for the program to exit and returns its status.
    func waitForExit(timeoutSeconds: Double = 5) -> Int32? {
        var status: Int32?
        _ = poll(timeoutSeconds: timeoutSeconds) {
            status = exitStatus
            return status != nil
        }
        return status
    }

    /// The program's process id, for sending it signals or reading its CPU time from /proc.
    var pid: pid_t? {
        guard let text = try? tmux(["display", "-p", "-t", "main", "#{pane_pid}"]) else { return nil }
        return pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Stops the server and everything in it. Called by deinit; calling it twice is harmless.
    func kill() {
        _ = try? tmux(["kill-server"])
        try? FileManager.default.removeItem(at: configURL)
        // tmux 3.3 leaves the socket file behind after kill-server; one per test adds up.
        try? FileManager.default.removeItem(at: socketURL)
    }

    /// Where tmux puts the socket for `-L name`: `$TMUX_TMPDIR/tmux-<uid>/name`.
    private var socketURL: URL {
        URL(fileURLWithPath: ProcessInfo.processInfo.environment["TMUX_TMPDIR"] ?? "/tmp")
            .appendingPathComponent("tmux-\(getuid())").appendingPathComponent(socketName)
    }

    // MARK: - Finding tools

    /// Where tmux is, or nil when it is not installed (tests skip then, they do not fail).
    static let tmuxURL: URL? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":")
            .map { URL(fileURLWithPath: String($0)).appendingPathComponent("tmux") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    static var isAvailable: Bool { tmuxURL != nil }

    /// The `cloudtop` executable of this build, or nil when it has not been built.
    ///
    /// The test bundle sits next to it in the build folder; the package's `.build/debug` is the
    /// fallback for runners that put the bundle elsewhere.
    static func builtBinary() -> URL? {
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let candidates = [
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("cloudtop"),
            Bundle(for: TmuxSession.self).bundleURL.deletingLastPathComponent().appendingPathComponent("cloudtop"),
            packageRoot.appendingPathComponent(".build/debug/cloudtop"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    // MARK: - Plumbing

    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        var environment = ProcessInfo.processInfo.environment
        environment["TMUX"] = nil  // a test run inside tmux must still start its own server
        // Test runners set NO_COLOR for their own output; the pane should look like a user's
        // terminal unless a test asks for NO_COLOR through `environment`.
        environment["NO_COLOR"] = nil
        let result = try ChildProcess.run(
            tmuxURL.path, ["-L", socketName, "-f", configURL.path] + arguments, environment: environment
        )
        guard result.status == 0 else {
            throw Failure.commandFailed(arguments: arguments, status: result.status, output: result.output)
        }
        return result.output
    }

    private func poll(timeoutSeconds: Double, until condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        while true {
            if condition() { return true }
            if Date() >= deadline { return false }
            Thread.sleep(forTimeInterval: 0.1)
        }
    }

    private static func lines(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    private static func shellQuoted(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// tmux key names: a plain name from tmux's table, F-keys, or a C-/M-/S- modified key.
    private static func isKeyName(_ key: String) -> Bool {
        if namedKeys.contains(key) { return true }
        if key.range(of: #"^F([1-9]|1[0-2])$"#, options: .regularExpression) != nil { return true }
        return key.range(of: #"^([CMS]-)+."#, options: .regularExpression) != nil
    }

    private static let namedKeys: Set<String> = [
        "Enter", "Escape", "Tab", "BTab", "BSpace", "Space", "Up", "Down", "Left", "Right",
        "Home", "End", "PageUp", "PageDown", "PgUp", "PgDn", "PPage", "NPage", "DC", "IC",
    ]
}
