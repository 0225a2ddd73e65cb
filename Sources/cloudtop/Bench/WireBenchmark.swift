import Foundation

/// `cloudtop bench wire` (issue 13): the endpoint driven by real tools, each against the tool's
/// usual counterpart on the same machine in the same run. PutRecord requests/s from sequential
/// boto3 and from `wrk` against `cloudtop serve` and moto's server (goal: at least 40× moto), and a
/// `SELECT 1` round trip with `pgbench` against the warehouse leader and a running PostgreSQL.
///
/// The driving is a Python script (boto3 is Python's), run with this binary's path; each figure
/// it cannot take (no boto3, moto_server, wrk, pgbench or PostgreSQL server) comes back as a reason.
enum WireBenchmark {
    static func run(requests: Int, seconds: Double) -> BenchReport {
        let names = (boto3: "wire: PutRecord over HTTP, sequential boto3", wrk: "wire: PutRecord over HTTP, wrk (8 connections)",
                     pgbench: "wire: SELECT 1 over the PostgreSQL protocol, pgbench")
        let moto = BenchGoal.ratioAtLeast(40, source: "#13")
        func skippedAll(_ reason: String) -> BenchReport {
            BenchReport(text: "wire: skipped, \(reason)", rows: [
                .skipped(names.boto3, reason, goal: moto), .skipped(names.wrk, reason, goal: moto), .skipped(names.pgbench, reason),
            ])
        }
        guard let python = BenchTools.find("python3") else { return skippedAll("python3 is not installed") }
        let script = (NSTemporaryDirectory() as NSString).appendingPathComponent("cloudtop-bench-wire-\(getpid()).py")
        guard (try? WireScript.text.write(toFile: script, atomically: true, encoding: .utf8)) != nil else { return skippedAll("cannot write \(script)") }
        defer { try? FileManager.default.removeItem(atPath: script) }
        let environment = ProcessInfo.processInfo.environment.merging(["PYTHONUNBUFFERED": "1"]) { $1 }
        guard let (status, output) = try? Spawn.run(python, [script, TUIBenchmark.ownExecutable(), String(requests), String(seconds)], environment: environment),
              let last = output.split(separator: "\n").last, let data = String(last).data(using: .utf8),
              let figures = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return skippedAll("the driving script failed") }
        _ = status
        func row(_ key: String, _ name: String, _ unit: String, baselineLabel: String, goal: BenchGoal?) -> BenchRow {
            guard let figure = figures[key] as? [String: Any] else { return .skipped(name, "no figure", goal: goal) }
            if let reason = figure["skipped"] as? String { return .skipped(name, reason, goal: goal) }
            let value = figure["value"] as? Double ?? .nan
            let baseline = (figure["baseline"] as? Double).map { ($0, baselineLabel) }
            var row = BenchRow(name, value, .rate(unit), baseline: baseline, goal: goal)
            if baseline == nil { row.baselineSkipped = figure["baseline_skipped"] as? String }
            return row
        }
        let rows = [
            row("boto3", names.boto3, "req", baselineLabel: "moto_server", goal: moto),
            row("wrk", names.wrk, "req", baselineLabel: "moto_server", goal: moto),
            row("pgbench", names.pgbench, "queries", baselineLabel: "PostgreSQL", goal: nil),
        ]
        return BenchReport(text: "wire:\n" + output.split(separator: "\n").dropLast().map { "  " + $0 }.joined(separator: "\n"), rows: rows)
    }
}

/// Tools on PATH.
enum BenchTools {
    static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
