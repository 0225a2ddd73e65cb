/// The whole simulated estate: one clock, one seeded generator, one bus, and the services.
///
/// An `Estate` is confined to the thread that created it — the app loop, a test, or `cloudtop run`
/// — and is changed only through operations (`execute`), which are plain values so that another
/// front end (a network gateway) can hand them over from elsewhere without a redesign.
public final class Estate {
    public let name: String
    public let seed: UInt64
    public let scheduler: Scheduler
    public let bus: EventBus
    public var accountID: String { ec2.context.accountID }
    public var region: String { ec2.context.region }

    /// How fast the interactive clock runs against the wall clock; the app loop reads it.
    public private(set) var speed: Double = 1
    public private(set) var isPaused = false

    public let ec2: EC2Service
    public let kinesis: KinesisService
    public let edge: EdgeService
    public let stacks: StacksService
    /// Seeded faults (`faults:` in estate.yaml), when started.
    public internal(set) var faults: FaultInjector?
    public let jobs: JobsService
    public let search: SearchService
    public let warehouse: WarehouseService
    public let redshiftData: RedshiftDataService
    public let s3: S3Service
    public private(set) var services: [any EstateService] = []

    /// `recordStore` holds stream records; by default an in-memory SQLite database behind the
    /// default memory budget (the CLI passes one in a folder on disk). `edgeCodeRunner` runs edge
    /// handler code; by default worker processes, started on first use.
    public init(name: String = "cloudtop", seed: UInt64 = Estate.defaultSeed, eventHistory: Int = 2000,
                metricsPeriod: SimDuration = .seconds(60), recordStore: RecordStore? = nil,
                edgeCodeRunner: (any EdgeCodeRunner)? = nil) {
        self.name = name
        self.seed = seed
        let scheduler = Scheduler()
        self.scheduler = scheduler
        let bus = EventBus(historyCapacity: eventHistory) { scheduler.now }
        self.bus = bus
        let root = SeededRandom(seed: seed)
        let accountID = "123456789012", region = "us-east-1"
        func context(_ label: String) -> ServiceContext {
            ServiceContext(scheduler: scheduler, bus: bus, random: root.fork(label), accountID: accountID, region: region)
        }
        ec2 = EC2Service(context: context("ec2"), metricsPeriod: metricsPeriod)
        let records = recordStore ?? .inMemory()
        kinesis = KinesisService(context: context("kinesis"), recordStore: records)
        edge = EdgeService(context: context("edge"), codeRunner: edgeCodeRunner)
        let kinesisService = self.kinesis
        // CloudFront real-time logs go through the Kinesis service's own put path.
        edge.kinesisPut = { stream, record, key in
            (try? kinesisService.putRecord(streamName: stream, text: record, partitionKey: key)) != nil
        }
        warehouse = WarehouseService(context: context("redshift"))
        redshiftData = RedshiftDataService(warehouse: warehouse, context: context("redshift-data"))
        s3 = S3Service(context: context("s3"), bodyStore: records.segments as? any ObjectBodyStore)
        warehouse.objectStore = s3
        stacks = StacksService(context: context("cloudformation"))
        jobs = JobsService(context: context("jobs"), kinesis: kinesis)
        search = SearchService(context: context("search"))
        jobs.documents = search
        jobs.useStorage(s3: s3, warehouse: warehouse)
        services = [ec2, kinesis, edge, EdgeLambdaAPI(edge: edge), warehouse, redshiftData, s3, jobs, search, stacks]
        // Stacks provision through the same operations the command language runs.
        stacks.execute = { [unowned self] request in self.execute(request) }
        stacks.estate = self
    }

    /// The seed used when none is given, so two plain runs agree.
    public static let defaultSeed: UInt64 = 42

    public var now: SimInstant { scheduler.now }

    // MARK: - Operations

    public func service(named name: String) -> (any EstateService)? {
        services.first { $0.serviceName == name }
    }

    /// Runs one operation; a failure leaves the estate as it was.
    public func execute(_ request: OperationRequest) -> Result<JSONValue, AWSError> {
        guard let service = service(named: request.service) else {
            return .failure(.paramValidation("Unknown service '\(request.service)'."))
        }
        do {
            return .success(try service.perform(request.operation, Parameters(request.parameters)))
        } catch {
            return .failure(error)
        }
    }

    // MARK: - The clock

    public func advance(by duration: SimDuration) { scheduler.advance(by: duration) }
    public func advance(to instant: SimInstant) { scheduler.advance(to: instant) }

    public func setSpeed(_ x: Double) {
        let clamped = min(SimSpeed.maximum, max(SimSpeed.minimum, x))
        guard clamped != speed else { return }
        speed = clamped
        bus.publish(SimEvent(kind: .speedChanged(clamped)))
    }

    public func pause() {
        guard !isPaused else { return }
        isPaused = true
        bus.publish(SimEvent(kind: .paused))
    }

    public func resume() {
        guard isPaused else { return }
        isPaused = false
        bus.publish(SimEvent(kind: .resumed))
    }

    // MARK: - Dump

    /// The state dump (ARCHITECTURE.md): every service in AWS shapes, then the recent events.
    public func dump() -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("Clock", [
                "Now": .string(SimCalendar.iso8601(now)),
                "ElapsedMilliseconds": .int(now.milliseconds),
                "Speed": .double(speed),
                "Paused": .bool(isPaused),
                "Seed": .string(String(seed)),
            ]),
        ]
        // A service with an empty dump key keeps its state in another's (lambda's is in Edge).
        for service in services where !service.dumpKey.isEmpty { pairs.append((service.dumpKey, service.dump())) }
        pairs.append(("Events", .array(bus.history.map(\.json))))
        return .object(pairs)
    }
}
