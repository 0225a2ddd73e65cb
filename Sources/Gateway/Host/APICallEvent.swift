import Estate

/// One request to the endpoint, on the event bus: the Events view lists it beside the
/// simulation's own events, so a script's calls and their effects read in one timeline.
struct APICallEvent: ServiceEvent {
    /// The estate's service (`kinesis`, `ec2`), or `endpoint` for a request no service claimed.
    let service: String
    let operation: String
    let status: Int
    let errorCode: String?
    /// Wall time from the request's arrival to its answer's being ready (queueing included).
    let latencyMicroseconds: Int64

    var name: String { "APICall" }
    var resourceID: String? { operation }
    var summary: String {
        let latency = latencyMicroseconds < 10_000
            ? "\(Double(latencyMicroseconds / 10) / 100) ms" : "\(latencyMicroseconds / 1000) ms"
        // The operation is the event's resource, shown beside it; the summary says how it went.
        return "HTTP \(status)\(errorCode.map { " \($0)" } ?? "") in \(latency)"
    }
    var detail: JSONValue {
        var pairs: [(String, JSONValue)] = [("Operation", .string(operation)), ("HTTPStatus", .int(Int64(status)))]
        if let errorCode { pairs.append(("ErrorCode", .string(errorCode))) }
        pairs.append(("LatencyMicroseconds", .int(latencyMicroseconds)))
        return .object(pairs)
    }

    static func microseconds(since start: ContinuousClock.Instant) -> Int64 {
        let c = (ContinuousClock.now - start).components
        return c.seconds * 1_000_000 + c.attoseconds / 1_000_000_000_000
    }
}

extension Gateway {
    /// Whether a bus event is an answered request, for counting them outside this module (the
    /// dashboard's requests per second).
    public static func isAPICall(_ event: BusEvent) -> Bool { event.event is APICallEvent }
}
