import Estate
import Terminal

/// The dashboard: turns keys into operations and the estate into frames.
///
/// It owns the UI state and the view models fed by the bus; rendering builds models from the
/// estate once per frame (cached while nothing changed) and hands them to pure render functions.
/// It never touches a terminal: the loop gives it input and takes its frames.
public final class Dashboard {
    public let estate: Estate
    public let keymap: Keymap
    public let theme: Theme
    public let readOnly: Bool
    public internal(set) var state = DashboardState()
    var runner: CommandRunner
    let eventLog: EventLog
    let overview: OverviewModel
    var paletteHistory: [String] = []
    var paletteOutput = LogView(capacity: 2000, viewHeight: 10)
    /// Set by anything that changes what is on screen; the loop draws only when it is set.
    public var needsRedraw = true
    /// Where the current view's table body starts, for mouse clicks (set while rendering).
    var tableBodyTop: Int?
    var lastDrawnSecond: Int64 = -1
    var lastWidth = 120
    /// Bumped on every EC2 event, so the sorted instance list is rebuilt only when EC2 changed.
    var ec2Version: UInt64 = 0

    private var ec2Cache: (key: CacheKey, instances: [Instance])?
    private var summaryCache: (version: UInt64, summary: EC2Service.Summary)?
    struct CacheKey: Equatable {
        let version: UInt64, sort: InstanceRow.Column, order: SortOrder, filter: String
    }

    public init(estate: Estate, keymap: Keymap = .defaults, theme: Theme = .defaults, readOnly: Bool = false) {
        self.estate = estate
        self.keymap = keymap
        self.theme = theme
        self.readOnly = readOnly
        runner = CommandRunner(estate: estate, readOnly: readOnly)
        eventLog = EventLog(bus: estate.bus)
        overview = OverviewModel(estate: estate)
        estate.bus.subscribe { [weak self] event in
            self?.needsRedraw = true
            if event.event.service == "ec2" { self?.ec2Version &+= 1 }
        }
    }

    /// How often a live view wants frames even when no event arrives (nil: once a virtual second).
    public var liveRefreshMilliseconds: Int? { isTailing ? 100 : nil }

    public var shouldQuit: Bool { state.shouldQuit }

    /// Views this estate has: services that do not exist are absent, not shown empty.
    public var availableViews: [ViewID] {
        var views: [ViewID] = [.overview, .ec2]
        if estate.service(named: "kinesis") != nil { views.append(.streams) }
        views.append(.events)
        return views
    }

    /// Virtual time the loop had to drop because simulating it took too long, in total.
    public private(set) var droppedMilliseconds: Int64 = 0

    /// Whether the last step had to drop time; the header says so until a step keeps up.
    public private(set) var isBehind = false

    func fellBehind(byMilliseconds ms: Int64) {
        droppedMilliseconds += ms
        if !isBehind { isBehind = true; needsRedraw = true }
    }

    func keptUp() {
        if isBehind { isBehind = false; needsRedraw = true }
    }

    /// Brings models that pull (the live tail) up to the estate; the loop calls it after each
    /// step of the clock, so drawing itself never changes a model.
    public func refresh() {
        pullTail()
    }

    /// The clock moved: redraw when the second shown in the header changes.
    public func clockDidAdvance() {
        let second = estate.now.milliseconds / 1000
        if second != lastDrawnSecond { needsRedraw = true }
    }

    // MARK: - Models

    var headerModel: HeaderModel {
        HeaderModel(estateName: estate.name, now: estate.now, speed: estate.speed, isPaused: estate.isPaused,
                    readOnly: readOnly, ec2: ec2Summary(), behind: isBehind)
    }

    /// Totals change only with events, so they are summed once per change, not once per frame.
    func ec2Summary() -> EC2Service.Summary {
        let version = ec2Version
        if let cache = summaryCache, cache.version == version { return cache.summary }
        let summary = estate.ec2.summary
        summaryCache = (version, summary)
        return summary
    }

    /// The instances as listed: filtered and sorted, rebuilt only when the estate or the choice changed.
    func ec2Instances() -> [Instance] {
        let key = CacheKey(version: ec2Version, sort: state.ec2.sortColumn, order: state.ec2.sortOrder, filter: state.ec2.filter)
        if let cache = ec2Cache, cache.key == key { return cache.instances }
        let column = state.ec2.sortColumn
        let all = estate.ec2.instances
        // Sort positions rather than the instances themselves: far less to move for 10,000 rows.
        let matching = all.indices.filter { InstanceRow.matches(all[$0], filter: state.ec2.filter) }
        let list = InstanceRow.sortedIndices(all, matching, by: column, order: state.ec2.sortOrder).map { all[$0] }
        ec2Cache = (key, list)
        return list
    }

    var ec2Model: EC2ViewModel {
        EC2ViewModel(instances: ec2Instances(), totalCount: estate.ec2.instances.count, now: estate.now,
                     sortColumn: state.ec2.sortColumn, sortOrder: state.ec2.sortOrder, filter: state.ec2.filter)
    }

    var selectedInstance: Instance? {
        let list = ec2Instances()
        guard let i = state.ec2.table.selected, list.indices.contains(i) else { return nil }
        return list[i]
    }

