import Foundation
import Testing

/// The live tail in the real binary: records appear while you watch.
@Suite(.enabled(if: TmuxSession.isAvailable && TmuxSession.builtBinary() != nil, "needs tmux and a built cloudtop"))
struct StreamsTailEndToEndTests {
    static let config = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Config")

    /// The number in "N records received" on the tail's status line.
    static func received(_ screen: [String]) -> Int? {
        guard let line = screen.first(where: { $0.contains("records received") }) else { return nil }
        let digits = line.split(separator: "│").joined().trimmingCharacters(in: .whitespaces)
            .prefix { $0.isNumber || $0 == "," }.filter(\.isNumber)
        return Int(digits)
    }

    @Test func recordsAppearWhileYouWatch() throws {
        let session = try TmuxSession(binary: TmuxSession.builtBinary()!, arguments: ["--config", Self.config.path])
        defer { session.kill() }
        #expect(session.waitFor("cloudtop", timeoutSeconds: 15))
        try session.sendKeys("3")
        #expect(session.waitFor("clickstream", timeoutSeconds: 10))
        try session.sendKeys("t")
        #expect(session.waitFor("Tail · clickstream · following", timeoutSeconds: 10))
        #expect(session.waitFor("user-", timeoutSeconds: 10), "a partition key of the clickstream producer")
        let first = Self.received(try session.capture()) ?? 0
        Thread.sleep(forTimeInterval: 1.5)
        let second = Self.received(try session.capture()) ?? 0
        #expect(second > first, "the count grows while watching: \(first) then \(second)")
        #expect(try session.capture().joined().contains("{\"event_id\":"), "records show their JSON data")
        try session.sendKeys("f")
        #expect(session.waitFor("· paused"))
        try session.sendKeys("Escape", "Escape", "q")
        #expect(session.waitForExit(timeoutSeconds: 10) == 0)
    }
}
