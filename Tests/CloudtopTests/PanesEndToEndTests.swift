import Foundation
import Testing

/// The real binary in tmux, for filters, navigation, split panes and the mouse: each test types
/// what a user would and reads the screen tmux shows.
@Suite(
    .enabled(if: TmuxSession.isAvailable, "tmux is not installed"),
    .enabled(if: BuiltBinary.isBuilt, BuiltBinary.missingNote)
)
struct PanesEndToEndTests {
    private let limit = 10.0

    /// A session of the dashboard at `width`×`height`, with checks that print the screen when they fail.
    final class Run {
        let session: TmuxSession
        var step = "start"
        let limit: Double

        init(width: Int = 120, height: Int = 40, config: String = BuiltBinary.configDirectory, limit: Double) throws {
            let binary = try #require(BuiltBinary.url)
            session = try TmuxSession(binary: binary, arguments: ["--config", config], width: width, height: height)
            self.limit = limit
        }

        deinit { session.kill() }

        func expect(_ condition: Bool, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
            guard !condition else { return }
            let screen = (try? session.capture())?.joined(separator: "\n") ?? "(no screen)"
            Issue.record("\(step): \(what)\n--- screen ---\n\(screen)", sourceLocation: sourceLocation)
            throw EndToEndFailure(step: step)
        }

        func has(_ texts: String...) -> Bool {
            session.waitForScreen(timeoutSeconds: limit) { lines in texts.allSatisfy { text in lines.contains { $0.contains(text) } } }
        }

        func lacks(_ text: String) -> Bool {
            session.waitForScreen(timeoutSeconds: limit) { lines in !lines.contains { $0.contains(text) } }
        }

        func keys(_ keys: String...) throws {
            for key in keys { try session.sendKeys(key) }
        }
    }

