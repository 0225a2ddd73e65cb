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
        c.values[CommandCompleter.viewKey(.streams)] = streams
        c.values[CommandCompleter.viewKey(.stacks)] = estate.stacks.stacks.map(\.stackName)
        c.values["--cluster-identifier"] = estate.warehouse.clusters.map(\.identifier)
        c.values["--table"] = Set(estate.warehouse.clusters.flatMap { $0.tables.map(\.name) }).sorted()
        c.values["--shard-iterator-type"] = ["TRIM_HORIZON", "LATEST", "AT_SEQUENCE_NUMBER", "AFTER_SEQUENCE_NUMBER", "AT_TIMESTAMP"]
        return c
    }

    // MARK: - Palette

    /// `Enter` runs the line and closes the palette, as `:` does in vim and k9s: the next key goes
    /// to the view. The outcome goes to the status line; a reply longer than a line opens in a
    /// pane of its own that any key closes.
    func handlePalette(_ key: Key, _ p: inout PaletteState) {
        switch key {
        case .escape:
            state.overlay = .none
        case .enter:
            let line = p.input.text.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty else { return }
            if paletteHistory.last != line { paletteHistory.append(line) }
            state.overlay = .none
            runPaletteLine(line)
        case .up: p.recall(-1); state.overlay = .palette(p)
        case .down: p.recall(1); state.overlay = .palette(p)
        case .pageUp: p.output.pageUp(); state.overlay = .palette(p)
        case .pageDown: p.output.pageDown(); state.overlay = .palette(p)
        default:
            _ = p.input.handle(key)
            state.overlay = .palette(p)
        }
    }

    /// Palette aliases expand to full commands: `launch TYPE [COUNT]`, `quit`.
    func runPaletteLine(_ line: String) {
        let words = line.split(separator: " ").map(String.init)
        if let first = words.first, let view = ViewRegistry.view(alias: first), words.count == 1 || !runner.parser.services.contains(first) {
            jump(to: view, path: Array(words.dropFirst()))
            return
        }
        switch words.first {
        case "quit", "q":
            state.shouldQuit = true
        case "theme":
            switchTheme(Array(words.dropFirst()))
        case "perf":
            perf.isShown.toggle()
            state.message = StatusMessage(text: perf.isShown ? "Performance overlay on (:perf hides it)." : "Performance overlay off.", isError: false)
        case "since":
            restartTail(words)
        case "launch":
            guard words.count >= 2 else {
                state.message = StatusMessage(text: "usage: launch TYPE [COUNT]", isError: true)
                return
            }
            let count = words.count >= 3 ? words[2] : "1"
            runAndShow("ec2 run-instances --instance-type \(words[1]) --count \(count)")
        default:
            runAndShow(line)
        }
    }

    /// `:streams`, `:wh`, `:stream clickstream 2`: shows the view in the focused pane and drills
    /// down the path from its top level. A path that does not exist says so and moves nothing.
    func jump(to view: ViewID, path: [String]) {
        guard availableViews.contains(view) else { show(view); return }
        let context = self.context
        var candidate = state.pane
        candidate.show(view)
        _ = candidate.view.refresh(context)
        if let error = candidate.view.drill(into: path, context) {
            state.message = StatusMessage(text: ":\(([view.name] + path).joined(separator: " ")): \(error)", isError: true)
            return
        }
        state.pane = candidate
    }

    /// Runs a palette line: a reply that fits the status line goes there; a longer one opens in
    /// the result pane (the status line then says what ran).
    private func runAndShow(_ line: String) {
        guard let outcome = runAndReport(line), case let .success(json) = outcome.result else { return }
        let oneLine = "\(line) → \(json.serialized())"
        // The status line as last laid out, less the help and quit hints kept at its right.
        let room = (lastLayout?.footer.width ?? 80) - 2 - Line(StatusBar.hints(requiredHints)).width - 2
        if TextWidth.of(oneLine) <= room {
            state.message = StatusMessage(text: oneLine, isError: false)
            return
        }
        let lines = json.pretty().split(separator: "\n", omittingEmptySubsequences: false)
        var log = LogView(capacity: 2000, viewHeight: 10)
        log.append(Line([Span("› ", style: theme["accent"]), Span(line, style: theme["header"])]))
        for l in lines.prefix(1998) { log.append(Line(String(l))) }
        if lines.count > 1998 { log.append(Line("… \(lines.count - 1998) more lines (use cloudtop run for the whole reply)", style: theme["dim"])) }
        log.scrollToTop()
        state.overlay = .result(log)
    }

    /// In the result pane the scroll keys scroll; any other key closes it.
    func handleResult(_ key: Key, _ log: inout LogView) {
        switch keymap.action(for: key, in: .global) {
        case .up?: log.scrollUp(1)
        case .down?: log.scrollDown(1)
        case .pageUp?: log.pageUp()
        case .pageDown?: log.pageDown()
        case .top?: log.scrollToTop()
        case .bottom?: log.scrollToBottom()
        default:
            state.overlay = .none
            return
        }
        state.overlay = .result(log)
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
                    // The new instances are in the EC2 list: show it, not an instance's details.
                    show(.ec2)
                    state.pane.modify(EC2View.self) { $0.detail = nil }
                }
            }
        default:
            l.error = nil
            _ = l.form.handle(key)
        }
    }

    // MARK: - Filter

    func openFilter() {
        guard let current = state.pane.view.filterText else {
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
            state.filterError = nil
            state.overlay = .none
        case .enter:
            if let error = state.filterError { state.message = StatusMessage(text: error, isError: true) }
            state.filterError = nil
            state.overlay = .none
        default:
            _ = field.handle(key)
            state.overlay = .filter(field)
            // A text that is not a filter yet (`(` on its way to `(a|b)`) says why and keeps the rows as they were.
            do {
                _ = try TextFilter.parse(field.text)
                state.filterError = nil
                setFilter(field.text)
            } catch {
                state.filterError = error.message
            }
        }
    }

    func setFilter(_ text: String) {
        withFocusedView { view, context in view.setFilter(text, context); return [] }
    }
}
