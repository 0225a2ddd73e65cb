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
        baseline, installed with apt-get when missing). \
        Timed suites print medians over --runs runs and a ratio to a baseline measured in the same \
        run. 'all' means the fast suites (ec2, render, kinesis, tail, edge, jobs, warehouse, pipeline, \
        record-memory): tui takes about four minutes of wall time and needs tmux, and advance simulates \
        two days, so ask for them by name: cloudtop bench advance tui.
        """
    )

    @Argument(help: "Which suites to run: ec2, render, kinesis, tail, edge, jobs, warehouse, advance, pipeline, record-memory, tui, or all (= all but advance and tui).")
    var suites: [String] = ["all"]

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

    static let allSuites = ["ec2", "render", "kinesis", "tail", "edge", "jobs", "warehouse", "advance", "pipeline", "record-memory", "tui"]
    /// What `all` runs: the suites that take seconds, not minutes.
    static let fastSuites = ["ec2", "render", "kinesis", "tail", "edge", "jobs", "warehouse", "pipeline", "record-memory"]

    func validate() throws {
        for s in suites where s != "all" && !Self.allSuites.contains(s) {
            throw ValidationError("unknown suite '\(s)'; suites: \(Self.allSuites.joined(separator: ", ")), all")
        }
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
        guard seconds >= 1, seconds <= 600 else { throw ValidationError("--seconds must be 1…600") }
        guard (1...168).contains(hours) else { throw ValidationError("--hours must be 1…168") }
        guard (1...24_000).contains(instances) else { throw ValidationError("--instances must be 1…24000 (six /20 subnets)") }
    }

    func run() throws {
        let chosen = suites.contains("all") ? Self.fastSuites + suites.filter { $0 == "advance" || $0 == "tui" } : suites
        #if DEBUG
        print("note: debug build; figures are only meaningful from `swift build -c release`")
        #endif
        for suite in chosen {
            switch suite {
            case "ec2": print(EC2Benchmark.report(EC2Benchmark.run(instances: instances, runs: runs)))
            case "render": print(RenderBenchmark.run(instances: instances, frames: 200, runs: runs))
            case "kinesis": print(KinesisBenchmarks.run(records: records))
            case "tail": print(TailBenchmark.run(recordsPerSecond: 5000, runs: runs))
            case "advance": print(RecordStoreBenchmark.advance(hours: hours))
            case "pipeline": print(RecordStoreBenchmark.pipeline(virtualSeconds: 60))
            case "record-memory": print(RecordStoreBenchmark.recordMemory(records: 1_000_000))
            case "tui": print(TUIBenchmark.run(seconds: seconds, config: config, binary: binary))
            case "edge": print(EdgeBenchmark.run(requests: 20_000, runs: runs))
            case "jobs": print(JobsBenchmark.run())
            case "warehouse": print(WarehouseBenchmark.run(runs: runs))
            default: break
            }
        }
    }
}
