import Estate
import Terminal

/// Everything that changes the estate goes through the command runner, as the palette would.
extension Dashboard {
    /// Runs a command line and puts its outcome in the footer (and the palette log).
    @discardableResult
    func runAndReport(_ line: String, quiet: Bool = false) -> CommandRunner.Outcome? {
        guard let outcome = runner.run(line) else { return nil }
        appendToPaletteLog(line, outcome)
        switch outcome.result {
        case let .failure(error):
            state.message = StatusMessage(text: "\(error.code): \(error.message)", isError: true)
        case let .success(json):
            if !quiet { state.message = StatusMessage(text: Self.summary(of: line, json), isError: false) }
        }
        return outcome
    }

    static func summary(of line: String, _ json: JSONValue) -> String {
        if let instances = json["Instances"]?.arrayValue {
            let ids = instances.compactMap { $0["InstanceId"]?.stringValue }
            let type = instances.first?["InstanceType"]?.stringValue ?? ""
            return "Launched \(ids.count) × \(type): \(ids.joined(separator: ", "))"
        }
        for key in ["StoppingInstances", "StartingInstances", "TerminatingInstances"] {
            if let items = json[key]?.arrayValue {
                return items.map { item -> String in
                    let id = item["InstanceId"]?.stringValue ?? "?"
                    let from = item["PreviousState"]?["Name"]?.stringValue ?? "?"
                    let to = item["CurrentState"]?["Name"]?.stringValue ?? "?"
                    return "\(id): \(from) → \(to)"
                }.joined(separator: ", ")
            }
        }
        return "OK: " + line
    }

    func appendToPaletteLog(_ line: String, _ outcome: CommandRunner.Outcome) {
        paletteOutput.append(Line([Span("› ", style: theme["accent"]), Span(line, style: theme["header"])]))
        switch outcome.result {
        case let .success(json):
            let text = json.pretty()
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            // A describe of thousands of instances would flood the log: keep the head and say so.
            for l in lines.prefix(200) { paletteOutput.append(Line(String(l))) }
            if lines.count > 200 { paletteOutput.append(Line("… \(lines.count - 200) more lines (use cloudtop run for the whole reply)", style: theme["dim"])) }
        case let .failure(error):
            paletteOutput.append(Line("\(error.code): \(error.message)", style: theme["error"]))
        }
    }

    func completer() -> CommandCompleter {
        var c = CommandCompleter(parser: runner.parser)
        c.instanceIDs = estate.ec2.instances.map(\.instanceID)
        let streams = estate.kinesis.streams.map(\.name)
        c.values["--stream-name"] = streams
        c.values["--stream"] = streams
        c.values["--shard-iterator-type"] = ["TRIM_HORIZON", "LATEST", "AT_SEQUENCE_NUMBER", "AFTER_SEQUENCE_NUMBER", "AT_TIMESTAMP"]
        return c
    }

    // MARK: - Palette

    func handlePalette(_ key: Key, _ p: inout PaletteState) {
        defer { if case .palette = state.overlay { state.overlay = .palette(p) } }
        switch key {
        case .escape:
            state.overlay = .none
        case .enter:
            let line = p.input.text.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty else { return }
            if paletteHistory.last != line { paletteHistory.append(line) }
            p.history = paletteHistory
            p.historyIndex = nil
            p.input.text = ""
            p.input.cursor = 0
            runPaletteLine(line)
            p.output = paletteOutput
            p.output.scrollToBottom()
        case .up: p.recall(-1)
        case .down: p.recall(1)
        case .pageUp: p.output.pageUp()
        case .pageDown: p.output.pageDown()
        default:
            _ = p.input.handle(key)
        }
    }

    /// Palette aliases expand to full commands: `launch TYPE [COUNT]`, `quit`.
    func runPaletteLine(_ line: String) {
        let words = line.split(separator: " ").map(String.init)
        switch words.first {
        case "quit", "q":
            state.shouldQuit = true
        case "launch":
            guard words.count >= 2 else {
                state.message = StatusMessage(text: "usage: launch TYPE [COUNT]", isError: true)
                return
            }
            let count = words.count >= 3 ? words[2] : "1"
            runAndReport("ec2 run-instances --instance-type \(words[1]) --count \(count)")
        default:
            runAndReport(line)
        }
    }

    // MARK: - Launch menu

    func openLaunchMenu() {
        state.overlay = .launch(LaunchMenuState(theme: theme))
    }

    func handleLaunch(_ key: Key, _ l: inout LaunchMenuState) {
        defer { if case .launch = state.overlay { state.overlay = .launch(l) } }
        switch key {
        case .escape:
            state.overlay = .none
            state.message = StatusMessage(text: "Launch cancelled.", isError: false)
        case .enter:
            switch l.command() {
            case let .failure(error):
                l.error = error.message
            case let .success(line):
                let outcome = runAndReport(line)
                if let outcome, outcome.isFailure {
                    l.error = state.message?.text
                } else {
                    state.overlay = .none
                    state.view = .ec2
                    state.ec2.detail = nil
                }
            }
        default:
            l.error = nil
            _ = l.form.handle(key)
        }
    }

    // MARK: - Instance actions

    /// Stop, start and reboot run at once; terminate asks first, since it cannot be undone.
    func confirmOrRun(_ operation: String, verb: String) {
        guard state.view == .ec2 else { return }
        let target: Instance?
        if let id = state.ec2.detail { target = estate.ec2.instance(id) } else { target = selectedInstance }
        guard let instance = target else {
            state.message = StatusMessage(text: "No instance selected.", isError: true)
            return
        }
        let line = "ec2 \(operation) --instance-ids \(instance.instanceID)"
        if operation == "terminate-instances" {
            let name = instance.name.map { " (\($0))" } ?? ""
            state.overlay = .confirm(Confirmation(question: "Terminate \(instance.instanceID)\(name)? This cannot be undone.", command: line))
        } else {
            runAndReport(line)
        }
    }

    // MARK: - Filter

    func openFilter() {
        let current: String
        switch state.view {
        case .ec2: current = state.ec2.filter
        case .events: current = state.events.filter
        case .streams where state.streams.tail != nil: current = state.streams.tail?.filter ?? ""
        default:
            state.message = StatusMessage(text: "Nothing to filter here.", isError: false)
            return
        }
        var field = TextField(text: current, placeholder: "filter")
        field.cursor = current.count
        state.overlay = .filter(field)
    }

    func handleFilter(_ key: Key, _ field: inout TextField) {
        switch key {
        case .escape:
            setFilter("")
            state.overlay = .none
        case .enter:
            state.overlay = .none
        default:
            _ = field.handle(key)
            setFilter(field.text)
            state.overlay = .filter(field)
        }
    }

    func setFilter(_ text: String) {
        switch state.view {
        case .ec2:
            state.ec2.filter = text
            state.ec2.table.selected = 0
        case .events:
            state.events.filter = text
            state.events.table.selected = 0
        case .streams: setTailFilter(text)
        default: break
        }
    }
}

import Foundation
