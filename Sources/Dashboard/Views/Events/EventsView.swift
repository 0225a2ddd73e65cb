import Estate
import Terminal

extension ViewID {
    public static let events = ViewID("events")
}

/// The Events view: the bus, newest first, with a filter.
public struct EventsView: DashboardView {
    public var table = TableState()
    public var filter = ""
    public private(set) var model = EventsViewModel(events: [], totalCount: 0, filter: "")
    private var modelKey: (version: UInt64, filter: String)?

    public init() {}

    public var scope: Action.Scope { .global }
    public var footerActions: [Action] { [.filter, .top] }
    public var filterText: String? { filter }

    public mutating func refresh(_ context: ViewContext) -> Bool {
        let version = context.versions.total
        if let key = modelKey, key.version == version, key.filter == filter { return false }
        modelKey = (version, filter)
        let all = context.eventLog.newestFirst
        let matcher = TextFilter(filter)
        model = EventsViewModel(events: matcher.isEmpty ? all : all.filter { EventsTable.matches($0, filter: matcher) },
                                totalCount: all.count, filter: filter, matcher: matcher)
        table.clamp(rowCount: model.events.count)
        return true
    }

    public mutating func handle(_ action: Action, _ context: ViewContext) -> [Effect] {
        if let rows = action.listMove(pageRows: table.visibleRows) {
            scroll(by: rows, context)
            return []
        }
        switch action {
        case .back where !filter.isEmpty: setFilter("", context)
        default: break
        }
        return []
    }

    public mutating func setFilter(_ text: String, _ context: ViewContext) {
        filter = text
        table.selected = 0
    }

    public mutating func scroll(by rows: Int, _ context: ViewContext) {
        table.move(by: rows, rowCount: model.events.count)
    }

    public mutating func click(at point: Point, layout: ViewLayout, _ context: ViewContext) -> [Effect] {
        if let row = layout.list?.row(at: point, rowCount: model.events.count) {
            table.move(by: table.distance(to: row), rowCount: model.events.count)
        }
        return []
    }

    public func layout(in area: Rect) -> ViewLayout {
        let list = ListLayout.table(table, rowCount: model.events.count, in: Chrome.listPanelInner(area))
        return ViewLayout(area: area, list: list, pageRows: list.body.height)
    }

    public mutating func apply(_ layout: ViewLayout, _ context: ViewContext) {
        if let list = layout.list { table = list.table }
    }

    public func render(_ layout: ViewLayout, theme: Theme, into buffer: inout Buffer) {
        EventsTable.render(model, table: layout.list?.table ?? table, theme: theme, into: &buffer, area: layout.area)
    }
}
