import Estate
import Terminal

/// A view is a component: its own state, the keys of its scope, a model fed from the bus, a
/// layout step and a pure render.
///
/// A pane holds one value per view it has shown, so two panes can show the same view with
/// different selections. The host calls, in order: `refresh` when the estate may have changed,
/// `handle` for each key meant for it, `layout` for the area it gets and `apply` with the
/// result (which is where scroll offsets are clamped to the rows on screen), then `render` as
/// often as it likes: render changes nothing, so the same state always draws the same screen.
public protocol DashboardView {
    /// The keymap scope whose bindings apply here, besides the global ones.
    var scope: Action.Scope { get }
    /// The keys the footer offers here, most important first; the host adds the global ones.
    var footerActions: [Action] { get }
    /// What the `/` filter edits here, or nil when this view has nothing to filter.
    var filterText: String? { get }
    /// Wall milliseconds between frames while the view is live (a following tail); nil otherwise.
    var liveRefreshMilliseconds: Int? { get }
    /// The levels drilled into below the view's title, for the header's breadcrumbs
    /// (`["clickstream", "shardId-000000000002"]`); Esc (`back`) climbs one.
    var breadcrumbs: [String] { get }
    /// Whether the view takes typed keys as text now (a console being edited): the host then
    /// offers each key to `type` before the keymap, except keys bound in the view's own scope.
    var takesText: Bool { get }

    /// Brings the view model up to the estate; returns whether what the view shows changed.
    mutating func refresh(_ context: ViewContext) -> Bool
    /// One action of the view's scope (or a global move, open or back): what it changes in the
    /// view's own state, and what it asks the host to do.
    mutating func handle(_ action: Action, _ context: ViewContext) -> [Effect]
    /// The `/` filter changed.
    mutating func setFilter(_ text: String, _ context: ViewContext)
    /// Drills down to a path given in the palette (`:stream clickstream shardId-000000000002`),
    /// from the view's top level; returns an error message when a level does not exist.
    mutating func drill(into path: [String], _ context: ViewContext) -> String?
    /// A click inside the view, in screen coordinates, with the layout it was drawn with.
    mutating func click(at point: Point, layout: ViewLayout, _ context: ViewContext) -> [Effect]
    /// Scrolling by the wheel or the page keys moves by rows.
    mutating func scroll(by rows: Int, _ context: ViewContext)
    /// A key while `takesText`: what it asks for, or nil when the view leaves the key to the
    /// keymap (Esc, F1, Ctrl-C).
    mutating func type(_ key: Key, _ context: ViewContext) -> [Effect]?

    /// The geometry this state needs in `area`: scroll positions clamped to the rows that fit,
    /// and where the rows are for the mouse. A pure function of the state.
    func layout(in area: Rect) -> ViewLayout
    /// Keeps what the layout computed (clamped offsets, page size), so input works on what is
    /// shown; a view may also prepare what the rows on screen need (formatted cells) here.
    mutating func apply(_ layout: ViewLayout, _ context: ViewContext)
    /// Draws the view as laid out. Changes nothing.
    func render(_ layout: ViewLayout, theme: Theme, into buffer: inout Buffer)
}

extension DashboardView {
    public var filterText: String? { nil }
    public var liveRefreshMilliseconds: Int? { nil }
    public var takesText: Bool { false }
    public var breadcrumbs: [String] { [] }
    public mutating func drill(into path: [String], _ context: ViewContext) -> String? {
        path.isEmpty ? nil : "this view has no levels to open: \(path.joined(separator: " "))"
    }
    public mutating func type(_ key: Key, _ context: ViewContext) -> [Effect]? { nil }
    public mutating func setFilter(_ text: String, _ context: ViewContext) {}
    public mutating func click(at point: Point, layout: ViewLayout, _ context: ViewContext) -> [Effect] { [] }
    public mutating func scroll(by rows: Int, _ context: ViewContext) {}
}

/// Where a view's parts are on screen, for one state and one area.
public struct ViewLayout: Equatable, Sendable {
    public var area: Rect
    /// The scrolling list, if the view shows one.
    public var list: ListLayout?
    /// Rows a page key moves by.
    public var pageRows: Int

    public init(area: Rect, list: ListLayout? = nil, pageRows: Int = 1) {
        self.area = area
        self.list = list
        self.pageRows = max(1, pageRows)
    }
}

/// A scrolling list as laid out: where its body rows are and which row comes first.
public struct ListLayout: Equatable, Sendable {
    /// The rectangle of the body rows (below the header), for mouse hits.
    public var body: Rect
    /// The list's state scrolled so its selection is visible in `body`.
    public var table: TableState

    /// The row index under a screen point, if it falls on a row that exists.
    public func row(at point: Point, rowCount: Int) -> Int? {
        guard body.contains(point) else { return nil }
        let index = table.offset + point.y - body.y
        return index < rowCount ? index : nil
    }
}

extension ListLayout {
    /// A table's body in `inner` (a header row, then rows), its state scrolled to fit.
    static func table(_ state: TableState, rowCount: Int, in inner: Rect) -> ListLayout {
        let body = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: max(0, inner.height - 1))
        var scrolled = state
        scrolled.scrollToSelection(visibleRows: max(0, inner.height - 1), rowCount: rowCount)
        return ListLayout(body: body, table: scrolled)
    }
}
