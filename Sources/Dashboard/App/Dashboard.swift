import Estate
import Terminal

/// The dashboard: hosts views in panes, routes input to the focused one, runs the operations
/// they ask for, and draws the chrome (header, tabs, footer, overlays) around them.
///
/// Models are brought up to date in `refresh` (the loop calls it after each step of the clock,
/// and input handling after each key); `arrange` lays the screen out and lets each view keep
/// its clamped scroll positions; `render` then draws without changing anything. It never
/// touches a terminal: the loop gives it input and takes its frames.
public final class Dashboard {
    public let estate: Estate
    /// Keys and theme in force: replaced when their files are edited (`reloadSettingsIfChanged`) or by `:theme`.
    public internal(set) var keymap: Keymap
    public internal(set) var theme: Theme
    /// The name of the theme in force (`ThemeCatalog`).
    public internal(set) var themeName = ThemeCatalog.defaultName
    /// The files keys and theme were read from and how they looked then; nil: built in, never reloaded.
    var settingsWatch: SettingsWatch?
    public let readOnly: Bool
    public internal(set) var state = DashboardState()
    var runner: CommandRunner
    let eventLog: EventLog
    let samples: OverviewModel
    let versions: BusVersions
    var paletteHistory: [String] = []
    var paletteOutput = LogView(capacity: 2000, viewHeight: 10)
    /// The header as last refreshed.
    public private(set) var header: HeaderModel
    private var summaryCache: (version: UInt64, summary: EC2Service.Summary)?
    /// Set by anything that changes what is on screen; the loop draws only when it is set.
    public var needsRedraw = true
    /// Texts for the system clipboard (`c`), handed to the terminal after the next frame.
    public internal(set) var clipboard: [String] = []
    /// Where `Ctrl-S` writes its files: the working folder unless a test says otherwise.
    public var saveFolder = "."
    /// The `:perf` overlay's figures; nothing is measured while it is hidden.
    public let perf = PerfMonitor()
    /// With `--listen`, the endpoints and their request rate, for the Overview.
    public var endpoints: EndpointActivity? { didSet { needsRedraw = true } }

    public init(estate: Estate, keymap: Keymap = .defaults, theme: Theme = .defaults, readOnly: Bool = false) {
        self.estate = estate
        self.keymap = keymap
        self.theme = theme
        self.readOnly = readOnly
        availableViews = Self.availableViews(in: estate)
        tabs = Self.tabs(of: availableViews)
        tabLabels = availableViews.map { ViewRegistry.registration($0)?.label ?? $0.name }
        runner = CommandRunner(estate: estate, readOnly: readOnly)
        eventLog = EventLog(bus: estate.bus)
        samples = OverviewModel(estate: estate)
        versions = BusVersions(bus: estate.bus)
        header = HeaderModel(estateName: estate.name, now: estate.now, speed: estate.speed, isPaused: estate.isPaused,
                             readOnly: readOnly, ec2: estate.ec2.summary)
        refresh()
    }

    /// What views may read while refreshing or handling a key.
    var context: ViewContext {
        ViewContext(estate: estate, theme: theme, eventLog: eventLog, samples: samples, versions: versions, endpoints: endpoints)
    }

    /// How often a live view wants frames even when no event arrives (nil: once a virtual second).
    public var liveRefreshMilliseconds: Int? { state.panes.compactMap { $0.view.liveRefreshMilliseconds }.min() }

    public var shouldQuit: Bool { state.shouldQuit }

    /// Views this estate has, in tab order: views of services it lacks are absent, not shown empty.
    /// An estate's services are fixed when it is built, so this is worked out once, not per frame.
    public let availableViews: [ViewID]

    static func availableViews(in estate: Estate) -> [ViewID] {
        ViewRegistry.all.filter { registration in
            registration.service.map { estate.service(named: $0) != nil } ?? true
        }.map(\.id)
    }

    /// The focused pane's view as its own type, e.g. `focused(EC2View.self)?.selectedInstance`.
    public func focused<V: DashboardView>(_ type: V.Type) -> V? { state.pane.view(type) }

    /// Virtual time the loop had to drop because simulating it took too long, in total.
    public private(set) var droppedMilliseconds: Int64 = 0

    /// Whether the last step had to drop time; the header says so until a step keeps up.
    public private(set) var isBehind = false

    func fellBehind(byMilliseconds ms: Int64) {
        droppedMilliseconds += ms
        isBehind = true
    }

    func keptUp() {
        isBehind = false
    }

    // MARK: - Models

