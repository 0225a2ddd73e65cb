import Estate
import Terminal

/// Keys and mouse: overlays take input first, then the bindings of the current view.
extension Dashboard {
    public func handle(_ event: InputEvent) {
        needsRedraw = true
        switch event {
        case .resize: return
        case let .click(point): handleClick(point)
        case let .scroll(delta, _): move(by: delta)
        case let .key(key): handleKey(key)
        }
    }

    var scope: Action.Scope {
        switch state.view {
        case .ec2: return .ec2
        case .streams: return state.streams.tail != nil ? .tail : .streams
        default: return .global
        }
    }

    func handleKey(_ key: Key) {
        switch state.overlay {
        case .none: break
        case .help:
            if key == .escape || keymap.action(for: key, in: .global) == .help || key == .character("q") { state.overlay = .none }
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
        }
        // A message stays until the next key, so it is read before it goes.
        state.message = nil
        guard let action = keymap.action(for: key, in: scope) else { return }
        perform(action)
    }

    func perform(_ action: Action) {
        if state.view == .streams, state.streams.tail != nil, [.top, .bottom, .pageUp, .pageDown].contains(action) {
            tailAction(action)
            return
        }
        switch action {
        case .viewOverview: show(.overview)
        case .viewEC2: show(.ec2)
        case .viewStreams: show(.streams)
        case .viewWarehouse: show(.warehouse)
        case .viewEdge: show(.edge)
        case .viewEvents: show(.events)
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
        case .back: goBack()
        case .quit: state.shouldQuit = true
        case .up: move(by: -1)
        case .down: move(by: 1)
        case .pageUp: move(by: -max(1, currentTable.visibleRows))
        case .pageDown: move(by: max(1, currentTable.visibleRows))
        case .top: move(by: Int.min / 2)
        case .bottom: move(by: Int.max / 2)
        case .open: open()
        case .sortNext where state.view == .ec2:
            let all = InstanceRow.displayOrder
            let i = all.firstIndex(of: state.ec2.sortColumn) ?? 0
            state.ec2.sortColumn = all[(i + 1) % all.count]
            state.ec2.sortOrder = .ascending
            state.message = StatusMessage(text: "Sorted by \(state.ec2.sortColumn.title.lowercased())", isError: false)
        case .sortReverse where state.view == .ec2:
            state.ec2.sortOrder = state.ec2.sortOrder.reversed
        case .togglePause: runAndReport(estate.isPaused ? "sim resume" : "sim pause", quiet: true)
        case .speedUp, .speedDown: changeSpeed(faster: action == .speedUp)
        case .launch: openLaunchMenu()
        case .tail: tailSelectedStream()
        case .follow, .toggleHex: tailAction(action)
        case .stop: confirmOrRun("stop-instances", verb: "Stopping")
        case .start: confirmOrRun("start-instances", verb: "Starting")
        case .reboot: confirmOrRun("reboot-instances", verb: "Rebooting")
        case .terminate: confirmOrRun("terminate-instances", verb: "Terminating")
        default: break
        }
    }

    func show(_ view: ViewID) {
        guard availableViews.contains(view) else {
            state.message = StatusMessage(text: "This estate has no \(view.title.lowercased()) yet.", isError: false)
            return
        }
        state.view = view
    }

    func goBack() {
        if state.view == .streams, backInStreams() { return }
        if state.view == .ec2, state.ec2.detail != nil { state.ec2.detail = nil; return }
        if state.view == .ec2, !state.ec2.filter.isEmpty { state.ec2.filter = ""; return }
        if state.view == .events, !state.events.filter.isEmpty { state.events.filter = ""; return }
    }

    func open() {
        if state.view == .streams { openInStreams(); return }
        guard state.view == .ec2, state.ec2.detail == nil, let instance = selectedInstance else { return }
        state.ec2.detail = instance.instanceID
    }

    // MARK: - Moving

    var currentTable: TableState {
        switch state.view {
        case .events: return state.events.table
        case .streams where state.streams.openStream != nil: return state.streams.shardTable
        case .streams: return state.streams.table
        default: return state.ec2.table
        }
    }

    func move(by delta: Int) {
        switch state.view {
        case .ec2 where state.ec2.detail == nil:
            state.ec2.table.move(by: delta, rowCount: ec2Instances().count)
        case .events:
            state.events.table.move(by: delta, rowCount: eventsModel.events.count)
        case .streams:
            moveInStreams(by: delta)
        default: break
        }
    }

    func handleClick(_ point: Point) {
        if point.y == 1 {
            // The tab row: find which tab's label the click fell in.
            var x = 0
            for view in availableViews {
                let width = TextWidth.of("\(view.rawValue) \(view.title)") + 2
                if point.x < x + width { show(view); return }
                x += width
            }
            return
        }
        guard case .none = state.overlay, let top = tableBodyTop, point.y >= top else { return }
        let target = currentTable.offset + point.y - top
        move(by: target - (currentTable.selected ?? 0))
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
