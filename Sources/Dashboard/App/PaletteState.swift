import Estate
import Terminal

/// The command palette (`:`): an input with completion, its history, and the answers so far.
public struct PaletteState {
    public var input: TextField
    /// Output lines, newest at the bottom: each command, then its result or error.
    public var output: LogView
    /// Earlier commands, oldest first; Up and Down walk it.
    public var history: [String]
    var historyIndex: Int?

    init(completer: CommandCompleter, history: [String], output: LogView) {
        input = TextField(text: "", placeholder: "ec2 describe-instances, sim speed 10, launch c7g.large …",
                          completions: { completer.candidates(for: $0) })
        self.history = history
        self.output = output
    }

    mutating func recall(_ delta: Int) {
        guard !history.isEmpty else { return }
        let next = (historyIndex ?? history.count) + delta
        if next >= history.count {
            historyIndex = nil
            input.text = ""
        } else {
            historyIndex = max(0, next)
            input.text = history[historyIndex!]
        }
        input.cursor = input.text.count
    }
}

/// Completion for the command language: services, then operations, then options, then values.
///
/// Candidates are whole lines (what the field would hold after accepting), so the text field's
/// common-prefix completion works on them unchanged.
public struct CommandCompleter: Sendable {
    public let parser: CommandParser
    /// Current instance ids, for `--instance-ids`.
    public var instanceIDs: [String] = []
    /// Extra value sources per option (stream names for `--stream-name`, …).
    public var values: [String: [String]] = [:]

    public init(parser: CommandParser) { self.parser = parser }

    static let aliases = ["launch", "quit", "theme"]

    /// Where `values` keeps what a view's jump takes after its name (`stream clickstream`).
    static func viewKey(_ id: ViewID) -> String { "view:\(id.name)" }

    public func candidates(for line: String) -> [String] {
        let endsWithSpace = line.last == " "
        var words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        let current = endsWithSpace ? "" : (words.popLast() ?? "")
        let prefix = words.isEmpty ? "" : words.joined(separator: " ") + " "
        let options: [String]
        switch words.count {
        case 0:
            // The views' names and aliases come from the one table of views; a service of the same name is listed once.
            options = parser.services + Self.aliases + ViewRegistry.paletteNames.filter { !parser.services.contains($0) }
        case 1 where ViewRegistry.view(alias: words[0]) != nil && !parser.services.contains(words[0]):
            options = values[Self.viewKey(ViewRegistry.view(alias: words[0])!)] ?? []
        case 1... where words[0] == "sim":
            // The one table of sim verbs knows every verb, option and choice; streams come from here.
            return SimVerbTable.completions(after: Array(words.dropFirst()), current: current,
                                            values: ["--stream": values["--stream-name"] ?? values["--stream"] ?? [],
                                                     "--cluster": values["--cluster-identifier"] ?? [], "--table": values["--table"] ?? []])
                .map { prefix + $0 }
        case 1 where words[0] == "launch":
            options = InstanceTypeCatalog.completions(for: current)
        case 1 where words[0] == "theme":
            options = ThemeCatalog.names
        case 1:
            options = parser.operations(of: words[0]).map(\.command)
        default:
            guard let spec = parser.operations(of: words[0]).first(where: { $0.command == words[1] }) else { return [] }
            let lastOption = words.last { $0.hasPrefix("--") }
            let unusedOptions = spec.parameters.map(\.option).filter { !words.contains($0) }
            if let lastOption, !current.hasPrefix("-") {
                options = valueCandidates(option: lastOption, typed: current) + unusedOptions
            } else {
                options = unusedOptions
            }
        }
        return options.filter { $0.hasPrefix(current) && $0 != current }.map { prefix + $0 }
    }

    private func valueCandidates(option: String, typed: String) -> [String] {
        switch option {
        case "--instance-type": return InstanceTypeCatalog.completions(for: typed)
        case "--instance-ids": return instanceIDs
        case "--placement": return DefaultVPC.zones.map { "AvailabilityZone=\($0)" }
        case "--workload": return ["steady", "bursty", "daily"]
        case "--template-file": return FileCompletion.candidates(for: typed, extensions: [".yaml", ".yml", ".json", ".template"])
        default: return values[option] ?? []
        }
    }
}