    /// Brings the header and every pane's view model up to the estate, and notes whether any of
    /// it changed what is on screen. The loop calls it after each step of the clock.
    public func refresh() {
        let next = makeHeader()
        if next != header { header = next; needsRedraw = true }
        let context = self.context
        for i in state.panes.indices where state.panes[i].view.refresh(context) { needsRedraw = true }
    }

    private func makeHeader() -> HeaderModel {
        let version = versions["ec2"]
        let summary: EC2Service.Summary
        if let cache = summaryCache, cache.version == version { summary = cache.summary } else {
            summary = estate.ec2.summary
            summaryCache = (version, summary)
        }
        // The header shows whole seconds: a model that changes every millisecond would redraw for nothing.
        let second = SimInstant(milliseconds: estate.now.milliseconds / 1000 * 1000)
        return HeaderModel(estateName: estate.name, now: second, speed: estate.speed, isPaused: estate.isPaused,
                           readOnly: readOnly, ec2: summary, behind: isBehind)
    }

    // MARK: - Layout

    /// Where everything goes on a screen of `size`, for the state as it is. Changes nothing.
    public func layout(for size: Size) -> ScreenLayout {
        let area = Rect(size: size)
        guard !area.isEmpty else {
            return ScreenLayout(header: area, body: area, footer: area, panes: state.panes.map { $0.view.layout(in: area) }, tabs: [])
        }
        let rows = area.rows([.fixed(min(2, area.height)), .fill, .fixed(area.height > 3 ? 1 : 0)])
        let paneAreas = self.paneAreas(in: rows[1])
        let panes = zip(state.panes, paneAreas).map { pane, rect in pane.view.layout(in: rect) }
        return ScreenLayout(header: rows[0], body: rows[1], footer: rows[2], panes: panes, tabs: tabs)
    }

    /// The header's tabs and the columns each covers, whatever the screen's size.
    let tabs: [ScreenLayout.Tab]
    /// What the tabs say, in the same order.
    let tabLabels: [String]

    static func tabs(of views: [ViewID]) -> [ScreenLayout.Tab] {
        var tabs: [ScreenLayout.Tab] = []
        var x = 0
        for id in views {
            let width = TextWidth.of(ViewRegistry.registration(id)!.label) + 2
            tabs.append(ScreenLayout.Tab(view: id, columns: x..<(x + width)))
            x += width
        }
        return tabs
    }

    /// Lays the screen out for `size` and lets each view keep what the layout computed (scroll
    /// offsets clamped to the rows shown, page sizes), so the next keys act on what is seen.
    public func arrange(for size: Size) {
        let screen = layout(for: size)
        let context = self.context
        // A pane hidden by the zoom keeps its offsets as they were, for when it comes back.
        for (i, viewLayout) in screen.panes.enumerated() where i < state.panes.count && !viewLayout.area.isEmpty {
            state.panes[i].view.apply(viewLayout, context)
            state.panes[i].layout = viewLayout
        }
        lastLayout = screen
        // The chrome's rows, drawn only when what they show changed; a screen without a tab row or a footer draws neither.
        chrome.prepare(title: titleKey(width: size.width), tabs: Self.has(row: 1, screen.header) ? tabsKey(width: size.width) : nil, labels: tabLabels,
                       footer: Self.has(row: 0, screen.footer) ? footerKey(width: size.width) : nil, theme: theme)
        if case var .page(page) = state.overlay {
            page.apply(page.layout(in: screen.body))
            state.overlay = .page(page)
        }
    }

    /// The layout of the last arranged frame, for mouse clicks.
    public private(set) var lastLayout: ScreenLayout?

    /// The header's and footer's rows as drawn in the last layout step.
    private(set) var chrome = ChromeImages()

    private static func has(row: Int, _ rect: Rect) -> Bool { rect.height > row && rect.width > 0 }

    func titleKey(width: Int) -> ChromeImages.TitleKey {
        ChromeImages.TitleKey(model: header, crumbs: breadcrumbs, width: width, styles: theme.styles)
    }

    func tabsKey(width: Int) -> ChromeImages.TabsKey {
        ChromeImages.TabsKey(selected: availableViews.firstIndex(of: state.view) ?? 0, width: width, styles: theme.styles)
    }

    func footerKey(width: Int) -> ChromeImages.FooterKey {
        ChromeImages.FooterKey(actions: footerActions, keymap: keymap, message: state.message, width: width, styles: theme.styles)
    }

    // MARK: - Rendering

