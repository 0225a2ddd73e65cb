import ArgumentParser
import CursesBackend
import Dashboard
import Estate
import Foundation
import Gateway
import Terminal

/// The `cloudtop` command: the dashboard by default, and headless subcommands.
///
/// The root declares no options of its own. ArgumentParser gives a parent's options first claim
/// on every argument, even after a subcommand's name, so a root `--seed` or `--config` would
/// silently swallow `cloudtop run --seed 7`. The dashboard's options live in its own default
/// subcommand instead, and `cloudtop --config DIR` still opens the dashboard.
struct Cloudtop: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cloudtop",
        abstract: "A terminal dashboard over a simulated AWS estate.",
        discussion: """
        With no subcommand, opens the dashboard on the estate in ./Config (or --config DIR, or the \
        built-in default). Press ? inside for every key.
        """,
        subcommands: [DashboardCommand.self, RunCommand.self, InstanceTypeCommand.self, BenchCommand.self, WarehouseCommand.self, ServeCommand.self],
        defaultSubcommand: DashboardCommand.self
    )
}

/// `cloudtop [dashboard] [--config DIR] [--seed N] [--speed X] [--readonly]`: the live dashboard.
struct DashboardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Open the live dashboard (what plain `cloudtop` does)."
    )

    @Option(help: "Directory holding estate.yaml, keys.yaml and theme.yaml.")
    var config: String?

    @Option(help: "Seed for the simulation's random generator.")
    var seed: UInt64?

    @Option(help: "Virtual seconds per wall second (0.01 to 86400).")
    var speed: Double = 1

    @Flag(help: "Refuse every change to the estate; watching and describing still work.")
    var readonly = false

    @OptionGroup var storage: StorageOptions

    @Option(help: ArgumentHelp("Also serve the AWS-compatible endpoint on this port (\(EndpointOptions.defaultPort) is LocalStack's; 0 picks one).",
                               valueName: "port"))
    var listen: Int?

    @Option(help: "Address the endpoint listens on with --listen; loopback unless you say otherwise.")
    var bind: String = "127.0.0.1"

    @Option(name: .customLong("pg-port"), help: "With --listen, the warehouse leader's PostgreSQL port (0 picks one).")
    var pgPort: Int = EndpointOptions.defaultPostgresPort

    /// The same password and signature checking as `serve`.
    @OptionGroup var auth: EndpointAuthOptions

    func validate() throws {
        if let listen, !(0...65535).contains(listen) { throw ValidationError("--listen \(listen): expected a port from 0 to 65535") }
        if listen == nil, auth.isSet { throw ValidationError("--verify-signatures, --pg-password and --pg-auth need --listen") }
        guard speed.isFinite, speed >= SimSpeed.minimum, speed <= SimSpeed.maximum else {
            throw ValidationError("--speed \(speed): expected a number from \(SimSpeed.minimum) to \(Int(SimSpeed.maximum))")
        }
    }

    func run() throws {
        let dashboard: Dashboard
        let segments: OpenedSegments
        let dashboardSettings: DashboardSettings
        let verifier: SigV4Verifier?
        do {
            // Everything that can fail is read before the terminal is taken over, so errors stay readable.
            let location = try ConfigLocation(explicit: config)
            verifier = try auth.signatureVerifier(configDirectory: location.directory)
            segments = try storage.openSegments()
            let estate = try location.buildEstate(seed: seed, segments: segments.store, memoryBudgetBytes: storage.memoryBudgetBytes)
            let settings = try location.loadSettings()
            dashboardSettings = try location.loadDashboardSettings()
            estate.setSpeed(speed)
            dashboard = Dashboard(estate: estate, keymap: settings.keymap, theme: settings.theme, readOnly: readonly)
            // Edits of keys.yaml and theme.yaml apply while it runs.
            if location.directory != nil { dashboard.watchSettings(location.settingsFiles, loaded: settings) }
        } catch let failure as ValidationFailure {
            FileHandle.standardError.write(Data("cloudtop: \(failure)\n".utf8))
            throw ExitCode(1)
        }
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            FileHandle.standardError.write(Data("cloudtop: the dashboard needs a terminal; use `cloudtop run` for scripts\n".utf8))
            throw ExitCode(1)
        }
        defer { segments.close() }
        // Listening starts before the terminal is taken over, so a taken port is a readable error.
        let mailbox = EstateMailbox()
        let server = try listen.map { try EndpointOptions.start(host: bind, port: $0, estate: dashboard.estate, mailbox: mailbox, verifier: verifier) }
        defer { server?.stop() }
        let postgres = try listen.map { _ in
            try EndpointOptions.startPostgres(host: bind, port: pgPort, mailbox: mailbox, authentication: auth.pgAuthentication())
        }
        defer { postgres?.stop() }
        let terminal = CursesTerminal(mouse: dashboardSettings.mouse)
        defer { terminal.stop() }
        let loop = DashboardLoop(dashboard: dashboard, backend: terminal)
        if let server, let postgres {
            let estate = dashboard.estate
            let activity = EndpointActivity(aws: server.endpoint, postgres: "\(postgres.host):\(postgres.port)",
                                            bus: estate.bus, isRequest: Gateway.isAPICall)
            dashboard.endpoints = activity
            // Requests per second are counted in wall seconds: the rate the caller sends at.
            let clock = ContinuousClock(), start = clock.now
            loop.externalWork = {
                mailbox.drain(estate)
                activity.tick(wallSecond: (clock.now - start).components.seconds)
            }
        }
        loop.run()
    }
}

Cloudtop.main()
