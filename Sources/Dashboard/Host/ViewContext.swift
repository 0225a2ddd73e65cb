import Estate
import Terminal

/// What a view may read while it handles a key or refreshes its model: the estate, the shared
/// models fed by the bus, and the look. Rendering gets none of it: a view draws only its state.
public struct ViewContext {
    public let estate: Estate
    public let theme: Theme
    public let eventLog: EventLog
    public let samples: OverviewModel
    /// Change counters per service, bumped by the bus; a view rebuilds its model only when the
    /// counters it depends on moved.
    public let versions: BusVersions
    /// The endpoints `--listen` opened and their request rate; nil without `--listen`.
    public var endpoints: EndpointActivity? = nil
}

/// How many events each service has published: a cheap "did anything change" for view models.
public final class BusVersions {
    private(set) var counts: [String: UInt64] = [:]
    /// All events, any service.
    public private(set) var total: UInt64 = 0

    init(bus: EventBus) {
        bus.subscribe { [weak self] event in
            self?.counts[event.event.service, default: 0] &+= 1
            self?.total &+= 1
        }
    }

    public subscript(service: String) -> UInt64 { counts[service] ?? 0 }
}
