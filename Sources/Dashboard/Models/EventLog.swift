import DequeModule
import Estate

/// The Events view's model: the bus's recent events, kept as they arrive.
///
/// It subscribes rather than reading the bus's history on every frame, so it can hold more than the
/// bus keeps and so the view only changes when an event actually arrives.
public final class EventLog {
    public struct Entry: Sendable {
        public let sequence: UInt64
        public let time: SimInstant
        public let service: String
        public let name: String
        public let resourceID: String?
        public let summary: String
        /// The theme role this event is drawn in: its kind decides, not only its service.
        public let role: String
    }

    public let capacity: Int
    /// Oldest first, at most `capacity`.
    public private(set) var entries: Deque<Entry> = []
    /// Bumped on every change, so views can cache what they derived from it.
    public private(set) var version = 0
    /// `newestFirst` as last built, and the version it was built at: views ask every frame.
    private var newestFirstCache: (version: Int, entries: [Entry])?

    public init(bus: EventBus, capacity: Int = 5000) {
        self.capacity = capacity
        for event in bus.history { append(event) }
        bus.subscribe { [weak self] event in self?.append(event) }
    }

    private func append(_ event: BusEvent) {
        // Metric ticks would drown the log: they are visible in the graphs instead.
        if event.event.name == "MetricsSampled" { return }
        let e = event.event
        let entry = Entry(sequence: event.sequence, time: event.time, service: e.service, name: e.name,
                          resourceID: e.resourceID, summary: e.summary, role: Self.role(of: e))
        if entries.count == capacity { entries.removeFirst() }
        entries.append(entry)
        version &+= 1
    }

    /// State changes take the colour of the state entered; trouble (throttling, a dead worker, an
    /// expired lease) stands out; everything else takes its service's colour.
    static func role(of e: any ServiceEvent) -> String {
        if let ec2 = e as? EC2Event, case let .stateChanged(_, to) = ec2.kind { return "state.\(to.rawValue)" }
        if e.name.hasSuffix("Throttled") { return "stream.hot" }
        if ["WorkerKilled", "LeaseExpired", "LeaseStolen", "StreamDeleted"].contains(e.name) { return "warning" }
        return "event.\(e.service)"
    }

    /// Newest first.
    public var newestFirst: [Entry] {
        if let cache = newestFirstCache, cache.version == version { return cache.entries }
        let built = Array(entries.reversed())
        newestFirstCache = (version, built)
        return built
    }

    /// Events about one resource, newest first (the instance detail's history).
    public func history(of resourceID: String) -> [Entry] {
        newestFirst.filter { $0.resourceID == resourceID }
    }
}
