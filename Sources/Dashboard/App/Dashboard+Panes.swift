import Terminal

/// Split panes: `|` puts a second pane beside the focused one, `_` below it; the same key again
/// closes the split, the other turns it. Each pane keeps its own views (selection, filter,
/// scroll); `Tab` moves the focus between them and `z` lets the focused one fill the screen.
extension Dashboard {
    func split(_ axis: Split) {
        state.zoomed = false
        if state.panes.count > 1 {
            guard state.split == axis else {
                state.split = axis
                return
            }
            // Closing keeps the pane in use; the other one's views go with it.
            state.panes = [state.pane]
            state.focus = 0
            state.message = StatusMessage(text: "One pane.", isError: false)
            return
        }
        state.split = axis
        state.panes.append(Pane(showing: state.view))
        state.focus = state.panes.count - 1
        refreshFocused()
        let key = keymap.hint(axis == .sideBySide ? .splitSideBySide : .splitStacked)
        state.message = StatusMessage(text: "Split: \(keymap.hint(.nextView)) moves between panes, \(keymap.hint(.zoom)) zooms, \(key) closes.",
                                      isError: false)
    }

    func toggleZoom() {
        guard state.panes.count > 1 else {
            state.message = StatusMessage(text: "One pane: nothing to zoom (\(keymap.hint(.splitSideBySide)) splits).", isError: false)
            return
        }
        state.zoomed.toggle()
    }

    /// Moves the focus to the next pane (or the previous); a zoomed screen shows the pane focused.
    func focusPane(step: Int) {
        let n = state.panes.count
        state.focus = ((state.focus + step) % n + n) % n
        refreshFocused()
    }

    /// Where each pane goes in the body: side by side with a column between them, or stacked;
    /// zoomed, the focused pane gets all of it and the others an empty rect (not drawn, not hit).
    func paneAreas(in body: Rect) -> [Rect] {
        let n = state.panes.count
        guard n > 1 else { return [body] }
        if state.zoomed {
            return state.panes.indices.map { $0 == state.focus ? body : Rect(x: body.x, y: body.y, width: 0, height: 0) }
        }
        let parts = Array(repeating: Constraint.fill, count: n)
        return state.split == .sideBySide ? body.columns(parts, spacing: 1) : body.rows(parts)
    }
}

extension Chrome {
    /// Marks the focused pane of a split: its border turns heavy (`┏━┓`, readable without colour)
    /// and takes the accent colour.
    static func markFocused(_ area: Rect, theme: Theme, into buffer: inout Buffer) {
        guard area.width > 1, area.height > 1 else { return }
        let style = theme["accent"]
        func heavy(_ x: Int, _ y: Int) {
            let cell = buffer[x, y]
            guard let symbol = heavyBox[cell.symbol] else { return }
            buffer.set(x, y, Cell(symbol, style: style))
        }
        for x in area.x..<area.right { heavy(x, area.y); heavy(x, area.bottom - 1) }
        for y in area.y..<area.bottom { heavy(area.x, y); heavy(area.right - 1, y) }
    }

    static let heavyBox: [Character: Character] = ["┌": "┏", "┐": "┓", "└": "┗", "┘": "┛", "─": "━", "│": "┃", "├": "┣", "┤": "┫", "┬": "┳", "┴": "┻"]
}
