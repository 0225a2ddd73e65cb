import Foundation
import Testing

/// The Warehouse view in the real binary: the SQL console answers a query typed at the keyboard.
@Suite(.enabled(if: TmuxSession.isAvailable && TmuxSession.builtBinary() != nil, "needs tmux and a built cloudtop"))
struct WarehouseEndToEndTests {
    static let config = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Config")

    @Test func theConsoleAnswersATypedQuery() throws {
        let session = try TmuxSession(binary: TmuxSession.builtBinary()!, arguments: ["--config", Self.config.path])
        defer { session.kill() }
        #expect(session.waitFor("cloudtop", timeoutSeconds: 20))
        try session.sendKeys("4")
        #expect(session.waitFor("c1·s3", timeoutSeconds: 10))
        #expect(session.waitFor("available", timeoutSeconds: 120), "the cluster comes up in virtual time")
        try session.sendKeys("e")
        #expect(session.waitFor("Esc leaves", timeoutSeconds: 10))
        // Typed text is SQL, not keys: `q` and `4` must not quit or switch. Ctrl-R runs it (a `;`
        // at the end of a tmux argument would be read by tmux as its own command separator).
        try session.sendKeys("SELECT COUNT(*) AS q4 FROM customers", "C-r")
        #expect(session.waitFor("1 row · query", timeoutSeconds: 20))
        let screen = try session.capture().joined(separator: "\n")
        #expect(screen.contains("5000"), "the sample data's 5,000 customers")
        try session.sendKeys("SELECT nosuch", "C-r")
        #expect(session.waitFor("ERROR:", timeoutSeconds: 20))
        try session.sendKeys("Escape", "q")
        #expect(session.waitForExit(timeoutSeconds: 10) == 0)
    }
}
