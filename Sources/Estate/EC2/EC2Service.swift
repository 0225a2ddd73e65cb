/// The simulated EC2: instances, their lifecycle in virtual time, and their metrics.
public final class EC2Service: EstateService {
    public let serviceName = "ec2"
    public let dumpKey = "EC2"

    /// How often running instances are sampled; CloudWatch's basic monitoring period is 5 minutes,
    /// detailed monitoring 1 minute, and a live dashboard wants the finer one.
    public let metricsPeriod: SimDuration
    /// How long a terminated instance stays listed, as in AWS (about an hour).
    public static let terminatedVisibility = SimDuration.hours(1)

    let context: ServiceContext
    var scheduler: Scheduler { context.scheduler }
    var bus: EventBus { context.bus }
    /// Ids, reservations and addresses: one stream of draws.
    var idRandom: SeededRandom
    /// Transition delays.
    var lifecycleRandom: SeededRandom
    /// Workload profiles and metric noise.
    var metricsRandom: SeededRandom
    /// Volume, network interface and attachment ids and MAC addresses.
    var deviceRandom: SeededRandom

    /// Instances in launch order; `indexByID` finds them.
    public internal(set) var instances: [Instance] = []
    var indexByID: [String: Int] = [:]
    var addresses = AddressPool()
    var publicAddresses = PublicAddressPool()
    /// The one transition each instance is waiting for, so a newer command can cancel it.
    var pendingTransitions: [String: Scheduler.TaskID] = [:]
    /// Launches by their client token, for RunInstances idempotency (ClientTokens.swift).
    var launchesByToken: [String: LaunchRecord] = [:]

    public init(context: ServiceContext, metricsPeriod: SimDuration = .seconds(60)) {
        self.context = context
        self.metricsPeriod = metricsPeriod
        idRandom = context.random.fork("ids")
        lifecycleRandom = context.random.fork("lifecycle")
        metricsRandom = context.random.fork("metrics")
        deviceRandom = context.random.fork("devices")
        scheduleMetrics()
    }

    public func instance(_ id: String) -> Instance? {
        indexByID[id].map { instances[$0] }
    }

    /// Gives a running instance a new CPU profile (its stack's `Metadata.cloudtop.workload` changed),
    /// drawn from the metrics generator as `RunInstances` draws one.
    func setWorkload(_ kind: String, of id: String) {
        guard let i = indexByID[id] else { return }
        instances[i].workload = .random(kind: kind, using: &metricsRandom)
    }

    // MARK: - Totals

    /// What the header and the Overview show: running instances, their vCPUs and their cost.
    public struct Summary: Equatable, Sendable {
        public var total = 0
        public var running = 0
        public var pending = 0
        public var stopped = 0
        public var runningVCPUs = 0
        public var costPerHourUSD = 0.0
    }

    public var summary: Summary {
        var s = Summary()
        for instance in instances where instance.state != .terminated {
            s.total += 1
            switch instance.state {
            case .running:
                s.running += 1
                s.runningVCPUs += instance.vCPUs
                s.costPerHourUSD += instance.hourlyPriceUSD
            case .pending: s.pending += 1
            case .stopped: s.stopped += 1
            default: break
            }
        }
        return s
    }

    // MARK: - Metrics

    private func scheduleMetrics() {
        scheduler.schedule(after: metricsPeriod) { [weak self] in
            guard let self else { return }
            self.sampleMetrics()
            self.scheduleMetrics()
        }
    }

    func sampleMetrics() {
        let now = scheduler.now
        var sampled = 0
        for i in instances.indices where instances[i].state == .running {
            MetricSampler.sample(&instances[i], at: now, period: metricsPeriod, using: &metricsRandom)
            sampled += 1
        }
        if sampled > 0 { bus.publish(EC2Event(instanceID: nil, kind: .metricsSampled(instanceCount: sampled))) }
    }

    // MARK: - Dump

    public func dump() -> JSONValue {
        let s = summary
        return [
            "Instances": .array(instances.map { $0.describeJSON(context: context) }),
            "Metrics": .array(instances.map(\.metricsJSON)),
            "ClientTokens": clientTokensJSON,
            "Summary": [
                "Running": .int(Int64(s.running)),
                "RunningVCpus": .int(Int64(s.runningVCPUs)),
                "CostPerHourUSD": .double((s.costPerHourUSD * 10_000).rounded() / 10_000),
            ],
        ]
    }
}
