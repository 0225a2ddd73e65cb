import Foundation

/// A program in its own tmux server and pane, for measuring a TUI the way a user runs it.
///
/// The server has its own socket (`-L`) and skips the user's ~/.tmux.conf; `close()` kills it.
/// The pane keeps tmux's default TERM (`tmux-256color`).
final class BenchTmux {
    static var executable: String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/tmux" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    private let tmux: String
    let socket: String

    /// Starts `command` (already shell-quoted words) in a `width`×`height` pane.
    init(tmux: String, command: [String], width: Int = 120, height: Int = 40) throws {
        self.tmux = tmux
        socket = "cloudtop-bench-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let line = "exec " + command.map(Self.quoted).joined(separator: " ")
        try run(["new-session", "-d", "-s", "main", "-x", String(width), "-y", String(height), line])
    }

    deinit { close() }

    func close() {
        _ = try? run(["kill-server"])
        let folder = ProcessInfo.processInfo.environment["TMUX_TMPDIR"] ?? "/tmp"
        try? FileManager.default.removeItem(atPath: "\(folder)/tmux-\(getuid())/\(socket)")
    }

    func sendKeys(_ keys: String...) throws {
        for key in keys { try run(["send-keys", "-t", "main", key]) }
    }

    func capture() -> String { (try? run(["capture-pane", "-p", "-t", "main"])) ?? "" }

    /// The pane's process, or nil once it has gone.
    var pid: pid_t? {
        (try? run(["display", "-p", "-t", "main", "#{pane_pid}"])).flatMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// Polls the screen until it contains every one of `texts`; false after `timeout` seconds.
    func waitFor(_ texts: String..., timeout: Double = 15) -> Bool {
        waitUntil(timeout: timeout) { screen in texts.allSatisfy(screen.contains) }
    }

    /// Polls the screen until `holds` says yes; false after `timeout` seconds.
    func waitUntil(timeout: Double = 15, _ holds: (String) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            if holds(capture()) { return true }
            Thread.sleep(forTimeInterval: 0.1)
        } while Date() < deadline
        return false
    }

    @discardableResult
    private func run(_ arguments: [String]) throws -> String {
        var environment = ProcessInfo.processInfo.environment
        environment["TMUX"] = nil       // started from inside tmux, still a server of its own
        environment["NO_COLOR"] = nil   // measure the colour path users see
        let (status, text) = try Spawn.run(tmux, ["-L", socket, "-f", "/dev/null"] + arguments, environment: environment)
        guard status == 0 else { throw BenchTmuxError(message: "tmux \(arguments.first ?? ""): \(text)") }
        return text
    }

    private static func quoted(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// Runs a short command and returns its status and output (stdout and stderr together).
///
/// posix_spawn rather than Foundation's Process: tmux forks a server daemon, and Process hands
/// the child descriptors of its own that the daemon keeps open, so Process waits for it forever.
/// Here the child gets only /dev/null and the output pipe, an empty signal mask and default
/// handlers (a server that inherits blocked signals never notices its panes exit).
enum Spawn {
    static func run(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> (Int32, String) {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw BenchTmuxError(message: "pipe: \(String(cString: strerror(errno)))") }
        _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, ends[1], 1)
        posix_spawn_file_actions_adddup2(&actions, ends[1], 2)
        _ = closeFrom?(&actions, 3)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid = pid_t()
        let error = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        close(ends[1])
        guard error == 0 else {
            close(ends[0])
            throw BenchTmuxError(message: "\(executable): \(String(cString: strerror(error)))")
        }
        var output = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = read(ends[0], &chunk, chunk.count)
            if count > 0 { output += chunk[0..<count]; continue }
            if count < 0, errno == EINTR { continue }
            break
        }
        close(ends[0])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        return (status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f), String(decoding: output, as: UTF8.self))
    }

    /// glibc's posix_spawn_file_actions_addclosefrom_np (2.34+), which Swift does not import.
    private typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    private static let closeFrom: CloseFrom? = {
        guard let handle = dlopen(nil, RTLD_NOW), let address = dlsym(handle, "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(address, to: CloseFrom.self)
    }()
}

struct BenchTmuxError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// CPU time and output of a process from /proc, for per-process CPU figures.
struct ProcessSample {
    /// utime + stime in seconds.
    var cpuSeconds: Double
    /// write(2) calls and bytes written so far (/proc/PID/io `syscw`, `wchar`), if readable.
    var writeCalls: Int?
    var bytesWritten: Int?
    var wall: ContinuousClock.Instant

    init?(pid: pid_t) {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let commandEnd = stat.range(of: ")", options: .backwards)
        else { return nil }
        // Fields after "pid (comm)" start at field 3 (state); utime and stime are fields 14 and 15.
        let fields = stat[commandEnd.upperBound...].split(separator: " ")
        guard fields.count > 13, let utime = Double(fields[11]), let stime = Double(fields[12]) else { return nil }
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        cpuSeconds = (utime + stime) / (ticks > 0 ? ticks : 100)
        wall = ContinuousClock.now
        if let io = try? String(contentsOfFile: "/proc/\(pid)/io", encoding: .utf8) {
            for line in io.split(separator: "\n") {
                let parts = line.split(separator: ":").map { $0.trimmingCharacters(in: .whitespaces) }
                guard parts.count == 2 else { continue }
                if parts[0] == "syscw" { writeCalls = Int(parts[1]) }
                if parts[0] == "wchar" { bytesWritten = Int(parts[1]) }
            }
        }
    }
}
