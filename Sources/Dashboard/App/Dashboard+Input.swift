import Estate
import Terminal

/// Keys and mouse: overlays take input first, then the host's own keys (views, palette, help,
/// clock), then the focused view.
extension Dashboard {
    public func handle(_ event: InputEvent) {
        needsRedraw = true
        // The focused view works on the estate as it is now, not as it was at the last frame.
        refreshFocused()
        switch event {
        case .resize: break
        case let .click(point): handleClick(point)
        case let .scroll(delta, point):
            if case var .result(log) = state.overlay {
                if delta < 0 { log.scrollUp(-delta) } else { log.scrollDown(delta) }
                state.overlay = .result(log)
            } else if case .none = state.overlay {
                // The wheel scrolls the pane under the pointer, which takes the focus as a click would.
                if let i = lastLayout?.panes.firstIndex(where: { $0.area.contains(point) }), i < state.panes.count, i != state.focus {
                    state.focus = i
                    refreshFocused()
                }
                withFocusedView { view, context in view.scroll(by: delta, context); return [] }
            }
        case let .key(key): handleKey(key)
        }
        refresh()
    }

    func refreshFocused() {
        _ = state.panes[state.focus].view.refresh(context)
    }

    func handleKey(_ key: Key) {
        switch state.overlay {
        case .none: break
        case .help:
            if key == .escape || keymap.action(for: key, in: .global) == .help || key == .character("q") {
                state.overlay = .none
                state.helpScroll = 0
            } else {
                scrollHelp(keymap.action(for: key, in: .global))
            }
            return
        case var .palette(p):
            handlePalette(key, &p)
            return
        case var .launch(l):
            handleLaunch(key, &l)
            return
        case let .confirm(c):
            if key == .character("y") || key == .character("Y") {
                state.overlay = .none
                runAndReport(c.command)
            } else if key == .character("n") || key == .character("N") || key == .escape {
                state.overlay = .none
                state.message = StatusMessage(text: "Cancelled.", isError: false)
            }
            return
        case var .filter(field):
            handleFilter(key, &field)
            return
        case var .prompt(p):
            handlePrompt(key, &p)
            return
        case var .result(log):
            handleResult(key, &log)
            return
        case var .page(page):
            handlePage(key, &page)
            return
        }
        // A message stays until the next key, so it is read before it goes.
        state.message = nil
        if state.pane.view.takesText, typeIntoFocusedView(key) { return }
        if let view = keymap.view(for: key) {
            show(view)
            return
        }
        guard let action = keymap.action(for: key, in: state.pane.view.scope) else { return }
        perform(action)
    }

    /// A view taking text gets the key unless its own scope binds it; returns whether it was used.
    func typeIntoFocusedView(_ key: Key) -> Bool {
        let scope = state.pane.view.scope
        if let action = keymap.action(for: key, in: scope), action.scope == scope {
            perform(action)
            return true
        }
        var used = false
        withFocusedView { view, context in
            guard let effects = view.type(key, context) else { return [] }
            used = true
            return effects
        }
        return used
    }

    /// The host's own actions; everything else belongs to the focused view.
    func perform(_ action: Action) {
        switch action {
        case .nextView where state.panes.count > 1, .previousView where state.panes.count > 1:
            focusPane(step: action == .nextView ? 1 : -1)
        case .splitSideBySide: split(.sideBySide)
        case .splitStacked: split(.stacked)
        case .zoom: toggleZoom()
        case .nextView, .previousView:
            let views = availableViews
            let i = views.firstIndex(of: state.view) ?? 0
            let step = action == .nextView ? 1 : views.count - 1
            show(views[(i + step) % views.count])
        case .palette:
            var p = PaletteState(completer: completer(), history: paletteHistory, output: paletteOutput)
            p.output.scrollToBottom()
            state.overlay = .palette(p)
        case .filter: openFilter()
        case .help: state.overlay = .help
        case .quit: state.shouldQuit = true
        case .togglePause: runAndReport(estate.isPaused ? "sim resume" : "sim pause", quiet: true)
        case .speedUp, .speedDown: changeSpeed(faster: action == .speedUp)
        case .describe: openPage(.describe)
        case .json: openPage(.json)
        case .copy: copySelection()
        case .save: saveFocused()
        default:
            withFocusedView { view, context in view.handle(action, context) }
        }
    }

    /// Lets the focused view change itself, then runs what it asked for.
    func withFocusedView(_ body: (inout any DashboardView, ViewContext) -> [Effect]) {
        let context = self.context
        var view = state.pane.view
        let effects = body(&view, context)
        state.pane.view = view
        _ = state.pane.view.refresh(context)
        run(effects)
    }

    /// Carries out what views asked for, in order.
    func run(_ effects: [Effect]) {
        for effect in effects {
            switch effect {
            case let .run(line, quiet): runAndReport(line, quiet: quiet)
            case let .confirm(c): state.overlay = .confirm(c)
            case let .message(text, isError): state.message = StatusMessage(text: text, isError: isError)
            case let .show(view): show(view)
            case .openLaunchMenu: openLaunchMenu()
            case let .prompt(request): openPrompt(request)
            }
        }
    }

    func show(_ view: ViewID) {
        guard availableViews.contains(view) else {
            let title = ViewRegistry.registration(view)?.title ?? view.name
            state.message = StatusMessage(text: "This estate has no \(title.lowercased()) yet.", isError: false)
            return
        }
        state.pane.show(view)
        refreshFocused()
    }

    /// Hit areas are those of the last arranged frame (the layout step), never worked out again here.
    func handleClick(_ point: Point) {
        guard case .none = state.overlay else { return }
        // Before the first frame the tabs are where the first frame will put them.
        let tabRow = lastLayout.map { $0.header.height > 1 ? $0.header.y + 1 : -1 } ?? 1
        if point.y == tabRow {
            // The tab whose label the click fell in shows in the focused pane.
            if let tab = (lastLayout?.tabs ?? tabs).first(where: { $0.columns.contains(point.x) }) { show(tab.view) }
            return
        }
        guard let screen = lastLayout else { return }
        for (i, viewLayout) in screen.panes.enumerated() where i < state.panes.count && viewLayout.area.contains(point) {
            state.focus = i
            // The layout the click refers to is the one last drawn for this pane's current view.
            guard let layout = state.pane.layout else { return }
            withFocusedView { view, context in view.click(at: point, layout: layout, context) }
            return
        }
    }

    // MARK: - Clock

    static let speedSteps: [Double] = [0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 3600]

    func changeSpeed(faster: Bool) {
        let current = estate.speed
        let next = faster ? Self.speedSteps.first { $0 > current } : Self.speedSteps.last { $0 < current }
        guard let next else { return }
        runAndReport("sim speed \(next)", quiet: true)
    }
}

extension Dashboard {
    /// The moving keys scroll a help window taller than the screen, within what the last frame's
    /// body shows, so a key past either end does nothing.
    func scrollHelp(_ action: Action?) {
        let body = lastLayout?.body ?? Rect(x: 0, y: 0, width: 120, height: 37)
        let frame = Overlays.helpLayout(keymap: keymap, theme: theme, area: body).frame
        let page = max(1, frame.visibleRows - 1)
        var scroll = frame.clamp(state.helpScroll)
        switch action {
        case .down?: scroll += 1
        case .up?: scroll -= 1
        case .pageDown?: scroll += page
        case .pageUp?: scroll -= page
        case .top?: scroll = 0
        case .bottom?: scroll = frame.maxScroll
        default: return
        }
        state.helpScroll = frame.clamp(scroll)
    }
}
