import ArgumentParser

/// The `cloudtop` command: the dashboard by default, and headless subcommands.
struct Cloudtop: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cloudtop",
        abstract: "A terminal dashboard over a simulated AWS estate.",
        subcommands: [RunCommand.self, InstanceTypeCommand.self, BenchCommand.self],
        defaultSubcommand: nil
    )
}

Cloudtop.main()
