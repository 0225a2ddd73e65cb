@testable import Dashboard
import Estate
import Foundation
import Terminal
import Testing

/// Shared set-up for dashboard tests: the default estate at a fixed point, and key helpers.
enum DashboardFixtures {
    /// The default estate after ten virtual minutes, with one extra instance stopped. Edge handler
    /// code falls back to its rule functions, so screens are the same where Node.js is installed
    /// and where it is not, and no test starts a worker process.
    /// `edgeTraffic: false` leaves out the generated edge traffic, for tests that send their own requests.
    /// `defaultStacks: false` leaves out the stacks the default estate forms from (its instances,
    /// streams and warehouse), for tests of the Stacks view that deploy their own.
    static func dashboard(seed: UInt64 = 42, edgeTraffic: Bool = true, defaultStacks: Bool = true) -> Dashboard {
        var config = try! EstateConfig.parse(DefaultConfig.estateYAML, file: "estate.yaml")
        if !edgeTraffic { config.edge?.traffic = nil }
        // The default job reads a stream the default stacks create.
        if !defaultStacks { config.stacks = []; config.jobs = [] }
        let estate = try! EstateBuilder.build(config, file: "estate.yaml", seed: seed, edgeCodeRunner: NoEdgeRuntimes())
        let dashboard = Dashboard(estate: estate)
        // Ctrl-S (a key-fuzzing test presses anything) saves outside the source tree.
        dashboard.saveFolder = FileManager.default.temporaryDirectory.path
        estate.advance(by: .minutes(10))
        return dashboard
    }

    static func press(_ dashboard: Dashboard, _ keys: Key...) {
        for key in keys { dashboard.handle(.key(key)) }
    }

    static func type(_ dashboard: Dashboard, _ text: String) {
        for ch in text { dashboard.handle(.key(.character(ch))) }
    }

    /// The EC2 view in the focused pane (the test has shown it).
    static func ec2(_ dashboard: Dashboard) -> EC2View { dashboard.focused(EC2View.self)! }

    /// The Streams view in the focused pane (the test has shown it).
    static func streams(_ dashboard: Dashboard) -> StreamsView { dashboard.focused(StreamsView.self)! }

    /// A frame as the loop draws it: models refreshed, laid out, then rendered.
    static func screen(_ dashboard: Dashboard, width: Int = 120, height: Int = 40) -> [String] {
        dashboard.refresh()
        dashboard.arrange(for: Size(width: width, height: height))
        var buffer = Buffer(width: width, height: height)
        dashboard.render(into: &buffer)
        return buffer.lines
    }

    static func text(_ dashboard: Dashboard, width: Int = 120, height: Int = 40) -> String {
        screen(dashboard, width: width, height: height).joined(separator: "\n")
    }
}

/// An edge code runner on a machine without Node.js or Python.
final class NoEdgeRuntimes: EdgeCodeRunner {
    func isAvailable(_ runtime: EdgeRuntime) -> Bool { false }
    func invoke(_ invocation: CodeInvocation) -> CodeOutcome { .unavailable("no runtimes in dashboard tests") }
    func shutdown() {}
}

/// Golden screens live in `Tests/DashboardTests/Golden`. Run with `CLOUDTOP_UPDATE_GOLDEN=1` to
/// rewrite them after an intended change, then read the diff before committing it.
enum Golden {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Golden")

    static func check(_ lines: [String], name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = directory.appendingPathComponent(name + ".txt")
        let actual = lines.joined(separator: "\n") + "\n"
        if ProcessInfo.processInfo.environment["CLOUDTOP_UPDATE_GOLDEN"] == "1" {
            try! actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("missing golden file \(name).txt; run with CLOUDTOP_UPDATE_GOLDEN=1", sourceLocation: sourceLocation)
            return
        }
        if actual != expected {
            let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let first = zip(a, e).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, e.count)
            Issue.record("screen \(name) differs from its golden file at line \(first + 1):\n got: \(first < a.count ? a[first] : "<none>")\nwant: \(first < e.count ? e[first] : "<none>")",
                         sourceLocation: sourceLocation)
        }
    }
}
