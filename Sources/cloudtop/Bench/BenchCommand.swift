import ArgumentParser

/// `cloudtop bench`: speed and memory figures, as medians with a baseline from the same run.
///
/// Benchmarks live here rather than in the test suite: timings on a shared machine are noisy, and
/// a flaky timed test teaches people to ignore failures. Build with `-c release` for real figures.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure simulation and rendering speed (build with -c release for real figures).",
        discussion: """
        Suites: ec2 (simulation of many instances), edge (requests/s through a distribution with four \
        rule functions and with a warm Node.js handler, against none), render (EC2 view frame time), kinesis \
        (PutRecord and GetRecords rates, memory per retained record), tail (live tail frame time at \
        5,000 records/s), jobs (a keyBy + window job at parallelism 1 and 4 against the KCL consumer; \
        search indexing and queries), advance (`sim advance 24h` on the default estate: CPU seconds and peak RSS \
        with the 256 MiB budget, against everything kept in memory), pipeline (records per second \
        through producer → store → KCL consumer), record-memory (bytes per retained record in the \
        memory and disk tiers), warehouse (leader overhead over plain SQLite, COPY and stream-loader rows/s), \
        tui (CPU of the dashboard itself in tmux at 120x40 and 200x60 over --seconds: \
        the Overview at speed 1, the EC2 view at speeds 1 and 10, with htop in the same set-up as the \
        baseline, installed with apt-get when missing), wire (PutRecord requests/s over HTTP from sequential \
        boto3 and from wrk against `cloudtop serve`, each against moto_server; SELECT 1 with pgbench against \
        the warehouse leader and a running PostgreSQL). \
        Timed suites measure medians over --runs runs, each against a baseline measured in the same run. \
        With no suite (or 'all'), every suite runs and one table is printed: name, result, baseline, \
        ratio, goal (from the issue that asked for it) and pass or fall short; suites that need a tool \
        that is missing (tmux for tui, node for the edge handler, moto_server, wrk, pgbench or a PostgreSQL server for wire) print a row saying skipped and why. \
        Named suites print their own detail, then their rows of the table. The full table takes \
        several minutes (tui alone about five); --quick uses small sizes so it takes seconds, to check \
        the table rather than to read figures from it.
        """
    )

    @Argument(help: "Which suites to run: ec2, render, kinesis, tail, edge, jobs, warehouse, advance, pipeline, record-memory, tui, wire, or all (the default).")
    var suites: [String] = []

    @Flag(help: "Small sizes and one run each: the whole table in seconds, figures not meaningful.")
    var quick = false

    @Option(help: "Runs per measurement; the median is reported.")
    var runs: Int = 5

    @Option(help: "Instances for the ec2 and render suites.")
    var instances: Int = 10_000

    @Option(help: "Records for the kinesis suite.")
    var records: Int = 5_000_000

    @Option(help: "Wall seconds each tui measurement lasts.")
    var seconds: Double = 20

    @Option(help: "Virtual hours the advance suite fast-forwards.")
    var hours: Int = 24

    @Option(help: "Config directory for the tui suite's dashboard (default: ./Config, else the built-in estate).")
    var config: String?

    @Option(help: "The cloudtop binary the tui suite measures (default: this one), e.g. an earlier build to compare with.")
    var binary: String?

    /// Every suite, in the table's order.
    static let allSuites = ["ec2", "render", "kinesis", "tail", "edge", "jobs", "warehouse", "advance", "pipeline", "record-memory", "tui", "wire"]

    func validate() throws {
        for s in suites where s != "all" && !Self.allSuites.contains(s) {
            throw ValidationError("unknown suite '\(s)'; suites: \(Self.allSuites.joined(separator: ", ")), all")
        }
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
        guard seconds >= 1, seconds <= 600 else { throw ValidationError("--seconds must be 1…600") }
        guard (1...168).contains(hours) else { throw ValidationError("--hours must be 1…168") }
        guard (1...24_000).contains(instances) else { throw ValidationError("--instances must be 1…24000 (six /20 subnets)") }
    }

    /// The sizes asked for: --quick's, else the issues' with the options' overrides.
    var sizes: BenchSizes {
        if quick { return .quick }
        var sizes = BenchSizes()
        sizes.runs = runs
        sizes.instances = instances
        sizes.records = records
        sizes.tuiSeconds = seconds
        sizes.advanceMinutes = hours * 60
        return sizes
    }

    func run() throws {
        let everything = suites.isEmpty || suites.contains("all")
        let chosen = everything ? Self.allSuites : suites
        #if DEBUG
        print("note: debug build; figures are only meaningful from `swift build -c release`")
        #endif
        if quick { print("note: --quick: small sizes and one run each; the table's figures and verdicts are not the issues' figures") }
        var rows: [BenchRow] = []
        for suite in chosen {
            let report = Self.run(suite, sizes: sizes, config: config, binary: binary)
            if !everything { print(report.text + "\n") }
            rows += report.rows
        }
        print(BenchTable.render(rows))
    }

    static func run(_ suite: String, sizes: BenchSizes, config: String?, binary: String?) -> BenchReport {
        switch suite {
        case "ec2": return EC2Benchmark.report(EC2Benchmark.run(instances: sizes.instances, runs: sizes.runs))
        case "render": return RenderBenchmark.run(instances: sizes.instances, frames: sizes.frames, runs: sizes.runs)
        case "kinesis": return KinesisBenchmarks.report(KinesisBenchmarks.run(records: sizes.records, readRecords: sizes.readRecords))
        case "tail": return TailBenchmark.run(recordsPerSecond: 5000, frames: sizes.tailFrames, runs: sizes.runs)
        case "advance": return RecordStoreBenchmark.advance(minutes: sizes.advanceMinutes)
        case "pipeline": return RecordStoreBenchmark.pipeline(virtualSeconds: sizes.pipelineSeconds)
        case "record-memory": return RecordStoreBenchmark.recordMemory(records: sizes.recordMemoryRecords)
        case "tui": return TUIBenchmark.run(seconds: sizes.tuiSeconds, settle: sizes.tuiSettle, config: config, binary: binary)
        case "edge": return EdgeBenchmark.run(requests: sizes.edgeRequests, runs: sizes.runs)
        case "jobs": return JobsBenchmark.run(records: sizes.jobRecords, documents: sizes.documents, queries: sizes.queries)
        case "warehouse": return WarehouseBenchmark.run(sizes: sizes)
        case "wire": return WireBenchmark.run(requests: sizes.wireRequests, seconds: sizes.wireSeconds)
        default: return BenchReport(text: "", rows: [])
        }
    }
}
