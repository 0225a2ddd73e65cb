/// What a view of the edge reads: plain values, computed on demand, in a stable order.
public struct EdgeDistributionRow: Sendable, Equatable {
    public let name: String
    public let id: String
    public let domainName: String
    public let requests: Int
    public let requestsPerSecond: Int
    /// Requests per second over the last seconds, oldest first, for a sparkline.
    public let requestsPerSecondHistory: [Int]
    public let cacheHitRatio: Double
    /// `2xx`…`5xx` counts.
    public let statusMix: [String: Int]
    public let cachedObjects: Int
}

public struct EdgeFunctionRow: Sendable, Equatable {
    public let functionName: String
    public let version: Int?
    public let eventType: EdgeEventType
    public let runtime: String
    /// Where it is attached: `website *`, `website /account/*`.
    public let attachedTo: [String]
    public let invocations: Int
    public let errors: Int
    public let throttles: Int
    public let invocationsPerSecond: Int
    /// Invocations per second over the last seconds, oldest first, for a sparkline.
    public let invocationsPerSecondHistory: [Int]
    public let durationP50Milliseconds: Double
    public let durationP99Milliseconds: Double
}

extension EdgeService {
    public var distributionRows: [EdgeDistributionRow] {
        distributions.map { d in
            EdgeDistributionRow(name: d.name, id: d.id, domainName: d.domainName, requests: d.metrics.requests,
                                requestsPerSecond: d.metrics.latestRequestsPerSecond, requestsPerSecondHistory: Array(d.metrics.requestsPerSecond),
                                cacheHitRatio: d.metrics.cacheHitRatio, statusMix: Dictionary(uniqueKeysWithValues: d.metrics.statusMix),
                                cachedObjects: d.cache.count)
        }
    }

    /// One row per function and trigger it is attached at (or has run at), ordered by function then trigger.
    public var functionRows: [EdgeFunctionRow] {
        var places: [FunctionMetricsKey: (version: Int?, places: [String])] = [:]
        for d in distributions {
            for b in d.allBehaviors {
                for a in b.associations {
                    let key = FunctionMetricsKey(function: a.functionName, event: a.eventType)
                    places[key, default: (a.version, [])].places.append("\(d.name) \(b.pathPattern)")
                }
            }
        }
        for key in functionMetrics.keys where places[key] == nil { places[key] = (nil, []) }
        return places.keys.sorted().map { key in
            let m = functionMetrics[key] ?? FunctionMetrics()
            let runtime = functionsByName[key.function]?.latest.runtime.rawValue ?? "?"
            return EdgeFunctionRow(functionName: key.function, version: places[key]!.version, eventType: key.event, runtime: runtime,
                                   attachedTo: places[key]!.places, invocations: m.invocations, errors: m.errors, throttles: m.throttles,
                                   invocationsPerSecond: m.latestInvocationsPerSecond, invocationsPerSecondHistory: Array(m.invocationsPerSecond),
                                   durationP50Milliseconds: m.durationP50Milliseconds, durationP99Milliseconds: m.durationP99Milliseconds)
        }
    }

    /// Requests served by every distribution since the estate began: a cheap "did anything change".
    public var requestsServed: Int { distributions.reduce(0) { $0 + $1.metrics.requests } }

    /// The most recent requests, newest last, at most `limit`.
    public func recentRequests(limit: Int = 100) -> [EdgeExchange] { Array(requestLog.suffix(limit)) }

    /// Requests kept in the dump: enough to see what happened, few enough to read.
    static let dumpedRequests = 20

    public func dump() -> JSONValue {
        let lambda = EdgeLambdaAPI(edge: self)
        return .object([
            ("Distributions", .array(distributions.map { d in
                .object([("Distribution", distributionJSON(d)), ("Metrics", d.metrics.json), ("CachedObjects", .int(Int64(d.cache.count))),
                         ("Invalidations", .array(d.invalidations.suffix(10).map(invalidationJSON)))])
            })),
            ("Functions", .array(functions.map { f in
                .object([
                    ("Configuration", f.isCloudFrontFunction
                        ? .object([("Name", .string(f.name)), ("Runtime", .string(f.latest.runtime.rawValue)), ("CodeSize", .int(Int64(f.latest.sourceText.utf8.count)))])
                        : lambda.configuration(f, version: nil)),
                    ("Versions", .array(f.versions.map { .string(String($0.number)) })),
                    ("Metrics", .object(EdgeEventType.allCases.compactMap { e -> (String, JSONValue)? in
                        guard let m = functionMetrics[FunctionMetricsKey(function: f.name, event: e)] else { return nil }
                        return (e.rawValue, m.json)
                    })),
                ])
            })),
            ("Traffic", traffic?.json ?? .null),
            ("RecentRequests", .array(requestLog.suffix(Self.dumpedRequests).map(\.summaryJSON))),
        ])
    }
}
