import Foundation
import Testing

/// `cloudtop run` and `cloudtop instance-type` from outside: the real binary, its output lines
/// and its exit status, as a script or another program sees them.
@Suite(.enabled(if: BuiltBinary.isBuilt, BuiltBinary.missingNote))
struct RunCommandTests {
    private let binary = BuiltBinary.url?.path ?? "cloudtop"
    private let config = BuiltBinary.configDirectory

    private func run(_ arguments: [String]) throws -> PipedProcess.Finished {
        try PipedProcess.run(binary, arguments, workingDirectory: FileManager.default.temporaryDirectory.path)
    }

    private func object(_ line: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: Data(line.utf8))
        return try #require(value as? [String: Any], "not a JSON object: \(line)", sourceLocation: sourceLocation)
    }

    // MARK: - One JSON line per command

    @Test func printsOneJSONLinePerCommandInOrder() throws {
        let result = try run([
            "run", "--config", config, "--seed", "5",
            "-e", "ec2 run-instances --instance-type c4.large --count 2",
            "-e", "sim advance 90s",
            "-e", "ec2 describe-instances --filters Name=instance-type,Values=c4.large",
            "-e", "sim speed 10",
        ])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stderr.isEmpty)
        let lines = result.stdoutLines
        try #require(lines.count == 4, "\(lines)")

        let launched = try #require(try object(lines[0])["Instances"] as? [[String: Any]])
        #expect(launched.count == 2)
        #expect(launched.allSatisfy { $0["InstanceType"] as? String == "c4.large" })
        let launchedIDs = Set(launched.compactMap { $0["InstanceId"] as? String })
        #expect(launchedIDs.count == 2)

        #expect(try object(lines[1])["Sim"] as? String == "advance")

        let reservations = try #require(try object(lines[2])["Reservations"] as? [[String: Any]])
        let described = reservations.flatMap { $0["Instances"] as? [[String: Any]] ?? [] }
        #expect(Set(described.compactMap { $0["InstanceId"] as? String }) == launchedIDs)
        let states = described.compactMap { ($0["State"] as? [String: Any])?["Name"] as? String }
        #expect(states == ["running", "running"], "90 s after launch both are up")

        let speed = try object(lines[3])
        #expect(speed["Sim"] as? String == "speed")
        #expect(speed["Speed"] as? Double == 10)
    }

    @Test func failedCommandsPrintAnErrorLineAndTheRunGoesOnThenExitsOne() throws {
        let result = try run([
            "run", "--config", config,
            "-e", "ec2 stop-instances --instance-ids i-0123456789abcdef0",
            "-e", "sim advance 1s",
            "-e", "ec2 run-instances --instance-type c4.larg",
            "-e", "frobnicate the estate",
            "-e", "ec2 describe-instances --filters Name=instance-type,Values=c4.larg",
        ])
        #expect(result.status == 1)
        let lines = result.stdoutLines
        try #require(lines.count == 5, "\(lines)")

        func error(_ line: String) throws -> (code: String, message: String) {
            let body = try #require(try object(line)["Error"] as? [String: Any], "no Error in \(line)")
            return (try #require(body["Code"] as? String), try #require(body["Message"] as? String))
        }
        #expect(try error(lines[0]).code == "InvalidInstanceID.NotFound")
        #expect(try object(lines[1])["Sim"] as? String == "advance")
        let badType = try error(lines[2])
        #expect(badType.code == "InvalidParameterValue" || badType.code == "InvalidInstanceType", "\(badType)")
        #expect(badType.message.contains("c4.large"), "suggests the near name: \(badType.message)")
        #expect(!(try error(lines[3]).message.isEmpty))
        // Nothing was launched by the failed command.
        let reservations = try #require(try object(lines[4])["Reservations"] as? [Any])
        #expect(reservations.isEmpty)
    }

    @Test func allGoodCommandsExitZero() throws {
        let result = try run(["run", "--config", config, "-e", "sim advance 1s"])
        #expect(result.status == 0)
        #expect(result.stdoutLines.count == 1)
    }

    // MARK: - The dump

    @Test func dumpIsTheLastLineAndTheSameForTheSameSeed() throws {
        let arguments = [
            "run", "--config", config,
            "-e", "ec2 run-instances --instance-type m7i-flex.large --count 3",
            "-e", "sim advance 5m", "--until", "10m", "--dump", "-",
        ]
        let first = try run(arguments + ["--seed", "7"])
        let second = try run(arguments + ["--seed", "7"])
        let other = try run(arguments + ["--seed", "8"])
        for result in [first, second, other] {
            #expect(result.status == 0, "stderr: \(result.stderr)")
            #expect(result.stdoutLines.count == 3)
        }
        let dump = try #require(first.stdoutLines.last)
        let parsed = try object(dump)
        for key in ["Clock", "EC2", "Kinesis", "Events"] { #expect(parsed[key] != nil, "dump has \(key)") }
        #expect(dump == second.stdoutLines.last, "same seed, config and commands: the same dump, byte for byte")
        #expect(first.stdout == second.stdout)

        func ids(_ result: PipedProcess.Finished) throws -> Set<String> {
            let dump = try object(try #require(result.stdoutLines.last))
            let instances = try #require((dump["EC2"] as? [String: Any])?["Instances"] as? [[String: Any]])
            return Set(instances.compactMap { $0["InstanceId"] as? String })
        }
        let sevenIDs = try ids(first), eightIDs = try ids(other)
        #expect(sevenIDs.count >= 3)
        #expect(sevenIDs.isDisjoint(with: eightIDs), "another seed gives other ids")
    }

    // MARK: - Driven by another program

    @Test func dumpWritesThroughALinkInsteadOfReplacingIt() throws {
        // A rename over the path (an "atomic" write) would turn the link, or /dev/null, into a file.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cloudtop-dump-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("target.json").path
        let link = folder.appendingPathComponent("link.json").path
        #expect(FileManager.default.createFile(atPath: target, contents: nil))
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        let result = try run(["run", "--config", config, "--seed", "3", "--dump", link])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == target)
        let written = try String(contentsOfFile: target, encoding: .utf8)
        let clock = try #require(try object(written.trimmingCharacters(in: .newlines))["Clock"] as? [String: Any])
        #expect(clock["Seed"] as? String == "3")
    }

    @Test func answersEachStandardInputLineAsSoonAsItIsWritten() throws {
        let process = try PipedProcess(binary, ["run", "--config", config, "-"])
        // Each answer is read before the next line is written and before stdin closes: a
        // buffered answer would only appear at exit and the read would time out.
        process.write("sim advance 30s\n")
        let first = try #require(process.readLine(timeoutSeconds: 10), "no answer while stdin is open")
        #expect(try object(first)["Sim"] as? String == "advance")

        process.write("ec2 run-instances --instance-type c4.large\n")
        let second = try #require(process.readLine(timeoutSeconds: 10))
        let launched = try #require(try object(second)["Instances"] as? [[String: Any]])
        let id = try #require(launched.first?["InstanceId"] as? String)

        process.write("ec2 stop-instances --instance-ids i-00000000000000000\n")
        let third = try #require(process.readLine(timeoutSeconds: 10))
        #expect(try object(third)["Error"] != nil)

        process.write("ec2 describe-instances --instance-ids \(id)\n")
        let fourth = try #require(process.readLine(timeoutSeconds: 10))
        #expect(fourth.contains(id))

        process.closeStdin()
        let finished = try process.finish()
        #expect(finished.stdout.isEmpty, "nothing left after the answers: \(finished.stdout)")
        #expect(finished.status == 1, "one command failed")
    }

    // MARK: - instance-type

    @Test func instanceTypeJSONMatchesTheReference() throws {
        let names = ["c4.large", "u-6tb1.112xlarge", "mac2-m2pro.metal", "m7i-flex.large", "x2iedn.32xlarge"]
        let result = try run(["instance-type"] + names + ["--json"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let items = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        try #require(items.count == names.count)
        #expect(items.compactMap { $0["InstanceType"] as? String } == names)

        struct Expected {
            var vCPUs: Int, mebibytes: Int, series: String, generation: Int?, capabilities: [String], variant: String?
            var size: String, architecture: String, bareMetal: Bool
        }
        // REFERENCE §1.2 (moto's instance_types.json and the grammar of §1.1).
        let expected: [Expected] = [
            Expected(vCPUs: 2, mebibytes: 3_840, series: "c", generation: 4, capabilities: [], variant: nil,
                     size: "large", architecture: "x86_64", bareMetal: false),
            Expected(vCPUs: 448, mebibytes: 6_291_456, series: "u", generation: 1, capabilities: [], variant: "6tb",
                     size: "112xlarge", architecture: "x86_64", bareMetal: false),
            Expected(vCPUs: 12, mebibytes: 32_768, series: "mac", generation: 2, capabilities: [], variant: "m2pro",
                     size: "metal", architecture: "arm64_mac", bareMetal: true),
            Expected(vCPUs: 2, mebibytes: 8_192, series: "m", generation: 7, capabilities: ["i"], variant: "flex",
                     size: "large", architecture: "x86_64", bareMetal: false),
            Expected(vCPUs: 128, mebibytes: 4_194_304, series: "x", generation: 2, capabilities: ["i", "e", "d", "n"],
                     variant: nil, size: "32xlarge", architecture: "x86_64", bareMetal: false),
        ]
        for (item, want) in zip(items, expected) {
            let name = item["InstanceType"] as? String ?? "?"
            #expect((item["VCpuInfo"] as? [String: Any])?["DefaultVCpus"] as? Int == want.vCPUs, "\(name) vCPUs")
            #expect((item["MemoryInfo"] as? [String: Any])?["SizeInMiB"] as? Int == want.mebibytes, "\(name) MiB")
            #expect(item["BareMetal"] as? Bool == want.bareMetal, "\(name) bare metal")
            let architectures = (item["ProcessorInfo"] as? [String: Any])?["SupportedArchitectures"] as? [String]
            #expect(architectures?.contains(want.architecture) == true, "\(name) architectures \(architectures ?? [])")
            let parsed = try #require(item["Parsed"] as? [String: Any], "\(name) has Parsed")
            #expect(parsed["Family"] as? String == String(name.split(separator: ".")[0]), "\(name) family")
            #expect(parsed["Series"] as? String == want.series, "\(name) series")
            #expect(parsed["Generation"] as? Int == want.generation, "\(name) generation")
            #expect(parsed["Capabilities"] as? [String] == want.capabilities, "\(name) capabilities")
            #expect(parsed["Variant"] as? String == want.variant, "\(name) variant")
            #expect(parsed["Size"] as? String == want.size, "\(name) size")
        }
    }

    @Test func misspelledInstanceTypeExitsOneAndSuggestsTheNearName() throws {
        let result = try run(["instance-type", "c4.larg"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("c4.larg"))
        #expect(result.stderr.contains("c4.large"), "stderr: \(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    // MARK: - --screen

    /// Views that do not exist are an error naming those that do, never a silent Overview; the
    /// help lists the same views.
    @Test func screenOfAViewThatDoesNotExistIsAnErrorNamingTheViews() throws {
        let views = "overview, ec2, streams, warehouse, edge, events, jobs, stacks"
        for name in ["lambda", "dynamodb"] {
            let result = try run(["run", "--config", config, "--screen", name])
            #expect(result.status != 0)
            #expect(result.stdout.isEmpty, "nothing rendered: \(result.stdout.prefix(200))")
            #expect(result.stderr.contains("--screen \(name)") && result.stderr.contains(views), "stderr: \(result.stderr)")
        }
        let help = try run(["run", "--help"])
        // Help wraps long lines: compare with the whitespace folded.
        #expect(help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ").contains(views), "help: \(help.stdout)")
        let ec2 = try run(["run", "--config", config, "--screen", "ec2", "--size", "120x40"])
        #expect(ec2.status == 0)
        #expect(ec2.stdoutLines.contains { $0.contains("EC2 instances (11)") })
        let warehouse = try run(["run", "--config", config, "--until", "2m", "--screen", "warehouse", "--size", "120x40"])
        #expect(warehouse.status == 0)
        #expect(warehouse.stdoutLines.contains { $0.contains("shop · available") && $0.contains("Tables (6)") })
    }

    /// `--screen jobs` draws the Jobs view: here of an estate whose file starts the sessionizer.
    @Test func screenJobsDrawsTheJobsView() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jobs-screen-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: dir)
        try FileManager.default.copyItem(at: URL(fileURLWithPath: config), to: dir)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("estate.yaml")
        let original = try String(contentsOf: file, encoding: .utf8)
        let yaml = original.replacingOccurrences(of: "jobs:\n  - edge-status\n  - { name: sessionizer, start: false }\n", with: "jobs: [sessionizer]\n")
        try #require(yaml != original, "estate.yaml's jobs: section changed; update this test's replacement")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        let jobs = try run(["run", "--config", dir.path, "--until", "2m", "--screen", "jobs", "--size", "120x40"])
        #expect(jobs.status == 0)
        #expect(jobs.stdoutLines.contains { $0.contains("Operator graph · sessionizer · RUNNING") })
        #expect(jobs.stdoutLines.contains { $0.contains("Search · user-activity") })
    }
}