    @Test func filtersTakeRegexInvertFuzzyAndContext() throws {
        let run = try Run(limit: limit)
        try run.expect(run.has("1 Overview"), "the first frame")
        run.step = "/ regex"
        try run.keys("2", "/", "^web-[12]$", "Enter")
        try run.expect(run.has("EC2 instances (2 of 11, filter /^web-[12]$)", "web-1", "web-2"), "two rows")
        try run.expect(run.lacks("web-3"), "web-3 filtered out")
        run.step = "/! inverts"
        try run.keys("Escape", "/", "!^w", "Enter")
        try run.expect(run.has("EC2 instances (6 of 11, filter /!^w)", "bastion"), "the six that do not start with w")
        run.step = "/-f fuzzy"
        try run.keys("Escape", "/", "-f wr2", "Enter")
        try run.expect(run.has("EC2 instances (1 of 11, filter /-f wr2)", "worker-2"), "worker-2 alone")
        run.step = "a bad regex"
        try run.keys("Escape", "/", "web-(")
        try run.expect(run.has("not a regular expression", "EC2 instances (3 of 11, filter /web-)"), "the error, and the last good filter kept")
        try run.keys("Escape")
        run.step = "-C in a tail"
        // user-0 is the producer's hot key: matches come often, with other users around them.
        try run.keys("3", "t", "/", "^user-0$ -C 1", "Enter")
        try run.expect(run.has("filter /^user-0$ -C 1"), "the tail's filter")
        // Groups of a match and its neighbours, split by `--` where records were left out.
        try run.expect(run.session.waitForScreen(timeoutSeconds: limit) { lines in
            let rows = lines.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "│ ")) }
            guard let separator = rows.firstIndex(of: "--"), separator + 1 < rows.count else { return false }
            let group = rows[(separator + 1)...].prefix { $0 != "--" && !$0.hasPrefix("└") }
            return group.contains { $0.contains(" user-0 ") } && group.contains { !$0.contains(" user-0 ") }
        }, "a match with its context after a --")
        try run.keys("q")
    }

    @Test func breadcrumbsEscAndAliases() throws {
        let run = try Run(limit: limit)
        try run.expect(run.has("1 Overview"), "the first frame")
        run.step = ":stream clickstream 2"
        try run.keys(":", "stream clickstream 2", "Enter")
        try run.expect(run.has("Streams › clickstream › shardId-000000000002", "Tail · clickstream"), "the shard's tail with its crumbs")
        run.step = "Esc walks back"
        try run.keys("Escape")
        try run.expect(run.has("Streams › clickstream"), "the stream's shards")
        try run.expect(run.lacks("› shardId-000000000002"), "one level up")
        try run.keys("Escape")
        try run.expect(run.lacks("Streams › clickstream"), "the stream list")
        run.step = ":wh and Tab completion"
        try run.keys(":", "wh", "Enter")
        try run.expect(run.has("demo-estate  Warehouse"), "the Warehouse view")
        try run.keys(":", "stream cl", "Tab")
        try run.expect(run.has(":stream clickstream"), "Tab completed the stream name")
        try run.keys("Enter")
        try run.expect(run.has("Streams › clickstream"), "the completed jump")
        run.step = "a wrong path"
        try run.keys(":", "stream nosuch", "Enter")
        try run.expect(run.has("no stream named nosuch"), "the error")
        try run.keys("q")
    }

    @Test(arguments: [(120, 40), (80, 24)])
    func splitFocusZoomAndClose(size: (Int, Int)) throws {
        let run = try Run(width: size.0, height: size.1, limit: limit)
        try run.expect(run.has("1 Overview"), "the first frame")
        run.step = "| splits"
        try run.keys("2", "|")
        try run.expect(run.session.waitForScreen(timeoutSeconds: limit) { lines in
            lines.count > 2 && lines[2].components(separatedBy: "EC2 instances (11)").count == 3 && lines[2].contains("┏")
        }, "two EC2 panes, the right one focused")
        run.step = "number keys change the focused pane"
        try run.keys("6")
        try run.expect(run.session.waitForScreen(timeoutSeconds: limit) { lines in
            lines.count > 2 && lines[2].hasPrefix("┌ EC2 instances") && lines[2].contains("┏ Events")
        }, "EC2 left, Events right")
        run.step = "Tab moves the focus"
        try run.keys("Tab")
        try run.expect(run.session.waitForScreen(timeoutSeconds: limit) { lines in
            lines.count > 2 && lines[2].hasPrefix("┏ EC2 instances") && lines[2].contains("┌ Events")
        }, "the left pane focused")
        run.step = "z zooms"
        try run.keys("z")
        try run.expect(run.has("EC2 [zoom]"), "the zoom in the header")
        try run.expect(run.lacks("Events ("), "the other pane hidden")
        try run.keys("z")
        try run.expect(run.has("Events ("), "both panes again")
        run.step = "_ turns the split, _ again closes it"
        try run.keys("_")
        try run.expect(run.session.waitForScreen(timeoutSeconds: limit) { lines in
            lines.count > 2 && lines[2].hasPrefix("┏ EC2 instances") && lines.contains { $0.hasPrefix("┌ Events") }
        }, "stacked: EC2 above, Events below")
        try run.keys("_")
        try run.expect(run.lacks("Events ("), "one pane")
        try run.keys("q")
    }

    /// Each click sends its press and release in one write, as a busy machine delivers a quick
    /// click. The row's click has Enter in the same write: ncurses then returns one `KEY_MOUSE` for
    /// the unparsed pair, newest (the release) first, and the press must still count, before Enter.
    @Test func theMouseClicksTabsRowsAndPanesAndScrolls() throws {
        let run = try Run(limit: limit)
        try run.expect(run.has("1 Overview"), "the first frame")
        try run.expect(run.session.paneFormat("#{mouse_any_flag}") == "1", "the dashboard asked for mouse reports")
        run.step = "a click on a tab"
        let line = try run.session.capture()[1]
        let x = try #require(line.range(of: "2 EC2")).lowerBound.utf16Offset(in: line) + 1
        try run.session.click(x: x, y: 1)
        try run.expect(run.has("demo-estate  EC2", "EC2 instances (11)"), "the EC2 view")
        run.step = "a click on a row, then Enter"
        // Rows start under the box's top and the table header: the fifth by name is db-primary.
        try run.session.click(x: 5, y: 4 + 4, thenTyping: "\r")
        try run.expect(run.has("db-primary", "› i-"), "the clicked instance's details")
        try run.keys("Escape")
        run.step = "the wheel"
        try run.session.sendMouse(button: 65, x: 5, y: 10)
        try run.keys("Enter")
        try run.expect(run.has("web-2", "› i-"), "the wheel moved the selection three rows, from db-primary to web-2")
        try run.keys("Escape")
        run.step = "a click focuses a pane"
        try run.keys("|")
        try run.expect(run.session.waitForScreen(timeoutSeconds: limit) { $0.count > 2 && $0[2].contains("┏") && !$0[2].hasPrefix("┏") }, "right focused")
        try run.session.click(x: 3, y: 6)
        try run.expect(run.session.waitForScreen(timeoutSeconds: limit) { $0.count > 2 && $0[2].hasPrefix("┏") }, "the left pane took the focus")
        try run.keys("q")
    }

    @Test func mouseFalseLeavesTheMouseToTheTerminal() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cloudtop-mouse-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "mouse: false\n".write(to: folder.appendingPathComponent("dashboard.yaml"), atomically: true, encoding: .utf8)
        let run = try Run(config: folder.path, limit: limit)
        try run.expect(run.has("1 Overview"), "the first frame")
        try run.expect(run.session.paneFormat("#{mouse_any_flag}") == "0", "no mouse reports asked for")
        try run.keys("q")
    }
}
