import ArgumentParser
import Dashboard
import Estate
import Terminal
import Foundation

/// `cloudtop run`: the estate without a terminal, driven by commands, answering in JSON lines.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run commands against the estate headlessly and print each result as one JSON line.",
        discussion: """
        Commands come from FILEs (one per line, # comments allowed), then from each -e in order. \
        FILE '-' reads standard input line by line and answers each line as soon as it is done, \
        so another program can drive cloudtop. A failed command prints {"Error": {...}} and the \
        run goes on; the exit status is 1 if any command failed.

        Examples:
          cloudtop run -e 'ec2 run-instances --instance-type c4.large --count 2' -e 'sim advance 90s'
          cloudtop run script.txt --seed 7 --until 1h --dump -
          echo 'ec2 describe-instances' | cloudtop run -
        """
    )

    @Argument(help: "Script files of commands; '-' is standard input.")
    var files: [String] = []

    @Option(name: .short, help: ArgumentHelp("A command to run (repeatable), after the files.", valueName: "command"))
    var e: [String] = []

    @Option(help: "Seed for the simulation's random generator.")
    var seed: UInt64?

    @Option(help: "Advance virtual time to this point after the commands (e.g. 90s, 1h).")
    var until: String?

    @Option(help: "Write the state dump as one JSON line to PATH, or '-' for standard output.")
    var dump: String?

    @Option(help: "Directory holding estate.yaml (default: ./Config, else the built-in estate).")
    var config: String?

    @Option(help: ArgumentHelp("Print this view rendered as text at the end: \(ViewRegistry.screenNames.joined(separator: ", ")).",
                               valueName: "view"))
    var screen: String?

    @Option(help: "Screen size for --screen, WIDTHxHEIGHT.")
    var size: String = "120x40"

    @OptionGroup var storage: StorageOptions

    func validate() throws {
        if let until, SimDuration.parse(until) == nil {
            throw ValidationError("--until \(until): expected a duration like 90s, 5m or 1h")
        }
        if files.filter({ $0 == "-" }).count > 1 { throw ValidationError("standard input ('-') can be read only once") }
        if let screen, ViewRegistry.named(screen) == nil {
            throw ValidationError("--screen \(screen): no such view; views: \(ViewRegistry.screenNames.joined(separator: ", "))")
        }
        if parseSize(size) == nil { throw ValidationError("--size \(size): expected WIDTHxHEIGHT, e.g. 120x40") }
    }

    func run() throws {
        let estate: Estate
        let dashboard: Dashboard?
        let segments: OpenedSegments
        do {
            let location = try ConfigLocation(explicit: config)
            segments = try storage.openSegments()
            estate = try location.buildEstate(seed: seed, segments: segments.store, memoryBudgetBytes: storage.memoryBudgetBytes)
            if screen != nil {
                let settings = try location.loadSettings()
                // Built before the commands run, so the event log has seen everything.
                dashboard = Dashboard(estate: estate, keymap: settings.keymap, theme: settings.theme)
            } else {
                dashboard = nil
            }
        } catch let failure as ValidationFailure {
            FileHandle.standardError.write(Data("cloudtop: \(failure)\n".utf8))
            throw ExitCode(1)
        }
        defer { segments.close() }
        let runner = CommandRunner(estate: estate)
        var anyFailed = false
        func answer(_ line: String) {
            guard let outcome = runner.run(line) else { return }
            if outcome.isFailure { anyFailed = true }
            print(outcome.json.serialized())
            fflush(nil)  // all streams: a driving program reads each answer at once
        }
        for file in files {
            if file == "-" {
                while let line = readLine(strippingNewline: true) { answer(line) }
            } else {
                guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                    FileHandle.standardError.write(Data("cloudtop: \(file): cannot read file\n".utf8))
                    throw ExitCode(1)
                }
                for line in text.split(separator: "\n", omittingEmptySubsequences: false) { answer(String(line)) }
            }
        }
        for command in e { answer(command) }
        if let until, let target = SimDuration.parse(until) {
            estate.advance(to: SimInstant(milliseconds: max(estate.now.milliseconds, target.milliseconds)))
        }
        if let dump {
            let line = estate.dump().serialized() + "\n"
            if dump == "-" {
                print(line, terminator: "")
            } else {
                // Written in place, not through a temporary file renamed over the path: the path may
                // be a device (/dev/null, /dev/stdout) or a link, which a rename would replace.
                do { try Data(line.utf8).write(to: URL(fileURLWithPath: dump)) } catch {
                    FileHandle.standardError.write(Data("cloudtop: --dump \(dump): cannot write (\(error.localizedDescription))\n".utf8))
                    throw ExitCode(1)
                }
            }
        }
        if let dashboard, let screen, let view = ViewRegistry.named(screen), let (width, height) = parseSize(size) {
            do {
                for line in try dashboard.screenLines(view: view, size: Size(width: width, height: height)) { print(line) }
            } catch {
                FileHandle.standardError.write(Data("cloudtop: \(error)\n".utf8))
                throw ExitCode(1)
            }
        }
        if anyFailed { throw ExitCode(1) }
    }
}
