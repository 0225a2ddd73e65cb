import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `cloudtop --listen PORT`: the dashboard and the endpoint in one process; what the aws CLI
/// does shows on screen while you watch.
@Suite(.enabled(if: TmuxSession.isAvailable && TmuxSession.builtBinary() != nil, "needs tmux and a built cloudtop"),
       .enabled(if: Tools.available, Tools.missingNote))
struct ListenDashboardEndToEndTests {
    /// A port nothing listens on right now: bound to 0, read back, released.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(fd >= 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        try #require(bound)
        return Int(UInt16(bigEndian: address.sin_port))
    }

    func aws(_ port: Int, _ arguments: [String]) throws -> ChildProcess.Result {
        try ChildProcess.run(try #require(Tools.aws), ["--endpoint-url", "http://127.0.0.1:\(port)"] + arguments + ["--output", "json"],
                             environment: ServedEstate.toolEnvironment)
    }

    @Test func streamsAndInstancesMadeByTheAWSCLIShowLive() throws {
        let port = try Self.freePort()
        let session = try TmuxSession(binary: TmuxSession.builtBinary()!,
                                      arguments: ["--config", BuiltBinary.configDirectory, "--speed", "20", "--listen", String(port), "--pg-port", "0"])
        defer { session.kill() }
        #expect(session.waitFor("cloudtop", timeoutSeconds: 15))
        try session.sendKeys("3")
        #expect(session.waitFor("clickstream", timeoutSeconds: 10))

        let created = try aws(port, ["kinesis", "create-stream", "--stream-name", "net-live", "--shard-count", "3"])
        #expect(created.status == 0, "\(created.output)")
        #expect(session.waitFor("net-live", timeoutSeconds: 10), "the new stream appears in the Streams view")

        let launched = try aws(port, ["ec2", "run-instances", "--image-id", "ami-0c55b159cbfafe1f0", "--instance-type", "x2iedn.32xlarge"])
        #expect(launched.status == 0, "\(launched.output)")
        let id = try #require(launched.output.firstMatch(of: /"InstanceId": "(i-[0-9a-f]+)"/)?.1, "\(launched.output)")
        try session.sendKeys("2")
        #expect(session.waitFor(String(id), timeoutSeconds: 10), "the launched instance appears in the EC2 view")

        // Each call is on the event bus: the Events view lists it with its status.
        try session.sendKeys("6")
        #expect(session.waitForScreen(timeoutSeconds: 10) { screen in
            screen.contains { $0.contains("APICall") && $0.contains("RunInstances") && $0.contains("HTTP 200") }
                && screen.contains { $0.contains("APICall") && $0.contains("CreateStream") && $0.contains("HTTP 200") }
        })

        try session.sendKeys("q")
        #expect(session.waitForExit(timeoutSeconds: 10) == 0)
    }

    /// The Overview says where both endpoints are and counts the requests: each aws CLI call is
    /// one request, so two calls read as 2 answered, and a call shows as 1/s once its wall second
    /// closes. Without --listen the tile is absent (DashboardTests check that in memory).
    @Test func theOverviewShowsTheEndpointsAndTheRequests() throws {
        let port = try Self.freePort()
        let session = try TmuxSession(binary: TmuxSession.builtBinary()!,
                                      arguments: ["--config", BuiltBinary.configDirectory, "--listen", String(port), "--pg-port", "0"])
        defer { session.kill() }
        #expect(session.waitFor("Endpoints", timeoutSeconds: 15))
        #expect(session.waitForScreen(timeoutSeconds: 5) { screen in
            screen.contains { $0.contains("AWS         http://127.0.0.1:\(port)") }
                && screen.contains { $0.contains(/PostgreSQL  127\.0\.0\.1:[1-9][0-9]*/) }
                && screen.contains { $0.contains("answered    0 since start") }
        })

        for arguments in [["kinesis", "list-streams"], ["ec2", "describe-instances"]] {
            let result = try aws(port, arguments)
            #expect(result.status == 0, "\(result.output)")
        }
        #expect(session.waitFor("answered    2 since start", timeoutSeconds: 10))

        let third = try aws(port, ["kinesis", "describe-stream-summary", "--stream-name", "clickstream"])
        #expect(third.status == 0, "\(third.output)")
        #expect(session.waitFor("answered    3 since start", timeoutSeconds: 10))
        // The wall second the call fell in closes within a second and shows its request for the
        // next one (two, should the CLI have answered both calls within one second).
        #expect(session.waitForScreen(timeoutSeconds: 5) { screen in
            screen.contains { $0.contains(#/requests    [12]/s /#) }
        })

        try session.sendKeys("q")
        #expect(session.waitForExit(timeoutSeconds: 10) == 0)
    }

    /// `--listen` takes `serve`'s checks: `--verify-signatures` refuses a request signed with a key
    /// the config's `credentials` file lacks, and `--pg-password` makes the leader ask psql for it.
    @Test(.enabled(if: Tools.psql != nil, "needs psql (.ci/run installs postgresql-client)"))
    func listenChecksSignaturesAndThePostgresPassword() throws {
        let config = try ServeRedshiftDataTests.warehouseConfig()
        defer { try? FileManager.default.removeItem(at: config) }
        try """
        [default]
        aws_access_key_id = AKIDLISTENTEST0001
        aws_secret_access_key = listen/Secret+1
        """.write(to: config.appendingPathComponent("credentials"), atomically: true, encoding: .utf8)
        let port = try Self.freePort(), pgPort = try Self.freePort()
        let session = try TmuxSession(binary: TmuxSession.builtBinary()!,
                                      arguments: ["--config", config.path, "--listen", String(port), "--pg-port", String(pgPort),
                                                  "--verify-signatures", "--pg-password", "listen-pw", "--pg-auth", "md5"])
        defer { session.kill() }
        #expect(session.waitFor("Endpoints", timeoutSeconds: 15))

        // The tools' usual keys (x/x) are not in the credentials file.
        let unknown = try aws(port, ["kinesis", "list-streams"])
        #expect(unknown.status != 0)
        #expect(unknown.output.contains("UnrecognizedClientException"), "\(unknown.output)")
        var environment = ServedEstate.toolEnvironment
        environment["AWS_ACCESS_KEY_ID"] = "AKIDLISTENTEST0001"
        environment["AWS_SECRET_ACCESS_KEY"] = "listen/Secret+1"
        let signed = try ChildProcess.run(try #require(Tools.aws), ["--endpoint-url", "http://127.0.0.1:\(port)", "kinesis", "list-streams", "--output", "json"],
                                          environment: environment)
        #expect(signed.status == 0, "\(signed.output)")
        #expect(signed.output.contains("StreamNames"), "\(signed.output)")

        func psql(_ password: String) throws -> ChildProcess.Result {
            var environment = ProcessInfo.processInfo.environment
            environment["PGCONNECT_TIMEOUT"] = "10"
            environment["PGPASSWORD"] = password
            return try ChildProcess.run(try #require(Tools.psql), ["-X", "-A", "-t", "-w", "-h", "127.0.0.1", "-p", String(pgPort),
                                                                   "-U", "awsuser", "-d", "dev", "-c", "SELECT 1"], environment: environment)
        }
        let wrong = try psql("not-it")
        #expect(wrong.status != 0)
        #expect(wrong.output.contains("FATAL:  password authentication failed for user \"awsuser\""), "\(wrong.output)")
        let right = try psql("listen-pw")
        #expect(right.status == 0, "\(right.output)")
        #expect(right.output.trimmingCharacters(in: .whitespacesAndNewlines) == "1", "\(right.output)")

        try session.sendKeys("q")
        #expect(session.waitForExit(timeoutSeconds: 10) == 0)
    }

    /// The checks guard endpoints; without `--listen` there are none, and saying so beats ignoring them.
    @Test func authenticationOptionsNeedListen() throws {
        let binary = try #require(BuiltBinary.url?.path)
        for arguments in [["--pg-password", "x"], ["--verify-signatures"], ["--pg-password", "x", "--pg-auth", "md5"]] {
            let result = try ChildProcess.run(binary, arguments, environment: ProcessInfo.processInfo.environment)
            #expect(result.status != 0, "\(arguments)")
            #expect(result.output.contains("--verify-signatures, --pg-password and --pg-auth need --listen"), "\(arguments): \(result.output)")
        }
        let bad = try ChildProcess.run(binary, ["--listen", "0", "--pg-auth", "sha1", "--pg-password", "x"], environment: ProcessInfo.processInfo.environment)
        #expect(bad.output.contains("--pg-auth sha1: expected md5 or scram-sha-256"), "\(bad.output)")
    }
}
