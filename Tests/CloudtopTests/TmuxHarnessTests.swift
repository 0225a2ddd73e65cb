import Foundation
import Testing

/// Checks the tmux harness itself with a shell, so it is trusted before it judges the real binary.
@Suite(.enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
struct TmuxHarnessTests {
    private let shell = URL(fileURLWithPath: "/bin/sh")

    @Test func typesIntoTheProgramAndReadsItsScreenAndExitStatus() throws {
        let session = try TmuxSession(
            binary: shell, arguments: ["-c", "printf hello; read line; echo \"got:$line\"; exit 3"]
        )
        #expect(session.waitFor("hello"))
        #expect(session.exitStatus == nil)
        try session.sendKeys("abc", "Enter")
        #expect(session.waitForExit() == 3)
        #expect(try session.capture().contains("got:abc"))
    }

    @Test func paneHasTheRequestedSizeAndFollowsResizes() throws {
        let session = try TmuxSession(
            binary: shell, arguments: ["-c", "stty size; read a; stty size; read b"], width: 120, height: 40
        )
        #expect(session.waitFor("40 120"))
        #expect(try session.capture().count == 40)
        try session.resize(width: 50, height: 10)
        try session.sendKeys("Enter")
        #expect(session.waitFor("10 50"))
    }

    @Test func passesTheEnvironmentAndKeepsTmuxTerm() throws {
        let session = try TmuxSession(
            binary: shell, arguments: ["-c", "echo \"$GREETING:$TERM\"; read line"],
            environment: ["GREETING": "hi there"]
        )
        #expect(session.waitFor("hi there:tmux-256color"))
    }

    @Test func reportsTheProgramsPidAndCtrlCKillsASimpleProgram() throws {
        let session = try TmuxSession(binary: shell, arguments: ["-c", "echo ready; read line"])
        #expect(session.waitFor("ready"))
        let pid = try #require(session.pid)
        #expect(Foundation.kill(pid, 0) == 0)
        #expect(session.isRunning)
        try session.sendKeys("C-c")
        let deadline = Date().addingTimeInterval(5)
        while session.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        #expect(!session.isRunning)
    }

    @Test func sessionsAreIsolatedAndKillRemovesTheServer() throws {
        let first = try TmuxSession(binary: shell, arguments: ["-c", "echo one; read line"])
        let second = try TmuxSession(binary: shell, arguments: ["-c", "echo two; read line"])
        #expect(first.socketName != second.socketName)
        #expect(first.waitFor("one") && second.waitFor("two"))
        #expect(!(try first.capture().contains("two")))
        first.kill()
        #expect(first.pid == nil)
        #expect(second.pid != nil)
    }
}
