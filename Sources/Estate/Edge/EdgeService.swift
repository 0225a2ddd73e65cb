import Collections

/// The simulated CloudFront with Lambda@Edge: distributions with caches and simulated origins,
/// functions at the four triggers, the traffic that keeps them busy, and their metrics.
///
/// Answers the `cloudfront` operations; `EdgeLambdaAPI` answers the `lambda` ones over the same
/// functions. Rule functions run in-process and deterministically; handler code goes through
/// `codeRunner`, which starts nothing until a handler is first invoked.
public final class EdgeService: EstateService {
    public let serviceName = "cloudfront"
    public let dumpKey = "Edge"

    /// Entries kept in the recent request log.
    public static let requestLogCapacity = 500

    let context: ServiceContext
    var scheduler: Scheduler { context.scheduler }
    var bus: EventBus { context.bus }
    var idRandom: SeededRandom
    var originRandom: SeededRandom
    var functionRandom: SeededRandom
    let trafficRandom: SeededRandom

    public internal(set) var distributions: [Distribution] = []
    var functionsByName: [String: EdgeFunction] = [:]
    var functionMetrics: [FunctionMetricsKey: FunctionMetrics] = [:]
    public internal(set) var requestLog: Deque<EdgeExchange> = []
    /// Per function: the virtual second being counted and the execution time started in it, to
    /// estimate concurrent executions (busy seconds per second).
    var concurrency: [String: (second: Int64, busyMicroseconds: UInt64)] = [:]
    public internal(set) var invalidationCount = 0
    /// Signs and checks session cookies (`require-session`, `edge sign-session`).
    public internal(set) var sessions = SessionSigner(secret: "cloudtop-edge-demo-secret")
    public var codeRunner: any EdgeCodeRunner
    public internal(set) var traffic: EdgeTraffic?
    /// Writes one real-time log record to a Kinesis stream (stream, record, partition key) through
    /// the Kinesis service's put path; false when the put was refused.
    public var kinesisPut: ((String, String, String) -> Bool)?

    struct FunctionMetricsKey: Hashable, Comparable {
        let function: String
        let event: EdgeEventType
        static func < (a: Self, b: Self) -> Bool { (a.function, a.event) < (b.function, b.event) }
    }

    public init(context: ServiceContext, codeRunner: (any EdgeCodeRunner)? = nil) {
        self.context = context
        idRandom = context.random.fork("ids")
        originRandom = context.random.fork("origins")
        functionRandom = context.random.fork("functions")
        trafficRandom = context.random.fork("traffic")
        self.codeRunner = codeRunner ?? ProcessCodeRunner()
        scheduleSampling()
    }

    public var functions: [EdgeFunction] { functionsByName.keys.sorted().compactMap { functionsByName[$0] } }
    public func function(named name: String) -> EdgeFunction? { functionsByName[name] }
    public func distribution(named nameOrID: String) -> Distribution? {
        distributions.first { $0.name == nameOrID || $0.id == nameOrID || $0.domainName == nameOrID }
    }

    public func setSessionSecret(_ secret: String) { sessions = SessionSigner(secret: secret) }

    /// Counters of one function at one trigger.
    public func metrics(function: String, event: EdgeEventType) -> FunctionMetrics {
        functionMetrics[FunctionMetricsKey(function: function, event: event)] ?? FunctionMetrics()
    }

    // MARK: - Ids

    static let upperAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
    static let lowerAlphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")

    func randomID(_ alphabet: [Character], _ count: Int) -> String {
        var id = ""
        id.reserveCapacity(count)
        for _ in 0..<count { id.append(alphabet[idRandom.int(in: 0...(alphabet.count - 1))]) }
        return id
    }

    // MARK: - Periodic work

    private func scheduleSampling() {
        scheduler.schedule(after: .seconds(1)) { [weak self] in
            guard let self else { return }
            for distribution in self.distributions { distribution.metrics.sample() }
            for key in self.functionMetrics.keys { self.functionMetrics[key]?.sample() }
            self.scheduleSampling()
        }
    }

    func log(_ exchange: EdgeExchange) {
        requestLog.append(exchange)
        if requestLog.count > Self.requestLogCapacity { requestLog.removeFirst() }
        if let traffic, let stream = traffic.settings.logStream, traffic.settings.distribution == exchange.distributionName, let put = kinesisPut {
            if put(stream, exchange.realtimeLogRecord, exchange.requestId) { traffic.logRecordsPut += 1 } else { traffic.logRecordsFailed += 1 }
        }
    }
}
