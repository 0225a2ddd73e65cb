import ArgumentParser
import Estate
import Foundation
import Gateway

/// `cloudtop serve`: the estate without a terminal, driven by real AWS tools over HTTP.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the estate headless behind an AWS-compatible endpoint (aws CLI, boto3).",
        discussion: """
        One port answers for every simulated service, addressed as the SDKs address AWS: \
        JSON services by the X-Amz-Target header, Query services (EC2) by Action=, REST services \
        (S3, Lambda, OpenSearch, CloudFront) by the method and path. Prints the \
        endpoint, then runs until SIGTERM or SIGINT. --port 0 picks a free port.

        Example:
          cloudtop serve --speed 10 &
          AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=x AWS_DEFAULT_REGION=us-east-1 \\
            aws --endpoint-url http://127.0.0.1:4566 kinesis list-streams
        """
    )

    @OptionGroup var endpoint: EndpointOptions

    @Option(help: "Directory holding estate.yaml (default: ./Config, else the built-in estate).")
    var config: String?

    @Option(help: "Seed for the simulation's random generator.")
    var seed: UInt64?

    @Option(help: "Virtual seconds per wall second (0.01 to 86400).")
    var speed: Double = 1

    @OptionGroup var storage: StorageOptions

    func validate() throws {
        guard speed.isFinite, speed >= SimSpeed.minimum, speed <= SimSpeed.maximum else {
            throw ValidationError("--speed \(speed): expected a number from \(SimSpeed.minimum) to \(Int(SimSpeed.maximum))")
        }
    }

    func run() throws {
        let estate: Estate
        let segments: OpenedSegments
        let verifier: SigV4Verifier?
        do {
            let location = try ConfigLocation(explicit: config)
            verifier = try endpoint.auth.signatureVerifier(configDirectory: location.directory)
            segments = try storage.openSegments()
            estate = try location.buildEstate(seed: seed, segments: segments.store, memoryBudgetBytes: storage.memoryBudgetBytes)
        } catch let failure as ValidationFailure {
            FileHandle.standardError.write(Data("cloudtop: \(failure)\n".utf8))
            throw ExitCode(1)
        }
        defer { segments.close() }
        estate.setSpeed(speed)
        let mailbox = EstateMailbox()
        // Before the endpoint line, so a script that stops the server as soon as it reads the
        // line still gets a clean shutdown.
        let signals = StopSignals { mailbox.requestStop() }
        let server = try endpoint.start(estate: estate, mailbox: mailbox, verifier: verifier)
        let postgres = try endpoint.startPostgres(mailbox: mailbox)
        print("cloudtop: AWS endpoint \(server.endpoint) (\(Gateway(estate: estate).serviceNames.joined(separator: ", ")))")
        print("cloudtop: PostgreSQL endpoint \(postgres.host):\(postgres.port) (the warehouse leader; psql -h \(postgres.host) -p \(postgres.port) -U awsuser dev)")
        fflush(nil)
        HeadlessLoop(estate: estate, mailbox: mailbox).run()
        server.stop()
        postgres.stop()
        signals.cancel()
        print("cloudtop: stopped")
        fflush(nil)
    }
}

/// `--port` and `--bind`, shared by `serve` and the dashboard's `--listen`.
struct EndpointOptions: ParsableArguments {
    @Option(help: "Port of the AWS-compatible endpoint (0: any free port).")
    var port: Int = EndpointOptions.defaultPort

    @Option(help: "Address to listen on; loopback unless you say otherwise.")
    var bind: String = "127.0.0.1"

    @Option(name: .customLong("pg-port"), help: "Port of the warehouse leader's PostgreSQL endpoint (0: any free port).")
    var pgPort: Int = EndpointOptions.defaultPostgresPort

    /// Password and signature checking, which `--listen` takes too.
    @OptionGroup var auth: EndpointAuthOptions

    /// LocalStack's port, which tools configured for a local AWS already use.
    static let defaultPort = 4566
    /// A Redshift cluster's `Endpoint.Port`.
    static let defaultPostgresPort = 5439

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port \(port): expected 0 to 65535") }
        guard (0...65535).contains(pgPort) else { throw ValidationError("--pg-port \(pgPort): expected 0 to 65535") }
    }

    func startPostgres(mailbox: EstateMailbox) throws -> PostgresServer {
        try Self.startPostgres(host: bind, port: pgPort, mailbox: mailbox, authentication: auth.pgAuthentication())
    }

    static func startPostgres(host: String, port: Int, mailbox: EstateMailbox, authentication: PGAuthentication? = nil) throws -> PostgresServer {
        do {
            return try PostgresServer.start(host: host, port: port, mailbox: mailbox, authentication: authentication)
        } catch {
            FileHandle.standardError.write(Data("cloudtop: cannot listen on \(host):\(port) for PostgreSQL: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }

    func start(estate: Estate, mailbox: EstateMailbox, verifier: SigV4Verifier? = nil) throws -> GatewayServer {
        try Self.start(host: bind, port: port, estate: estate, mailbox: mailbox, verifier: verifier)
    }

    static func start(host: String, port: Int, estate: Estate, mailbox: EstateMailbox, verifier: SigV4Verifier? = nil) throws -> GatewayServer {
        do {
            return try GatewayServer.start(host: host, port: port, gateway: Gateway(estate: estate, verifier: verifier), mailbox: mailbox)
        } catch {
            FileHandle.standardError.write(Data("cloudtop: cannot listen on \(host):\(port): \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}

/// SIGTERM and SIGINT end the run cleanly instead of killing the process mid-step.
final class StopSignals {
    private var sources: [any DispatchSourceSignal] = []

    init(_ stop: @escaping @Sendable () -> Void) {
        for number in [SIGTERM, SIGINT] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler(handler: stop)
            source.resume()
            sources.append(source)
        }
    }

    func cancel() {
        for source in sources { source.cancel() }
    }
}
