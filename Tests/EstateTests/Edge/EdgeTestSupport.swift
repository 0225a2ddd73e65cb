@testable import Estate
import Testing

/// A code runner for estates that must not start processes: every runtime is missing, so
/// associations fall back to their rule functions.
final class NoRuntimes: EdgeCodeRunner {
    func isAvailable(_ runtime: EdgeRuntime) -> Bool { false }
    func invoke(_ invocation: CodeInvocation) -> CodeOutcome { .unavailable("no runtimes in this test") }
    func shutdown() {}
}

/// A scripted runner: answers every invocation with the closure's outcome and remembers the events.
final class ScriptedRunner: EdgeCodeRunner {
    var answer: (CodeInvocation) -> CodeOutcome
    private(set) var invocations: [CodeInvocation] = []
    init(_ answer: @escaping (CodeInvocation) -> CodeOutcome) { self.answer = answer }
    func isAvailable(_ runtime: EdgeRuntime) -> Bool { true }
    func invoke(_ invocation: CodeInvocation) -> CodeOutcome { invocations.append(invocation); return answer(invocation) }
    func shutdown() {}
}

enum EdgeFixtures {
    /// The built-in estate with its edge, without traffic, without processes, once the website
    /// stack has created its distribution and functions.
    static func defaultEdgeEstate(seed: UInt64 = 42, runner: any EdgeCodeRunner = NoRuntimes()) throws -> Estate {
        var config = try EstateConfig.parse(DefaultConfig.estateYAML, file: "estate.yaml")
        config.edge?.traffic = nil
        let estate = try EstateBuilder.build(config, file: "estate.yaml", seed: seed, edgeCodeRunner: runner)
        StackFixtures.settle(estate, "website")
        #expect(estate.stacks.stack("website")?.status == StackStatus.createComplete)
        return estate
    }

    /// An estate with only an `edge:` section (given as YAML) and function files by path.
    static func estate(edge yaml: String, files: [String: String], runner: any EdgeCodeRunner = NoRuntimes(), seed: UInt64 = 7) throws -> Estate {
        let text = "name: edge-test\nwarmup: 0s\nedge:\n" + yaml.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")
        let config = try EstateConfig.parse(text, file: "estate.yaml") { files[$0] }
        return try EstateBuilder.build(config, file: "estate.yaml", seed: seed, edgeCodeRunner: runner)
    }

    /// A one-behaviour distribution `site` over a static site, with functions at the given triggers.
    static func singleBehaviour(_ functions: [String: String], files: [String: String], runner: any EdgeCodeRunner = NoRuntimes(),
                                ttl: String = "{ min: 0s, default: 60s, max: 1h }") throws -> Estate {
        let attached = functions.keys.sorted().map { "          \($0): \(functions[$0]!)" }.joined(separator: "\n")
        let yaml = """
        functions:
        \(files.keys.filter { $0.hasSuffix(".yaml") }.sorted().map { "  - \($0)" }.joined(separator: "\n"))
        distributions:
          - name: site
            origins:
              - id: s3
                static-site: { sections: [docs], pages-per-section: 3 }
            behaviors:
              - path: "*"
                origin: s3
                ttl: \(ttl)
        \(functions.isEmpty ? "" : "        functions:\n" + attached)
        """
        return try estate(edge: yaml, files: files, runner: runner)
    }

    /// Runs `edge request` and returns its JSON, failing the test on an error reply.
    static func request(_ estate: Estate, _ line: String) -> JSONValue {
        let out = Fixtures.run(estate, "edge request " + line).first ?? .null
        #expect(out.errorCode == nil, "edge request \(line) failed: \(out.serialized())")
        return out
    }

    static func status(_ reply: JSONValue) -> String? { reply["Response"]?["status"]?.stringValue }
    static func header(_ reply: JSONValue, _ name: String) -> String? {
        reply["Response"]?["headers"]?[name]?.arrayValue?.first?["value"]?.stringValue
    }
    /// `event-type:function` of each step in the trace, in order.
    static func trace(_ reply: JSONValue) -> [String] {
        (reply["Trace"]?.arrayValue ?? []).map { "\($0["EventType"]?.stringValue ?? "?"):\($0["FunctionName"]?.stringValue ?? "?")" }
    }
}
