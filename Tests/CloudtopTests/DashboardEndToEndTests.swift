import Foundation
import Testing

/// The real `cloudtop` binary in a real terminal (a private tmux server at 120×40), driven the way
/// a user drives it: issue 3's scenario from launch to quit, and a bad configuration.
///
/// Every wait polls the screen with a generous limit, because CI machines are slow and shared;
/// a pass is usually a few seconds.
@Suite(
    .enabled(if: TmuxSession.isAvailable, "tmux is not installed"),
    .enabled(if: BuiltBinary.isBuilt, BuiltBinary.missingNote)
)
struct DashboardEndToEndTests {
    private let limit = 10.0

    @Test func launchWatchStopHelpResizeAndQuit() throws {
        let binary = try #require(BuiltBinary.url)
        // A shell around the binary notes the terminal settings before and after it and waits for
        // Enter, so the test can look at the terminal the dashboard handed back.
        let script = """
            before=$(stty -g); "$0" "$@"; status=$?; after=$(stty -g)
            if [ "$before" = "$after" ]; then echo "tty settings restored"; else echo "tty settings changed"; fi
            echo "cloudtop exit status $status"; read line; exit $status
            """
        let session = try TmuxSession(
            binary: URL(fileURLWithPath: "/bin/sh"),
            arguments: ["-c", script, binary.path, "--config", BuiltBinary.configDirectory]
        )
        defer { session.kill() }
        var step = "start"
        func expect(_ condition: Bool, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
            guard !condition else { return }
            let screen = (try? session.capture())?.joined(separator: "\n") ?? "(no screen)"
            Issue.record("\(step): \(what)\n--- screen ---\n\(screen)", sourceLocation: sourceLocation)
            throw EndToEndFailure(step: step)
        }
        func screenHas(_ texts: String...) -> Bool {
            session.waitForScreen(timeoutSeconds: limit) { lines in texts.allSatisfy { text in lines.contains { $0.contains(text) } } }
        }
        func row(of id: String, in lines: [String]) -> String? { lines.first { $0.contains(id) && $0.hasPrefix("│") } }

        // The dashboard opens on the Overview in the alternate screen.
        try expect(screenHas("cloudtop demo-estate", "1 Overview", "2 EC2"), "the first frame")
        try expect(session.alternateScreenIsOn == true, "the dashboard uses the alternate screen")

        step = "2: the EC2 view"
        try session.sendKeys("2")
        try expect(screenHas("EC2 instances (11)", "INSTANCE ID"), "the EC2 table with the 11 default instances")

        step = "l: the launch menu"
        try session.sendKeys("l")
        try expect(screenHas("Launch instances", "Instance type:"), "the launch menu")
        try session.sendKeys("c7g.large")
        try expect(screenHas("c7g.large — ", "2 vCPU · 4 GiB"), "the specs of the typed type")

        step = "Enter: launch"
        try session.sendKeys("Enter")
        var newID = ""
        try expect(session.waitForScreen(timeoutSeconds: limit) { lines in
            guard let id = Self.launchedID(in: lines) else { return false }
            newID = id
            return true
        }, "the launch message with the new instance's id")
        try expect(session.waitForScreen(timeoutSeconds: limit) { lines in
            guard let row = row(of: newID, in: lines) else { return false }
            return row.contains("pending") && row.contains("c7g.large")
        }, "the new row \(newID) shown as pending")
        try expect(screenHas("EC2 instances (12)"), "twelve instances")

        step = ": sim speed 60"
        try session.sendKeys(":")
        try expect(screenHas("Command — "), "the palette")
        try session.sendKeys("sim speed 60", "Enter")
        try expect(screenHas("sim speed 60 → {"), "the status line shows the command's result")
        try expect(session.waitForScreen(timeoutSeconds: limit) { lines in
            !lines.contains { $0.contains("Command — ") } && lines.first?.contains("60×") == true
        }, "the palette closed and the header shows 60×")
        try expect(session.waitForScreen(timeoutSeconds: limit) { lines in
            row(of: newID, in: lines)?.contains("running") == true
        }, "the new row \(newID) becomes running")

        step = "/ filter and s: stop"
        try session.sendKeys("/", newID, "Enter")
        try expect(screenHas("EC2 instances (1 of 12, filter /\(newID))"), "the filter leaves only the new row")
        try session.sendKeys("s")
        try expect(session.waitForScreen(timeoutSeconds: limit) { lines in
            guard let row = row(of: newID, in: lines) else { return false }
            return row.contains("stopping") || row.contains("stopped")
        }, "the new row \(newID) stopping or stopped")
        try expect(session.waitForScreen(timeoutSeconds: limit) { lines in
            row(of: newID, in: lines)?.contains("stopped") == true
        }, "the new row \(newID) ends stopped")

        step = "?: help"
        try session.sendKeys("?")
        try expect(screenHas("Help — keys in force", "launch instances", "command palette"), "the help overlay")
        try session.sendKeys("Escape")
        try expect(session.waitForScreen(timeoutSeconds: limit) { lines in
            !lines.contains { $0.contains("Help — ") } && lines.contains { $0.contains(newID) }
        }, "help closed, the table back")

        step = "resize to 1×1 and back"
        try session.resize(width: 1, height: 1)
        try expect(session.waitForScreen(timeoutSeconds: limit) { $0.count == 1 }, "a 1×1 pane")
        Thread.sleep(forTimeInterval: 0.5)  // some frames at 1×1
        try expect(session.isRunning, "still running at 1×1")
        try session.resize(width: 120, height: 40)
        try expect(session.waitForScreen(timeoutSeconds: limit) { lines in
            lines.count == 40
                && lines[0].contains("cloudtop demo-estate")
                && lines.contains { $0.contains("EC2 instances (1 of 12") }
                && lines[38].hasPrefix("└") && lines[38].hasSuffix("┘")
                && lines[39].contains("launch")
        }, "the whole 120×40 screen redrawn")
        try expect(session.isRunning, "still running at 120×40")

        step = "q: quit"
        try session.sendKeys("q")
        try expect(screenHas("cloudtop exit status "), "the dashboard exits")
        try expect(try session.capture().contains { $0.contains("cloudtop exit status 0") }, "exit status 0")
        try expect(session.alternateScreenIsOn == false, "the terminal is back on the normal screen")
        try expect(session.paneFormat("#{cursor_flag}") == "1", "the cursor is visible again")
        try expect(try session.capture().contains { $0.contains("tty settings restored") }, "stty settings as before")
        try expect(try !session.capture().contains { $0.contains("cloudtop demo-estate") },
                   "no dashboard left on the normal screen")
        try session.sendKeys("Enter")
        try expect(session.waitForExit(timeoutSeconds: limit) == 0, "the wrapper passes on status 0")
    }

