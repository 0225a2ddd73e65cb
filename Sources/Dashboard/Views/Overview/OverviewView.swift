import Estate
import Terminal

extension ViewID {
    public static let overview = ViewID("overview")
}

/// The Overview: every service at a glance, and the latest events.
public struct OverviewView: DashboardView {
    public private(set) var model: OverviewViewModel?
    private var version: (events: UInt64, second: Int64, endpoints: UInt64)?

    public init() {}

    public var scope: Action.Scope { .global }
    public var footerActions: [Action] { [.nextView] }

    /// Anything on the bus can change a tile or the event list, and stream rates move each second
    /// without an event; the endpoints' rate moves each wall second.
    public mutating func refresh(_ context: ViewContext) -> Bool {
        let now = (context.versions.total, context.estate.now.milliseconds / 1000, context.endpoints?.version ?? 0)
        if let version, version == now, model != nil { return false }
        version = now
        let s = context.estate.ec2.summary
        let samples = context.samples
        let tiles = ViewRegistry.all.compactMap { registration -> OverviewTile? in
            if let service = registration.service, context.estate.service(named: service) == nil { return nil }
            return registration.overviewTile?(context)
        }
        model = OverviewViewModel(ec2: s, stoppedOrOther: s.total - s.running - s.pending - s.stopped,
                                  averageCPU: samples.averageCPUPercent.values, networkIn: samples.networkInBytes.values,
                                  recentEvents: Array(context.eventLog.newestFirst.prefix(40)), tiles: tiles)
        return true
    }

    public mutating func handle(_ action: Action, _ context: ViewContext) -> [Effect] { [] }

    public func layout(in area: Rect) -> ViewLayout { ViewLayout(area: area) }

    public mutating func apply(_ layout: ViewLayout, _ context: ViewContext) {}

    public func render(_ layout: ViewLayout, theme: Theme, into buffer: inout Buffer) {
        guard let model else { return }
        OverviewPanels.render(model, theme: theme, into: &buffer, area: layout.area)
    }
}