    /// Draws the whole screen into `buffer`. A pure function of the state: it changes nothing, so
    /// drawing the same state twice gives the same screen.
    public func render(into buffer: inout Buffer) {
        let area = buffer.area
        buffer.fill(area, with: Cell(" "))
        guard !area.isEmpty else { return }
        let screen = layout(for: buffer.size)
        chrome.drawHeader(title: titleKey(width: area.width), tabs: tabsKey(width: area.width), labels: tabLabels, theme: theme,
                          into: &buffer, area: screen.header)
        for (pane, viewLayout) in zip(state.panes, screen.panes) where !viewLayout.area.isEmpty {
            pane.view.render(viewLayout, theme: theme, into: &buffer)
        }
        if state.panes.count > 1, !state.zoomed, screen.panes.indices.contains(state.focus) {
            Chrome.markFocused(screen.panes[state.focus].area, theme: theme, into: &buffer)
        }
        if case let .filter(field) = state.overlay {
            Overlays.renderFilter(field, error: state.filterError, theme: theme, into: &buffer, area: screen.footer)
        } else {
            chrome.drawFooter(footerKey(width: area.width), theme: theme, into: &buffer, area: screen.footer)
        }
        switch state.overlay {
        case .none, .filter: break
        case .help: Overlays.renderHelp(keymap: keymap, scroll: state.helpScroll, theme: theme, into: &buffer, area: screen.body)
        case let .palette(p): Overlays.renderPalette(p, theme: theme, into: &buffer, area: screen.body)
        case let .launch(l): Overlays.renderLaunch(l, theme: theme, into: &buffer, area: screen.body)
        case let .confirm(c): Overlays.renderConfirm(c, theme: theme, into: &buffer, area: screen.body)
        case let .result(log): Overlays.renderResult(log, theme: theme, into: &buffer, area: screen.body)
        case let .prompt(p): Overlays.renderPrompt(p, theme: theme, into: &buffer, area: screen.body)
        case let .page(p): p.render(p.layout(in: screen.body), theme: theme, into: &buffer)
        }
        if perf.isShown { PerfOverlay.render(perf.figures, theme: theme, into: &buffer, area: screen.body) }
    }

    /// Where the focused pane is: its view's title, then the levels drilled into; a zoomed pane says so.
    public var breadcrumbs: [String] {
        let title = ViewRegistry.registration(state.view)?.title ?? state.view.name
        var crumbs = [title] + state.pane.view.breadcrumbs
        if state.zoomed { crumbs[crumbs.count - 1] += " [zoom]" }
        return crumbs
    }

    /// The keys that work here, most important first; `requiredHints` follow them always.
    var footerHints: [(key: String, label: String)] { Self.hints(footerActions, keymap: keymap) }

    /// The actions `footerHints` names, in the same order.
    var footerActions: [Action] { state.pane.view.footerActions + inspectHints + [.palette, .togglePause, .speedUp] }

    /// Help and quit: the footer drops any other hint before these.
    var requiredHints: [(key: String, label: String)] { Self.hints(Self.requiredActions, keymap: keymap) }

    static let requiredActions: [Action] = [.help, .quit]

    /// `(key, label)` for each action: its first key in `keymap` and its short name.
    static func hints(_ actions: [Action], keymap: Keymap) -> [(key: String, label: String)] {
        actions.map { (keymap.hint($0), shortLabel($0)) }
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
        case .followRequests: return "follow"
        case .deployTemplate: return "deploy"
        case .detectDrift: return "drift"
        case .deleteStack: return "delete"
        case .up: return "scroll"
        case .bottom: return "newest"
        case .sqlConsole: return "SQL"
        case .runSQL: return "run"
        case .explainSQL: return "explain"
        case .historyPrevious: return "history"
        case .nextCluster: return "cluster"
        case .nextPanel: return "panel"
        case .describe: return "describe"
        case .json: return "JSON"
        case .copy: return "copy"
        case .save: return "save"
        case .wrap: return "wrap"
        case .timestamps: return "time"
        case .prettyJSON: return "JSON"
        case .clearTail: return "clear"
        default: return action.rawValue
        }
    }
}

/// Where the parts of one frame go: computed before drawing, kept for the mouse.
public struct ScreenLayout: Equatable {
    /// A tab in the header's second row and the columns its label covers.
    public struct Tab: Equatable {
        public var view: ViewID
        public var columns: Range<Int>
    }

    public var header: Rect
    public var body: Rect
    public var footer: Rect
    /// Each pane's view as laid out, in pane order.
    public var panes: [ViewLayout]
    public var tabs: [Tab]
}
