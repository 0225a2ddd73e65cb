import Foundation
import Testing

/// Looking inside rows, copying, saving, the tail's toggles and `:perf`, in the real binary.
@Suite(.enabled(if: TmuxSession.isAvailable && TmuxSession.builtBinary() != nil, "needs tmux and a built cloudtop"))
struct LookInsideEndToEndTests {
    static let config = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Config")

    static func start(in folder: String? = nil, extraConfig: String = "") throws -> TmuxSession {
        let session = try TmuxSession(binary: TmuxSession.builtBinary()!, arguments: ["--config", config.path],
                                      workingDirectory: folder, extraConfig: extraConfig)
        #expect(session.waitFor("cloudtop", timeoutSeconds: 15))
        return session
    }

    static func quit(_ session: TmuxSession) throws {
        try session.sendKeys("Escape", "q")
        #expect(session.waitForExit(timeoutSeconds: 10) == 0)
    }

    @Test func describeAndJSONOfAnInstanceSearchedAndClosed() throws {
        let session = try Self.start()
        defer { session.kill() }
        try session.sendKeys("2")
        #expect(session.waitFor("EC2 instances", timeoutSeconds: 10))
        try session.sendKeys("Down", "d")
        #expect(session.waitFor("— describe at", timeoutSeconds: 10))
        #expect(session.waitFor("InstanceId:"))
        try session.sendKeys("y")
        #expect(session.waitFor("    \"Reservations\": ["), "the AWS CLI's four-space JSON")
        try session.sendKeys("/", "InstanceType", "Enter")
        #expect(session.waitFor("/InstanceType: 1 match"))
        try session.sendKeys("Escape")
        #expect(session.waitForScreen { !$0.joined().contains("— JSON at") })
        // d means describe in the Stacks view too; deploy moved to n.
        let template = Self.config.appendingPathComponent("stacks/web-fleet.yaml").path
        try session.sendKeys(":", "cloudformation deploy --stack-name feed --template-file \(template)", "Enter")
        // A reply longer than the status line opens in a pane that the next key closes.
        Thread.sleep(forTimeInterval: 1)
        try session.sendKeys("Escape", "8")
        #expect(session.waitFor("Stacks", timeoutSeconds: 10))
        #expect(session.waitFor("feed", timeoutSeconds: 10))
        // The default estate's own stacks come first; the one deployed last is the bottom row.
        try session.sendKeys("G", "d")
        #expect(session.waitFor("Stack feed — describe at", timeoutSeconds: 10) && session.waitFor("StackStatus:"))
        try session.sendKeys("Escape", "n")
        #expect(session.waitFor("Deploy a template"))
        try session.sendKeys("Escape")
        try Self.quit(session)
    }

    @Test func copyGoesThroughTmuxsBufferAndCtrlSWritesTheFile() throws {
        let folder = NSTemporaryDirectory() + "cloudtop-e2e-save-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let session = try Self.start(in: folder, extraConfig: "set -s set-clipboard on\n")
        defer { session.kill() }
        try session.sendKeys("2")
        #expect(session.waitFor("EC2 instances", timeoutSeconds: 10))
        try session.sendKeys("Down", "c")
        #expect(session.waitFor("Copied i-", timeoutSeconds: 10))
        let line = try session.capture().first { $0.contains("Copied i-") } ?? ""
        let id = String(line[line.range(of: "Copied ")!.upperBound...].prefix { $0 != " " })
        #expect(id.hasPrefix("i-") && id.count > 5)
        #expect(session.waitForScreen(timeoutSeconds: 5) { _ in session.showBuffer() == id }, "tmux's buffer: \(session.showBuffer() ?? "none")")
        // In a JSON page `c` copies the whole reply.
        try session.sendKeys("y")
        #expect(session.waitFor("\"Reservations\""))
        try session.sendKeys("c")
        #expect(session.waitForScreen(timeoutSeconds: 5) { _ in session.showBuffer()?.contains("\"InstanceId\": \"\(id)\"") == true })
        // Ctrl-S saves the page; the footer names the file, which is on disk.
        try session.sendKeys("C-s")
        #expect(session.waitFor("Saved cloudtop-instance-\(id)-", timeoutSeconds: 10))
        let files = try FileManager.default.contentsOfDirectory(atPath: folder)
        let saved = try #require(files.first { $0.hasPrefix("cloudtop-instance-\(id)-") && $0.hasSuffix(".json") }, "\(files)")
        let text = try String(contentsOfFile: folder + "/" + saved, encoding: .utf8)
        #expect(text.hasPrefix("{\n    \"Reservations\": [") && text.contains(id))
        // And the table, every row.
        try session.sendKeys("Escape", "C-s")
        #expect(session.waitFor("Saved cloudtop-ec2-", timeoutSeconds: 10))
        let table = try #require(try FileManager.default.contentsOfDirectory(atPath: folder).first { $0.hasPrefix("cloudtop-ec2-") })
        #expect(try String(contentsOfFile: folder + "/" + table, encoding: .utf8).contains(id))
        try Self.quit(session)
    }

    @Test func theTailsTogglesAndSince() throws {
        let session = try Self.start()
        defer { session.kill() }
        try session.sendKeys("3")
        #expect(session.waitFor("clickstream", timeoutSeconds: 10))
        try session.sendKeys("t")
        #expect(session.waitFor("Tail · clickstream · following", timeoutSeconds: 10))
        #expect(session.waitFor("user-", timeoutSeconds: 10))
        try session.sendKeys("T")
        #expect(session.waitFor("· no time"))
        try session.sendKeys("J")
        #expect(session.waitFor("· JSON"))
        #expect(session.waitForScreen { lines in lines.contains { $0.contains("  \"event_id\": ") } }, "a payload member on a line of its own")
        try session.sendKeys("w")
        #expect(session.waitFor("· wrap"))
        try session.sendKeys("C")
        #expect(session.waitFor("records received"))
        try session.sendKeys(":", "since 2m", "Enter")
        #expect(session.waitFor("since 2m", timeoutSeconds: 10))
        #expect(session.waitFor("(AT_TIMESTAMP)"))
        #expect(session.isRunning, "never froze")
        try session.sendKeys("Escape", "Escape")
        try Self.quit(session)
    }

    @Test func perfOverlayShowsFiguresAndHides() throws {
        let session = try Self.start()
        defer { session.kill() }
        try session.sendKeys(":", "perf", "Enter")
        #expect(session.waitFor("Performance (:perf hides)", timeoutSeconds: 10))
        #expect(session.waitFor(" fps · CPU ", timeoutSeconds: 10))
        #expect(session.waitForScreen { $0.contains { $0.contains("render p50 ") } })
        #expect(session.waitForScreen { $0.contains { $0.contains("sim ") && $0.contains("× of ") } })
        try session.sendKeys(":", "perf", "Enter")
        #expect(session.waitForScreen { !$0.joined().contains("Performance (:perf hides)") })
        try Self.quit(session)
    }
}
