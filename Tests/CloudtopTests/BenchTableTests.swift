import Foundation
import Testing

/// `cloudtop bench --quick`: every benchmark runs (small sizes) and the one table has a row for
/// each figure, in aligned columns, each with a baseline or a reason it was skipped. The figures
/// themselves are not checked: timings on a shared machine are for people to read.
@Suite(.enabled(if: BuiltBinary.isBuilt, BuiltBinary.missingNote))
struct BenchTableTests {
    /// The rows of the table at --quick's sizes (200 instances, 1 virtual minute), suite by suite.
    static let expectedRows = [
        "ec2: 200 instances, launch + 1 virtual hour",
        "render: EC2 view 120×40, 200 instances", "render: 120×40, 200 instances against 100", "render: EC2 view 200×60, 200 instances",
        "render: 120×40, estate changed before every frame",
        "kinesis: PutRecord, 64 shards, 100 B records", "kinesis: GetRecords", "kinesis: memory per retained record",
        "tail: live tail 120×40 at 5,000 records/s",
        "edge: four rule functions", "edge: Node.js viewer-response handler, warm",
        "jobs: keyBy + 10 s window, parallelism 1", "jobs: keyBy + 10 s window, parallelism 4",
        "search: indexing, batches of 500", "search: five query kinds",
        "warehouse: 5 queries through the leader", "warehouse: COPY from S3 CSV", "warehouse: stream loader alone",
        "warehouse: default estate, 10 virtual s",
        "advance: sim advance 1m, default estate, CPU", "advance: sim advance 1m, peak RSS",
        "pipeline: producer → store → 4-worker consumer",
        "record-memory: producer records, disk tier, in memory", "record-memory: client 100 B records, disk tier, in memory",
    ] + ["120×40", "200×60"].flatMap { size in
        ["Overview, speed 1", "EC2 view, speed 1", "EC2 view, speed 10", "EC2 view, speed 10, :perf shown"].map { "tui: \($0) \(size), CPU" }
    } + [
        "wire: PutRecord over HTTP, sequential boto3", "wire: PutRecord over HTTP, wrk (8 connections)",
        "wire: SELECT 1 over the PostgreSQL protocol, pgbench",
    ]

    /// Rows with a goal from an issue, and the issue.
    static let goals = [
        "ec2: 200 instances, launch + 1 virtual hour": "#2", "render: EC2 view 120×40, 200 instances": "#7",
        "kinesis: PutRecord, 64 shards, 100 B records": "#4", "kinesis: memory per retained record": "#4",
        "warehouse: 5 queries through the leader": "#9",
    ]

    @Test func quickRunsEverySuiteIntoOneTable() throws {
        let binary = try #require(BuiltBinary.url).path
        let result = try PipedProcess.run(binary, ["bench", "--quick"], workingDirectory: FileManager.default.temporaryDirectory.path,
                                          timeoutSeconds: 600)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let lines = result.stdoutLines
        let header = try #require(lines.firstIndex { $0.hasPrefix("benchmark ") }, "no table header in:\n\(result.stdout)")
        let titles = ["benchmark", "result", "baseline (same run)", "ratio", "goal", "verdict"]
        let starts = titles.map { lines[header].range(of: $0).map { lines[header].distance(from: lines[header].startIndex, to: $0.lowerBound) } }
        #expect(starts.allSatisfy { $0 != nil } && starts.compactMap { $0 } == starts.compactMap { $0 }.sorted(), "columns in order: \(lines[header])")
        let columnStarts = starts.compactMap { $0 }
        let body = lines[(header + 2)...].prefix { !$0.isEmpty }
        #expect(body.count == Self.expectedRows.count, "one row per figure:\n\(body.joined(separator: "\n"))")

        for name in Self.expectedRows {
            guard let row = body.first(where: { $0.hasPrefix(name + "  ") }) else {
                Issue.record("no row '\(name)' in:\n\(body.joined(separator: "\n"))")
                continue
            }
            let chars = Array(row)
            /// The text of column `i`, from its start to the next column's.
            func cell(_ i: Int) -> String {
                guard columnStarts[i] < chars.count else { return "" }
                let end = i + 1 < columnStarts.count ? min(columnStarts[i + 1], chars.count) : chars.count
                return String(chars[columnStarts[i]..<end]).trimmingCharacters(in: .whitespaces)
            }
            let verdict = cell(5)
            if cell(1).hasPrefix("skipped: ") {
                #expect(verdict == "skipped", "\(row)")
                continue
            }
            #expect(!cell(1).isEmpty && cell(1) != "—", "a figure: \(row)")
            #expect(["pass", "falls short", "—"].contains(verdict), "a verdict: \(row)")
            if let issue = Self.goals[name] {
                #expect(cell(4).hasSuffix("(\(issue))"), "the goal of \(issue): \(row)")
                #expect(verdict != "—", "judged against its goal: \(row)")
            }
            // Every row but these few has a baseline from the same run, and then a ratio.
            let withoutBaseline = ["kinesis: GetRecords", "search: indexing, batches of 500", "search: five query kinds",
                                   "warehouse: COPY from S3 CSV", "warehouse: stream loader alone", "pipeline: producer → store → 4-worker consumer"]
            if !withoutBaseline.contains(name), !name.hasPrefix("tui:"), !name.hasPrefix("wire:") {
                #expect(cell(2) != "—" && cell(3).hasSuffix("×"), "a baseline and a ratio: \(row)")
            }
        }
        #expect(lines.contains { $0.hasPrefix("\(Self.expectedRows.count) rows: ") }, "the summary line")
    }
}
