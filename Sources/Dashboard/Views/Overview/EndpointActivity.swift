import Estate

/// The endpoints `--listen` opened and how busy the AWS one is: requests per wall second.
///
/// A dashboard-side fact, not the estate's: the estate sees requests in virtual time, while a
/// script's rate is counted in the seconds of the person watching. Requests are counted from the
/// bus (each answered request is an event there); the loop closes each wall second with `tick`,
/// so the count never reads a clock itself and a test can close seconds by hand.
public final class EndpointActivity {
    public static let capacity = 120
    /// The AWS endpoint's URL: `http://127.0.0.1:4566`.
    public let aws: String
    /// The warehouse leader's `host:port`.
    public let postgres: String
    /// Requests answered since the endpoint opened.
    public private(set) var total: UInt64 = 0
    /// Requests in each closed wall second, oldest first.
    public private(set) var perSecond = MetricRing(capacity: capacity)
    /// Bumped when a second closes, so the Overview redraws even when nothing else moved.
    public private(set) var version: UInt64 = 0
    private var counting: (second: Int64, requests: Int)?

    /// `isRequest` says which bus events are requests (the endpoint's module knows its own event).
    public init(aws: String, postgres: String, bus: EventBus, isRequest: @escaping (BusEvent) -> Bool) {
        self.aws = aws
        self.postgres = postgres
        bus.subscribe { [weak self] event in
            guard let self, isRequest(event) else { return }
            self.total &+= 1
            if let c = self.counting { self.counting = (c.second, c.requests + 1) }
        }
    }

    /// Closes every wall second before `second`: the one being counted gets its count, and any
    /// seconds skipped since (an idle loop) get zero. The first call only starts counting.
    public func tick(wallSecond second: Int64) {
        guard let c = counting else { counting = (second, 0); return }
        guard second > c.second else { return }
        perSecond.append(Double(c.requests))
        for _ in 0..<min(Int64(Self.capacity), second - c.second - 1) { perSecond.append(0) }
        counting = (second, 0)
        version &+= 1
    }
}