    var eventsModel: EventsViewModel {
        let all = eventLog.newestFirst
        let filter = state.events.filter
        return EventsViewModel(events: filter.isEmpty ? all : all.filter { EventsView.matches($0, filter: filter) },
                               totalCount: all.count, filter: state.events.filter)
    }

    var overviewModel: OverviewViewModel {
        let s = ec2Summary()
        return OverviewViewModel(ec2: s, stoppedOrOther: s.total - s.running - s.pending - s.stopped,
                                 averageCPU: overview.averageCPUPercent.values, networkIn: overview.networkInBytes.values,
                                 recentEvents: Array(eventLog.newestFirst.prefix(40)), tiles: extraOverviewTiles())
    }

    /// Tiles other services add to the Overview.
    func extraOverviewTiles() -> [OverviewTile] {
        [streamsOverviewTile(width: lastWidth)].compactMap { $0 }
    }

    // MARK: - Rendering

    /// Draws the whole screen into `buffer`.
    public func render(into buffer: inout Buffer) {
        lastWidth = buffer.size.width
        needsRedraw = false
        lastDrawnSecond = estate.now.milliseconds / 1000
        let area = buffer.area
        buffer.fill(area, with: Cell(" "))
        guard !area.isEmpty else { return }
        let rows = area.rows([.fixed(min(2, area.height)), .fill, .fixed(area.height > 3 ? 1 : 0)])
        Chrome.renderHeader(headerModel, views: availableViews, current: state.view, theme: theme, into: &buffer, area: rows[0])
        renderBody(into: &buffer, area: rows[1])
        if case let .filter(field) = state.overlay {
            Overlays.renderFilter(field, theme: theme, into: &buffer, area: rows[2])
        } else {
            Chrome.renderFooter(hints: footerHints, message: state.message, theme: theme, into: &buffer, area: rows[2])
        }
        switch state.overlay {
        case .none, .filter: break
        case .help: Overlays.renderHelp(keymap: keymap, theme: theme, into: &buffer, area: rows[1])
        case let .palette(p): Overlays.renderPalette(p, theme: theme, into: &buffer, area: rows[1])
        case let .launch(l): Overlays.renderLaunch(l, theme: theme, into: &buffer, area: rows[1])
        case let .confirm(c): Overlays.renderConfirm(c, theme: theme, into: &buffer, area: rows[1])
        }
    }

    func renderBody(into buffer: inout Buffer, area: Rect) {
        tableBodyTop = nil
        switch state.view {
        case .overview:
            OverviewView.render(overviewModel, theme: theme, into: &buffer, area: area)
        case .ec2:
            if let id = state.ec2.detail, let instance = estate.ec2.instance(id) {
                let model = InstanceDetailModel(instance: instance, spec: InstanceTypeCatalog.spec(named: instance.instanceType),
                                                now: estate.now, history: eventLog.history(of: id))
                InstanceDetailView.render(model, theme: theme, into: &buffer, area: area)
            } else {
                EC2View.render(ec2Model, table: &state.ec2.table, theme: theme, into: &buffer, area: area)
                tableBodyTop = area.y + 2
            }
        case .events:
            EventsView.render(eventsModel, table: &state.events.table, theme: theme, into: &buffer, area: area)
            tableBodyTop = area.y + 2
        case .streams:
            renderStreams(into: &buffer, area: area)
        case .warehouse, .edge:
            renderServiceView(state.view, into: &buffer, area: area)
        }
    }

    /// Views of services added later draw here.
    func renderServiceView(_ view: ViewID, into buffer: inout Buffer, area: Rect) {
        let inner = Block(title: view.title, titleStyle: theme["title"], borderStyle: theme["border"]).render(into: &buffer, area: area)
        _ = buffer.write("This estate has no \(view.title.lowercased()).", at: inner.origin, style: theme["dim"], maxWidth: inner.width)
    }

    /// The keys that work here, for the footer.
    var footerHints: [(key: String, label: String)] {
        var actions: [Action]
        switch state.view {
        case .ec2 where state.ec2.detail != nil: actions = [.back, .stop, .start, .reboot, .terminate]
        case .ec2: actions = [.launch, .open, .stop, .start, .reboot, .terminate, .filter, .sortNext]
        case .events: actions = [.filter, .top]
        case .streams: actions = streamsFooter
        default: actions = [.nextView]
        }
        actions += [.palette, .togglePause, .speedUp, .help, .quit]
        return actions.map { (keymap.hint($0), Self.shortLabel($0)) }
    }

    static func shortLabel(_ action: Action) -> String {
        switch action {
        case .launch: return "launch"
        case .open: return "details"
        case .stop: return "stop"
        case .start: return "start"
        case .reboot: return "reboot"
        case .terminate: return "terminate"
        case .filter: return "filter"
        case .sortNext: return "sort"
        case .palette: return "command"
        case .togglePause: return "pause"
        case .speedUp: return "faster"
        case .help: return "help"
        case .quit: return "quit"
        case .back: return "back"
        case .nextView: return "next view"
        case .top: return "newest"
        case .tail: return "tail"
        case .follow: return "follow"
        case .toggleHex: return "hex"
        case .up: return "scroll"
        case .bottom: return "newest"
        default: return action.rawValue
        }
    }
}
