import Foundation
import Testing

/// The palette and the footer in a real terminal at 120×40: Enter runs and closes the palette,
/// the result is in the status line, the next key reaches the dashboard, and the footer keeps
/// `?` and `q` whatever else it has to drop.
@Suite(
    .enabled(if: TmuxSession.isAvailable, "tmux is not installed"),
    .enabled(if: BuiltBinary.isBuilt, BuiltBinary.missingNote)
)
struct PaletteEndToEndTests {
    private let limit = 10.0

    @Test func enterClosesThePaletteAndTheNextKeyReachesTheView() throws {
        let binary = try #require(BuiltBinary.url)
        let session = try TmuxSession(binary: binary, arguments: ["--config", BuiltBinary.configDirectory])
        defer { session.kill() }
        func screenHas(_ texts: String...) -> Bool {
            session.waitForScreen(timeoutSeconds: limit) { lines in texts.allSatisfy { text in lines.contains { $0.contains(text) } } }
        }
        func screen() -> String { (try? session.capture())?.joined(separator: "\n") ?? "(no screen)" }

        #expect(screenHas("cloudtop demo-estate", "1 Overview"), "the first frame\n\(screen())")
        try session.sendKeys("2")
        #expect(screenHas("EC2 instances (11)"), "the EC2 view\n\(screen())")
        let footer = try #require(try session.capture().last)
        #expect(footer.contains("<?> help") && footer.contains("<q> quit"), "the footer at 120 columns: \(footer)")
        #expect(!footer.contains("…"), "no hint is cut: \(footer)")

        try session.sendKeys(":")
        #expect(screenHas("Command — "), "the palette\n\(screen())")
        try session.sendKeys("sim speed 5", "Enter")
        #expect(session.waitForScreen(timeoutSeconds: limit) { lines in
            !lines.contains { $0.contains("Command — ") } && lines.last?.contains("sim speed 5 → {") == true
        }, "the palette closed, the result in the status line\n\(screen())")

        try session.sendKeys("?")
        #expect(screenHas("Help — keys in force"), "? reached the dashboard and opened help\n\(screen())")
        try session.sendKeys("Escape")
        #expect(session.waitForScreen(timeoutSeconds: limit) { lines in
            !lines.contains { $0.contains("Help — keys in force") } && lines.last?.contains("<q> quit") == true
        }, "help closed, the footer back\n\(screen())")
        try session.sendKeys("q")
    }
}
