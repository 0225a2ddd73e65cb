import Estate
import Foundation

/// Requests per second through a distribution (issue 10's benchmark): with four rule functions,
/// and with a warm Node.js handler, each against the same distribution without functions measured
/// in the same run.
enum EdgeBenchmark {
    static let ruleFiles: [String: String] = [
        "vr.yaml": "name: vr\nrules:\n  - when: { uri: /healthz }\n    then: { respond: { status: 200, body: ok } }\n  - then:\n      - set-header: { name: x-device-type, value: desktop }\n  - when: { header: { name: user-agent, contains: [Mobile, Android] } }\n    then:\n      - set-header: { name: x-device-type, value: mobile }\n",
        "or.yaml": "name: or\nrules:\n  - when: { uri: { suffix: / } }\n    then: { rewrite-uri: \"{uri}index.html\" }\n",
        "ores.yaml": "name: ores\nrules:\n  - when: { status: 404 }\n    then:\n      - set-header: { name: cache-control, value: max-age=10 }\n",
        "vres.yaml": "name: vres\nrules:\n  - then:\n      - set-header: { name: strict-transport-security, value: max-age=63072000 }\n      - set-header: { name: x-content-type-options, value: nosniff }\n",
        "node.yaml": "name: node\nruntime: nodejs20.x\nhandler: node.handler\ncode: node.js\n",
        "node.js": "exports.handler = async (event) => { const r = event.Records[0].cf.response; r.headers['x-node'] = [{ key: 'X-Node', value: '1' }]; return r; };\n",
    ]

    static func estate(functions: [String: String]) throws -> Estate {
        let attached = functions.keys.sorted().map { "            \($0): \(functions[$0]!)" }.joined(separator: "\n")
        let yaml = """
        name: bench
        warmup: 0s
        edge:
          functions: [vr.yaml, or.yaml, ores.yaml, vres.yaml\(functions.values.contains("node") ? ", node.yaml" : "")]
          distributions:
            - name: site
              origins: [{ id: s3, static-site: { sections: [docs, blog], pages-per-section: 500 } }]
              behaviors:
                - path: "*"
                  origin: s3
                  ttl: { min: 0s, default: 1h, max: 1d }
        \(functions.isEmpty ? "" : "          functions:\n" + attached)
        """
        let config = try EstateConfig.parse(yaml, file: "bench.yaml") { ruleFiles[$0] }
        return try EstateBuilder.build(config, file: "bench.yaml", seed: 1)
    }

    /// Requests per second serving `count` requests over a mix of cached and uncached pages.
    static func rate(_ estate: Estate, count: Int, runs: Int) -> Double {
        let distribution = estate.edge.distributions[0]
        let paths = (0..<count).map { i in i % 4 == 0 ? "/docs/page-\(i % 1000 + 1)/" : "/docs/page-\(i % 50 + 1)/index.html" }
        let seconds = BenchSupport.median(runs: runs) {
            for path in paths {
                _ = estate.edge.serve(distribution, EdgeRequest(method: "GET", uri: path, headers: EdgeHeaders([("User-Agent", "bench")])),
                                      detailedTrace: false)
            }
        }
        return Double(count) / seconds
    }

    static func run(requests: Int, runs: Int) -> BenchReport {
        var rows: [BenchRow] = []
        let nodeName = "edge: Node.js viewer-response handler, warm"
        var lines = ["edge: requests/s through one distribution (\(requests) requests per run, median of \(runs))"]
        do {
            let bare = rate(try estate(functions: [:]), count: requests, runs: runs)
            let rules = rate(try estate(functions: ["viewer-request": "vr", "origin-request": "or", "origin-response": "ores", "viewer-response": "vres"]),
                             count: requests, runs: runs)
            lines.append(String(format: "  no functions (baseline)      %12.0f req/s", bare))
            lines.append(String(format: "  four rule functions          %12.0f req/s   %.2f× baseline", rules, rules / bare))
            rows.append(BenchRow("edge: four rule functions", rules, .rate("req"), baseline: (bare, "no functions")))
            let nodeEstate = try estate(functions: ["viewer-response": "node"])
            guard nodeEstate.edge.codeRunner.isAvailable(.nodejs20) else {
                lines.append("  node.js handler              skipped: node is not installed")
                rows.append(.skipped(nodeName, "node is not installed"))
                return BenchReport(text: lines.joined(separator: "\n"), rows: rows)
            }
            let nodeCount = max(100, requests / 20)
            _ = rate(nodeEstate, count: 10, runs: 1)  // cold start outside the measurement
            let node = rate(nodeEstate, count: nodeCount, runs: runs)
            let bareSmall = rate(try estate(functions: [:]), count: nodeCount, runs: runs)
            lines.append(String(format: "  node.js viewer-response warm %12.0f req/s   %.4f× baseline (%d requests per run)", node, node / bareSmall, nodeCount))
            rows.append(BenchRow(nodeName, node, .rate("req"), baseline: (bareSmall, "no functions")))
            nodeEstate.edge.codeRunner.shutdown()
        } catch {
            lines.append("  failed: \(error)")
            rows.append(.skipped("edge", "failed: \(error)"))
        }
        return BenchReport(text: lines.joined(separator: "\n"), rows: rows)
    }
}
