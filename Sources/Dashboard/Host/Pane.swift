import Estate
import Terminal

/// A part of the screen that shows one view at a time and remembers the others it has shown.
///
/// Each pane keeps its own value of every view it showed, so two panes can show the EC2 view
/// with different selections, and leaving a view and coming back finds it as it was.
public struct Pane {
    public private(set) var current: ViewID
    private var views: [ViewID: any DashboardView] = [:]
    /// The geometry of the current view at the last layout, for the mouse.
    public internal(set) var layout: ViewLayout?

    public init(showing id: ViewID = .overview) {
        current = id
        views[id] = ViewRegistry.registration(id)?.make()
    }

    /// Shows `id`, making its view on first use.
    public mutating func show(_ id: ViewID) {
        if views[id] == nil, let registration = ViewRegistry.registration(id) { views[id] = registration.make() }
        if current != id { layout = nil }
        current = id
    }

    /// The view on show.
    public var view: any DashboardView {
        get { views[current]! }
        set { views[current] = newValue }
    }

    /// The view on show as its own type, e.g. `pane.view(EC2View.self)?.table.selected`.
    public func view<V: DashboardView>(_ type: V.Type) -> V? { views[current] as? V }

    /// Changes the view on show when it is of type `V`; returns what `change` returned.
    @discardableResult
    mutating func modify<V: DashboardView, R>(_ type: V.Type, _ change: (inout V) -> R) -> R? {
        guard var v = views[current] as? V else { return nil }
        let result = change(&v)
        views[current] = v
        return result
    }
}
