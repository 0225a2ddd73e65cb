import Estate
import Terminal

extension ViewID {
    public static let edge = ViewID("edge")
}

/// The Edge view: distributions and their traffic, functions by trigger, the live request log and
/// the trace of the selected request.
///
/// The log follows new requests (the selection stays on the newest) until a move picks an older
/// one; `f` or the last-row key follows again. The selection is kept by request id, so requests
/// arriving or scrolling out of the edge's log do not move it to another request.
public struct EdgeView: DashboardView {
    public var table = TableState()
    public var filter = ""
    public private(set) var following = true
    public private(set) var model = EdgeViewModel()
    /// The request under the selection bar, by id.
    public private(set) var selectedId: String?
    private var modelKey: ModelKey?

    struct ModelKey: Equatable {
        let served: Int, second: Int64, events: UInt64, filter: String, following: Bool, selectedId: String?
    }

    /// Requests the view lists: enough to scroll back through a few minutes of default traffic.
    static let logRows = 200

    public init() {}

    public var scope: Action.Scope { .edge }
    public var footerActions: [Action] { [.followRequests, .filter, .up, .bottom] }
    public var filterText: String? { filter }
    public var liveRefreshMilliseconds: Int? { following ? 250 : nil }

    // MARK: - Model

    public mutating func refresh(_ context: ViewContext) -> Bool {
        let edge = context.estate.edge
        let key = ModelKey(served: edge.requestsServed, second: context.estate.now.milliseconds / 1000, events: context.versions["edge"],
                           filter: filter, following: following, selectedId: selectedId)
        guard key != modelKey else { return false }
        modelKey = key
        rebuild(edge)
        return true
    }

    private mutating func rebuild(_ edge: EdgeService) {
        model.distributions = edge.distributionRows
        model.functions = EdgeViewModel.functionsByTrigger(edge.functionRows)
        let exchanges = edge.recentRequests(limit: Self.logRows)
        model.totalRequests = exchanges.count
        if model.matcher.text != filter { model.matcher = TextFilter(filter) }
        let kept = exchanges.map { ($0, EdgeRequestRow($0)) }.filter { $0.1.matches(model.matcher) }
        model.requests = kept.map(\.1)
        if following || selectedId == nil {
            table.selected = model.requests.isEmpty ? nil : model.requests.count - 1
        } else if let index = model.requests.firstIndex(where: { $0.requestId == selectedId }) {
            table.selected = index
        } else {
            // The selected request scrolled out of the log: the oldest one left is the nearest.
            table.selected = model.requests.isEmpty ? nil : 0
        }
        table.clamp(rowCount: model.requests.count)
        selectedId = table.selected.map { model.requests[$0].requestId }
        model.selected = table.selected.map { kept[$0].0 }
    }

    /// The Overview's Edge tile, when the estate has a distribution.
    static func overviewTile(_ context: ViewContext) -> OverviewTile? {
        let edge = context.estate.edge
        guard !edge.distributions.isEmpty else { return nil }
        return EdgePanels.tile(edge.distributionRows, functions: edge.functionRows, theme: context.theme)
    }

    // MARK: - Input

    public mutating func handle(_ action: Action, _ context: ViewContext) -> [Effect] {
        // End follows the newest request, as a tail does.
        if action != .bottom, let rows = action.listMove(pageRows: table.visibleRows) {
            scroll(by: rows, context)
            return []
        }
        switch action {
        case .bottom: follow(true, context)
        case .followRequests: follow(!following, context)
        case .back where !filter.isEmpty: setFilter("", context)
        default: break
        }
        return []
    }

    private mutating func follow(_ on: Bool, _ context: ViewContext) {
        following = on
        if on { selectedId = nil }
        _ = refresh(context)
    }

    public mutating func setFilter(_ text: String, _ context: ViewContext) {
        filter = text
        _ = refresh(context)
    }

    /// A move picks an older request and stops following, unless it lands on the newest.
    public mutating func scroll(by rows: Int, _ context: ViewContext) {
        table.move(by: rows, rowCount: model.requests.count)
        guard let selected = table.selected else { return }
        selectedId = model.requests[selected].requestId
        following = selected == model.requests.count - 1 && rows > 0
        _ = refresh(context)
    }

    public mutating func click(at point: Point, layout: ViewLayout, _ context: ViewContext) -> [Effect] {
        if let row = layout.list?.row(at: point, rowCount: model.requests.count) {
            scroll(by: table.distance(to: row), context)
        }
        return []
    }

    // MARK: - Layout and drawing

    public func layout(in area: Rect) -> ViewLayout {
        let parts = EdgePanels.parts(area, distributions: model.distributions.count, functions: model.functions.count)
        let list = ListLayout.table(table, rowCount: model.requests.count, in: Chrome.listPanelInner(parts.log))
        return ViewLayout(area: area, list: list, pageRows: list.body.height)
    }

    public mutating func apply(_ layout: ViewLayout, _ context: ViewContext) {
        if let list = layout.list { table = list.table }
    }

    public func render(_ layout: ViewLayout, theme: Theme, into buffer: inout Buffer) {
        let parts = EdgePanels.parts(layout.area, distributions: model.distributions.count, functions: model.functions.count)
        EdgePanels.renderDistributions(model.distributions, theme: theme, into: &buffer, area: parts.distributions)
        EdgePanels.renderFunctions(model.functions, theme: theme, into: &buffer, area: parts.functions)
        EdgeRequestLog.render(model, table: layout.list?.table ?? table, filter: filter, following: following, theme: theme,
                              into: &buffer, area: parts.log)
        EdgeTracePanel.render(model.selected, theme: theme, into: &buffer, area: parts.trace)
    }
}
