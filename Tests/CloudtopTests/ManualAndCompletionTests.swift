import Foundation
import Testing

/// The manual page stays true to the binary: every subcommand and option that `--help` lists is
/// in `docs/cloudtop.1` (regenerate it with `swift package --disable-sandbox plugin generate-manual
/// --configuration debug` and copy `.build/plugins/GenerateManual/outputs/cloudtop/cloudtop.1`); and the shell completion scripts the argument parser writes name every
/// subcommand, for bash, zsh and fish.
@Suite(.enabled(if: BuiltBinary.isBuilt, BuiltBinary.missingNote))
struct ManualAndCompletionTests {
    private let binary = BuiltBinary.url?.path ?? "cloudtop"

    private func help(_ path: [String]) throws -> String {
        let result = try PipedProcess.run(binary, path + ["--help"])
        #expect(result.status == 0, "cloudtop \(path.joined(separator: " ")) --help: \(result.stderr)")
        return result.stdout
    }

    /// The lines of one section of `--help` ("SUBCOMMANDS:", "OPTIONS:"), up to the next heading.
    private static func section(_ name: String, of help: String) -> [String] {
        let lines = help.components(separatedBy: "\n")
        guard let start = lines.firstIndex(of: name) else { return [] }
        return Array(lines[(start + 1)...].prefix { $0.isEmpty || $0.hasPrefix(" ") })
    }

    /// Subcommand names: `  run     Run commands…`, `  dashboard (default)  …`.
    static func subcommands(in help: String) -> [String] {
        section("SUBCOMMANDS:", of: help).compactMap { line -> String? in
            guard line.hasPrefix("  "), !line.hasPrefix("   "), !line.contains("See '") else { return nil }
            return line.split(separator: " ").first.map(String.init)
        }
    }

    /// Long options (`--seed`) in the OPTIONS and ARGUMENTS sections.
    static func options(in help: String) -> [String] {
        let text = (section("OPTIONS:", of: help) + section("ARGUMENTS:", of: help)).joined(separator: "\n")
        let regex = try! NSRegularExpression(pattern: "(?<![A-Za-z0-9-])--[a-z0-9][a-z0-9-]*")
        let found = regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { String(text[Range($0.range, in: text)!]) }
        return Array(Set(found)).sorted()
    }

    /// Every command path: [], ["run"], ["warehouse", "convert"], …
    private func commandPaths(_ path: [String] = []) throws -> [(path: [String], help: String)] {
        let text = try help(path)
        var all = [(path, text)]
        for sub in Self.subcommands(in: text) where sub != "help" { all += try commandPaths(path + [sub]) }
        return all
    }

    /// The page's mdoc source with each flag written as typed: `Fl -seed` is `--seed`, `Fl h` is `-h`.
    static func manualText() throws -> String {
        let page = BuiltBinary.packageRoot.appendingPathComponent("docs/cloudtop.1")
        return try String(contentsOf: page, encoding: .utf8)
            .replacingOccurrences(of: #"\bFl (-?[A-Za-z0-9][A-Za-z0-9-]*)"#, with: "-$1", options: .regularExpression)
    }

    @Test func everySubcommandAndOptionInHelpIsInTheManualPage() throws {
        let manual = try Self.manualText()
        let paths = try commandPaths()
        #expect(paths.count >= 7, "the root and its subcommands: \(paths.map(\.path))")
        for (path, text) in paths {
            // A subcommand is an item of its parent's list: `.It Em run`.
            if let last = path.last {
                let listed = manual.contains(".It Em \(last)\n")
                #expect(listed, "cloudtop \(path.joined(separator: " ")) is not in docs/cloudtop.1")
            }
            let options = Self.options(in: text)
            if !path.isEmpty { #expect(!options.isEmpty, "no options read from cloudtop \(path.joined(separator: " ")) --help") }
            for option in options {
                let present = manual.contains(option)
                #expect(present, "\(option) of cloudtop \(path.joined(separator: " ")) is not in docs/cloudtop.1")
            }
        }
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func completionScriptNamesEverySubcommand(shell: String) throws {
        let result = try PipedProcess.run(binary, ["--generate-completion-script", shell])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let script = result.stdout
        // Each shell's own entry point for a command's completion.
        let entry = ["bash": "complete -o filenames -F _cloudtop cloudtop", "zsh": "#compdef cloudtop", "fish": "complete -c 'cloudtop'"][shell]!
        #expect(script.contains(entry), "\(shell): \(script.prefix(300))")
        for sub in Self.subcommands(in: try help([])) {
            #expect(script.contains(sub), "\(shell) completion lacks \(sub)")
        }
        // Options of a subcommand, too: `cloudtop run --seed`.
        #expect(script.contains("seed"), "\(shell) completion lacks run's --seed")
    }

    @Test func anUnknownShellIsAnError() throws {
        let result = try PipedProcess.run(binary, ["--generate-completion-script", "powershell"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("powershell"), "\(result.stderr)")
    }
}
