import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A `cloudtop serve` process on a free port, and the real AWS tools pointed at it.
final class ServedEstate {
    let process: PipedProcess
    let port: Int
    /// The warehouse leader's PostgreSQL port.
    let pgPort: Int
    var endpoint: String { "http://127.0.0.1:\(port)" }

    /// Starts the server (`--port 0`: the kernel picks a free port, which the first line names).
    init(seed: Int = 1, speed: Double = 50, config: String = BuiltBinary.configDirectory, extra: [String] = []) throws {
        let binary = try #require(BuiltBinary.url?.path)
        process = try PipedProcess(binary, ["serve", "--port", "0", "--config", config,
                                            "--seed", String(seed), "--speed", String(speed), "--pg-port", "0"] + extra)
        let line = try #require(process.readLine(timeoutSeconds: 60), "serve printed no endpoint line")
        let match = try #require(line.firstMatch(of: /AWS endpoint http:\/\/127\.0\.0\.1:(\d+)/), "unexpected first line: \(line)")
        port = try #require(Int(match.1))
        let second = try #require(process.readLine(timeoutSeconds: 10), "serve printed no PostgreSQL line")
        let pg = try #require(second.firstMatch(of: /PostgreSQL endpoint 127\.0\.0\.1:(\d+)/), "unexpected second line: \(second)")
        pgPort = try #require(Int(pg.1))
    }

    /// SIGTERM, then the rest of its output and its status.
    func stop() throws -> PipedProcess.Finished {
        kill(process.pid, SIGTERM)
        return try process.finish(timeoutSeconds: 30)
    }

    /// Dummy credentials and a region, as for any endpoint that does not check them.
    static var toolEnvironment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["AWS_ACCESS_KEY_ID"] = "x"
        environment["AWS_SECRET_ACCESS_KEY"] = "x"
        environment["AWS_DEFAULT_REGION"] = "us-east-1"
        environment["AWS_PAGER"] = ""
        environment["AWS_CONFIG_FILE"] = "/dev/null"
        environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null"
        return environment
    }

    /// `aws --endpoint-url … ARGS --output json`: the exit status and the parsed answer (nil for
    /// no output); on failure the CLI's error text.
    func aws(_ arguments: [String]) throws -> (status: Int32, json: Any?, output: String) {
        let result = try ChildProcess.run(try #require(Tools.aws), ["--endpoint-url", endpoint] + arguments + ["--output", "json"],
                                          environment: Self.toolEnvironment)
        let trimmed = result.output.trimmingCharacters(in: .whitespacesAndNewlines)
        let json = result.status == 0 && !trimmed.isEmpty ? try? JSONSerialization.jsonObject(with: Data(trimmed.utf8)) : nil
        return (result.status, json, result.output)
    }

    /// Runs a Python script with `ENDPOINT` defined (and `arguments` from `sys.argv[2]` on); it
    /// prints one JSON value, which is returned.
    func python(_ script: String, arguments: [String] = [], sourceLocation: SourceLocation = #_sourceLocation) throws -> Any {
        let program = "import json, sys\nENDPOINT = sys.argv[1]\n" + script
        let result = try ChildProcess.run(try #require(Tools.python), ["-c", program, endpoint] + arguments, environment: Self.toolEnvironment)
        try #require(result.status == 0, "python failed:\n\(result.output)", sourceLocation: sourceLocation)
        let last = result.output.split(separator: "\n").last.map(String.init) ?? ""
        return try JSONSerialization.jsonObject(with: Data(last.utf8))
    }
}

/// The real AWS tools the endpoint tests drive; `.ci/run` installs them.
enum Tools {
    static let aws: String? = find("aws")
    static let psql: String? = find("psql")
    static let python: String? = {
        guard let python = find("python3") else { return nil }
        let check = try? ChildProcess.run(python, ["-c", "import boto3, botocore"], environment: ProcessInfo.processInfo.environment)
        return check?.status == 0 ? python : nil
    }()

    static var available: Bool { aws != nil && python != nil }
    static var missingNote: Comment {
        "needs the aws CLI and python3 with boto3 (.ci/run installs them: pip install awscli boto3); aws: \(aws ?? "missing"), boto3: \(python == nil ? "missing" : "found")"
    }

    static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
