/// Simulator verbs for stream traffic, which AWS has no API for (`sim producer start …`,
/// `sim consumer kill-worker …`). Their words, arguments and options are the entries in `specs`,
/// which `SimVerbTable` lists with the other verbs; `KinesisService.run` carries them out.
public enum KinesisSimVerb: Equatable, Sendable {
    case startProducer(Producer.Settings)
    case stopProducer(String)
    case listProducers
    case startConsumer(name: String, stream: String, workers: Int, initialPosition: String)
    case stopConsumer(String)
    case killWorker(application: String, worker: String)
    case addWorker(application: String)
    case listConsumers

    /// The verbs' entries in `SimVerbTable`: words, arguments, options with kinds and defaults.
    static let specs: [SimVerbSpec] = [
        SimVerbSpec(["producer", "start"], arguments: [SimArgumentSpec("NAME", missing: "a producer name")], options: [
            SimOptionSpec("--stream", .text, required: true, help: "the stream to write to"),
            SimOptionSpec("--rate", .number(0...10_000_000), default: "100", help: "records per second"),
            SimOptionSpec("--keys", .wholeNumber(1...1_000_000), default: "100", help: "distinct partition keys"),
            SimOptionSpec("--hot-key-share", .number(0...1), default: "0", help: "share of records on the hottest key"),
            SimOptionSpec("--template", .choice(PayloadTemplate.allCases.map(\.rawValue)), default: PayloadTemplate.clickstream.rawValue,
                          help: "payload shape"),
        ], help: "start writing records to a stream") { a throws(CommandError) in
            .kinesis(.startProducer(Producer.Settings(
                name: a.text(0), streamName: a.text("--stream") ?? "", recordsPerSecond: a.number("--rate"),
                keys: KeyDistribution(keyCount: Int(a.number("--keys")), hotKeyShare: a.number("--hot-key-share")),
                template: PayloadTemplate(rawValue: a.text("--template") ?? "") ?? .clickstream)))
        },
        SimVerbSpec(["producer", "stop"], arguments: [SimArgumentSpec("NAME", missing: "a producer name")],
                    help: "stop a producer") { a throws(CommandError) in .kinesis(.stopProducer(a.text(0))) },
        SimVerbSpec(["producer", "list"], help: "list producers") { _ throws(CommandError) in .kinesis(.listProducers) },
        SimVerbSpec(["consumer", "start"], arguments: [SimArgumentSpec("APP", missing: "an application name")], options: [
            SimOptionSpec("--stream", .text, required: true, help: "the stream to read"),
            SimOptionSpec("--workers", .wholeNumber(1...100), default: "2", help: "workers sharing the leases"),
            SimOptionSpec("--initial-position", .choice(["TRIM_HORIZON", "LATEST"]), default: "TRIM_HORIZON",
                          help: "where a new lease table starts reading"),
        ], help: "start a KCL-style application (it resumes from its lease table if it ran before)") { a throws(CommandError) in
            .kinesis(.startConsumer(name: a.text(0), stream: a.text("--stream") ?? "", workers: Int(a.number("--workers")),
                                    initialPosition: a.text("--initial-position") ?? "TRIM_HORIZON"))
        },
        SimVerbSpec(["consumer", "stop"], arguments: [SimArgumentSpec("APP", missing: "an application name")],
                    help: "stop an application; its lease table stays") { a throws(CommandError) in .kinesis(.stopConsumer(a.text(0))) },
        SimVerbSpec(["consumer", "kill-worker"], arguments: [SimArgumentSpec("APP", missing: "an application name"),
                                                             SimArgumentSpec("WORKER", missing: "a worker id")],
                    help: "kill a worker; its leases expire and move") { a throws(CommandError) in
            .kinesis(.killWorker(application: a.text(0), worker: a.text(1)))
        },
        SimVerbSpec(["consumer", "add-worker"], arguments: [SimArgumentSpec("APP", missing: "an application name")],
                    help: "add a worker to an application") { a throws(CommandError) in .kinesis(.addWorker(application: a.text(0))) },
        SimVerbSpec(["consumer", "list"], help: "list applications and their lease tables") { _ throws(CommandError) in .kinesis(.listConsumers) },
    ]
}

extension KinesisService {
    /// Runs a simulator verb and answers with a small JSON object, like the AWS-shaped operations.
    public func run(_ verb: KinesisSimVerb) -> Result<JSONValue, AWSError> {
        do throws(AWSError) {
            switch verb {
            case let .startProducer(settings): return .success(try startProducer(settings).json)
            case let .stopProducer(name):
                try stopProducer(named: name)
                return .success(producer(named: name)?.json ?? [:])
            case .listProducers: return .success(["Producers": .array(producers.map(\.json))])
            case let .startConsumer(name, stream, workers, position):
                let app = try startConsumer(name: name, streamName: stream, workers: workers,
                                            initialPosition: ConsumerApplication.InitialPosition(rawValue: position) ?? .trimHorizon)
                return .success(app.json)
            case let .stopConsumer(name):
                try stopConsumer(name: name)
                return .success(consumerApplication(named: name)?.json ?? [:])
            case let .killWorker(app, worker):
                try killWorker(application: app, worker: worker)
                return .success(["Application": .string(app), "Worker": .string(worker), "Alive": false])
            case let .addWorker(app):
                let id = try addWorker(application: app)
                return .success(["Application": .string(app), "Worker": .string(id), "Alive": true])
            case .listConsumers: return .success(["ConsumerApplications": .array(consumerApplications.map(\.json))])
            }
        } catch {
            return .failure(error)
        }
    }
}
