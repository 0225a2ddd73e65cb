/// One request's whole story through a distribution, for `edge request`, the request log and the
/// real-time log record.
public struct EdgeExchange: Sendable {
    public let requestId: String
    public let distributionId: String
    public let distributionName: String
    public let at: SimInstant
    /// The request as the viewer sent it.
    public let viewerRequest: EdgeRequest
    public var trace: [EdgeTraceStep] = []
    /// The URI after viewer-request (the one the cache is asked for) and, on a miss, after
    /// origin-request; the viewer's own when no function rewrote it.
    public var forwardedUri: String
    /// What went to the origin, or nil when it was not asked (hit, generated, error).
    public var originRequest: EdgeRequest?
    public var cacheHit = false
    public var response = EdgeResponse(status: 200)
    /// CloudFront's result type: `Hit`, `Miss`, `LambdaGeneratedResponse`, `Error`.
    public var resultType = "Miss"
    /// Why an error response was given (`LambdaValidationError: …`), for the log.
    public var errorDetail: String?
    /// Simulated time to the last byte: functions, origin and cold starts, in milliseconds.
    public var timeTakenMilliseconds: Double = 0

    init(requestId: String, distributionId: String, distributionName: String, at: SimInstant, viewerRequest: EdgeRequest) {
        self.requestId = requestId
        self.distributionId = distributionId
        self.distributionName = distributionName
        self.at = at
        self.viewerRequest = viewerRequest
        forwardedUri = viewerRequest.uri
    }

    /// The `edge request` answer.
    public var json: JSONValue {
        .object([
            ("RequestId", .string(requestId)),
            ("Distribution", .string(distributionName)),
            ("Trace", .array(trace.map(\.json))),
            ("OriginRequest", originRequest.map { $0.json(origin: nil) } ?? .null),
            ("Cache", cacheHit ? "Hit" : "Miss"),
            ("Response", response.json),
            ("Error", errorDetail.map(JSONValue.string) ?? .null),
            ("TimeTakenMilliseconds", .double((timeTakenMilliseconds * 1000).rounded() / 1000)),
        ])
    }

    /// A compact line for the request log in the dump and the dashboard.
    public var summaryJSON: JSONValue {
        .object([
            ("Time", .string(SimCalendar.iso8601(at))), ("RequestId", .string(requestId)), ("Distribution", .string(distributionName)),
            ("Method", .string(viewerRequest.method)), ("Uri", .string(viewerRequest.uri)), ("Status", .int(Int64(response.status))),
            ("ResultType", .string(resultType)),
            ("Functions", .array(trace.map { .string("\($0.eventType.rawValue):\($0.functionName)\($0.error == nil ? "" : "!")") })),
        ])
    }

    /// CloudFront real-time log fields (a subset, tab-separated in CloudFront's order).
    /// Written into one string: every request of the traffic puts one on the log stream.
    public var realtimeLogRecord: String {
        let agent = viewerRequest.headers.first("user-agent") ?? "-"
        let country = viewerRequest.country ?? "-"
        var line = ""
        line.reserveCapacity(64 + viewerRequest.clientIp.utf8.count + viewerRequest.uri.utf8.count + agent.utf8.count)
        Self.appendFormat3(SimCalendar.unixSeconds(at), to: &line)
        line += "\t"; line += viewerRequest.clientIp
        line += "\t"; Self.appendFormat3(timeTakenMilliseconds / 1000, to: &line)
        line += "\t"; line += String(response.status)
        line += "\t"; line += viewerRequest.method
        line += "\t"; line += viewerRequest.uri
        line += "\t"; line += resultType
        line += "\t"; line += requestId
        line += "\t"; line += agent
        line += "\t"; line += country
        return line
    }

    /// Seconds with three decimals, as `1717000000.123`.
    private static func appendFormat3(_ x: Double, to line: inout String) {
        let ms = Int64((x * 1000).rounded())
        let frac = abs(ms % 1000)
        line += String(ms / 1000)
        line += frac < 10 ? ".00" : frac < 100 ? ".0" : "."
        line += String(frac)
    }
}

/// One function run in a trace.
public struct EdgeTraceStep: Sendable {
    public let functionName: String
    public let version: Int?
    public let eventType: EdgeEventType
    /// The event and result in the function's own shapes; nil when the trace was kept light.
    public var input: JSONValue?
    public var output: JSONValue?
    public var error: String?
    public var durationMicroseconds: UInt64
    public var coldStart: Bool

    var json: JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("FunctionName", .string(functionName)),
            ("Version", version.map { .string(String($0)) } ?? .null),
            ("EventType", .string(eventType.rawValue)),
        ]
        if let input { pairs.append(("Input", input)) }
        if let output { pairs.append(("Output", output)) }
        pairs.append(("Error", error.map(JSONValue.string) ?? .null))
        pairs.append(("DurationMilliseconds", .double(Double(durationMicroseconds) / 1000)))
        pairs.append(("ColdStart", .bool(coldStart)))
        return .object(pairs)
    }
}
