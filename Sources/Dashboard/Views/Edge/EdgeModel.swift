import Estate

/// One request of the live log as the Edge view lists it, taken from the edge's request log.
public struct EdgeRequestRow: Sendable, Equatable {
    public var requestId: String
    /// `12:00:03.120`: the virtual time of day, to the millisecond.
    public var time: String
    public var distribution: String
    public var method: String
    public var uri: String
    /// The URI after the request triggers, when a function rewrote it.
    public var rewrittenUri: String?
    public var status: Int
    /// CloudFront's result type: `Hit`, `Miss`, `LambdaGeneratedResponse`, `Error`.
    public var resultType: String
    /// `trigger:function` of each function that ran, in order; `!` marks one that failed.
    public var functions: [String]

    init(_ exchange: EdgeExchange) {
        requestId = exchange.requestId
        time = String(SimCalendar.iso8601(exchange.at).dropFirst(11).prefix(12))
        distribution = exchange.distributionName
        method = exchange.viewerRequest.method
        uri = exchange.viewerRequest.uri + (exchange.viewerRequest.querystring.isEmpty ? "" : "?" + exchange.viewerRequest.querystring)
        rewrittenUri = exchange.forwardedUri == exchange.viewerRequest.uri ? nil : exchange.forwardedUri
        status = exchange.response.status
        resultType = exchange.resultType
        functions = exchange.trace.map { EdgeTrigger.short($0.eventType) + ":" + $0.functionName + ($0.error == nil ? "" : "!") }
    }

    /// The `/` filter: any of the URI, the rewritten URI, the method, the status, the result or a function.
    func matches(_ filter: TextFilter) -> Bool {
        filter.keeps([uri, rewrittenUri ?? "", method, String(status), resultType, distribution] + functions)
    }
}

/// The four triggers in a column a few cells wide.
enum EdgeTrigger {
    static func short(_ event: EdgeEventType) -> String {
        switch event {
        case .viewerRequest: return "VReq"
        case .originRequest: return "OReq"
        case .originResponse: return "ORes"
        case .viewerResponse: return "VRes"
        }
    }
}

/// What the Edge view shows, taken from the estate when it changed: plain values only, so drawing
/// reads nothing from the estate.
public struct EdgeViewModel {
    public var distributions: [EdgeDistributionRow] = []
    /// Ordered by trigger (the order a request meets them), then function.
    public var functions: [EdgeFunctionRow] = []
    /// The log after the filter, oldest first (newest at the bottom, as a log reads).
    public var requests: [EdgeRequestRow] = []
    /// Requests in the log before the filter.
    public var totalRequests = 0
    /// The filter the log was kept by, for the highlights.
    public var matcher: TextFilter = .none
    /// The selected request's whole story, for the trace pane.
    public var selected: EdgeExchange?

    static func functionsByTrigger(_ rows: [EdgeFunctionRow]) -> [EdgeFunctionRow] {
        rows.sorted { ($0.eventType, $0.functionName) < ($1.eventType, $1.functionName) }
    }
}
