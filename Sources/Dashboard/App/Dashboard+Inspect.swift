import Foundation
import Estate
import Terminal

/// Looking inside a row (`d`, `y`), copying (`c`) and saving (`Ctrl-S`): the same keys in every
/// view, answered from the focused view's `Inspectable` side.
extension Dashboard {
    var focusedInspectable: (any Inspectable)? { state.pane.view as? any Inspectable }

    /// The footer offers describe and copy where there is something to look at.
    var inspectHints: [Action] {
        guard let inspectable = focusedInspectable else { return [] }
        return inspectable.canInspect ? [.describe, .json, .copy] : []
    }

    /// Opens the selected row's page. Its JSON is the reply of the inspection's command through
    /// the command runner: the very text the palette, `cloudtop run` and the endpoint give.
    func openPage(_ mode: DescribePage.Mode) {
        guard let inspection = focusedInspectable?.inspection else {
            state.message = StatusMessage(text: "Nothing selected to describe here.", isError: false)
            return
        }
        let reply = runner.run(inspection.command)?.result ?? .failure(AWSError("ValidationException", "empty command"))
        state.overlay = .page(DescribePage(inspection: inspection, reply: reply, takenAt: SimCalendar.iso8601(estate.now), mode: mode))
    }

    /// Keys on a page: moves, `/` search with `n`/`N`, `d`/`y` switch, copy, save, Esc closes.
    func handlePage(_ key: Key, _ page: inout DescribePage) {
        defer { if case .page = state.overlay { state.overlay = .page(page) } }
        if var field = page.search {
            switch key {
            case .escape: page.search = nil
            case .enter: page.search = nil; page.setQuery(field.text)
            default:
                _ = field.handle(key)
                page.search = field
                page.setQuery(field.text)
            }
            return
        }
        state.message = nil
        switch keymap.action(for: key, in: .page) {
        case .up?: page.scroll(by: -1)
        case .down?: page.scroll(by: 1)
        case .pageUp?: page.page(-1)
        case .pageDown?: page.page(1)
        case .top?: page.home()
        case .bottom?: page.end()
        case .filter?: page.search = TextField(text: page.query, placeholder: "search")
        case .nextMatch?: page.nextMatch(forward: true)
        case .previousMatch?: page.nextMatch(forward: false)
        case .describe?: page.show(.describe)
        case .json?: page.show(.json)
        case .copy?: copy(page.text, what: "the \(page.mode == .json ? "JSON" : "description") of \(page.inspection.id)")
        case .save?:
            let suffix = page.mode == .json ? ".json" : "-describe.txt"
            save(page.text, name: "\(page.inspection.kind.lowercased())-\(page.inspection.id)", suffix: suffix)
        case .back?: state.overlay = .none
        case .quit?: state.shouldQuit = true
        case .help?: state.overlay = .help
        default: break
        }
    }

    /// `c`: the view's own text (a tail line, a request's id) or the selected row's ID.
    func copySelection() {
        guard let inspectable = focusedInspectable, let text = inspectable.copyText ?? inspectable.inspection?.id else {
            state.message = StatusMessage(text: "Nothing selected to copy here.", isError: false)
            return
        }
        copy(text, what: text.count > 60 ? "\(text.count) characters" : text)
    }

    /// Queues `text` for the terminal's clipboard (OSC 52, sent after the next frame).
    func copy(_ text: String, what: String) {
        clipboard.append(text)
        state.message = StatusMessage(text: "Copied \(what) to the clipboard.", isError: false)
    }

    /// `Ctrl-S` on a view: its own text (a tail), or the view drawn with every row.
    func saveFocused() {
        if let own = focusedInspectable?.saveText {
            save(own.text, name: own.name, suffix: ".txt")
            return
        }
        let width = lastLayout?.body.width ?? 120
        save(Self.fullText(of: state.pane.view, width: width, context: context), name: state.view.name, suffix: ".txt")
    }

    /// A view laid out on a sheet tall enough for every row and drawn as text, without the rows
    /// of empty panel a tall sheet leaves. The view drawn is a copy: the one on screen keeps its
    /// scroll position.
    static func fullText(of view: any DashboardView, width: Int, context: ViewContext, height: Int = 5000) -> String {
        var sheet = view
        let area = Rect(x: 0, y: 0, width: max(20, width), height: height)
        let layout = sheet.layout(in: area)
        sheet.apply(layout, context)
        var buffer = Buffer(size: area.size)
        sheet.render(layout, theme: context.theme.monochrome, into: &buffer)
        var lines = buffer.lines.map { String($0.reversed().drop(while: { $0 == " " }).reversed()) }
        let frame: Set<Character> = ["│", "┃", "║", " "]
        var kept: [String] = []
        func isEmptyPanelRow(_ line: String) -> Bool { line.allSatisfy { frame.contains($0) } }
        for line in lines {
            if isEmptyPanelRow(line), let last = kept.last, isEmptyPanelRow(last) { continue }
            kept.append(line)
        }
        lines = kept
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes `text` to `cloudtop-NAME-TIME.SUFFIX` in the save folder (TIME is virtual, so the
    /// name says which moment of the estate it holds); a name in use gets `-2`, `-3`….
    func save(_ text: String, name: String, suffix: String) {
        let stamp = SimCalendar.iso8601(estate.now).filter { $0.isNumber || $0 == "T" }.prefix(15)
        let safe = String(name.map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "-" })
        let base = "cloudtop-\(safe)-\(stamp)"
        let folder = URL(fileURLWithPath: saveFolder, isDirectory: true)
        var file = base + suffix
        var n = 2
        while FileManager.default.fileExists(atPath: folder.appendingPathComponent(file).path) {
            file = "\(base)-\(n)\(suffix)"
            n += 1
        }
        do {
            try text.write(to: folder.appendingPathComponent(file), atomically: true, encoding: .utf8)
            state.message = StatusMessage(text: "Saved \(file) in \(folder.standardizedFileURL.path).", isError: false)
        } catch {
            state.message = StatusMessage(text: "Could not save \(file): \(error.localizedDescription)", isError: true)
        }
    }

    /// `:since 15m` restarts the focused tail that much virtual time ago.
    func restartTail(_ words: [String]) {
        guard words.count == 2, let duration = SimDuration.parse(words[1]), duration.milliseconds > 0 else {
            state.message = StatusMessage(text: "usage: since DURATION (e.g. since 15m, since 90s, since 2h)", isError: true)
            return
        }
        var said: String?
        state.pane.modify(StreamsView.self) { view in said = view.restartTail(since: duration, label: words[1], context) }
        state.message = StatusMessage(text: said ?? "since: open a tail first (Streams, t).", isError: said == nil)
    }
}

extension Dashboard {
    /// Hands over what `c` copied since the last frame, for the terminal to send.
    public func takeClipboard() -> [String] {
        defer { clipboard.removeAll() }
        return clipboard
    }
}
