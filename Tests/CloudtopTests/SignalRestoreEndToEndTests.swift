import Foundation
import Testing

/// The terminal comes back whole however the dashboard ends: SIGTERM (a polite stop, exit 0) and
/// a crash signal (re-raised, so the shell sees it: 128 + 11 for SIGSEGV).
@Suite(
    .enabled(if: TmuxSession.isAvailable, "tmux is not installed"),
    .enabled(if: BuiltBinary.isBuilt, BuiltBinary.missingNote)
)
struct SignalRestoreEndToEndTests {
    /// The dashboard's pid: the only child of the shell that wraps it.
    static func child(of shell: pid_t) -> pid_t? {
        let path = "/proc/\(shell)/task/\(shell)/children"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return text.split(separator: " ").compactMap { pid_t($0) }.first
    }

    @Test(arguments: [(SIGTERM, 0), (SIGSEGV, 139), (SIGHUP, 129)] as [(Int32, Int)])
    func terminalIsRestoredAfter(signal: Int32, expectedStatus: Int) throws {
        let binary = try #require(BuiltBinary.url)
        let script = """
            before=$(stty -g); "$0" "$@"; status=$?; after=$(stty -g)
            if [ "$before" = "$after" ]; then echo "tty settings restored"; else echo "tty settings changed"; fi
            echo "cloudtop exit status $status"; read line
            """
        let session = try TmuxSession(binary: URL(fileURLWithPath: "/bin/sh"),
                                      arguments: ["-c", script, binary.path, "--config", BuiltBinary.configDirectory])
        defer { session.kill() }
        #expect(session.waitFor("Overview", timeoutSeconds: 15))
        #expect(session.alternateScreenIsOn == true)
        let shell = try #require(session.pid)
        let dashboard = try #require(Self.child(of: shell))
        #expect(kill(dashboard, signal) == 0)
        #expect(session.waitFor("cloudtop exit status \(expectedStatus)", timeoutSeconds: 10))
        #expect(try session.capture().contains { $0.contains("tty settings restored") })
        #expect(session.alternateScreenIsOn == false, "back on the normal screen")
        #expect(session.paneFormat("#{cursor_flag}") == "1", "the cursor is visible again")
    }
}
