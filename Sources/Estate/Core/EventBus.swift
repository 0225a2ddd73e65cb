import DequeModule

/// What every service event can tell the bus, the event log and the dump.
public protocol ServiceEvent: Sendable {
    /// The service that emitted it: `ec2`, `kinesis`, `sim`.
    var service: String { get }
    /// A short kind name, e.g. `InstanceStateChanged`.
    var name: String { get }
    /// The resource it concerns (an instance id, a stream name), if any.
    var resourceID: String? { get }
    /// One line for people.
    var summary: String { get }
    /// The details as AWS-shaped JSON, for the dump.
    var detail: JSONValue { get }
}

/// A delivered event: what happened and when, numbered in simulation order.
public struct BusEvent: Sendable {
    public let sequence: UInt64
    public let time: SimInstant
    public let event: any ServiceEvent

    public var json: JSONValue {
        [
            "Sequence": .int(Int64(sequence)),
            "Time": .string(SimCalendar.iso8601(time)),
            "Service": .string(event.service),
            "Name": .string(event.name),
            "ResourceId": event.resourceID.map(JSONValue.string) ?? .null,
            "Summary": .string(event.summary),
            "Detail": event.detail,
        ]
    }
}

/// Carries every state change to its subscribers, in the order it happened.
///
/// Delivery is synchronous on the estate's thread. An event published while another is being
/// delivered (a subscriber reacting by changing the estate) waits in a queue, so every subscriber
/// sees all events in the same order. A bounded history lets late subscribers (the Events view,
/// the dump) see the recent past without the bus growing forever.
public final class EventBus {
    public struct Subscription: Hashable, Sendable { let id: Int }

    public let historyCapacity: Int
    public private(set) var history: Deque<BusEvent> = []
    public private(set) var publishedCount: UInt64 = 0

    private var subscribers: [(id: Int, handler: (BusEvent) -> Void)] = []
    private var nextSubscriberID = 0
    private var pending: Deque<BusEvent> = []
    private var delivering = false
    private let clock: () -> SimInstant

    public init(historyCapacity: Int = 2000, clock: @escaping () -> SimInstant) {
        self.historyCapacity = max(0, historyCapacity)
        self.clock = clock
    }

    @discardableResult
    public func subscribe(_ handler: @escaping (BusEvent) -> Void) -> Subscription {
        nextSubscriberID += 1
        subscribers.append((nextSubscriberID, handler))
        return Subscription(id: nextSubscriberID)
    }

    public func unsubscribe(_ subscription: Subscription) {
        subscribers.removeAll { $0.id == subscription.id }
    }

    public func publish(_ event: any ServiceEvent) {
        publishedCount += 1
        let delivered = BusEvent(sequence: publishedCount, time: clock(), event: event)
        if historyCapacity > 0 {
            if history.count == historyCapacity { history.removeFirst() }
            history.append(delivered)
        }
        pending.append(delivered)
        guard !delivering else { return }
        delivering = true
        defer { delivering = false }
        while let next = pending.popFirst() {
            for subscriber in subscribers { subscriber.handler(next) }
        }
    }
}
