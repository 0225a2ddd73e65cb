import Foundation
import Testing

/// Config that reloads, in a real terminal: the test edits keys.yaml and theme.yaml in the
/// folder the dashboard was started on, and the running dashboard shows the change within about
/// a second; a bad edit puts its file and line in the footer and the keys in force keep working.
@Suite(
    .enabled(if: TmuxSession.isAvailable, "tmux is not installed"),
    .enabled(if: BuiltBinary.isBuilt, BuiltBinary.missingNote)
)
struct ConfigReloadEndToEndTests {
    private let limit = 10.0

    @Test func editingKeysAndThemeWhileItRunsAppliesAndABadEditIsShown() throws {
        let binary = try #require(BuiltBinary.url)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cloudtop-reload-\(getpid())")
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.copyItem(at: URL(fileURLWithPath: BuiltBinary.configDirectory), to: folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        let keysFile = folder.appendingPathComponent("keys.yaml")
        let shippedKeys = try String(contentsOf: keysFile, encoding: .utf8)
        #expect(shippedKeys.contains("help: [\"?\", f1]\n") && shippedKeys.contains("quit: [q, ctrl-c]\n"), "the shipped bindings this test edits")

        let session = try TmuxSession(binary: binary, arguments: ["--config", folder.path])
        defer { session.kill() }
        func screen() -> String { (try? session.capture())?.joined(separator: "\n") ?? "(no screen)" }
        /// Seconds until the footer (last row) satisfies `condition`, nil if it never does.
        func secondsUntilFooter(_ condition: @escaping (String) -> Bool) -> Double? {
            let start = Date()
            let seen = session.waitForScreen(timeoutSeconds: limit) { lines in lines.last.map(condition) ?? false }
            return seen ? Date().timeIntervalSince(start) : nil
        }
        #expect(session.waitFor("1 Overview", timeoutSeconds: limit), "the first frame\n\(screen())")
        #expect(session.waitForScreen(timeoutSeconds: limit) { $0.last?.contains("<?> help") == true }, "help on ? in the footer\n\(screen())")

        // Rebind help to F2 first: the footer's hint follows within a second (plus the capture's own polling).
        let rebound = shippedKeys.replacingOccurrences(of: "help: [\"?\", f1]\n", with: "help: [f2, \"?\"]\n")
        try rebound.write(to: keysFile, atomically: true, encoding: .utf8)
        let applied = secondsUntilFooter { $0.contains("<F2> help") && $0.contains("Reloaded keys.yaml") }
        #expect(applied != nil, "the edit applied\n\(screen())")
        if let applied { #expect(applied < 2, "applied after \(applied) s; the loop looks on its wakes, at least once a second") }

        // A conflict: `s` stops an instance in the EC2 view, where quit is active too.
        let bad = rebound.replacingOccurrences(of: "quit: [q, ctrl-c]\n", with: "quit: [s, ctrl-c]\n")
        // The error names the line of either binding of the conflict.
        let lines = bad.components(separatedBy: "\n")
        let badLines = ["quit:", "stop:"].map { prefix in lines.firstIndex { $0.hasPrefix(prefix) }! + 1 }
        try bad.write(to: keysFile, atomically: true, encoding: .utf8)
        #expect(secondsUntilFooter { footer in
            badLines.contains { footer.contains("keys.yaml:\($0): key 's' is bound to both quit and stop") }
        } != nil, "the mistake and its line (\(badLines)) in the footer\n\(screen())")
        try session.sendKeys("F2")
        #expect(session.waitFor("Help — keys in force", timeoutSeconds: limit), "F2, the binding in force, still opens help\n\(screen())")
        try session.sendKeys("Escape")

        // The theme, while keys.yaml is still wrong: light's active tab is white on blue (SGR 37 and 44).
        let plainTab = try session.captureWithEscapes()[1]
        try "theme: light\n".write(to: folder.appendingPathComponent("theme.yaml"), atomically: true, encoding: .utf8)
        #expect(secondsUntilFooter { $0.contains("Reloaded theme.yaml; theme light.") } != nil, "the theme reloaded\n\(screen())")
        let lightTab = try session.captureWithEscapes()[1]
        #expect(lightTab != plainTab, "the tab row's colours changed")
        #expect(lightTab.contains("44m") || lightTab.contains(";44"), "a blue background on the tab row: \(lightTab.debugDescription)")

        // And the palette switches it.
        try session.sendKeys(":")
        #expect(session.waitFor("Command — ", timeoutSeconds: limit), "the palette\n\(screen())")
        try session.sendKeys("theme high-contrast", "Enter")
        #expect(secondsUntilFooter { $0.contains("Theme high-contrast.") } != nil, "the palette switched theme\n\(screen())")
        try session.sendKeys("q")
        #expect(session.waitForExit(timeoutSeconds: limit) == 0)
    }
}
