/// Simulator verbs for stream traffic, which AWS has no API for:
///
/// ```
/// sim producer start NAME --stream S [--rate 200] [--keys 100] [--hot-key-share 0.5] [--template clickstream|orders]
/// sim producer stop NAME
/// sim producer list
/// sim consumer start APP --stream S [--workers 2] [--initial-position TRIM_HORIZON|LATEST]
/// sim consumer stop APP
/// sim consumer kill-worker APP WORKER
/// sim consumer add-worker APP
/// sim consumer list
/// ```
public enum KinesisSimVerb: Equatable, Sendable {
    case startProducer(Producer.Settings)
    case stopProducer(String)
    case listProducers
    case startConsumer(name: String, stream: String, workers: Int, initialPosition: String)
    case stopConsumer(String)
    case killWorker(application: String, worker: String)
    case addWorker(application: String)
    case listConsumers

    static let producerActions = ["start", "stop", "list"]
    static let consumerActions = ["start", "stop", "kill-worker", "add-worker", "list"]

    /// Parses the words after `sim producer` or `sim consumer`.
    static func parse(_ noun: Tokenizer.Token, _ words: [Tokenizer.Token]) throws(CommandError) -> KinesisSimVerb {
        let actions = noun.text == "producer" ? producerActions : consumerActions
        guard let action = words.first, actions.contains(action.text) else {
            let word = words.first
            throw CommandError("'sim \(noun.text)' needs one of: \(actions.joined(separator: ", "))\(word.map { Suggest.didYouMean($0.text, in: actions) } ?? "")",
                               token: word?.text ?? noun.text, column: word?.column ?? noun.column)
        }
        var positional: [Tokenizer.Token] = []
        var options: [String: Tokenizer.Token] = [:]
        var i = 1
        while i < words.count {
            let w = words[i]
            if w.text.hasPrefix("--") {
                guard i + 1 < words.count else { throw CommandError("Option '\(w.text)' needs a value", token: w.text, column: w.column) }
                options[w.text] = words[i + 1]
                i += 2
            } else {
                positional.append(w)
                i += 1
            }
        }
        let allowed: [String]
        switch (noun.text, action.text) {
        case ("producer", "start"): allowed = ["--stream", "--rate", "--keys", "--hot-key-share", "--template"]
        case ("consumer", "start"): allowed = ["--stream", "--workers", "--initial-position"]
        default: allowed = []
        }
        for (name, value) in options where !allowed.contains(name) {
            throw CommandError("Unknown option '\(name)' for sim \(noun.text) \(action.text)\(Suggest.didYouMean(name, in: allowed))", token: name, column: value.column)
        }
        func name(_ n: Int, _ what: String) throws(CommandError) -> String {
            guard positional.count > n else { throw CommandError("'sim \(noun.text) \(action.text)' needs \(what)", token: action.text, column: action.column) }
            return positional[n].text
        }
        func number(_ option: String, default value: Double) throws(CommandError) -> Double {
            guard let token = options[option] else { return value }
            guard let n = Double(token.text), n.isFinite else { throw CommandError("\(option) needs a number, not '\(token.text)'", token: token.text, column: token.column) }
            return n
        }
        func stream() throws(CommandError) -> String {
            guard let s = options["--stream"] else { throw CommandError("'sim \(noun.text) start' needs --stream NAME", token: action.text, column: action.column) }
            return s.text
        }
        switch (noun.text, action.text) {
        case ("producer", "start"):
            let templateText = options["--template"]?.text ?? "clickstream"
            guard let template = PayloadTemplate(rawValue: templateText) else {
                throw CommandError("--template must be \(PayloadTemplate.allCases.map(\.rawValue).joined(separator: " or ")), not '\(templateText)'",
                                   token: templateText, column: options["--template"]?.column)
            }
            let share = try number("--hot-key-share", default: 0)
            guard (0...1).contains(share) else { throw CommandError("--hot-key-share must be between 0 and 1", token: options["--hot-key-share"]?.text) }
            let keys = try number("--keys", default: 100)
            guard keys >= 1, keys == keys.rounded(), keys <= 1_000_000 else { throw CommandError("--keys must be a whole number from 1 to 1000000", token: options["--keys"]?.text) }
            return .startProducer(Producer.Settings(name: try name(0, "a producer name"), streamName: try stream(),
                                                    recordsPerSecond: try number("--rate", default: 100),
                                                    keys: KeyDistribution(keyCount: Int(keys), hotKeyShare: share), template: template))
        case ("producer", "stop"): return .stopProducer(try name(0, "a producer name"))
        case ("consumer", "start"):
            let workers = try number("--workers", default: 2)
            guard workers == workers.rounded(), workers >= 1, workers <= 100 else { throw CommandError("--workers must be a whole number from 1 to 100", token: options["--workers"]?.text) }
            let position = options["--initial-position"]?.text.uppercased().replacingOccurrences(of: "-", with: "_") ?? "TRIM_HORIZON"
            guard ConsumerApplication.InitialPosition(rawValue: position) != nil else {
                throw CommandError("--initial-position must be TRIM_HORIZON or LATEST", token: options["--initial-position"]?.text)
            }
            return .startConsumer(name: try name(0, "an application name"), stream: try stream(), workers: Int(workers), initialPosition: position)
        case ("consumer", "stop"): return .stopConsumer(try name(0, "an application name"))
        case ("consumer", "kill-worker"): return .killWorker(application: try name(0, "an application name"), worker: try name(1, "a worker id"))
        case ("consumer", "add-worker"): return .addWorker(application: try name(0, "an application name"))
        case ("consumer", "list"): return .listConsumers
        default: return .listProducers
        }
    }
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