    /// A config mistake, the text that makes it, and what the message must say.
    struct Mistake: Sendable, CustomTestStringConvertible {
        var good: String
        var bad: String
        var message: String
        var testDescription: String { "\(good) → \(bad)" }
    }

    @Test(arguments: [
        Mistake(good: "warmup: 60s", bad: "warmup: sixty", message: "duration like 90s"),
        Mistake(good: "- warehouse", bad: "- warehous", message: "did you mean 'warehouse'"),
    ])
    func badConfigExitsOneWithFileAndLineOnStandardError(_ mistake: Mistake) throws {
        let binary = try #require(BuiltBinary.url)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cloudtop-bad-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = try String(contentsOfFile: BuiltBinary.configDirectory + "/estate.yaml", encoding: .utf8)
        let lines = good.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let index = try #require(lines.firstIndex { $0.hasSuffix(mistake.good) }, "the default estate has \(mistake.good)")
        var bad = lines
        bad[index] = lines[index].replacingOccurrences(of: mistake.good, with: mistake.bad)
        let estateFile = folder.appendingPathComponent("estate.yaml")
        try bad.joined(separator: "\n").write(to: estateFile, atomically: true, encoding: .utf8)
        let errorFile = folder.appendingPathComponent("stderr.txt")

        // A shell sends standard error to a file so the test reads it apart from the screen.
        let session = try TmuxSession(
            binary: URL(fileURLWithPath: "/bin/sh"),
            arguments: ["-c", "exec \"$0\" --config \"$1\" 2>\"$2\"", binary.path, folder.path, errorFile.path]
        )
        defer { session.kill() }
        let status = session.waitForExit(timeoutSeconds: limit)
        #expect(status == 1)
        let stderr = try String(contentsOf: errorFile, encoding: .utf8)
        #expect(stderr.contains("\(estateFile.path):\(index + 1): "), "file:line: in \(stderr)")
        #expect(stderr.contains(mistake.message), "\(stderr)")
        #expect(stderr.hasPrefix("cloudtop: "))
        #expect(session.alternateScreenIsOn == false, "the terminal was never taken over")
        #expect(try !session.capture().contains { $0.contains("cloudtop demo-estate") })
    }

    /// The id in the status line `Launched 1 × c7g.large: i-…`.
    static func launchedID(in lines: [String]) -> String? {
        for line in lines {
            guard let range = line.range(of: #"Launched 1 × c7g\.large: i-[0-9a-f]{17}"#, options: .regularExpression)
            else { continue }
            return String(line[range].split(separator: " ").last!)
        }
        return nil
    }
}

/// Ends a scenario at its first failed step (the step and the screen are already recorded).
struct EndToEndFailure: Error, CustomStringConvertible {
    var step: String
    var description: String { "end-to-end scenario stopped at: \(step)" }
}
