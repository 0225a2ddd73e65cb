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

    static let upperAlphabetBytes = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".utf8)

    func randomID(_ alphabet: [Character], _ count: Int) -> String {
        var id = ""
        id.reserveCapacity(count)
        for _ in 0..<count { id.append(alphabet[idRandom.int(in: 0...(alphabet.count - 1))]) }
        return id
    }

    /// A request id: the same draws and letters as `randomID(upperAlphabet, 20) + "=="`, written
    /// as bytes, since every request takes one.
    func requestID() -> String {
        let alphabet = Self.upperAlphabetBytes
        return String(unsafeUninitializedCapacity: 22) { buffer in
            for i in 0..<20 { buffer[i] = alphabet[idRandom.int(in: 0...(alphabet.count - 1))] }
            buffer[20] = UInt8(ascii: "="); buffer[21] = UInt8(ascii: "=")
            return 22
        }
    }

    // MARK: - Periodic work

    private func scheduleSampling() {
        scheduler.schedule(after: .seconds(1)) { [weak self] in
            guard let self else { return }
            for distribution in self.distributions { distribution.metrics.sample() }
            self.sampleFunctionMetrics()
            self.scheduleSampling()
        }
    }

    /// Closes the second for every function's counters in place. Walking `keys` while writing
    /// through the dictionary would keep a second reference to its storage and copy all of it,
    /// histograms included, once per function every virtual second.
    private func sampleFunctionMetrics() {
        var index = functionMetrics.values.startIndex
        while index != functionMetrics.values.endIndex {
            functionMetrics.values[index].sample()
            functionMetrics.values.formIndex(after: &index)
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
